"""Keluaran yang dibuka orang lain: CSV/xlsx tanpa injeksi rumus, teks grafik literal, fuzz kecil.

Lihat docs/keamanan.md. Fuzz besar: ``make fuzz-masukan`` (tests/fuzz/fuzz_masukan.py).
"""

from __future__ import annotations

import copy
import csv
import io
import shutil
import sys
from argparse import Namespace
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from matplotlib.text import Text

from lkj_lib import ekspor
from lkj_lib.ekspor import netral, perlu_netral

sys.path.insert(0, str(Path(__file__).parent / "fuzz"))

JAHAT_IKU = '=HYPERLINK("http://x","klik")'
JAHAT_SASARAN = "@SUM(A1)"
JAHAT_CATATAN = "\t=1+1"
JAHAT_PROGRAM = r"$\foo{x}$ 50% _a^b"
JAHAT_TUJUAN = "=cmd|' /C calc'!A0"


# ------------------------------------------------------------------ aturan netralisasi
@pytest.mark.parametrize("teks", [JAHAT_IKU, JAHAT_SASARAN, JAHAT_CATATAN, JAHAT_TUJUAN, "+1+1", "-2+3",
                                  "\r=1+1", "-x", "=", "\uff1d1+1", "@", "-1,5 dokumen", "- 5", "-1+1"])
def test_teks_berbahaya_diberi_kutip(teks):
    assert netral(teks) == "'" + teks
    assert not perlu_netral(netral(teks))


@pytest.mark.parametrize("teks", ["-0,18", "-1.234,5", "+12%", "-12,5%", "-1e5", "-1E+05", "+3", "-.5", "-",
                                  "+", "", "Indeks Kepuasan", "'=1+1", " =1+1", "1+1", "a=b"])
def test_bilangan_polos_dan_teks_biasa_tidak_diubah(teks):
    assert netral(teks) == teks


def test_bukan_teks_tidak_diubah():
    for v in (-1.5, -3, 0, True, None, float("nan")):
        assert netral(v) is v


def test_netral_df_hanya_sel_teks():
    df = pd.DataFrame({"nama": [JAHAT_IKU, "biasa", "-0,18"], "capaian": [-12.5, 100.0, float("nan")],
                       "n": [-1, 2, 3]})
    out = ekspor.netral_df(df)
    assert out["nama"].tolist() == ["'" + JAHAT_IKU, "biasa", "-0,18"]
    pd.testing.assert_series_equal(out["capaian"], df["capaian"])
    pd.testing.assert_series_equal(out["n"], df["n"])
    assert df["nama"].iloc[0] == JAHAT_IKU  # salinan; asli tidak berubah


def test_tulis_csv_angka_negatif_tetap_angka(tmp_path):
    df = pd.DataFrame({"kode": ["-1+1", "A"], "nilai": [-0.18, -1234.5]})
    p = ekspor.tulis_csv(df, tmp_path / "x.csv")
    baris = list(csv.reader(open(p, newline="", encoding="utf-8")))
    assert baris == [["kode", "nilai"], ["'-1+1", "-0.18"], ["A", "-1234.5"]]


def test_xlsx_teks_berawalan_sama_dengan_tetap_teks(tmp_path):
    df = pd.DataFrame({"nama": [JAHAT_IKU, JAHAT_SASARAN, "biasa"], "nilai": [-1.5, 2, 3]})
    p = ekspor.tulis_xlsx(df, tmp_path / "x.xlsx", lembar="skm")
    ws = openpyxl.load_workbook(p)["skm"]
    assert [c.value for c in ws["A"]] == ["nama", JAHAT_IKU, JAHAT_SASARAN, "biasa"]  # isi persis, tanpa kutip
    assert [c.data_type for c in ws["A"]] == ["s", "s", "s", "s"]  # bukan 'f' (rumus)
    assert ws["A2"].quotePrefix and not ws["A4"].quotePrefix
    assert [c.value for c in ws["B"]][1:] == [-1.5, 2, 3]


