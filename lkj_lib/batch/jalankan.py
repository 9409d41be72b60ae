"""Menjalankan banyak SKPD-tahun: temukan → periksa cache → bangun (paralel) → hasil per laporan.

Satu laporan = satu tugas. Setiap pekerja (proses) memakai satu :class:`PelaksanaHangat` selama
hidupnya. Tiga cara menjalankan:

- ``jobs == 1`` tanpa scheduler: di proses ini, berurutan;
- ``jobs > 1`` tanpa scheduler: ``ProcessPoolExecutor`` (konteks *spawn*; kernel Jupyter adalah
  subproses, jadi *fork* dari proses yang sudah punya utas tidak dipakai);
- ``scheduler="local"`` (``dask.distributed.LocalCluster``) atau ``"tcp://HOST:PORT"`` (klaster yang
  sudah berjalan): setiap pekerja Dask menjalankan laporan di satu utas khususnya sendiri, tempat
  kernel hangatnya hidup.

Kegagalan satu laporan (InputError, BuildError, galat apa pun) menjadi :class:`HasilLaporan`
berstatus ``gagal``; laporan lain tetap dibangun.
"""

from __future__ import annotations

import gc
import json
import logging
import math
import re
import signal
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from fnmatch import fnmatch
from pathlib import Path
from typing import Callable

from ..errors import InputError, LkjError

POLA_TAHUN = re.compile(r"^\d{4}$")
LOG = logging.getLogger("lkj.batch")
STATUS = ("berhasil", "tersimpan", "gagal")


@dataclass(frozen=True)
class Tugas:
    """Satu SKPD-tahun yang akan dibangun (jalur absolut: dapat dikirim ke pekerja lain)."""

    folder_skpd: str
    root_keluaran: str
    kunci: str
    draf: bool = False
    pdf: bool = True
    sesi: str = ""  # id satu pemanggilan `lkj batch`: tugas yang dijadwal ulang tidak membangun dua kali
    docx: bool = True

    @property
    def skpd(self) -> str:
        return Path(self.folder_skpd).parent.name

    @property
    def tahun(self) -> str:
        return Path(self.folder_skpd).name

    @property
    def label(self) -> str:
        return f"{self.skpd}/{self.tahun}"

    @property
    def folder_laporan(self) -> Path:
        """Sama dengan ``ParameterBuild.folder_keluaran``: ``<skpd>/<tahun>`` atau ``<skpd>/<tahun>-draf``."""
        from ..bangun.parameter import nama_folder_laporan

        return Path(self.root_keluaran) / self.skpd / nama_folder_laporan(self.tahun, self.draf)


@dataclass
class HasilLaporan:
    """Hasil satu laporan dalam batch."""

    skpd: str
    tahun: str
    status: str  # berhasil | tersimpan | gagal (indeks juga memakai 'tidak dipilih')
    waktu: float = 0.0
    audit: dict = field(default_factory=dict)  # {'galat': n, 'peringatan': n, 'info': n}
    capaian_iku: float | None = None
    nama_skpd: str = ""
    pesan: str = ""
    rincian: list[str] = field(default_factory=list)
    sintetis: bool = False
    html: str = ""
    pdf: str = ""
    draf: bool = False

    @property
    def label(self) -> str:
        return f"{self.skpd}/{self.tahun}"

    @property
    def nama_folder(self) -> str:
        from ..bangun.parameter import nama_folder_laporan

        return nama_folder_laporan(self.tahun, self.draf)


def temukan(root_params: str | Path, pola: str | None = None) -> list[Path]:
    """Folder ``<root>/<skpd>/<tahun>`` (nama 4 digit, berisi lkj.yaml), urut; ``pola`` = fnmatch
    pada ``<skpd>/<tahun>``. ``root`` boleh juga folder satu SKPD atau satu SKPD-tahun."""
    root = Path(root_params)
    calon = [*root.glob("*/*"), *root.glob("*"), root]
    hasil = {p.resolve() for p in calon
             if p.is_dir() and POLA_TAHUN.match(p.name) and (p / "lkj.yaml").is_file()}
    out = sorted(hasil, key=lambda p: (p.parent.name, p.name))
    if pola:
        out = [p for p in out if fnmatch(f"{p.parent.name}/{p.name}", pola)]
    return out


