"""Ikhtisar kabupaten (``outputs/index.html``): matriks SKPD × tahun dari folder laporan palsu yang
berbentuk sama dengan keluaran build (manifest.json + ringkasan.json + audit.csv), kelengkapan,
ekspor CSV/xlsx, dan halaman di Chromium headless (saring, urut, tanpa galat konsol) pada 50 × 3."""

from __future__ import annotations

import csv
import json
import re
import shutil
import subprocess
import time
from pathlib import Path

import pytest

from lkj_lib.batch.ikhtisar import hitung_akar, kelengkapan, tautan_manifest
from lkj_lib.batch.indeks import tulis_indeks
from lkj_lib.batch.jalankan import HasilLaporan

KOLOM_AUDIT = ["tingkat", "besaran", "lokasi", "pesan"]


def palsu_laporan(root: Path, slug: str, tahun: str, capaian: float | None, serapan: float | None,
                  efisiensi: float | None = None, temuan: list[dict] | None = None, nama: str = "",
                  berkas: tuple[str, ...] = ("html", "pdf", "audit.csv")) -> Path:
    """Folder laporan berbentuk keluaran build (isi HTML/PDF hanya penanda)."""
    f = root / slug / tahun
    f.mkdir(parents=True, exist_ok=True)
    (f / ".lkj-keluaran").write_text("lkj\n")
    nama_dasar = f"LKj-{slug}-{tahun}"
    keluaran = {}
    peta = {"html": f"{nama_dasar}.html", "pdf": f"{nama_dasar}.pdf", "docx": f"{nama_dasar}.docx",
            "audit.csv": "audit.csv", "audit.html": "audit.html", "nb": "notebooks/01_pendahuluan.html",
            "nb2": "notebooks/02_perencanaan.html", "reviu": "reviu/reviu.html"}
    temuan = temuan or []
    kolom = sorted({k for t in temuan for k in t} | set(KOLOM_AUDIT), key=lambda k: (k not in KOLOM_AUDIT, k))
    for b in berkas:
        rel = peta[b]
        (f / rel).parent.mkdir(parents=True, exist_ok=True)
        if b == "audit.csv":
            with open(f / rel, "w", newline="", encoding="utf-8") as fh:
                w = csv.DictWriter(fh, fieldnames=kolom)
                w.writeheader()
                w.writerows(temuan)
        else:
            (f / rel).write_text(f"<p>{rel}</p>", encoding="utf-8")
        keluaran[rel] = "0" * 64
    hitung = {t: sum(1 for x in temuan if x["tingkat"] == t) for t in ("galat", "peringatan", "info")}
    ring = {"skpd": nama or slug, "slug": slug, "tahun": int(tahun), "capaian_iku": capaian, "serapan": serapan,
            "efisiensi": {"nilai": efisiensi, "simpulan": "Efisien", "metode": "selisih", "dasar": "outcome"},
            "audit": hitung, "sintetis": False}
    (f / "ringkasan.json").write_text(json.dumps(ring), encoding="utf-8")
    keluaran["ringkasan.json"] = "0" * 64
    (f / "manifest.json").write_text(json.dumps({"skpd": nama or slug, "keluaran": keluaran}), encoding="utf-8")
    return f


def hasil(slug: str, tahun: str, status: str = "tersimpan", **kw) -> HasilLaporan:
    return HasilLaporan(slug, tahun, status, html=f"LKj-{slug}-{tahun}.html", **kw)
