"""Sistem Merit KASN: Tabel 3.6 LKj BKPSDM Hulu Sungai Selatan 2022 (salinan di tests/data)."""

from __future__ import annotations

import math
from pathlib import Path

import pandas as pd
import pytest

from lkj_lib.errors import LkjError
from lkj_lib.instrumen import hitung_merit, kategori_merit, realisasi_instrumen, teks_kategori_merit
from lkj_lib.masukan import baca_tabel_berkas
from lkj_lib.profil import Pengaturan

DATA = Path(__file__).parent / "data" / "instrumen"
HSS = DATA / "merit_hss_2022.csv"


@pytest.fixture
def hss() -> pd.DataFrame:
    return baca_tabel_berkas(HSS, "sistem_merit")


def test_hss_2022_total_dan_kategori(hss):
    h = hitung_merit(hss)
    assert len(hss) == 37
    assert h.total_mandiri == 268           # "Total Penilaian Mandiri : 268"
    assert h.total_verifikasi == 219        # "Total Akhir (Hasil Verifikasi) : 219"
    assert h.kategori_mandiri == "III Baik"
    assert h.kategori_verifikasi == "II Kurang"   # tercetak: kategori "Kurang"
    assert h.indeks_mandiri == pytest.approx(268 / 400)
    assert h.indeks_verifikasi == pytest.approx(0.5475)
    assert h.masalah == []


def test_hss_2022_per_aspek(hss):
    a = hitung_merit(hss).aspek
    assert list(a["no_aspek"]) == list(range(1, 9))
    assert a.loc[0, "aspek"] == "Perencanaan Kebutuhan"
    # "Total" per aspek tercetak di Tabel 3.6 (hasil verifikasi)
    assert list(a["verifikasi"]) == [30, 30, 40, 25, 47.5, 27.5, 6, 13]
    # mandiri dihitung tangan: mis. aspek 3 = 5 × (2+1+2) + 2,5 × (0+2+4+4+1+0+2) = 57,5
    assert list(a["mandiri"]) == [32.5, 30, 57.5, 20, 75, 30, 10, 13]
    assert list(a["n_indikator"]) == [4, 5, 10, 3, 5, 4, 2, 4]
    assert a.loc[2, "maks"] == 4 * 32.5


def test_nilai_per_indikator(hss):
    ind = hitung_merit(hss).indikator
    r = ind[(ind["no_aspek"] == 5) & (ind["no_indikator"] == 2)].iloc[0]
    assert (r["nilai_mandiri"], r["nilai_verifikasi_akhir"]) == (20.0, 15.0)  # 5 × 4, 5 × 3


@pytest.mark.parametrize("total, harapan", [
    (0, ("I", "Buruk")), (99.5, ("I", "Buruk")), (100, ("I", "Buruk")), (174, ("I", "Buruk")),
    (174.5, ("I", "Buruk")), (175, ("II", "Kurang")), (219, ("II", "Kurang")),
    (249.5, ("II", "Kurang")), (250, ("III", "Baik")), (268, ("III", "Baik")),
    (324, ("III", "Baik")), (325, ("IV", "Sangat Baik")), (400, ("IV", "Sangat Baik")),
])
def test_kategori_merit(total, harapan):
    assert kategori_merit(total) == harapan


def test_kategori_kosong():
    assert kategori_merit(None) == ("-", "-")
    assert kategori_merit(float("nan")) == ("-", "-")
    assert teks_kategori_merit(148.5) == "I Buruk"


def test_perbandingan_tahun_lalu(hss):
    # HSS 2021: realisasi 148,5 (Tabel 3.4) → 2022: 219, naik 70,5
    h = hitung_merit(hss, tahun_lalu={"verifikasi": 148.5, "total_mandiri": 268})
    v = h.perbandingan["verifikasi"]
    assert v["selisih"] == pytest.approx(70.5) and v["arah"] == "Naik"
    assert v["kategori_tahun_lalu"] == "I Buruk"
    assert h.perbandingan["mandiri"]["arah"] == "Tetap"
    assert hitung_merit(hss, tahun_lalu={"mandiri": 300}).perbandingan["mandiri"]["arah"] == "Turun"
    assert hitung_merit(hss).perbandingan is None


