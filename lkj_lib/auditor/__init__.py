"""Keluaran untuk auditor (Inspektorat/APIP, BPKP) di setiap ``lkj build``.

* ``notebooks/<nb>.html`` — notebook tereksekusi terbaca tanpa Jupyter, sel berjangkar per tabel/gambar
  (:mod:`.notebook_html`); judul tabel/gambar HTML laporan menautkan ke sel itu.
* ``audit.html`` — temuan akar dengan nilai tercetak/hitung ulang dan baris masukan penentunya, turunan
  dilipat, dapat diurutkan dan disaring (:mod:`.halaman_audit`).
* ``reviu-<slug>-<tahun>.xlsx`` dan ``reviu.html`` — kertas kerja reviu APIP terisi awal (:mod:`.reviu`).

Lapisan: di bawah ``bangun`` (yang memanggilnya), sejajar ``tampil``; hanya memakai ``audit``-tingkat
data (DataFrame temuan), ``ekspor`` dan ``paths``.
"""

from __future__ import annotations

from pathlib import Path

from .halaman_audit import daftar_temuan, tulis_halaman_audit
from .notebook_html import tulis_notebook_html
from .reviu import nama_xlsx, tulis_reviu

HALAMAN_AUDIT = "audit.html"
HALAMAN_REVIU = "reviu.html"


def tautan_laporan(jangkar: dict[str, dict], xlsx: str) -> dict:
    """Argumen ``auditor`` untuk :func:`lkj_lib.bangun.rakit.rakit`: tautan judul → sel notebook dan
    paragraf "Untuk auditor" di Lampiran Temuan Audit Angka."""
    nb = {k: (f"notebooks/{k}.html", set(v)) for k, v in jangkar.items()}
    tautan = [("halaman temuan audit (audit.html)", HALAMAN_AUDIT),
              ("kertas kerja reviu (reviu.html)", HALAMAN_REVIU), (xlsx, xlsx)]
    tautan += [(f"notebook {k}", f"notebooks/{k}.html") for k in jangkar]
    return {"notebook": nb, "tautan": tautan}


def tulis_halaman(folder: Path, temuan, data, laporan_html: str, html_laporan: str, xlsx: str,
                  n_notebook: int, konsistensi=None) -> list[Path]:
    """Tulis ``audit.html``, ``reviu.html`` dan buku kerja reviu di ``folder`` (``konsistensi``: hasil
    :func:`lkj_lib.audit.konsistensi.periksa`, bukti butir reviu C.2)."""
    daftar = daftar_temuan(temuan)
    a = tulis_halaman_audit(folder / HALAMAN_AUDIT, daftar, data, data.profil, laporan_html, HALAMAN_REVIU)
    x, r = tulis_reviu(folder, html_laporan, laporan_html, data, daftar, n_notebook, xlsx, konsistensi)
    return [a, x, r]


__all__ = ["HALAMAN_AUDIT", "HALAMAN_REVIU", "nama_xlsx", "tautan_laporan", "tulis_halaman", "tulis_notebook_html"]
