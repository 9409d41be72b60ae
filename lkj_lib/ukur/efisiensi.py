"""Efisiensi penggunaan sumber daya (docs/perhitungan.md §4) dengan metode pengaturan SKPD.

- ``rasio``: capaian / serapan; efisien bila ≥ 1
- ``selisih``: capaian − serapan; efisien bila ≥ 0
- ``sisa_anggaran``: 100 − serapan, dihitung hanya bila capaian ≥ 100; efisien bila ≥ 0
Rata-rata output = rata-rata capaian indikator sub kegiatan, outcome = indikator program;
efisiensinya memakai serapan total.
"""

from __future__ import annotations

import math

import pandas as pd

from ..masukan import DataSKPD
from .anggaran import anggaran_per_sasaran, tabel_anggaran, total_anggaran
from .capaian import kategori
from .iku import rata_capaian, tabel_iku
from .renja import tabel_capaian_renja

EFISIEN, TIDAK_EFISIEN = "Efisien", "Tidak Efisien"


def _nan(x) -> bool:
    return x is None or (isinstance(x, float) and math.isnan(x))


def hitung_efisiensi(capaian, serapan, metode: str) -> tuple[float, str]:
    """(nilai efisiensi, simpulan). Simpulan '-' bila tidak dapat dihitung."""
    if _nan(capaian) or _nan(serapan):
        return float("nan"), "-"
    if metode == "rasio":
        if serapan == 0:
            return float("nan"), "-"
        v = capaian / serapan
        return v, EFISIEN if v >= 1 else TIDAK_EFISIEN
    if metode == "selisih":
        v = capaian - serapan
        return v, EFISIEN if v >= 0 else TIDAK_EFISIEN
    if metode == "sisa_anggaran":
        if capaian < 100:
            return float("nan"), TIDAK_EFISIEN
        v = 100 - serapan
        return v, EFISIEN if v >= 0 else TIDAK_EFISIEN
    raise ValueError(f"metode efisiensi tidak dikenal: {metode}")


def tabel_efisiensi_renja(data: DataSKPD, anggaran: pd.DataFrame | None = None) -> pd.DataFrame:
    """Capaian indikator Renja, serapan node anggarannya, efisiensi dan simpulan."""
    metode = data.profil.pengaturan.metode_efisiensi
    anggaran = tabel_anggaran(data) if anggaran is None else anggaran
    ser = anggaran.set_index("kode")
    cr = tabel_capaian_renja(data)
    if cr.empty:
        return cr
    cr["pagu"] = [ser.at[k, "pagu"] if k in ser.index else float("nan") for k in cr["kode_anggaran"]]
    cr["realisasi_anggaran"] = [ser.at[k, "realisasi"] if k in ser.index else float("nan")
                                for k in cr["kode_anggaran"]]
    cr["serapan"] = [ser.at[k, "serapan"] if k in ser.index else float("nan") for k in cr["kode_anggaran"]]
    hasil = [hitung_efisiensi(c, s, metode) for c, s in zip(cr["capaian"], cr["serapan"])]
    cr["efisiensi"] = [h[0] for h in hasil]
    cr["simpulan_efisiensi"] = [h[1] for h in hasil]
    return cr


def ringkasan_efisiensi(data: DataSKPD, ef: pd.DataFrame | None = None,
                        anggaran: pd.DataFrame | None = None) -> pd.DataFrame:
    """Baris ringkasan: rata-rata output (sub kegiatan) dan outcome (program) terhadap serapan total."""
    st = data.profil.pengaturan
    anggaran = tabel_anggaran(data) if anggaran is None else anggaran
    ef = tabel_efisiensi_renja(data, anggaran) if ef is None else ef
    tot = total_anggaran(anggaran)
    rows = []
    for label, jenis in (("output", "sub_kegiatan"), ("outcome", "program")):
        sub = ef[ef["jenis"] == jenis] if not ef.empty else ef
        rata = rata_capaian(sub) if not sub.empty else float("nan")
        v, simp = hitung_efisiensi(rata, tot["serapan"], st.metode_efisiensi)
        rows.append({"ringkasan": label, "jenis": jenis, "jumlah_indikator": int(sub["capaian"].notna().sum())
                     if not sub.empty else 0, "rata_capaian": rata,
                     "efektivitas": kategori(None if _nan(rata) else rata, st.skala_kategori)[1],
                     "pagu": tot["pagu"], "realisasi_anggaran": tot["realisasi"], "serapan": tot["serapan"],
                     "efisiensi": v, "simpulan_efisiensi": simp})
    return pd.DataFrame(rows)


def tabel_efisiensi_iku(data: DataSKPD, anggaran: pd.DataFrame | None = None) -> pd.DataFrame:
    """Efisiensi IKU: capaian IKU terhadap serapan anggaran sasarannya (program yang dipetakan)."""
    st = data.profil.pengaturan
    anggaran = tabel_anggaran(data) if anggaran is None else anggaran
    per_sas = anggaran_per_sasaran(data, anggaran).set_index("kode_sasaran")
    tot = total_anggaran(anggaran)
    iku = tabel_iku(data, level="sasaran")
    rows = []
    for r in iku.itertuples(index=False):
        if r.kode_induk in per_sas.index and not _nan(per_sas.at[r.kode_induk, "serapan"]):
            s = per_sas.loc[r.kode_induk]
            pagu, real, ser = s["pagu"], s["realisasi"], s["serapan"]
        else:
            pagu, real, ser = tot["pagu"], tot["realisasi"], tot["serapan"]
        v, simp = hitung_efisiensi(r.capaian, ser, st.metode_efisiensi)
        rows.append({"kode_indikator": r.kode_indikator, "kode_sasaran": r.kode_induk, "sasaran": r.induk,
                     "indikator": r.indikator, "target": r.target, "target_op": r.target_op,
                     "realisasi": r.realisasi, "penanda": r.penanda, "capaian": r.capaian,
                     "efektivitas": r.efektivitas, "pagu": pagu, "realisasi_anggaran": real,
                     "serapan": ser, "efisiensi": v, "simpulan_efisiensi": simp})
    return pd.DataFrame(rows)
