"""Membaca berkas masukan dengan aman: hanya berkas biasa di dalam folder masukan, berukuran wajar.

Satu pintu untuk semua pembaca (``lkj.yaml``, CSV, ``data.xlsx``, narasi):

- jalur diperiksa dengan ``os.lstat`` *sebelum* dibuka (membuka FIFO akan menggantung);
- tautan simbolik boleh selama tujuannya tetap di dalam folder masukan (setelah di-``resolve``)
  dan berupa berkas biasa; perangkat (``/dev/zero``), FIFO, soket dan folder ditolak;
- ukuran berkas dibatasi (:mod:`lkj_lib.batas`) dan pembacaan berhenti pada batas itu
  (berkas yang tumbuh ketika dibaca tidak lolos);
- teks didekode dari UTF-8 (dengan/tanpa BOM), UTF-16 ber-BOM (ekspor "Unicode Text" Excel)
  atau cp1252 (CSV Excel Windows); selain itu galat dengan cara menyimpan ulang.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from .errors import Masalah

_JENIS = (
    (stat.S_ISDIR, "sebuah folder"),
    (stat.S_ISFIFO, "sebuah FIFO (pipa bernama)"),
    (stat.S_ISCHR, "perangkat karakter"),
    (stat.S_ISBLK, "perangkat blok"),
    (stat.S_ISSOCK, "soket"),
)


def _label(path: Path, akar: Path) -> str:
    try:
        return str(path.relative_to(akar))
    except ValueError:
        return str(path)


def _jenis(mode: int) -> str:
    for uji, nama in _JENIS:
        if uji(mode):
            return nama
    return "bukan berkas biasa"


def periksa_berkas(path: Path, akar: Path, batas: int, label: str | None = None) -> Masalah | None:
    """Kembalikan :class:`Masalah` bila ``path`` bukan berkas biasa yang aman dibaca, selain itu None.

    ``akar`` adalah folder masukan (SKPD-tahun, atau folder berkas lepas); tujuan akhir jalur
    harus berada di dalamnya.
    """
    label = label or _label(path, akar)
    try:
        st = os.lstat(path)
    except FileNotFoundError:
        return Masalah("berkas tidak ada", berkas=label, saran="periksa nama dan letak berkas")
    except OSError as e:
        return Masalah(f"berkas tidak dapat diperiksa: {e.strerror}", berkas=label)
    # tujuan akhir jalur LENGKAP harus di dalam akar: bukan hanya berkasnya yang dapat berupa tautan,
    # folder di antaranya juga (mis. narasi/ → folder di luar folder masukan)
    try:
        tujuan = path.resolve(strict=True)
        akar_r = akar.resolve(strict=True)
    except (OSError, RuntimeError):
        return Masalah("tautan simbolik rusak atau berputar", berkas=label,
                       saran="ganti tautan dengan salinan berkasnya")
    if tujuan != akar_r and akar_r not in tujuan.parents:
        return Masalah("tautan simbolik menunjuk ke luar folder masukan dan tidak dibaca",
                       berkas=label, nilai=str(tujuan),
                       saran="salin berkas (atau folder) yang dimaksud ke dalam folder SKPD-tahun")
    if stat.S_ISLNK(st.st_mode):
        st = os.stat(tujuan)
    if not stat.S_ISREG(st.st_mode):
        return Masalah(f"bukan berkas biasa ({_jenis(st.st_mode)})", berkas=label,
                       harapan="berkas biasa", saran="ganti dengan berkas biasa")
    if st.st_size > batas:
        return Masalah("berkas terlalu besar", berkas=label, nilai=f"{st.st_size:,} byte".replace(",", "."),
                       harapan=f"≤ {batas:,} byte".replace(",", "."),
                       saran="periksa apakah berkas benar; batas ada di docs/masukan.md")
    return None


def baca_byte(path: Path, akar: Path, batas: int, label: str | None = None) -> tuple[bytes | None, Masalah | None]:
    """Baca isi berkas biasa (paling banyak ``batas`` byte) atau kembalikan masalahnya."""
    label = label or _label(path, akar)
    m = periksa_berkas(path, akar, batas, label)
    if m is not None:
        return None, m
    try:
        # O_NONBLOCK: bila berkas ditukar menjadi FIFO setelah diperiksa, open() tidak menggantung
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as e:
        return None, Masalah(f"berkas tidak dapat dibuka: {e.strerror}", berkas=label)
    with os.fdopen(fd, "rb") as f:
        if not stat.S_ISREG(os.fstat(f.fileno()).st_mode):
            return None, Masalah("bukan berkas biasa", berkas=label, saran="ganti dengan berkas biasa")
        isi = f.read(batas + 1)
    if len(isi) > batas:
        return None, Masalah("berkas terlalu besar", berkas=label, harapan=f"≤ {batas:,} byte".replace(",", "."))
    return isi, None


_SIMPAN_ULANG = ("simpan ulang sebagai UTF-8: di Excel pilih 'Simpan Sebagai' → 'CSV UTF-8 (dipisah koma)'; "
                 "di editor teks pilih pengodean UTF-8")


def dekode(isi: bytes, label: str, cp1252: bool = True) -> tuple[str | None, Masalah | None]:
    """Byte → teks. UTF-8 (BOM boleh), UTF-16 ber-BOM, lalu cp1252 bila ``cp1252``."""
    if isi.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return isi.decode("utf-16"), None
        except UnicodeDecodeError:
            return None, Masalah("berkas UTF-16 rusak", berkas=label, saran=_SIMPAN_ULANG)
    try:
        return isi.decode("utf-8-sig"), None
    except UnicodeDecodeError as e:
        posisi = e.start
    if cp1252:
        try:
            return isi.decode("cp1252"), None
        except UnicodeDecodeError:
            pass
    return None, Masalah("berkas bukan teks UTF-8", berkas=label,
                         nilai=f"byte 0x{isi[posisi]:02x} pada posisi {posisi}", saran=_SIMPAN_ULANG)


def baca_teks(path: Path, akar: Path, batas: int, label: str | None = None,
              cp1252: bool = True) -> tuple[str | None, Masalah | None]:
    """:func:`baca_byte` lalu :func:`dekode`."""
    label = label or _label(path, akar)
    isi, m = baca_byte(path, akar, batas, label)
    if m is not None:
        return None, m
    return dekode(isi, label, cp1252)
