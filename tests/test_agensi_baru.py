"""SKPD selain BKPSDM, tahun mana pun: yang lolos ``lkj validate`` harus terbangun, dan benar.

Varian dari SKPD kecil ``tests/mini.py`` (angka dihitung tangan di komentar): bagian opsional
kosong, struktur program → kegiatan (tanpa sub kegiatan), sasaran tanpa program, isian triwulan per
triwulan, realisasi anggaran per triwulan, riwayat sebelum periode Renstra, narasi wajib.
"""

from __future__ import annotations

import copy
import html as _html
import re

import pandas as pd
import pytest

from mini import TABEL, YAML, tulis_mini
from lkj_lib.audit import audit
from lkj_lib.errors import InputError
from lkj_lib.masukan import muat
from lkj_lib.sajian import narasi as gen
from lkj_lib.sajian import tabel_laporan as tl
from lkj_lib.sajian.kelengkapan import periksa_narasi
from lkj_lib.tampil import Sesi
from lkj_lib.ukur.hasil import hitung


# --------------------------------------------------------------------------- varian SKPD
def _tabel(**ubah) -> dict:
    t = copy.deepcopy(TABEL)
    for k, v in ubah.items():
        if v is None:
            t.pop(k, None)
        else:
            t[k] = v
    return t


# 2020-an: program → kegiatan, kegiatan membawa pagu. Pagu 1.1 = 700.000, 1.2 = 300.000 → program 1.000.000;
# realisasi 630.000 + 240.000 = 870.000 → serapan 87%.
RENJA_2020 = [
    {"kode": "1", "jenis": "program", "nama": "Program Pelayanan"},
    {"kode": "1.1", "jenis": "kegiatan", "nama": "Kegiatan Layanan", "pagu_murni": "700.000",
     "realisasi_anggaran": "630.000"},
    {"kode": "1.2", "jenis": "kegiatan", "nama": "Kegiatan Pendukung", "pagu_murni": "300.000",
     "realisasi_anggaran": "240.000"},
]


def tanpa_opsional(folder, opsional=("isu_strategis",)):
    """Semua bagian opsional kosong: tanpa indikator Renja (CSV berjudul saja), tanpa sub kegiatan,
    tanpa pembanding/triwulan/instrumen/angka_dilaporkan/sasaran_program, tanpa data tahun lalu,
    tanpa target akhir Renstra."""
    t = _tabel(indikator_renja=[], sasaran_program=[], pembanding=None, angka_dilaporkan=None, renja=RENJA_2020,
               realisasi=[r for r in TABEL["realisasi"] if r["tahun"] == "2024"],
               perjanjian_kinerja=[r for r in TABEL["perjanjian_kinerja"] if r["tahun"] == "2024"],
               indikator=[{k: v for k, v in r.items() if k != "target_akhir"} for r in TABEL["indikator"]])
    yaml = YAML + f"  narasi_opsional: [{', '.join(opsional)}]\n" if opsional else YAML
    f = tulis_mini(folder, t, yaml)
    for k in opsional:
        (f / "narasi" / f"{k}.md").unlink()
    # narasi mini mengutip anggaran TABEL (900.000); build final menolak narasi yang salah kutip
    (f / "narasi" / "realisasi_anggaran.md").write_text(
        "Pagu Rp 1.000.000 terealisasi Rp 870.000 atau 87,00% dengan sisa Rp 130.000.", encoding="utf-8")
    return f


# --------------------------------------------------------------------------- pemeriksa HTML
_RE_H = re.compile(r"<h([1-6])\b[^>]*>(.*?)</h\1>", re.S)


