"""Tren per IKU: setiap tahun yang tercatat (folder ini dan folder tahun-tahun sebelumnya) beserta target
akhir Renstra, dengan asal setiap nilai (kolom ``sumber``, juga di CSV tabel)."""

from __future__ import annotations

import math

import pandas as pd

from .. import fmt
from ..ukur.hasil import HasilKinerja
from .tabel import Kolom, TabelLaporan, dengan_penanda


def _ada(v) -> bool:
    return v is not None and not (isinstance(v, float) and math.isnan(v))


def catatan_sumber(df: pd.DataFrame) -> list[str]:
    """Catatan kaki: tahun mana yang diambil dari laporan tahun itu (folder lain)."""
    if df.empty or "sumber" not in df:
        return []
    s = df["sumber"].fillna("").astype(str)
    lalu = df[s.str.contains("/") & ~s.str.startswith("diketik")]  # label folder: '<akar>/<skpd>/<tahun>'
    if lalu.empty:
        return []
    per = lalu.drop_duplicates("tahun").sort_values("tahun")
    teks = ", ".join(f"{int(t)} dari {s}" for t, s in zip(per["tahun"], per["sumber"]))
    return [f"Nilai tahun sebelumnya diambil dari hasil hitung laporan tahun itu: {teks}."]


def tabel_tren(h: HasilKinerja, kode: str) -> TabelLaporan:
    """Target, realisasi dan capaian ``kode`` setiap tahun yang tercatat, ditutup target akhir Renstra.
    Tidak ditampilkan bila kurang dari dua tahun bernilai."""
    rw = h.riwayat
    df = rw[(rw["kode_indikator"] == kode) & (rw["target"].notna() | rw["realisasi"].notna())] if not rw.empty else rw
    ind = h.data["indikator"].set_index("kode_indikator")
    satuan = ind.at[kode, "satuan"] if kode in ind.index else ""
    satuan = satuan if isinstance(satuan, str) else ""
    rows = [] if df.empty or df["tahun"].nunique() < 2 else df.sort_values("tahun").to_dict("records")
    nama = ind.at[kode, "indikator"] if kode in ind.index else kode
    ta = ind.at[kode, "target_akhir"] if kode in ind.index else float("nan")
    if rows and _ada(ta):
        rows.append({"tahun": f"Target akhir Renstra ({h.profil.renstra_akhir})", "target": ta,
                     "desimal": rows[-1].get("desimal"), "sumber": "lembar indikator (target_akhir)", "_akhir": True})
    data = df.assign(satuan=satuan) if rows else df.iloc[0:0]
    return TabelLaporan(
        f"tren_{kode}", f"Tren {nama} dari Tahun ke Tahun", [
            Kolom("Tahun", lambda b: str(b["tahun"]) if b.get("_akhir") else str(int(b["tahun"])), "kiri"),
            Kolom("Target", lambda b: fmt.besaran(b.get("target"), satuan, b.get("target_op") or "",
                                                 tetap=b.get("desimal"))),
            Kolom("Realisasi", lambda b: "" if b.get("_akhir") else dengan_penanda(
                fmt.besaran(b.get("realisasi"), satuan, tetap=b.get("desimal")), b.get("penanda") or "")),
            Kolom("Capaian (%)", lambda b: "" if b.get("_akhir") else fmt.angka(b.get("capaian"))),
            Kolom("Sumber", lambda b: b.get("sumber") or "", "kiri"),
        ], rows, data, catatan=catatan_sumber(df), sumber="lkj_lib.ukur.iku.riwayat_iku")


__all__ = ["catatan_sumber", "tabel_tren"]
