"""Sifat mesin pengukuran dan nilai hitung tangan pada SKPD kecil."""

import math

import pandas as pd
import pytest
from hypothesis import assume, given, strategies as st

from lkj_lib.masukan import muat
from lkj_lib.profil import SKALA_BAWAAN
from lkj_lib.ukur.anggaran import tabel_anggaran, total_anggaran
from lkj_lib.ukur.capaian import hitung_capaian, kategori
from lkj_lib.ukur.efisiensi import hitung_efisiensi
from lkj_lib.ukur.hasil import hitung

pos = st.floats(min_value=0.01, max_value=1e6, allow_nan=False)


@given(pos, pos, pos)
def test_capaian_positif_naik_dengan_realisasi(t, r1, r2):
    assume(r1 < r2)
    a, b = hitung_capaian(t, r1).nilai, hitung_capaian(t, r2).nilai
    assert a <= b  # tak turun; naik tegas bila selisihnya bukan sekadar satu-dua ulp float
    if r2 - r1 > 1e-9 * r2:
        assert a < b


@given(pos, pos, pos, st.sampled_from(["2T-R", "T/R"]))
def test_capaian_negatif_turun_dengan_realisasi(t, r1, r2, rumus):
    assume(r1 < r2)
    a = hitung_capaian(t, r1, "negatif", rumus).nilai
    b = hitung_capaian(t, r2, "negatif", rumus).nilai
    assert a >= b and a >= 0 and b >= 0


def test_capaian_kasus_tangan():
    assert hitung_capaian(0.43, 0.38, "negatif", "T/R").nilai == pytest.approx(113.157894, rel=1e-6)  # Batam 2020
    assert hitung_capaian(2, 1.5, "negatif").nilai == pytest.approx(125)
    assert hitung_capaian(2, 5, "negatif").nilai == 0          # dibatasi 0
    assert hitung_capaian(80, 100, batas=100).nilai == 100
    assert hitung_capaian(0, 5).alasan.startswith("target 0")
    assert hitung_capaian(10, None).alasan == "realisasi belum tersedia"
    assert hitung_capaian(60, 30, satuan_target="%", satuan_realisasi="orang").nilai is None


@given(st.floats(min_value=-1e3, max_value=1e4, allow_nan=False))
def test_kategori_total_dan_berurutan(c):
    k, e = kategori(c)
    urut = [x.kinerja for x in SKALA_BAWAAN]
    assert k in urut and e in [x.efektivitas for x in SKALA_BAWAAN]
    # lebih tinggi tidak pernah berkategori lebih rendah
    assert urut.index(kategori(c + 5)[0]) <= urut.index(k)


def test_kategori_batas_bawah():
    assert kategori(91)[0] == "Sangat Tinggi" and kategori(90.99)[0] == "Tinggi"
    assert kategori(50.2)[0] == "Sangat Rendah" and kategori(51)[0] == "Rendah"
    assert kategori(90.6)[0] == "Tinggi" and kategori(None) == ("-", "-")


@pytest.mark.parametrize("metode, c, s, v, simp", [
    ("rasio", 93.71, 61.32, 93.71 / 61.32, "Efisien"), ("rasio", 60, 69.15, 60 / 69.15, "Tidak Efisien"),
    ("selisih", 93.75, 93.93, 93.75 - 93.93, "Tidak Efisien"), ("selisih", 100, 93.35, 6.65, "Efisien"),
    ("sisa_anggaran", 100, 90, 10, "Efisien"),
])
def test_efisiensi(metode, c, s, v, simp):
    hv, hs = hitung_efisiensi(c, s, metode)
    assert hv == pytest.approx(v) and hs == simp


def test_sisa_anggaran_hanya_bila_target_tercapai():
    v, s = hitung_efisiensi(99, 50, "sisa_anggaran")
    assert math.isnan(v) and s == "Tidak Efisien"


