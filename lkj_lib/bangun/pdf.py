"""PDF laporan dalam ``lkj build``: dari potongan notebook dan :class:`~.rakit.Rakitan` ke tata letak
:mod:`lkj_lib.cetak`.

Dua penyusun dengan antarmuka yang sama (``siapkan``, ``tambah_bab``, ``halaman_isi``, ``tata_depan``,
``tulis``, ``selesai``, ``tutup``):

- :class:`~lkj_lib.cetak.sejajar.PdfSejajar` (build tunggal): tata letak di proses pembantu, setiap
  bab segera setelah notebooknya selesai, sejajar dengan kernel;
- :class:`PdfLokal` (``lkj batch``: kedua inti sudah dipakai pekerja): di proses ini, semua bab
  ditata sekaligus setelah notebook terakhir.

Urutan di :func:`lkj_lib.bangun.bangun`: ``siapkan`` (kerangka isi, folder kerja) → ``tambah_bab``
per notebook isi → rakit HTML → :func:`tata_depan` (nomor halaman isi ke Daftar Isi/Tabel/Gambar;
kembalikan label halaman setiap jangkar untuk Daftar Isi DOCX) → ``tulis`` → DOCX → ``selesai``.
"""

from __future__ import annotations

from pathlib import Path

from ..cetak.pdf import SusunanPdf, lepas_memori
from ..cetak.sejajar import PdfSejajar
from ..fmt import romawi
from .rakit import Rakitan


class PdfLokal:
    """:class:`~lkj_lib.cetak.pdf.SusunanPdf` di proses ini, dengan antarmuka :class:`PdfSejajar`."""

    def __init__(self):
        self._susunan: SusunanPdf | None = None
        self._info: dict | None = None

    def siapkan(self, kerangka: str, folder_kerja: Path) -> None:
        self._susunan = SusunanPdf(kerangka, folder_kerja, segera=False)

    def tambah_bab(self, nama: str, html: str) -> None:
        self._susunan.tambah_bab(nama, html)

    def halaman_isi(self) -> dict[str, int]:
        # memori bebas sisa notebook/HTML laporan ini dikembalikan dulu (±5 MB lebih rendah di puncak
        # pekerja batch, ±60 ms), lalu semua bab ditata
        lepas_memori()
        return self._susunan.halaman_isi()

    def tata_depan(self, html: str) -> dict[str, int]:
        return self._susunan.tata_depan(html)

    def tulis(self, tujuan: Path) -> None:
        self._info = self._susunan.tulis(tujuan)
        self._susunan.selesai()  # lepas tata letak sebelum DOCX (puncak memori pekerja batch)

    def selesai(self) -> dict:
        return self._info

    def tutup(self) -> None:
        self._susunan = None


def penyusun_pdf(sejajar: bool):
    """Penyusun PDF baru: proses pembantu (``sejajar``) atau di proses ini."""
    return PdfSejajar() if sejajar else PdfLokal()


def tata_depan(penyusun, rakitan: Rakitan) -> dict[str, str]:
    """Tata bagian depan dengan nomor halaman isi; kembalikan {jangkar: label halaman PDF}
    ("iii" untuk bagian depan, "12" untuk isi), mis. untuk Daftar Isi DOCX."""
    halaman = {k: str(v) for k, v in penyusun.halaman_isi().items()}
    depan = penyusun.tata_depan(rakitan.render("depan", halaman))
    jangkar = {k: romawi(v).lower() for k, v in depan.items()}
    jangkar.update(halaman)
    return jangkar
