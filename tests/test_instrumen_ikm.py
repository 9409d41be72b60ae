"""IKM (PermenPAN-RB 14/2017) dari jawaban SKM mentah: nilai dihitung tangan di komentar."""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from lkj_lib.errors import InputError, LkjError
from lkj_lib.instrumen import (
    audit_rekap, bentuk_skm, hitung_ikm, hitung_ikm_rekap, mutu_ikm, mutu_nrr, periksa_penimbang,
    realisasi_instrumen, rekap_dari_jawaban, sampel_krejcie_morgan, sintetis_skm,
)
from lkj_lib.instrumen.sintetis import jumlah_untuk_nrr
from lkj_lib.masukan import baca_tabel_berkas
from lkj_lib.profil import Pengaturan

U = [f"u{i}" for i in range(1, 10)]

# Rekap Balangan 2022 (Lampiran 3): jumlah nilai per unsur atas 374 responden.
BALANGAN_JUMLAH = [1307, 1345, 1322, 1484, 1345, 1309, 1359, 1332, 1471]
BALANGAN_NRR = [3.495, 3.596, 3.535, 3.968, 3.596, 3.500, 3.634, 3.561, 3.933]


def survei(baris: list[list], **kolom) -> pd.DataFrame:
    df = pd.DataFrame(baris, columns=U)
    for k, v in kolom.items():
        df[k] = v
    return df


def survei_balangan(seed: int = 2022) -> pd.DataFrame:
    """374 responden yang jumlah per unsurnya persis rekap Balangan.

    Per unsur: k responden menjawab 4 dan sisanya 3, dengan k = jumlah − 3 × 374
    (mis. U1: 1307 − 1122 = 185 → 185 × 4 + 189 × 3 = 1307). Urutan diacak per kolom.
    Jenis kelamin: L 158, P 216 seperti tercetak.
    """
    n = 374
    rng = np.random.default_rng(seed)
    data = {}
    for k, s in zip(U, BALANGAN_JUMLAH):
        empat = s - 3 * n
        assert 0 <= empat <= n
        kol = np.array([4] * empat + [3] * (n - empat))
        rng.shuffle(kol)
        data[k] = kol
    df = pd.DataFrame(data)
    df.insert(0, "jenis_kelamin", ["L"] * 158 + ["P"] * 216)
    df.insert(0, "layanan", ["Cuti", "Kenaikan Pangkat"] * 187)
    return df


# R1..R3; jumlah per unsur: 10, 8, 11, 12, 8, 10, 12, 8, 12 (total 91)
KECIL = [
    [4, 3, 4, 4, 3, 4, 4, 3, 4],
    [3, 3, 4, 4, 2, 3, 4, 3, 4],
    [3, 2, 3, 4, 3, 3, 4, 2, 4],
]


def test_semua_4_tepat_100():
    h = hitung_ikm(survei([[4] * 9] * 25))
    assert h.ikm == 100.0
    assert h.mutu == "A" and h.kinerja == "Sangat Baik"
    assert h.N == [25] * 9 and h.NRR == [4.0] * 9


def test_kasus_kecil_dihitung_tangan():
    h = hitung_ikm(survei(KECIL))
    assert h.n_responden == 3
    assert h.N == [3] * 9
    assert h.jumlah == [10, 8, 11, 12, 8, 10, 12, 8, 12]
    assert h.NRR == pytest.approx([10 / 3, 8 / 3, 11 / 3, 4, 8 / 3, 10 / 3, 4, 8 / 3, 4])
    assert h.NRRT == pytest.approx([r / 9 for r in h.NRR])
    # IKM = 25 × 91 / (3 × 9) = 2275 / 27 = 84,259259…
    assert h.ikm == pytest.approx(2275 / 27)
    assert (h.mutu, h.kinerja) == ("B", "Baik")
    u = h.per_unsur()
    assert list(u["unsur"]) == [f"U{i}" for i in range(1, 10)]
    assert u.loc[0, "nama_unsur"] == "Persyaratan"
    assert u.loc[7, "nama_unsur"] == "Penanganan Pengaduan, Saran dan Masukan"
    # U1 3,333 → B; U2 2,667 → C (≥ 2,60); U3 3,667 → A (≥ 3,5324)
    assert list(u["mutu"][:3]) == ["B", "C", "A"]


