"""Penilaian Sistem Merit KASN (spesifikasi §8).

Per indikator: ``nilai mandiri = bobot × skor`` dan ``nilai verifikasi = bobot × nilai_verifikasi``;
dijumlah per aspek (8 aspek) dan keseluruhan. Kategori menurut total:
100–174 I Buruk; 175–249 II Kurang; 250–324 III Baik; 325–400 IV Sangat Baik (di bawah 100
tetap I Buruk). Indeks 0–1 = total / pembagi (bawaan 400; pengaturan ``indeks_merit_pembagi``).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import pandas as pd

from ..errors import LkjError

KATEGORI_MERIT: tuple[tuple[float, str, str], ...] = (
    (325.0, "IV", "Sangat Baik"),
    (250.0, "III", "Baik"),
    (175.0, "II", "Kurang"),
    (-math.inf, "I", "Buruk"),
)
SKOR_MAKS = 4.0
_WAJIB = ("no_aspek", "aspek", "no_indikator", "bobot", "skor")
_TOL = 1e-9


def _kosong(x) -> bool:
    return x is None or x is pd.NA or (isinstance(x, float) and math.isnan(x))


def kategori_merit(total: float | None) -> tuple[str, str]:
    """(romawi, label) untuk total nilai Sistem Merit; ('-', '-') bila kosong."""
    if _kosong(total):
        return ("-", "-")
    for batas, romawi, label in KATEGORI_MERIT:
        if total >= batas - _TOL:
            return romawi, label
    return KATEGORI_MERIT[-1][1], KATEGORI_MERIT[-1][2]


def teks_kategori_merit(total: float | None) -> str:
    """Mis. 'III Baik'; '-' bila kosong."""
    r, lbl = kategori_merit(total)
    return "-" if r == "-" else f"{r} {lbl}"


def _arah(selisih: float) -> str:
    if selisih > _TOL:
        return "Naik"
    if selisih < -_TOL:
        return "Turun"
    return "Tetap"


@dataclass(frozen=True)
class HasilMerit:
    """Total Sistem Merit (mandiri dan verifikasi), per aspek dan per indikator; tanpa pembulatan."""

    indikator: pd.DataFrame = field(repr=False)
    aspek: pd.DataFrame = field(repr=False)
    total_mandiri: float
    total_verifikasi: float | None
    kategori_mandiri: str
    kategori_verifikasi: str | None
    indeks_mandiri: float
    indeks_verifikasi: float | None
    pembagi: float = 400.0
    perbandingan: dict | None = None
    masalah: list[str] = field(default_factory=list)

    def as_dict(self) -> dict:
        """Bentuk JSON (angka tanpa pembulatan; NaN → None)."""
        def f(x):
            return None if _kosong(x) else float(x)

        return {
            "total_mandiri": self.total_mandiri, "total_verifikasi": self.total_verifikasi,
            "kategori_mandiri": self.kategori_mandiri, "kategori_verifikasi": self.kategori_verifikasi,
            "indeks_mandiri": self.indeks_mandiri, "indeks_verifikasi": self.indeks_verifikasi,
            "pembagi": self.pembagi,
            "aspek": [{"no_aspek": int(r.no_aspek), "aspek": r.aspek, "n_indikator": int(r.n_indikator),
                       "mandiri": f(r.mandiri), "verifikasi": f(r.verifikasi), "maks": f(r.maks)}
                      for r in self.aspek.itertuples(index=False)],
            "perbandingan": self.perbandingan, "masalah": list(self.masalah),
        }


def _nomor(df: pd.DataFrame) -> list[int]:
    return df["_baris"].tolist() if "_baris" in df.columns else list(range(2, len(df) + 2))


def _periksa(df: pd.DataFrame) -> None:
    hilang = [k for k in _WAJIB if k not in df.columns]
    if hilang:
        raise LkjError("lembar sistem_merit tidak memiliki kolom " + ", ".join(hilang))
    if df.empty:
        raise LkjError("lembar sistem_merit kosong: tidak ada indikator yang dinilai")
    if "tahun" in df.columns:
        th = sorted({int(t) for t in df["tahun"] if not _kosong(t)})
        if len(th) > 1:
            raise LkjError("lembar sistem_merit memuat lebih dari satu tahun (" + ", ".join(map(str, th))
                           + "); saring satu tahun sebelum menghitung")
    galat = []
    for nomor, r in zip(_nomor(df), df.to_dict("records")):
        for k in ("no_aspek", "no_indikator", "bobot", "skor"):
            if _kosong(r[k]):
                galat.append(f"baris {nomor}: '{k}' kosong")
        if not _kosong(r["bobot"]) and r["bobot"] < 0:
            galat.append(f"baris {nomor}: bobot negatif ({r['bobot']:g})")
        for k in ("skor", "nilai_verifikasi"):
            v = r.get(k)
            if not _kosong(v) and not 0 <= v <= SKOR_MAKS:
                galat.append(f"baris {nomor}: {k} {v:g} di luar 0-4")
    kunci = df[["no_aspek", "no_indikator"]].astype(str).fillna("").agg("/".join, axis=1)  # pandas 3: NaN tetap NaN
    ganda = sorted(set(kunci[kunci.duplicated()]))
    if ganda:
        galat.append("indikator ganda (no_aspek/no_indikator): " + ", ".join(ganda))
    if galat:
        raise LkjError("lembar sistem_merit tidak sah: " + "; ".join(galat))


def _bandingkan(tahun_lalu: dict, mandiri: float, verifikasi: float | None) -> dict:
    out = {}
    for nama, kini in (("mandiri", mandiri), ("verifikasi", verifikasi)):
        lalu = tahun_lalu.get(nama, tahun_lalu.get(f"total_{nama}"))
        if _kosong(lalu) or _kosong(kini):
            continue
        lalu = float(lalu)
        out[nama] = {"tahun_lalu": lalu, "tahun_ini": kini, "selisih": kini - lalu,
                     "arah": _arah(kini - lalu), "kategori_tahun_lalu": teks_kategori_merit(lalu)}
    return out


def hitung_merit(df: pd.DataFrame, pembagi: float = 400.0, tahun_lalu: dict | None = None) -> HasilMerit:
    """Hitung nilai Sistem Merit dari lembar ``sistem_merit`` (satu tahun).

    ``tahun_lalu``: mis. ``{"mandiri": 250, "verifikasi": 148.5}`` (kunci ``total_mandiri`` /
    ``total_verifikasi`` juga diterima) → ``perbandingan`` berisi selisih dan Naik/Turun/Tetap.
    ``total_verifikasi`` None bila ada indikator tanpa ``nilai_verifikasi`` (dicatat di ``masalah``).
    """
    _periksa(df)
    if not pembagi or pembagi <= 0:
        raise LkjError(f"pembagi indeks Sistem Merit harus positif, bukan {pembagi!r}")
    d = df.copy()
    if "nilai_verifikasi" not in d.columns:
        d["nilai_verifikasi"] = math.nan
    if "indikator" not in d.columns:
        d["indikator"] = ""
    d["no_aspek"] = d["no_aspek"].astype(int)
    d["no_indikator"] = d["no_indikator"].astype(int)
    d["bobot"] = d["bobot"].astype("float64")
    d["nilai_mandiri"] = d["bobot"] * d["skor"].astype("float64")
    d["nilai_verifikasi_akhir"] = d["bobot"] * d["nilai_verifikasi"].astype("float64")
    d = d.sort_values(["no_aspek", "no_indikator"], kind="stable")

    masalah: list[str] = []
    nama_aspek = {}
    for no, sub in d.groupby("no_aspek", sort=True):
        nama = [str(a).strip() for a in sub["aspek"] if isinstance(a, str) and a.strip()]
        nama_aspek[no] = nama[0] if nama else f"Aspek {no}"
        if len(set(nama)) > 1:
            masalah.append(f"aspek {no} bernama ganda: " + " / ".join(sorted(set(nama))))
    rows = []
    for no, sub in d.groupby("no_aspek", sort=True):
        lengkap = sub["nilai_verifikasi"].notna().all()
        rows.append({"no_aspek": int(no), "aspek": nama_aspek[no], "n_indikator": len(sub),
                     "bobot": float(sub["bobot"].sum()), "maks": float(sub["bobot"].sum() * SKOR_MAKS),
                     "mandiri": float(sub["nilai_mandiri"].sum()),
                     "verifikasi": float(sub["nilai_verifikasi_akhir"].sum()) if lengkap else math.nan})
    aspek = pd.DataFrame(rows)
    total_m = float(d["nilai_mandiri"].sum())
    n_kosong = int(d["nilai_verifikasi"].isna().sum())
    if n_kosong == 0:
        total_v = float(d["nilai_verifikasi_akhir"].sum())
    else:
        total_v = None
        if n_kosong < len(d):
            kos = d[d["nilai_verifikasi"].isna()]
            masalah.append(f"{n_kosong} indikator belum punya nilai_verifikasi ("
                           + ", ".join(f"{a}.{i}" for a, i in zip(kos["no_aspek"], kos["no_indikator"]))
                           + "); total verifikasi tidak dihitung")
    indikator = d[["no_aspek", "aspek", "no_indikator", "indikator", "bobot", "skor", "nilai_verifikasi",
                   "nilai_mandiri", "nilai_verifikasi_akhir"]].reset_index(drop=True)
    return HasilMerit(
        indikator=indikator, aspek=aspek, total_mandiri=total_m, total_verifikasi=total_v,
        kategori_mandiri=teks_kategori_merit(total_m),
        kategori_verifikasi=teks_kategori_merit(total_v) if total_v is not None else None,
        indeks_mandiri=total_m / pembagi,
        indeks_verifikasi=total_v / pembagi if total_v is not None else None,
        pembagi=float(pembagi),
        perbandingan=_bandingkan(tahun_lalu, total_m, total_v) if tahun_lalu else None,
        masalah=masalah,
    )
