"""``lkj template``: buku kerja Excel yang diisi analis, plus kerangka ``lkj.yaml``."""

from __future__ import annotations

from pathlib import Path

from .ekspor import isi_sel
from .errors import LkjError
from .schema import TABEL, Tabel

KERANGKA_YAML = """\
# Profil SKPD dan pengaturan metode. Ganti setiap <...> lalu jalankan: lkj validate <folder>
skpd:
  nama: <nama lengkap perangkat daerah>
  singkatan: <singkatan, mis. BKPSDM>
  pemerintah_daerah: <mis. Kabupaten Balangan>
  provinsi: <provinsi>
  alamat: <alamat kantor>
tahun: {tahun}
renstra:
  mulai: <tahun awal Renstra>
  akhir: <tahun akhir Renstra>
kepala:
  nama: <nama kepala beserta gelar>
  nip: <NIP 18 digit>
  pangkat: <pangkat/golongan>
  jabatan: Kepala Badan
laporan:
  tempat: <kota penandatanganan>
  tanggal: <YYYY-MM-DD>
visi: <visi kepala daerah>
misi: []
misi_terkait: []
# logo: logo.png          # opsional: PNG/JPEG di sampul HTML, PDF dan DOCX (berkas di folder ini)
# templat_docx: kop.docx  # opsional: dokumen acuan Word (gaya, huruf, margin) untuk LKj-*.docx
pengaturan:
  rumus_negatif: 2T-R
  batas_capaian: null
  metode_efisiensi: rasio
  penimbang_ikm: 1/9
  audit_fatal: []
"""

PETUNJUK = [
    "PETUNJUK PENGISIAN DATA LAPORAN KINERJA (LKj)",
    "",
    "1. Setiap lembar berisi satu tabel. Baris 1 adalah judul kolom: jangan diubah.",
    "2. Isi data mulai baris 2. Contoh isian ada di bawah ini, bukan di lembar data.",
    "3. Angka boleh ditulis seperti di dokumen: 1.058.998.350,00 | 63,32% | 8 dokumen | ≥ 26 | - .",
    "4. Kolom bertanda (wajib) harus diisi. Kolom kode diformat sebagai teks: ketik 1.10, bukan 1,1.",
    "5. Angka turunan (capaian, persentase, jumlah) tidak perlu diisi: lkj menghitungnya.",
    "   Bila ingin diaudit, catat angka yang tercetak di lembar angka_dilaporkan.",
    "6. Setelah mengisi, jalankan: lkj validate <folder>  — semua masalah dilaporkan sekaligus.",
    "",
]


def _lebar(k) -> int:
    return max(12, min(45, len(k.nama) + 4, len(k.contoh) + 4 if k.contoh else 0))


def _tulis_lembar(wb, tabel: Tabel, baris: list[dict] | None = None) -> None:
    from openpyxl.comments import Comment
    from openpyxl.styles import Font, PatternFill
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    ws = wb.create_sheet(tabel.nama)
    tebal = Font(bold=True)
    isi = PatternFill("solid", fgColor="DDEBF7")
    wajib = PatternFill("solid", fgColor="FCE4D6")
    for j, k in enumerate(tabel.kolom, start=1):
        c = ws.cell(row=1, column=j, value=k.nama)
        c.font = tebal
        c.fill = wajib if k.wajib else isi
        catatan = f"{k.arti}\nTipe: {k.tipe}{' (wajib)' if k.wajib else ''}"
        if k.contoh:
            catatan += f"\nContoh: {k.contoh}"
        c.comment = Comment(catatan, "lkj")
        huruf = get_column_letter(j)
        ws.column_dimensions[huruf].width = _lebar(k)
        if k.tipe == "kode":
            for r in range(2, 502):
                ws.cell(row=r, column=j).number_format = "@"
        if k.pilihan and k.tipe == "pilihan":
            dv = DataValidation(type="list", formula1='"' + ",".join(k.pilihan) + '"', allow_blank=True,
                                showErrorMessage=True, errorTitle="Pilihan tidak dikenal",
                                error="Pilih salah satu: " + ", ".join(k.pilihan))
            ws.add_data_validation(dv)
            dv.add(f"{huruf}2:{huruf}1000")
        elif k.pilihan:  # mis. satuan: daftar saran, nilai lain tetap boleh
            dv = DataValidation(type="list", formula1='"' + ",".join(k.pilihan) + '"', allow_blank=True,
                                showErrorMessage=False)
            ws.add_data_validation(dv)
            dv.add(f"{huruf}2:{huruf}1000")
    for i, r in enumerate(baris or [], start=2):
        for j, k in enumerate(tabel.kolom, start=1):
            v = r.get(k.nama)
            if v not in (None, ""):
                isi_sel(ws, i, j, v)  # teks berawalan '=' tetap teks, bukan rumus
    ws.freeze_panes = "A2"


