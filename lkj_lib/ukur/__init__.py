"""Mesin pengukuran kinerja: capaian, kategori, perbandingan, anggaran, efisiensi, triwulan.

Semua fungsi menerima tabel masukan (``DataSKPD``) dan mengembalikan DataFrame rapi dengan
kolom yang terdokumentasi dan stabil; nilai tidak dibulatkan (pembulatan hanya saat tampil).
"""
