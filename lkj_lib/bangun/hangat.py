"""Pelaksana notebook dengan SATU kernel hangat yang dipakai ulang antar-notebook dan antar-laporan.

Protokolnya sama dengan :class:`lkj_lib.bangun.eksekusi.PelaksanaSegar`
(``jalankan(masukan, keluaran, parameter) -> NotebookNode`` dan ``tutup()``), jadi
``bangun(..., pelaksana=PelaksanaHangat())`` menghasilkan laporan yang sama.

Cara kerja:

- kernel dan klien dimulai sekali lewat nbclient (argumen kernel sama dengan Papermill:
  riwayat IPython di memori, log ERROR);
- setiap notebook dijalankan oleh ``papermill.execute_notebook`` dengan mesin (engine) Papermill
  terdaftar bernama ``lkj-hangat``: parameternya disuntikkan ``parameterize_notebook`` (sel
  ``injected-parameters`` dan metadata Papermill sama persis dengan kernel segar), sedangkan
  eksekusinya memakai ``PapermillNotebookClient`` (turunan ``nbclient.NotebookClient``) yang
  terikat pada km/kc milik pelaksana ini;
- sebelum setiap notebook keadaan kernel dipulihkan: ``%reset -f`` (tanpa gc.collect paksa),
  nomor eksekusi kembali 1,
  ``plt.close('all')`` + rcParams matplotlib dari berkas rc (``rc_file_defaults``, = keadaan
  kernel baru), opsi pandas, filter ``warnings`` dan ``sys.path`` awal, lalu ``os.chdir`` ke folder
  notebook. Modul yang sudah diimpor (pandas, matplotlib, lkj_lib) tetap dimuat: itulah
  penghematannya;
- galat sel → :class:`~lkj_lib.errors.BuildError` (notebook, nomor eksekusi sel, ename, evalue)
  setelah notebook yang setengah jalan ditulis ke ``keluaran``; kernel mati/tenggat habis →
  BuildError juga, dan kernel dimulai ulang pada pemanggilan berikutnya;
- ``tutup()`` mematikan kernel seketika; juga dipanggil saat objek dibuang (GC) atau proses keluar.

Semua pemanggilan satu pelaksana harus dari utas (thread) yang sama: klien asinkron jupyter_client
terikat pada event loop utas pembuatnya.
"""

from __future__ import annotations

import json
import threading
import weakref
from pathlib import Path

from ..errors import BuildError

NAMA_MESIN = "lkj-hangat"
# modul yang diimpor notebook laporan (dan yang dibutuhkan untuk membaca berkas keadaan build)
MODUL_PANAS = ("lkj_lib.tampil", "matplotlib.pyplot", "lkj_lib.sajian.narasi", "lkj_lib.sajian.uraian",
               "lkj_lib.sajian.tabel_laporan", "lkj_lib.sajian.tabel_lampiran", "lkj_lib.grafik.laporan",
               "lkj_lib.audit", "lkj_lib.instrumen")
_mesin_terdaftar = False

# Dijalankan sekali setelah kernel siap: potret keadaan awal (di luar namespace pengguna,
# sehingga tidak terhapus %reset).
_KODE_POTRET = """
import sys as _s, types as _t, warnings as _w
_s.modules["__lkj_hangat__"] = _t.SimpleNamespace(filters=list(_w.filters), path=list(_s.path))
del _s, _t, _w
"""

# Dijalankan (diam, tanpa riwayat) sebelum setiap notebook. ``%reset -f`` apa adanya, kecuali dua
# gc.collect() paksa di dalamnya (±0,13 s per notebook dengan pandas/matplotlib termuat): siklus
# referensi tetap dibereskan GC otomatis; tanpa siklus, objek sudah bebas saat namanya dihapus.
_KODE_PULIHKAN = """
def __lkj_pulihkan(folder):
    import gc, os, sys, warnings
    kumpulkan = gc.collect
    gc.collect = lambda *a, **k: 0
    try:
        get_ipython().run_line_magic("reset", "-f")  # menghapus juga nama fungsi ini; aman
    finally:
        gc.collect = kumpulkan
    get_ipython().execution_count = 1
    potret = sys.modules["__lkj_hangat__"]
    warnings.filters[:] = potret.filters
    ubah = getattr(warnings, "_filters_mutated", None)
    if ubah is not None:
        ubah()
    sys.path[:] = potret.path
    if "matplotlib.pyplot" in sys.modules:
        sys.modules["matplotlib.pyplot"].close("all")
    if "matplotlib" in sys.modules:
        sys.modules["matplotlib"].rc_file_defaults()
    if "pandas" in sys.modules:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            sys.modules["pandas"].reset_option("all")
    os.chdir(folder)
__lkj_pulihkan({folder})
"""

