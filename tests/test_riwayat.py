"""Laporan sebagai deret: riwayat dari folder tahun-tahun sebelumnya, audit riwayat yang diketik ulang,
sidik keadaan/cache, tren semua tahun. Data: deret sintetis 3 SKPD × 3 tahun (``lkj synth skpd --tahun 3``)
ditambah satu SKPD yang riwayatnya salah diketik ulang."""

from __future__ import annotations

import shutil

import pytest

from conftest import ROOT
from lkj_lib.audit import audit
from lkj_lib.batch.cache import sidik_masukan as sidik_cache
from lkj_lib.batch.sintetis import buat_deret
from lkj_lib.cli import main
from lkj_lib.masukan import muat
from lkj_lib.sajian.tabel_laporan import tabel_perbandingan_tahun, tabel_tren
from lkj_lib.ukur.hasil import hitung
from lkj_lib.ukur.keadaan import sidik_masukan
from lkj_lib.ukur.riwayat import folder_tahun_lalu, label_folder

SUMBER = {
    "bagian-organisasi-riam-kanan": ROOT / "params" / "bagian-organisasi-riam-kanan" / "2023",
    "inspektorat-riam-kanan": ROOT / "params" / "inspektorat-riam-kanan" / "2023",
    "bkpsdm-balangan": ROOT / "params" / "bkpsdm-balangan" / "2022",
}


@pytest.fixture(scope="module")
def deret(tmp_path_factory):
    akar = tmp_path_factory.mktemp("params")
    out = {k: buat_deret(s, akar, tahun=3, nomor=1, seed=5) for k, s in SUMBER.items()}
    out["salah"] = buat_deret(SUMBER["bagian-organisasi-riam-kanan"], akar, tahun=3, nomor=2, seed=5,
                              salah_ketik=True)
    return out


def _temuan_riwayat(h):
    a = audit(h)
    return a[a["aturan"].str.startswith("riwayat")]


@pytest.mark.parametrize("skpd", list(SUMBER))
def test_deret_konsisten_riwayat_dari_folder_lalu(deret, skpd):
    f2021, f2022, akhir = deret[skpd]
    assert [int(f.name) for f in deret[skpd]] == [int(f2021.name), int(f2021.name) + 1, int(f2021.name) + 2]
    assert folder_tahun_lalu(akhir) == [f2021, f2022]
    h = hitung(muat(akhir))
    assert [f.sah for f in h.tahun_lalu] == [True, True]
    for lalu in (f2021, f2022):
        th = int(lalu.name)
        sendiri = hitung(muat(lalu)).iku_semua.set_index("kode_indikator")  # laporan tahun itu, dihitung sendiri
        rw = h.riwayat[h.riwayat["tahun"] == th].set_index("kode_indikator")
        assert set(rw["sumber"]) == {label_folder(lalu)}
        for kode in sendiri.index:
            assert rw.at[kode, "realisasi"] == pytest.approx(sendiri.at[kode, "realisasi"], nan_ok=True)
            assert rw.at[kode, "capaian"] == pytest.approx(sendiri.at[kode, "capaian"], nan_ok=True)
    # riwayat konsisten: tidak ada temuan riwayat
    assert _temuan_riwayat(h).empty
    # perbandingan dengan tahun lalu memakai laporan N-1
    pb = h.perbandingan.set_index("kode_indikator")
    n1 = hitung(muat(f2022)).iku_semua.set_index("kode_indikator")
    for kode in n1.index:
        assert pb.at[kode, "realisasi_tahun_lalu"] == pytest.approx(n1.at[kode, "realisasi"], nan_ok=True)
        assert pb.at[kode, "sumber_tahun_lalu"] == label_folder(f2022)


def test_riwayat_salah_ketik_menjadi_temuan_dan_laporan_memakai_folder_lalu(deret):
    awal, _, akhir = deret["salah"]
    th = int(awal.name)
    h = hitung(muat(akhir))
    t = _temuan_riwayat(h)
    assert len(t) == 1
    r = t.iloc[0]
    kode = r["kode"]
    asli = hitung(muat(awal)).iku_semua.set_index("kode_indikator").at[kode, "realisasi"]
    ketik = h.data["realisasi"].set_index(["kode_indikator", "tahun"]).at[(kode, th), "realisasi"]
    assert ketik == pytest.approx(asli * 1.1, rel=0.01) and ketik != pytest.approx(asli)
    assert r["aturan"] == "riwayat_realisasi" and r["tingkat"] == "peringatan" and r["lokasi"] == f"realisasi {kode} {th}"
    # kedua berkas disebut: ketikan di folder ini dan folder laporan tahun itu
    assert f"{label_folder(akhir)}/data/realisasi.csv:" in r["sumber"] and r["sumber"].endswith(label_folder(awal))
    assert label_folder(awal) in r["pesan"] and "realisasi.csv baris" in r["pesan"]
    # laporan memakai nilai laporan tahun itu, bukan ketikan
    rw = h.riwayat.set_index(["kode_indikator", "tahun"])
    assert rw.at[(kode, th), "realisasi"] == pytest.approx(asli)
    assert rw.at[(kode, th), "sumber"] == label_folder(awal)


