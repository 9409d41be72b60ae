"""``lkj bersihkan [ROOT]``: hapus keluaran lkj, hanya yang bertanda, tanpa mengikuti tautan.

Yang dihapus di ``ROOT`` (bawaan ``outputs``):

- setiap folder bertanda ``.lkj-keluaran`` (folder laporan ``<skpd>/<tahun>``, ``<tahun>-draf``,
  ``<tahun>-gagal``, ``audit/``, folder kerja ``.<skpd>-<tahun>.kerja-*`` dan ``.<tahun>.lama-*``
  sisa build yang dibunuh), kecuali laporan yang sedang dibangun (kuncinya dipegang);
- folder ``<skpd>/`` yang menjadi kosong;
- bila ``ROOT`` sendiri bertanda: ``index.html``, ``ikhtisar.csv``/``.xlsx``, berkas kunci ``.lkj-kunci-*`` yang tidak dipegang,
  dan penandanya sendiri (folder ``ROOT`` tetap ada).

Tautan simbolik tidak pernah diikuti: tautan dibiarkan (dilaporkan), isi tujuannya tidak disentuh.
Folder tanpa penanda (mis. masukan yang keliru diletakkan di sini) tidak disentuh.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass, field
from pathlib import Path

from .aman import AWALAN_KUNCI, PENANDA, KeluaranError, bertanda, kunci_laporan

BERKAS_AKAR = ("index.html", ".index.html.tmp", "ikhtisar.csv", "ikhtisar.xlsx", ".ikhtisar.csv.tmp",
               ".ikhtisar.xlsx.tmp")


@dataclass
class HasilBersih:
    dihapus: list[Path] = field(default_factory=list)
    dilewati: list[tuple[Path, str]] = field(default_factory=list)


def _nama_kunci(folder: Path) -> str:
    """Nama kunci laporan untuk folder ``<skpd>/<tahun>[-draf]`` (lihat ParameterBuild.nama_kunci)."""
    return f"{folder.parent.name}-{folder.name.removesuffix('-gagal')}"


def _hapus_laporan(root: Path, folder: Path, hasil: HasilBersih) -> None:
    try:
        with kunci_laporan(root, _nama_kunci(folder), tunggu=False):
            shutil.rmtree(folder)
        hasil.dihapus.append(folder)
    except KeluaranError:
        hasil.dilewati.append((folder, "sedang dibangun"))


def bersihkan(root: str | Path = "outputs") -> HasilBersih:
    root = Path(root)
    hasil = HasilBersih()
    if root.is_symlink():
        raise KeluaranError(f"{root} adalah tautan simbolik; lkj bersihkan tidak mengikuti tautan")
    if not root.is_dir():
        return hasil
    for anak in sorted(root.iterdir()):
        if anak.is_symlink():
            hasil.dilewati.append((anak, "tautan simbolik (tidak diikuti)"))
        elif not anak.is_dir():
            continue
        elif bertanda(anak) and ".kerja-" in anak.name:  # folder kerja sisa build yang dibunuh
            _hapus_kerja(root, anak, hasil)
        elif bertanda(anak):  # mis. audit/
            shutil.rmtree(anak)
            hasil.dihapus.append(anak)
        else:
            _bersihkan_skpd(root, anak, hasil)
    if bertanda(root):
        for p in sorted(root.iterdir()):
            if p.is_symlink() or not p.is_file():
                continue
            if p.name in BERKAS_AKAR:
                p.unlink()
                hasil.dihapus.append(p)
            elif p.name.startswith(AWALAN_KUNCI):
                try:
                    with kunci_laporan(root, p.name[len(AWALAN_KUNCI):], tunggu=False):
                        p.unlink()
                    hasil.dihapus.append(p)
                except KeluaranError:
                    hasil.dilewati.append((p, "sedang dibangun"))
        if not any(n for n in root.iterdir() if n.name != PENANDA):
            (root / PENANDA).unlink()
    return hasil


def _hapus_bila_bebas(root: Path, nama_kunci: str, folder: Path, hasil: HasilBersih) -> None:
    """Hapus ``folder`` bila kunci laporan ``nama_kunci`` tidak sedang dipegang build lain."""
    try:
        with kunci_laporan(root, nama_kunci, tunggu=False):
            shutil.rmtree(folder)
        hasil.dihapus.append(folder)
    except KeluaranError:
        hasil.dilewati.append((folder, "sedang dibangun"))


def _hapus_kerja(root: Path, folder: Path, hasil: HasilBersih) -> None:
    """Folder kerja ``.<skpd>-<nama>.kerja-*``: hapus bila kunci laporannya tidak dipegang."""
    _hapus_bila_bebas(root, folder.name[1:].split(".kerja-", 1)[0], folder, hasil)


def _bersihkan_skpd(root: Path, skpd: Path, hasil: HasilBersih) -> None:
    for f in sorted(skpd.iterdir()):
        if f.is_symlink():
            hasil.dilewati.append((f, "tautan simbolik (tidak diikuti)"))
        elif f.is_dir() and bertanda(f):
            if f.name.startswith(".") and ".lama-" in f.name:
                _hapus_bila_bebas(root, f"{skpd.name}-{f.name[1:].split('.lama-', 1)[0]}", f, hasil)
            else:
                _hapus_laporan(root, f, hasil)
        elif f.is_dir() or f.is_file():
            hasil.dilewati.append((f, f"tanpa penanda {PENANDA} (bukan keluaran lkj)"))
    try:
        skpd.rmdir()  # hanya bila kosong
        hasil.dihapus.append(skpd)
    except OSError:
        pass


__all__ = ["HasilBersih", "bersihkan"]
