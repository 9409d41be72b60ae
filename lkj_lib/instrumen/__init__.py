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
from .rekap_skm import audit_rekap, bentuk_skm, hitung_ikm_rekap, rekap_dari_jawaban
from .sintetis import sintetis_skm
from .sumber import INSTRUMEN_DIKENAL, INSTRUMEN_MENGHITUNG, ikm_lembar, realisasi_instrumen

__all__ = [
    "DIMENSI", "HasilIKM", "HasilMerit", "INSTRUMEN_DIKENAL", "INSTRUMEN_MENGHITUNG", "KOLOM_UNSUR",
    "MUTU", "RingkasanNSPK", "UNSUR", "audit_rekap", "bentuk_skm", "hitung_ikm", "hitung_ikm_rekap",
    "hitung_ip_asn", "hitung_merit", "ikm_lembar", "kategori_ip_asn", "kategori_merit",
    "kategori_nspk", "mutu_ikm", "mutu_nrr", "periksa_penimbang", "pisah_sah",
    "realisasi_instrumen", "rekap_dari_jawaban", "ringkas_nspk", "sampel_krejcie_morgan",
    "sintetis_skm", "teks_kategori_merit",
]
