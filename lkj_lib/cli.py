"""Antarmuka baris perintah ``lkj`` (tipis: semua logika ada di modul lain)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import __version__
from .errors import InputError, LkjError

KODE_MASUKAN_SALAH = 2


def _cetak_masalah(masalah, stream=sys.stderr) -> None:
    for m in masalah:
        print(m.baris_teks(), file=stream)


def cmd_validate(args) -> int:
    from .masukan import periksa

    kode = 0
    for folder in args.folder:
        data, masalah = periksa(folder)
        galat = [m for m in masalah if m.tingkat == "galat"]
        peringatan = [m for m in masalah if m.tingkat != "galat"]
        _cetak_masalah(galat + peringatan, sys.stdout)
        if data is None:
            print(f"{folder}: TIDAK SAH — {len(galat)} galat, {len(peringatan)} peringatan")
            kode = KODE_MASUKAN_SALAH
        else:
            jumlah = sum(len(df) for df in data.tabel.values())
            print(f"{folder}: sah — {jumlah} baris data, {len(data.narasi)} narasi, "
                  f"{len(peringatan)} peringatan")
    return kode


def cmd_template(args) -> int:
    from .templat_excel import tulis_templat

    hasil = tulis_templat(Path(args.folder), timpa=args.force)
    for p in hasil:
        print(f"ditulis: {p}")
    return 0


def buat_parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(prog="lkj", description="Laporan Kinerja (LKj) SKPD dari tabel data.")
    ap.add_argument("--version", action="version", version=f"lkj {__version__}")
    sub = ap.add_subparsers(dest="perintah", required=True)

    p = sub.add_parser("validate", help="periksa masukan satu atau beberapa folder SKPD-tahun")
    p.add_argument("folder", nargs="+")
    p.set_defaults(fungsi=cmd_validate)

    p = sub.add_parser("template", help="tulis templat Excel dan lkj.yaml kosong untuk diisi analis")
    p.add_argument("folder")
    p.add_argument("--force", action="store_true", help="timpa berkas yang sudah ada")
    p.set_defaults(fungsi=cmd_template)

    for daftar in _PERINTAH_TAMBAHAN:
        daftar(sub)
    return ap


_PERINTAH_TAMBAHAN: list = []


def perintah(fungsi_daftar):
    """Dekorator: modul lain mendaftarkan subperintahnya di sini."""
    _PERINTAH_TAMBAHAN.append(fungsi_daftar)
    return fungsi_daftar


def _muat_perintah() -> None:
    """Impor modul yang mendaftarkan subperintah (build/audit, ikm/merit/synth, batch)."""
    import importlib

    for mod in ("lkj_lib.cli_laporan", "lkj_lib.instrumen.cli", "lkj_lib.batch.cli"):
        importlib.import_module(mod)


def main(argv: list[str] | None = None) -> int:
    _muat_perintah()
    args = buat_parser().parse_args(argv)
    try:
        return int(args.fungsi(args) or 0)
    except InputError as e:
        _cetak_masalah(e.masalah)
        print(f"lkj: masukan tidak sah ({len(e.masalah)} masalah); tidak ada yang ditulis.", file=sys.stderr)
        return KODE_MASUKAN_SALAH
    except LkjError as e:
        print(f"lkj: {e}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("lkj: dibatalkan.", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
