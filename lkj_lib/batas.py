"""Batas masukan: satu tempat untuk semua batas ukuran yang melindungi pemuat dari berkas rusak
atau berbahaya (bom zip, YAML berekspansi, baris tak berujung, teks raksasa).

Batas ini didokumentasikan di ``docs/masukan.md`` (dibangkitkan dari :func:`daftar_batas`).
Melampaui batas selalu menjadi galat masukan berlokasi, tidak pernah traceback atau hang.
"""

from __future__ import annotations

MB = 1024 * 1024

# ---- ukuran berkas (byte, sebelum dibuka) ----
BERKAS_YAML = 1 * MB            # lkj.yaml
BERKAS_CSV = 50 * MB            # satu data/<lembar>.csv
BERKAS_XLSX = 50 * MB           # data.xlsx (terkompresi)
BERKAS_NARASI = 1 * MB          # satu narasi/<bagian>.md

# ---- isi data.xlsx (arsip zip), diperiksa sebelum XML-nya diurai ----
XLSX_TOTAL_TERURAI = 500 * MB   # jumlah ukuran terurai semua anggota zip
XLSX_RASIO = 200                # rasio terurai/terkompresi maksimum per anggota ...
XLSX_RASIO_MULAI = 10 * MB      # ... yang diperiksa untuk anggota berukuran terurai ≥ ini
XLSX_ANGGOTA = 10_000           # jumlah anggota zip
XLSX_BAGIAN = 50 * MB           # bagian selain lembar dan teks bersama (workbook, gaya, rels), terurai

# ---- tabel ----
BARIS_LEMBAR = 50_000           # baris data per lembar (baris judul tidak dihitung)
BARIS_LEMBAR_KHUSUS = {"skm": 100_000}
BARIS_TOTAL = 150_000           # baris data semua lembar/berkas satu folder (dibaca berhenti di sini)
KOLOM_LEMBAR = 200              # kolom per lembar yang dibaca
BARIS_KOSONG_BERUNTUN = 10_000  # xlsx: pembacaan lembar berhenti setelah sekian baris kosong berturut-turut

# ---- isi sel ----
TEKS_SEL = 2_000                # panjang teks sel bawaan (karakter)
TEKS_NAMA = 500                 # kolom nama/rumusan (indikator, nama, tujuan, sasaran, ...)
TEKS_KODE = 100                 # kolom kode
NILAI_MAKS = 1e15               # |bilangan| maksimum (rupiah maupun angka lain)
URUTAN_MAKS = 1_000_000         # bilangan urutan/nomor maksimum

# ---- YAML ----
YAML_ALIAS = False              # anchor (&) dan alias (*) YAML ditolak

# kolom teks yang dibatasi TEKS_NAMA (nama tampil di tabel/judul laporan)
KOLOM_NAMA = frozenset({"tujuan", "sasaran", "indikator", "nama", "aspek", "elemen", "wilayah",
                        "lokasi", "besaran", "nilai", "satuan", "sumber_data", "penanggung_jawab",
                        "layanan", "pendidikan", "pekerjaan", "kategori_dilaporkan",
                        "predikat_dilaporkan"})


def baris_maks(lembar: str) -> int:
    """Jumlah baris data maksimum untuk ``lembar``."""
    return BARIS_LEMBAR_KHUSUS.get(lembar, BARIS_LEMBAR)


def panjang_maks(kolom: str, tipe: str) -> int:
    """Panjang teks maksimum sel pada kolom ``kolom`` bertipe ``tipe``."""
    if tipe not in ("teks",):
        return TEKS_KODE
    if kolom in KOLOM_NAMA:
        return TEKS_NAMA
    return TEKS_SEL


def _mb(n: int) -> str:
    return f"{n // MB} MB"


def daftar_batas() -> list[tuple[str, str]]:
    """(apa, batas) untuk dokumentasi."""
    khusus = ", ".join(f"`{k}` {v:,}".replace(",", ".") for k, v in BARIS_LEMBAR_KHUSUS.items())
    return [
        ("ukuran `lkj.yaml`", _mb(BERKAS_YAML)),
        ("ukuran satu `data/<lembar>.csv`", _mb(BERKAS_CSV)),
        ("ukuran `data.xlsx`", _mb(BERKAS_XLSX)),
        ("ukuran terurai seluruh isi `data.xlsx`", _mb(XLSX_TOTAL_TERURAI)),
        ("rasio kompresi satu anggota `data.xlsx` (anggota ≥ "
         f"{_mb(XLSX_RASIO_MULAI)} terurai)", f"{XLSX_RASIO}×"),
        ("jumlah anggota arsip `data.xlsx`", f"{XLSX_ANGGOTA:,}".replace(",", ".")),
        ("ukuran terurai satu bagian `data.xlsx` selain lembar dan teks bersama (buku kerja, gaya)",
         _mb(XLSX_BAGIAN)),
        ("ukuran satu `narasi/<bagian>.md`", _mb(BERKAS_NARASI)),
        ("baris data per lembar", f"{BARIS_LEMBAR:,}".replace(",", ".") + f" ({khusus})"),
        ("baris data seluruh lembar/berkas satu folder", f"{BARIS_TOTAL:,}".replace(",", ".")),
        ("kolom per lembar yang dibaca", str(KOLOM_LEMBAR)),
        ("baris kosong berturut-turut sebelum pembacaan lembar Excel berhenti",
         f"{BARIS_KOSONG_BERUNTUN:,}".replace(",", ".")),
        ("panjang sel kode, angka, rupiah, tahun, pilihan", f"{TEKS_KODE} karakter"),
        ("panjang sel nama/rumusan (" + ", ".join(f"`{k}`" for k in sorted(KOLOM_NAMA)) + ")",
         f"{TEKS_NAMA} karakter"),
        ("panjang sel teks lain (penjelasan, rumus, catatan, ...)", f"{TEKS_SEL:,}".replace(",", ".")
         + " karakter"),
        ("besar bilangan (rupiah dan angka)", "10^15 (seribu triliun)"),
        ("kolom urutan/nomor", f"{URUTAN_MAKS:,}".replace(",", ".")),
        ("anchor/alias YAML (`&`, `*`) di `lkj.yaml`", "ditolak"),
    ]
