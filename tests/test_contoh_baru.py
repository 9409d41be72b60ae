"""Tiga contoh SINTETIS tambahan (params/*-riam-kanan): angka dihitung tangan di komentar.

- Inspektorat 2023: skala kategori 5 tingkat sendiri (Sangat Baik … Sangat Kurang);
- Dinas Kesehatan 2020: anggaran program → kegiatan saja, IKU negatif dengan rumus T/R,
  data.xlsx yang dibangkitkan ``buat_data.py``;
- Bagian Organisasi 2023: unit kecil tanpa instrumen, indikator Renja, pembanding.
"""

from __future__ import annotations

import importlib.util
import math

import openpyxl
import pytest

from conftest import ROOT
from lkj_lib.audit import audit
from lkj_lib.masukan import muat, periksa
from lkj_lib.ukur.hasil import hitung

INSPEKTORAT = ROOT / "params" / "inspektorat-riam-kanan" / "2023"
DINKES = ROOT / "params" / "dinkes-riam-kanan" / "2020"
ORGANISASI = ROOT / "params" / "bagian-organisasi-riam-kanan" / "2023"
SEMUA = [INSPEKTORAT, DINKES, ORGANISASI]



@pytest.fixture(scope="module")
def hasil():
    return {f.parent.name: hitung(muat(f)) for f in SEMUA}


def _iku(h, kode):
    return h.iku_semua.set_index("kode_indikator").loc[kode]


@pytest.mark.parametrize("folder", SEMUA, ids=lambda f: f.parent.name)
def test_sah_tanpa_galat_dan_bertanda_sintetis(folder):
    data, masalah = periksa(folder)
    assert data is not None, [m.baris_teks() for m in masalah]
    assert [m for m in masalah if m.tingkat == "galat"] == []
    assert data.profil.sintetis is True
    # setiap IKU punya narasi analisis sendiri, dan semua narasi umum ditulis
    assert {f"iku_{k.lower()}" for k in data["indikator"].query("level == 'sasaran'")["kode_indikator"]} <= set(data.narasi)
    assert len(data.narasi) >= 11


def test_inspektorat_skala_lima_tingkat(hasil):
    h = hasil["inspektorat-riam-kanan"]
    skala = h.profil.pengaturan.skala_kategori
    assert [k.kinerja for k in skala] == ["Sangat Baik", "Baik", "Cukup", "Kurang", "Sangat Kurang"]
    assert [k.batas for k in skala[:4]] == [90, 80, 70, 60] and skala[-1].batas == -math.inf
    harapan = {
        "IKU1": (100.0, "Sangat Baik"),             # 3 / 3 level
        "IKU2": (71.5 / 85 * 100, "Baik"),          # 84,12
        "IKU3": (72.0, "Cukup"),                    # 72 / 100
        "IKU4": (62.48 / 66 * 100, "Sangat Baik"),  # 94,67
        "IKU5": (62.5, "Kurang"),                   # 37,5 / 60
    }
    for kode, (capaian, kategori) in harapan.items():
        r = _iku(h, kode)
        assert r["capaian"] == pytest.approx(capaian) and r["kategori"] == kategori, kode
    assert _iku(h, "IKU5")["efektivitas"] == "Kurang Efektif"
    # rata-rata capaian IKU = (100 + 84,1176 + 72 + 94,6667 + 62,5) / 5 = 82,66
    assert h.rata_capaian_iku == pytest.approx((100 + 71.5 / 85 * 100 + 72 + 62.48 / 66 * 100 + 62.5) / 5)
    ang = h.anggaran.set_index("kode")
    # Asistensi SPIP: 27.683.000 / 58.900.000 = 47 % → pita terendah
    assert ang.at["3.1.2", "serapan"] == pytest.approx(47.0)
    assert ang.at["3.1.2", "kategori_serapan"] == "Sangat Kurang"
    # Pengaduan: 51.036.000 / 74.600.000 = 68,41 % → Kurang
    assert ang.at["2.2.2", "kategori_serapan"] == "Kurang"
    # pagu: program 1 = 42,5 + 36,8 + 3.388,15 + 61,3 + 298,5 = 3.827,25 jt; program 2 = 398,6 + 541,9
    # + 88,75 + 365,2 + 74,6 = 1.469,05 jt; program 3 = 96,3 + 58,9 = 155,2 jt → 5.451,5 jt
    assert h.total["pagu"] == 5_451_500_000
    assert ang.at["1", "pagu"] == 3_827_250_000 and ang.at["3", "pagu"] == 155_200_000


def test_inspektorat_audit_hanya_temuan_yang_ditanam(hasil):
    df = audit(hasil["inspektorat-riam-kanan"])
    galat = df[df["tingkat"] == "galat"]
    assert len(df) == 1 and len(galat) == 1
    r = galat.iloc[0]
    # tercetak 86,41 (tertukar), dihitung 51.036.000 / 74.600.000 = 68,41 %
    assert (r["kode"], r["besaran"], r["dilaporkan"]) == ("2.2.2", "serapan", "86,41")


