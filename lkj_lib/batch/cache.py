"""Kunci cache sebuah laporan: laporan yang masukan, kode dan parameternya tidak berubah dilewati.

Kunci = sha256 atas:

- setiap berkas di folder SKPD-tahun (jalur relatif + isinya; berkas tersembunyi ``.*``, berkas
  kunci Excel ``~$*`` dan ``__pycache__`` diabaikan) — superset dari berkas yang dibaca ``muat``;
- seluruh berkas paket ``lkj_lib`` (``*.py``, templat, notebook ``lkj_lib/notebooks/``), lalu
  notebook sekali lagi di bawah namanya sendiri (``FOLDER_NOTEBOOK``, untuk ``sidik_kode_dari``);
- parameter build (``draf``, ``pdf``);
- versi Python dan versi SEMUA distribusi terpasang di lingkungan (superset paket kunci
  ``manifest.json``: matplotlib, WeasyPrint, pandas, … beserta dependensinya seperti numpy dan
  Pillow yang juga memengaruhi keluaran).

Modul ini sengaja tidak mengimpor ``lkj_lib.bangun`` (yang memuat nbformat → jsonschema, ±1 s):
memeriksa laporan yang tersimpan harus murah.

Kunci disimpan di ``<keluaran>/<skpd>/<tahun>/.kunci-cache`` (JSON, bersama ringkasan untuk
indeks: capaian IKU, temuan audit, id sesi batch) di folder kerja build SETELAH semua berkas
laporan lengkap, lalu dipindahkan bersama laporannya (satu *rename* di bawah kunci laporan); folder
itu diganti utuh oleh setiap build, jadi build yang gagal atau dibunuh tidak pernah meninggalkan
kunci yang salah.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import json
import platform
from pathlib import Path

from ..paths import AKAR_PAKET, NOTEBOOK_DIR

BERKAS_CACHE = ".kunci-cache"
FOLDER_NOTEBOOK = NOTEBOOK_DIR  # nama lama, dipertahankan untuk pemanggil yang sudah ada


def _abaikan(relatif: Path) -> bool:
    return any(b.startswith((".", "~$")) or b == "__pycache__" for b in relatif.parts)


def _tambah_folder(h, folder: Path, akhiran: tuple[str, ...] | None = None) -> int:
    """Masukkan (jalur relatif, isi) setiap berkas di ``folder`` ke hash; kembalikan jumlahnya."""
    n = 0
    for p in sorted(folder.rglob("*")):
        rel = p.relative_to(folder)
        if not p.is_file() or _abaikan(rel) or p.suffix == ".pyc":
            continue
        if akhiran is not None and p.suffix not in akhiran:
            continue
        data = p.read_bytes()
        h.update(f"{rel.as_posix()}\0{len(data)}\0".encode())
        h.update(data)
        n += 1
    return n


def sidik_masukan(folder_skpd: str | Path) -> str:
    """sha256 atas semua berkas masukan satu SKPD-tahun dan folder tahun-tahun sebelumnya (riwayatnya)."""
    from ..ukur.riwayat import folder_tahun_lalu

    h = hashlib.sha256()
    _tambah_folder(h, Path(folder_skpd))
    for f in folder_tahun_lalu(folder_skpd):
        h.update(f"../{f.name}\0".encode())
        _tambah_folder(h, f)
    return h.hexdigest()


def sidik_kode_dari(akar_paket: Path, folder_notebook: Path, versi: dict[str, str]) -> str:
    """sha256 atas sumber paket, notebook dan versi paket (tanpa cache; untuk pengujian)."""
    h = hashlib.sha256()
    h.update(b"lkj_lib\0")
    _tambah_folder(h, akar_paket)
    h.update(b"notebooks\0")
    _tambah_folder(h, folder_notebook, (".ipynb",))
    h.update(json.dumps(versi, sort_keys=True).encode())
    return h.hexdigest()


def versi_lingkungan() -> dict[str, str]:
    """{nama distribusi: versi} untuk semua paket terpasang, ditambah Python."""
    from importlib import metadata

    versi = {(d.metadata["Name"] or "").lower(): d.version for d in metadata.distributions()}
    versi["python"] = platform.python_version()
    return versi


@functools.lru_cache(maxsize=1)
def sidik_kode() -> str:
    """Sidik kode yang berlaku untuk proses ini (dihitung sekali per proses ``lkj``)."""
    return sidik_kode_dari(AKAR_PAKET, FOLDER_NOTEBOOK, versi_lingkungan())


def kunci_cache(folder_skpd: str | Path, draf: bool = False, pdf: bool = True,
                kode: str | None = None) -> str:
    """Kunci cache laporan ``folder_skpd`` untuk parameter ini."""
    h = hashlib.sha256()
    h.update(f"masukan:{sidik_masukan(folder_skpd)}\0".encode())
    h.update(f"kode:{kode or sidik_kode()}\0".encode())
    h.update(f"draf:{bool(draf)}\0pdf:{bool(pdf)}\0".encode())
    return h.hexdigest()


def baca_catatan(folder_laporan: str | Path) -> dict | None:
    """Catatan cache di folder laporan, atau None bila tidak ada/rusak."""
    p = Path(folder_laporan) / BERKAS_CACHE
    try:
        d = json.loads(p.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return d if isinstance(d, dict) and isinstance(d.get("kunci"), str) else None


def tulis_catatan(folder_laporan: str | Path, kunci: str, ringkas: dict) -> Path:
    """Tulis kunci + ringkasan (untuk indeks) sesudah build berhasil."""
    p = Path(folder_laporan) / BERKAS_CACHE
    d = {"kunci": kunci, "disimpan": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
         **ringkas}
    sementara = p.with_name(p.name + ".tmp")
    sementara.write_text(json.dumps(d, indent=2, ensure_ascii=False), encoding="utf-8")
    sementara.replace(p)
    return p


def catatan_berlaku(folder_laporan: str | Path, kunci: str) -> dict | None:
    """Catatan bila kuncinya sama DAN berkas yang dicatat (HTML, PDF) masih ada; selain itu None."""
    folder = Path(folder_laporan)
    d = baca_catatan(folder)
    if d is None or d["kunci"] != kunci:
        return None
    for kunci_berkas in ("html", "pdf"):
        nama = d.get(kunci_berkas)
        if nama and not (folder / nama).is_file():
            return None
    if not d.get("html"):
        return None
    return d


__all__ = ["BERKAS_CACHE", "baca_catatan", "catatan_berlaku", "kunci_cache", "sidik_kode",
           "sidik_kode_dari", "sidik_masukan", "tulis_catatan", "versi_lingkungan"]
