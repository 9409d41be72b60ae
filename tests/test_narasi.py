"""Narasi otomatis: kalimat memuat angka yang benar (diformat lkj_lib.fmt) dan simpulan yang
mengikuti angka. Nilai acuan dihitung tangan di tests/mini.py."""

from __future__ import annotations

import copy
import re

import jinja2
import pytest
from mini import TABEL, YAML, tulis_mini

from lkj_lib.masukan import muat
from lkj_lib.sajian import narasi
from lkj_lib.ukur.hasil import hitung


def _hasil(tmp_path, ubah=None, yaml_teks: str = YAML):
    """HasilKinerja SKPD mini; ``ubah(tabel)`` mengubah salinan tabel sebelum ditulis."""
    tabel = copy.deepcopy(TABEL)
    if ubah:
        ubah(tabel)
    return hitung(muat(tulis_mini(tmp_path / "dinas-contoh" / "2024", tabel, yaml_teks)))


def _baris(tabel, nama, **kunci):
    return next(r for r in tabel[nama] if all(r.get(k) == v for k, v in kunci.items()))


def _kalimat(teks: str, kata: str) -> str:
    """Kalimat (dipisah '. ') pertama yang memuat ``kata``."""
    return next(k for k in re.split(r"(?<=\.)\s+", teks) if kata in k)


@pytest.fixture
def h(mini):
    return hitung(muat(mini))


def _semua(h) -> list[str]:
    return [narasi.kalimat_iku(h, k) for k in h.iku["kode_indikator"]] + [
        narasi.kalimat_anggaran(h), narasi.kalimat_efisiensi(h), narasi.kalimat_program(h),
        narasi.ikhtisar_eksekutif(h), narasi.simpulan_otomatis(h), narasi.saran_otomatis(h)]


# --------------------------------------------------------------------------- IKU
def test_kalimat_iku_target_realisasi_capaian_arah_renstra(h):
    t = narasi.kalimat_iku(h, "IKU1")
    assert 'IKU "Indeks Kepuasan"' in t
    assert "sebesar 80" in t and "84" in t
    assert "105,00%" in t and "Sangat Tinggi" in t and "Sangat Efektif" in t
    # 2023: realisasi 75, capaian 100% → Naik 9 dan Naik 5,00 poin persen
    assert "dari 75 menjadi 84 (Naik 9)" in t
    assert "dari 100,00% menjadi 105,00% (Naik 5,00 poin persen)" in t
    # target akhir Renstra 90 → 84/90 = 93,33%
    assert "Renstra tahun 2026 sebesar 90" in t and "93,33%" in t
    assert "peringkat ke-2" in t  # 86 > 84 > 82
    assert len(t.split("\n\n")) == 3


def test_kalimat_iku_polaritas_negatif_tanpa_tahun_lalu(h):
    t = narasi.kalimat_iku(h, "IKU2")
    d2 = h.iku.set_index("kode_indikator")["desimal"].get("IKU2")
    assert ("sebesar 2,0%" if d2 == 1 else "sebesar 2%") in t and "1,5%" in t and "125,00%" in t
    assert "berpolaritas negatif" in t and "(2 × target − realisasi)" in t
    assert "Realisasi tahun 2023 tidak tersedia" in t
    assert "50,00%" in t  # (2×1 − 1,5)/1 terhadap target akhir 1%


def test_kalimat_iku_penanda_penilaian_mandiri(tmp_path):
    def ubah(t):
        r = _baris(t, "realisasi", kode_indikator="IKU1", tahun="2024")
        r["status"], r["catatan"] = "penilaian_mandiri", "Hasil survei internal"

    t = narasi.kalimat_iku(_hasil(tmp_path, ubah), "IKU1")
    assert "84*" in t and "Tanda *: Realisasi merupakan hasil penilaian mandiri" in t
    assert "Catatan: Hasil survei internal." in t


