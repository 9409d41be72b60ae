"""Skema masukan satu SKPD-tahun: nama lembar (sheet), kolom, tipe dan artinya.

Satu sumber kebenaran untuk pemuat (loader), penulis templat Excel dan dokumentasi
``docs/masukan.md``. Nama lembar = nama berkas CSV (tanpa ``.csv``).

Tipe kolom:
- ``teks``: teks bebas.
- ``kode``: pengenal tanpa spasi di awal/akhir (mis. ``IKU1``, ``1.2.3``).
- ``angka``: bilangan seperti tercetak di dokumen Indonesia (``1.058.998.350,00``,
  ``63,32%``, ``8 dokumen``, ``≥ 26``, ``2.5``, ``-`` atau kosong); satuan dan
  pembanding disimpan di kolom pendamping ``<kolom>_satuan`` dan ``<kolom>_op``.
- ``rupiah``: seperti ``angka`` tetapi tanpa satuan selain ``Rp``.
- ``tahun``: bilangan bulat empat digit.
- ``pilihan``: satu dari daftar nilai yang diizinkan.
- ``urutan``: bilangan bulat positif.
"""

from __future__ import annotations

from dataclasses import dataclass, field

POLARITAS = ("positif", "negatif")
STATUS_REALISASI = (
    "final",
    "sementara",
    "penilaian_mandiri",
    "belum_rilis",
    "tahun_sebelumnya",
)
JENIS_RENJA = ("program", "kegiatan", "sub_kegiatan")
LEVEL_INDIKATOR = ("tujuan", "sasaran")
INSTRUMEN = ("ikm", "sistem_merit_mandiri", "sistem_merit_verifikasi", "nspk", "ip_asn")
JENIS_WILAYAH = ("kabupaten", "kota", "provinsi", "nasional")
STATUS_NSPK = ("sesuai", "belum_sesuai")
DESIMAL = ("0", "1", "2", "3", "4")
_ARTI_DESIMAL = ("Banyak angka di belakang koma saat menampilkan target/realisasi indikator ini (0-4). "
                 "Bila kosong ditebak dari isian: desimal terbanyak yang diketik ('5,50%' → 2) "
                 "atau format angka sel Excel ('0.00%' → 2).")
OBJEK_DILAPORKAN = ("iku", "renja", "renja_indikator", "sasaran", "total", "instrumen", "rincian")
BENTUK_TRIWULAN = ("kumulatif", "per_triwulan")
AKUMULASI = ("jumlah", "rata", "terakhir", "maks")
SATUAN_UMUM = (
    "%", "indeks", "nilai", "orang", "dokumen", "laporan", "lembaga", "kegiatan",
    "jabatan", "formasi", "data", "bulan", "eksemplar", "skor", "predikat",
)


@dataclass(frozen=True)
class Kolom:
    nama: str
    tipe: str
    wajib: bool
    contoh: str
    arti: str
    pilihan: tuple[str, ...] = ()
    titik_desimal: bool = False  # "3.495" berarti 3,495 (bukan tiga ribu)


@dataclass(frozen=True)
class Tabel:
    nama: str
    judul: str
    arti: str
    kolom: tuple[Kolom, ...]
    kunci: tuple[str, ...] = ()
    wajib_ada: bool = True
    instrumen: bool = False
    extra: dict = field(default_factory=dict)

    def kolom_dict(self) -> dict[str, Kolom]:
        return {k.nama: k for k in self.kolom}


def _k(nama, tipe, wajib, contoh, arti, pilihan=(), titik_desimal=False):
    return Kolom(nama, tipe, wajib, contoh, arti, tuple(pilihan), titik_desimal)