def masalah_html(teks: str) -> list[str]:
    """Cacat tampilan: nan/None/NaN, sisa templat, 'Tidak ada data', tabel tanpa sel data, judul yang
    langsung diikuti judul setingkat/lebih tinggi atau akhir dokumen (judul tanpa isi)."""
    badan = re.sub(r'src="data:[^"]*"', 'src=""', teks)
    badan = re.sub(r"<(style|script)\b.*?</\1>", "", badan, flags=re.S)
    polos = _html.unescape(re.sub(r"<[^>]+>", " ", badan))
    out = [f"kata terlarang {m.group(0)!r}" for m in re.finditer(r"\b(nan|NaN|None)\b|\{\{|Tidak ada data", polos)]
    out += ["tabel tanpa <td>" for t in re.findall(r"<table\b.*?</table>", badan, re.S) if "<td" not in t]
    judul = list(_RE_H.finditer(badan))
    huruf = []
    for j in judul:  # huruf bagian berurutan di setiap BAB: A, B, C (tanpa lompatan bila bagian hilang)
        teks_j = re.sub(r"<[^>]+>", " ", j.group(2)).strip()
        if j.group(1) == "1":
            huruf = []
        elif j.group(1) == "2" and (m := re.match(r"([A-Z])\. ", teks_j)):
            huruf.append(m.group(1))
            if huruf != [chr(ord("A") + i) for i in range(len(huruf))]:
                out.append(f"huruf bagian melompat: {teks_j!r}")
    for a, b in zip(judul, judul[1:] + [None]):
        isi = badan[a.end(): b.start() if b else len(badan)]
        kosong = not re.sub(r"<[^>]+>|\s|&nbsp;", "", isi)
        if kosong and (b is None or int(b.group(1)) <= int(a.group(1))):
            out.append(f"judul tanpa isi: {re.sub(r'<[^>]+>', ' ', a.group(2)).strip()!r}")
    return out


def test_pemeriksa_html_menangkap_cacat():
    buruk = ("<h2>A</h2><h2>B</h2><p>x</p><table><tr><th>k</th></tr></table><p>nilai nan dan None</p>"
             "<h3>C</h3><h1>BAB</h1><h2>A. a</h2><p>x</p><h2>C. c</h2><p>y</p>")
    m = masalah_html(buruk)
    assert "huruf bagian melompat: 'C. c'" in m
    assert "judul tanpa isi: 'A'" in m and "judul tanpa isi: 'C'" in m and "judul tanpa isi: 'B'" not in m
    assert "tabel tanpa <td>" in m and "kata terlarang 'nan'" in m and "kata terlarang 'None'" in m
    assert masalah_html("<h2>Penanggung jawab</h2><p>keuangan</p>") == []


# --------------------------------------------------------------------------- butir 1: bagian opsional kosong
@pytest.fixture
def h_kosong(tmp_path):
    return hitung(muat(tanpa_opsional(tmp_path / "dinas-kosong" / "2024")))


def test_renja_tanpa_sub_kegiatan_roll_up_dari_kegiatan(h_kosong):
    a = h_kosong.anggaran.set_index("kode")
    assert a.at["1", "pagu"] == 1_000_000 and a.at["1", "realisasi"] == 870_000
    assert a.at["1", "serapan"] == pytest.approx(87.0)
    assert h_kosong.total["pagu"] == 1_000_000
    assert h_kosong.capaian_renja.empty and list(h_kosong.capaian_renja.columns)[:3] == ["id", "kode", "jenis"]


def test_kalimat_tanpa_jenis_yang_tidak_ada(h_kosong):
    from lkj_lib.sajian import uraian

    teks = uraian.kalimat_renja(h_kosong) + gen.kalimat_anggaran(h_kosong)
    assert "sub kegiatan" not in teks and "0 (nol)" not in teks
    assert "1 program dan 2 kegiatan" in teks and "1 (satu) program dan 2 (dua) kegiatan" in teks


def test_tabel_opsional_kosong_tidak_dicetak(h_kosong, tmp_path):
    lap = Sesi.__new__(Sesi)  # tanpa memuat ulang: pakai hasil hitung fixture
    lap.h, lap.data, lap.profil, lap.keluaran, lap.draf, lap.bab = h_kosong, h_kosong.data, h_kosong.profil, None, False, 3
    lap._n_tabel = lap._n_gambar = 0
    for f in (tl.tabel_capaian_renja, tl.tabel_triwulan, tl.tabel_anggaran_triwulan, tl.tabel_anggaran_sasaran,
              tl.tabel_perbandingan_tahun, tl.tabel_vs_renstra):
        assert f(h_kosong).kosong, f.__name__
        assert lap.tabel(f(h_kosong)) == ""
    assert lap._n_tabel == 0  # tabel yang tidak tampil tidak memakan nomor
    assert lap.bagian("Pemantauan Triwulan", lap.tabel(tl.tabel_triwulan(h_kosong)), lap.teks(""), tingkat=3) == ""
    assert lap.bagian("X", lap.teks("isi")).startswith("<h2")
    assert gen.kalimat_triwulan(h_kosong) == ""


