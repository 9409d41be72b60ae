"""Membangkitkan data.xlsx contoh Dinas Kesehatan Kabupaten Riam Kanan 2020 (SINTETIS).

Semua angka dikarang. Sumber kebenarannya berkas ini (mudah dibaca di git); data.xlsx ikut
di-commit agar folder langsung dapat dipakai. Jalankan ulang setelah mengubah angka:

    python params/dinkes-riam-kanan/2020/buat_data.py

Isian ditulis seperti orang mengetik di Excel: rupiah dan indikator sebagai angka, NIP/kode
sebagai teks. Anggaran 2020 masih berstruktur program → kegiatan (Permendagri 13/2006),
tanpa sub kegiatan.
"""

from pathlib import Path

from openpyxl import Workbook

TAHUN = range(2016, 2022)  # Renstra 2016–2021

LEMBAR = {
    "tujuan": [
        {"kode_tujuan": "T1", "tujuan": "Meningkatnya derajat kesehatan masyarakat"},
    ],
    "sasaran": [
        {"kode_sasaran": "S1", "kode_tujuan": "T1", "sasaran": "Menurunnya angka kematian ibu dan bayi"},
        {"kode_sasaran": "S2", "kode_tujuan": "T1", "sasaran": "Menurunnya prevalensi stunting pada balita"},
        {"kode_sasaran": "S3", "kode_tujuan": "T1", "sasaran": "Meningkatnya akses dan mutu pelayanan kesehatan ibu"},
    ],
    "indikator": [
        {"kode_indikator": "UHH", "level": "tujuan", "kode_induk": "T1", "indikator": "Usia Harapan Hidup",
         "satuan": "tahun", "polaritas": "positif", "target_akhir": 68.4,
         "rumus": "Perkiraan rata-rata lama hidup sejak lahir (BPS)", "sumber_data": "BPS Kabupaten"},
        {"kode_indikator": "AKB", "level": "sasaran", "kode_induk": "S1",
         "indikator": "Angka Kematian Bayi per 1.000 kelahiran hidup", "satuan": "per 1.000 KH",
         "polaritas": "negatif", "target_akhir": 9.0,
         "rumus": "Jumlah kematian bayi (0-11 bulan) / jumlah kelahiran hidup × 1.000",
         "sumber_data": "Laporan kematian puskesmas (MPDN)", "penanggung_jawab": "Bidang Kesehatan Masyarakat"},
        {"kode_indikator": "AKI", "level": "sasaran", "kode_induk": "S1",
         "indikator": "Angka Kematian Ibu per 100.000 kelahiran hidup", "satuan": "per 100.000 KH",
         "polaritas": "negatif", "target_akhir": 100,
         "rumus": "Jumlah kematian ibu / jumlah kelahiran hidup × 100.000",
         "sumber_data": "Laporan kematian puskesmas (MPDN)", "penanggung_jawab": "Bidang Kesehatan Masyarakat"},
        {"kode_indikator": "STUNTING", "level": "sasaran", "kode_induk": "S2",
         "indikator": "Prevalensi stunting pada balita", "satuan": "%", "polaritas": "negatif",
         "target_akhir": 22, "rumus": "Balita pendek dan sangat pendek / balita diukur × 100%",
         "sumber_data": "e-PPGBM (bulan timbang Agustus)", "penanggung_jawab": "Seksi Gizi"},
        {"kode_indikator": "PERSALINAN", "level": "sasaran", "kode_induk": "S3",
         "indikator": "Persentase persalinan di fasilitas pelayanan kesehatan", "satuan": "%",
         "polaritas": "positif", "target_akhir": 92,
         "rumus": "Persalinan di fasyankes / seluruh persalinan × 100%",
         "sumber_data": "Laporan KIA puskesmas", "penanggung_jawab": "Seksi Kesehatan Keluarga"},
    ],
    "target_renstra": [],
    "perjanjian_kinerja": [],
    "realisasi": [],
    "renja": [],
    "indikator_renja": [],
    "sasaran_program": [
        {"kode_sasaran": "S1", "kode_program": "4"}, {"kode_sasaran": "S1", "kode_program": "2"},
        {"kode_sasaran": "S2", "kode_program": "3"}, {"kode_sasaran": "S3", "kode_program": "5"},
        {"kode_sasaran": "S3", "kode_program": "1"},
    ],
    "pembanding": [
        {"kode_indikator": "STUNTING", "tahun": 2020, "wilayah": "Kab. Riam Kanan", "jenis_wilayah": "kabupaten",
         "nilai": 21.6, "sendiri": "ya"},
        {"kode_indikator": "STUNTING", "tahun": 2020, "wilayah": "Kab. Riam Kiwa (fiktif)",
         "jenis_wilayah": "kabupaten", "nilai": 27.3, "sendiri": "tidak"},
        {"kode_indikator": "STUNTING", "tahun": 2020, "wilayah": "Kab. Batang Banyu (fiktif)",
         "jenis_wilayah": "kabupaten", "nilai": 24.8, "sendiri": "tidak"},
        {"kode_indikator": "AKB", "tahun": 2020, "wilayah": "Kab. Riam Kanan", "jenis_wilayah": "kabupaten",
         "nilai": 10.2, "sendiri": "ya"},
        {"kode_indikator": "AKB", "tahun": 2020, "wilayah": "Kab. Riam Kiwa (fiktif)",
         "jenis_wilayah": "kabupaten", "nilai": 11.7, "sendiri": "tidak"},
    ],
}

