"""Capaian satu indikator (docs/perhitungan.md §1) dan kategorinya (§2)."""

from __future__ import annotations

import math
from dataclasses import dataclass

from ..profil import SKALA_BAWAAN, Kategori


BATAS_WAJAR = 1000.0
"""Capaian (%) di atas batas ini hampir pasti salah ketik atau salah satuan (target/realisasi): narasi
menyebutnya perlu diperiksa, bukan keberhasilan, dan audit memberi peringatan."""


def tak_wajar(capaian) -> bool:
    """Capaian melampaui :data:`BATAS_WAJAR` (kosong → False)."""
    return not _kosong(capaian) and float(capaian) > BATAS_WAJAR


@dataclass(frozen=True)
class HasilCapaian:
    """Capaian dalam persen, atau ``None`` dengan alasan mengapa tidak dapat dihitung."""

    nilai: float | None
    alasan: str = ""


def _kosong(x) -> bool:
    return x is None or (isinstance(x, float) and math.isnan(x))


def _satuan_dasar(s: str | None) -> str:
    s = (s or "").strip().lower()
    return "%" if s in ("%", "persen") else s


def hitung_capaian(target, realisasi, polaritas: str = "positif", rumus_negatif: str = "2T-R",
                   batas: float | None = None, satuan_target: str = "",
                   satuan_realisasi: str = "") -> HasilCapaian:
    """Hitung capaian (%) dari target dan realisasi.

    - positif: R / T × 100
    - negatif, ``2T-R``: (2T − R) / T × 100, paling rendah 0; ``T/R``: T / R × 100
    - target 0, target atau realisasi kosong: tidak dapat dihitung (bukan 0, bukan galat)
    - ``batas``: capaian di atas batas dihitung sama dengan batas (mis. 100)
    - satuan target dan realisasi harus sama (persen dibandingkan dengan persen)
    """
    if _kosong(target):
        return HasilCapaian(None, "target tidak tersedia")
    if _kosong(realisasi):
        return HasilCapaian(None, "realisasi belum tersedia")
    st, sr = _satuan_dasar(satuan_target), _satuan_dasar(satuan_realisasi)
    if st and sr and st != sr:
        return HasilCapaian(None, f"satuan target ({st}) dan realisasi ({sr}) berbeda")
    t, r = float(target), float(realisasi)
    if t == 0:
        return HasilCapaian(None, "target 0: capaian tidak dapat dihitung")
    if polaritas == "negatif":
        if rumus_negatif == "T/R":
            if r == 0:
                return HasilCapaian(None, "realisasi 0 pada rumus T/R: tidak dapat dihitung")
            c = t / r * 100
        else:
            c = max(0.0, (2 * t - r) / t * 100)
    else:
        c = r / t * 100
    if not math.isfinite(c):  # mis. target 1e-320: hasil bagi melampaui float
        return HasilCapaian(None, "target terlalu kecil terhadap realisasi: capaian tidak dapat dihitung")
    if batas is not None:
        c = min(c, float(batas))
    return HasilCapaian(c)


def kategori(capaian, skala: tuple[Kategori, ...] = SKALA_BAWAAN) -> tuple[str, str]:
    """(kategori kinerja, kategori efektivitas) menurut skala berbatas bawah; '-' bila kosong."""
    if _kosong(capaian):
        return ("-", "-")
    for k in skala:
        if capaian >= k.batas:
            return (k.kinerja, k.efektivitas)
    return (skala[-1].kinerja, skala[-1].efektivitas)


def arah(selisih, toleransi: float = 1e-9) -> str:
    """'Naik', 'Turun' atau 'Tetap' untuk sebuah selisih; '-' bila kosong."""
    if _kosong(selisih):
        return "-"
    if selisih > toleransi:
        return "Naik"
    if selisih < -toleransi:
        return "Turun"
    return "Tetap"
