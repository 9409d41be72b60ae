"""Subperintah ``lkj validate`` dan ``lkj template`` (impor berat di dalam penangan)."""

from __future__ import annotations

import sys
from pathlib import Path

KODE_MASUKAN_SALAH = 2


def cmd_validate(args) -> int:
    from ..errors import ringkas_baris
    from ..masukan import periksa

    kode = 0
    for folder in args.folder:
        data, masalah = periksa(folder)
        galat = [m for m in masalah if m.tingkat == "galat"]
        peringatan = [m for m in masalah if m.tingkat != "galat"]
        for baris in ringkas_baris(galat + peringatan, None if getattr(args, "semua", False) else 10):
            print(baris, file=sys.stdout)
        if data is None:
            print(f"{folder}: TIDAK SAH — {len(galat)} galat, {len(peringatan)} peringatan")
            kode = KODE_MASUKAN_SALAH
        else:
            from dataclasses import replace

            from ..sajian.kelengkapan import periksa_narasi

            # build final menolak narasi wajib yang belum ditulis: katakan sekarang, bukan saat build
            sudah = {m.berkas for m in peringatan}  # kerangka narasi (lkj lanjut) sudah disebut di atas
            kurang = [replace(m, tingkat="peringatan") for m in periksa_narasi(data)]
            baru = [m for m in kurang if m.berkas not in sudah]
            for m in baru:
                print(m.baris_teks(), file=sys.stdout)
            jumlah = sum(len(df) for df in data.tabel.values())
            print(f"{folder}: sah — {jumlah} baris data, {len(data.narasi)} narasi, "
                  f"{len(peringatan) + len(baru)} peringatan"
                  + (f"; build final menunggu {len(kurang)} narasi wajib (build --draf dapat dijalankan)"
                     if kurang else ""))
    return kode


def cmd_template(args) -> int:
    from ..templat_excel import tulis_templat

    hasil = tulis_templat(Path(args.folder), timpa=args.force)
    for p in hasil:
        print(f"ditulis: {p}")
    return 0


def daftar_validate(sub) -> None:
    p = sub.add_parser("validate", help="periksa masukan satu atau beberapa folder SKPD-tahun")
    p.add_argument("folder", nargs="+")
    p.add_argument("--semua", action="store_true",
                   help="cetak setiap masalah; bawaan: paling banyak 10 baris per jenis masalah, sisanya diringkas")
    p.set_defaults(fungsi=cmd_validate)


def daftar_template(sub) -> None:
    p = sub.add_parser("template", help="tulis templat Excel dan lkj.yaml kosong untuk diisi analis")
    p.add_argument("folder")
    p.add_argument("--force", action="store_true", help="timpa berkas yang sudah ada")
    p.set_defaults(fungsi=cmd_template)
