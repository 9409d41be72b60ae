"""Tata letak PDF A4 lewat WeasyPrint, per bab, lalu digabung menjadi satu PDF.

Bagian isi tidak ditata sebagai satu dokumen besar, tetapi per bab (per notebook): setiap bab laporan
diawali ``h1.bab`` dengan ``break-before: page``, jadi tata letak sebuah bab tidak bergantung pada bab
sebelumnya kecuali nomor halaman pertamanya. Bab ke-2 dan seterusnya ditata sebagai dokumen sendiri yang
penghitung halamannya dimulai dari nomor lanjutan (``counter-reset: page N`` pada ``@page :first``,
lihat :func:`gaya_nomor_awal`), dan halaman-halamannya digabung; hasilnya sama, halaman demi halaman,
dengan menata seluruh isi sekaligus (diuji di ``tests/test_cetak_pdf.py``). Potongan notebook yang TIDAK
diawali pemutus halaman (mis. notebook tambahan tanpa judul bab) digabung ke dokumen bab sebelumnya,
seperti dulu.

Karena per bab, bab yang notebooknya sudah selesai dapat ditata sementara kernel menjalankan notebook
berikutnya (:mod:`lkj_lib.cetak.sejajar`). Bagian depan (sampul, kata pengantar, Daftar Isi/Tabel/
Gambar dengan nomor halaman isi) ditata terakhir: halaman romawi judul-judulnya sendiri di Daftar Isi
diisi WeasyPrint lewat CSS ``target-counter``. Semua halaman digabung menjadi satu PDF dengan bookmark
dari judul h1-h3 dan tautan Daftar Isi ke isi.

WeasyPrint hanya boleh membaca URL ``data:`` dan berkas di folder kerja build atau di aset paket
(:func:`pengambil_terbatas`): tidak ada permintaan jaringan dan tidak ada berkas lain mesin ini yang
ikut tertanam, apa pun isi narasi.

Modul ini hanya mengimpor WeasyPrint dan lapisan terbawah lkj (tanpa pandas), agar proses tata letak
sejajar cepat siap.
"""

from __future__ import annotations

import gc
import logging
import re
from markupsafe import escape
from pathlib import Path

from ..errors import NilaiError
from ..paths import TEMPLAT_DIR

PENANDA_ISI = "<!--lkj:isi-bab-->"
"""Tempat potongan bab di kerangka dokumen isi (lihat ``lkj_lib.bangun.rakit.kerangka_isi``)."""


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


def pengambil_terbatas(folder_izin: list[Path]):
    """URLFetcher WeasyPrint yang hanya melayani ``data:`` dan ``file:`` di dalam ``folder_izin``."""
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


def bungkus_bab(nama: str, html: str, pertama: bool) -> str:
    """Potongan HTML satu notebook dalam pembungkusnya (``div.nb``); ``pertama``: awal dokumen isi
    (judul babnya tidak memutus halaman lagi)."""
    return f'<div class="nb{" pertama" if pertama else ""} nb-{escape(nama)}">{html}</div>'


_RE_AWAL_BAB = re.compile(r'(?:\s|<div\b[^>]*>|</div>)*<h1 class="bab[ "]')


def mulai_halaman_baru(html: str) -> bool:
    """Apakah potongan notebook diawali judul bab (``h1.bab``, yang memutus halaman) tanpa isi
    tampak sebelumnya (hanya ``div`` pembungkus sel dan spasi)."""
    return _RE_AWAL_BAB.match(html) is not None


def gaya_nomor_awal(nomor: int) -> str:
    """CSS dokumen bab lanjutan: halaman pertamanya bernomor ``nomor`` dan berkepala seperti halaman
    isi lain (aturan ``@page :first`` laporan.css hanya untuk halaman pertama isi laporan)."""
    return ("<style>@media print { @page :first { counter-reset: page %d; "
            "@top-center { content: string(kepala); } @bottom-center { content: counter(page); } } }</style>"
            % int(nomor))


def _halaman_jangkar(doc, awal: int = 1) -> dict[str, int]:
    out: dict[str, int] = {}
    for i, page in enumerate(doc.pages, start=awal):
        for nama in page.anchors:
            out.setdefault(nama, i)
    return out