# target Renstra 2016..2021, realisasi 2016..2020 (2020 = tahun laporan)
TARGET = {
    "UHH": [67.4, 67.6, 67.8, 68.0, 68.2, 68.4],
    "AKB": [12.0, 11.5, 10.8, 10.0, 9.5, 9.0],
    "AKI": [150, 140, 130, 120, 110, 100],
    "STUNTING": [32, 30, 28, 26, 24, 22],
    "PERSALINAN": [80, 83, 86, 88, 90, 92],
}
REALISASI = {
    "UHH": [67.35, 67.58, 67.81, 68.02, 68.05],
    "AKB": [12.8, 11.9, 11.0, 10.4, 10.2],
    "AKI": [168, 151, 137, 118, 132],
    "STUNTING": [33.4, 31.2, 29.5, 25.8, 21.6],
    "PERSALINAN": [79.1, 82.4, 85.9, 88.6, 78.3],
}
for kode, nilai in TARGET.items():
    for th, t in zip(TAHUN, nilai):
        LEMBAR["target_renstra"].append({"kode_indikator": kode, "tahun": th, "target": t})
    for th in (2019, 2020):
        pk = {"kode_indikator": kode, "tahun": th, "target_murni": nilai[th - 2016]}
        if kode == "PERSALINAN" and th == 2020:  # refocusing COVID-19: target PK diturunkan
            pk.update(target_perubahan=85, catatan="PK Perubahan 2020 setelah refocusing COVID-19")
        LEMBAR["perjanjian_kinerja"].append(pk)
    for th, r in zip(TAHUN, REALISASI[kode]):
        baris = {"kode_indikator": kode, "tahun": th, "realisasi": r, "status": "final"}
        if kode == "UHH" and th == 2020:
            baris.update(status="sementara", catatan="Angka sementara BPS; angka tetap terbit pertengahan 2021")
        LEMBAR["realisasi"].append(baris)