def test_kalimat_iku_tidak_dapat_dihitung_menyebut_alasan(tmp_path):
    def ubah(t):
        r = _baris(t, "realisasi", kode_indikator="IKU1", tahun="2024")
        r["realisasi"], r["status"] = "", "belum_rilis"

    t = narasi.kalimat_iku(_hasil(tmp_path, ubah), "IKU1")
    assert "Realisasi tahun 2024 belum tersedia***" in t
    assert "tidak dapat dihitung karena realisasi belum tersedia" in t
    assert "Tanda ***: Realisasi belum dirilis" in t
    assert "105,00%" not in t and "Naik" not in t


def test_kalimat_iku_kode_tak_dikenal(h):
    with pytest.raises(KeyError):
        narasi.kalimat_iku(h, "IKU9")


# --------------------------------------------------------------------------- anggaran
def test_kalimat_anggaran_dengan_terbilang(h):
    t = narasi.kalimat_anggaran(h)
    assert "Rp 1.000.000 (satu juta rupiah)" in t
    assert "Rp 900.000 (sembilan ratus ribu rupiah)" in t
    assert "90,00%" in t and "kategori Tinggi" in t
    assert "Sisa anggaran yang tidak terserap sebesar Rp 100.000 (seratus ribu rupiah)" in t
    assert "DPA" not in t  # pagu murni = pagu perubahan
    assert "1 (satu) program, 1 (satu) kegiatan, dan 2 (dua) sub kegiatan" in t


def test_kalimat_anggaran_pagu_murni_berbeda(tmp_path):
    def ubah(t):
        _baris(t, "renja", kode="1.1.1")["pagu_murni"] = "500.000"  # murni 900.000, DPPA 1.000.000

    t = narasi.kalimat_anggaran(_hasil(tmp_path, ubah))
    assert "semula (DPA) sebesar Rp 900.000 (sembilan ratus ribu rupiah)" in t
    assert "(DPPA) menjadi Rp 1.000.000 (satu juta rupiah)" in t


# --------------------------------------------------------------------------- efisiensi
def test_kalimat_efisiensi_selisih_mini(h):
    t = narasi.kalimat_efisiensi(h)
    assert "metode selisih" in t and "(capaian − serapan)" in t
    assert "15,00 poin" in t and "35,00 poin" in t  # 105 − 90; 125 − 90
    assert "seluruh IKU dinilai efisien" in t
    assert "output (indikator sub kegiatan) sebesar 100,00%" in t and "10,00 poin sehingga dinilai efisien" in t
    assert "outcome (indikator program) sebesar 90,00%" in t and "0,00 poin sehingga dinilai efisien" in t
    assert "1 (satu) indikator dinilai tidak efisien" in t and "sub kegiatan: 1 dari 2" in t
    assert 'Sub Kegiatan B – "Jumlah kegiatan" (capaian 75,00%, serapan 90,00%, efisiensi -15,00 poin)' in t


def test_selisih_negatif_berarti_tidak_efisien(tmp_path):
    def ubah(t):
        _baris(t, "realisasi", kode_indikator="IKU1", tahun="2024")["realisasi"] = "60"  # 75% − 90 = −15

    h = _hasil(tmp_path, ubah)
    t = narasi.kalimat_efisiensi(h)
    k = _kalimat(t, '"Indeks Kepuasan"')
    assert "75,00%" in k and "-15,00 poin" in k and "dinilai tidak efisien" in k
    assert "1 (satu) dari 2 (dua) IKU dinilai efisien dan 1 (satu) IKU dinilai tidak efisien" in t
    # setiap simpulan mengikuti tanda angkanya
    for r in h.efisiensi_iku.itertuples():
        k = _kalimat(t, f'"{r.indikator}"')
        assert ("tidak efisien" in k) == (r.efisiensi < 0)


def test_efisiensi_rasio(tmp_path):
    h = _hasil(tmp_path, yaml_teks=YAML.replace("metode_efisiensi: selisih", "metode_efisiensi: rasio"))
    t = narasi.kalimat_efisiensi(h)
    assert "metode rasio" in t and "(capaian ÷ serapan)" in t and "lebih dari 1" in t
    k = _kalimat(t, '"Indeks Kepuasan"')
    assert "nilai efisiensi 1,17," in k and "dinilai efisien" in k  # 105 / 90
    assert "poin" not in k