class SusunanPdf:
    """Tata letak PDF satu laporan: bab demi bab (:meth:`tambah_bab`), bagian depan
    (:meth:`tata_depan`), lalu satu berkas (:meth:`tulis`).

    ``kerangka``: dokumen HTML isi lengkap (CSS, kepala halaman) dengan :data:`PENANDA_ISI` di tempat
    isi bab. ``segera``: tata setiap bab saat ditambahkan (proses sejajar); bila tidak, semua bab
    ditata sekaligus saat nomor halaman pertama kali diminta.
    Pengumpul sampah dimatikan selama tata letak (jutaan objek berumur pendek; generasi 2 memindai
    semua objek hidup, ±2 s CPU per laporan); siklusnya dibereskan sekali di :func:`lepas_memori`.
    """

    def __init__(self, kerangka: str, folder_kerja: Path, segera: bool = False):
        if PENANDA_ISI not in kerangka:
            raise NilaiError("kerangka isi PDF tanpa penanda isi bab")
        logging.getLogger("weasyprint").setLevel(logging.ERROR)
        logging.getLogger("fontTools").setLevel(logging.ERROR)
        self.kerangka = kerangka
        self.folder_kerja = Path(folder_kerja)
        self.segera = segera
        self.pengambil = pengambil_terbatas([self.folder_kerja, TEMPLAT_DIR])
        # satu konfigurasi fontconfig + peta fon Pango untuk semua dokumen laporan ini (5 bab + bagian
        # depan): tanpanya setiap render() membuat peta baru dan memuat ulang fon yang sama (puncak RSS
        # pekerja batch ±8 MB lebih tinggi; PDF sama)
        from weasyprint.text.fonts import FontConfiguration

        self._fon = FontConfiguration()
        self._base_url = self.folder_kerja.resolve().as_uri() + "/"
        self._antre: list[tuple[str, str]] = []
        self._bab: list[dict] = []  # {"bagian": [(nama, html)], "doc": Document}
        self._depan = None

    def _render(self, teks: str):
        HTML = impor_weasyprint().HTML
        gc_aktif = gc.isenabled()
        gc.disable()
        try:
            return HTML(string=teks, base_url=self._base_url, url_fetcher=self.pengambil).render(
                font_config=self._fon)
        finally:
            if gc_aktif:
                gc.enable()

    def tambah_bab(self, nama: str, html: str) -> None:
        """Tambahkan potongan HTML satu notebook isi (bukan bagian depan), berurutan."""
        self._antre.append((nama, html))
        if self.segera:
            self._tata_antrean()

    def _awal(self, indeks: int) -> int:
        return 1 + sum(len(b["doc"].pages) for b in self._bab[:indeks])

    def _tata_antrean(self) -> None:
        for nama, html in self._antre:
            if self._bab and not mulai_halaman_baru(html):
                self._bab[-1]["bagian"].append((nama, html))  # tanpa pemutus halaman: satu dokumen
            else:
                self._bab.append({"bagian": [(nama, html)], "doc": None})
            b = self._bab[-1]
            isi = "".join(bungkus_bab(n, h, i == 0) for i, (n, h) in enumerate(b["bagian"]))
            awal = self._awal(len(self._bab) - 1)
            kepala = gaya_nomor_awal(awal) if awal > 1 else ""
            teks = self.kerangka.replace("</head>", kepala + "</head>", 1).replace(PENANDA_ISI, isi, 1)
            b["doc"] = self._render(teks)
        self._antre.clear()

    def halaman_isi(self) -> dict[str, int]:
        """{jangkar: nomor halaman isi} (1, 2, ...) setelah semua bab ditata."""
        self._tata_antrean()
        out: dict[str, int] = {}
        for i, b in enumerate(self._bab):
            for k, v in _halaman_jangkar(b["doc"], self._awal(i)).items():
                out.setdefault(k, v)
        return out

    def tata_depan(self, html: str) -> dict[str, int]:
        """Tata bagian depan (HTML lengkap); kembalikan {jangkar: urutan halaman depan} (1 = sampul)."""
        self._depan = self._render(html)
        return _halaman_jangkar(self._depan)

    def tulis(self, tujuan: Path) -> dict:
        """Tulis PDF gabungan; kembalikan jumlah halaman depan dan isi dan URL yang ditolak."""
        if self._depan is None:
            raise NilaiError("bagian depan PDF belum ditata")
        self._tata_antrean()
        halaman_isi = [p for b in self._bab for p in b["doc"].pages]
        gabung = self._depan.copy(self._depan.pages + halaman_isi)
        tujuan = Path(tujuan)
        tujuan.parent.mkdir(parents=True, exist_ok=True)
        gc_aktif = gc.isenabled()
        gc.disable()
        try:
            gabung.write_pdf(str(tujuan))
        finally:
            if gc_aktif:
                gc.enable()
        return {"halaman_depan": len(self._depan.pages), "halaman_isi": len(halaman_isi),
                "url_ditolak": len(self.pengambil.ditolak)}

    def selesai(self) -> None:
        """Lepaskan dokumen yang ditata."""
        self._bab.clear()
        self._depan = self._fon = None
        lepas_memori()


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