# --------------------------------------------------------------------------- butir 2: sasaran tanpa program
def _dua_sasaran(t: dict) -> dict:
    t["sasaran"] = TABEL["sasaran"] + [{"kode_sasaran": "S2", "kode_tujuan": "T1", "sasaran": "Meningkatnya disiplin"}]
    t["indikator"][1]["kode_induk"] = "S2"  # IKU2 milik S2, yang tidak dipetakan ke program mana pun
    return t


def test_sasaran_tanpa_program_tidak_meminjam_anggaran(tmp_path):
    h = hitung(muat(tulis_mini(tmp_path / "dinas-dua" / "2024", _dua_sasaran(_tabel()))))
    ef = h.efisiensi_iku.set_index("kode_indikator")
    # S1 (IKU1): capaian 105, serapan program 1 = 90 → selisih 15 (Efisien)
    assert ef.at["IKU1", "serapan"] == pytest.approx(90.0) and ef.at["IKU1", "efisiensi"] == pytest.approx(15.0)
    # S2 (IKU2): tanpa program → tanpa serapan dan tanpa efisiensi (kode lama: serapan 90, "Efisien")
    assert pd.isna(ef.at["IKU2", "serapan"]) and pd.isna(ef.at["IKU2", "efisiensi"])
    assert ef.at["IKU2", "simpulan_efisiensi"] == "-"
    assert "tidak dipetakan ke program (lembar sasaran_program)" in ef.at["IKU2", "alasan_efisiensi"]
    teks = gen.kalimat_efisiensi(h)
    assert "tidak dapat dinilai karena sasaran ini tidak dipetakan ke program (lembar sasaran_program)" in teks
    t = tl.tabel_efisiensi_iku(h)
    html = t.html("3.1")
    assert "-<sup>a</sup>" in html and "a) Efisiensi tidak dinilai: sasaran ini tidak dipetakan" in html
    assert "S2 tidak dipetakan ke program" in tl.tabel_anggaran_sasaran(h).html("3.2")


# --------------------------------------------------------------------------- butir 3: riwayat sebelum Renstra
def test_riwayat_sebelum_periode_renstra_ditampilkan(mini):
    from lkj_lib.grafik.laporan import grafik_tren

    data = muat(mini)  # Renstra 2021-2026; seri IKM 2019..2024 (2019, 2020 sebelum periode)
    tambah = pd.DataFrame([{"kode_indikator": "IKU1", "tahun": th, "realisasi": v, "status": "final",
                            "catatan": "", "_baris": 90 + i}
                           for i, (th, v) in enumerate(((2019, 70.0), (2020, 71.0), (2021, 72.0), (2022, 73.5)))])
    data.tabel["realisasi"] = pd.concat([data.tabel["realisasi"], tambah], ignore_index=True)
    h = hitung(data)
    rw = h.riwayat[h.riwayat["kode_indikator"] == "IKU1"]
    assert list(rw.loc[rw["realisasi"].notna(), "tahun"]) == [2019, 2020, 2021, 2022, 2023, 2024]
    p = h.perbandingan.set_index("kode_indikator")
    assert p.at["IKU1", "realisasi_tahun_lalu"] == 75.0 and p.at["IKU1", "selisih_realisasi"] == 9.0
    ax = grafik_tren(h.riwayat, "IKU1", "indeks").axes[0]
    assert [t.get_text() for t in ax.get_xticklabels()] == [str(t) for t in range(2019, 2025)]
    kolom = [k.judul for k in tl.tabel_riwayat(h, "sasaran").kolom]
    assert kolom.count("2019") == 3  # target, realisasi, capaian


