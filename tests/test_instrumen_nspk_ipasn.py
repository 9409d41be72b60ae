"""NSPK (kategori, ringkasan elemen) dan IP ASN (Tabel 3.3 LKj BKPSDM HSS 2022)."""

from __future__ import annotations

import pandas as pd
import pytest

from lkj_lib.errors import LkjError
from lkj_lib.instrumen import (
    hitung_ip_asn, kategori_ip_asn, kategori_nspk, realisasi_instrumen, ringkas_nspk,
)
from lkj_lib.masukan import baca_tabel_berkas
from lkj_lib.profil import Pengaturan

# Tabel 3.3 (dimensi tercetak; kolom "Nilai" tercetak 54,39 / 40,67 / 59,75 / 50,55)
IP_ASN_CSV = """tahun;wilayah;jenis_wilayah;sendiri;kualifikasi;kompetensi;kinerja;disiplin;nilai_dilaporkan
2022;Provinsi Kalimantan Selatan;provinsi;tidak;13,85;12,35;23,19;4,99;54,39
2022;Kab. Tapin;kabupaten;tidak;12,46;9,82;13,4;5;40,67
2022;Kab. Hulu Sungai Selatan;kabupaten;ya;12,33;17,74;24,07;4,98;59,75
2022;Kab. Hulu Sungai Tengah;kabupaten;tidak;12,03;11,1;22,43;5;50,55
2021;Kab. Hulu Sungai Selatan;kabupaten;ya;12;16;22,34;5;
"""


@pytest.fixture
def ip(tmp_path) -> pd.DataFrame:
    p = tmp_path / "ip_asn.csv"
    p.write_text(IP_ASN_CSV, encoding="utf-8")
    return baca_tabel_berkas(p, "ip_asn")


@pytest.mark.parametrize("nilai, harapan", [
    (100, ("A", "Sangat Baik")), (82.42, ("A", "Sangat Baik")), (80.01, ("A", "Sangat Baik")),
    (80, ("B", "Baik")), (79, ("B", "Baik")), (60.01, ("B", "Baik")), (60, ("C", "Cukup")),
    (40.01, ("C", "Cukup")), (40, ("D", "Kurang")), (20.01, ("D", "Kurang")), (20, ("E", "Buruk")),
    (0, ("E", "Buruk")),
])
def test_kategori_nspk(nilai, harapan):
    assert kategori_nspk(nilai) == harapan


def test_kategori_nspk_kosong():
    assert kategori_nspk(None) == ("-", "-")
    assert kategori_nspk(float("nan")) == ("-", "-")


def _nspk(tmp_path) -> pd.DataFrame:
    baris = ["tahun,no,elemen,status,catatan,rekomendasi"]
    belum = {6: ("Pola Karier", "Pola karier belum ditetapkan", "Tetapkan Perbup pola karier"),
             12: ("Disiplin", "", "Percepat penyelesaian kasus"),
             17: ("Pensiun", "Data BUP belum mutakhir", "")}
    for no in range(1, 19):
        if no in belum:
            e, c, r = belum[no]
            baris.append(f"2021,{no},{e},belum_sesuai,{c},{r}")
        else:
            baris.append(f"2021,{no},Elemen {no},sesuai,,")
    baris.append("2020,1,Elemen 1,belum_sesuai,,")
    p = tmp_path / "nspk.csv"
    p.write_text("\n".join(baris) + "\n", encoding="utf-8")
    return baca_tabel_berkas(p, "nspk")


def test_ringkas_nspk(tmp_path):
    r = ringkas_nspk(_nspk(tmp_path), 2021)
    assert (r.n_elemen, r.sesuai, r.belum_sesuai) == (18, 15, 3)
    assert r.persen_sesuai == pytest.approx(15 / 18 * 100)
    b = r.daftar_belum_sesuai
    assert list(b["no"]) == [6, 12, 17]
    assert list(b["elemen"]) == ["Pola Karier", "Disiplin", "Pensiun"]
    assert b.loc[0, "rekomendasi"] == "Tetapkan Perbup pola karier"
    d = r.as_dict()
    assert d["belum_sesuai"] == 3 and d["daftar_belum_sesuai"][1]["catatan"] == ""
    r20 = ringkas_nspk(_nspk(tmp_path), 2020)
    assert (r20.n_elemen, r20.sesuai, r20.belum_sesuai) == (1, 0, 1)
    assert ringkas_nspk(_nspk(tmp_path), 2019).n_elemen == 0