def test_dinkes_iku_negatif_rumus_t_per_r(hasil):
    h = hasil["dinkes-riam-kanan"]
    assert h.profil.pengaturan.rumus_negatif == "T/R"
    # T/R: AKB 9,5 / 10,2 = 93,14 %; AKI 110 / 132 = 83,33 %; stunting 24 / 21,6 = 111,11 %
    assert _iku(h, "AKB")["capaian"] == pytest.approx(9.5 / 10.2 * 100)
    assert _iku(h, "AKI")["capaian"] == pytest.approx(110 / 132 * 100)
    assert _iku(h, "STUNTING")["capaian"] == pytest.approx(24 / 21.6 * 100)
    # dengan 2T-R angka kematian bayi akan menjadi (19 − 10,2) / 9,5 = 92,63 %: memang T/R yang dipakai
    assert _iku(h, "AKB")["capaian"] != pytest.approx((2 * 9.5 - 10.2) / 9.5 * 100)
    assert [_iku(h, k)["kategori"] for k in ("AKB", "AKI", "STUNTING")] == ["Sangat Tinggi", "Tinggi", "Sangat Tinggi"]
    # positif dengan target PK perubahan (refocusing): 78,3 / 85 = 92,12 %
    r = _iku(h, "PERSALINAN")
    assert r["target"] == 85 and r["capaian"] == pytest.approx(78.3 / 85 * 100)
    # riwayat: realisasi 2016-2020, target sampai akhir Renstra 2021
    riw = h.riwayat[h.riwayat["kode_indikator"] == "AKB"].set_index("tahun")
    assert sorted(riw.index[riw["realisasi"].notna()]) == [2016, 2017, 2018, 2019, 2020]
    assert riw.at[2016, "realisasi"] == 12.8 and riw.at[2016, "capaian"] == pytest.approx(12 / 12.8 * 100)


def test_dinkes_anggaran_program_kegiatan_saja(hasil):
    h = hasil["dinkes-riam-kanan"]
    ang = h.anggaran.set_index("kode")
    assert set(ang["jenis"]) == {"program", "kegiatan"}
    # pagu murni (kegiatan COVID-19 5.2 baru muncul di perubahan, murni kosong):
    # 18 + 246 + 310 + 1.250 + 4.865,3 + 612,4 + 185 + 720 + 96,5 + 425 = 8.728,2 jt
    assert h.total["pagu_murni"] == 8_728_200_000
    # pagu perubahan: 367,5 + 5.300,75 + 729,9 + 708 + 7.228 = 14.334,15 jt
    assert h.total["pagu"] == 14_334_150_000
    # realisasi: 335.839.310 + 4.783.607.700 + 679.975.800 + 639.563.000 + 6.567.653.300 = 13.006.639.110
    assert h.total["realisasi"] == 13_006_639_110
    assert h.total["serapan"] == pytest.approx(13_006_639_110 / 14_334_150_000 * 100)  # 90,74 %
    # program 5 = kegiatan 5.1 + 5.2: pagu 386 + 6.842 jt; pagu murni hanya 5.1 (425 jt)
    assert ang.at["5", "pagu"] == 7_228_000_000 and ang.at["5", "pagu_murni"] == 425_000_000
    assert ang.at["4.2", "serapan"] == pytest.approx(41_238_000 / 58_000_000 * 100)  # 71,1 %
    assert ang.at["4.2", "kategori_serapan"] == "Sedang"
    assert audit(h).empty


def test_dinkes_xlsx_sama_dengan_pembangkitnya(tmp_path):
    spec = importlib.util.spec_from_file_location("buat_data_dinkes", DINKES / "buat_data.py")
    modul = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(modul)
    baru = tmp_path / "data.xlsx"
    modul.tulis(baru)

    def isi(p):
        wb = openpyxl.load_workbook(p, read_only=True)
        try:
            return {ws.title: [list(r) for r in ws.iter_rows(values_only=True)] for ws in wb.worksheets}
        finally:
            wb.close()
    assert isi(baru) == isi(DINKES / "data.xlsx"), "jalankan: python params/dinkes-riam-kanan/2020/buat_data.py"


def test_organisasi_tanpa_bagian_opsional(hasil):
    h = hasil["bagian-organisasi-riam-kanan"]
    d = h.data
    for nama in ("skm", "skm_rekap", "sistem_merit", "nspk", "ip_asn", "pembanding", "angka_dilaporkan",
                 "indikator_renja"):
        assert d.tabel[nama].empty, nama
    assert d["indikator"]["instrumen"].isna().all()
    # Permendagri 86/2017: 76/80 = 95 Sangat Tinggi; 58,4/65 = 89,85 Tinggi; 45/70 = 64,29 Rendah
    assert [(round(_iku(h, k)["capaian"], 2), _iku(h, k)["kategori"]) for k in ("IKU1", "IKU2", "IKU3")] == [
        (95.0, "Sangat Tinggi"), (89.85, "Tinggi"), (64.29, "Rendah")]
    # pagu 168,4 + 104,75 + 131,6 + 54 = 458,75 jt; realisasi 159.327.500 + 96.880.000 + 118.995.700
    # + 49.312.000 = 424.515.200 → serapan 92,54 %
    assert h.total["pagu"] == 458_750_000 and h.total["realisasi"] == 424_515_200
    assert h.total["serapan"] == pytest.approx(424_515_200 / 458_750_000 * 100)
    # narasi: hanya dua cacah di luar data ("20 unit", "9 orang") yang dinyatakan tak teraudit (info)
    df = audit(h)
    assert df[["tingkat", "aturan", "dilaporkan"]].values.tolist() == [
        ["info", "tak_teraudit", "20 unit"], ["info", "tak_teraudit", "9 orang"]]


@pytest.mark.parametrize("folder", [
    INSPEKTORAT,
    DINKES,
    ORGANISASI,  # indikator_renja hanya judul kolom: bagiannya tidak dicetak
], ids=lambda f: f.parent.name)
def test_contoh_terbangun_html(folder, tmp_path):
    from lkj_lib.bangun import bangun

    b = bangun(folder, tmp_path, pdf=False)
    html = b.html.read_text(encoding="utf-8")
    data = muat(folder)
    assert data.profil.pemerintah_daerah in html and "sintetis" in html
    for kode in data["indikator"]["indikator"]:
        assert kode.split(" (")[0][:30] in html
