"""Dua bentuk isian triwulan: kumulatif (s.d. triwulan) dan per triwulan (dalam triwulan itu saja).

SIMKINERJA dan e-monev mencetak nilai *per triwulan*; Permendagri 86/2017 (formulir E.81/E.82)
memakai nilai *kumulatif*. Masukan menyatakan bentuknya (kolom ``bentuk_triwulan`` atau
``pengaturan.bentuk_triwulan``) dan pengukuran selalu memakai kedua pandangan: kumulatif untuk
capaian s.d. triwulan dan pemeriksaan (tidak menurun, TW IV = tahunan), per triwulan untuk kemajuan
dalam triwulan itu.
"""

from __future__ import annotations

import math

TW = (1, 2, 3, 4)
ROMAWI = {1: "I", 2: "II", 3: "III", 4: "IV"}
KUMULATIF, PER_TRIWULAN = "kumulatif", "per_triwulan"


def _kosong(v) -> bool:
    return v is None or (isinstance(v, float) and math.isnan(v))


def dua_bentuk(nilai, bentuk: str) -> tuple[list[float], list[float]]:
    """(per triwulan, kumulatif) dari empat isian triwulan dalam ``bentuk``.

    - kumulatif → per triwulan = selisih dengan triwulan terisi sebelumnya (TW I = nilainya).
    - per_triwulan → kumulatif = jumlah triwulan terisi s.d. triwulan itu.
    Triwulan kosong tetap kosong pada kedua pandangan.
    """
    nan = float("nan")
    vals = [nan if _kosong(v) else float(v) for v in nilai]
    per, kum = [], []
    sebelum = 0.0
    for v in vals:
        if math.isnan(v):
            per.append(nan)
            kum.append(nan)
            continue
        if bentuk == PER_TRIWULAN:
            sebelum += v
            per.append(v)
            kum.append(sebelum)
        else:
            per.append(v - sebelum)
            kum.append(v)
            sebelum = v
    return per, kum


def menurun(kum) -> list[int]:
    """Triwulan (2..4) di mana nilai kumulatif turun dibanding triwulan terisi sebelumnya."""
    out, prev = [], None
    for i, v in zip(TW, kum):
        if _kosong(v):
            continue
        if prev is not None and v < prev - 1e-9:
            out.append(i)
        prev = v
    return out
