"""PDF cetak A4 lewat WeasyPrint, dalam dua bagian yang digabung.

Bagian isi (BAB I..Lampiran, halaman 1, 2, ...) dirender lebih dulu; nomor halaman setiap
jangkar (judul, tabel, gambar) dibaca dari tata letaknya lalu ditulis ke Daftar Isi/Tabel/Gambar
bagian depan (sampul tanpa nomor, halaman romawi). Kedua dokumen digabung menjadi satu PDF
dengan bookmark dari judul h1-h3.
"""

from __future__ import annotations

import logging
from pathlib import Path

from ..fmt import romawi
from .rakit import Rakitan


def _halaman_jangkar(doc) -> dict[str, int]:
    out: dict[str, int] = {}
    for i, page in enumerate(doc.pages, start=1):
        for nama in page.anchors:
            out.setdefault(nama, i)
    return out


def tulis_pdf(rakitan: Rakitan, tujuan: Path, base_url: str | None = None) -> dict:
    """Tulis PDF; kembalikan ringkasan (jumlah halaman depan dan isi)."""
    from weasyprint import HTML

    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    logging.getLogger("fontTools").setLevel(logging.ERROR)
    isi = HTML(string=rakitan.render("isi"), base_url=base_url).render()
    halaman = {k: str(v) for k, v in _halaman_jangkar(isi).items()}
    # bagian depan dirender dua kali: pertama untuk mengetahui halaman romawi judul-judulnya
    depan = HTML(string=rakitan.render("depan", halaman), base_url=base_url).render()
    for k, v in _halaman_jangkar(depan).items():
        halaman.setdefault(k, romawi(v).lower())
    depan = HTML(string=rakitan.render("depan", halaman), base_url=base_url).render()
    gabung = depan.copy(depan.pages + isi.pages)
    tujuan.parent.mkdir(parents=True, exist_ok=True)
    gabung.write_pdf(str(tujuan))
    return {"halaman_depan": len(depan.pages), "halaman_isi": len(isi.pages)}
