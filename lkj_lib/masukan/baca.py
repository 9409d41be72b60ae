"""Membaca lembar mentah dari ``data.xlsx`` atau folder ``data/*.csv``.

Hasilnya: untuk setiap lembar, daftar baris berupa dict {kolom: nilai mentah} beserta
nomor baris aslinya (baris 1 = judul kolom), tanpa menafsirkan tipe.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path

from ..errors import Masalah


@dataclass
class LembarMentah:
    nama: str
    berkas: str
    kolom: list[str]
    baris: list[tuple[int, dict]]  # (nomor baris asli, {kolom: nilai})


def _norm_kolom(k) -> str:
    return str(k or "").strip().lower().replace(" ", "_")


def _kosong(v) -> bool:
    return v is None or (isinstance(v, str) and not v.strip())


def baca_csv(path: Path) -> tuple[LembarMentah | None, list[Masalah]]:
    try:
        teks = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        teks = path.read_text(encoding="cp1252")
    except OSError as e:
        return None, [Masalah(f"berkas tidak dapat dibaca: {e}", berkas=str(path))]
    contoh = teks[:4096]
    pemisah = ";" if contoh.count(";") > contoh.count(",") and "\n" in contoh else ","
    try:
        rows = list(csv.reader(io.StringIO(teks), delimiter=pemisah))
    except csv.Error as e:
        return None, [Masalah(f"CSV rusak: {e}", berkas=path.name,
                              saran="simpan ulang sebagai CSV UTF-8")]
    return _dari_baris(path.stem, path.name, rows)


def _dari_baris(nama: str, berkas: str, rows: list[list]) -> tuple[LembarMentah | None, list[Masalah]]:
    masalah: list[Masalah] = []
    if not rows:
        return LembarMentah(nama, berkas, [], []), masalah
    kolom = [_norm_kolom(k) for k in rows[0]]
    while kolom and not kolom[-1]:
        kolom.pop()
    seen = set()
    for k in kolom:
        if k and k in seen:
            masalah.append(Masalah("nama kolom ganda", berkas=berkas, lembar=nama, baris=1, kolom=k,
                                   saran="hapus atau ganti nama salah satu kolom"))
        seen.add(k)
    baris = []
    for i, r in enumerate(rows[1:], start=2):
        r = list(r)
        if all(_kosong(v) for v in r):
            continue
        if len(r) > len(kolom) and any(not _kosong(v) for v in r[len(kolom):]):
            masalah.append(Masalah("baris punya sel di luar kolom berjudul", berkas=berkas, lembar=nama,
                                   baris=i, saran="beri judul kolom atau hapus isi sel berlebih"))
        d = {k: (r[j] if j < len(r) else None) for j, k in enumerate(kolom) if k}
        baris.append((i, d))
    return LembarMentah(nama, berkas, [k for k in kolom if k], baris), masalah


def baca_xlsx(path: Path) -> tuple[dict[str, LembarMentah], list[Masalah]]:
    import openpyxl

    try:
        wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as e:  # openpyxl melempar berbagai jenis galat untuk berkas rusak
        return {}, [Masalah(f"berkas Excel tidak dapat dibuka: {e}", berkas=path.name,
                            saran="pastikan berkas .xlsx (bukan .xls) dan tidak rusak")]
    hasil: dict[str, LembarMentah] = {}
    masalah: list[Masalah] = []
    try:
        for ws in wb.worksheets:
            nama = ws.title.strip().lower()
            if nama.startswith("petunjuk") or nama.startswith("_"):
                continue
            rows = [list(r) for r in ws.iter_rows(values_only=True)]
            lembar, m = _dari_baris(nama, path.name, rows)
            masalah += m
            if lembar is not None:
                hasil[nama] = lembar
    finally:
        wb.close()
    return hasil, masalah


def baca_semua(folder: Path) -> tuple[dict[str, LembarMentah], list[str], list[Masalah]]:
    """Baca semua lembar di folder SKPD-tahun. Kembalikan (lembar, berkas sumber, masalah)."""
    xlsx = folder / "data.xlsx"
    csvdir = folder / "data"
    if xlsx.exists() and csvdir.is_dir():
        return {}, [], [Masalah("ada data.xlsx dan folder data/ sekaligus", berkas=str(folder),
                                saran="pakai salah satu: hapus atau pindahkan yang lain")]
    if xlsx.exists():
        lembar, masalah = baca_xlsx(xlsx)
        return lembar, [str(xlsx)], masalah
    if csvdir.is_dir():
        lembar: dict[str, LembarMentah] = {}
        masalah: list[Masalah] = []
        sumber = []
        for p in sorted(csvdir.glob("*.csv")):
            lm, m = baca_csv(p)
            masalah += m
            sumber.append(str(p))
            if lm is not None:
                lembar[p.stem.strip().lower()] = lm
        return lembar, sumber, masalah
    return {}, [], [Masalah("tidak ada data.xlsx maupun folder data/", berkas=str(folder),
                            saran="buat templat dengan 'lkj template <folder>' lalu isi")]
