"""Keadaan satu build (data termuat, hasil hitung, temuan audit) yang dihitung SEKALI oleh
``lkj build`` lalu dipakai ulang oleh setiap notebook build itu.

``bangun`` menulis :data:`NAMA_BERKAS` ke folder kerja build (= ``folder_keluaran`` notebook);
:func:`lkj_lib.tampil.buka` memuatnya bila ada DAN sidik masukannya sama dengan isi folder
SKPD-tahun saat ini (serta versi lkj sama). Bila tidak (notebook dibuka sendiri di Jupyter, berkas
masukan berubah, berkas rusak) semuanya dimuat dan dihitung ulang seperti biasa. Berkas ini hanya
ada di folder kerja build dan dihapus sebelum laporan dipindahkan ke tempatnya.
"""

from __future__ import annotations

import hashlib
import pickle
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from .. import __version__
from .hasil import HasilKinerja

NAMA_BERKAS = ".lkj-keadaan.pickle"


def sidik_masukan(folder: str | Path) -> str:
    """sha256 atas jalur relatif dan isi setiap berkas di folder SKPD-tahun (termasuk narasi dan
    gambarnya) dan di folder tahun-tahun sebelumnya di sampingnya (riwayat laporan diambil dari sana,
    sehingga menyunting folder tahun lalu membatalkan keadaan tahun ini), ditambah versi lkj."""
    from .riwayat import folder_tahun_lalu

    akar = Path(folder)
    h = hashlib.sha256(f"lkj {__version__}\n".encode())
    for f in [akar, *folder_tahun_lalu(akar)]:
        awal = "" if f is akar else f"../{f.name}/"
        for p in sorted(x for x in f.rglob("*") if x.is_file()):
            h.update((awal + p.relative_to(f).as_posix()).encode() + b"\0")
            h.update(hashlib.sha256(p.read_bytes()).digest())
    return h.hexdigest()


@dataclass
class Keadaan:
    sidik: str
    hasil: HasilKinerja
    audit: pd.DataFrame | None
    berkas: Path | None = None


def _hangatkan(h: HasilKinerja) -> None:
    """Hitung semua tabel hasil malas (cached_property) agar notebook tidak menghitungnya lagi.
    Yang gagal dilewati: notebook yang memerlukannya akan menaikkan galat yang sama, di selnya."""
    for nama, attr in vars(type(h)).items():
        if hasattr(attr, "__set_name__") and hasattr(attr, "func"):  # functools.cached_property
            try:
                getattr(h, nama)
            except Exception:  # noqa: BLE001
                pass
    try:
        h.hasil_merit()
    except Exception:  # noqa: BLE001
        pass


def simpan_keadaan(folder_kerja: Path, sidik: str, h: HasilKinerja, audit: pd.DataFrame | None) -> Path:
    """Tulis keadaan build ke ``folder_kerja/NAMA_BERKAS``; kembalikan jalurnya."""
    _hangatkan(h)
    tembolok = h.__dict__.get("_tembolok_audit")
    if tembolok:  # galat yang ditembolok tidak disimpan (dihitung lagi bila perlu)
        h.__dict__["_tembolok_audit"] = {k: v for k, v in tembolok.items() if v[0]}
    try:
        isi = pickle.dumps({"sidik": sidik, "hasil": h, "audit": audit}, protocol=pickle.HIGHEST_PROTOCOL)
    finally:
        if tembolok:
            h.__dict__["_tembolok_audit"] = tembolok
    path = Path(folder_kerja) / NAMA_BERKAS
    path.write_bytes(isi)
    return path


def muat_keadaan(folder_kerja: str | Path | None, folder_skpd: str | Path) -> Keadaan | None:
    """Keadaan build dari ``folder_kerja`` bila ada dan sidiknya sama dengan isi ``folder_skpd``
    saat ini; selain itu None (pemanggil memuat dan menghitung sendiri)."""
    if not folder_kerja:
        return None
    path = Path(folder_kerja) / NAMA_BERKAS
    if not path.is_file():
        return None
    try:
        isi = pickle.loads(path.read_bytes())
    except Exception:  # noqa: BLE001 - berkas rusak/versi lain: hitung ulang
        return None
    if not isinstance(isi, dict) or not isinstance(isi.get("hasil"), HasilKinerja):
        return None
    if Path(isi["hasil"].data.folder).resolve() != Path(folder_skpd).resolve():
        return None
    if isi.get("sidik") != sidik_masukan(folder_skpd):
        return None
    return Keadaan(isi["sidik"], isi["hasil"], isi.get("audit"), path)


__all__ = ["Keadaan", "NAMA_BERKAS", "muat_keadaan", "sidik_masukan", "simpan_keadaan"]
