"""Antarmuka baris perintah ``lkj`` (tipis: semua logika ada di modul lain)."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from . import __version__
from .errors import InputError, LkjError

KODE_MASUKAN_SALAH = 2
KODE_PIPA_TERTUTUP = 141  # 128 + SIGPIPE, seperti alat Unix lain (mis. `lkj audit ... | head`)


def _cetak_masalah(masalah, stream=None) -> None:
    stream = stream or sys.stderr  # dibaca saat dipanggil: sys.stderr bisa diganti (uji, pengalihan)
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


def _pipa_tertutup() -> int:
    """Pembaca keluaran (mis. ``head``) berhenti lebih dulu: diam, tanpa traceback."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())  # agar flush saat keluar tidak gagal lagi
    except (OSError, ValueError):
        pass
    return KODE_PIPA_TERTUTUP


def main(argv: list[str] | None = None) -> int:
    """Titik masuk ``lkj``: tidak pernah menampilkan traceback untuk galat masukan atau pipa tertutup.

    Kode keluar: 0 berhasil, 1 galat lain, 2 masukan tidak sah, 130 dibatalkan, 141 pipa tertutup.
    Galat tak terduga (bug) dicetak satu baris; ``LKJ_DEBUG=1`` menampilkan jejak lengkapnya.
    """
    _muat_perintah()
    args = buat_parser().parse_args(argv)
    try:
        kode = int(args.fungsi(args) or 0)
        sys.stdout.flush()
        return kode
    except BrokenPipeError:
        return _pipa_tertutup()
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
    except OSError as e:
        print(f"lkj: galat berkas/sistem: {e}", file=sys.stderr)
        return 1
    except Exception as e:  # noqa: BLE001 - batas terluar: bug tampil satu baris, bukan traceback
        if os.environ.get("LKJ_DEBUG"):
            raise
        print(f"lkj: galat internal ({type(e).__name__}: {e}). Ini bug lkj; laporkan bersama perintahnya. "
              "Jalankan ulang dengan LKJ_DEBUG=1 untuk jejak lengkap.", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
