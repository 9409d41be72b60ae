"""lkj: Laporan Kinerja (LKj) SKPD dari tabel data tahunan."""

__version__ = "0.1.0"
