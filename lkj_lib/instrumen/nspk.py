"""Indeks Implementasi NSPK Manajemen ASN (BKN, 18 elemen; spesifikasi §9).

Indeksnya diterbitkan BKN dan tidak dapat dihitung dari status elemen; modul ini memberi
predikat/kategori suatu nilai dan ringkasan elemen sesuai / belum sesuai.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import pandas as pd

from ..errors import LkjError

# (batas bawah eksklusif, predikat, kategori): A > 80; B > 60; C > 40; D > 20; E 0–20
KATEGORI_NSPK: tuple[tuple[float, str, str], ...] = (
    (80.0, "A", "Sangat Baik"),
    (60.0, "B", "Baik"),
    (40.0, "C", "Cukup"),
    (20.0, "D", "Kurang"),
)
_TOL = 1e-9


def kategori_nspk(nilai: float | None) -> tuple[str, str]:
    """(predikat, kategori): A 80,01–100 Sangat Baik; B 60,01–80 Baik; C 40,01–60 Cukup;
    D 20,01–40 Kurang; E 0–20 Buruk. Batas bawah eksklusif: 80 → B, 80,01 → A, 20 → E.
    ('-', '-') bila kosong."""
    if nilai is None or nilai is pd.NA or (isinstance(nilai, float) and math.isnan(nilai)):
        return ("-", "-")
    for batas, pred, kat in KATEGORI_NSPK:
        if nilai > batas + _TOL:
            return pred, kat
    return "E", "Buruk"


@dataclass(frozen=True)
class RingkasanNSPK:
    """Ringkasan elemen NSPK satu tahun."""

    tahun: int
    n_elemen: int
    sesuai: int
    belum_sesuai: int
    elemen: pd.DataFrame = field(repr=False)
    daftar_belum_sesuai: pd.DataFrame = field(repr=False)

    @property
    def persen_sesuai(self) -> float:
        """Porsi elemen sesuai (informasi saja; BUKAN indeks NSPK)."""
        return self.sesuai / self.n_elemen * 100 if self.n_elemen else math.nan

    def as_dict(self) -> dict:
        def t(x):
            return x if isinstance(x, str) else ""

        return {"tahun": self.tahun, "n_elemen": self.n_elemen, "sesuai": self.sesuai,
                "belum_sesuai": self.belum_sesuai,
                "daftar_belum_sesuai": [{"no": int(r.no), "elemen": r.elemen, "catatan": t(r.catatan),
                                         "rekomendasi": t(r.rekomendasi)}
                                        for r in self.daftar_belum_sesuai.itertuples(index=False)]}


def ringkas_nspk(df: pd.DataFrame, tahun: int) -> RingkasanNSPK:
    """Hitung elemen sesuai / belum_sesuai pada ``tahun`` dan daftar yang belum sesuai
    (no, elemen, catatan, rekomendasi). Naikkan :class:`LkjError` bila status tidak dikenal
    atau nomor elemen ganda."""
    for k in ("tahun", "no", "elemen", "status"):
        if k not in df.columns:
            raise LkjError(f"lembar nspk tidak memiliki kolom '{k}'")
    d = df[df["tahun"] == tahun].copy()
    for k in ("catatan", "rekomendasi"):
        if k not in d.columns:
            d[k] = ""
    nomor = d["_baris"].tolist() if "_baris" in d.columns else list(range(2, len(d) + 2))
    galat = [f"baris {b}: status {s!r}" for b, s in zip(nomor, d["status"])
             if s not in ("sesuai", "belum_sesuai")]
    ganda = sorted({int(x) for x in d["no"][d["no"].duplicated()]})
    if ganda:
        galat.append("nomor elemen ganda: " + ", ".join(map(str, ganda)))
    if galat:
        raise LkjError("lembar nspk tidak sah (status harus sesuai/belum_sesuai): " + "; ".join(galat))
    d = d.sort_values("no", kind="stable")
    kol = ["no", "elemen", "status", "catatan", "rekomendasi"]
    elemen = d[kol].reset_index(drop=True)
    belum = elemen[elemen["status"] == "belum_sesuai"][["no", "elemen", "catatan", "rekomendasi"]]
    n_sesuai = int((elemen["status"] == "sesuai").sum())
    return RingkasanNSPK(tahun=int(tahun), n_elemen=len(elemen), sesuai=n_sesuai,
                         belum_sesuai=len(elemen) - n_sesuai, elemen=elemen,
                         daftar_belum_sesuai=belum.reset_index(drop=True))
