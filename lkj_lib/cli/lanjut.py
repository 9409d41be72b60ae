"""Subperintah ``lkj lanjut`` (impor berat di dalam penangan)."""

from __future__ import annotations

import re
import sys

KODE_MASUKAN_SALAH = 2


def _periode(teks: str) -> tuple[int, int]:
    import argparse

    m = re.fullmatch(r"\s*(\d{4})\s*[-–/]\s*(\d{4})\s*", teks or "")
    if not m or int(m.group(1)) > int(m.group(2)):
        raise argparse.ArgumentTypeError(f"periode Renstra harus 'MULAI-AKHIR', mis. 2024-2026, bukan {teks!r}")
    return int(m.group(1)), int(m.group(2))


def cmd_lanjut(args) -> int:
    from ..masukan import periksa
    from ..masukan.lanjut import lanjut

    h = lanjut(args.sumber, args.tujuan, renstra=args.renstra)
    print(f"ditulis: {h.folder} (laporan {h.tahun}, dari {h.sumber}; {h.bentuk}, {len(h.berkas)} berkas)")
    _, masalah = periksa(h.folder)
    if masalah:
        print(f"yang perlu diisi sebelum build ({len(masalah)}):")
        for m in sorted(masalah, key=lambda m: m.tingkat != "galat"):
            print("  " + m.baris_teks(), file=sys.stdout)
    print(f"berikutnya: isi yang disebut di atas, lalu 'lkj validate {h.folder}'")
    return 0


def daftar_lanjut(sub) -> None:
    p = sub.add_parser(
        "lanjut", help="buat folder tahun berikutnya dari laporan tahun ini (profil, Renstra, riwayat)",
        description="Buat params/<skpd>/<N+1> dari params/<skpd>/<N>: profil, Renstra, tujuan/sasaran/indikator "
                    "dan target Renstra dibawa; realisasi tahun N menjadi riwayat; realisasi, Perjanjian Kinerja, "
                    "anggaran dan narasi tahun baru dikosongkan (narasi berupa kerangka). Tidak pernah menimpa.")
    p.add_argument("sumber", help="folder laporan tahun N, mis. params/dinas-saya/2023")
    p.add_argument("tujuan", nargs="?", help="folder tahun N+1 (bawaan: di samping sumber, bernama N+1)")
    p.add_argument("--renstra", type=_periode, metavar="MULAI-AKHIR",
                   help="periode Renstra/RPD baru bila N+1 melewati periode lama, mis. 2024-2026 "
                        "(target Renstra lalu dikosongkan untuk diisi)")
    p.set_defaults(fungsi=cmd_lanjut)


__all__ = ["cmd_lanjut", "daftar_lanjut"]
