"""Grafik laporan: satu gaya bersama (``gaya``) dan grafik per bagian (mis. ``instrumen``)."""