def test_efisiensi_sisa_anggaran(tmp_path):
    h = _hasil(tmp_path, yaml_teks=YAML.replace("metode_efisiensi: selisih", "metode_efisiensi: sisa_anggaran"))
    t = narasi.kalimat_efisiensi(h)
    assert "metode sisa anggaran" in t
    assert "10,00 poin" in _kalimat(t, '"Indeks Kepuasan"')  # 100 − 90, capaian ≥ 100
    # outcome 90% < 100% → tidak efisien tanpa nilai
    assert "outcome (indikator program) sebesar 90,00%" in t
    assert "belum mencapai 100% sehingga dinilai tidak efisien" in _kalimat(t, "outcome")


# --------------------------------------------------------------------------- program
def test_kalimat_program_terkuat_terlemah(h):
    t = narasi.kalimat_program(h)
    assert "Program Pelayanan" in t and "90,00% (Tinggi)" in t
    assert "tertinggi" in t and "Sub Kegiatan A sebesar 125,00% (Sangat Tinggi)" in t
    assert "terendah" in t and "Sub Kegiatan B sebesar 75,00% (Sedang)" in t
    assert "menyerap Rp 900.000 dari pagu Rp 1.000.000 atau 90,00%" in t


def test_kalimat_program_serapan_berbeda(tmp_path):
    def ubah(t):
        _baris(t, "renja", kode="1.1.2")["realisasi_anggaran"] = "100.000"  # 25%

    t = narasi.kalimat_program(_hasil(tmp_path, ubah))
    assert "Sub Kegiatan A sebesar 90,00%" in t and "Sub Kegiatan B sebesar 25,00% (Sangat Rendah)" in t


# --------------------------------------------------------------------------- ikhtisar, simpulan, saran
def test_ikhtisar_eksekutif(h):
    t = narasi.ikhtisar_eksekutif(h)
    assert 2 <= len(t.split("\n\n")) <= 4
    assert '"Meningkatnya kepuasan"' in t and "2 (dua) Indikator Kinerja Utama" in t
    assert "Seluruh IKU tersebut telah mencapai" in t
    assert "115,00%" in t  # (105 + 125) / 2
    assert "Rp 1.000.000" in t and "90,00%" in t
    assert "data final" in t


def test_ikhtisar_catatan_utama_dan_iku_di_bawah_target(tmp_path):
    def ubah(t):
        r = _baris(t, "realisasi", kode_indikator="IKU1", tahun="2024")
        r["realisasi"], r["status"] = "40", "tahun_sebelumnya"  # 50%

    t = narasi.ikhtisar_eksekutif(_hasil(tmp_path, ubah))
    assert 2 <= len(t.split("\n\n")) <= 4
    assert "1 (satu) IKU telah mencapai" in t and "1 (satu) IKU belum mencapai target" in t
    assert '"Indeks Kepuasan" dengan capaian 50,00% (Sangat Rendah)' in t
    assert "Catatan utama" in t and "bertanda **" in t and "nilai resmi tahun sebelumnya" in t


def test_simpulan_dan_saran_mini(h):
    s = narasi.simpulan_otomatis(h)
    assert "115,00%" in s and "Sangat Tinggi" in s and "Seluruh IKU, sebanyak 2 (dua)" in s
    assert "tidak terdapat indikator yang berada pada kategori Rendah atau Sangat Rendah" in s
    assert "output dan outcome dinilai efisien" in s
    r = narasi.saran_otomatis(h)
    assert "target akhir Renstra tahun 2026" in r and "93,33%" in r and "50,00%" in r
    assert '"Persentase pelanggaran disiplin" (capaian 125,00%)' in r  # > 120: target kurang menantang
    assert 'Sub Kegiatan B – "Jumlah kegiatan"' in r  # satu-satunya yang tidak efisien