def test_mini_nilai_tangan(mini):
    h = hitung(muat(mini))
    iku = h.iku.set_index("kode_indikator")
    assert iku.at["IKU1", "capaian"] == pytest.approx(105) and iku.at["IKU2", "capaian"] == pytest.approx(125)
    p = h.perbandingan.set_index("kode_indikator")
    assert p.at["IKU1", "selisih_capaian"] == pytest.approx(5) and p.at["IKU1", "arah_realisasi"] == "Naik"
    assert p.at["IKU2", "capaian_akhir_renstra"] == pytest.approx(50)  # 2T-R: (2 − 1,5)/1
    pb = h.pembanding.set_index("wilayah")
    assert pb.at["Kabupaten Contoh", "peringkat"] == 2 and pb.at["Kabupaten Tetangga", "peringkat"] == 1
    assert h.total["serapan"] == pytest.approx(90)
    assert h.ringkas("output")["rata_capaian"] == pytest.approx(100)   # (125 + 75) / 2
    tw = h.triwulan.iloc[0]
    assert tw["capaian_tw3"] == pytest.approx(700 / 6) and tw["masalah"] == []


@given(st.lists(st.tuples(st.integers(0, 10**12), st.integers(0, 10**12)), min_size=1, max_size=12),
       st.integers(1, 4))
def test_rollup_aditif(daun, n_keg):
    """Jumlah program = jumlah semua sub kegiatan, apa pun pembagiannya ke kegiatan."""
    from lkj_lib.masukan.tipe import tafsir_lembar
    from lkj_lib.masukan.baca import LembarMentah
    from lkj_lib.schema import TABEL_DICT

    baris = [(2, {"kode": "1", "jenis": "program", "nama": "P"})]
    for k in range(1, n_keg + 1):
        baris.append((len(baris) + 2, {"kode": f"1.{k}", "jenis": "kegiatan", "nama": f"K{k}"}))
    for i, (pagu, real) in enumerate(daun):
        k = i % n_keg + 1
        baris.append((len(baris) + 2, {"kode": f"1.{k}.{i + 1}", "jenis": "sub_kegiatan", "nama": f"S{i}",
                                       "pagu_perubahan": pagu, "realisasi_anggaran": real}))
    df, m = tafsir_lembar(TABEL_DICT["renja"], LembarMentah("renja", "", ["kode", "jenis", "nama",
                                                                           "pagu_perubahan", "realisasi_anggaran"], baris))
    assert not m

    class D:  # pengganti DataSKPD minimal
        tabel = {"renja": df}
        profil = type("P", (), {"pengaturan": type("S", (), {"skala_kategori": SKALA_BAWAAN})()})()

        def __getitem__(self, k):
            return self.tabel[k]

    tab = tabel_anggaran(D())
    tot = total_anggaran(tab)
    assert tot["pagu"] == sum(p for p, _ in daun) and tot["realisasi"] == sum(r for _, r in daun)
    keg = tab[tab["jenis"] == "kegiatan"]
    assert keg["pagu"].sum(min_count=1) == pytest.approx(tot["pagu"])
    assert isinstance(tab, pd.DataFrame)


def test_capaian_tak_terhingga_tidak_dihitung():
    """Target subnormal (1e-320 dari sel Excel) membuat r/t melampaui float: dulu capaian inf lalu
    decimal.InvalidOperation saat dibulatkan (temuan fuzz-masukan seed 2029 #4200)."""
    h = hitung_capaian(1e-320, 80)
    assert h.nilai is None and "tidak dapat dihitung" in h.alasan
    assert hitung_capaian(1e-320, 80, "negatif", "2T-R").nilai == 0.0  # rumus 2T-R dibatasi bawah 0
    assert hitung_capaian(80, 1e-320, "negatif", "T/R").nilai is None
    assert hitung_capaian(1e-300, 1e-300).nilai == pytest.approx(100.0)