def test_penimbang_011_vs_1_per_9():
    a = hitung_ikm(survei(KECIL))
    b = hitung_ikm(survei(KECIL), 0.11)
    # 0,11: 25 × 0,11 × 91/3 = 83,41666…; selisih = 25 × 91/3 × (1/9 − 0,11) = 0,842592…
    assert b.ikm == pytest.approx(83.4166666667)
    assert a.ikm - b.ikm == pytest.approx(25 * 91 / 3 * (1 / 9 - 0.11))
    assert hitung_ikm(survei(KECIL), 0.111).ikm == pytest.approx(25 * 0.111 * 91 / 3)
    assert hitung_ikm(survei(KECIL), "1/9").ikm == pytest.approx(a.ikm)


def test_penimbang_tak_seragam():
    w = (0.2, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1)
    h = hitung_ikm(survei(KECIL), w)
    # 25 × (0,2 × 10/3 + 0,1 × 81/3) = 25 × 101/30 = 84,1666…
    assert h.ikm == pytest.approx(2525 / 30)
    assert h.NRRT[0] == pytest.approx(0.2 * 10 / 3)


@pytest.mark.parametrize("w", [0.1, 0.2, "abc", (0.1,) * 8, (0.12,) * 8 + (0.05,),
                               (0.5, 0.5, 0.5, -0.5, 0, 0, 0, 0, 0), (0.11,) * 8 + (0.13,)])
def test_penimbang_tidak_sah(w):
    with pytest.raises(LkjError, match="penimbang"):
        periksa_penimbang(w)


def test_penimbang_dari_pengaturan_profil():
    # profil menyimpan penimbang 0,11 sebagai (0,11,)*9
    assert periksa_penimbang((0.11,) * 9) == (0.11,) * 9
    assert periksa_penimbang(Pengaturan().penimbang_ikm) == (1 / 9,) * 9


def test_baris_tidak_sah_dicatat_dan_dikeluarkan(tmp_path):
    p = tmp_path / "skm.csv"
    p.write_text(
        "responden,u1,u2,u3,u4,u5,u6,u7,u8,u9\n"
        "R1,4,3,4,4,3,4,4,3,4\n"      # baris 2 sah
        "R2,4,4,5,4,4,4,4,4,4\n"      # baris 3: U3 = 5
        "R3,3,3,4,4,2,3,4,3,4\n"      # baris 4 sah
        "R4,0,4,4,4,4,4,4,4,4\n"      # baris 5: U1 = 0
        "R5,4,4,4,4,,4,4,4,4\n"       # baris 6: U5 kosong
        "R6,4,4,4,4,4,4,4,\"2,5\",4\n"  # baris 7: U8 = 2,5
        "R7,3,2,3,4,3,3,4,2,4\n",     # baris 8 sah
        encoding="utf-8")
    h = hitung_ikm(baca_tabel_berkas(p, "skm"))
    assert h.n_responden == 3 and h.n_tidak_sah == 4
    assert [r["baris"] for r in h.invalid_rows] == [3, 5, 6, 7]
    alasan = {r["baris"]: r["alasan"] for r in h.invalid_rows}
    assert "U3" in alasan[3] and "di luar 1-4" in alasan[3]
    assert "U1" in alasan[5]
    assert "U5 kosong" in alasan[6]
    assert "U8" in alasan[7] and "bukan bilangan bulat" in alasan[7]
    # hanya tiga baris sah (= KECIL) yang dipakai
    assert h.ikm == pytest.approx(2275 / 27)
    assert h.jumlah == [10, 8, 11, 12, 8, 10, 12, 8, 12]


def test_baris_tidak_sah_tanpa_kolom_baris():
    df = survei(KECIL + [[4, 4, 4, 4, 4, 4, 4, 4, "x"]])
    h = hitung_ikm(df)
    assert h.invalid_rows == [{"baris": 5, "alasan": "U9 bukan angka ('x')"}]


def test_tanpa_responden_sah_dan_kolom_hilang():
    with pytest.raises(LkjError, match="tidak ada responden SKM yang sah"):
        hitung_ikm(survei([[5] * 9]))
    with pytest.raises(LkjError, match="u9"):
        hitung_ikm(survei(KECIL).drop(columns=["u9"]))


