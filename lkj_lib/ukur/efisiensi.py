"""Efisiensi penggunaan sumber daya (docs/perhitungan.md §4) dengan metode pengaturan SKPD.

- ``rasio``: capaian / serapan; efisien bila ≥ 1
- ``selisih``: capaian − serapan; efisien bila ≥ 0
- ``sisa_anggaran``: 100 − serapan, dihitung hanya bila capaian ≥ 100; efisien bila ≥ 0
Rata-rata output = rata-rata capaian indikator sub kegiatan (kegiatan pada struktur tanpa sub
kegiatan), outcome = indikator program;
efisiensinya memakai serapan total.
"""

from __future__ import annotations

import math

import pandas as pd

from ..errors import NilaiError
from ..masukan import DataSKPD
from .anggaran import anggaran_per_sasaran, tabel_anggaran, total_anggaran
from .capaian import kategori
from .iku import rata_capaian, tabel_iku
from .renja import tabel_capaian_renja

EFISIEN, TIDAK_EFISIEN = "Efisien", "Tidak Efisien"
ALASAN_TANPA_PROGRAM = "sasaran ini tidak dipetakan ke program (lembar sasaran_program)"
KOLOM_EFISIENSI_IKU = ["kode_indikator", "kode_sasaran", "sasaran", "indikator", "target", "target_op", "realisasi",
                       "penanda", "capaian", "efektivitas", "pagu", "realisasi_anggaran", "serapan", "efisiensi",
                       "simpulan_efisiensi", "alasan_efisiensi"]


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
    raise NilaiError(f"metode efisiensi tidak dikenal: {metode}")


def tabel_efisiensi_renja(data: DataSKPD, anggaran: pd.DataFrame | None = None,
                          capaian_renja: pd.DataFrame | None = None) -> pd.DataFrame:
    """Capaian indikator Renja, serapan node anggarannya, efisiensi dan simpulan. ``capaian_renja``:
    hasil :func:`tabel_capaian_renja` yang sudah dihitung (disalin, tidak diubah)."""
    metode = data.profil.pengaturan.metode_efisiensi
    anggaran = tabel_anggaran(data) if anggaran is None else anggaran
    ser = anggaran.set_index("kode")
    cr = tabel_capaian_renja(data) if capaian_renja is None else capaian_renja.copy()
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
    """Baris ringkasan: rata-rata output (sub kegiatan, atau kegiatan bila tidak ada sub kegiatan) dan
    outcome (program) terhadap serapan total."""
    st = data.profil.pengaturan
    anggaran = tabel_anggaran(data) if anggaran is None else anggaran
    ef = tabel_efisiensi_renja(data, anggaran) if ef is None else ef
    tot = total_anggaran(anggaran)
    rows = []
    # output = indikator tingkat terbawah yang ada (sub kegiatan; kegiatan pada struktur tanpa sub kegiatan)
    jenis_output = "kegiatan" if not ef.empty and not (ef["jenis"] == "sub_kegiatan").any() else "sub_kegiatan"
    for label, jenis in (("output", jenis_output), ("outcome", "program")):
        sub = ef[ef["jenis"] == jenis] if not ef.empty else ef
        rata = rata_capaian(sub) if not sub.empty else float("nan")
        v, simp = hitung_efisiensi(rata, tot["serapan"], st.metode_efisiensi)
        rows.append({"ringkasan": label, "jenis": jenis, "jumlah_indikator": int(sub["capaian"].notna().sum())
                     if not sub.empty else 0, "rata_capaian": rata,
                     "efektivitas": kategori(None if _nan(rata) else rata, st.skala_kategori)[1],
                     "pagu": tot["pagu"], "realisasi_anggaran": tot["realisasi"], "serapan": tot["serapan"],
                     "efisiensi": v, "simpulan_efisiensi": simp})
    return pd.DataFrame(rows)


def tabel_efisiensi_iku(data: DataSKPD, anggaran: pd.DataFrame | None = None,
                        iku: pd.DataFrame | None = None) -> pd.DataFrame:
    """Efisiensi IKU: capaian IKU terhadap serapan anggaran sasarannya (program yang dipetakan).
    ``iku``: tabel IKU sasaran tahun laporan yang sudah dihitung (``HasilKinerja.iku``)."""
    st = data.profil.pengaturan
    anggaran = tabel_anggaran(data) if anggaran is None else anggaran
    per_sas = anggaran_per_sasaran(data, anggaran).set_index("kode_sasaran")
    iku = tabel_iku(data, level="sasaran") if iku is None else iku
    rows = []
    for r in iku.itertuples(index=False):
        alasan = ""
        if r.kode_induk in per_sas.index and per_sas.at[r.kode_induk, "program"]:
            s = per_sas.loc[r.kode_induk]
            pagu, real, ser = s["pagu"], s["realisasi"], s["serapan"]
            if _nan(ser):
                alasan = "serapan anggaran program pendukung sasaran ini tidak dapat dihitung"
        else:  # anggaran sasaran lain tidak dipinjam: tanpa anggaran, tanpa efisiensi
            pagu = real = ser = float("nan")
            alasan = ALASAN_TANPA_PROGRAM
        v, simp = hitung_efisiensi(r.capaian, ser, st.metode_efisiensi)
        if not alasan and simp == "-":
            alasan = "capaian tidak dapat dihitung" if _nan(r.capaian) else "serapan 0%"
        rows.append({"kode_indikator": r.kode_indikator, "kode_sasaran": r.kode_induk, "sasaran": r.induk,
                     "indikator": r.indikator, "target": r.target, "target_op": r.target_op,
                     "realisasi": r.realisasi, "penanda": r.penanda, "capaian": r.capaian,
                     "efektivitas": r.efektivitas, "pagu": pagu, "realisasi_anggaran": real,
                     "serapan": ser, "efisiensi": v, "simpulan_efisiensi": simp, "alasan_efisiensi": alasan})
    return pd.DataFrame(rows, columns=KOLOM_EFISIENSI_IKU)
