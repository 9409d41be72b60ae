"""Aturan sah penimbang IKM (lapisan dasar: dipakai ``profil`` saat membaca lkj.yaml dan ``instrumen.ikm``).

Satu sumber kebenaran: ``profil`` memeriksa ``pengaturan.penimbang_ikm`` dengan aturan yang sama yang
dipakai perhitungan IKM, tanpa mengimpor lapisan di atasnya.
"""

from __future__ import annotations

import math
from fractions import Fraction

from .errors import LkjError

PENIMBANG_SERAGAM = (1 / 9, 0.11, 0.111)
_TOL = 1e-9


def periksa_penimbang(penimbang) -> tuple[float, ...]:
    """Sahkan penimbang: satu nilai (1/9, 0.11, 0.111) atau 9 bobot tak negatif berjumlah 1.

    Menerima bilangan, teks (``"1/9"``, ``"0,11"``) atau barisan 9 nilai. Naikkan
    :class:`LkjError` berbahasa Indonesia bila tidak sah.
    """
    def angka(x) -> float:
        try:
            if isinstance(x, str):
                return float(Fraction(x.strip().replace(",", ".")))
            return float(x)
        except (TypeError, ValueError, ZeroDivisionError):
            raise LkjError(f"penimbang IKM tidak sah: {x!r} bukan bilangan "
                           "(contoh yang sah: 1/9, 0.11, 0.111, atau 9 bobot berjumlah 1)") from None

    if isinstance(penimbang, (str, int, float, Fraction)):
        w = (angka(penimbang),) * 9
    else:
        w = tuple(angka(x) for x in penimbang)
        if len(w) != 9:
            raise LkjError(f"penimbang IKM harus satu nilai atau tepat 9 bobot (U1..U9), bukan {len(w)}")
    if any(math.isnan(x) for x in w):
        raise LkjError("penimbang IKM tidak boleh kosong (NaN)")
    seragam = max(w) - min(w) < _TOL
    if seragam and any(abs(w[0] - s) < _TOL for s in PENIMBANG_SERAGAM):
        return w
    if min(w) < 0:
        raise LkjError("penimbang IKM tidak boleh negatif")
    if abs(sum(w) - 1) > 1e-6:
        jumlah = f"{sum(w):.6g}".replace(".", ",")
        raise LkjError(f"penimbang IKM tidak sah: jumlah 9 bobot = {jumlah}, harus 1 "
                       "(penimbang seragam yang diizinkan hanya 1/9, 0.11 atau 0.111)")
    return w