# (kode, jenis, nama, pagu murni, pagu perubahan, realisasi); program tanpa angka (= jumlah kegiatan)
RENJA = [
    ("1", "program", "Program Pelayanan Administrasi Perkantoran", None, None, None),
    ("1.1", "kegiatan", "Penyediaan Jasa Surat Menyurat", 18_000_000, 15_500_000, 14_870_000),
    ("1.2", "kegiatan", "Penyediaan Jasa Komunikasi, Sumber Daya Air dan Listrik", 246_000_000, 228_000_000, 219_644_310),
    ("1.3", "kegiatan", "Rapat-rapat Koordinasi dan Konsultasi ke Luar Daerah", 310_000_000, 124_000_000, 101_325_000),
    ("2", "program", "Program Upaya Kesehatan Masyarakat", None, None, None),
    ("2.1", "kegiatan", "Pelayanan Kesehatan Penduduk Miskin di Puskesmas dan Jaringannya",
     1_250_000_000, 1_180_000_000, 1_094_562_500),
    ("2.2", "kegiatan", "Penyediaan Biaya Operasional Kesehatan (BOK) Puskesmas",
     4_865_300_000, 4_120_750_000, 3_689_045_200),
    ("3", "program", "Program Perbaikan Gizi Masyarakat", None, None, None),
    ("3.1", "kegiatan", "Pemberian Makanan Tambahan dan Vitamin", 612_400_000, 587_400_000, 561_213_800),
    ("3.2", "kegiatan", "Penanggulangan KEP, Anemia Gizi Besi, GAKY, KVA dan Kekurangan Zat Gizi Mikro",
     185_000_000, 142_500_000, 118_762_000),
    ("4", "program", "Program Peningkatan Keselamatan Ibu Melahirkan dan Anak", None, None, None),
    ("4.1", "kegiatan", "Pertolongan Persalinan bagi Ibu dari Keluarga Kurang Mampu", 720_000_000, 650_000_000, 598_325_000),
    ("4.2", "kegiatan", "Kelas Ibu Hamil dan Audit Maternal Perinatal", 96_500_000, 58_000_000, 41_238_000),
    ("5", "program", "Program Pencegahan dan Penanggulangan Penyakit Menular", None, None, None),
    ("5.1", "kegiatan", "Pelayanan Pencegahan dan Penanggulangan Penyakit Menular", 425_000_000, 386_000_000, 352_917_400),
    ("5.2", "kegiatan", "Penanganan Corona Virus Disease 2019 (COVID-19)", None, 6_842_000_000, 6_214_735_900),
]
for i, (kode, jenis, nama, murni, ubah, real) in enumerate(RENJA, 1):
    LEMBAR["renja"].append({"kode": kode, "jenis": jenis, "nama": nama, "pagu_murni": murni,
                            "pagu_perubahan": ubah, "realisasi_anggaran": real, "urutan": i})

# indikator program dan kegiatan (tanpa sub kegiatan); realisasi triwulan kumulatif
IND_RENJA = [
    ("2", 1, "Persentase puskesmas yang melaksanakan pelayanan esensial", "%", 100, 100, None),
    ("2.2", 1, "Jumlah puskesmas yang menerima BOK", "puskesmas", 18, 18, None),
    ("3", 1, "Persentase balita gizi kurang yang mendapat makanan tambahan", "%", 100, 92.5, None),
    ("3.1", 1, "Jumlah balita gizi kurang yang mendapat PMT", "balita", 640, 592,
     (160, 320, 480, 640, 121, 268, 410, 592)),
    ("4", 1, "Persentase ibu hamil yang mendapat pelayanan K4", "%", 95, 86.7, None),
    ("4.1", 1, "Jumlah ibu bersalin miskin yang dibiayai", "orang", 1200, 1046,
     (300, 600, 900, 1200, 287, 512, 790, 1046)),
    ("4.2", 1, "Jumlah kelas ibu hamil yang terlaksana", "kelas", 72, 38, None),
    ("5", 1, "Persentase kasus COVID-19 yang ditangani sesuai standar", "%", 100, 100, None),
]
for kode, u, nama, satuan, target, real, tw in IND_RENJA:
    b = {"kode": kode, "urutan": u, "indikator": nama, "satuan": satuan, "polaritas": "positif",
         "target": target, "realisasi": real}
    if tw:
        for j in range(4):
            b[f"target_tw{j + 1}"], b[f"realisasi_tw{j + 1}"] = tw[j], tw[j + 4]
    LEMBAR["indikator_renja"].append(b)


def tulis(path: Path) -> None:
    wb = Workbook()
    wb.remove(wb.active)
    for nama, baris in LEMBAR.items():
        ws = wb.create_sheet(nama)
        kolom = list(dict.fromkeys(k for b in baris for k in b))
        ws.append(kolom)
        for b in baris:
            ws.append([b.get(k) for k in kolom])
    # berkas deterministik (tanpa stempel waktu yang berubah)
    import datetime as dt

    wb.properties.created = wb.properties.modified = dt.datetime(2021, 2, 1)
    wb.save(path)


if __name__ == "__main__":
    tujuan = Path(__file__).with_name("data.xlsx")
    tulis(tujuan)
    print(f"ditulis: {tujuan}")
