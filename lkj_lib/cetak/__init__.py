"""Cetak: tata letak PDF laporan dengan WeasyPrint (:mod:`.pdf`), di proses ini atau di proses pembantu
yang berjalan sejajar dengan kernel notebook (:mod:`.sejajar`). Hanya bergantung pada lapisan terbawah
lkj (tanpa pandas)."""
