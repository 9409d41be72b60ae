"""Audit riwayat: nilai tahun lalu yang diketik di folder ini terhadap hasil laporan tahun itu.

Bila folder ``<skpd>/<Y>`` ada di samping folder laporan N, laporan N memakai realisasi dan capaian Y
yang dihitung laporan Y (:mod:`lkj_lib.ukur.riwayat`). Baris riwayat yang diketik ulang di folder N
(lembar ``realisasi``, dan target ``perjanjian_kinerja`` tahun Y) yang berbeda dengan hasil laporan Y
menjadi temuan yang menyebut kedua berkas. Folder tahun lalu yang tidak sah menjadi temuan peringatan
(riwayat tahun itu lalu memakai nilai yang diketik).
"""

from __future__ import annotations

import math

from ..ukur.hasil import HasilKinerja
from ..ukur.riwayat import berkas_lembar, label_folder
from .temuan import Temuan

TOLERANSI = 0.005  # seperti realisasi instrumen vs ketikan: beda di bawah setengah satuan desimal kedua


def _angka(v) -> str:
    if v is None or (isinstance(v, float) and math.isnan(v)):
        return "-"
    return f"{v:.4f}".rstrip("0").rstrip(".").replace(".", ",")


def _beda(a, b) -> bool:
    if a is None or b is None or (isinstance(a, float) and math.isnan(a)) or (isinstance(b, float) and math.isnan(b)):
        return False
    return abs(float(a) - float(b)) > TOLERANSI


def audit_riwayat(h: HasilKinerja) -> list[Temuan]:
    out: list[Temuan] = []
    ini = label_folder(h.data.folder)
    for f in h.tahun_lalu:
        if not f.sah:
            contoh = "; ".join(m.baris_teks() for m in f.masalah[:2])
            out.append(Temuan(
                "peringatan", "riwayat_folder", f.label, "riwayat", "", "folder",
                pesan=f"folder tahun {f.tahun} ({f.label}) tidak sah ({len(f.masalah)} galat, mis. {contoh}); "
                      f"riwayat {f.tahun} laporan ini memakai nilai yang diketik di {ini}",
                sumber=f.label))
            continue
        nilai = f.nilai.set_index("kode_indikator")
        for lembar, kolom, besaran in (("realisasi", "realisasi", "realisasi"),
                                       ("perjanjian_kinerja", "target_murni", "target")):
            df = h.data[lembar]
            df = df[df["tahun"] == f.tahun]
            berkas = berkas_lembar(h.data, lembar)
            jalur = "data.xlsx" if berkas.startswith("data.xlsx") else f"data/{lembar}.csv"
            for r in df.to_dict("records"):
                kode = r["kode_indikator"]
                if kode not in nilai.index:
                    continue
                diketik = r[kolom]
                if besaran == "target" and r.get("target_perubahan") == r.get("target_perubahan"):
                    diketik = r["target_perubahan"]  # NaN != NaN: perubahan diisi → yang berlaku
                dihitung = nilai.at[kode, besaran]
                if besaran == "target" and nilai.at[kode, "sumber_target"] not in ("PK", "PK perubahan"):
                    continue  # laporan Y tidak punya PK: tidak ada yang dibandingkan
                if not _beda(diketik, dihitung):
                    continue
                out.append(Temuan(
                    "peringatan", f"riwayat_{besaran}", f"{besaran} {kode} {f.tahun}", "iku", kode, besaran,
                    _angka(diketik), _angka(dihitung), float(diketik) - float(dihitung),
                    pesan=f"{besaran} {f.tahun} yang diketik di {ini} ({berkas} baris {r['_baris']}) berbeda dengan "
                          f"hasil laporan {f.tahun} ({f.label}); laporan ini memakai nilai {f.label}",
                    sumber=f"{ini}/{jalur}:{r['_baris']} ↔ {f.label}"))
    return out


__all__ = ["audit_riwayat"]