# --------------------------------------------------------------------------- butir 4: bentuk triwulan
# 1.1.1 diisi PER TRIWULAN: target 2/2/2/2 (tahunan 8), realisasi 3/4/3/3 → kumulatif 3/7/10/13;
# capaian kumulatif TW II = 7/4 = 175%, TW IV = 13/8 = 162,5%; capaian dalam TW II = 4/2 = 200%.
# Dibaca kumulatif (kode lama) TW IV = 3/2 = 150% dan "realisasi kumulatif TW III < TW II" palsu.
IR_PER_TW = {"kode": "1.1.1", "urutan": "1", "indikator": "Jumlah dokumen", "target": "8 dokumen",
             "realisasi": "13 dokumen", "bentuk_triwulan": "per_triwulan",
             **{f"target_tw{i}": "2 dokumen" for i in range(1, 5)},
             **{f"realisasi_tw{i}": f"{v} dokumen" for i, v in zip(range(1, 5), (3, 4, 3, 3))}}


def _triwulan(folder, yaml=YAML, dua_sasaran=False, **ir):
    t = _dua_sasaran(_tabel()) if dua_sasaran else _tabel()
    t["indikator_renja"] = [IR_PER_TW if r["kode"] == "1.1.1" else r for r in t["indikator_renja"]]
    t["indikator_renja"][2] = {**t["indikator_renja"][2], **ir}
    # realisasi anggaran per triwulan (per triwulan): 1.1.1 100/150/150/140 rb = 540 rb; 1.1.2 90 rb × 4 = 360 rb
    for r, tw in zip(t["renja"][2:], ((100_000, 150_000, 150_000, 140_000), (90_000,) * 4)):
        r.update({f"realisasi_anggaran_tw{i}": str(v) for i, v in zip(range(1, 5), tw)})
    t["angka_dilaporkan"] = [r for r in t["angka_dilaporkan"] if r["besaran"] != "capaian_tw3"]
    return tulis_mini(folder, t, yaml)


def test_triwulan_per_triwulan_dijumlahkan(tmp_path):
    h = hitung(muat(_triwulan(tmp_path / "dinas-tw" / "2024", YAML + "  bentuk_triwulan: per_triwulan\n")))
    tw = h.triwulan.set_index("id").loc["1.1.1#1"]
    assert [tw[f"realisasi_tw{i}"] for i in range(1, 5)] == [3, 7, 10, 13]
    assert [tw[f"realisasi_per_tw{i}"] for i in range(1, 5)] == [3, 4, 3, 3]
    assert tw["capaian_tw2"] == pytest.approx(175.0) and tw["capaian_tw4"] == pytest.approx(162.5)
    assert tw["capaian_per_tw2"] == pytest.approx(200.0) and tw["masalah"] == []
    html = tl.tabel_triwulan(h).html("3.5")
    assert "Realisasi dalam triwulan" in html and "Capaian kumulatif (%)" in html and "162,50" in html
    assert not audit(h)["aturan"].str.startswith("triwulan").any()


def test_bentuk_kolom_mengalahkan_pengaturan_dan_salah_bentuk_disarankan(tmp_path):
    # pengaturan bawaan kumulatif; baris 1.1.1 menyatakan per_triwulan → tetap dijumlahkan
    h = hitung(muat(_triwulan(tmp_path / "a" / "2024")))
    assert h.triwulan.set_index("id").at["1.1.1#1", "realisasi_tw4"] == 13
    # tanpa pernyataan: dibaca kumulatif → TW IV (3) ≠ tahunan (13) dan jumlah isian = 13 → saran bentuk
    h = hitung(muat(_triwulan(tmp_path / "b" / "2024", bentuk_triwulan="")))
    m = h.triwulan.set_index("id").at["1.1.1#1", "masalah"]
    assert "realisasi kumulatif TW III lebih kecil dari TW II" in m
    assert any("mungkin diisi per triwulan (nyatakan bentuk_triwulan: per_triwulan)" in x for x in m)


