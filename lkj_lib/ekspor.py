"""Menulis CSV dan .xlsx yang aman dibuka di Excel/LibreOffice (tanpa injeksi rumus).

Berkas yang ditulis lkj (``data/*.csv``, ``audit.csv``, ``outputs/audit/*.csv``, CSV/xlsx sintetis)
dibuka auditor di spreadsheet. Teks masukan yang diawali ``=``, ``+``, ``-``, ``@``, tab atau CR
(mis. ``=HYPERLINK(...)``, ``=cmd|' /C calc'!A0``) akan dijalankan sebagai rumus bila ditulis
mentah. Aturannya (panduan OWASP "CSV Injection"; lihat ``docs/keamanan.md``):

* **CSV** — sel *teks* yang diawali karakter berbahaya diberi awalan kutip tunggal ``'``
  (``=1+1`` → ``'=1+1``). Tidak diubah: sel angka (int/float/Decimal/bool, termasuk negatif),
  sel kosong, teks yang berupa bilangan polos (``-0,18``, ``-1.234,5``, ``+12%``, ``-1e5``) dan
  teks ``-``/``+`` saja (penanda "tidak ada"): spreadsheet membacanya sebagai angka/teks, bukan rumus.
* **xlsx** — teks ditulis sebagai sel *teks* (tipe string, gaya ``quotePrefix``), tidak pernah
  sebagai rumus; isinya tetap persis sama (tanpa kutip tambahan) dan angka tetap angka.

Semua penulis CSV/xlsx lkj memakai modul ini; jangan memanggil ``to_csv``/``to_excel`` langsung.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from decimal import Decimal
from numbers import Number
from pathlib import Path
from typing import Iterable

AWALAN_BAHAYA = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")
"""Karakter awal yang membuat spreadsheet menafsirkan sel sebagai rumus/DDE (plus versi lebar-penuh)."""

_BILANGAN_POLOS = re.compile(r"[+-]?(?:\d[\d.,]*|[.,]\d+)(?:[eE][+-]?\d+)?%?")
_TEKS_TETAP = {"-", "+"}


def perlu_netral(teks: str) -> bool:
    """True bila ``teks`` diawali karakter rumus dan bukan bilangan polos/penanda ``-``."""
    return (teks.startswith(AWALAN_BAHAYA) and teks not in _TEKS_TETAP
            and _BILANGAN_POLOS.fullmatch(teks) is None)


def netral(v):
    """Nilai aman untuk CSV: teks berbahaya diberi awalan ``'``; selain itu dikembalikan apa adanya."""
    if isinstance(v, str) and perlu_netral(v):
        return "'" + v
    return v


def netral_df(df):
    """Salinan DataFrame dengan setiap sel teks (dan judul kolom) dinetralkan; kolom angka tidak disentuh."""
    out = df.copy()
    for c in out.columns:
        if out[c].dtype == object or str(out[c].dtype) in ("string", "str"):
            out[c] = out[c].map(netral).astype(object)
    out.columns = [netral(c) if isinstance(c, str) else c for c in out.columns]
    return out


def tulis_csv(df, path: str | Path, **kw) -> Path:
    """``df.to_csv`` (tanpa indeks, UTF-8) setelah dinetralkan."""
    kw.setdefault("index", False)
    kw.setdefault("encoding", "utf-8")
    netral_df(df).to_csv(path, **kw)
    return Path(path)


def tulis_baris_csv(path: str | Path, kolom: list[str], baris: Iterable[dict]) -> Path:
    """Tulis daftar dict sebagai CSV (``csv.DictWriter``, kolom di luar ``kolom`` diabaikan)."""
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.DictWriter(f, fieldnames=[netral(k) for k in kolom], extrasaction="ignore")
        w.writeheader()
        for r in baris:
            w.writerow({netral(k): netral(r.get(k)) for k in kolom})
    return Path(path)


def isi_sel(ws, baris: int, kolom: int, nilai):
    """Isi sel openpyxl: teks selalu sebagai teks (bukan rumus), angka/tanggal apa adanya, NaN kosong."""
    if hasattr(nilai, "item") and not isinstance(nilai, str):  # skalar numpy → Python
        nilai = nilai.item()
    if _kosong(nilai):
        return ws.cell(row=baris, column=kolom)
    if not isinstance(nilai, (str, bool, Number, Decimal, dt.date, dt.time)):
        nilai = str(nilai)
    if isinstance(nilai, str):  # karakter kendali (ESC, BEL, ...) tidak sah di XML xlsx: dibuang
        from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

        nilai = ILLEGAL_CHARACTERS_RE.sub("", nilai)
    c = ws.cell(row=baris, column=kolom)
    c.value = nilai
    if isinstance(nilai, str) and (c.data_type == "f" or nilai.startswith(AWALAN_BAHAYA)):
        c.data_type = "s"  # openpyxl menganggap teks berawalan '=' sebagai rumus
        c.quotePrefix = True  # Excel: tetap teks walau sel disunting ulang
    return c


def _kosong(v) -> bool:
    if v is None:
        return True
    try:
        import pandas as pd

        return bool(pd.isna(v)) if not isinstance(v, (str, bool)) else False
    except (TypeError, ValueError):
        return False


def tulis_xlsx(df, path: str | Path, lembar: str = "Sheet1") -> Path:
    """Tulis DataFrame ke satu lembar .xlsx (judul di baris 1) lewat :func:`isi_sel`."""
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = lembar
    for j, k in enumerate(df.columns, start=1):
        isi_sel(ws, 1, j, str(k))
    for i, r in enumerate(df.itertuples(index=False, name=None), start=2):
        for j, v in enumerate(r, start=1):
            isi_sel(ws, i, j, v)
    wb.save(path)
    return Path(path)


__all__ = ["AWALAN_BAHAYA", "perlu_netral", "netral", "netral_df", "tulis_csv", "tulis_baris_csv",
           "isi_sel", "tulis_xlsx"]
