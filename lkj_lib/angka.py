"""Membaca bilangan seperti tercetak di dokumen Indonesia.

Contoh yang dipahami: ``1.058.998.350,00``, ``63,32%``, ``8 dokumen``, ``4751 Data``,
``≥ 26``, ``2.5``, ``-``, ``Rp 14.644.589.858,-``, ``0,81 – 1`` (ditolak: rentang).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

KOSONG = {"", "-", "–", "—", "n/a", "na", "nan", "none"}
_OPS = {"≥": "≥", ">=": "≥", "≤": "≤", "<=": "≤", ">": ">", "<": "<", "=": ""}
_RE = re.compile(
    r"""^\s*
    (?P<op>≥|>=|≤|<=|>|<|=)?\s*
    (?P<rp>rp\.?\s*)?
    (?P<num>[-+−]?\s*\d[\d.,\s]*?)
    \s*(?P<trail>,-|\.-|-)?
    \s*(?P<unit>%|[A-Za-z][A-Za-z /()]*)?
    \s*$""",
    re.VERBOSE | re.IGNORECASE,
)


@dataclass(frozen=True)
class Besaran:
    """Nilai bilangan beserta satuan dan pembandingnya (≥ 26 → op '≥')."""

    nilai: float | None
    satuan: str = ""
    op: str = ""

    @property
    def kosong(self) -> bool:
        return self.nilai is None


class AngkaError(ValueError):
    """Teks tidak dapat dibaca sebagai bilangan."""


def _angka_teks(s: str, titik_desimal: bool) -> float:
    s = s.replace(" ", "").replace("−", "-")
    neg = s.startswith("-")
    s = s.lstrip("+-")
    if not s or not s[0].isdigit():
        raise AngkaError(s)
    if "," in s and "." in s:
        # format Indonesia: titik ribuan, koma desimal (1.058.998.350,00)
        if s.rfind(",") < s.rfind("."):
            # format Inggris 1,058,998.35
            bulat, desimal = s.rsplit(".", 1)
            if not re.fullmatch(r"\d{1,3}(,\d{3})+", bulat):
                raise AngkaError(s)
            s = bulat.replace(",", "") + "." + desimal
        else:
            bulat, desimal = s.rsplit(",", 1)
            if not re.fullmatch(r"\d{1,3}(\.\d{3})+", bulat):
                raise AngkaError(s)
            s = bulat.replace(".", "") + "." + desimal
    elif "," in s:
        if s.count(",") > 1:
            if not re.fullmatch(r"\d{1,3}(,\d{3})+", s):
                raise AngkaError(s)
            s = s.replace(",", "")
        else:
            s = s.replace(",", ".")
    elif "." in s:
        if s.count(".") > 1:
            if not re.fullmatch(r"\d{1,3}(\.\d{3})+", s):
                raise AngkaError(s)
            s = s.replace(".", "")
        else:
            bulat, desimal = s.split(".")
            if len(desimal) == 3 and not titik_desimal and bulat != "0":
                s = bulat + desimal  # 4.751 = empat ribu tujuh ratus lima puluh satu
    if not re.fullmatch(r"\d+(\.\d+)?", s):
        raise AngkaError(s)
    v = float(s)
    return -v if neg else v


def baca_angka(nilai, titik_desimal: bool = False) -> Besaran:
    """Ubah isi sel (teks, int, float, None) menjadi :class:`Besaran`.

    ``titik_desimal=True`` membaca satu titik diikuti tiga digit (``3.495``) sebagai
    desimal; bawaannya titik ribuan seperti kebiasaan Indonesia (``4.751`` = 4751).
    Menaikkan :class:`AngkaError` bila teks bukan bilangan.
    """
    if nilai is None:
        return Besaran(None)
    if isinstance(nilai, bool):
        raise AngkaError(str(nilai))
    if isinstance(nilai, (int, float)):
        if isinstance(nilai, float) and math.isnan(nilai):
            return Besaran(None)
        if isinstance(nilai, float) and math.isinf(nilai):
            raise AngkaError(str(nilai))
        return Besaran(float(nilai))
    s = str(nilai).strip().replace("\u00a0", " ")
    if s.lower() in KOSONG:
        return Besaran(None)
    m = _RE.match(s)
    if not m:
        raise AngkaError(s)
    v = _angka_teks(m.group("num"), titik_desimal)
    unit = (m.group("unit") or "").strip()
    if unit and unit != "%":
        unit = unit.lower()
    if m.group("rp"):
        unit = unit or "Rp"
    if unit == "rp":
        unit = "Rp"
    op = _OPS.get(m.group("op") or "", "")
    return Besaran(v, unit, op)