def test_anggaran_per_triwulan_roll_up_dan_audit(tmp_path):
    h = hitung(muat(_triwulan(tmp_path / "dinas-tw" / "2024", YAML + "  bentuk_triwulan: per_triwulan\n")))
    a = h.anggaran_triwulan.set_index("kode")
    # program = 1.1.1 + 1.1.2: 190/240/240/230 rb per triwulan; kumulatif 190/430/670/900 rb dari pagu 1 jt
    assert [a.at["1", f"realisasi_per_tw{i}"] for i in range(1, 5)] == [190_000, 240_000, 240_000, 230_000]
    assert [a.at["1", f"serapan_kum_tw{i}"] for i in range(1, 5)] == pytest.approx([19.0, 43.0, 67.0, 90.0])
    assert a["masalah"].map(len).sum() == 0
    assert "triwulan I, II, III, dan IV masing-masing sebesar 19,00%, 43,00%, 67,00%, dan 90,00%" in \
        gen.kalimat_triwulan(h)
    assert "Realisasi Anggaran per Triwulan" in tl.tabel_anggaran_triwulan(h).html("3.6")
    # TW IV kumulatif 1.1.2 ≠ realisasi tahunan → peringatan audit
    data = h.data
    data.tabel["renja"].loc[data.tabel["renja"]["kode"] == "1.1.2", "realisasi_anggaran_tw4"] = 50_000
    t = audit(hitung(data))
    r = t[t["aturan"] == "triwulan_anggaran"]
    assert list(r["kode"]) == ["1.1.2"] and "berbeda dengan realisasi tahunan (Rp 360.000)" in r["pesan"].iloc[0]


# --------------------------------------------------------------------------- butir 5: narasi wajib
def test_narasi_wajib_terdaftar_dengan_nama_berkas(tmp_path):
    f = tanpa_opsional(tmp_path / "x" / "2024", opsional=())
    for k in ("isu_strategis", "dasar_hukum"):
        (f / "narasi" / f"{k}.md").unlink()
    m = periksa_narasi(muat(f))
    assert [x.berkas for x in m] == ["narasi/dasar_hukum.md", "narasi/isu_strategis.md"]
    assert "narasi_opsional" in m[0].saran
    f2 = tanpa_opsional(tmp_path / "y" / "2024")  # isu_strategis dinyatakan opsional
    assert periksa_narasi(muat(f2)) == []


def test_build_final_menolak_narasi_wajib_yang_kosong(tmp_path):
    from lkj_lib.bangun import bangun

    f = tanpa_opsional(tmp_path / "x" / "2024", opsional=())
    (f / "narasi" / "sebab_dan_solusi.md").unlink()
    with pytest.raises(InputError, match=r"narasi/sebab_dan_solusi\.md"):
        bangun(f, tmp_path / "out", pdf=False, log=None)
    assert not (tmp_path / "out" / "x").exists()  # tidak ada yang setengah jadi


# --------------------------------------------------------------------------- build HTML utuh
@pytest.fixture(scope="module")
def pelaksana():
    from lkj_lib.batch.kernel import PelaksanaHangat

    p = PelaksanaHangat()
    yield p
    p.tutup()


@pytest.mark.slow
@pytest.mark.parametrize("draf", [False, True])
def test_build_skpd_tanpa_bagian_opsional(tmp_path, pelaksana, draf):
    from lkj_lib.bangun import bangun

    f = tanpa_opsional(tmp_path / "dinas-kosong" / "2024")
    hasil = bangun(f, tmp_path / "out", pdf=False, log=None, pelaksana=pelaksana, draf=draf)
    teks = hasil.html.read_text(encoding="utf-8")
    assert masalah_html(teks) == []
    for hilang in ("Isu Strategis" if not draf else "x-tidak-ada-x", "Pemantauan Triwulan",
                   "Program dan Kegiatan Pendukung</h3><div", "Serapan Anggaran per Sasaran",
                   "Perbandingan Realisasi dan Capaian Tahun", "0 (nol)", "Tren "):
        assert hilang not in teks, hilang
    assert "1 (satu) program dan 2 (dua) kegiatan" in teks and "1.000.000" in teks
    if draf:
        assert "narasi/isu_strategis.md" in teks  # draf: penanda tempat