@pytest.mark.parametrize("populasi, sampel", [(100, 80), (1000, 278), (300, 169), (1, 1)])
def test_krejcie_morgan(populasi, sampel):
    s = 3.841 * populasi * 0.25 / (0.0025 * (populasi - 1) + 3.841 * 0.25)
    assert sampel == math.ceil(s)
    assert sampel_krejcie_morgan(populasi) == sampel


def test_sampel_minimal_pada_hasil():
    assert hitung_ikm(survei(KECIL)).sampel_minimal is None
    h = hitung_ikm(survei(KECIL), populasi=100)
    assert h.sampel_minimal == 80 and h.sampel_cukup is False
    with pytest.raises(LkjError, match="populasi"):
        hitung_ikm(survei(KECIL), populasi=0)


@pytest.mark.parametrize("ikm, mutu", [
    (100, "A"), (88.31, "A"), (88.3099, "B"), (76.61, "B"), (76.6099, "C"),
    (65.00, "C"), (64.99, "D"), (25, "D"),
])
def test_batas_mutu_ikm(ikm, mutu):
    assert mutu_ikm(ikm)[0] == mutu


@pytest.mark.parametrize("nrr, mutu", [
    (3.5324, "A"), (3.5323, "B"), (3.0644, "B"), (3.0643, "C"), (2.60, "C"), (2.5999, "D"),
])
def test_batas_mutu_nrr(nrr, mutu):
    assert mutu_nrr(nrr)[0] == mutu


def test_rekap_balangan_2022():
    df = survei_balangan()
    h = hitung_ikm(df)
    assert h.n_responden == 374 and h.N == [374] * 9
    assert h.jumlah == BALANGAN_JUMLAH
    assert [round(x, 3) for x in h.NRR] == BALANGAN_NRR
    # 1/9: 25 × 12274 / (374 × 9) = 91,161…; tercetak 90,01 (tidak cocok dengan aturan mana pun)
    assert round(h.ikm, 2) == 91.16
    assert (h.mutu, h.kinerja) == ("A", "Sangat Baik")
    h11 = hitung_ikm(df, 0.11)
    # 0,11: Σ NRRT = 3,61 (sama dengan *) tercetak) → 90,25, bukan 90,01
    assert round(sum(h11.NRRT), 2) == 3.61
    assert round(h11.ikm, 2) == 90.25
    assert round(h.ikm, 2) != 90.01 and round(h11.ikm, 2) != 90.01
    prof = h.profil_responden()
    jk = prof[prof["kelompok"] == "Jenis Kelamin"].set_index("kategori")
    assert jk.loc["Laki-laki", "jumlah"] == 158 and jk.loc["Perempuan", "jumlah"] == 216
    assert jk.loc["Laki-laki", "persen"] == pytest.approx(158 / 374 * 100)  # 42,2 % tercetak


def test_per_layanan_dan_kelompok():
    df = survei(KECIL, layanan=["Cuti", "Cuti", "Mutasi"], usia=[20, 21, float("nan")],
                jenis_kelamin=["L", "p", None])
    h = hitung_ikm(df)
    lay = h.per_layanan().set_index("layanan")
    # Cuti: R1 (33) + R2 (30) = 63 / 18 × 25 = 87,5; Mutasi: R3 = 28 / 9 × 25 = 77,78
    assert lay.loc["Cuti", "ikm"] == pytest.approx(87.5)
    assert lay.loc["Cuti", "n_responden"] == 2 and lay.loc["Cuti", "mutu"] == "B"
    assert lay.loc["Mutasi", "ikm"] == pytest.approx(28 / 9 * 25)
    usia = h.per_kelompok("usia")
    assert list(usia["usia"]) == ["≤ 20", "21–30", "(tidak diisi)"]
    jk = h.per_kelompok("jenis_kelamin")
    assert list(jk["jenis_kelamin"]) == ["Laki-laki", "Perempuan", "(tidak diisi)"]
    with pytest.raises(LkjError, match="kelompok"):
        h.per_kelompok("agama")