# Dijalankan (diam, tanpa menunggu balasan) setelah notebook terakhir sebuah laporan di kernel yang
# dipakai ulang (batch): namespace laporan dilepas, figur ditutup, siklus dibereskan, dan memori bebas
# dikembalikan ke sistem (malloc_trim glibc, bila ada) selama pekerja merender PDF. Yang masih hidup sesudahnya
# (modul, cache) dibekukan (gc.freeze): koleksi generasi 2 laporan berikutnya tidak memindainya lagi (±0,23 s
# CPU per laporan HSS).
_KODE_REHAT = """
def __lkj_rehat():
    import ctypes, gc, sys
    get_ipython().run_line_magic("reset", "-f")
    if "matplotlib.pyplot" in sys.modules:
        sys.modules["matplotlib.pyplot"].close("all")
    gc.collect()
    try:
        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):
        pass
    gc.freeze()
__lkj_rehat()
"""


# SVG figures/ ditunda ke akhir laporan (lkj_lib.grafik.svg): di luar jalur kritis notebook → PDF
_KODE_TUNDA_SVG = "import lkj_lib.grafik.svg as _s; _s.tunda(); del _s"
_KODE_TULIS_SVG = "import lkj_lib.grafik.svg as _s; _s.tulis_tertunda(); del _s"


def _daftarkan_mesin() -> None:
    """Daftarkan mesin Papermill ``lkj-hangat`` (sekali per proses)."""
    global _mesin_terdaftar
    if _mesin_terdaftar:
        return
    from papermill.clientwrap import PapermillNotebookClient
    from papermill.engines import Engine, papermill_engines

    class MesinHangat(Engine):
        """Mesin Papermill yang memakai km/kc milik ``pelaksana`` alih-alih kernel baru."""

        @classmethod
        def execute_managed_notebook(cls, nb_man, kernel_name, log_output=False, stdout_file=None,
                                     stderr_file=None, start_timeout=60, execution_timeout=None,
                                     pelaksana=None, **kwargs):
            klien = PapermillNotebookClient(
                nb_man, km=pelaksana.km, kernel_name=kernel_name, timeout=execution_timeout,
                startup_timeout=start_timeout, log_output=False, stdout_file=stdout_file,
                stderr_file=stderr_file)
            klien.kc = pelaksana.kc
            pelaksana._nb_berjalan = nb_man.nb
            return klien.execute()

    papermill_engines.register(NAMA_MESIN, MesinHangat)
    _mesin_terdaftar = True


def _matikan(km, kc) -> None:
    """Matikan kernel seketika; bila gagal, bunuh prosesnya langsung."""
    from jupyter_core.utils import run_sync

    try:
        if kc is not None:
            kc.stop_channels()
    except Exception:  # noqa: BLE001 - pembersihan sebisanya
        pass
    if km is None:
        return
    try:
        run_sync(km.shutdown_kernel)(now=True)
        return
    except Exception:  # noqa: BLE001
        pass
    proses = getattr(getattr(km, "provisioner", None), "process", None)
    try:
        if proses is not None:
            proses.kill()
    except Exception:  # noqa: BLE001
        pass