def test_ringkas_nspk_tidak_sah():
    df = pd.DataFrame({"tahun": [2021, 2021], "no": [1, 1], "elemen": ["a", "b"],
                       "status": ["sesuai", "ok"]})
    with pytest.raises(LkjError, match="ok") as e:
        ringkas_nspk(df, 2021)
    assert "ganda" in str(e.value)


def test_ip_asn_tabel_3_3(ip):
    h = hitung_ip_asn(ip)
    t22 = h[h["tahun"] == 2022].set_index("wilayah")
    # jumlah dimensi dihitung; yang tercetak 54,39 / 40,67 / 59,75 / 50,55
    assert [round(x, 2) for x in t22["total"]] == [54.38, 40.68, 59.12, 50.56]
    assert (t22["masalah"] == "").all()
    assert t22.loc["Kab. Hulu Sungai Selatan", "peringkat"] == 1
    assert t22.loc["Provinsi Kalimantan Selatan", "peringkat"] == 2
    assert t22.loc["Kab. Hulu Sungai Tengah", "peringkat"] == 3
    assert t22.loc["Kab. Tapin", "peringkat"] == 4
    assert set(t22["kategori"]) == {"Sangat Rendah"}   # semua < 61
    # perbandingan dengan daerah sendiri (HSS): selisih = sendiri − baris
    prov = t22.loc["Provinsi Kalimantan Selatan"]
    assert prov["selisih_sendiri"] == pytest.approx(59.12 - 54.38)
    assert prov["selisih_kualifikasi"] == pytest.approx(12.33 - 13.85)  # HSS lebih rendah
    assert prov["sendiri_dibanding"] == "lebih tinggi"
    assert t22.loc["Kab. Tapin", "selisih_disiplin"] == pytest.approx(-0.02)
    assert t22.loc["Kab. Hulu Sungai Selatan", "sendiri_dibanding"] == ""
    assert t22.loc["Kab. Hulu Sungai Selatan", "total_sendiri"] == pytest.approx(59.12)
    # 2021 diperingkat sendiri
    t21 = h[h["tahun"] == 2021].iloc[0]
    assert t21["peringkat"] == 1 and t21["total"] == pytest.approx(55.34)


def test_ip_asn_melebihi_maksimum_ditandai():
    df = pd.DataFrame({"tahun": [2022, 2022, 2022], "wilayah": ["A", "B", "C"], "sendiri": ["ya", None, None],
                       "kualifikasi": [20.0, 26.0, 10.0], "kompetensi": [30.0, 30.0, float("nan")],
                       "kinerja": [25.0, 25.0, 20.0], "disiplin": [5.0, 4.0, 6.0]})
    h = hitung_ip_asn(df).set_index("wilayah")
    assert h.loc["A", "masalah"] == "" and h.loc["A", "total"] == 80 and h.loc["A", "kategori"] == "Sedang"
    assert "kualifikasi 26 melebihi maksimum 25" in h.loc["B", "masalah"]
    assert "kompetensi kosong" in h.loc["C", "masalah"] and "disiplin 6" in h.loc["C", "masalah"]
    for w in ("B", "C"):
        assert pd.isna(h.loc[w, "total"]) and pd.isna(h.loc[w, "peringkat"])
        assert h.loc[w, "kategori"] == "-" and h.loc[w, "sendiri_dibanding"] == ""
    assert h.loc["A", "peringkat"] == 1


@pytest.mark.parametrize("nilai, kategori", [
    (100, "Sangat Tinggi"), (91, "Sangat Tinggi"), (90.99, "Tinggi"), (81, "Tinggi"),
    (80.99, "Sedang"), (71, "Sedang"), (70.99, "Rendah"), (61, "Rendah"), (60.99, "Sangat Rendah"),
    (0, "Sangat Rendah"),
])
def test_kategori_ip_asn(nilai, kategori):
    assert kategori_ip_asn(nilai) == kategori


def test_realisasi_instrumen_ip_asn_dan_nspk(ip):
    st = Pengaturan()
    v, ket = realisasi_instrumen({"ip_asn": ip}, "ip_asn", 2022, st)
    assert v == pytest.approx(59.12) and "Hulu Sungai Selatan" in ket
    assert realisasi_instrumen({"ip_asn": ip}, "ip_asn", 2021, st)[0] == pytest.approx(55.34)
    v, ket = realisasi_instrumen({"ip_asn": ip}, "ip_asn", 2020, st)
    assert v is None and "sendiri" in ket
    v, ket = realisasi_instrumen({"nspk": pd.DataFrame()}, "nspk", 2022, st)
    assert v is None and "BKN" in ket
    with pytest.raises(LkjError, match="tidak dikenal"):
        realisasi_instrumen({}, "ikk", 2022, st)
