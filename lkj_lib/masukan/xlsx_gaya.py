"""Tafsiran nilai sel xlsx menurut tipe dan gaya selnya (format angka), seperti openpyxl.

Tanggal/durasi menurut format angka (epoch 1900 atau 1904) menjadi ``datetime``/``timedelta``, persen
berformat ('0.00%') menjadi teks seperti diketik ('63,32%'), dan banyak desimal format ('0.00')
dicatat untuk pembulatan tampilan.
"""

from __future__ import annotations

import math
import re
from decimal import Decimal, localcontext

from .xml_aman import XlsxRusak, bulat

_RE_FORMAT_DESIMAL = re.compile(r"\.([0#?]+)")


def desimal_format(fmt: str | None) -> int | None:
    """Banyak desimal menurut format angka Excel ('0.00%' → 2, '#,##0' → 0, 'General' → None)."""
    if not fmt or fmt == "General" or fmt == "@":
        return None
    bagian = re.sub(r'"[^"]*"|\\.', "", fmt.split(";", 1)[0])
    m = _RE_FORMAT_DESIMAL.search(bagian)
    return len(m.group(1)) if m else 0


def teks_persen(v: float, desimal: int | None) -> str | float:
    """Sel persen Excel (0.0038 berformat 0.00%) → teks seperti diketik ('0,38%'). Tak hingga
    (``<v>1e999</v>``) dikembalikan apa adanya: pemeriksa angka menolaknya dengan galat berlokasi."""
    f = float(v)
    if not math.isfinite(f):
        return f
    with localcontext() as ctx:
        ctx.prec = 400  # cukup untuk setiap float (≤ 309 digit) + 30 desimal, batas desimal format Excel
        d = Decimal(repr(f)).scaleb(2).normalize()
        t = format(d, "f")
        ada = len(t.split(".", 1)[1]) if "." in t else 0
        if desimal and ada < desimal:
            t = format(d.quantize(Decimal(1).scaleb(-min(desimal, 30))), "f")
    return t.replace(".", ",") + "%"


class Gaya:
    """Tafsiran sel per indeks gaya (``cellXfs``) dan teks bersama buku kerja."""

    def __init__(self, kode: list[str], e1904: bool, bersama: list[str]):
        from openpyxl.styles.numbers import is_date_format, is_timedelta_format
        from openpyxl.utils.datetime import CALENDAR_MAC_1904, CALENDAR_WINDOWS_1900

        self.bersama = bersama
        self.epoch = CALENDAR_MAC_1904 if e1904 else CALENDAR_WINDOWS_1900
        self.tanggal = {i for i, f in enumerate(kode) if is_date_format(f)}
        self.durasi = {i for i, f in enumerate(kode) if is_timedelta_format(f)}
        self.persen = {i: desimal_format(f) for i, f in enumerate(kode) if "%" in f}
        self.desimal = {i: d for i, f in enumerate(kode) if (d := desimal_format(f)) is not None}

    def nilai(self, t: str, v: str, s: str | None, nomor: int, j: int, fmt_desimal: dict):
        """Nilai sel bertipe ``t`` berisi teks ``v`` (tak kosong) dan gaya ``s``."""
        if t == "n":
            v = float(v) if ("." in v or "e" in v or "E" in v) else int(v)
            if not s:
                return v
            i = bulat(s)
            if i in self.tanggal:
                from openpyxl.utils.datetime import from_excel
                try:
                    return from_excel(v, self.epoch, timedelta=i in self.durasi)
                except (OverflowError, ValueError):
                    return "#VALUE!"  # seperti openpyxl: tanggal di luar jangkauan menjadi galat sel
            if i in self.persen:
                return teks_persen(v, self.persen[i])
            if i in self.desimal:
                fmt_desimal[(nomor, j)] = self.desimal[i]
            return v
        if t == "s":
            i = bulat(v)
            if not 0 <= i < len(self.bersama):
                raise XlsxRusak(f"indeks teks bersama di luar jangkauan: {i}")
            return self.bersama[i]
        if t == "b":
            return bool(bulat(v))
        if t == "d":
            from openpyxl.utils.datetime import from_ISO8601
            return from_ISO8601(v)
        return v  # 'str' (hasil rumus), 'e' (galat), lainnya: teks apa adanya
