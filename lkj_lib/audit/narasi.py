"""Audit narasi analis: setiap rupiah dan persentase yang dikutip harus ada di hasil hitung."""

from __future__ import annotations

import math
import re

from ..angka import AngkaError, baca_angka
from ..schema import NARASI
from ..ukur.hasil import HasilKinerja
from .temuan import Temuan, desimal_tercetak

_RE_RP = re.compile(r"Rp\.?\s*(\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?)(?:\s*,-|-)?", re.IGNORECASE)
_RE_PCT = re.compile(r"(?<![\d.,])(\d{1,3}(?:,\d+)?)\s*(?:%|persen)", re.IGNORECASE)


def _semua_rupiah(h: HasilKinerja) -> dict[float, str]:
    out: dict[float, str] = {}
    for r in h.anggaran.itertuples(index=False):
        for kol, label in (("pagu", "pagu"), ("pagu_murni", "pagu murni"), ("realisasi", "realisasi")):
            v = getattr(r, kol)
            if not (v is None or math.isnan(v)):
                out.setdefault(round(v), f"{label} {r.kode} {r.nama}")
    for k, label in (("pagu", "total pagu"), ("pagu_murni", "total pagu murni"),
                     ("realisasi", "total realisasi"), ("sisa", "sisa anggaran")):
        v = h.total[k]
        if not math.isnan(v):
            out[round(v)] = label
    for r in h.anggaran_sasaran.itertuples(index=False):
        for kol in ("pagu", "pagu_murni", "realisasi"):
            v = getattr(r, kol)
            if not math.isnan(v):
                out.setdefault(round(v), f"{kol} sasaran {r.kode_sasaran}")
    return out


def persen_berkunci(h: HasilKinerja) -> list[tuple[float, str, tuple | None]]:
    """Setiap persentase hasil hitung yang boleh dikutip narasi: (nilai, label, kunci besaran)
    dengan kunci ``(objek, kode, tahun, besaran)`` seperti :class:`.graf.Graf` (None bila tanpa kunci)."""
    out = []
    t = h.tahun

    def tambah(v, label, kunci=None):
        if v is not None and not (isinstance(v, float) and math.isnan(v)):
            out.append((float(v), label, kunci))

    # capaian setiap indikator (IKU dan Renja), serta target/realisasi yang bersatuan persen
    for df, kunci, objek in ((h.iku_semua, "kode_indikator", "iku"), (h.efisiensi_renja, "id", "renja_indikator")):
        for r in df.to_dict("records"):
            tambah(r["capaian"], f"capaian {r[kunci]}", (objek, r[kunci], t, "capaian"))
            if r["satuan"] == "%":
                tambah(r["realisasi"], f"realisasi {r[kunci]}", (objek, r[kunci], t, "realisasi"))
                tambah(r["target"], f"target {r[kunci]}", (objek, r[kunci], t, "target"))
    for r in h.anggaran.itertuples(index=False):
        tambah(r.serapan, f"serapan {r.kode}", ("renja", r.kode, t, "serapan"))
    for r in h.perbandingan.itertuples(index=False):
        tambah(r.capaian_akhir_renstra, f"capaian akhir Renstra {r.kode_indikator}")
        tambah(r.capaian_tahun_lalu, f"capaian tahun lalu {r.kode_indikator}",
               ("iku", r.kode_indikator, t - 1, "capaian"))
    tambah(h.total["serapan"], "serapan total", ("total", "", t, "serapan"))
    tambah(h.rata_capaian_iku, "rata-rata capaian IKU", ("total", "", t, "rata_capaian_iku"))
    for r in h.ringkasan_efisiensi.itertuples(index=False):
        tambah(r.rata_capaian, f"rata-rata capaian {r.ringkasan}", ("total", "", t, f"rata_capaian_{r.ringkasan}"))
    for r in h.anggaran_sasaran.itertuples(index=False):
        tambah(r.serapan, f"serapan sasaran {r.kode_sasaran}", ("sasaran", r.kode_sasaran, t, "serapan"))
    return out


def _semua_persen(h: HasilKinerja) -> list[tuple[float, str]]:
    return [(v, label) for v, label, _ in persen_berkunci(h)]


def audit_narasi(h: HasilKinerja) -> list[Temuan]:
    temuan: list[Temuan] = []
    narasi = h.data.narasi
    for kunci in NARASI:
        if kunci in h.profil.pengaturan.narasi_opsional:
            continue
        if kunci not in narasi or not narasi[kunci].strip():
            temuan.append(Temuan("peringatan", "narasi_kosong", f"narasi/{kunci}.md",
                                 pesan=f"narasi '{NARASI[kunci]}' belum ditulis; laporan memuat penanda tempat"))
    for kode in h.iku["kode_indikator"]:
        k = f"iku_{str(kode).lower()}"
        if k not in narasi:
            temuan.append(Temuan("peringatan", "narasi_kosong", f"narasi/{k}.md", objek="iku", kode=kode,
                                 pesan="analisis penyebab dan solusi untuk IKU ini belum ditulis"))
    rupiah = _semua_rupiah(h)
    persen = _semua_persen(h)
    for kunci, teks in sorted(narasi.items()):
        lokasi = f"narasi/{kunci}.md"
        for m in _RE_RP.finditer(teks):
            try:
                v = baca_angka(m.group(1)).nilai
            except AngkaError:
                continue
            if v is None or round(v) in rupiah:
                continue
            dekat = min(rupiah, key=lambda x: abs(x - v)) if rupiah else None
            pesan = "jumlah rupiah dalam narasi tidak ditemukan di data anggaran"
            if dekat is not None and abs(dekat - v) / max(abs(dekat), 1) < 0.01:
                pesan += f"; paling dekat: {rupiah[dekat]} = {dekat:,.0f}".replace(",", ".")
            temuan.append(Temuan("galat", "narasi_rupiah", lokasi, besaran="rupiah", dilaporkan=m.group(0).strip(),
                                 dihitung=f"{dekat:,.0f}".replace(",", ".") if dekat is not None else "",
                                 selisih=(v - dekat) if dekat is not None else None, pesan=pesan))
        for m in _RE_PCT.finditer(teks):
            teks_angka = m.group(1)
            try:
                v = baca_angka(teks_angka).nilai
            except AngkaError:
                continue
            if v is None:
                continue
            tol = 0.5 * 10 ** (-desimal_tercetak(teks_angka)) + 1e-9
            if any(abs(v - p) <= tol for p, _ in persen):
                continue
            if v in (0, 100):
                continue
            dekat = min(persen, key=lambda x: abs(x[0] - v)) if persen else None
            temuan.append(Temuan("peringatan", "narasi_persen", lokasi, besaran="persen",
                                 dilaporkan=m.group(0).strip(),
                                 dihitung=f"{dekat[0]:.2f}".replace(".", ",") + f" ({dekat[1]})" if dekat else "",
                                 pesan="persentase dalam narasi tidak cocok dengan hasil hitung mana pun"))
    return temuan
