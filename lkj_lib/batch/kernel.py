"""Kernel hangat untuk batch: pelaksananya kini tinggal di :mod:`lkj_lib.bangun.hangat` (dipakai juga
oleh ``lkj build``); modul ini mempertahankan jalur impor lama."""

from ..bangun.hangat import NAMA_MESIN, PelaksanaHangat

__all__ = ["PelaksanaHangat", "NAMA_MESIN"]