def test_xlsx_karakter_kendali_dibuang(tmp_path):
    """Karakter kendali (ESC dari teks berwarna terminal, BEL) tidak sah di XML xlsx: dulu reviu xlsx gagal
    dengan IllegalCharacterError (temuan fuzz-masukan seed 2029 #2211, indikator '\\x1b[31mmerah')."""
    df = pd.DataFrame({"nama": ["\x1b[31mmerah", "a\x07b", "biasa\tdan\nbaris"]})
    p = ekspor.tulis_xlsx(df, tmp_path / "k.xlsx", lembar="x")
    ws = openpyxl.load_workbook(p)["x"]
    assert [c.value for c in ws["A"]] == ["nama", "[31mmerah", "ab", "biasa\tdan\nbaris"]


def test_templat_excel_dari_csv_tidak_menulis_rumus(tmp_path, mini):
    from lkj_lib.templat_excel import tulis_xlsx

    p = mini / "data" / "tujuan.csv"
    p.write_text(f"kode_tujuan,tujuan\nT1,\"{JAHAT_TUJUAN}\"\n", encoding="utf-8")
    ws = openpyxl.load_workbook(tulis_xlsx(tmp_path / "data.xlsx", mini / "data"))["tujuan"]
    assert ws["B2"].value == JAHAT_TUJUAN and ws["B2"].data_type == "s"


def test_synth_skm_xlsx_dan_csv(tmp_path):
    from lkj_lib.cli import main

    assert main(["synth", "skm", "--n", "5", "--seed", "1", "--out", str(tmp_path / "s.xlsx")]) == 0
    ws = openpyxl.load_workbook(tmp_path / "s.xlsx")["skm"]
    assert ws["A1"].value == "responden" and ws.max_row == 6
    assert all(isinstance(c.value, int) for c in ws["H"][1:])  # u1 tetap angka


def test_tabel_laporan_csv_dinetralkan(tmp_path):
    from lkj_lib.sajian.tabel import Kolom, TabelLaporan

    data = pd.DataFrame({"indikator": [JAHAT_IKU, "-0,18"], "capaian": [-0.18, 105.0], "_baris": [2, 3]})
    t = TabelLaporan("uji", "Uji", [Kolom("Indikator", "indikator")], data.to_dict("records"), data)
    t.csv(tmp_path / "t.csv")
    assert list(csv.reader(open(tmp_path / "t.csv", newline="", encoding="utf-8"))) == [
        ["indikator", "capaian", "baris_masukan"], ["'" + JAHAT_IKU, "-0.18", "2"], ["-0,18", "105.0", "3"]]


# ------------------------------------------------------------------ alur: masukan jahat → data/*.csv, audit.csv
def _mini_jahat(folder: Path) -> Path:
    from mini import TABEL, tulis_mini

    t = copy.deepcopy(TABEL)
    t["indikator"][0]["indikator"] = JAHAT_IKU
    t["indikator"][1]["indikator"] = "a\nb _a^b $x$"
    t["sasaran"][0]["sasaran"] = JAHAT_SASARAN
    t["tujuan"][0]["tujuan"] = JAHAT_TUJUAN
    t["realisasi"][0]["catatan"] = JAHAT_CATATAN
    t["renja"][0]["nama"] = JAHAT_PROGRAM
    t["indikator_renja"][2]["indikator"] = "-2+3 dokumen"
    return tulis_mini(folder, t)


def _bangun(folder, akar):
    from pelaksana import PelaksanaDalamProses

    from lkj_lib.bangun import bangun

    return bangun(folder, akar, pdf=False, pelaksana=PelaksanaDalamProses(), log=None)


def _sel(p: Path) -> list[str]:
    with open(p, newline="", encoding="utf-8") as f:
        return [v for row in csv.reader(f) for v in row]


