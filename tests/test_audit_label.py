"""Audit label kategori dalam narasi SKPD (lkj_lib/audit/narasi_label.py).

SKPD mini (tests/mini.py), dihitung tangan: capaian IKU1 84/80 = 105%, IKU2 (2T−R) 125%; capaian program
90/100 = 90%; serapan total 900.000/1.000.000 = 90%; metode selisih: efisiensi sub kegiatan B
75 − 90 = −15 (Tidak Efisien), output (125 + 75)/2 − 90 = 10 (Efisien). Skala bawaan: ≥ 91 Sangat Tinggi,
≥ 76 Tinggi, ≥ 66 Sedang."""

import shutil

import pytest

from conftest import BALANGAN, HSS
from lkj_lib.audit import audit, masalah_narasi, periksa_narasi_final
from lkj_lib.errors import InputError
from lkj_lib.masukan import muat
from lkj_lib.ukur.hasil import hitung
from mini import YAML


def _label(folder, kunci: str, teks: str):
    """Temuan label (galat narasi_label, info tak teraudit berbesaran label) narasi ``kunci``."""
    (folder / "narasi" / f"{kunci}.md").write_text(teks, encoding="utf-8")
    df = audit(hitung(muat(folder)))
    d = df[(df["lokasi"] == f"narasi/{kunci.lower()}.md")
           & ((df["aturan"] == "narasi_label") | (df["besaran"] == "label"))]
    return df, d[["tingkat", "dilaporkan", "dihitung"]].values.tolist(), d


def test_label_benar_tanpa_temuan_salah_galat(mini):
    _, t, _ = _label(mini, "iku_iku1", "Indeks kepuasan mencapai 105% dari target (Sangat Tinggi) dan "
                                       "berkategori sangat efektif.")
    assert t == []
    # kalimat terbungkus dua baris (paragraf Markdown) tetap satu kalimat
    df, t, d = _label(mini, "iku_iku1", "Indeks kepuasan mencapai 105% dari target\ndengan kategori Tinggi.")
    assert t == [["galat", "Tinggi", "Sangat Tinggi"]]
    r = d.iloc[0]
    assert (r["objek"], r["kode"], r["besaran"]) == ("iku", "IKU1", "kategori")
    assert "capaian IKU1 = 105 → Sangat Tinggi" in r["pesan"]


def test_label_terpanjang_lebih_dulu(mini):
    # 90% < 91: Tinggi. "Sangat Tinggi" harus dibaca utuh (bila dibaca "Tinggi", ia tampak benar)
    _, t, _ = _label(mini, "realisasi_anggaran", "Pagu Rp 1.000.000 terealisasi Rp 900.000 atau 90,00%, "
                                                 "sehingga serapan tergolong Sangat Tinggi.")
    assert t == [["galat", "Sangat Tinggi", "Tinggi"]]
    # efektivitas: 90% → Efektif (bukan Sangat Efektif); label tertulis dibandingkan dengan ragamnya sendiri
    _, t, _ = _label(mini, "realisasi_anggaran", "Serapan 90,00% tergolong Sangat Efektif; capaian IKU1 105% "
                                                 "(Efektif).")
    assert t == [["galat", "Sangat Efektif", "Efektif"], ["galat", "Efektif", "Sangat Efektif"]]
    # efisiensi output 10 → Efisien; "Tidak Efisien" tidak boleh terbaca "Efisien"; −15 → Tidak Efisien
    _, t, _ = _label(mini, "realisasi_anggaran", "Efisiensi output 10,00 poin (Tidak Efisien). Sub kegiatan B "
                                                 "tercatat −15,00 poin sehingga tergolong efisien.")
    assert t == [["galat", "Tidak Efisien", "Efisien"], ["galat", "efisien", "Tidak Efisien"]]
    _, t, _ = _label(mini, "realisasi_anggaran", "Efisiensi output 10,00 poin (Efisien), sub kegiatan B "
                                                 "−15,00 poin (Tidak Efisien).")
    assert t == []


def test_label_ikm_terpanjang(tmp_path):
    f = tmp_path / "bkpsdm-balangan" / "2022"
    shutil.copytree(BALANGAN, f)
    # IKM 90,25 ≥ 88,31: mutu A, Sangat Baik; "Kurang Baik" (mutu C) dibaca utuh, bukan "Baik"
    _, t, _ = _label(f, "iku_IKU3", "Nilai IKM 90,25 dengan mutu C (Kurang Baik).")
    assert t == [["galat", "mutu C", "A"], ["galat", "Kurang Baik", "Sangat Baik"]]


def test_label_merit_dan_nspk_hss(tmp_path):
    f = tmp_path / "bkpsdm-hulu-sungai-selatan" / "2022"
    shutil.copytree(HSS, f)
    # Sistem Merit 219: 175–249 = II Kurang; NSPK 82,42 > 80 = A Sangat Baik, 79 ≤ 80 = B Baik
    _, t, _ = _label(f, "iku_IKU1", "Indeks Sistem Merit tercatat 219 dengan kategori Baik.")
    assert t == [["galat", "Baik", "Kurang"]]
    _, t, _ = _label(f, "iku_IKU2", "Nilai NSPK 82,42 berkategori Sangat Baik, naik dari 79 (kategori Cukup).")
    assert t == [["galat", "Cukup", "Baik"]]


