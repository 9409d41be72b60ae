"""Format angka Indonesia untuk tabel dan kalimat (satu pemformat untuk keduanya).

Memakai Babel (locale ``id_ID``) untuk pemisah ribuan/desimal dan num2words ``lang="id"``
untuk *terbilang*. Nilai kosong/NaN selalu tampil sebagai ``-``.
"""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache

import pandas as pd
from babel.dates import format_date
from babel.numbers import format_decimal

LOCALE = "id_ID"
STRIP = "-"


def kosong(v) -> bool:
    """None, NaN, NA dan NaT dianggap kosong."""
    if v is None:
        return True
    try:
        return bool(pd.isna(v))
    except (TypeError, ValueError):
        return False


def bulat(v: float, desimal: int = 2) -> float:
    """Pembulatan setengah ke atas (bukan banker's rounding) seperti kebiasaan laporan."""
    q = Decimal(1).scaleb(-desimal)
    return float(Decimal(repr(float(v))).quantize(q, rounding=ROUND_HALF_UP))


def angka(v, desimal: int = 2, paksa_desimal: bool = True) -> str:
    """``1234.5`` → ``1.234,50``; ``desimal=0`` → ``1.235``; ``paksa_desimal=False`` membuang ,00."""
    if kosong(v):
        return STRIP
    return _angka(float(v), desimal, paksa_desimal)


@lru_cache(maxsize=32768)
def _angka(v: float, desimal: int, paksa_desimal: bool) -> str:
    """Inti :func:`angka` (fungsi murni; ditembolok: label sumbu grafik dan sel tabel berulang)."""
    v = bulat(v, desimal) or 0.0  # hindari "-0,00"
    if not paksa_desimal and float(v).is_integer():
        desimal_pola = ""
    else:
        desimal_pola = "." + "0" * desimal if desimal else ""
    return format_decimal(v, format="#,##0" + desimal_pola, locale=LOCALE)


def nilai(v, desimal: int = 2) -> str:
    """Bilangan apa adanya: bulat tanpa koma (``250``), pecahan hingga ``desimal`` (``82,42``)."""
    if kosong(v):
        return STRIP
    b = bulat(float(v), desimal)
    if float(b).is_integer():
        return angka(b, 0)
    s = angka(b, desimal)
    return s.rstrip("0") if "," in s else s


def persen(v, desimal: int = 2, tanda: bool = True) -> str:
    """``63.3211`` → ``63,32%``."""
    if kosong(v):
        return STRIP
    return angka(v, desimal) + ("%" if tanda else "")


def rupiah(v, desimal: int = 0, awalan: bool = True) -> str:
    """``1058998350`` → ``Rp 1.058.998.350``."""
    if kosong(v):
        return STRIP
    s = angka(v, desimal)
    return f"Rp {s}" if awalan else s


def terbilang(v, satuan: str = "rupiah") -> str:
    """``16064142792`` → ``enam belas miliar ... sembilan puluh dua rupiah``."""
    if kosong(v):
        return STRIP
    n = int(bulat(float(v), 0))
    from num2words import num2words  # diimpor saat dipakai: memuat ±60 modul bahasa (±20 ms per proses)

    kata = num2words(abs(n), lang="id")
    if n < 0:
        kata = "minus " + kata
    return f"{kata} {satuan}".strip()


def besaran(v, satuan: str = "", op: str = "", desimal: int = 2, tetap=None) -> str:
    """Target/realisasi dengan pembanding dan satuannya: ``≥ 26``, ``8 dokumen``, ``63,32%``.

    ``tetap``: jumlah desimal indikator (kolom ``desimal``) → selalu sebanyak itu (``5,50%``, ``0,00%``);
    kosong/None → bilangan apa adanya hingga ``desimal`` angka."""
    if kosong(v):
        return STRIP
    s = nilai(v, desimal) if tetap is None or kosong(tetap) else angka(v, int(tetap))
    satuan = (satuan or "").strip()
    if satuan == "%":
        s += "%"
    elif satuan and satuan.lower() not in ("indeks", "nilai", "skor", "predikat"):
        s += f" {satuan}"
    return f"{op} {s}" if op else s


def tanggal(d: dt.date | str) -> str:
    """``2023-01-03`` → ``3 Januari 2023``."""
    if isinstance(d, str):
        d = dt.date.fromisoformat(d)
    return format_date(d, format="d MMMM y", locale=LOCALE)


def romawi(n: int) -> str:
    angka_r = [(1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"),
               (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]
    out = ""
    for v, s in angka_r:
        while n >= v:
            out += s
            n -= v
    return out
