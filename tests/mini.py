"""SKPD kecil yang konsisten secara internal, dibangun di folder sementara untuk pengujian.

Semua angka dihitung tangan (lihat komentar) sehingga pengujian dapat memeriksa nilai nyata.
"""

from __future__ import annotations

import csv
from pathlib import Path

from lkj_lib.schema import TABEL_DICT

YAML = """\
skpd:
  nama: Dinas Contoh
  singkatan: DC
  pemerintah_daerah: Kabupaten Contoh
  provinsi: Provinsi Contoh
tahun: 2024
renstra: {mulai: 2021, akhir: 2026}
kepala: {nama: "Budi, S.E.", nip: "19700101 199001 1 001", pangkat: Pembina, jabatan: Kepala Dinas}
laporan: {tempat: Kota Contoh, tanggal: 2025-01-15}
pengaturan:
  metode_efisiensi: selisih
"""

# pagu: 1.1.1 = 600.000, 1.1.2 = 400.000 → kegiatan 1.1 = program 1 = 1.000.000
# realisasi: 540.000 + 360.000 = 900.000 → serapan 90%
TABEL = {
    "tujuan": [{"kode_tujuan": "T1", "tujuan": "Meningkatnya pelayanan"}],
    "sasaran": [{"kode_sasaran": "S1", "kode_tujuan": "T1", "sasaran": "Meningkatnya kepuasan"}],
    "indikator": [
        {"kode_indikator": "IKU1", "level": "sasaran", "kode_induk": "S1", "indikator": "Indeks Kepuasan",
         "satuan": "indeks", "polaritas": "positif", "target_akhir": "90"},
        {"kode_indikator": "IKU2", "level": "sasaran", "kode_induk": "S1",
         "indikator": "Persentase pelanggaran disiplin", "satuan": "%", "polaritas": "negatif",
         "target_akhir": "1%"},
    ],
    "target_renstra": [
        {"kode_indikator": "IKU1", "tahun": "2024", "target": "80"},
        {"kode_indikator": "IKU2", "tahun": "2024", "target": "2%"},
    ],
    "perjanjian_kinerja": [
        {"kode_indikator": "IKU1", "tahun": "2024", "target_murni": "80"},
        {"kode_indikator": "IKU1", "tahun": "2023", "target_murni": "75"},
        {"kode_indikator": "IKU2", "tahun": "2024", "target_murni": "2%"},
    ],
    # IKU1: 84/80 = 105%; 2023: 75/75 = 100%; IKU2 (2T-R): (4 − 1,5)/2 = 125%
    "realisasi": [
        {"kode_indikator": "IKU1", "tahun": "2024", "realisasi": "84", "status": "final"},
        {"kode_indikator": "IKU1", "tahun": "2023", "realisasi": "75", "status": "final"},
        {"kode_indikator": "IKU2", "tahun": "2024", "realisasi": "1,5%", "status": "final"},
    ],
    "renja": [
        {"kode": "1", "jenis": "program", "nama": "Program Pelayanan",
         "pagu_murni": "1.000.000", "pagu_perubahan": "1.000.000", "realisasi_anggaran": "900.000"},
        {"kode": "1.1", "jenis": "kegiatan", "nama": "Kegiatan Layanan",
         "pagu_murni": "1.000.000", "pagu_perubahan": "1.000.000", "realisasi_anggaran": "900.000"},
        {"kode": "1.1.1", "jenis": "sub_kegiatan", "nama": "Sub Kegiatan A",
         "pagu_murni": "600.000", "pagu_perubahan": "600.000", "realisasi_anggaran": "540.000"},
        {"kode": "1.1.2", "jenis": "sub_kegiatan", "nama": "Sub Kegiatan B",
         "pagu_murni": "400.000", "pagu_perubahan": "400.000", "realisasi_anggaran": "360.000"},
    ],
    # capaian: program 90/100 = 90%; 1.1.1: 10/8 = 125%; 1.1.2: 3/4 = 75%
    "indikator_renja": [
        {"kode": "1", "urutan": "1", "indikator": "Persentase layanan tepat waktu", "target": "100%",
         "realisasi": "90%"},
        {"kode": "1.1", "urutan": "1", "indikator": "Jumlah layanan", "target": "12 laporan",
         "realisasi": "12 laporan"},
        {"kode": "1.1.1", "urutan": "1", "indikator": "Jumlah dokumen", "target": "8 dokumen",
         "target_tw1": "2 dokumen", "target_tw2": "4 dokumen", "target_tw3": "6 dokumen",
         "target_tw4": "8 dokumen", "realisasi_tw1": "2 dokumen", "realisasi_tw2": "5 dokumen",
         "realisasi_tw3": "7 dokumen", "realisasi_tw4": "10 dokumen"},
        {"kode": "1.1.2", "urutan": "1", "indikator": "Jumlah kegiatan", "target": "4 kegiatan",
         "realisasi": "3 kegiatan"},
    ],
    "sasaran_program": [{"kode_sasaran": "S1", "kode_program": "1"}],
    # angka tercetak yang benar (audit harus diam)
    "angka_dilaporkan": [
        {"lokasi": "Tabel 3.1", "objek": "iku", "kode": "IKU1", "besaran": "capaian", "nilai": "105,00"},
        {"lokasi": "Tabel 3.1", "objek": "iku", "kode": "IKU2", "besaran": "capaian", "nilai": "125"},
        {"lokasi": "Tabel 3.1", "objek": "iku", "kode": "IKU1", "besaran": "kategori", "nilai": "Sangat Tinggi"},
        {"lokasi": "Tabel 3.1", "objek": "iku", "kode": "IKU1", "tahun": "2023", "besaran": "capaian",
         "nilai": "100%"},
        {"lokasi": "Tabel 3.2", "objek": "renja", "kode": "1", "besaran": "pagu", "nilai": "1.000.000,00"},
        {"lokasi": "Tabel 3.2", "objek": "renja", "kode": "1.1.2", "besaran": "serapan", "nilai": "90,00"},
        {"lokasi": "Tabel 3.2", "objek": "total", "besaran": "realisasi_anggaran", "nilai": "900.000"},
        {"lokasi": "Tabel 3.3", "objek": "renja_indikator", "kode": "1.1.2#1", "besaran": "efisiensi",
         "nilai": "-15,00"},
        {"lokasi": "Tabel 3.3", "objek": "renja_indikator", "kode": "1.1.2#1", "besaran": "simpulan_efisiensi",
         "nilai": "Tidak efisien"},
        {"lokasi": "Tabel 3.3", "objek": "total", "besaran": "efisiensi_output", "nilai": "10,00"},
        {"lokasi": "Tabel 3.4", "objek": "renja_indikator", "kode": "1.1.1#1", "besaran": "capaian_tw3",
         "nilai": "116,67"},
    ],
    "pembanding": [
        {"kode_indikator": "IKU1", "tahun": "2024", "wilayah": "Kabupaten Contoh", "jenis_wilayah": "kabupaten",
         "nilai": "84", "sendiri": "ya"},
        {"kode_indikator": "IKU1", "tahun": "2024", "wilayah": "Kabupaten Tetangga",
         "jenis_wilayah": "kabupaten", "nilai": "86"},
        {"kode_indikator": "IKU1", "tahun": "2024", "wilayah": "Provinsi Contoh", "jenis_wilayah": "provinsi",
         "nilai": "82"},
    ],
}


