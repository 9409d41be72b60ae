"""Keamanan folder keluaran: jangan pernah menghapus masukan, jangan pernah menghapus yang bukan milik lkj.

Aturan (dipakai ``lkj build``, ``lkj batch`` dan ``lkj bersihkan``):

- folder keluaran tidak boleh sama dengan, berisi, atau berada di dalam folder masukan (jalur
  dibandingkan setelah ``resolve()``, jadi tautan simbolik tidak mengelabui);
- setiap folder yang dibuat lkj diberi berkas penanda ``.lkj-keluaran`` (folder laporan, folder
  ``-gagal``, folder kerja sementara, akar keluaran); lkj hanya mengganti atau menghapus folder
  yang membawa penanda itu, dan tidak pernah mengikuti tautan simbolik;
- satu kunci (``fcntl.flock``) per ``<skpd>/<tahun>`` di akar keluaran: dua build laporan yang
  sama bergiliran; sisa folder kerja build yang terbunuh disapu oleh build berikutnya;
- folder akhir mendapat mode normal menurut umask (bukan 0700 dari ``mkdtemp``).
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import shutil
import threading
import uuid
from pathlib import Path
from typing import Callable, Iterable

from ..errors import LkjError

PENANDA = ".lkj-keluaran"
AWALAN_KUNCI = ".lkj-kunci-"
TEKS_PENANDA = ("Folder ini dibuat oleh lkj dan boleh diganti atau dihapus oleh lkj "
                "(lkj build, lkj batch, lkj bersihkan). Jangan simpan masukan di sini.\n")


class KeluaranError(LkjError):
    """Folder keluaran tidak aman dipakai (tumpang tindih dengan masukan, atau bukan milik lkj)."""


# ---------------------------------------------------------------------- penanda
def bertanda(folder: Path) -> bool:
    """True bila ``folder`` folder sungguhan (bukan tautan) yang membawa penanda lkj."""
    folder = Path(folder)
    p = folder / PENANDA
    return (not folder.is_symlink() and folder.is_dir() and not p.is_symlink() and p.is_file())


def tandai(folder: Path) -> None:
    p = Path(folder) / PENANDA
    if not p.is_file():
        p.write_text(TEKS_PENANDA, encoding="utf-8")


def pastikan_boleh_diganti(folder: Path) -> None:
    """Naikkan KeluaranError bila ``folder`` ada tetapi bukan folder keluaran lkj."""
    folder = Path(folder)
    if folder.is_symlink():
        raise KeluaranError(f"{folder} adalah tautan simbolik; lkj tidak mengganti tautan. "
                            "Hapus tautan itu atau pilih --keluaran lain.")
    if folder.exists() and not bertanda(folder):
        raise KeluaranError(
            f"{folder} sudah ada tetapi bukan keluaran lkj (tidak ada berkas {PENANDA}); lkj tidak "
            "menimpanya. Pindahkan/hapus folder itu sendiri bila memang keluaran lama, atau pilih "
            "--keluaran lain.")


# ---------------------------------------------------------------------- masukan vs keluaran
def _di_dalam(anak: Path, induk: Path) -> bool:
    return anak == induk or induk in anak.parents


def periksa_tumpang_tindih(keluaran: Path | Iterable[Path], masukan: Iterable[Path]) -> None:
    """Naikkan KeluaranError bila suatu folder keluaran sama dengan, berisi, atau di dalam masukan."""
    daftar_k = [keluaran] if isinstance(keluaran, (str, Path)) else list(keluaran)
    for k in daftar_k:
        k = Path(k).resolve()
        for m in masukan:
            m = Path(m).resolve()
            if k == m:
                apa = "sama dengan"
            elif _di_dalam(k, m):
                apa = "berada di dalam"
            elif _di_dalam(m, k):
                apa = "berisi"
            else:
                continue
            raise KeluaranError(
                f"folder keluaran {k} {apa} folder masukan {m}; build akan menimpa masukan. Pilih "
                "--keluaran di luar folder params, mis. --keluaran outputs. Tidak ada yang ditulis.")


# ---------------------------------------------------------------------- mode berkas
def umask() -> int:
    """umask proses ini tanpa mengubahnya (Linux: /proc; selain itu set-lalu-pulihkan)."""
    try:
        for baris in Path("/proc/self/status").read_text().splitlines():
            if baris.startswith("Umask:"):
                return int(baris.split()[1], 8)
    except (OSError, ValueError):
        pass
    lama = os.umask(0o022)
    os.umask(lama)
    return lama


def mode_normal(folder: Path) -> None:
    """Beri ``folder`` mode folder biasa menurut umask (mkdtemp membuatnya 0700)."""
    os.chmod(folder, 0o777 & ~umask())


# ---------------------------------------------------------------------- kunci per laporan
class _Kunci:
    def __init__(self) -> None:
        self.rlock = threading.RLock()
        self.kedalaman = 0
        self.fd: int | None = None


_KUNCI: dict[str, _Kunci] = {}
_KUNCI_DAFTAR = threading.Lock()


def berkas_kunci(root: Path, nama: str) -> Path:
    return Path(root) / f"{AWALAN_KUNCI}{nama}"


@contextlib.contextmanager
def kunci_laporan(root: Path, nama: str, log: Callable[[str], None] | None = None, tunggu: bool = True):
    """Kunci eksklusif untuk laporan ``nama`` (mis. ``dinas-x-2024``) di akar keluaran ``root``.

    Re-entrant di utas yang sama; antar-utas dan antar-proses bergiliran (flock pada berkas
    ``.lkj-kunci-<nama>``). ``tunggu=False``: naikkan KeluaranError bila sedang dipegang.
    """
    path = berkas_kunci(root, nama)
    with _KUNCI_DAFTAR:
        k = _KUNCI.setdefault(str(path.resolve()), _Kunci())
    if not k.rlock.acquire(blocking=False):
        if not tunggu:
            raise KeluaranError(f"laporan {nama} sedang dibangun proses lain")
        if log:
            log(f"  menunggu build lain untuk {nama} selesai …")
        k.rlock.acquire()
    try:
        if k.kedalaman == 0:
            fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o666)
            try:
                try:
                    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                except BlockingIOError:
                    if not tunggu:
                        raise KeluaranError(f"laporan {nama} sedang dibangun proses lain") from None
                    if log:
                        log(f"  menunggu build lain untuk {nama} selesai …")
                    fcntl.flock(fd, fcntl.LOCK_EX)
            except BaseException:
                os.close(fd)
                raise
            k.fd = fd
        k.kedalaman += 1
        try:
            yield path
        finally:
            k.kedalaman -= 1
            if k.kedalaman == 0 and k.fd is not None:
                os.close(k.fd)  # menutup fd melepas flock
                k.fd = None
    finally:
        k.rlock.release()


# ---------------------------------------------------------------------- folder kerja
def awalan_kerja(slug: str, nama_folder: str) -> str:
    """Awalan folder kerja sementara di akar keluaran (``.<slug>-<tahun>.kerja-``)."""
    return f".{slug}-{nama_folder}.kerja-"


def sapu_sisa(root: Path, slug: str, nama_folder: str) -> list[Path]:
    """Hapus folder kerja/lama bertanda dari build laporan ini yang terbunuh. Panggil di bawah kunci."""
    root = Path(root)
    calon = [*root.glob(awalan_kerja(slug, nama_folder) + "*"),
             *(root / slug).glob(f".{nama_folder}.lama-*")]
    dihapus = []
    for p in calon:
        if bertanda(p):
            shutil.rmtree(p, ignore_errors=True)
            dihapus.append(p)
    return dihapus


def pindahkan(sementara: Path, tujuan: Path, root: Path, nama_kunci: str) -> None:
    """Ganti ``tujuan`` dengan ``sementara`` (rename di sistem berkas yang sama) di bawah kunci laporan.

    ``tujuan`` lama hanya diganti bila membawa penanda lkj; nama folder lama unik (uuid).
    """
    with kunci_laporan(root, nama_kunci):
        tujuan.parent.mkdir(parents=True, exist_ok=True)
        pastikan_boleh_diganti(tujuan)
        lama = None
        if tujuan.exists():
            lama = tujuan.with_name(f".{tujuan.name}.lama-{uuid.uuid4().hex}")
            tujuan.rename(lama)
        sementara.rename(tujuan)
        if lama is not None:
            shutil.rmtree(lama, ignore_errors=True)


def hapus_bertanda(folder: Path) -> bool:
    """Hapus ``folder`` hanya bila bertanda lkj; kembalikan True bila dihapus."""
    if bertanda(folder):
        shutil.rmtree(folder)
        return True
    return False


__all__ = ["KeluaranError", "PENANDA", "bertanda", "hapus_bertanda", "kunci_laporan", "mode_normal",
           "pastikan_boleh_diganti", "periksa_tumpang_tindih", "pindahkan", "sapu_sisa", "tandai"]