class PelaksanaHangat:
    """Satu kernel IPython yang tetap hidup untuk semua notebook yang dijalankannya."""

    nama = "kernel-hangat"

    def __init__(self, kernel: str = "python3", batas_waktu: int = 600, batas_mulai: int = 60):
        self.kernel = kernel
        self.batas_waktu = batas_waktu
        self.batas_mulai = batas_mulai
        self.km = None
        self.kc = None
        self._utas = None
        self._nb_berjalan = None
        self._klien = None
        self._svg_diminta = None  # msg_id permintaan tulis_svg yang belum ditunggu
        self._pemula = None  # kernel diluncurkan, klien belum (lihat luncurkan)
        self._penutup = None
        self.jumlah_notebook = 0
        self.jumlah_mulai = 0

    # ------------------------------------------------------------------ siklus hidup kernel
    @property
    def hidup(self) -> bool:
        return self.km is not None and self.kc is not None

    @property
    def pid_kernel(self) -> int | None:
        proses = getattr(getattr(self.km, "provisioner", None), "process", None)
        return getattr(proses, "pid", None)

    def luncurkan(self) -> None:
        """Mulai proses kernel tanpa menunggu siap (±1 s di inti lain); :meth:`mulai` menyelesaikannya.
        Pemanggil dapat bekerja (hitung + audit) sementara kernel bersiap."""
        if self.hidup or self._pemula is not None:
            return
        import nbformat
        from nbclient import NotebookClient

        from .eksekusi import kelas_manajer_kernel

        _daftarkan_mesin()
        pemula = NotebookClient(nbformat.v4.new_notebook(), kernel_name=self.kernel,
                                kernel_manager_class=kelas_manajer_kernel(),  # berkas koneksi kernel-lkj-*
                                startup_timeout=self.batas_mulai, timeout=self.batas_mulai,
                                extra_arguments=["--IPKernelApp.log_level=ERROR"])
        pemula.km = pemula.create_kernel_manager()
        try:
            pemula.start_new_kernel(cwd=str(Path.cwd()))
        except Exception as e:
            _matikan(pemula.km, None)
            raise BuildError(f"kernel {self.kernel} tidak dapat dimulai: {type(e).__name__}: {e}") from None
        self._pemula = pemula
        self._utas = threading.get_ident()
        self._penutup = weakref.finalize(self, _matikan, pemula.km, None)  # sampai klien ada

    def mulai(self) -> None:
        """Mulai kernel dan klien (bila belum) dan tunggu siap; dipanggil otomatis oleh :meth:`jalankan`."""
        if self.hidup:
            return
        self.luncurkan()
        pemula, self._pemula = self._pemula, None
        try:
            pemula.start_new_kernel_client()
        except Exception as e:
            self._penutup.detach()
            _matikan(pemula.km, pemula.kc)
            self._penutup = self._utas = None
            raise BuildError(f"kernel {self.kernel} tidak dapat dimulai: {type(e).__name__}: {e}") from None
        self._penutup.detach()
        self.km, self.kc = pemula.km, pemula.kc
        self._penutup = weakref.finalize(self, _matikan, self.km, self.kc)
        self._klien = pemula  # hanya untuk kode pemulihan (wait_for_reply), bukan untuk notebook
        self.jumlah_mulai += 1
        self._eksekusi_diam(_KODE_POTRET)

    def panaskan(self, modul: tuple[str, ...] = MODUL_PANAS) -> None:
        """Mulai mengimpor ``modul`` di kernel tanpa menunggu (berjalan sejajar dengan pemanggil).

        Balasannya diabaikan (nbclient hanya membaca balasan untuk pesannya sendiri); galat impor
        akan muncul lagi, dengan jelas, di notebook yang membutuhkan modul itu.
        """
        self.mulai()
        self.kc.execute("\n".join(f"import {m}" for m in modul), silent=True, store_history=False)

    def rehat(self) -> None:
        """Lepaskan memori laporan yang baru selesai di kernel, tanpa menunggu (sejajar dengan PDF).

        Dipakai bila kernel tetap hidup untuk laporan berikutnya (batch); balasannya diabaikan seperti
        :meth:`panaskan`, dan notebook berikutnya tetap diawali :meth:`pulihkan`."""
        if self.hidup:
            self.kc.execute(_KODE_REHAT, silent=True, store_history=False)

    def tunda_svg(self) -> None:
        """Mulai menunda SVG ``figures/`` laporan berikutnya (lihat :mod:`lkj_lib.grafik.svg`)."""
        self.mulai()
        self._eksekusi_diam(_KODE_TUNDA_SVG)

    def tulis_svg(self) -> None:
        """Minta kernel menulis SVG yang ditunda, tanpa menunggu (:meth:`tunggu_svg` menunggunya).
        Sementara itu pemanggil merakit HTML, menata PDF dan menulis DOCX."""
        self._svg_diminta = self.kc.execute(_KODE_TULIS_SVG, silent=True, store_history=False)

    def tunggu_svg(self) -> None:
        """Tunggu permintaan :meth:`tulis_svg` (bila ada) selesai; BuildError bila gagal. Aman diulang."""
        msg_id, self._svg_diminta = self._svg_diminta, None
        if msg_id is None or not self.hidup:
            return
        try:
            balasan = self._klien.wait_for_reply(msg_id)
        except Exception as e:  # noqa: BLE001 - kernel mati/tenggat: BuildError yang jelas
            raise BuildError(f"menulis SVG figures/ gagal: {type(e).__name__}: {e}",
                             nama_galat=type(e).__name__, nilai_galat=str(e)) from None
        isi = (balasan or {}).get("content", {})
        if isi.get("status") != "ok":
            raise BuildError(f"menulis SVG figures/ gagal: {isi.get('ename', '')}: {isi.get('evalue', '')}",
                             nama_galat=isi.get("ename", ""), nilai_galat=isi.get("evalue", ""))

    def tutup(self) -> None:
        """Matikan kernel seketika (aman dipanggil berkali-kali)."""
        if self._penutup is not None:
            self._penutup()  # memanggil _matikan sekali saja
        self._penutup = None
        self.km = self.kc = self._klien = self._pemula = self._svg_diminta = None
        self._utas = None

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        self.tutup()

    # ------------------------------------------------------------------ eksekusi
    def _eksekusi_diam(self, kode: str) -> None:
        """Jalankan kode tanpa keluaran/riwayat; naikkan BuildError bila gagal."""
        balasan = self._klien.wait_for_reply(self.kc.execute(kode, silent=True, store_history=False))
        isi = (balasan or {}).get("content", {})
        if isi.get("status") != "ok":
            raise BuildError(f"pemulihan kernel gagal: {isi.get('ename', '')}: {isi.get('evalue', '')}",
                             nama_galat=isi.get("ename", ""), nilai_galat=isi.get("evalue", ""))

    def pulihkan(self, folder: Path) -> None:
        """Kembalikan kernel ke keadaan 'baru' dengan direktori kerja ``folder``."""
        self._eksekusi_diam(_KODE_PULIHKAN.replace("{folder}", json.dumps(str(folder))))

    def jalankan(self, masukan: Path, keluaran: Path, parameter: dict):
        """Jalankan ``masukan`` dengan ``parameter``, tulis hasilnya ke ``keluaran``; kembalikan notebooknya."""
        import papermill as pm
        from nbclient.exceptions import CellTimeoutError, DeadKernelError
        from papermill.exceptions import PapermillExecutionError

        masukan, keluaran = Path(masukan), Path(keluaran)
        if self._utas is not None and self._utas != threading.get_ident():
            raise BuildError("PelaksanaHangat dipanggil dari utas lain; buat satu pelaksana per utas")
        self.mulai()
        self._nb_berjalan = None
        try:
            self.pulihkan(masukan.parent.resolve())
            nb = pm.execute_notebook(
                str(masukan), str(keluaran), parameters=parameter, engine_name=NAMA_MESIN,
                kernel_name=self.kernel, progress_bar=False, log_output=False,
                request_save_on_cell_execute=False, start_timeout=self.batas_mulai,
                execution_timeout=self.batas_waktu, pelaksana=self)
            self.jumlah_notebook += 1
            return nb
        except PapermillExecutionError as e:
            raise BuildError(
                f"notebook {masukan.name} gagal di sel {e.exec_count}: {e.ename}: {e.evalue}",
                notebook=masukan.name, sel=e.exec_count, nama_galat=e.ename, nilai_galat=e.evalue,
                notebook_gagal=str(keluaran)) from None
        except (DeadKernelError, CellTimeoutError, RuntimeError, TimeoutError) as e:
            # kernel mati, tenggat habis, atau kanal putus: simpan jejak lalu mulai ulang nanti
            self._tulis_setengah_jalan(keluaran)
            self.tutup()
            nama = type(e).__name__
            raise BuildError(f"notebook {masukan.name} gagal: {nama}: {e}", notebook=masukan.name,
                             nama_galat=nama, nilai_galat=str(e),
                             notebook_gagal=str(keluaran) if keluaran.exists() else "") from None

    def _tulis_setengah_jalan(self, keluaran: Path) -> None:
        if self._nb_berjalan is None:
            return
        try:
            import nbformat

            keluaran.parent.mkdir(parents=True, exist_ok=True)
            nbformat.write(self._nb_berjalan, str(keluaran))
        except Exception:  # noqa: BLE001 - jejak sebisanya; galat aslinya yang dilaporkan
            pass


__all__ = ["PelaksanaHangat", "NAMA_MESIN"]