def test_skala_profil(tmp_path):
    from mini import tulis_mini

    yaml = YAML.replace("pengaturan:\n", "pengaturan:\n  skala_kategori:\n"
                        "    - {batas: 100, kinerja: Sangat Baik, efektivitas: Sangat Efektif}\n"
                        "    - {batas: 80, kinerja: Baik, efektivitas: Efektif}\n"
                        "    - {batas: 0, kinerja: Kurang, efektivitas: Tidak Efektif}\n")
    f = tulis_mini(tmp_path / "dinas-contoh" / "2024", yaml_teks=yaml)
    # 105 ≥ 100: Sangat Baik; program 90% (80–100): Baik; "Sangat Tinggi" bukan label skala ini
    _, t, _ = _label(f, "iku_iku1", "Capaian 105% (Sangat Baik); capaian program 90% (Sangat Baik).")
    assert t == [["galat", "Sangat Baik", "Baik"]]
    _, t, _ = _label(f, "iku_iku1", "Capaian 105% (Sangat Tinggi).")
    assert t == []


def test_semua_iku(mini):
    _, t, _ = _label(mini, "simpulan", "Semua IKU berkategori Sangat Tinggi.")
    assert t == []
    _, t, d = _label(mini, "simpulan", "Kedua IKU berkategori Tinggi atau Sedang.")
    assert t == [["galat", "Tinggi atau Sedang", "IKU1 Sangat Tinggi; IKU2 Sangat Tinggi"]]
    assert d.iloc[0]["pesan"].endswith("capaian IKU1 = 105 → Sangat Tinggi; capaian IKU2 = 125 → Sangat Tinggi")


def test_besaran_tak_dikenali_info_bukan_galat(mini, tmp_path):
    from mini import tulis_mini

    # tanpa angka atau rujukan: tidak ditebak
    _, t, d = _label(mini, "saran", "Kinerja pelayanan tergolong Sangat Tinggi. Pemerintahan yang baik "
                                    "dan pelayanan yang masih rendah bukan label.")
    assert t == [["info", "Sangat Tinggi", ""]] and d.iloc[0]["aturan"] == "tak_teraudit"
    # serapan 90% (Tinggi) di klausa lain tidak dipakai untuk label kinerja: info, bukan galat
    _, t, _ = _label(mini, "saran", "Kinerja tergolong Sangat Tinggi walaupun serapan hanya 90,00%. "
                                    "Walaupun serapan hanya 90,00%, kinerja tergolong Sangat Tinggi.")
    assert t == [["info", "Sangat Tinggi", ""]] * 2
    # skala profil berlabel "Kurang": "kurang" dalam "kurang efisien" keterangan, bukan label skala
    f = tmp_path / "kurang" / "2024"
    tulis_mini(f, yaml_teks=YAML.replace("pengaturan:\n", "pengaturan:\n  skala_kategori:\n"
                                         "    - {batas: 80, kinerja: Baik, efektivitas: Efektif}\n"
                                         "    - {batas: 0, kinerja: Kurang, efektivitas: Tidak Efektif}\n"))
    _, t, _ = _label(f, "saran", "Efisiensi output 10,00 poin tergolong kurang efisien.")
    assert t == []  # bukan galat "kurang" (skala) vs rata-rata capaian output 100 (Baik)


def test_final_menolak_draf_menandai(mini):
    from lkj_lib.tampil import Sesi

    teks = "Capaian IKU2 125% (Sangat Tinggi), sedangkan IKU1 105% (Tinggi)."
    df, t, _ = _label(mini, "iku_iku1", teks)
    assert t == [["galat", "Tinggi", "Sangat Tinggi"]]
    assert [(m.berkas, m.nilai, m.harapan) for m in masalah_narasi(df)] == [
        ("narasi/iku_iku1.md", "Tinggi", "Sangat Tinggi")]
    with pytest.raises(InputError, match="label kategori"):
        periksa_narasi_final(df)
    html = str(Sesi(mini, draf=True).narasi("iku_iku1"))
    # yang ditandai: "Tinggi" kedua (kemunculan ke-2, bukan bagian "Sangat Tinggi")
    assert "(Sangat Tinggi)" in html and html.count("<mark") == 1
    assert '105% (<mark class="angka-ditolak penanda-draf" title="audit: hasil hitung Sangat Tinggi">Tinggi</mark>)' \
        in html
    assert "<mark" not in str(Sesi(mini, draf=False).narasi("iku_iku1"))


def test_contoh_tanpa_alarm_dan_satu_kata_diubah_galat(tmp_path):
    for contoh in (HSS, BALANGAN):
        df = audit(hitung(muat(contoh)))
        assert not (df["aturan"] == "narasi_label").any()
        assert not ((df["besaran"] == "label") & df["lokasi"].str.startswith("narasi/")).any()
    # narasi Balangan apa adanya, satu kata diubah: Sistem Merit 2021 = 129 → I Buruk (bukan Baik)
    f = tmp_path / "bkpsdm-balangan" / "2022"
    shutil.copytree(BALANGAN, f)
    asli = (f / "narasi" / "iku_IKU2.md").read_text(encoding="utf-8")
    assert "(129, kategori I, predikat buruk)" in asli
    _, t, _ = _label(f, "iku_IKU2", asli.replace("predikat buruk", "predikat baik"))
    assert t == [["galat", "baik", "Buruk"]]


def test_angka_kebetulan_sama_tidak_menjadi_alarm(mini):
    # 75 = realisasi IKU1 2023 dan, kebetulan, capaian sub kegiatan B (3/4 = 75%, Sedang); label menilai IKU1
    # (rujukan bernama di klausanya: 105% dan 100% → Sangat Tinggi), jadi bukan galat
    _, t, _ = _label(mini, "iku_iku1", "Indeks kepuasan IKU1 naik dari 75 pada 2023 menjadi 84 (Sangat Tinggi).")
    assert t == []
    # tanpa rujukan bernama, angka 75 yang menentukan: capaian sub kegiatan B = Sedang
    _, t, _ = _label(mini, "saran", "Sub kegiatan B mencapai 75 (Sangat Tinggi).")
    assert t == [["galat", "Sangat Tinggi", "Sedang"]]
