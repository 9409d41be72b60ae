"""Sajian hasil pengukuran: kalimat naratif otomatis (``narasi``) dari angka yang sudah dihitung.

Semua bilangan dalam kalimat diformat oleh :mod:`lkj_lib.fmt`; keluaran berupa teks polos
(paragraf dipisahkan satu baris kosong) yang di-escape dan dibungkus oleh lapisan tampilan.
"""