TABEL: tuple[Tabel, ...] = (
    Tabel(
        "tujuan", "Tujuan Renstra",
        "Tujuan strategis dalam Renstra Perangkat Daerah.",
        (
            _k("kode_tujuan", "kode", True, "T1", "Kode unik tujuan."),
            _k("tujuan", "teks", True, "Mewujudkan ASN yang profesional", "Rumusan tujuan."),
        ),
        kunci=("kode_tujuan",),
    ),
    Tabel(
        "sasaran", "Sasaran Strategis",
        "Sasaran strategis; setiap sasaran mengacu ke satu tujuan.",
        (
            _k("kode_sasaran", "kode", True, "S1", "Kode unik sasaran."),
            _k("kode_tujuan", "kode", True, "T1", "Kode tujuan induk (lembar tujuan)."),
            _k("sasaran", "teks", True, "Meningkatnya kualitas ASN", "Rumusan sasaran strategis."),
        ),
        kunci=("kode_sasaran",),
    ),
    Tabel(
        "indikator", "Indikator Tujuan dan Indikator Kinerja Utama (IKU)",
        "Indikator tujuan dan IKU sasaran beserta definisi operasionalnya.",
        (
            _k("kode_indikator", "kode", True, "IKU1", "Kode unik indikator."),
            _k("level", "pilihan", True, "sasaran", "Indikator tujuan atau sasaran (IKU).", LEVEL_INDIKATOR),
            _k("kode_induk", "kode", True, "S1", "Kode tujuan (level tujuan) atau sasaran (level sasaran)."),
            _k("indikator", "teks", True, "Indeks Sistem Merit", "Nama indikator."),
            _k("satuan", "teks", True, "indeks", "Satuan nilai indikator.", SATUAN_UMUM),
            _k("polaritas", "pilihan", True, "positif",
               "positif: makin tinggi makin baik; negatif: makin rendah makin baik.", POLARITAS),
            _k("target_akhir", "angka", False, "280", "Target akhir periode Renstra."),
            _k("penjelasan", "teks", False, "Penilaian penerapan Sistem Merit ...", "Makna indikator."),
            _k("rumus", "teks", False, "Verifikasi oleh KASN atas 8 aspek", "Cara perhitungan / formulasi."),
            _k("sumber_data", "teks", False, "KASN (aplikasi SIPINTER)", "Sumber data realisasi."),
            _k("penanggung_jawab", "teks", False, "Bidang Pengembangan SDM", "Unit penanggung jawab."),
            _k("instrumen", "pilihan", False, "sistem_merit_verifikasi",
               "Jika diisi, realisasi tahun laporan dihitung dari lembar instrumen ini.", INSTRUMEN),
            _k("standar_nasional", "angka", False, "", "Nilai standar nasional bila ada."),
            _k("urutan", "urutan", False, "1", "Urutan tampil."),
            _k("desimal", "pilihan", False, "2", _ARTI_DESIMAL, DESIMAL),
        ),
        kunci=("kode_indikator",),
    ),
    Tabel(
        "target_renstra", "Target Renstra per Tahun",
        "Target tahunan indikator menurut Renstra.",
        (
            _k("kode_indikator", "kode", True, "IKU1", "Kode indikator (lembar indikator)."),
            _k("tahun", "tahun", True, "2022", "Tahun target."),
            _k("target", "angka", True, "250", "Target Renstra tahun tersebut."),
            _k("catatan", "teks", False, "", "Keterangan."),
        ),
        kunci=("kode_indikator", "tahun"),
    ),
    Tabel(
        "perjanjian_kinerja", "Perjanjian Kinerja",
        "Target Perjanjian Kinerja (murni dan perubahan). Target yang berlaku: perubahan bila diisi, "
        "selain itu murni, selain itu target Renstra.",
        (
            _k("kode_indikator", "kode", True, "IKU1", "Kode indikator."),
            _k("tahun", "tahun", True, "2022", "Tahun perjanjian kinerja."),
            _k("target_murni", "angka", True, "250", "Target PK awal (murni)."),
            _k("target_perubahan", "angka", False, "", "Target PK perubahan, bila ada."),
            _k("catatan", "teks", False, "", "Keterangan (mis. asal angka)."),
        ),
        kunci=("kode_indikator", "tahun"),
    ),
    Tabel(
        "realisasi", "Realisasi Indikator",
        "Realisasi indikator tahun laporan dan tahun-tahun sebelumnya, dengan status datanya.",
        (
            _k("kode_indikator", "kode", True, "IKU1", "Kode indikator."),
            _k("tahun", "tahun", True, "2022", "Tahun realisasi."),
            _k("realisasi", "angka", False, "219",
               "Nilai realisasi; kosong atau '-' bila belum tersedia (status belum_rilis)."),
            _k("status", "pilihan", True, "final",
               "final, sementara, penilaian_mandiri, belum_rilis, tahun_sebelumnya "
               "(memakai nilai tahun sebelumnya).", STATUS_REALISASI),
            _k("catatan", "teks", False, "Masih menunggu verifikasi KASN", "Catatan kaki."),
        ),
        kunci=("kode_indikator", "tahun"),
    ),
    Tabel(
        "renja", "Renja: Program, Kegiatan, Sub Kegiatan dan Anggaran",
        "Hierarki program → kegiatan → sub kegiatan dengan pagu dan realisasi anggaran. "
        "Angka induk (program/kegiatan) boleh diisi sebagaimana tercetak; yang dipakai adalah "
        "jumlah dari sub kegiatan, dan selisihnya menjadi temuan audit.",
        (
            _k("kode", "kode", True, "1.2.3", "Kode unik node (mis. 1, 1.2, 1.2.3)."),
            _k("jenis", "pilihan", True, "sub_kegiatan", "program, kegiatan atau sub_kegiatan.", JENIS_RENJA),
            _k("kode_induk", "kode", False, "1.2",
               "Kode induk; bila kosong diturunkan dari kode dengan membuang segmen terakhir."),
            _k("nama", "teks", True, "Pengelolaan Promosi ASN", "Nama program/kegiatan/sub kegiatan."),
            _k("pagu_murni", "rupiah", False, "373.833.400", "Pagu sebelum perubahan (DPA)."),
            _k("pagu_perubahan", "rupiah", False, "373.833.400", "Pagu setelah perubahan (DPPA)."),
            _k("realisasi_anggaran", "rupiah", False, "235.863.400", "Realisasi anggaran."),
            *(
                _k(f"realisasi_anggaran_tw{i}", "rupiah", False, "",
                   f"Realisasi anggaran triwulan {r} (bentuk menurut pengaturan.bentuk_triwulan: kumulatif "
                   "s.d. triwulan ini, atau per_triwulan = dalam triwulan ini saja). Seperti angka tahunan, "
                   "yang dipakai adalah jumlah dari node terbawah.")
                for i, r in zip(range(1, 5), ("I", "II", "III", "IV"))
            ),
            _k("urutan", "urutan", False, "1", "Urutan tampil."),
        ),
        kunci=("kode",),
    ),
    Tabel(
        "indikator_renja", "Indikator Program, Kegiatan dan Sub Kegiatan",
        "Indikator setiap node Renja dengan target, realisasi, dan capaian kumulatif per triwulan.",
        (
            _k("kode", "kode", True, "1.2", "Kode node Renja (lembar renja)."),
            _k("urutan", "urutan", True, "1", "Nomor indikator di node ini (1, 2, ...); id = kode#urutan."),
            _k("indikator", "teks", True, "Jumlah ASN yang mengikuti Assesment", "Nama indikator."),
            _k("satuan", "teks", False, "orang", "Satuan (bila kosong diambil dari isian target)."),
            _k("polaritas", "pilihan", False, "positif", "Bawaan: positif.", POLARITAS),
            _k("target_murni", "angka", False, "30 orang", "Target sebelum perubahan."),
            _k("target", "angka", True, "43 orang", "Target (setelah perubahan) yang berlaku."),
            _k("realisasi", "angka", False, "31 orang",
               "Realisasi tahunan; bila kosong dipakai realisasi s.d. triwulan IV."),
            *(
                _k(f"target_tw{i}", "angka", False, "", f"Target triwulan {r} (lihat bentuk_triwulan).")
                for i, r in zip(range(1, 5), ("I", "II", "III", "IV"))
            ),
            *(
                _k(f"realisasi_tw{i}", "angka", False, "", f"Realisasi triwulan {r} (lihat bentuk_triwulan).")
                for i, r in zip(range(1, 5), ("I", "II", "III", "IV"))
            ),
            _k("bentuk_triwulan", "pilihan", False, "kumulatif",
               "Bentuk isian target_tw*/realisasi_tw* baris ini: kumulatif (s.d. triwulan) atau per_triwulan "
               "(dalam triwulan itu saja, seperti cetakan SIMKINERJA/e-monev); bawaan: pengaturan.bentuk_triwulan.",
               BENTUK_TRIWULAN),
            _k("akumulasi", "pilihan", False, "jumlah",
               "Cara angka tahunan terbentuk dari triwulan: jumlah (aliran, mis. orang dilatih: kumulatif tidak "
               "boleh menurun, TW IV = tahunan), terakhir (stok/tingkat, mis. persentase atau jumlah data "
               "dikelola: TW IV = tahunan, boleh turun), rata (rata-rata keempat triwulan = tahunan), maks. "
               "Bawaan: terakhir untuk satuan %, indeks, nilai, skor, predikat dan untuk target triwulan yang "
               "rata (semua sama dengan target tahunan); jumlah untuk yang lain.", AKUMULASI),
            _k("kode_anggaran", "kode", False, "1.2.1",
               "Node Renja yang serapannya dipakai untuk efisiensi indikator ini (bawaan: node sendiri)."),
            _k("catatan", "teks", False, "", "Keterangan."),
            _k("desimal", "pilihan", False, "", _ARTI_DESIMAL, DESIMAL),
        ),
        kunci=("kode", "urutan"),
    ),
    Tabel(
        "sasaran_program", "Pemetaan Program ke Sasaran",
        "Program yang mendukung setiap sasaran strategis (untuk anggaran per sasaran).",
        (
            _k("kode_sasaran", "kode", True, "S1", "Kode sasaran."),
            _k("kode_program", "kode", True, "2", "Kode program (lembar renja, jenis program)."),
        ),
        kunci=("kode_sasaran", "kode_program"),
    ),
    Tabel(
        "pembanding", "Pembanding Antar Daerah dan Standar Nasional",
        "Nilai indikator yang sama di kabupaten/kota lain, provinsi, dan standar nasional.",
        (
            _k("kode_indikator", "kode", True, "IKU2", "Kode indikator."),
            _k("tahun", "tahun", True, "2021", "Tahun data pembanding."),
            _k("wilayah", "teks", True, "Kab. Balangan", "Nama daerah atau 'Standar Nasional'."),
            _k("jenis_wilayah", "pilihan", True, "kabupaten", "kabupaten, kota, provinsi atau nasional.",
               JENIS_WILAYAH),
            _k("nilai", "angka", True, "63", "Nilai indikator."),
            _k("sendiri", "pilihan", False, "tidak", "'ya' untuk baris daerah sendiri.", ("ya", "tidak")),
            _k("kategori_dilaporkan", "teks", False, "Baik", "Kategori sebagaimana tercetak (diaudit)."),
            _k("predikat_dilaporkan", "teks", False, "B", "Predikat sebagaimana tercetak (diaudit)."),
        ),
        kunci=("kode_indikator", "tahun", "wilayah"),
        wajib_ada=False,
    ),
    Tabel(
        "angka_dilaporkan", "Angka yang Dilaporkan (untuk Audit)",
        "Angka turunan yang tercetak di laporan/dokumen (capaian, persentase, jumlah, kategori, "
        "simpulan). Tidak pernah dipakai untuk menghitung: hanya dibandingkan dengan hasil hitung.",
        (
            _k("lokasi", "teks", True, "Tabel 3.4", "Letak angka di dokumen."),
            _k("objek", "pilihan", True, "iku", "iku, renja, renja_indikator, sasaran, total, instrumen, rincian.",
               OBJEK_DILAPORKAN),
            _k("kode", "kode", False, "IKU1",
               "Kode objek: kode_indikator, kode renja, 'kode#urutan' indikator renja, kode_sasaran, "
               "nama instrumen; kosong untuk total; untuk rincian: hitungan tercetak tanpa spasi "
               "(mis. 20+211+179 atau 91/171*100) yang hasilnya tercetak di kolom nilai."),
            _k("tahun", "tahun", False, "2022", "Tahun (bawaan: tahun laporan)."),
            _k("besaran", "teks", True, "capaian",
               "Apa yang dilaporkan: target, realisasi, capaian, kategori, pagu, pagu_murni, "
               "realisasi_anggaran, serapan, kategori_serapan, efisiensi, simpulan_efisiensi, "
               "rata_capaian, ... (lihat docs/audit.md)."),
            _k("nilai", "teks", True, "87,6", "Nilai persis seperti tercetak."),
            _k("catatan", "teks", False, "", "Keterangan."),
        ),
        wajib_ada=False,
    ),
    # ---- lembar instrumen (bentuk ditetapkan di sini; perhitungan di lkj_lib.instrumen) ----
    Tabel(
        "skm", "Jawaban Survei Kepuasan Masyarakat (SKM)",
        "Satu baris per responden, U1..U9 bernilai 1-4 (PermenPAN-RB 14/2017).",
        (
            _k("responden", "kode", False, "R001", "Nomor/ID responden."),
            _k("tanggal", "teks", False, "2022-03-14", "Tanggal pengisian."),
            _k("layanan", "teks", False, "Kenaikan Pangkat", "Jenis layanan yang dinilai."),
            _k("jenis_kelamin", "teks", False, "L", "L/P."),
            _k("pendidikan", "teks", False, "S1", "Pendidikan terakhir."),
            _k("pekerjaan", "teks", False, "PNS", "Pekerjaan."),
            _k("usia", "angka", False, "35", "Usia (tahun)."),
            *(_k(f"u{i}", "angka", False, "4", f"Nilai unsur U{i} (1-4); kosong = tidak dijawab.") for i in range(1, 10)),
        ),
        wajib_ada=False, instrumen=True,
    ),
    Tabel(
        "skm_rekap", "Rekap Survei Kepuasan Masyarakat per Unsur",
        "Bila jawaban per responden tidak tersedia: satu baris per unsur U1..U9 (per layanan bila "
        "ada) dari rekap aplikasi SKM. Isi jumlah_nilai atau nrr (atau keduanya, yang harus sesuai). "
        "Bila lembar skm juga diisi, jawaban mentah yang dipakai dan rekap ini diaudit terhadapnya "
        "(lihat docs/instrumen.md).",
        (
            _k("layanan", "teks", False, "Kenaikan Pangkat",
               "Jenis layanan; kosongkan bila rekap untuk semua layanan sekaligus."),
            _k("unsur", "kode", True, "U1", "Kode unsur U1..U9."),
            _k("jumlah_responden", "urutan", True, "374", "Jumlah responden yang menjawab unsur ini."),
            _k("jumlah_nilai", "angka", False, "1307",
               "Jumlah nilai jawaban (1-4) unsur ini; bilangan bulat."),
            _k("nrr", "angka", False, "3.495",
               "Nilai rata-rata unsur (1-4); wajib bila jumlah_nilai kosong.", titik_desimal=True),
        ),
        kunci=("layanan", "unsur"),
        wajib_ada=False, instrumen=True,
    ),
    Tabel(
        "sistem_merit", "Penilaian Sistem Merit (KASN)",
        "Satu baris per indikator penilaian mandiri Sistem Merit.",
        (
            _k("no_aspek", "urutan", True, "1", "Nomor aspek (1-8)."),
            _k("aspek", "teks", True, "Perencanaan Kebutuhan", "Nama aspek."),
            _k("no_indikator", "urutan", True, "1", "Nomor indikator dalam aspek."),
            _k("indikator", "teks", True, "Ketersediaan peta jabatan ...", "Uraian indikator."),
            _k("kondisi", "teks", False, "Peta jabatan sudah ditetapkan", "Kondisi saat ini."),
            _k("bobot", "angka", True, "2.5", "Bobot indikator.", titik_desimal=True),
            _k("skor", "angka", True, "4", "Skor penilaian mandiri (0-4).", titik_desimal=True),
            _k("nilai_verifikasi", "angka", False, "3", "Skor hasil verifikasi KASN.", titik_desimal=True),
            _k("catatan", "teks", False, "", "Catatan verifikator."),
            _k("tahun", "tahun", False, "2022", "Tahun penilaian (bawaan: tahun laporan)."),
        ),
        wajib_ada=False, instrumen=True,
    ),
    Tabel(
        "nspk", "Elemen Indeks Implementasi NSPK Manajemen ASN",
        "Hasil penilaian BKN per elemen (18 elemen).",
        (
            _k("tahun", "tahun", True, "2021", "Tahun penilaian."),
            _k("no", "urutan", True, "1", "Nomor elemen."),
            _k("elemen", "teks", True, "Pola Karier", "Nama elemen manajemen ASN."),
            _k("status", "pilihan", True, "sesuai", "sesuai atau belum_sesuai.", STATUS_NSPK),
            _k("catatan", "teks", False, "", "Catatan penilaian."),
            _k("rekomendasi", "teks", False, "", "Rekomendasi BKN."),
        ),
        kunci=("tahun", "no"),
        wajib_ada=False, instrumen=True,
    ),
    Tabel(
        "ip_asn", "Dimensi Indeks Profesionalitas ASN",
        "Nilai dimensi IP ASN per daerah (PermenPAN-RB 38/2018).",
        (
            _k("tahun", "tahun", True, "2022", "Tahun penilaian."),
            _k("wilayah", "teks", True, "Kab. Hulu Sungai Selatan", "Nama daerah."),
            _k("jenis_wilayah", "pilihan", True, "kabupaten", "Jenis wilayah.", JENIS_WILAYAH),
            _k("sendiri", "pilihan", False, "ya", "'ya' untuk daerah sendiri.", ("ya", "tidak")),
            _k("kualifikasi", "angka", True, "12,33", "Dimensi kualifikasi (maks 25)."),
            _k("kompetensi", "angka", True, "17,74", "Dimensi kompetensi (maks 40)."),
            _k("kinerja", "angka", True, "24,07", "Dimensi kinerja (maks 30)."),
            _k("disiplin", "angka", True, "4,98", "Dimensi disiplin (maks 5)."),
            _k("nilai_dilaporkan", "angka", False, "59,75", "Nilai total sebagaimana tercetak (diaudit)."),
        ),
        kunci=("tahun", "wilayah"),
        wajib_ada=False, instrumen=True,
    ),
)

TABEL_DICT: dict[str, Tabel] = {t.nama: t for t in TABEL}

NARASI = {
    "kata_pengantar": "Kata Pengantar",
    "latar_belakang": "BAB I - Latar Belakang",
    "dasar_hukum": "BAB I - Dasar Hukum",
    "tugas_fungsi": "BAB I - Tugas, Fungsi dan Struktur Organisasi",
    "isu_strategis": "BAB I - Isu Strategis",
    "rencana_strategis": "BAB II - Rencana Strategis (visi, misi, strategi)",
    "analisis_capaian": "BAB III - Analisis umum capaian kinerja",
    "sebab_dan_solusi": "BAB III - Penyebab keberhasilan/kegagalan dan solusi (umum)",
    "realisasi_anggaran": "BAB III - Analisis realisasi anggaran",
    "simpulan": "BAB IV - Simpulan",
    "saran": "BAB IV - Saran",
}
"""Berkas ``narasi/<kunci>.md`` yang dikenal. Selain itu ``narasi/iku_<kode_indikator>.md``
berisi analisis per IKU (penyebab keberhasilan/kegagalan, solusi, program pendukung)."""