NARASI_MINI = {
    k: f"Bagian {k.replace('_', ' ')} Dinas Contoh tahun 2024."
    for k in ("kata_pengantar", "latar_belakang", "dasar_hukum", "tugas_fungsi", "isu_strategis",
              "rencana_strategis", "analisis_capaian", "sebab_dan_solusi", "simpulan", "saran")
}
NARASI_MINI["realisasi_anggaran"] = (
    "Pagu Rp 1.000.000 terealisasi Rp 900.000 atau 90,00% dengan sisa Rp 100.000.")
NARASI_MINI["iku_iku1"] = "Indeks kepuasan mencapai 105% dari target."
NARASI_MINI["iku_iku2"] = "Pelanggaran disiplin turun; capaian 125 persen."


def tulis_mini(folder: Path, tabel: dict | None = None, yaml_teks: str = YAML) -> Path:
    """Tulis SKPD kecil ke ``folder`` (…/<slug>/2024) sebagai CSV; kembalikan foldernya."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "lkj.yaml").write_text(yaml_teks, encoding="utf-8")
    d = folder / "data"
    d.mkdir(exist_ok=True)
    for nama, rows in (tabel or TABEL).items():
        kolom = [k.nama for k in TABEL_DICT[nama].kolom]
        with open(d / f"{nama}.csv", "w", newline="", encoding="utf-8") as f:
            w = csv.DictWriter(f, fieldnames=kolom)
            w.writeheader()
            for r in rows:
                w.writerow(r)
    (folder / "narasi").mkdir(exist_ok=True)
    for kunci, teks in NARASI_MINI.items():
        (folder / "narasi" / f"{kunci}.md").write_text(teks + "\n", encoding="utf-8")
    return folder
