"""Capaian indikator program, kegiatan dan sub kegiatan (Renja).

Kolom ``tabel_capaian_renja``: id, kode, jenis, kedalaman, nama, urutan, indikator, satuan,
polaritas, target_murni, target, target_op, realisasi, sumber_realisasi, capaian, alasan,
kategori, efektivitas, kode_anggaran, _baris.  ``id`` = ``kode#urutan``.
"""

from __future__ import annotations

import pandas as pd

from ..masukan import DataSKPD
from .anggaran import urutan_renja
from .bentuk import TW, dua_bentuk
from .capaian import hitung_capaian, kategori
from .iku import desimal

KOLOM = ["id", "kode", "jenis", "kedalaman", "nama", "urutan", "indikator", "satuan", "polaritas", "target_murni",
         "target", "target_op", "realisasi", "sumber_realisasi", "capaian", "alasan", "kategori", "efektivitas",
         "kode_anggaran", "desimal", "_baris"]


def tabel_capaian_renja(data: DataSKPD) -> pd.DataFrame:
    st = data.profil.pengaturan
    renja = data["renja"].set_index("kode")
    ir = data["indikator_renja"]
    posisi = {k: i for i, k in enumerate(urutan_renja(data["renja"]))}
    rows = []
    for r in (pd.Series(x) for x in ir.to_dict("records")):
        if r.kode not in renja.index:
            continue
        node = renja.loc[r.kode]
        real, sumber, sat_r = r.realisasi, "tahunan", r.realisasi_satuan
        if pd.isna(real):  # realisasi tahunan kosong: realisasi KUMULATIF s.d. triwulan IV
            bentuk = r.get("bentuk_triwulan") if isinstance(r.get("bentuk_triwulan"), str) else st.bentuk_triwulan
            kum4 = dua_bentuk([r.get(f"realisasi_tw{i}") for i in TW], bentuk)[1][3]
            if not pd.isna(kum4) and not pd.isna(r.realisasi_tw4):
                real, sumber, sat_r = kum4, "s.d. triwulan IV", r.realisasi_tw4_satuan
        # sel kosong terbaca NaN (truthy): pakai hanya teks yang terisi
        satuan = next((x for x in (r.satuan, r.target_satuan) if isinstance(x, str) and x.strip()), "")
        pol = r.polaritas if isinstance(r.polaritas, str) and r.polaritas.strip() else "positif"
        c = hitung_capaian(r.target, real, pol, st.rumus_negatif, st.batas_capaian, r.target_satuan, sat_r)
        kat, ef = kategori(c.nilai, st.skala_kategori)
        rows.append({
            "id": f"{r.kode}#{int(r.urutan)}", "kode": r.kode, "jenis": node["jenis"],
            "kedalaman": {"program": 0, "kegiatan": 1, "sub_kegiatan": 2}.get(node["jenis"], 0),
            "nama": node["nama"], "urutan": int(r.urutan), "indikator": r.indikator, "satuan": satuan,
            "polaritas": pol, "target_murni": r.target_murni, "target": r.target, "target_op": r.target_op,
            "realisasi": real, "sumber_realisasi": sumber if not pd.isna(real) else "-",
            "capaian": c.nilai if c.nilai is not None else float("nan"), "alasan": c.alasan,
            "kategori": kat, "efektivitas": ef,
            "kode_anggaran": r.kode_anggaran if isinstance(r.kode_anggaran, str) else r.kode,
            "desimal": desimal(r),
            "_pos": posisi.get(r.kode, 10_000), "_baris": r["_baris"],
        })
    if not rows:  # SKPD tanpa indikator Renja: tabel kosong berkolom lengkap
        return pd.DataFrame(columns=KOLOM)
    df = pd.DataFrame(rows)
    return df.sort_values(["_pos", "urutan"], kind="stable").drop(columns="_pos").reset_index(drop=True)