def _angka(v) -> float | None:
    try:
        v = float(v)
    except (TypeError, ValueError):
        return None
    return None if math.isnan(v) or math.isinf(v) else v


def hasil_dari_catatan(tugas: Tugas, catatan: dict, status: str = "tersimpan") -> HasilLaporan:
    """HasilLaporan dari ``.kunci-cache`` (tanpa membangun ulang)."""
    return HasilLaporan(
        tugas.skpd, tugas.tahun, status, 0.0, dict(catatan.get("audit") or {}),
        _angka(catatan.get("capaian_iku")), str(catatan.get("nama_skpd") or ""),
        sintetis=bool(catatan.get("sintetis")), html=str(catatan.get("html") or ""),
        pdf=str(catatan.get("pdf") or ""), draf=tugas.draf)


def _pesan_galat(e: BaseException) -> tuple[str, list[str]]:
    """(satu baris ringkas, rincian) untuk tabel ringkasan dan indeks."""
    if isinstance(e, InputError):
        galat = [m for m in e.masalah if m.tingkat == "galat"] or e.masalah
        pertama = f": {galat[0].lokasi()}: {galat[0].pesan}" if galat else ""
        return f"masukan tidak sah ({len(galat)} galat){pertama}", [m.baris_teks() for m in galat]
    if isinstance(e, LkjError):
        teks = str(e)
        return teks.splitlines()[0] if teks else type(e).__name__, teks.splitlines()
    return f"{type(e).__name__}: {e}", []


def _ringkas_dari(folder: Path, tugas: Tugas) -> dict:
    """Catatan cache dari ``ringkasan.json`` yang ditulis build (tanpa memuat/menghitung ulang)."""
    r = json.loads((folder / "ringkasan.json").read_text(encoding="utf-8"))
    nama = f"LKj-{tugas.skpd}-{tugas.tahun}" + ("-DRAF" if tugas.draf else "")
    return {"skpd": tugas.skpd, "tahun": tugas.tahun, "nama_skpd": r.get("skpd") or "",
            "capaian_iku": _angka(r.get("capaian_iku")), "audit": dict(r.get("audit") or {}),
            "sintetis": bool(r.get("sintetis")), "html": f"{nama}.html",
            "pdf": f"{nama}.pdf" if tugas.pdf else None, "sesi": tugas.sesi}


def bangun_satu(tugas: Tugas, pelaksana) -> HasilLaporan:
    """Bangun satu laporan dengan ``pelaksana``; tidak pernah menaikkan galat.

    Laporan dibangun di folder kerja dan catatan cache-nya (``.kunci-cache``) ditulis ke folder kerja
    itu juga, lalu keduanya dipindahkan sekaligus (rename) di bawah kunci laporan: pekerja yang
    dibunuh tidak meninggalkan laporan setengah jadi atau laporan tanpa catatan. Tugas yang
    dijadwal ulang (pekerja Dask mati setelah memindahkan laporannya tetapi sebelum melapor) melihat
    catatan bersesi sama dan tidak membangun dua kali.
    """
    t0 = time.perf_counter()
    try:
        from ..bangun import bangun
        from ..bangun.aman import kunci_laporan
        from .cache import catatan_berlaku, tulis_catatan

        ringkas: dict = {}

        def catat(folder_kerja: Path) -> None:
            ringkas.update(_ringkas_dari(folder_kerja, tugas))
            tulis_catatan(folder_kerja, tugas.kunci, {**ringkas, "waktu_detik": round(time.perf_counter() - t0, 3)})

        root = Path(tugas.root_keluaran)
        root.mkdir(parents=True, exist_ok=True)
        with kunci_laporan(root, f"{tugas.skpd}-{tugas.folder_laporan.name}"):
            lama = catatan_berlaku(tugas.folder_laporan, tugas.kunci) if tugas.sesi else None
            if lama is not None and lama.get("sesi") == tugas.sesi:
                LOG.info("lkj: sudah dibangun di sesi ini %s", tugas.label)
                hasil = hasil_dari_catatan(tugas, lama, "berhasil")
            else:
                LOG.info("lkj: mulai %s", tugas.label)
                bangun(tugas.folder_skpd, tugas.root_keluaran, draf=tugas.draf, pelaksana=pelaksana,
                       pdf=tugas.pdf, log=None, sebelum_pindah=catat, docx=tugas.docx)
                LOG.info("lkj: selesai %s", tugas.label)
                hasil = hasil_dari_catatan(tugas, ringkas, "berhasil")
    except Exception as e:  # noqa: BLE001 - satu laporan gagal, batch jalan terus
        pesan, rincian = _pesan_galat(e)
        LOG.info("lkj: gagal %s: %s", tugas.label, pesan)
        hasil = HasilLaporan(tugas.skpd, tugas.tahun, "gagal", pesan=pesan, rincian=rincian, draf=tugas.draf)
    finally:
        from ..cetak.pdf import lepas_memori

        lepas_memori()  # pekerja lanjut ke laporan berikutnya: jangan bawa puncak laporan ini
        # yang masih hidup sesudah laporan selesai dan sampah dibereskan (modul, cache pustaka) hidup
        # sampai pekerja berhenti: keluarkan dari pindaian GC generasi 2 laporan berikutnya (±0,25 s CPU
        # per laporan HSS). Objek beku tetap dibebaskan biasa bila tidak dirujuk lagi.
        gc.freeze()
    hasil.waktu = round(time.perf_counter() - t0, 3)
    return hasil