def test_tanpa_verifikasi(hss):
    h = hitung_merit(hss.assign(nilai_verifikasi=float("nan")))
    assert h.total_mandiri == 268
    assert h.total_verifikasi is None and h.kategori_verifikasi is None and h.indeks_verifikasi is None
    assert h.aspek["verifikasi"].isna().all()
    assert h.masalah == []


def test_verifikasi_sebagian(hss):
    d = hss.copy()
    d.loc[(d["no_aspek"] == 8) & (d["no_indikator"] == 4), "nilai_verifikasi"] = float("nan")
    h = hitung_merit(d)
    assert h.total_verifikasi is None
    assert "8.4" in h.masalah[0]
    assert math.isnan(h.aspek.loc[7, "verifikasi"]) and h.aspek.loc[0, "verifikasi"] == 30


def test_pembagi(hss):
    assert hitung_merit(hss, pembagi=100).indeks_verifikasi == pytest.approx(2.19)
    with pytest.raises(LkjError, match="pembagi"):
        hitung_merit(hss, pembagi=0)


@pytest.mark.parametrize("ubah, pesan", [
    (lambda d: d.assign(skor=d["skor"].where(d.index != 0, 5.0)), "di luar 0-4"),
    (lambda d: pd.concat([d, d.iloc[[0]]]), "ganda"),
    (lambda d: d.assign(tahun=[2021] + [2022] * (len(d) - 1)), "lebih dari satu tahun"),
    (lambda d: d.drop(columns=["bobot"]), "bobot"),
    (lambda d: d.iloc[0:0], "kosong"),
])
def test_masukan_tidak_sah(hss, ubah, pesan):
    with pytest.raises(LkjError, match=pesan):
        hitung_merit(ubah(hss))


def test_realisasi_instrumen_saring_tahun(hss):
    lain = hss.assign(tahun=2021, skor=0.0, nilai_verifikasi=0.0)
    tanpa_tahun = hss.iloc[[0]].assign(no_aspek=9, aspek="Tambahan", tahun=pd.NA)  # 2,5 × 4 / 2,5 × 3
    tabel = {"sistem_merit": pd.concat([hss, lain, tanpa_tahun], ignore_index=True)}
    st = Pengaturan()
    v, ket = realisasi_instrumen(tabel, "sistem_merit_verifikasi", 2022, st)
    assert v == 219 + 7.5 and "verifikasi" in ket
    v, _ = realisasi_instrumen(tabel, "sistem_merit_mandiri", 2022, st)
    assert v == 268 + 10
    v, _ = realisasi_instrumen(tabel, "sistem_merit_mandiri", 2021, st)
    assert v == 10  # hanya baris tanpa tahun yang bernilai
    v, ket = realisasi_instrumen({"sistem_merit": hss}, "sistem_merit_verifikasi", 2023, st)
    assert v is None and "2023" in ket
    v, ket = realisasi_instrumen({"sistem_merit": hss.assign(nilai_verifikasi=float("nan"))},
                                 "sistem_merit_verifikasi", 2022, st)
    assert v is None and "verifikasi" in ket


def test_grafik_merit(hss, tmp_path):
    import matplotlib

    from lkj_lib.grafik.gaya import LEBAR_GAMBAR, WARNA, simpan
    from lkj_lib.grafik.instrumen import grafik_merit

    sebelum = dict(matplotlib.rcParams)
    fig = grafik_merit(hitung_merit(hss))
    assert fig.get_size_inches()[0] == pytest.approx(LEBAR_GAMBAR)
    ax = fig.axes[0]
    label = [t.get_text() for t in ax.texts]
    assert "47,5" in label and "57,5" in label
    warna = {matplotlib.colors.to_hex(p.get_facecolor()).upper() for p in ax.patches}
    assert WARNA[0].upper() in warna and WARNA[1].upper() in warna
    legenda = [t.get_text() for t in ax.get_legend().get_texts()]
    assert any("268" in t for t in legenda) and any("219" in t for t in legenda)
    png, svg = simpan(fig, tmp_path / "sub" / "merit.png")
    assert png.name == "merit.png" and svg.name == "merit.svg"
    assert png.exists() and svg.exists()
    assert dict(matplotlib.rcParams) == sebelum