def test_simpulan_dan_saran_mengikuti_angka_buruk(tmp_path):
    def ubah(t):
        _baris(t, "realisasi", kode_indikator="IKU1", tahun="2024")["realisasi"] = "40"  # 50%
        _baris(t, "renja", kode="1.1.1")["realisasi_anggaran"] = "100.000"  # program 46%

    h = _hasil(tmp_path, ubah)
    s = narasi.simpulan_otomatis(h)
    assert "1 (satu) dari 2 (dua) IKU" in s and '"Indeks Kepuasan" (capaian 50,00%, Sangat Rendah)' in s
    assert "Program Pelayanan (46,00%, Sangat Rendah)" in s
    r = narasi.saran_otomatis(h)
    assert 'Meningkatkan upaya pencapaian IKU yang belum mencapai target, yaitu "Indeks Kepuasan"' in r
    assert "Program Pelayanan (serapan 46,00%)" in r


def test_tanpa_indikator_renja_tetap_jujur(tmp_path):
    def ubah(t):
        t["indikator_renja"] = []

    h = _hasil(tmp_path, ubah)
    t = narasi.kalimat_efisiensi(h)
    # tanpa indikator Renja, bagian rata-rata output/outcome tidak disebut sama sekali (bukan "belum dapat dihitung")
    assert "Rata-rata capaian" not in t and "indikator program, kegiatan" not in t
    assert "tidak efisien" not in t and "seluruh IKU dinilai efisien" in t
    p = narasi.kalimat_program(h)
    assert "tertinggi" not in p and "Program Pelayanan" in p  # hanya bagian serapan
    assert "Renstra" in narasi.saran_otomatis(h)


# --------------------------------------------------------------------------- templat & bentuk
def test_templat_strict_undefined_dan_tanpa_escape():
    env = narasi.lingkungan()
    assert env.undefined is jinja2.StrictUndefined and env.autoescape is False
    with pytest.raises(jinja2.UndefinedError):
        narasi.render("anggaran", skpd="X", th=2024)  # t, jumlah, ... tidak diberikan
    with pytest.raises(jinja2.UndefinedError):
        env.from_string("{{ tidak_ada|persen }}").render()
    assert env.from_string("{{ x }} {{ 63.3211|persen }}").render(x="A & <B>") == "A & <B> 63,32%"


def test_filter_fmt_terdaftar():
    env = narasi.lingkungan()
    assert env.from_string("{{ v|rupiah }} ({{ v|terbilang }})").render(v=1058998350) == (
        "Rp 1.058.998.350 (satu miliar lima puluh delapan juta sembilan ratus sembilan puluh delapan ribu "
        "tiga ratus lima puluh rupiah)")
    assert narasi.daftar(["A", "B", "C"]) == "A, B, dan C"
    assert narasi.daftar(list("ABCDEFG"), 5) == "A, B, C, D, E, dan 2 lainnya"
    assert narasi.cacah(12) == "12 (dua belas)"


def test_keluaran_teks_polos_rapi_dan_deterministik(h):
    semua = _semua(h)
    for t in semua:
        assert t and t == t.strip()
        assert "<" not in t and "&amp;" not in t and not re.search(r"\bnan\b", t.lower())
        assert "\n\n\n" not in t and "  " not in t and " ." not in t and " ," not in t
        assert "\ue000" not in t
        for p in t.split("\n\n"):
            assert "\n" not in p
    assert semua == _semua(h)  # variasi kalimat tidak acak


def test_data_nyata_balangan_jika_ada():
    from conftest import BALANGAN

    if not (BALANGAN / "lkj.yaml").exists():
        pytest.skip("data Balangan tidak tersedia")
    h = hitung(muat(BALANGAN))
    for t in _semua(h) + [narasi.kalimat_iku(h, k) for k in h.indikator_tujuan["kode_indikator"]]:
        assert t and not re.search(r"\bnan\b", t.lower())
    t = narasi.kalimat_efisiensi(h)
    out = h.ringkas("output")
    assert out["efisiensi"] < 0 and "dinilai tidak efisien" in _kalimat(t, "output (indikator")
