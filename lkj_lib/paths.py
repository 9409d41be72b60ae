"""Jalur proyek yang dipakai beberapa lapisan (ringan: tanpa impor berat)."""

from pathlib import Path

AKAR_PAKET = Path(__file__).resolve().parent
NOTEBOOK_DIR = AKAR_PAKET / "notebooks"  # data paket: ikut terpasang bersama wheel
TEMPLAT_DIR = AKAR_PAKET / "templates"
