"""Pemantauan triwulan (docs/perhitungan.md §6): indikator Renja dan realisasi anggaran per triwulan.

Isian triwulan boleh kumulatif atau per triwulan (:mod:`lkj_lib.ukur.bentuk`); keduanya dihitung.

Kolom ``tabel_triwulan``: id, kode, jenis, nama, indikator, satuan, polaritas, bentuk, target, realisasi,
target_tw1..4 / realisasi_tw1..4 / capaian_tw1..4 (KUMULATIF s.d. triwulan), target_per_tw1..4 /
realisasi_per_tw1..4 / capaian_per_tw1..4 (dalam triwulan itu), masalah (daftar teks), _baris.

Kolom ``anggaran_triwulan``: kode, jenis, kedalaman, nama, pagu, realisasi (tahunan), realisasi_per_tw1..4,
realisasi_kum_tw1..4, serapan_kum_tw1..4 (% pagu), masalah, _baris.
"""

from __future__ import annotations

import pandas as pd

from ..masukan import DataSKPD
from ..masukan.validasi import lengkapi_renja
from .anggaran import jumlah_dari_daun
from .bentuk import ROMAWI, TW, dua_bentuk, menurun
from .capaian import hitung_capaian
from .renja import tabel_capaian_renja

KOLOM_TW = [f"{a}_tw{i}" for a in ("target", "realisasi") for i in TW]


def bentuk_baris(src, bawaan: str) -> str:
    b = src.get("bentuk_triwulan") if hasattr(src, "get") else None
    return b if isinstance(b, str) and b else bawaan


def tabel_triwulan(data: DataSKPD, capaian_renja: pd.DataFrame | None = None) -> pd.DataFrame:
    """``capaian_renja``: hasil :func:`tabel_capaian_renja` yang sudah dihitung (hanya dibaca)."""
    st = data.profil.pengaturan
    ir = data["indikator_renja"].copy()
    if ir.empty:
        return pd.DataFrame()
    ir["id"] = ir["kode"].astype(str) + "#" + ir["urutan"].astype(str)
    by = ir.set_index("id")
    punya = by[KOLOM_TW].notna().any(axis=1)
    cr = tabel_capaian_renja(data) if capaian_renja is None else capaian_renja
    rows = []
    for r in cr.itertuples(index=False):
        if r.id not in by.index or not punya.get(r.id, False):
            continue
        src = by.loc[r.id]
        bentuk = bentuk_baris(src, st.bentuk_triwulan)
        t_per, t_kum = dua_bentuk([src[f"target_tw{i}"] for i in TW], bentuk)
        r_per, r_kum = dua_bentuk([src[f"realisasi_tw{i}"] for i in TW], bentuk)
        row = {"id": r.id, "kode": r.kode, "jenis": r.jenis, "nama": r.nama, "indikator": r.indikator,
               "satuan": r.satuan, "desimal": r.desimal, "polaritas": r.polaritas, "bentuk": bentuk, "target": r.target,
               "realisasi": r.realisasi}
        for i in TW:
            for awal, per, kum in (("target", t_per, t_kum), ("realisasi", r_per, r_kum)):
                row[f"{awal}_tw{i}"] = kum[i - 1]
                row[f"{awal}_per_tw{i}"] = per[i - 1]
            for kol, t, re_ in ((f"capaian_tw{i}", t_kum, r_kum), (f"capaian_per_tw{i}", t_per, r_per)):
                c = hitung_capaian(t[i - 1], re_[i - 1], r.polaritas, st.rumus_negatif, st.batas_capaian)
                row[kol] = c.nilai if c.nilai is not None else float("nan")
        row["akumulasi"] = akumulasi_baris(src, r.satuan, r.target)
        row["masalah"] = _masalah(t_kum, r_kum, r.target, src["realisasi"], t_per, r_per, bentuk, row["akumulasi"])
        row["_baris"] = src["_baris"]
        rows.append(row)
    return pd.DataFrame(rows)


SATUAN_STOK = ("%", "persen", "indeks", "nilai", "skor", "predikat")


def akumulasi_baris(src, satuan: str, target) -> str:
    """Akumulasi yang dinyatakan (kolom ``akumulasi``), atau bawaan: ``terakhir`` untuk satuan tingkat
    (persen, indeks, nilai, ...) dan untuk target triwulan yang rata (semuanya = target tahunan: stok),
    ``jumlah`` (aliran) untuk yang lain."""
    a = src.get("akumulasi") if hasattr(src, "get") else None
    if isinstance(a, str) and a.strip():
        return a.strip()
    if (satuan or "").strip().lower() in SATUAN_STOK:
        return "terakhir"
    tw = [src.get(f"target_tw{i}") for i in TW]
    isi = [v for v in tw if not pd.isna(v)]
    if len(isi) >= 2 and not pd.isna(target) and all(abs(v - target) <= 1e-9 for v in isi):
        return "terakhir"
    return "jumlah"


def _tahunan(isian, akumulasi: str) -> float:
    """Angka tahunan menurut akumulasi dari isian tingkat/triwulan (stok: nilai sebagaimana diketik)."""
    v = [x for x in isian if not pd.isna(x)]
    if not v:
        return float("nan")
    if akumulasi == "rata":
        return sum(v) / len(v)
    if akumulasi == "maks":
        return max(v)
    return isian[3]  # terakhir: nilai TW IV


