"""Golden: setiap kolom turunan yang BENAR di LKj 2022 BKPSDM Hulu Sungai Selatan dihitung ulang
dari masukan hasil transkripsi dan cocok sampai desimal tercetak (Tabel 3.1, 3.4, 3.15, 3.13).

Angka harapan di sini adalah angka tercetak seed; kesalahan seed dicatat eksplisit beserta
nilai benarnya (dihitung tangan), bukan dilewati diam-diam.
"""

import pytest

from conftest import HSS
from lkj_lib.fmt import bulat
from lkj_lib.masukan import muat
from lkj_lib.ukur.efisiensi import hitung_efisiensi
from lkj_lib.ukur.hasil import hitung
from lkj_lib.ukur.iku import tabel_iku


@pytest.fixture(scope="module")
def h():
    return hitung(muat(HSS))


def test_tabel_3_1_ip_asn_mandiri(h):
    ind = h.data["indikator"]
    kode = ind.loc[ind["indikator"].str.contains("Profesional") & (ind["kode_indikator"].str.contains("MANDIRI")),
                   "kode_indikator"].iloc[0]
    cap = {th: bulat(tabel_iku(h.data, th).set_index("kode_indikator").at[kode, "capaian"], 2)
           for th in (2019, 2020, 2021, 2022)}
    assert cap[2019] == 89.92 and cap[2020] == 98.40 and cap[2022] == 100.93
    # tercetak 103,56; benar 76,76 / 74,42 × 100 = 103,14
    assert cap[2021] == 103.14


def test_tabel_3_4_capaian_iku(h):
    n = h.iku.set_index("kode_indikator")
    merit = n.index[n["indikator"].str.contains("Merit")][0]
    nspk = n.index[n["indikator"].str.contains("NSPK")][0]
    assert n.at[merit, "realisasi"] == 219 and n.at[merit, "target"] == 250
    assert bulat(n.at[merit, "capaian"], 2) == 87.60
    # tercetak "103"; tepatnya 82,42 / 80 × 100 = 103,025
    assert n.at[nspk, "capaian"] == pytest.approx(82.42 / 80 * 100, abs=1e-9)
    lalu = tabel_iku(h.data, 2021).set_index("kode_indikator")
    assert bulat(lalu.at[merit, "capaian"], 2) == 84.86
    assert bulat(lalu.at[nspk, "capaian"], 2) == 100.00


def test_tabel_3_15_anggaran_semua_tingkat(h):
    a = h.anggaran.set_index("kode")
    t = h.total
    assert t["pagu"] == 14_644_589_858 and t["realisasi"] == 11_965_651_021
    assert bulat(t["serapan"], 2) == 81.71
    # program (angka tercetak Tabel 3.15)
    assert (a.at["1", "pagu"], a.at["1", "realisasi"], bulat(a.at["1", "serapan"], 2)) == (
        2_630_836_150, 1_705_252_964, 64.82)
    assert (a.at["2", "pagu"], a.at["2", "realisasi"], bulat(a.at["2", "serapan"], 2)) == (
        4_287_340_450, 3_705_513_540, 86.43)
    assert (a.at["3", "pagu"], a.at["3", "realisasi"], bulat(a.at["3", "serapan"], 2)) == (
        7_726_413_258, 6_554_884_517, 84.84)
    # setiap induk yang tercetak sama dengan jumlah anak-anaknya
    induk = h.anggaran[h.anggaran["jumlah_anak"] > 0]
    assert (induk["pagu_input"] == induk["pagu"]).all()
    assert (induk["realisasi_input"] == induk["realisasi"]).all()


def test_tabel_3_15_setiap_persentase_tercetak(h):
    """Semua serapan tercetak di Tabel 3.15 (program, kegiatan, sub kegiatan) terulang tepat."""
    ad = h.data["angka_dilaporkan"]
    baris = ad[ad["lokasi"].str.startswith("Tabel 3.15") & (ad["objek"] == "renja") & (ad["besaran"] == "serapan")]
    assert len(baris) >= 40
    a = h.anggaran.set_index("kode")
    for r in baris.itertuples():
        tercetak = float(str(r.nilai).replace(",", "."))
        assert bulat(a.at[r.kode, "serapan"], 2) == pytest.approx(tercetak, abs=1e-9), r.kode


@pytest.mark.parametrize("capaian, serapan, rasio", [
    (93.71, 61.32, 1.53), (99.58, 94.23, 1.06), (100, 61.32, 1.63), (75.12, 61.32, 1.23),
    (100, 94.23, 1.06), (100, 92.96, 1.08), (100, 94.71, 1.06), (60, 69.15, 0.87), (100, 30.22, 3.31),
    (67.37, 81.16, 0.83), (42.86, 30.22, 1.42), (99.83, 25.85, 3.86), (99.96, 60.22, 1.66),
    (71.25, 89.95, 0.79), (100, 51.81, 1.93), (101.4, 81.71, 1.24), (98.75, 81.71, 1.21),
])
def test_tabel_3_13_rasio(capaian, serapan, rasio):
    v, simpulan = hitung_efisiensi(capaian, serapan, "rasio")
    assert bulat(v, 2) == rasio
    assert simpulan == ("Efisien" if v >= 1 else "Tidak Efisien")


def test_tabel_3_13_capaian_yang_benar(h):
    """Capaian indikator sub kegiatan di Tabel 3.13 yang benar dihitung ulang dari realisasi TW IV."""
    e = h.efisiensi_renja
    cap = {r.indikator: bulat(r.capaian, 2) for r in e.itertuples()}
    assert cap["Jumlah ASN yang Mengikuti Pengembangan Kompetensi"] == 75.12   # 308 / 410
    assert cap["Jumlah ASN yang Meningkatkan Kapasitasnya"] == 67.37            # 64 / 95
    assert cap["Jumlah ASN yang Mendapatkan Pendidikan Lanjutan"] == 42.86      # 3 / 7
    assert cap["Jumlah ASN yang Diberikan Penghargaan"] == 71.25                # 57 / 80


def test_merit_dari_instrumen(h):
    n = h.iku.set_index("kode_indikator")
    merit = n.index[n["indikator"].str.contains("Merit")][0]
    assert n.at[merit, "sumber_realisasi"] == ("total hasil verifikasi KASN Sistem Merit "
                                               "(37 indikator, lembar sistem_merit)")
    assert n.at[merit, "realisasi"] == 219


def test_hasil_instrumen_dihitung_sekali(h):
    """HasilKinerja memegang hasil instrumen (audit dan lampiran membaca objek yang sama)."""
    from lkj_lib.audit.instrumen import _hasil_merit

    r = h.hasil_merit(2022)
    assert r.total_verifikasi == 219 and h.hasil_merit() is r and _hasil_merit(h, 2022) is r
    assert h.hasil_merit(1990) is None  # tidak ada penilaian tahun itu
    assert h.hasil_ip_asn is h.hasil_ip_asn and len(h.hasil_ip_asn) == len(h.data["ip_asn"])