@pytest.mark.slow
def test_build_skpd_triwulan_dan_sasaran_tanpa_program(tmp_path, pelaksana):
    from lkj_lib.bangun import bangun

    f = _triwulan(tmp_path / "dinas-tw" / "2024", YAML + "  bentuk_triwulan: per_triwulan\n", dua_sasaran=True)
    teks = bangun(f, tmp_path / "out", pdf=False, log=None, pelaksana=pelaksana).html.read_text(encoding="utf-8")
    assert masalah_html(teks) == []
    for ada in ("Realisasi Anggaran per Triwulan", "Realisasi dalam triwulan", "162,50",
                "sasaran ini tidak dipetakan ke program (lembar sasaran_program)", "Tren Indeks Kepuasan"):
        assert ada in teks, ada


@pytest.mark.slow
def test_build_renja_tanpa_sub_kegiatan_judul_tanpa_sub_kegiatan(tmp_path, pelaksana):
    """Renja 2020-an (program → kegiatan) dengan indikator: judul tabel dan gambar hanya menyebut jenis
    yang ada (dulu gambar sebaran kategori tetap berjudul '... Program, Kegiatan dan Sub Kegiatan')."""
    from lkj_lib.bangun import bangun

    ir = [{"kode": "1", "urutan": "1", "indikator": "Persentase layanan tepat waktu", "target": "100%",
           "realisasi": "90%"},
          {"kode": "1.1", "urutan": "1", "indikator": "Jumlah layanan", "target": "12 laporan", "realisasi": "12 laporan"},
          {"kode": "1.2", "urutan": "1", "indikator": "Jumlah laporan", "target": "4 laporan", "realisasi": "3 laporan"}]
    f = tulis_mini(tmp_path / "dinas-2020an" / "2024", _tabel(renja=RENJA_2020, indikator_renja=ir))
    # draf: narasi mini mengutip rupiah Renja aslinya, yang di sini (benar) ditolak audit
    teks = bangun(f, tmp_path / "out", pdf=False, log=None, pelaksana=pelaksana, draf=True).html.read_text(
        encoding="utf-8")
    judul = re.findall(r'<(?:p class="judul-tabel"|figcaption)[^>]*>(.*?)</', teks)
    assert any(j.startswith("Gambar") and "Sebaran Kategori Capaian Indikator Program dan Kegiatan" in j
               for j in judul), judul
    assert not [j for j in judul if "Sub Kegiatan" in j], judul


# --------------------------------------------------------------------------- butir 6: presisi tampil
def test_desimal_indikator_dipakai_di_tabel_dan_kalimat(mini):
    data = muat(mini)
    # IKU2 dinyatakan 2 desimal: 1,5% tampil 1,50% dan 2% tampil 2,00%; IKU1 tanpa desimal: apa adanya
    data.tabel["indikator"]["desimal"] = pd.array([pd.NA, 2], dtype="Int64")
    data.tabel["indikator_renja"]["desimal"] = pd.array([2, pd.NA, pd.NA, pd.NA], dtype="Int64")
    h = hitung(data)
    cap = tl.tabel_capaian_iku(h).html("3.2")
    assert "<td class=\"kanan\">2,00%</td>" in cap and "1,50%" in cap and ">84<" in cap
    assert "125,00" in cap  # capaian tetap dua desimal
    teks = gen.kalimat_iku(h, "IKU2")
    assert "sebesar 2,00%" in teks and "1,50%" in teks
    assert "100,00%" in tl.tabel_renja(h).html("2.3") and "90,00%" in tl.tabel_capaian_renja(h).html("3.5")
    assert "1,50%" in tl.tabel_pk(h).html("2.4") or "2,00%" in tl.tabel_pk(h).html("2.4")
    # tanpa kolom desimal (pemuat yang belum mengisinya): perilaku lama
    d0 = muat(mini)
    for t in ("indikator", "indikator_renja"):
        d0.tabel[t] = d0.tabel[t].drop(columns="desimal", errors="ignore")
    h0 = hitung(d0)
    assert "1,5%" in tl.tabel_capaian_iku(h0).html("3.2") and "sebesar 2%" in gen.kalimat_iku(h0, "IKU2")