@pytest.fixture(scope="module")
def dua_build(tmp_path_factory):
    akar = tmp_path_factory.mktemp("keamanan")
    from mini import tulis_mini

    biasa = tulis_mini(akar / "in-biasa" / "dinas-contoh" / "2024")
    jahat = _mini_jahat(akar / "in-jahat" / "dinas-contoh" / "2024")
    return _bangun(biasa, akar / "out-biasa"), _bangun(jahat, akar / "out-jahat"), jahat


def test_csv_keluaran_build_dinetralkan(dua_build):
    _, hj, _ = dua_build
    berkas = sorted((hj.folder / "data").glob("*.csv")) + [hj.folder / "audit.csv"]
    semua = {p.name: _sel(p) for p in berkas}
    salah = [(n, v) for n, sel in semua.items() for v in sel if perlu_netral(v)]
    assert not salah
    gabung = [v for sel in semua.values() for v in sel]
    for jahat in (JAHAT_IKU, JAHAT_SASARAN, JAHAT_TUJUAN):
        assert "'" + jahat in gabung, jahat
        assert jahat not in gabung
    # catatan realisasi tidak ditampilkan di tabel mana pun: cukup tidak pernah mentah
    assert JAHAT_CATATAN not in gabung


def test_kolom_angka_sama_dengan_build_biasa(dua_build):
    hb, hj, _ = dua_build
    nama_b = sorted(p.name for p in (hb.folder / "data").glob("*.csv"))
    assert nama_b == sorted(p.name for p in (hj.folder / "data").glob("*.csv"))
    dibanding = 0
    for nama in [*(f"data/{n}" for n in nama_b), "audit.csv"]:
        b = pd.read_csv(hb.folder / nama)
        j = pd.read_csv(hj.folder / nama)
        # kolom angka = bertipe angka dan tidak kosong semua (kolom teks kosong, mis. catatan, dibaca float NaN)
        angka = [c for c in b.columns if pd.api.types.is_numeric_dtype(b[c]) and b[c].notna().any()]
        assert list(j.columns) == list(b.columns)
        for c in angka:
            pd.testing.assert_series_equal(j[c], b[c], check_names=True, obj=f"{nama}:{c}")
            dibanding += 1
    assert dibanding >= 20  # benar-benar ada kolom angka yang dibandingkan


def test_grafik_dengan_nama_jahat_ikut_dibangun(dua_build):
    _, hj, _ = dua_build
    html = hj.html.read_text(encoding="utf-8")
    assert "Gambar 3.1" in html and html.count('<figure class="gambar-lkj">') >= 3
    assert "$\\foo{x}$ 50% _a^b" in html  # nama program tampil literal (di-escape HTML, bukan rumus)


def test_lkj_audit_cli_dinetralkan(dua_build, tmp_path):
    from lkj_lib.cli.laporan import cmd_audit

    _, _, jahat = dua_build
    # mini jahat + satu angka dilaporkan yang salah, berlokasi/bercatatan jahat → masuk CSV temuan
    p = jahat.parent.parent.parent / "cli" / "dinas-contoh" / "2024"
    shutil.copytree(jahat, p)
    with open(p / "data" / "angka_dilaporkan.csv", "a", newline="", encoding="utf-8") as f:
        csv.writer(f).writerow(["=Tabel 9", "iku", "IKU1", "", "capaian", "-7", "@catatan"])
    out = io.StringIO()
    sys_stdout, sys.stdout = sys.stdout, out
    try:
        cmd_audit(Namespace(folder=[str(p)], keluaran=str(tmp_path), semua=True))
    finally:
        sys.stdout = sys_stdout
    sel = _sel(tmp_path / "audit" / "dinas-contoh-2024.csv")
    assert "'=Tabel 9" in sel
    assert not [v for v in sel if perlu_netral(v)]


# ------------------------------------------------------------------ grafik: teks literal
NAMA_ANEH = [r"$\foo{x}$", "50%", "_a^b", "baris\nbaru", "$x$ dan $y$"]


