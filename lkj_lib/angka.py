"""Membaca bilangan seperti tercetak di dokumen Indonesia.

Contoh yang dipahami: ``1.058.998.350,00``, ``63,32%``, ``8 dokumen``, ``4751 Data``,
``≥ 26``, ``2.5``, ``-``, ``Rp 14.644.589.858,-``, ``0,81 – 1`` (ditolak: rentang).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from .errors import NilaiError

KOSONG = {"", "-", "–", "—", "n/a", "na", "nan", "none"}
_OPS = {"≥": "≥", ">=": "≥", "≤": "≤", "<=": "≤", ">": ">", "<": "<", "=": ""}
# Pembacaan dalam tiga langkah linear (tanpa kuantor bersarang atau bertumpuk pada spasi yang
# sama, sehingga tak ada backtracking katastrofik): awalan (pembanding, "Rp"), bilangan (satu kelas
# karakter, rakus), lalu sisa = penanda ",-" dan satuan.
_RE_AWAL = re.compile(r"(?P<op>≥|>=|≤|<=|>|<|=)?\s*(?P<rp>rp\.?\s*)?", re.IGNORECASE)
_RE_NUM = re.compile(r"[-+−]?\s*\d[\d.,\s]*")
_RE_UNIT = re.compile(r"[A-Za-z][A-Za-z /()]*")
PANJANG_MAKS = 200
"""Teks lebih panjang dari ini bukan bilangan tercetak (pembacaan tetap linear berapa pun panjangnya)."""


@dataclass(frozen=True)
class Besaran:
    """Nilai bilangan beserta satuan dan pembandingnya (≥ 26 → op '≥')."""

    nilai: float | None
    satuan: str = ""
    op: str = ""
    desimal: int = 0  # banyak angka di belakang koma seperti diketik (0,00% → 2)

    @property
    def kosong(self) -> bool:
        return self.nilai is None


class AngkaError(NilaiError):
    """Teks tidak dapat dibaca sebagai bilangan."""


def _angka_teks(s: str, titik_desimal: bool) -> tuple[float, int]:
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
    if not math.isfinite(v):
        raise AngkaError(s)
    desimal = len(s) - s.index(".") - 1 if "." in s else 0
    return (-v if neg else v), desimal


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
    if len(s) > PANJANG_MAKS:
        raise AngkaError(s[:40] + "…")
    if s.isascii() and s.isdigit():  # jalur cepat sel yang paling sering (jawaban SKM "4", tahun, jumlah)
        return Besaran(float(s))
    awal = _RE_AWAL.match(s)
    num = _RE_NUM.match(s, awal.end())
    if not num:
        raise AngkaError(s)
    angka, sisa = num.group().rstrip(), s[num.end():].lstrip()
    if sisa.startswith("-"):  # penanda rupiah bulat: "350,-", "350.-", "350-"
        if num.group()[-1] in ",." and s[num.end()] == "-":
            angka = angka[:-1].rstrip()
        sisa = sisa[1:].lstrip()
    unit = sisa.rstrip()
    if unit and unit != "%" and not _RE_UNIT.fullmatch(unit):
        raise AngkaError(s)
    v, desimal = _angka_teks(angka, titik_desimal)
    if unit and unit != "%":
        unit = unit.lower()
    if awal.group("rp"):
        unit = unit or "Rp"
    if unit == "rp":
        unit = "Rp"
    op = _OPS.get(awal.group("op") or "", "")
    return Besaran(v, unit, op, desimal)