def test_realisasi_instrumen_ikm():
    tabel = {"skm": survei(KECIL)}
    v, ket = realisasi_instrumen(tabel, "ikm", 2024, Pengaturan())
    assert v == pytest.approx(2275 / 27)
    assert "3 responden" in ket
    v11, _ = realisasi_instrumen(tabel, "ikm", 2024, Pengaturan(penimbang_ikm=(0.11,) * 9))
    assert v11 == pytest.approx(25 * 0.11 * 91 / 3)
    assert realisasi_instrumen({"skm": survei([])}, "ikm", 2024, Pengaturan())[0] is None
    v, ket = realisasi_instrumen({"skm": survei([[9] * 9])}, "ikm", 2024, Pengaturan())
    assert v is None and "tidak ada responden" in ket


def test_sintetis_deterministik_dan_masuk_akal():
    a = sintetis_skm(500, seed=11, tahun=2023)
    b = sintetis_skm(500, seed=11, tahun=2023)
    pd.testing.assert_frame_equal(a, b)
    assert not a.equals(sintetis_skm(500, seed=12, tahun=2023))
    nilai = pd.Series(a[U].to_numpy().ravel())
    assert set(nilai.unique()) <= {1, 2, 3, 4}
    porsi = nilai.value_counts(normalize=True)
    assert porsi.get(3, 0) + porsi.get(4, 0) > 0.85
    assert 0.01 < porsi.get(2, 0) < 0.15
    assert porsi.get(1, 0) < 0.02
    assert a["tanggal"].str.startswith("2023-").all()
    assert set(a["jenis_kelamin"]) <= {"L", "P"}
    h = hitung_ikm(a)
    assert h.n_tidak_sah == 0 and 76.61 <= h.ikm <= 95
    with pytest.raises(LkjError):
        sintetis_skm(0, seed=1)


def test_grafik_nrr(tmp_path):
    import matplotlib

    from lkj_lib.grafik.gaya import simpan
    from lkj_lib.grafik.instrumen import grafik_nrr

    sebelum = dict(matplotlib.rcParams)
    fig = grafik_nrr(hitung_ikm(survei_balangan()))
    ax = fig.axes[0]
    teks = [t.get_text() for t in ax.texts]
    assert "3,495" in teks and "3,968" in teks
    assert [round(x, 4) for x in ax.get_xticks()] == [1, 2, 2.6, 3.0644, 3.5324, 4]
    assert [t.get_text() for t in ax.get_xticklabels()] == ["1", "2", "2,60", "3,0644", "3,5324", "4"]
    assert "91,16" in ax.get_title(loc="left")
    png, svg = simpan(fig, tmp_path / "nrr")
    assert png.stat().st_size > 1000 and svg.read_text().startswith("<?xml")
    assert dict(matplotlib.rcParams) == sebelum


def test_penimbang_tak_seragam_berjumlah_1_diterima():
    # 8 × 0,11 + 0,12 = 1 → sah meskipun tidak seragam
    assert sum(periksa_penimbang((0.11,) * 8 + (0.12,))) == pytest.approx(1)


def test_jawaban_bertanda_tidak_sah(tmp_path):
    p = tmp_path / "skm.csv"
    p.write_text("u1,u2,u3,u4,u5,u6,u7,u8,u9\n≥3,4,4,4,4,4,4,4,4\n4,4,4,4,4,4,4,4,4\n", encoding="utf-8")
    h = hitung_ikm(baca_tabel_berkas(p, "skm"))
    assert h.n_responden == 1 and h.ikm == 100
    assert h.invalid_rows == [{"baris": 2, "alasan": "U1 bukan nilai tunggal (≥ 3)"}]


def test_beberapa_unsur_tidak_sah_dalam_satu_baris_urut_per_unsur(tmp_path):
    """Alasan satu baris digabung menurut urutan unsur (U1..U9), satu alasan per unsur: sel bertanda
    (≥ / satuan) hanya bila nilainya sendiri sah; baris-baris sah di antaranya tetap dipakai."""
    p = tmp_path / "skm.csv"
    p.write_text("u1,u2,u3,u4,u5,u6,u7,u8,u9\n"
                 "≥3,,4,4,5,4,4,4,4 orang\n"   # baris 2: U1 bertanda, U2 kosong, U5 = 5, U9 bersatuan
                 + "4,4,4,4,4,4,4,4,4\n" * 3 +  # baris 3-5 sah
                 "≥7,4,4,4,4,4,4,4,3.5\n",      # baris 6: U1 di luar (bukan 'bertanda'), U9 = 3,5
                 encoding="utf-8")
    h = hitung_ikm(baca_tabel_berkas(p, "skm"))
    assert h.n_responden == 3 and h.ikm == 100
    assert h.invalid_rows == [
        {"baris": 2, "alasan": "U1 bukan nilai tunggal (≥ 3); U2 kosong; U5 di luar 1-4 (5); "
                               "U9 bukan nilai tunggal (orang 4)"},
        {"baris": 6, "alasan": "U1 di luar 1-4 (7); U9 bukan bilangan bulat (3.5)"},
    ]