def _png(fig) -> bytes:
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=50, bbox_inches="tight")  # di luar gaya(), seperti tampil.gambar
    return buf.getvalue()


def _semua_teks(fig) -> list[str]:
    return [t.get_text() for t in fig.findobj(Text)]


@pytest.mark.parametrize("nama", NAMA_ANEH)
def test_grafik_laporan_teks_literal(nama):
    from lkj_lib.grafik import laporan as g

    iku = pd.DataFrame([{"indikator": nama, "satuan": nama, "target": 80.0, "realisasi": 84.0, "capaian": 105.0,
                         "polaritas": "positif", "penanda": "", "target_op": ""}])
    riwayat = pd.DataFrame({"kode_indikator": ["K"] * 2, "tahun": [2021, 2022], "target": [1.0, 2.0],
                            "realisasi": [1.0, 2.5], "penanda": ["", ""], "indikator": [nama] * 2,
                            "satuan": [nama] * 2})
    anggaran = pd.DataFrame({"jenis": ["program"], "nama": [nama], "pagu": [1e9], "realisasi": [9e8],
                             "serapan": [90.0]})
    tw = pd.DataFrame([{"nama": nama, "indikator": nama, **{f"capaian_tw{i}": 25.0 * i for i in range(1, 5)}}])
    renja = pd.DataFrame({"kategori": [nama, "Tinggi"]})
    figs = [g.grafik_target_realisasi(iku), g.grafik_tren(riwayat, "K"), g.grafik_serapan_program(anggaran),
            g.grafik_triwulan(tw, per_indikator=True), g.grafik_distribusi_kategori(renja)]
    datar = nama.replace("\n", " ")
    for fig in figs:
        assert _png(fig)[:4] == b"\x89PNG"
        teks = [t.replace("\n", " ") for t in _semua_teks(fig)]
        assert any(datar in t for t in teks), teks  # tertulis apa adanya (judul, label sumbu, legenda)
        assert all(not t.get_parse_math() for t in fig.findobj(Text))


def test_grafik_merit_nama_aspek_literal():
    from lkj_lib.grafik.instrumen import grafik_merit
    from lkj_lib.instrumen.merit import HasilMerit

    aspek = pd.DataFrame({"no_aspek": [1, 2], "aspek": [r"$\foo{x}$", "50% _a^b"], "n_indikator": [1, 1],
                          "maks": [10.0, 10.0], "mandiri": [5.0, 6.0], "verifikasi": [float("nan")] * 2})
    h = HasilMerit.__new__(HasilMerit)
    for k, v in dict(aspek=aspek, total_mandiri=11.0, total_verifikasi=None, kategori_mandiri="x",
                     kategori_verifikasi=None).items():
        object.__setattr__(h, k, v)
    fig = grafik_merit(h)
    assert _png(fig)[:4] == b"\x89PNG"
    assert any(r"$\foo{x}$" in t for t in _semua_teks(fig))


# ------------------------------------------------------------------ fuzz kecil (bagian dari pengujian biasa)
def test_fuzz_kecil_tanpa_traceback():
    """50 mutan (validate + audit; HTML dibangun di uji alur di atas dan di ``make fuzz-masukan``)."""
    import fuzz_masukan

    pesan: list[str] = []
    r = fuzz_masukan.jalankan(n=50, seed=7, j=2, batas_waktu=30, html=False, batas_mem=4 << 30, laporan=None,
                              cetak=lambda *a, **k: pesan.append(" ".join(map(str, a))))
    assert r["masukan"] == 50
    assert r["diterima"] + r["ditolak"] + r["galat_lkj"] + r["traceback"] == 50 - r["anak_mati"] - r["batas_waktu"]
    assert r["diterima"] >= 5 and r["ditolak"] >= 5  # mutan memang beragam
    assert (r["traceback"], r["pelanggaran"], r["anak_mati"], r["batas_waktu"]) == (0, 0, 0, 0), "\n".join(pesan)