def _tulis_petunjuk(wb) -> None:
    from openpyxl.styles import Font

    ws = wb.active
    ws.title = "PETUNJUK"
    baris = 1
    for t in PETUNJUK:
        ws.cell(row=baris, column=1, value=t).font = Font(bold=(baris == 1))
        baris += 1
    for tabel in TABEL:
        ws.cell(row=baris, column=1, value=f"Lembar '{tabel.nama}': {tabel.judul}").font = Font(bold=True)
        baris += 1
        ws.cell(row=baris, column=1, value=tabel.arti)
        baris += 1
        for j, k in enumerate(tabel.kolom, start=1):
            ws.cell(row=baris, column=j, value=k.nama + (" (wajib)" if k.wajib else "")).font = Font(italic=True)
            ws.cell(row=baris + 1, column=j, value=k.contoh)
        baris += 3
    ws.column_dimensions["A"].width = 30


def _baris_csv(folder_data: Path) -> dict[str, list[dict]]:
    """Isi CSV per lembar, dibaca oleh pembaca masukan yang sama (pengodean, pemisah, batas)."""
    from .errors import InputError
    from .masukan.baca import baca_csv

    out = {}
    for p in sorted(folder_data.glob("*.csv")):
        lm, masalah = baca_csv(p, folder_data.parent)
        if lm is None:
            raise InputError(masalah)
        out[p.stem.strip().lower()] = [d for _, d in lm.baris]
    return out


def tulis_xlsx(out: Path, data_csv: Path | None = None) -> Path:
    """Tulis buku kerja (petunjuk + semua lembar); isi dari folder CSV ``data_csv`` bila diberikan.

    Nilai ditulis persis seperti teks CSV, sehingga buku kerja terbaca sama dengan CSV-nya.
    """
    import openpyxl

    isi = _baris_csv(data_csv) if data_csv else {}
    wb = openpyxl.Workbook()
    _tulis_petunjuk(wb)
    for tabel in TABEL:
        _tulis_lembar(wb, tabel, isi.get(tabel.nama))
    tmp = out.with_suffix(".xlsx.tmp")
    wb.save(tmp)
    tmp.replace(out)
    return out


def tulis_templat(folder: Path, timpa: bool = False, tahun: int | None = None) -> list[Path]:
    """Tulis ``data.xlsx`` dan ``lkj.yaml`` kosong ke ``folder``. Tidak menimpa tanpa ``timpa``."""
    folder = Path(folder)
    xlsx = folder / "data.xlsx"
    yml = folder / "lkj.yaml"
    ada = [p for p in (xlsx, yml) if p.exists()]
    if ada and not timpa:
        raise LkjError("berkas sudah ada: " + ", ".join(map(str, ada)) + " (pakai --force untuk menimpa)")
    if (folder / "data").is_dir():
        raise LkjError(f"{folder}/data/ (CSV) sudah ada; templat Excel akan bentrok dengannya")
    if tahun is None:
        try:
            tahun = int(folder.name)
        except ValueError:
            tahun = "<tahun laporan>"
    folder.mkdir(parents=True, exist_ok=True)
    tulis_xlsx(xlsx)
    yml.write_text(KERANGKA_YAML.format(tahun=tahun), encoding="utf-8")
    (folder / "narasi").mkdir(exist_ok=True)
    return [xlsx, yml]
