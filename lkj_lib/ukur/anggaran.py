"""Realisasi anggaran: roll-up program ⊇ kegiatan ⊇ sub kegiatan dari daun (docs/perhitungan.md §3).

Kolom ``tabel_anggaran``: kode, jenis, kedalaman, nama, pagu_murni, pagu, realisasi, serapan,
kategori_serapan, pagu_murni_input, pagu_input, realisasi_input, jumlah_anak, _baris.
``pagu`` = pagu setelah perubahan (DPPA) bila diisi, selain itu pagu murni (DPA).
Nilai ``*_input`` adalah angka induk sebagaimana tertulis di masukan (untuk audit); angka yang
dipakai selalu jumlah dari anak.
"""

from __future__ import annotations

import math

import pandas as pd

from ..masukan import DataSKPD
from ..masukan.validasi import lengkapi_renja
from .capaian import kategori

_KEDALAMAN = {"program": 0, "kegiatan": 1, "sub_kegiatan": 2}


def _pct(a, b) -> float:
    if b is None or a is None or math.isnan(b) or math.isnan(a) or b == 0:
        return float("nan")
    return a / b * 100


def urutan_renja(renja: pd.DataFrame) -> list[str]:
    """Kode dalam urutan tampil depth-first: program, kegiatannya, sub kegiatannya, ..."""
    renja = lengkapi_renja(renja)
    renja = renja.assign(_pos=range(len(renja)),
                         _u=renja["urutan"].astype("Float64").fillna(10_000).astype(float))
    anak: dict = {}
    for r in renja.sort_values(["_u", "_pos"]).itertuples():
        anak.setdefault(r.kode_induk, []).append(r.kode)
    hasil: list[str] = []

    def jalan(k):
        for c in anak.get(k, []):
            hasil.append(c)
            jalan(c)

    jalan(None)
    return hasil


def anak_renja(renja: pd.DataFrame) -> dict[str, list[str]]:
    """kode induk → kode anak-anaknya (renja sudah dilengkapi kode_induk)."""
    anak: dict[str, list[str]] = {}
    for k, ki in zip(renja["kode"], renja["kode_induk"]):
        if ki is not None:
            anak.setdefault(ki, []).append(k)
    return anak


def jumlah_dari_daun(renja: pd.DataFrame, nilai_daun) -> dict[str, tuple]:
    """Roll-up: setiap node = jumlah anak-anaknya (kosong bila semua kosong); node tanpa anak
    (sub kegiatan, atau kegiatan pada struktur tanpa sub kegiatan) memakai ``nilai_daun(baris)``."""
    by = renja.set_index("kode")
    anak = anak_renja(renja)
    memo: dict[str, tuple] = {}

    def nilai(kode: str) -> tuple:
        if kode in memo:
            return memo[kode]
        if kode in anak:
            vals = [nilai(c) for c in anak[kode]]
            res = tuple(float(pd.Series([v[i] for v in vals]).sum(min_count=1)) for i in range(len(vals[0])))
        else:
            res = tuple(nilai_daun(by.loc[kode]))
        memo[kode] = res
        return res

    for kode in renja["kode"]:
        nilai(kode)
    return memo


def _daun_anggaran(r) -> tuple[float, float, float]:
    murni = r["pagu_murni"]
    pagu = r["pagu_perubahan"] if not pd.isna(r["pagu_perubahan"]) else murni
    return (murni, pagu, r["realisasi_anggaran"])


def tabel_anggaran(data: DataSKPD) -> pd.DataFrame:
    renja = lengkapi_renja(data["renja"])
    st = data.profil.pengaturan
    by = renja.set_index("kode")
    anak = anak_renja(renja)
    jumlah = jumlah_dari_daun(renja, _daun_anggaran)
    rows = []
    for kode in urutan_renja(renja):
        r = by.loc[kode]
        murni, pagu, real = jumlah[kode]
        pagu_in = r["pagu_perubahan"] if not pd.isna(r["pagu_perubahan"]) else r["pagu_murni"]
        ser = _pct(real, pagu)
        rows.append({
            "kode": kode, "jenis": r["jenis"], "kedalaman": _KEDALAMAN.get(r["jenis"], 0),
            "nama": r["nama"], "pagu_murni": murni, "pagu": pagu, "realisasi": real, "serapan": ser,
            "kategori_serapan": kategori(ser if not math.isnan(ser) else None, st.skala_kategori)[0],
            "pagu_murni_input": r["pagu_murni"], "pagu_input": pagu_in,
            "realisasi_input": r["realisasi_anggaran"], "jumlah_anak": len(anak.get(kode, [])),
            "_baris": r["_baris"],
        })
    return pd.DataFrame(rows)


def total_anggaran(tab: pd.DataFrame) -> dict:
    """Jumlah seluruh program: pagu murni, pagu, realisasi, serapan."""
    prog = tab[tab["jenis"] == "program"]
    murni = float(prog["pagu_murni"].sum(min_count=1))
    pagu = float(prog["pagu"].sum(min_count=1))
    real = float(prog["realisasi"].sum(min_count=1))
    return {"pagu_murni": murni, "pagu": pagu, "realisasi": real, "serapan": _pct(real, pagu),
            "sisa": pagu - real}


def anggaran_per_sasaran(data: DataSKPD, tab: pd.DataFrame | None = None) -> pd.DataFrame:
    """Anggaran per sasaran strategis = jumlah program yang dipetakan ke sasaran itu."""
    tab = tabel_anggaran(data) if tab is None else tab
    st = data.profil.pengaturan
    peta = data["sasaran_program"]
    prog = tab[tab["jenis"] == "program"].set_index("kode")
    rows = []
    for s in data["sasaran"].itertuples(index=False):
        kode_prog = [k for k in peta.loc[peta["kode_sasaran"] == s.kode_sasaran, "kode_program"] if k in prog.index]
        sub = prog.loc[kode_prog]
        pagu = float(sub["pagu"].sum(min_count=1)) if kode_prog else float("nan")
        real = float(sub["realisasi"].sum(min_count=1)) if kode_prog else float("nan")
        ser = _pct(real, pagu)
        rows.append({
            "kode_sasaran": s.kode_sasaran, "sasaran": s.sasaran, "program": ", ".join(kode_prog),
            "pagu_murni": float(sub["pagu_murni"].sum(min_count=1)) if kode_prog else float("nan"),
            "pagu": pagu, "realisasi": real, "serapan": ser,
            "kategori_serapan": kategori(None if math.isnan(ser) else ser, st.skala_kategori)[0],
        })
    return pd.DataFrame(rows)
