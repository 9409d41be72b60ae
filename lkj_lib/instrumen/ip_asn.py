"""Indeks Profesionalitas ASN (PermenPAN-RB 38/2018, Peraturan BKN 8/2019; spesifikasi §10).

``total = kualifikasi (maks 25) + kompetensi (maks 40) + kinerja (maks 30) + disiplin (maks 5)``.
Kategori: ≥ 91 Sangat Tinggi; ≥ 81 Tinggi; ≥ 71 Sedang; ≥ 61 Rendah; selain itu Sangat Rendah.
"""

from __future__ import annotations

import math

import pandas as pd

from ..errors import LkjError

DIMENSI: tuple[tuple[str, float], ...] = (
    ("kualifikasi", 25.0), ("kompetensi", 40.0), ("kinerja", 30.0), ("disiplin", 5.0),
)
KATEGORI_IP_ASN: tuple[tuple[float, str], ...] = (
    (91.0, "Sangat Tinggi"), (81.0, "Tinggi"), (71.0, "Sedang"), (61.0, "Rendah"),
)
_TOL = 1e-9


def _kosong(x) -> bool:
    return x is None or x is pd.NA or (isinstance(x, float) and math.isnan(x))


def kategori_ip_asn(nilai: float | None) -> str:
    """Kategori IP ASN berbatas bawah; '-' bila kosong."""
    if _kosong(nilai):
        return "-"
    for batas, label in KATEGORI_IP_ASN:
        if nilai >= batas - _TOL:
            return label
    return "Sangat Rendah"


def _masalah_baris(r: dict) -> str:
    out = []
    for d, maks in DIMENSI:
        v = r.get(d)
        if _kosong(v):
            out.append(f"{d} kosong")
        elif v < 0:
            out.append(f"{d} {v:g} negatif")
        elif v > maks + _TOL:
            out.append(f"{d} {v:g} melebihi maksimum {maks:g}")
    return "; ".join(out)


def hitung_ip_asn(df: pd.DataFrame) -> pd.DataFrame:
    """Total, kategori, peringkat dan perbandingan dengan daerah sendiri untuk lembar ``ip_asn``.

    Kolom tambahan: ``total`` (NaN bila baris bermasalah), ``masalah`` (teks; '' bila sah),
    ``kategori``, ``peringkat`` (1 = tertinggi di antara baris sah pada tahun yang sama),
    ``total_sendiri`` (total baris ``sendiri == 'ya'`` tahun itu), ``selisih_sendiri`` dan
    ``selisih_<dimensi>`` (= nilai sendiri − nilai baris: positif berarti daerah sendiri lebih
    tinggi), ``sendiri_dibanding`` ('lebih tinggi' / 'lebih rendah' / 'sama'; '' pada baris
    sendiri atau bila tidak ada pembanding sah).
    """
    hilang = [d for d, _ in DIMENSI if d not in df.columns] + [k for k in ("tahun", "wilayah")
                                                             if k not in df.columns]
    if hilang:
        raise LkjError("lembar ip_asn tidak memiliki kolom " + ", ".join(hilang))
    out = df.copy()
    if "sendiri" not in out.columns:
        out["sendiri"] = None
    rec = out.to_dict("records")
    out["masalah"] = [_masalah_baris(r) for r in rec]
    sah = out["masalah"] == ""
    jumlah = sum(out[d].astype("float64") for d, _ in DIMENSI)
    out["total"] = jumlah.where(sah, math.nan).astype("float64")
    out["kategori"] = [kategori_ip_asn(t) for t in out["total"]]
    out["peringkat"] = (out.groupby("tahun")["total"].rank(method="min", ascending=False)
                        .astype("Int64"))
    sendiri = out["sendiri"].fillna("").astype(str).str.strip().str.lower() == "ya"
    kol_banding = ["total", *(d for d, _ in DIMENSI)]
    acuan: dict = {}
    for th, sub in out[sendiri & sah].groupby("tahun"):
        if len(sub) > 1:
            raise LkjError(f"lembar ip_asn: lebih dari satu baris sendiri = 'ya' pada tahun {th}")
        acuan[th] = sub.iloc[0]
    out["total_sendiri"] = [acuan[t]["total"] if t in acuan else math.nan for t in out["tahun"]]
    for k in kol_banding:
        nama = "selisih_sendiri" if k == "total" else f"selisih_{k}"
        out[nama] = [float(acuan[t][k]) - float(v) if t in acuan and ok else math.nan
                     for t, v, ok in zip(out["tahun"], out[k], sah)]

    def banding(s, is_sendiri):
        if is_sendiri or _kosong(s):
            return ""
        return "lebih tinggi" if s > _TOL else ("lebih rendah" if s < -_TOL else "sama")

    out["sendiri_dibanding"] = [banding(s, i) for s, i in zip(out["selisih_sendiri"], sendiri)]
    return out
