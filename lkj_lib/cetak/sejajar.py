"""Tata letak PDF di proses lain, sejajar dengan kernel notebook (``lkj build``).

``lkj build`` menjalankan notebook satu per satu di kernel (satu inti CPU) sementara proses utama
sebagian besar menunggu. :class:`PdfSejajar` memulai satu proses pembantu (``python -m
lkj_lib.cetak.sejajar``: hanya WeasyPrint dan lapisan terbawah lkj, tanpa pandas) yang memegang
:class:`~lkj_lib.cetak.pdf.SusunanPdf`: setiap bab yang notebooknya selesai langsung ditata di inti
yang lain, sementara kernel menjalankan notebook berikutnya. Proses utama kemudian meminta nomor
halaman isi, mengirim bagian depan, lalu menulis DOCX sementara pembantu menulis PDF. Hasilnya sama
dengan :class:`SusunanPdf` di proses yang sama (diuji), hanya waktunya yang tumpang tindih.

Pembantu dimulai sebagai proses baru biasa (bukan ``multiprocessing``): modul utama pemanggil (skrip
analis, notebook) tidak pernah dijalankan ulang di dalamnya. Pesan berupa tuple ter-pickle lewat
stdin/stdout pembantu (``multiprocessing.connection.Connection`` atas pipa); stdout Python pembantu
dialihkan ke stderr agar tidak mengotori pipa. Perintah: ``siapkan`` dan ``bab`` (tanpa balasan), lalu
``halaman``, ``depan``, ``tulis`` (dikirim oleh satu utas pengirim, jadi proses utama tidak pernah
tertahan oleh pipa yang penuh; masing-masing satu balasan ``("ok", nilai)`` atau ``("galat", nama,
pesan)``). Galat di pembantu dilaporkan pada balasan berikutnya sebagai
:class:`~lkj_lib.errors.CetakError`; pembantu yang mati juga. :meth:`PdfSejajar.tutup` selalu
menghentikan prosesnya.
"""

from __future__ import annotations

import os
import queue
import subprocess
import sys
import threading
from multiprocessing.connection import Connection
from pathlib import Path

from ..errors import CetakError


def _layani(masuk: Connection, keluar: Connection) -> None:
    """Badan proses pembantu: layani pesan sampai ``selesai`` atau pipa ditutup."""
    import gc
    import traceback

    gc.disable()  # proses berumur pendek: tanpa pemindaian GC selama tata letak
    from .pdf import SusunanPdf, impor_weasyprint

    impor_weasyprint()
    susunan = None
    galat = None  # galat pertama; dilaporkan pada balasan berikutnya
    while True:
        try:
            perintah, *arg = masuk.recv()
        except (EOFError, OSError):
            return
        if perintah == "selesai":
            return
        try:
            if galat is not None:
                raise galat
            if perintah == "siapkan":
                susunan = SusunanPdf(arg[0], Path(arg[1]), segera=True)
                continue
            if perintah == "bab":
                susunan.tambah_bab(*arg)
                continue
            if perintah == "halaman":
                hasil = susunan.halaman_isi()
            elif perintah == "depan":
                hasil = susunan.tata_depan(arg[0])
            elif perintah == "tulis":
                hasil = susunan.tulis(Path(arg[0]))
            else:
                raise ValueError(f"perintah tidak dikenal: {perintah}")
            keluar.send(("ok", hasil))
        except Exception as e:  # noqa: BLE001 - diteruskan ke proses utama
            if galat is None:
                galat = e
                if os.environ.get("LKJ_DEBUG"):
                    traceback.print_exc()
            if perintah not in ("siapkan", "bab"):
                keluar.send(("galat", type(galat).__name__, str(galat)))


