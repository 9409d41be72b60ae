"""Audit: setiap angka yang dinyatakan masukan dan dapat diturunkan dihitung ulang.

Setiap ketidaksesuaian adalah :class:`Temuan` dengan tingkat (galat/peringatan/info), lokasi,
nilai tercetak, nilai hitung dan aturannya. Temuan tidak pernah menghentikan build kecuali
tingkatnya tercantum di ``pengaturan.audit_fatal``.
"""

from __future__ import annotations

import math
import re

import pandas as pd

from ..errors import LkjError
from ..ukur.hasil import HasilKinerja
from .dilaporkan import TakDikenal, nilai_hitung
from .kewajaran import audit_kewajaran
from .narasi import audit_narasi
from .riwayat import audit_riwayat
from .temuan import KOLOM, Temuan, bandingkan_angka, label_cocok

__all__ = ["audit", "ringkasan", "periksa_fatal", "Temuan", "KOLOM"]


def _fmt(v, rupiah=False) -> str:
    if v is None or (isinstance(v, float) and math.isnan(v)):
        return "-"
    if isinstance(v, tuple):
        return " / ".join(map(str, v))
    if rupiah:
        return f"{v:,.0f}".replace(",", ".")
    return f"{v:.4f}".rstrip("0").rstrip(".").replace(".", ",")


def _dilaporkan(h: HasilKinerja) -> list[Temuan]:
    out: list[Temuan] = []
    df = h.data["angka_dilaporkan"]
    sumber_berkas = "angka_dilaporkan"
    hasil: dict[tuple, tuple] = {}  # (objek, kode, tahun, besaran, catatan) → nilai hitung: sekali per kunci
    for r in df.to_dict("records"):
        objek, kode = r["objek"], (r["kode"] if isinstance(r["kode"], str) else "")
        tahun = int(r["tahun"]) if not pd.isna(r["tahun"]) else h.tahun
        besaran, teks = str(r["besaran"]).strip().lower(), str(r["nilai"]).strip()
        sumber = f"{sumber_berkas}:{r['_baris']}"
        dasar = dict(lokasi=r["lokasi"], objek=objek, kode=kode, besaran=besaran, dilaporkan=teks, sumber=sumber)
        kunci = (objek, kode, tahun, besaran, r["catatan"] or "")
        if kunci not in hasil:
            try:
                hasil[kunci] = (nilai_hitung(h, *kunci), None)
            except TakDikenal as e:
                hasil[kunci] = (None, e)
        dihitung, e = hasil[kunci]
        if e is not None:
            out.append(Temuan("info", "tak_teraudit", pesan=f"tidak dapat dipetakan ke hasil hitung ({e})", **dasar))
            continue
        nilai, jenis = dihitung
        if jenis == "rentang":
            angka_ = re.findall(r"\d+(?:[.,]\d+)?", teks)
            if len(angka_) == 2:
                lo, hi = (float(x.replace(",", ".")) for x in angka_)
                if not lo <= nilai <= hi:
                    out.append(Temuan("galat", besaran, dihitung=_fmt(nilai), pesan="nilai hitung di luar rentang "
                                      "yang tercetak", **dasar))
            continue
        if jenis == "label":
            if not label_cocok(teks, *nilai):
                out.append(Temuan("galat", f"{besaran}", dihitung=_fmt(nilai),
                                  pesan="label tercetak berbeda dengan hasil hitung", **dasar))
            continue
        status, selisih = bandingkan_angka(teks, nilai, rupiah=(jenis == "rupiah"),
                                           titik_desimal=(objek == "instrumen"))
        if status == "cocok":
            continue
        if status == "tak_terbaca":
            out.append(Temuan("info", "tak_terbaca", pesan="nilai tercetak bukan bilangan", **dasar))
            continue
        if besaran.startswith("target") or besaran == "target_murni":
            tingkat, pesan = "peringatan", "target yang sama dikutip berbeda di tempat lain"
        elif status == "pembulatan":
            tingkat, pesan = "info", "beda satu satuan angka terakhir (pembulatan/pemotongan)"
        else:
            tingkat, pesan = "galat", "angka tercetak berbeda dengan hasil hitung dari masukan"
        out.append(Temuan(tingkat, besaran, dihitung=_fmt(nilai, jenis == "rupiah"), selisih=selisih,
                          pesan=pesan, **dasar))
    return out