# --------------------------------------------------------------------------- butir 7: capaian tak wajar
def test_capaian_tak_wajar_bukan_kemenangan(tmp_path):
    t = _tabel()
    # IKU1: target 80, realisasi 1.200 (salah satuan: mis. jumlah responden) → 1.500% > batas 1.000%
    next(r for r in t["realisasi"] if r["kode_indikator"] == "IKU1" and r["tahun"] == "2024")["realisasi"] = "1200"
    t["angka_dilaporkan"] = []
    h = hitung(muat(tulis_mini(tmp_path / "d" / "2024", t)))
    assert h.iku.set_index("kode_indikator").at["IKU1", "capaian"] == pytest.approx(1500.0)
    k = gen.kalimat_iku(h, "IKU1")
    assert "1.500,00%" in k and "melampaui batas kewajaran (1.000%)" in k and "perlu diperiksa" in k
    assert "target telah terlampaui" not in k
    assert 'Capaian "Indeks Kepuasan" (1.500,00%) melampaui batas kewajaran 1.000%' in gen.ikhtisar_eksekutif(h)
    s = gen.saran_otomatis(h)
    assert "Memeriksa kembali target dan realisasi IKU" in s
    tinjau = [p for p in s.split("\n\n") if p.startswith("Meninjau kembali penetapan target")]
    assert tinjau and "Indeks Kepuasan" not in tinjau[0]  # bukan "target terlalu mudah"
    a = audit(h)
    r = a[a["aturan"] == "capaian_tak_wajar"]
    assert list(r["kode"]) == ["IKU1"] and list(r["tingkat"]) == ["peringatan"] and list(r["dihitung"]) == ["1.500,00"]


def test_tanpa_realisasi_anggaran_tidak_mencetak_strip(h_kosong):
    data = h_kosong.data
    data.tabel["renja"]["realisasi_anggaran"] = float("nan")  # kolom opsional tidak diisi sama sekali
    h = hitung(data)
    for teks in (gen.ikhtisar_eksekutif(h), gen.simpulan_otomatis(h), gen.kalimat_anggaran(h)):
        assert "Rp -" not in teks and " - " not in teks and "nan" not in teks
    assert "realisasi anggarannya belum tersedia" in gen.ikhtisar_eksekutif(h)
    assert "Realisasi anggaran belum tersedia" in gen.kalimat_anggaran(h)


def test_semua_fungsi_sajian_pada_skpd_tanpa_bagian_opsional(h_kosong):
    """Setiap fungsi tabel/kalimat publik berjalan pada SKPD tanpa bagian opsional, tanpa 'nan'/'None',
    dan tabel yang tampil tidak memuat baris tanpa sel data."""
    from lkj_lib.audit import audit as _audit
    from lkj_lib.sajian import tabel_lampiran, uraian

    teks = [f(h_kosong) for f in (gen.kalimat_anggaran, gen.kalimat_efisiensi, gen.kalimat_program,
                                  gen.kalimat_triwulan, gen.ikhtisar_eksekutif, gen.simpulan_otomatis,
                                  gen.saran_otomatis, uraian.sistematika, uraian.visi_misi, uraian.kalimat_renja,
                                  uraian.metode_pengukuran)]
    teks += [gen.kalimat_iku(h_kosong, k) for k in h_kosong.iku["kode_indikator"]]
    teks.append(tabel_lampiran.kalimat_audit(_audit(h_kosong)))
    tabel = [f(h_kosong) for n, f in vars(tl).items() if n.startswith("tabel_") and n not in ("tabel_pembanding",
                                                                                                "tabel_tren")]
    tabel += [tabel_lampiran.tabel_audit(_audit(h_kosong)), tl.tabel_capaian_iku(h_kosong, "tujuan")]
    tabel += [tl.tabel_tren(h_kosong, k) for k in h_kosong.iku["kode_indikator"]]
    tampil = [t.html("9.9") for t in tabel if not t.kosong]
    assert tabel_lampiran.bagian_instrumen(h_kosong) == []
    for s in teks + tampil:
        assert masalah_html(s) == [], s[:200]
    kosong = sorted(t.id for t in tabel if t.kosong)
    # narasi anggaran mengutip angka yang benar (tanpa_opsional): audit tanpa temuan, tabelnya kosong
    assert kosong == ["anggaran_sasaran", "anggaran_triwulan", "audit", "capaian_tujuan", "definisi_iku",
                      "efisiensi_renja", "perbandingan_tahun", "riwayat", "tren_IKU1", "tren_IKU2", "triwulan",
                      "vs_renstra"]


