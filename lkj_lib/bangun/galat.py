"""Penjelasan build yang gagal: notebook, sel (nomor + baris pertama), galat, lokasi masukan, saran.

Ringkasannya menjadi pesan :class:`~lkj_lib.errors.BuildError`; traceback lengkap (tanpa kode warna
ANSI) ditulis ke ``galat.txt`` di folder ``<tahun>-gagal/``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

_RE_ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")

SARAN = {
    "InputError": "perbaiki masukan pada lokasi di atas, lalu periksa dengan `lkj validate <folder>`",
    "ParameterError": "periksa parameter build (folder SKPD-tahun, --keluaran, --draf)",
    "KeyError": "kunci/kolom {nilai} tidak ditemukan: periksa nama kolom masukan (docs/masukan.md) atau "
                "sel notebook yang diubah; jalankan `lkj validate <folder>`",
    "FileNotFoundError": "berkas tidak ditemukan: periksa jalur di lkj.yaml dan nama berkas di folder masukan",
    "ModuleNotFoundError": "paket tidak terpasang di kernel Jupyter: jalankan `make setup`",
    "ImportError": "paket tidak terpasang di kernel Jupyter: jalankan `make setup`",
    "DeadKernelError": "kernel berhenti mendadak (kehabisan memori?): coba lagi dengan lebih sedikit --jobs",
    "CellTimeoutError": "sel melewati batas waktu: periksa perulangan atau data yang sangat besar",
    "ZeroDivisionError": "pembagian dengan nol: periksa target/pagu bernilai 0 di masukan",
    "ValueError": "nilai tidak sesuai: periksa isi masukan yang dipakai sel ini; jalankan `lkj validate <folder>`",
}
SARAN_UMUM = ("buka notebook gagal (traceback lengkap di galat.txt); bila notebook proyek diubah, "
              "kembalikan dengan git; jalankan `lkj validate <folder>`")


def tanpa_ansi(teks: str) -> str:
    return _RE_ANSI.sub("", teks or "")


@dataclass
class Penjelasan:
    notebook: str
    nomor_sel: int | None = None       # urutan sel kode (1 = sel kode pertama)
    eksekusi: int | None = None        # In [n]
    baris_pertama: str = ""
    nama_galat: str = ""
    nilai_galat: str = ""
    traceback: str = ""

    @property
    def saran(self) -> str:
        return SARAN.get(self.nama_galat, SARAN_UMUM).format(nilai=self.nilai_galat)

    def ringkas(self) -> str:
        sel = ""
        if self.nomor_sel is not None:
            sel = f" di sel kode ke-{self.nomor_sel}"
            if self.eksekusi is not None:
                sel += f" (In [{self.eksekusi}])"
            if self.baris_pertama:
                sel += f" `{self.baris_pertama}`"
        elif self.eksekusi is not None:
            sel = f" di sel In [{self.eksekusi}]"
        nilai = self.nilai_galat.strip()
        galat = f"{self.nama_galat}: {nilai}" if nilai else self.nama_galat
        return f"notebook {self.notebook} gagal{sel}: {galat}\n  saran: {self.saran}"

    def lengkap(self) -> str:
        bagian = [self.ringkas()]
        if self.traceback:
            bagian += ["", "Traceback:", self.traceback]
        return "\n".join(bagian) + "\n"


def _baris_pertama(source) -> str:
    teks = "".join(source) if isinstance(source, list) else str(source or "")
    for b in teks.splitlines():
        if b.strip():
            return b.strip()[:120]
    return ""


def jelaskan(notebook: str, notebook_gagal: str | Path | None, eksekusi: int | None = None,
             nama_galat: str = "", nilai_galat: str = "") -> Penjelasan:
    """Bangun penjelasan dari notebook tereksekusi yang gagal (bila ada) dan data galatnya."""
    p = Penjelasan(notebook, None, eksekusi, "", nama_galat, tanpa_ansi(nilai_galat))
    path = Path(notebook_gagal) if notebook_gagal else None
    if path is None or not path.is_file():
        return p
    try:
        from .eksekusi import baca

        nb = baca(path)
    except Exception:  # noqa: BLE001 - notebook setengah jadi: penjelasan seadanya
        return p
    nomor = 0
    for c in nb.cells:
        if c.get("cell_type") != "code":
            continue
        nomor += 1
        err = next((o for o in c.get("outputs", []) if o.get("output_type") == "error"), None)
        if err is None:
            continue
        p.nomor_sel, p.eksekusi = nomor, c.get("execution_count", eksekusi)
        p.baris_pertama = _baris_pertama(c.get("source"))
        p.nama_galat = err.get("ename") or nama_galat
        p.nilai_galat = tanpa_ansi(err.get("evalue") or nilai_galat)
        p.traceback = tanpa_ansi("\n".join(err.get("traceback") or []))
        break
    return p


__all__ = ["Penjelasan", "SARAN", "jelaskan", "tanpa_ansi"]