# ---- Rekap per unsur (lembar skm_rekap): rumus sama dengan jawaban mentah ----

BALANGAN_SKM = Path(__file__).resolve().parents[1] / "params" / "bkpsdm-balangan" / "2022" / "data" / "skm.csv"


def rekap(baris: list[tuple], layanan: list[str] | None = None) -> pd.DataFrame:
    """baris: (unsur, jumlah_responden, jumlah_nilai, nrr)."""
    df = pd.DataFrame(baris, columns=["unsur", "jumlah_responden", "jumlah_nilai", "nrr"])
    if layanan is not None:
        df.insert(0, "layanan", layanan)
    df["_baris"] = range(2, len(df) + 2)
    return df


def test_rekap_dari_jawaban_balangan_ikm_persis_sama():
    skm = baca_tabel_berkas(BALANGAN_SKM, "skm")
    mentah = hitung_ikm(skm, 0.11)
    r = rekap_dari_jawaban(skm)
    # rekap yang diterima aplikasi SKM: jumlah nilai per unsur seperti Lampiran 3
    assert r["jumlah_nilai"].tolist() == BALANGAN_JUMLAH
    assert r["jumlah_responden"].tolist() == [374] * 9
    assert r["nrr"].tolist() == BALANGAN_NRR
    for w in (0.11, "1/9"):
        dari_rekap = hitung_ikm_rekap(r, w)
        dari_jawaban = hitung_ikm(skm, w)
        assert dari_rekap.bentuk == "rekap" and dari_jawaban.bentuk == "jawaban"
        assert dari_rekap.ikm == dari_jawaban.ikm  # persis, bukan kira-kira
        assert dari_rekap.NRR == dari_jawaban.NRR and dari_rekap.N == dari_jawaban.N
        assert (dari_rekap.mutu, dari_rekap.kinerja) == (dari_jawaban.mutu, dari_jawaban.kinerja)
        assert dari_rekap.n_responden == 374
    assert mentah.ikm == pytest.approx(90.25)  # 25 × 0,11 × 12274/374 = 90,25
    # rekap per layanan: IKM total dan per layanan sama dengan jawaban per layanan. Jawaban asli
    # Balangan tidak mencatat layanan; di sini dibagi bergiliran ke tiga layanan.
    skm = skm.assign(layanan=[("Kenaikan Pangkat", "Mutasi", "Pensiun")[i % 3] for i in range(len(skm))])
    mentah = hitung_ikm(skm, 0.11)
    per_lay = rekap_dari_jawaban(skm, per_layanan=True)
    h = hitung_ikm_rekap(per_lay, 0.11)
    assert h.ikm == pytest.approx(mentah.ikm, abs=1e-12)
    a = h.per_layanan().set_index("layanan")
    b = mentah.per_layanan().set_index("layanan")
    assert sorted(a.index) == ["Kenaikan Pangkat", "Mutasi", "Pensiun"] == sorted(b.index)
    assert sorted(a["n_responden"]) == [124, 125, 125]
    for lay in b.index:
        assert a.at[lay, "n_responden"] == b.at[lay, "n_responden"]
        assert a.at[lay, "ikm"] == pytest.approx(b.at[lay, "ikm"], abs=1e-12)
    with pytest.raises(LkjError, match="jawaban per responden"):
        h.per_kelompok("usia")
    assert h.profil_responden().empty


