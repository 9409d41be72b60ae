"""Pemantauan triwulan (docs/perhitungan.md §6): target dan realisasi kumulatif, capaian per triwulan.

Kolom ``tabel_triwulan``: id, kode, jenis, nama, indikator, satuan, target, target_tw1..4,
realisasi_tw1..4, capaian_tw1..4, masalah (daftar teks), _baris.
"""

from __future__ import annotations

import pandas as pd

from ..masukan import DataSKPD
from .capaian import hitung_capaian
from .renja import tabel_capaian_renja

TW = (1, 2, 3, 4)
ROMAWI = {1: "I", 2: "II", 3: "III", 4: "IV"}


def _menurun(vals) -> list[int]:
    """Triwulan (2..4) di mana nilai kumulatif turun dibanding triwulan sebelumnya."""
    out, prev = [], None
    for i, v in zip(TW, vals):
        if pd.isna(v):
            continue
        if prev is not None and v < prev - 1e-9:
            out.append(i)
        prev = v
    return out


def tabel_triwulan(data: DataSKPD) -> pd.DataFrame:
    st = data.profil.pengaturan
    ir = data["indikator_renja"].copy()
    ir["id"] = ir["kode"].astype(str) + "#" + ir["urutan"].astype(str)
    by = ir.set_index("id")
    kolom_tw = [f"{a}_tw{i}" for a in ("target", "realisasi") for i in TW]
    punya = by[kolom_tw].notna().any(axis=1)
    cr = tabel_capaian_renja(data)
    rows = []
    for r in cr.itertuples(index=False):
        if r.id not in by.index or not punya.get(r.id, False):
            continue
        src = by.loc[r.id]
        tt = [src[f"target_tw{i}"] for i in TW]
        rr = [src[f"realisasi_tw{i}"] for i in TW]
        row = {"id": r.id, "kode": r.kode, "jenis": r.jenis, "nama": r.nama, "indikator": r.indikator,
               "satuan": r.satuan, "target": r.target, "realisasi": r.realisasi}
        masalah = []
        for i in TW:
            row[f"target_tw{i}"] = tt[i - 1]
            row[f"realisasi_tw{i}"] = rr[i - 1]
            c = hitung_capaian(tt[i - 1], rr[i - 1], r.polaritas, st.rumus_negatif, st.batas_capaian)
            row[f"capaian_tw{i}"] = c.nilai if c.nilai is not None else float("nan")
        for i in _menurun(tt):
            masalah.append(f"target kumulatif TW {ROMAWI[i]} lebih kecil dari TW {ROMAWI[i - 1]}")
        for i in _menurun(rr):
            masalah.append(f"realisasi kumulatif TW {ROMAWI[i]} lebih kecil dari TW {ROMAWI[i - 1]}")
        if not pd.isna(tt[3]) and not pd.isna(r.target) and abs(tt[3] - r.target) > 1e-9:
            masalah.append("target TW IV berbeda dengan target tahunan")
        if not pd.isna(rr[3]) and not pd.isna(src["realisasi"]) and abs(rr[3] - src["realisasi"]) > 1e-9:
            masalah.append("realisasi TW IV berbeda dengan realisasi tahunan")
        row["masalah"] = masalah
        row["_baris"] = src["_baris"]
        rows.append(row)
    return pd.DataFrame(rows)