def _jumlah_induk(h: HasilKinerja) -> list[Temuan]:
    out = []
    for r in h.anggaran.to_dict("records"):
        if r["jumlah_anak"] == 0:
            continue
        for kol_in, kol, label in (("pagu_input", "pagu", "pagu"), ("pagu_murni_input", "pagu_murni", "pagu murni"),
                                   ("realisasi_input", "realisasi", "realisasi anggaran")):
            v_in, v = r[kol_in], r[kol]
            if pd.isna(v_in) or pd.isna(v) or abs(v_in - v) < 0.5:
                continue
            out.append(Temuan("galat", "jumlah_induk", f"renja {r['kode']}", "renja", r["kode"], kol,
                              _fmt(v_in, True), _fmt(v, True), v_in - v,
                              f"{label} {r['jenis'].replace('_', ' ')} berbeda dengan jumlah anak-anaknya",
                              f"renja:{r['_baris']}"))
    return out


def _triwulan(h: HasilKinerja) -> list[Temuan]:
    out = []
    for r in h.triwulan.to_dict("records"):
        for m in r["masalah"]:
            out.append(Temuan("peringatan", "triwulan", f"indikator_renja {r['id']}", "renja_indikator",
                              r["id"], "triwulan", pesan=f"{r['indikator']}: {m}",
                              sumber=f"indikator_renja:{r['_baris']}"))
    for r in h.anggaran_triwulan.to_dict("records"):  # realisasi anggaran per triwulan (pandangan kumulatif)
        for m in r["masalah"]:
            out.append(Temuan("peringatan", "triwulan_anggaran", f"renja {r['kode']}", "renja", r["kode"],
                              "realisasi_anggaran_tw4" if "TW IV" in m and "tahunan" in m else "triwulan",
                              pesan=f"{r['nama']}: {m}", sumber=f"renja:{r['_baris']}"))
    return out


def _instrumen_vs_ketikan(h: HasilKinerja) -> list[Temuan]:
    out = []
    for r in h.iku_semua.to_dict("records"):
        if r["sumber_realisasi"] == "masukan" or pd.isna(r["realisasi_input"]):
            continue
        status, sel = bandingkan_angka(f"{r['realisasi_input']}", r["realisasi"])
        d = abs(r["realisasi_input"] - r["realisasi"])
        if d > 0.005:
            out.append(Temuan("galat", "realisasi_instrumen", f"realisasi {r['kode_indikator']} {h.tahun}",
                              "iku", r["kode_indikator"], "realisasi", _fmt(r["realisasi_input"]),
                              _fmt(r["realisasi"]), r["realisasi_input"] - r["realisasi"],
                              f"realisasi yang diketik berbeda dengan hasil instrumen ({r['sumber_realisasi']}); "
                              "laporan memakai hasil instrumen"))
    return out


def audit(h: HasilKinerja) -> pd.DataFrame:
    """Semua temuan audit sebagai DataFrame berkolom :data:`KOLOM`, galat lebih dulu."""
    from .instrumen import audit_instrumen

    temuan: list[Temuan] = []
    temuan += _dilaporkan(h)
    temuan += _jumlah_induk(h)
    temuan += _triwulan(h)
    temuan += audit_kewajaran(h)
    temuan += _instrumen_vs_ketikan(h)
    temuan += audit_instrumen(h)
    temuan += audit_narasi(h)
    temuan += audit_riwayat(h)
    df = pd.DataFrame([t.as_dict() for t in temuan], columns=KOLOM)
    urut = {"galat": 0, "peringatan": 1, "info": 2}
    df = df.assign(_u=df["tingkat"].map(urut)).sort_values("_u", kind="stable").drop(columns="_u")
    return df.reset_index(drop=True)


def ringkasan(df: pd.DataFrame) -> dict[str, int]:
    return {t: int((df["tingkat"] == t).sum()) for t in ("galat", "peringatan", "info")}


def periksa_fatal(df: pd.DataFrame, fatal: tuple[str, ...]) -> None:
    """Naikkan LkjError bila ada temuan bertingkat fatal (pengaturan.audit_fatal)."""
    n = {t: int((df["tingkat"] == t).sum()) for t in fatal}
    if any(n.values()):
        raise LkjError("audit menemukan temuan fatal: " + ", ".join(f"{v} {k}" for k, v in n.items() if v)
                       + " (lihat audit.csv; ubah pengaturan.audit_fatal untuk melonggarkan)")