def test_rekap_hanya_nrr_tercetak():
    # NRR 3 desimal saja: Σ NRR = 32,818 → IKM = 25 × 32,818 / 9 = 91,1611… (jawaban mentah: 91,1616…)
    h = hitung_ikm_rekap(rekap([(f"U{i}", 374, None, x) for i, x in enumerate(BALANGAN_NRR, 1)]))
    assert h.ikm == pytest.approx(25 * 32.818 / 9, abs=1e-9)
    assert h.jumlah[0] == pytest.approx(3.495 * 374)
    # kode unsur boleh '1' atau 'u1'
    h2 = hitung_ikm_rekap(rekap([(str(i) if i % 2 else f"u{i}", 374, None, x)
                                 for i, x in enumerate(BALANGAN_NRR, 1)]))
    assert h2.ikm == h.ikm


def test_rekap_tidak_sah_semua_masalah_sekaligus():
    baris = [(f"U{i}", 374, j, x) for i, (j, x) in enumerate(zip(BALANGAN_JUMLAH, BALANGAN_NRR), 1)]
    baris[2] = ("U3", 374, 1322, 3.6)      # 1322/374 = 3,5348 ≠ 3,6
    baris[3] = ("U4", 10, 41, None)        # > 4 × 10
    baris[4] = ("U5", 374, None, None)     # keduanya kosong
    del baris[8]                           # U9 hilang
    with pytest.raises(InputError) as e:
        hitung_ikm_rekap(rekap(baris), berkas="skm_rekap.csv")
    pesan = {(m.baris, m.kolom): m.pesan for m in e.value.masalah}
    assert pesan[(4, "nrr")].startswith("nrr tidak sesuai")
    assert "tidak mungkin" in pesan[(5, "jumlah_nilai")]
    assert pesan[(6, "jumlah_nilai")] == "jumlah_nilai dan nrr kosong"
    assert "U9" in pesan[(2, "unsur")]
    assert all(m.berkas == "skm_rekap.csv" and m.lembar == "skm_rekap" for m in e.value.masalah)
    # NRR yang ditulis 1 desimal cocok bila jumlah/responden dibulatkan 1 desimal: 1309/374 = 3,5000
    ok = [(f"U{i}", 374, j, round(j / 374, 1)) for i, j in enumerate(BALANGAN_JUMLAH, 1)]
    assert hitung_ikm_rekap(rekap(ok)).ikm == pytest.approx(25 * 12274 / 374 / 9)  # Σ jumlah = 12274


def test_rekap_layanan_campur_dan_unsur_ganda():
    baris = [(f"U{i}", 5, 15, None) for i in range(1, 10)] + [("U1", 5, 15, None)]
    with pytest.raises(InputError) as e:
        hitung_ikm_rekap(rekap(baris, ["A"] * 9 + [""]))
    teks = " | ".join(m.pesan for m in e.value.masalah)
    assert "bercampur" in teks and "tidak memuat unsur U2" in teks


def test_realisasi_instrumen_memilih_bentuk():
    r = rekap([(f"U{i}", 3, j, None) for i, j in enumerate([10, 8, 11, 12, 8, 10, 12, 8, 12], 1)])
    # hanya rekap: jumlah sama dengan KECIL → IKM 2275/27 persis seperti jawaban mentah
    v, ket = realisasi_instrumen({"skm": survei([]), "skm_rekap": r}, "ikm", 2024, Pengaturan())
    assert v == pytest.approx(2275 / 27) and "rekap per unsur" in ket and "skm_rekap" in ket
    # keduanya: jawaban menang, rekap disebut sebagai yang diaudit
    r_salah = r.copy()
    r_salah.loc[0, "jumlah_nilai"] = 12
    v, ket = realisasi_instrumen({"skm": survei(KECIL), "skm_rekap": r_salah}, "ikm", 2024, Pengaturan())
    assert v == pytest.approx(2275 / 27) and "jawaban 3 responden" in ket and "diaudit" in ket
    assert audit_rekap(survei(KECIL), r) == []
    beda = audit_rekap(survei(KECIL), r_salah)
    assert [(b["unsur"], b["besaran"], b["rekap"], b["jawaban"]) for b in beda] == [("U1", "jumlah_nilai", 12, 10)]
    assert realisasi_instrumen({"skm": survei([]), "skm_rekap": r.iloc[0:0]}, "ikm", 2024)[0] is None


def test_bentuk_skm_dari_kolom():
    assert bentuk_skm(U) == "jawaban"
    assert bentuk_skm(["Unsur", "jumlah_responden", "nrr"]) == "rekap"
    assert bentuk_skm(["no", "nilai"]) is None