def test_kegiatan_tanpa_sub_kegiatan_wajib_berpagu(tmp_path):
    from lkj_lib.masukan import periksa

    renja = copy.deepcopy(RENJA_2020)
    del renja[2]["pagu_murni"]  # kegiatan 1.2 adalah node terbawah: tanpa pagu, program tidak dapat dijumlah
    f = tulis_mini(tmp_path / "d" / "2024", _tabel(renja=renja, indikator_renja=[]))
    data, masalah = periksa(f)
    galat = [m for m in masalah if m.tingkat == "galat"]
    assert data is None and [(m.pesan, m.lembar, m.baris) for m in galat] == [("kegiatan tanpa pagu", "renja", 4)]


def test_lembar_excel_indikator_renja_kosong(tmp_path):
    """Lembar ``indikator_renja`` berisi judul kolom saja di data.xlsx (seperti templat yang tidak diisi):
    lolos validasi dan terhitung. (Lembar tanpa judul kolom sama sekali ditolak validasi: kolom wajib.)"""
    import csv

    import openpyxl

    f = tanpa_opsional(tmp_path / "d" / "2024")
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for p in sorted((f / "data").glob("*.csv")):
        ws = wb.create_sheet(p.stem)
        for row in csv.reader(p.open(encoding="utf-8")):
            ws.append(row)
    wb.save(f / "data.xlsx")
    for p in (f / "data").glob("*.csv"):
        p.unlink()
    (f / "data").rmdir()
    h = hitung(muat(f))
    assert h.capaian_renja.empty and h.data.sumber.get("data.xlsx")
    assert "Program Pelayanan" in tl.tabel_renja(h).html("2.3") and tl.tabel_capaian_renja(h).kosong


def test_catatan_skala_tidak_mengutip_permendagri_untuk_skala_skpd():
    from lkj_lib.profil import SKALA_BAWAAN, Kategori
    from lkj_lib.sajian.tabel_laporan import catatan_skala

    assert "(Permendagri 86/2017)" in catatan_skala(SKALA_BAWAAN)
    sendiri = (Kategori(95, "Sangat Baik", "Sangat Efektif"), Kategori(float("-inf"), "Kurang", "Tidak Efektif"))
    teks = catatan_skala(sendiri)
    assert "ditetapkan SKPD" in teks and "bukan skala bawaan Permendagri" in teks


def test_angka_dilaporkan_triwulan_tanpa_tabel_triwulan_tak_teraudit(tmp_path):
    """Renja tanpa indikator bertriwulan: tabel triwulan kosong tanpa kolom. Baris angka_dilaporkan yang
    menyebut triwulan indikator Renja yang tidak ada menjadi info tak_teraudit (dulu KeyError 'id')."""
    ir = [{"kode": "1", "urutan": "1", "indikator": "Persentase layanan tepat waktu", "target": "100%",
           "realisasi": "90%"}]
    h = hitung(muat(tulis_mini(tmp_path / "d" / "2024", _tabel(renja=RENJA_2020, indikator_renja=ir))))
    assert h.triwulan.empty
    t = audit(h)
    r = t[(t["kode"].astype(str) == "1.1.1#1") & (t["besaran"] == "capaian_tw3")]
    assert list(r["tingkat"]) == ["info"] and list(r["aturan"]) == ["tak_teraudit"]