def hasil_gagal(tugas: Tugas, pesan: str) -> HasilLaporan:
    return HasilLaporan(tugas.skpd, tugas.tahun, "gagal", pesan=pesan, draf=tugas.draf)


# ---------------------------------------------------------------------- keadaan per pekerja
_PELAKSANA = None
_UTAS: ThreadPoolExecutor | None = None
_KUNCI_UTAS = threading.Lock()


def pelaksana_pekerja():
    """PelaksanaHangat milik proses ini (dibuat sekali, ditutup saat proses keluar)."""
    global _PELAKSANA
    if _PELAKSANA is None:
        import multiprocessing.util

        from .kernel import PelaksanaHangat

        _PELAKSANA = PelaksanaHangat()
        # proses anak multiprocessing keluar lewat os._exit: atexit tidak jalan, Finalize jalan
        multiprocessing.util.Finalize(None, tutup_pekerja, exitpriority=100)
    return _PELAKSANA


def tutup_pekerja() -> None:
    global _PELAKSANA
    if _PELAKSANA is not None:
        _PELAKSANA.tutup()
        _PELAKSANA = None


def _mulai_pekerja() -> None:
    """Initializer ProcessPool: Ctrl-C ditangani proses induk; kernel dan pekerja dipanaskan
    bersamaan (kernel mengimpor lkj_lib.tampil sementara pekerja mengimpor lkj_lib.bangun)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    pelaksana_pekerja().panaskan()
    from .. import bangun  # noqa: F401 - nbformat/jsonschema/pandas: ±1,5 s sekali per pekerja


def _tugas_lokal(tugas: Tugas) -> HasilLaporan:
    return bangun_satu(tugas, pelaksana_pekerja())


def _tugas_dask(tugas: Tugas) -> HasilLaporan:
    """Tugas Dask: jalankan di utas khusus proses pekerja (klien kernel terikat pada utasnya)."""
    global _UTAS
    with _KUNCI_UTAS:  # pekerja Dask berutas banyak: tetap satu utas kernel, tugas bergiliran
        if _UTAS is None:
            _UTAS = ThreadPoolExecutor(1, thread_name_prefix="lkj-kernel-hangat")
            _UTAS.submit(lambda: pelaksana_pekerja().panaskan()).result()
    return _UTAS.submit(_tugas_lokal, tugas).result()


def _tutup_dask() -> None:
    if _UTAS is not None:
        _UTAS.submit(tutup_pekerja).result(timeout=60)


def _plugin_dask():
    from distributed.diagnostics.plugin import WorkerPlugin

    class PenutupKernel(WorkerPlugin):
        """Matikan kernel hangat saat pekerja Dask berhenti."""

        def setup(self, worker):
            """Kabar per laporan (mulai/selesai/gagal) ke log pekerja (stderr)."""
            if not any(getattr(h, "_lkj", False) for h in LOG.handlers):
                h = logging.StreamHandler()
                h._lkj = True
                h.setFormatter(logging.Formatter(f"%(asctime)s {worker.name} %(message)s"))
                LOG.addHandler(h)
                LOG.setLevel(logging.INFO)

        def teardown(self, worker):
            _tutup_dask()

    return PenutupKernel()


# ---------------------------------------------------------------------- cara menjalankan
def _jalankan_di_sini(tugas: list[Tugas], selesai: Callable[[HasilLaporan], None]) -> None:
    from .kernel import PelaksanaHangat

    with PelaksanaHangat() as pelaksana:
        for t in tugas:
            selesai(bangun_satu(t, pelaksana))


def _jalankan_proses(tugas: list[Tugas], jobs: int, selesai: Callable[[HasilLaporan], None]) -> None:
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor, as_completed
    from concurrent.futures.process import BrokenProcessPool

    sisa, putaran = list(tugas), 0
    while sisa:
        putaran += 1
        rusak: list[Tugas] = []
        pool = ProcessPoolExecutor(max_workers=min(jobs, len(sisa)), initializer=_mulai_pekerja,
                                   mp_context=multiprocessing.get_context("spawn"))
        try:
            futures = {pool.submit(_tugas_lokal, t): t for t in sisa}
            for f in as_completed(futures):
                try:
                    selesai(f.result())
                except BrokenProcessPool:
                    rusak.append(futures[f])
                except Exception as e:  # noqa: BLE001
                    selesai(hasil_gagal(futures[f], f"pekerja gagal: {type(e).__name__}: {e}"))
        except BaseException:
            pool.shutdown(wait=False, cancel_futures=True)
            raise
        pool.shutdown(wait=True)
        if rusak and putaran >= 2:
            for t in rusak:
                selesai(hasil_gagal(t, "proses pekerja berhenti mendadak (dua kali); periksa memori/log"))
            break
        sisa = rusak  # satu kali coba lagi di kolam baru: laporan lain tidak ikut gagal


def _jalankan_dask(tugas: list[Tugas], jobs: int, scheduler: str,
                   selesai: Callable[[HasilLaporan], None]) -> None:
    import uuid

    from dask.distributed import Client, LocalCluster, as_completed

    klaster = None
    if scheduler == "local":
        klaster = LocalCluster(n_workers=min(jobs, len(tugas)), threads_per_worker=1, processes=True,
                               dashboard_address=None, silence_logs=logging.ERROR)
        klien = Client(klaster)
    else:
        try:
            klien = Client(scheduler, timeout="30s")
        except (OSError, TimeoutError, ValueError) as e:
            raise LkjError(f"tidak dapat tersambung ke penjadwal Dask {scheduler!r}: {e} "
                           "(pakai 'local' atau tcp://HOST:PORT)") from None
    try:
        klien.register_plugin(_plugin_dask(), name="lkj-kernel-hangat")
        sesi = uuid.uuid4().hex[:8]
        futures = {klien.submit(_tugas_dask, t, key=f"lkj-{t.skpd}-{t.tahun}-{t.sesi or sesi}", pure=False): t
                   for t in tugas}
        for f in as_completed(futures):
            try:
                selesai(f.result())
            except Exception as e:  # noqa: BLE001
                selesai(hasil_gagal(futures[f], f"pekerja Dask gagal: {type(e).__name__}: {e}"))
    finally:
        klien.close()
        if klaster is not None:
            klaster.close()


def jalankan_tugas(tugas: list[Tugas], jobs: int = 1, scheduler: str | None = None,
                   selesai: Callable[[HasilLaporan], None] = lambda h: None) -> None:
    """Bangun setiap tugas; ``selesai(hasil)`` dipanggil (di proses ini) begitu satu laporan selesai."""
    if not tugas:
        return
    if scheduler:
        _jalankan_dask(tugas, max(1, jobs), scheduler, selesai)
    elif jobs <= 1:
        _jalankan_di_sini(tugas, selesai)
    else:
        _jalankan_proses(tugas, jobs, selesai)


__all__ = ["HasilLaporan", "STATUS", "Tugas", "bangun_satu", "hasil_dari_catatan", "jalankan_tugas",
           "pelaksana_pekerja", "temukan", "tutup_pekerja"]
