"""PDF cetak A4 lewat WeasyPrint, dalam dua bagian yang digabung.

Bagian isi (BAB I..Lampiran, halaman 1, 2, ...) dirender lebih dulu; nomor halaman setiap
jangkar (judul, tabel, gambar) dibaca dari tata letaknya lalu ditulis ke Daftar Isi/Tabel/Gambar
bagian depan (sampul tanpa nomor, halaman romawi). Bagian depan dirender sekali: halaman romawi
judul-judulnya sendiri di Daftar Isi diisi WeasyPrint lewat CSS ``target-counter`` (jangkarnya ada di
dokumen yang sama). Kedua dokumen digabung menjadi satu PDF
dengan bookmark dari judul h1-h3.

WeasyPrint hanya boleh membaca URL ``data:`` dan berkas di folder kerja build atau di aset paket
(:class:`PengambilTerbatas`): tidak ada permintaan jaringan dan tidak ada berkas lain mesin ini
yang ikut tertanam, apa pun isi narasi.
"""

from __future__ import annotations

import gc
import logging
from pathlib import Path

from ..errors import NilaiError
from ..paths import TEMPLAT_DIR
from .rakit import Rakitan


def impor_weasyprint():
    """Impor WeasyPrint tanpa ``ctypes.util.find_library``.

    Saat diimpor, WeasyPrint mencoba beberapa nama untuk setiap pustaka (gobject, pango, harfbuzz,
    fontconfig, ...); untuk setiap nama tanpa akhiran ``.so`` cffi memanggil ``find_library``, yang di
    Linux menjalankan ``ldconfig -p`` dan ``gcc`` (±40 proses anak, 0,5–1 s, dan setiap fork sesaat
    menggandakan RSS pekerja). Di Linux daftar nama WeasyPrint selalu memuat nama ``lib*.so.N`` yang
    dimuat langsung oleh ``dlopen`` (LD_LIBRARY_PATH dan cache ld.so), jadi pencarian itu dilewati
    selama impor; pustaka yang termuat sama."""
    import sys

    if "weasyprint" in sys.modules or not sys.platform.startswith("linux"):
        import weasyprint

        return weasyprint
    import ctypes.util

    asli = ctypes.util.find_library
    ctypes.util.find_library = lambda nama: None
    try:
        import weasyprint
    finally:
        ctypes.util.find_library = asli
    return weasyprint


def _pengambil(folder_izin: list[Path]):
    from urllib.parse import unquote, urlsplit

    impor_weasyprint()
    from weasyprint.urls import URLFetcher

    izin = [Path(p).resolve() for p in folder_izin]

    class PengambilTerbatas(URLFetcher):
        """URLFetcher yang hanya melayani ``data:`` dan ``file:`` di dalam ``izin``; sisanya ditolak."""

        def __init__(self):
            super().__init__(allowed_protocols={"data", "file"}, allow_redirects=False)
            self.ditolak: list[str] = []

        def fetch(self, url, headers=None):
            skema = url.split(":", 1)[0].lower()
            if skema == "file":
                p = Path(unquote(urlsplit(url).path)).resolve()
                if not any(p == d or d in p.parents for d in izin):
                    self.ditolak.append(url)
                    raise NilaiError(f"lkj tidak memuat berkas di luar folder build: {url}")
            elif skema != "data":
                self.ditolak.append(url)
                raise NilaiError(f"lkj tidak memuat URL luar saat membuat PDF: {url}")
            return super().fetch(url, headers)

    return PengambilTerbatas()


def _halaman_jangkar(doc) -> dict[str, int]:
    out: dict[str, int] = {}
    for i, page in enumerate(doc.pages, start=1):
        for nama in page.anchors:
            out.setdefault(nama, i)
    return out


def tulis_pdf(rakitan: Rakitan, tujuan: Path, folder_kerja: Path | None = None, jangkar: dict | None = None) -> dict:
    """Tulis PDF; kembalikan ringkasan (jumlah halaman depan dan isi, URL yang ditolak).

    ``jangkar`` (dict, opsional) diisi {jangkar: label halaman} ("iii", "12"), mis. untuk Daftar Isi DOCX."""
    HTML = impor_weasyprint().HTML

    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    logging.getLogger("fontTools").setLevel(logging.ERROR)
    folder_kerja = Path(folder_kerja or tujuan.parent)
    pengambil = _pengambil([folder_kerja, TEMPLAT_DIR])
    base_url = folder_kerja.resolve().as_uri() + "/"

    def render(teks: str):
        return HTML(string=teks, base_url=base_url, url_fetcher=pengambil).render()

    # Tata letak WeasyPrint membuat jutaan objek berumur pendek; pengumpul sampah generasi 2 (yang
    # memindai SEMUA objek hidup) terpicu ±7 kali per laporan dan memakan ±2 s CPU. Selama render dan
    # penulisan ia dimatikan; siklus yang tertinggal dibereskan sekali di lepas_memori (puncak RSS
    # ±5 MB lebih tinggi). Lihat benchmarks/build.py.
    gc_aktif = gc.isenabled()
    gc.disable()
    try:
        info = _render_tulis(rakitan, render, tujuan, jangkar, pengambil)
    finally:
        if gc_aktif:
            gc.enable()
    lepas_memori()  # siklus tata letak WeasyPrint dibereskan sebelum DOCX/laporan berikutnya menambah puncak
    return info


def _render_tulis(rakitan: Rakitan, render, tujuan: Path, jangkar: dict | None, pengambil) -> dict:
    isi = render(rakitan.render("isi"))
    halaman = {k: str(v) for k, v in _halaman_jangkar(isi).items()}
    # bagian depan dirender SEKALI: halaman romawi judul-judulnya sendiri diisi WeasyPrint
    # (CSS target-counter pada .toc-depan), halaman isi ditulis sebagai teks
    depan = render(rakitan.render("depan", halaman))
    if jangkar is not None:
        from ..fmt import romawi

        jangkar.update({k: romawi(v).lower() for k, v in _halaman_jangkar(depan).items()})
        jangkar.update(halaman)
    gabung = depan.copy(depan.pages + isi.pages)
    tujuan.parent.mkdir(parents=True, exist_ok=True)
    gabung.write_pdf(str(tujuan))
    return {"halaman_depan": len(depan.pages), "halaman_isi": len(isi.pages), "url_ditolak": len(pengambil.ditolak)}


def lepas_memori() -> None:
    """Bereskan siklus tata letak WeasyPrint dan kembalikan memori bebas ke sistem (glibc
    ``malloc_trim``), agar pekerja batch tidak membawa puncak PDF laporan sebelumnya ke laporan berikutnya.
    Dipanggil setelah PDF ditulis (sebelum DOCX) dan oleh pekerja batch setelah setiap laporan."""
    import ctypes

    gc.collect()
    try:
        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):  # bukan glibc
        pass
