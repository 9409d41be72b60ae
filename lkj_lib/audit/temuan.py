"""Temuan audit dan cara membandingkan angka tercetak dengan hasil hitung."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field

from ..angka import AngkaError, baca_angka

TINGKAT = ("galat", "peringatan", "info")
KOLOM = ["tingkat", "aturan", "lokasi", "objek", "kode", "besaran", "dilaporkan", "dihitung",
         "selisih", "pesan", "sumber", "id", "akar", "turunan"]
"""Kolom ``audit.csv``: ``id`` tetap untuk temuan yang sama di antara dua audit, ``akar`` = id temuan akar
(kosong untuk akar), ``turunan`` = banyak temuan turunan sebuah akar (lihat :mod:`.akar`)."""


@dataclass(frozen=True)
class Temuan:
    tingkat: str      # galat | peringatan | info
    aturan: str       # kode aturan, mis. 'capaian', 'jumlah_induk', 'narasi_rupiah'
    lokasi: str       # letak di dokumen/masukan
    objek: str = ""
    kode: str = ""
    besaran: str = ""
    dilaporkan: str = ""
    dihitung: str = ""
    selisih: float | None = None
    pesan: str = ""
    sumber: str = ""  # berkas:baris masukan
    id: str = ""      # diisi audit(): sidik tetap temuan ini
    akar: str = ""    # id temuan akar bila temuan ini turunannya
    turunan: int = 0  # banyak temuan turunan (hanya pada akar)
    kunci: tuple | None = field(default=None, compare=False, repr=False)  # besaran graf (objek, kode, tahun, besaran)

    def as_dict(self) -> dict:
        return {k: getattr(self, k) for k in KOLOM}


def desimal_tercetak(teks: str) -> int:
    """Jumlah angka di belakang koma pada teks tercetak ('87,6' → 1, '103' → 0)."""
    m = re.search(r"[.,](\d+)\s*%?\s*$", teks.strip().rstrip("-").rstrip(",").strip())
    if not m:
        return 0
    s = teks.strip()
    # '1.058.998.350' (titik ribuan) tidak punya desimal
    if re.fullmatch(r"[-+]?\d{1,3}(\.\d{3})+", s):
        return 0
    return len(m.group(1))


def bandingkan_angka(dilaporkan: str, dihitung: float, rupiah: bool = False,
                     titik_desimal: bool = False) -> tuple[str, float | None]:
    """Bandingkan teks tercetak dengan nilai hitung.

    Kembalikan (status, selisih) dengan status 'cocok', 'pembulatan' (beda ≤ 1 satuan angka
    terakhir tercetak: pembulatan/pemotongan), 'beda', atau 'tak_terbaca'.
    """
    try:
        b = baca_angka(dilaporkan, titik_desimal=titik_desimal)
    except AngkaError:
        return "tak_terbaca", None
    if b.nilai is None or dihitung is None or (isinstance(dihitung, float) and math.isnan(dihitung)):
        if b.nilai is None and (dihitung is None or (isinstance(dihitung, float) and math.isnan(dihitung))):
            return "cocok", None
        return "beda", None
    selisih = b.nilai - float(dihitung)
    if rupiah:
        return ("cocok" if abs(selisih) < 0.5 else "beda"), selisih
    d = desimal_tercetak(dilaporkan)
    satuan = 10.0 ** (-d)
    if abs(selisih) <= satuan / 2 + 1e-9:
        return "cocok", selisih
    if abs(selisih) <= satuan + 1e-9:
        return "pembulatan", selisih
    return "beda", selisih


def norm_label(s: str) -> str:
    s = (s or "").strip().lower()
    s = re.sub(r"^(kategori|predikat)\s+", "", s)
    s = re.sub(r"\s*[–—-]\s*", "-", s)  # 2021 – 2026 = 2021-2026
    return " ".join(s.replace("“", "").replace("”", "").replace('"', "").split())


def label_cocok(dilaporkan: str, *calon: str) -> bool:
    d = norm_label(dilaporkan)
    return any(d == norm_label(c) for c in calon if c is not None)