def test_sintetis_mengikuti_nrr_sasaran():
    df = sintetis_skm(374, seed=5, tahun=2022, nrr=BALANGAN_NRR)
    h = hitung_ikm(df)
    # 374 responden: jumlah = round(NRR × 374) memberi kembali NRR tercetak pada 3 desimal
    assert [round(x, 3) for x in h.NRR] == BALANGAN_NRR
    assert h.jumlah == [float(j) for j in BALANGAN_JUMLAH]
    assert set(np.unique(df[U].to_numpy())) <= {1, 2, 3, 4}
    assert len(set(df["u1"])) >= 2  # bukan kolom seragam
    jumlah, meleset = jumlah_untuk_nrr([3.333] + [3.5] * 8, 100)
    assert jumlah[0] == 333 and meleset == [("U1", 3.333, 3.33)]


def test_folder_skpd_dengan_skm_rekap(tmp_path):
    """Balangan tanpa skm.csv tetapi dengan rekap: IKU IKM sama; rekap salah → galat validasi/audit."""
    import shutil

    from lkj_lib.audit.instrumen import audit_instrumen
    from lkj_lib.masukan import muat, periksa
    from lkj_lib.ukur.hasil import hitung

    asal = BALANGAN_SKM.parents[1]
    f = tmp_path / "bkpsdm-balangan" / "2022"
    shutil.copytree(asal, f)
    skm = baca_tabel_berkas(f / "data" / "skm.csv", "skm")
    ikm_jawaban = hitung_ikm(skm, 0.11).ikm
    rekap_dari_jawaban(skm, per_layanan=True).to_csv(f / "data" / "skm_rekap.csv", index=False)
    # keduanya ada: jawaban dipakai, rekap yang cocok tidak menimbulkan temuan
    h = hitung(muat(f))
    baris = h.iku[h.iku["sumber_realisasi"].str.contains("skm")].iloc[0]
    assert baris["realisasi"] == ikm_jawaban and "lembar skm," in baris["sumber_realisasi"]
    assert [t for t in audit_instrumen(h) if t.aturan == "skm_rekap"] == []
    # rekap berbeda satu angka → temuan galat yang menunjuk baris rekap
    r = pd.read_csv(f / "data" / "skm_rekap.csv")
    r.loc[0, "jumlah_nilai"] += 1
    r.loc[0, "nrr"] = None
    r.to_csv(f / "data" / "skm_rekap.csv", index=False)
    temuan = [t for t in audit_instrumen(hitung(muat(f))) if t.aturan == "skm_rekap"]
    assert [(t.tingkat, t.besaran, t.sumber) for t in temuan] == [("galat", "jumlah_nilai", "skm_rekap:2")]
    # hanya rekap (skm.csv dihapus): IKU IKM dihitung dari rekap, persis sama
    r.loc[0, "jumlah_nilai"] -= 1
    r.to_csv(f / "data" / "skm_rekap.csv", index=False)
    (f / "data" / "skm.csv").unlink()
    h = hitung(muat(f))
    baris = h.iku[h.iku["sumber_realisasi"].str.contains("skm")].iloc[0]
    assert baris["realisasi"] == ikm_jawaban and "rekap per unsur" in baris["sumber_realisasi"]
    from lkj_lib.audit import audit
    from lkj_lib.sajian.tabel_lampiran import _bagian_ikm

    assert "menurut rekap per unsur" in _bagian_ikm(h).teks and "IKM) = 90,25" in _bagian_ikm(h).teks
    # jenis kelamin responden (tercetak 158 laki-laki) tidak ada di rekap: tak teraudit, bukan galat/crash
    a = audit(h).set_index("besaran")
    assert a.at["n_laki", "aturan"] == "tak_teraudit" and a.at["n_laki", "tingkat"] == "info"
    # rekap tidak sah → lkj validate menolak dengan lokasi
    r.loc[3, "jumlah_nilai"] = 99999
    r.to_csv(f / "data" / "skm_rekap.csv", index=False)
    data, masalah = periksa(f)
    assert data is None
    assert [(m.berkas, m.baris, m.kolom) for m in masalah if m.tingkat == "galat"] == [
        ("skm_rekap.csv", 5, "jumlah_nilai")]
