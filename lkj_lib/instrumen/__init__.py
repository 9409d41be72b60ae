"""Instrumen di balik IKU, dihitung dari data mentah: IKM (SKM), Sistem Merit, NSPK, IP ASN.

Lihat ``docs/instrumen.md``. Modul ini hanya mengekspor ulang.
"""

from .ikm import (
    KOLOM_UNSUR, MUTU, UNSUR, HasilIKM, hitung_ikm, mutu_ikm, mutu_nrr, periksa_penimbang,
    pisah_sah, sampel_krejcie_morgan,
)
from .ip_asn import DIMENSI, hitung_ip_asn, kategori_ip_asn
from .merit import HasilMerit, hitung_merit, kategori_merit, teks_kategori_merit
from .nspk import RingkasanNSPK, kategori_nspk, ringkas_nspk
from .sintetis import sintetis_skm
from .sumber import INSTRUMEN_DIKENAL, INSTRUMEN_MENGHITUNG, realisasi_instrumen

__all__ = [
    "DIMENSI", "INSTRUMEN_DIKENAL", "INSTRUMEN_MENGHITUNG", "KOLOM_UNSUR", "MUTU", "UNSUR", "HasilIKM", "HasilMerit",
    "RingkasanNSPK", "hitung_ikm", "hitung_ip_asn", "hitung_merit", "kategori_ip_asn",
    "kategori_merit", "kategori_nspk", "mutu_ikm", "mutu_nrr", "periksa_penimbang", "pisah_sah",
    "realisasi_instrumen", "ringkas_nspk", "sampel_krejcie_morgan", "sintetis_skm",
    "teks_kategori_merit",
]