def _masalah(t_kum, r_kum, target, realisasi, t_per, r_per, bentuk, akumulasi: str = "jumlah") -> list[str]:
    """Pemeriksaan pada pandangan kumulatif (aliran, ``jumlah``) atau pada nilai per triwulan sebagaimana
    diketik (stok: ``terakhir``/``rata``/``maks``); bila isian tampak berbentuk lain, sarankan bentuknya."""
    out = []
    if akumulasi != "jumlah":  # stok boleh naik-turun; hanya angka tahunannya yang harus sesuai
        for nama, kum, per, tahunan in (("target", t_kum, t_per, target), ("realisasi", r_kum, r_per, realisasi)):
            isian = per if bentuk == "per_triwulan" else kum
            v = _tahunan(isian, akumulasi)
            if pd.isna(v) or pd.isna(tahunan) or abs(v - tahunan) <= 1e-9:
                continue
            cara = {"terakhir": "TW IV", "rata": "rata-rata triwulan", "maks": "nilai triwulan tertinggi"}[akumulasi]
            out.append(f"{nama} {cara} berbeda dengan {nama} tahunan ({cara} {v:g}, tahunan {tahunan:g}; "
                       f"akumulasi {akumulasi})")
        return out
    for nama, kum in (("target", t_kum), ("realisasi", r_kum)):
        for i in menurun(kum):
            out.append(f"{nama} kumulatif TW {ROMAWI[i]} lebih kecil dari TW {ROMAWI[i - 1]}")
    for nama, kum, per, tahunan in (("target", t_kum, t_per, target), ("realisasi", r_kum, r_per, realisasi)):
        if pd.isna(kum[3]) or pd.isna(tahunan) or abs(kum[3] - tahunan) <= 1e-9:
            continue
        pesan = f"{nama} TW IV berbeda dengan {nama} tahunan (kumulatif s.d. TW IV {kum[3]:g}, tahunan {tahunan:g})"
        isian = per if bentuk == "per_triwulan" else kum  # nilai sebagaimana diketik
        if bentuk == "kumulatif" and abs(sum(v for v in isian if not pd.isna(v)) - tahunan) <= 1e-9:
            pesan += "; jumlah isian keempat triwulan sama dengan angka tahunan, mungkin diisi per triwulan " \
                     "(nyatakan bentuk_triwulan: per_triwulan)"
        elif bentuk == "per_triwulan" and not pd.isna(isian[3]) and abs(isian[3] - tahunan) <= 1e-9:
            pesan += "; isian TW IV sama dengan angka tahunan, mungkin diisi kumulatif " \
                     "(nyatakan bentuk_triwulan: kumulatif)"
        out.append(pesan)
    return out


KOLOM_ANGGARAN_TW = [f"realisasi_anggaran_tw{i}" for i in TW]


def anggaran_triwulan(data: DataSKPD, anggaran: pd.DataFrame) -> pd.DataFrame:
    """Realisasi anggaran per triwulan (per triwulan dan kumulatif) dengan roll-up daun → program,
    serapan kumulatif (% pagu) per triwulan. Kosong bila kolom triwulan anggaran tidak diisi."""
    renja = lengkapi_renja(data["renja"])
    if renja.empty or not all(k in renja for k in KOLOM_ANGGARAN_TW) or not renja[KOLOM_ANGGARAN_TW].notna().any().any():
        return pd.DataFrame()
    bentuk = data.profil.pengaturan.bentuk_triwulan

    def daun(r):
        per, kum = dua_bentuk([r[k] for k in KOLOM_ANGGARAN_TW], bentuk)
        return (*per, *kum)

    jumlah = jumlah_dari_daun(renja, daun)
    anak = set(renja["kode_induk"].dropna())
    rows = []
    for a in anggaran.to_dict("records"):
        v = jumlah[a["kode"]]
        row = {k: a[k] for k in ("kode", "jenis", "kedalaman", "nama", "pagu", "realisasi")}
        masalah = []
        for i in TW:
            row[f"realisasi_per_tw{i}"] = v[i - 1]
            row[f"realisasi_kum_tw{i}"] = v[3 + i]
            pagu = a["pagu"]
            row[f"serapan_kum_tw{i}"] = (v[3 + i] / pagu * 100 if not pd.isna(pagu) and pagu and not pd.isna(v[3 + i])
                                         else float("nan"))
        kum = [v[3 + i] for i in TW]
        for i in menurun(kum):
            masalah.append(f"realisasi anggaran kumulatif TW {ROMAWI[i]} lebih kecil dari TW {ROMAWI[i - 1]}")
        if a["kode"] not in anak and not pd.isna(kum[3]) and not pd.isna(a["realisasi"]) \
                and abs(kum[3] - a["realisasi"]) >= 0.5:
            masalah.append(f"realisasi anggaran kumulatif TW IV (Rp {kum[3]:,.0f}) berbeda dengan realisasi "
                           f"tahunan (Rp {a['realisasi']:,.0f})".replace(",", "."))
        row["masalah"] = masalah
        row["_baris"] = a["_baris"]
        rows.append(row)
    return pd.DataFrame(rows)