def _utama() -> None:
    """``python -m lkj_lib.cetak.sejajar``: pipa perintah di fd 0, pipa balasan di fd 1."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C ditangani proses utama, yang menghentikan pembantu
    masuk = Connection(os.dup(0), writable=False)
    keluar = Connection(os.dup(1), readable=False)
    os.dup2(2, 1)  # print/log apa pun ke stderr, bukan ke pipa balasan
    devnull = os.open(os.devnull, os.O_RDONLY)
    os.dup2(devnull, 0)
    _layani(masuk, keluar)
    # keluar tanpa membongkar interpreter: membebaskan jutaan objek tata letak satu per satu (GC mati)
    # makan ±0,4 s yang ditunggu proses utama; PDF sudah tertulis dan ditutup, tidak ada yang perlu di-flush
    sys.stderr.flush()
    os._exit(0)


class PdfSejajar:
    """Antarmuka :class:`~lkj_lib.cetak.pdf.SusunanPdf` yang bekerja di proses pembantu.

    Mulai sedini mungkin (impor WeasyPrint berjalan sejajar), lalu ``siapkan`` → ``tambah_bab`` (tidak
    menunggu) → ``halaman_isi`` → ``tata_depan`` → ``tulis`` (tidak menunggu) → ``selesai`` (menunggu
    PDF tertulis). ``tutup`` selalu aman dipanggil."""

    def __init__(self):
        import lkj_lib

        akar = str(Path(lkj_lib.__file__).resolve().parents[1])  # lkj_lib yang sama dengan proses ini
        env = dict(os.environ, PYTHONPATH=os.pathsep.join(p for p in (akar, os.environ.get("PYTHONPATH")) if p))
        self._proses = subprocess.Popen([sys.executable, "-m", "lkj_lib.cetak.sejajar"], stdin=subprocess.PIPE,
                                        stdout=subprocess.PIPE, env=env, close_fds=True)
        self._kirim_ke = Connection(os.dup(self._proses.stdin.fileno()), readable=False)
        self._terima_dari = Connection(os.dup(self._proses.stdout.fileno()), writable=False)
        self._proses.stdin.close()
        self._proses.stdout.close()
        self._tulis_diminta = False
        # pengiriman lewat utas: potongan bab (ratusan KB) melebihi penyangga pipa (64 KB), dan send
        # akan menahan proses utama sampai pembantu selesai menata bab sebelumnya
        self._antre: queue.SimpleQueue = queue.SimpleQueue()
        self._galat_kirim: BaseException | None = None
        self._pengirim = threading.Thread(target=self._kirim_terus, name="lkj-pdf-kirim", daemon=True)
        self._pengirim.start()

    def _kirim_terus(self) -> None:
        while (pesan := self._antre.get()) is not None:
            if self._galat_kirim is not None:
                continue
            try:
                self._kirim_ke.send(pesan)
            except (OSError, ValueError) as e:
                self._galat_kirim = e

    def _mati(self, sebab: str) -> CetakError:
        kode = self._proses.poll() if self._proses is not None else None
        return CetakError(f"PDF gagal dibuat: proses tata letak PDF berhenti ({sebab}; kode keluar {kode}); "
                          "keluaran sebelumnya tidak diubah")

    def _kirim(self, *pesan) -> None:
        """Antrekan pesan (tidak menunggu); galat pengiriman sebelumnya dilaporkan di sini."""
        if self._galat_kirim is not None:
            raise self._mati(type(self._galat_kirim).__name__)
        self._antre.put(pesan)

    def _balasan(self):
        try:
            jawab = self._terima_dari.recv()
        except (EOFError, OSError) as e:
            raise self._mati(type(self._galat_kirim or e).__name__) from None
        if jawab[0] == "ok":
            return jawab[1]
        _, nama, pesan = jawab
        raise CetakError(f"PDF gagal dibuat ({nama}: {pesan}); keluaran sebelumnya tidak diubah")

    def siapkan(self, kerangka: str, folder_kerja: Path) -> None:
        self._kirim("siapkan", kerangka, str(folder_kerja))

    def tambah_bab(self, nama: str, html: str) -> None:
        self._kirim("bab", nama, html)

    def halaman_isi(self) -> dict[str, int]:
        self._kirim("halaman")
        return self._balasan()

    def tata_depan(self, html: str) -> dict[str, int]:
        self._kirim("depan", html)
        return self._balasan()

    def tulis(self, tujuan: Path) -> None:
        """Minta PDF ditulis ke ``tujuan`` tanpa menunggu; hasilnya diambil :meth:`selesai`."""
        self._kirim("tulis", str(tujuan))
        self._tulis_diminta = True

    def selesai(self) -> dict:
        """Tunggu PDF tertulis; kembalikan ringkasannya (halaman depan/isi, URL ditolak)."""
        if not self._tulis_diminta:
            raise CetakError("PDF belum diminta ditulis")
        self._tulis_diminta = False
        return self._balasan()

    def tutup(self) -> None:
        """Hentikan proses pembantu (aman dipanggil berkali-kali): menganggur → keluar seketika;
        masih menata (build gagal di tengah jalan) → dibunuh."""
        if self._proses is None:
            return
        self._antre.put(("selesai",))
        self._antre.put(None)
        try:
            self._proses.wait(timeout=1)
        except subprocess.TimeoutExpired:
            self._proses.kill()  # pengirim yang tertahan di pipa penuh ikut lepas (EPIPE)
            self._proses.wait(timeout=5)
        self._pengirim.join(timeout=5)
        self._kirim_ke.close()
        self._terima_dari.close()
        self._proses = None

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        self.tutup()


if __name__ == "__main__":
    _utama()