def test_folder_lalu_tidak_sah_peringatan_bukan_crash(deret, tmp_path):
    awal, tengah, akhir = deret["bagian-organisasi-riam-kanan"]
    salin = tmp_path / awal.parent.name
    for f in (awal, tengah, akhir):
        shutil.copytree(f, salin / f.name)
    (salin / tengah.name / "data" / "tujuan.csv").write_text("kode_tujuan,tujuan\n", encoding="utf-8")
    h = hitung(muat(salin / akhir.name))
    assert [f.sah for f in h.tahun_lalu] == [True, False]
    t = _temuan_riwayat(h)
    (r,) = t[t["aturan"] == "riwayat_folder"].to_dict("records")
    assert r["tingkat"] == "peringatan" and label_folder(salin / tengah.name) in r["pesan"]
    # tahun itu memakai nilai yang diketik di folder ini
    rw = h.riwayat[h.riwayat["tahun"] == int(tengah.name)]
    assert set(rw["sumber"]) == {"diketik (realisasi.csv)"}
    assert set(h.riwayat.loc[h.riwayat["tahun"] == int(awal.name), "sumber"]) == {label_folder(salin / awal.name)}


def test_sidik_keadaan_dan_cache_mencakup_folder_lalu(deret, tmp_path):
    awal, tengah, akhir = deret["inspektorat-riam-kanan"]
    salin = tmp_path / awal.parent.name
    for f in (awal, tengah, akhir):
        shutil.copytree(f, salin / f.name)
    sebelum = (sidik_masukan(salin / akhir.name), sidik_cache(salin / akhir.name))
    p = salin / tengah.name / "data" / "realisasi.csv"
    p.write_text(p.read_text(encoding="utf-8") + "\n", encoding="utf-8")  # sunting folder tahun lalu
    sesudah = (sidik_masukan(salin / akhir.name), sidik_cache(salin / akhir.name))
    assert sebelum[0] != sesudah[0] and sebelum[1] != sesudah[1]
    # folder tahun SESUDAHNYA tidak ikut: tahun lalu tidak bergantung pada tahun ini
    tengah_sebelum = sidik_masukan(salin / tengah.name)
    q = salin / akhir.name / "data" / "realisasi.csv"
    q.write_text(q.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert sidik_masukan(salin / tengah.name) == tengah_sebelum


def test_tabel_tren_semua_tahun_dan_target_akhir(deret):
    awal, tengah, akhir = deret["bkpsdm-balangan"]
    h = hitung(muat(akhir))
    kode = h.iku["kode_indikator"].iloc[0]
    t = tabel_tren(h, kode)
    tahun = [b["tahun"] for b in t.baris]
    n0 = int(awal.name)
    assert tahun[:4] == [n0 - 1, n0, n0 + 1, n0 + 2]  # riwayat sebelum deret (diketik) + tiga laporan
    assert tahun[-1] == f"Target akhir Renstra ({h.profil.renstra_akhir})"
    sumber = {b["tahun"]: b["sumber"] for b in t.baris}
    assert sumber[n0] == label_folder(awal) and sumber[n0 + 1] == label_folder(tengah)
    assert sumber[n0 + 2] == "laporan ini" and sumber[n0 - 1].startswith("diketik")
    assert "sumber" in t.data.columns and any("dari " + label_folder(awal) in c for c in t.catatan)
    pb = tabel_perbandingan_tahun(h)
    assert pb.catatan and label_folder(tengah) in pb.catatan[0]


def test_tanpa_folder_lalu_sumber_diketik(mini):
    h = hitung(muat(mini))
    rw = h.riwayat.set_index(["kode_indikator", "tahun"])
    assert rw.at[("IKU1", 2023), "sumber"] == "diketik (realisasi.csv)"
    assert rw.at[("IKU1", 2024), "sumber"] == "laporan ini"
    assert h.tahun_lalu == []
    assert h.perbandingan.set_index("kode_indikator").at["IKU1", "realisasi_tahun_lalu"] == 75


def test_grafik_tren_garis_target_akhir(mini):
    from lkj_lib.grafik.laporan import grafik_tren

    h = hitung(muat(mini))
    ax = grafik_tren(h.riwayat, "IKU1", "indeks", *h.target_akhir("IKU1")).axes[0]
    teks = [t.get_text() for t in ax.get_legend().get_texts()]
    assert "Target akhir Renstra (2026)" in teks
    (garis,) = [ln for ln in ax.lines if ln.get_linestyle() == "--"]
    assert list(garis.get_ydata()) == [90.0, 90.0]
    assert ax.get_ylim()[1] >= 90.0


def test_synth_deret_lewat_cli(tmp_path, capsys):
    kode = main(["synth", "skpd", "--n", "1", "--from", str(SUMBER["bagian-organisasi-riam-kanan"]),
                 "--out", str(tmp_path), "--tahun", "2"])
    assert kode == 0
    d = tmp_path / "bagian-organisasi-riam-kanan-sintetis-001"
    assert sorted(p.name for p in d.iterdir()) == ["2023", "2024"]
    assert muat(d / "2024").profil.sintetis


def test_build_deret_tiga_tahun(deret, tmp_path):
    """Laporan tahun ketiga dibangun (HTML): perbandingan dan tren diambil dari dua folder sebelumnya."""
    import json

    import pandas as pd

    from lkj_lib.bangun import bangun

    awal, tengah, akhir = deret["bagian-organisasi-riam-kanan"]
    hsl = bangun(akhir, tmp_path / "out", pdf=False)
    html = hsl.html.read_text(encoding="utf-8")
    f = hsl.html.parent
    m = json.loads((f / "manifest.json").read_text(encoding="utf-8"))
    assert sorted(m["masukan_tahun_lalu"]) == [label_folder(awal), label_folder(tengah)]
    assert len(m["masukan_tahun_lalu"][label_folder(awal)]["data/realisasi.csv"]) == 64
    tren = sorted((f / "data").glob("tabel-3-*-tren_*.csv"))
    assert len(tren) == 3  # satu per IKU
    df = pd.read_csv(tren[0])
    sumber = dict(zip(df["tahun"], df["sumber"]))
    assert sumber[int(awal.name)] == label_folder(awal) and sumber[int(tengah.name)] == label_folder(tengah)
    pb = pd.read_csv(next((f / "data").glob("tabel-3-*-perbandingan_tahun.csv")))
    assert set(pb["sumber_tahun_lalu"]) == {label_folder(tengah)}
    assert "Target akhir Renstra (2026)" in html and f"2023 dari {label_folder(awal)}" in html
    assert len(list((f / "figures").glob("*.png"))) == html.count("<figcaption")


def test_target_pk_tahun_lalu_diketik_berbeda(deret, tmp_path):
    awal, tengah, akhir = deret["bagian-organisasi-riam-kanan"]
    salin = tmp_path / awal.parent.name
    for f in (awal, tengah, akhir):
        shutil.copytree(f, salin / f.name)
    th = int(awal.name)
    pk_awal = hitung(muat(awal)).iku_semua.set_index("kode_indikator").at["IKU2", "target"]
    p = salin / akhir.name / "data" / "perjanjian_kinerja.csv"
    baris = p.read_text(encoding="utf-8").splitlines()
    kolom = baris[0].split(",")
    isi = {"kode_indikator": "IKU2", "tahun": str(th), "target_murni": "1"}
    p.write_text("\n".join(baris + [",".join(isi.get(k, "") for k in kolom)]) + "\n", encoding="utf-8")
    h = hitung(muat(salin / akhir.name))
    t = _temuan_riwayat(h)
    (r,) = t[t["aturan"] == "riwayat_target"].to_dict("records")
    assert r["kode"] == "IKU2" and r["dilaporkan"] == "1" and float(r["dihitung"].replace(",", ".")) == pk_awal
    assert "perjanjian_kinerja.csv" in r["sumber"] and r["sumber"].endswith(label_folder(salin / awal.name))
    # capaian IKU2 tahun itu tetap dari laporan tahun itu
    rw = h.riwayat.set_index(["kode_indikator", "tahun"])
    assert rw.at[("IKU2", th), "target"] == pk_awal


def test_validate_kerangka_disebut_sekali(mini, capsys):
    from lkj_lib.masukan.belum import PENANDA_KERANGKA

    (mini / "narasi" / "latar_belakang.md").write_text(PENANDA_KERANGKA + "\nTulis latar belakang.\n",
                                                       encoding="utf-8")
    assert main(["validate", str(mini)]) == 0
    out = capsys.readouterr().out
    assert out.count("narasi/latar_belakang.md") == 1 and "belum diisi (masih kerangka)" in out
    assert "build final menunggu 1 narasi wajib" in out  # disebut sekali (sebagai kerangka), tetap dihitung
