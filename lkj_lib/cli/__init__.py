"""Antarmuka baris perintah ``lkj`` (tipis: semua logika ada di modul lain).

Satu parser eksplisit (:func:`buat_parser`) mendaftar setiap subperintah; penangannya ada di satu modul
per kelompok: :mod:`.masukan` (validate, template), :mod:`.lanjut` (lanjut), :mod:`.laporan` (build, audit, bersihkan),
:mod:`.instrumen` (ikm, merit, synth skm) dan :mod:`.batch` (batch, synth skpd). Modul-modul itu hanya
mengimpor pustaka standar di tingkat modul; pandas dan modul berat ``lkj_lib`` diimpor di dalam penangan,
sehingga ``lkj --help`` dan ``lkj <perintah> --help`` cepat. Pemetaan galat → kode keluar hanya ada di
:func:`main`.
"""

from __future__ import annotations

import argparse
import os
import sys

from .. import __version__
from ..errors import InputError, LkjError
from . import batch, instrumen, lanjut, laporan, masukan

KODE_GALAT = 1
KODE_MASUKAN_SALAH = 2  # juga kode argparse untuk pemakaian salah
KODE_DIBATALKAN = 130  # 128 + SIGINT
KODE_PIPA_TERTUTUP = 141  # 128 + SIGPIPE, seperti alat Unix lain (mis. `lkj audit ... | head`)


def _cetak_masalah(masalah, stream=None) -> None:
    from ..errors import ringkas_baris

    stream = stream or sys.stderr  # dibaca saat dipanggil: sys.stderr bisa diganti (uji, pengalihan)
    for baris in ringkas_baris(masalah):
        print(baris, file=stream)


def buat_parser() -> argparse.ArgumentParser:
    """Parser ``lkj`` lengkap: setiap subperintah tercantum di sini, tanpa pendaftaran lewat impor."""
    ap = argparse.ArgumentParser(prog="lkj", description="Laporan Kinerja (LKj) SKPD dari tabel data.")
    ap.add_argument("--version", action="version", version=f"lkj {__version__}")
    sub = ap.add_subparsers(dest="perintah", required=True)

    masukan.daftar_validate(sub)
    masukan.daftar_template(sub)
    lanjut.daftar_lanjut(sub)
    laporan.daftar_build(sub)
    laporan.daftar_audit(sub)
    laporan.daftar_bersihkan(sub)
    instrumen.daftar_ikm(sub)
    instrumen.daftar_merit(sub)

    p = sub.add_parser("synth", help="buat data SINTETIS untuk contoh dan pengujian")
    sub_synth = p.add_subparsers(dest="jenis_synth", required=True, metavar="JENIS")
    instrumen.daftar_synth_skm(sub_synth)
    batch.daftar_synth_skpd(sub_synth)

    batch.daftar_batch(sub)
    return ap


def _pipa_tertutup() -> int:
    """Pembaca keluaran (mis. ``head``) berhenti lebih dulu: diam, tanpa traceback."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())  # agar flush saat keluar tidak gagal lagi
    except (OSError, ValueError):
        pass
    return KODE_PIPA_TERTUTUP


def _diam_saat_batal() -> None:
    """Sesudah Ctrl-C: tugas asyncio klien kernel yang terputus (mis. sel yang sedang berjalan saat kernel
    ikut dihentikan) selesai dengan ``DeadKernelError`` yang tidak pernah diambil, dan asyncio mencatatnya
    sebagai traceback "Task exception was never retrieved" saat tugas itu dibuang. Pembatalan sudah
    dilaporkan satu baris; catatan asyncio itu dibungkam."""
    import logging

    logging.getLogger("asyncio").disabled = True


def main(argv: list[str] | None = None) -> int:
    """Titik masuk ``lkj``: tidak pernah menampilkan traceback untuk galat masukan atau pipa tertutup.

    Kode keluar: 0 berhasil, 1 galat lain (mis. build gagal), 2 pemakaian salah atau masukan tidak sah,
    130 dibatalkan (Ctrl-C), 141 pipa tertutup. Perintah yang membaca satu berkas (``ikm``, ``merit``,
    ``synth skm``; ``masukan_berkas=True``) memetakan setiap galat lkj dan galat berkas ke kode 2.
    Galat tak terduga (bug) dicetak satu baris; ``LKJ_DEBUG=1`` menampilkan jejak lengkapnya.
    """
    args = buat_parser().parse_args(argv)
    per_berkas = getattr(args, "masukan_berkas", False)
    awalan = f"lkj {args.perintah}" if per_berkas else "lkj"
    try:
        kode = int(args.fungsi(args) or 0)
        sys.stdout.flush()
        return kode
    except BrokenPipeError:
        return _pipa_tertutup()
    except InputError as e:
        _cetak_masalah(e.masalah)
        akhir = "." if per_berkas else "; tidak ada yang ditulis."
        print(f"{awalan}: masukan tidak sah ({len(e.masalah)} masalah){akhir}", file=sys.stderr)
        return KODE_MASUKAN_SALAH
    except LkjError as e:
        print(f"{awalan}: {e}", file=sys.stderr)
        return KODE_MASUKAN_SALAH if per_berkas else KODE_GALAT
    except KeyboardInterrupt:
        print("lkj: dibatalkan.", file=sys.stderr)
        _diam_saat_batal()
        return KODE_DIBATALKAN
    except OSError as e:
        if per_berkas:
            print(f"{awalan}: berkas tidak dapat dibaca/ditulis: {e.strerror or e} ({e.filename or ''})",
                  file=sys.stderr)
            return KODE_MASUKAN_SALAH
        print(f"lkj: galat berkas/sistem: {e}", file=sys.stderr)
        return KODE_GALAT
    except Exception as e:  # noqa: BLE001 - batas terluar: bug tampil satu baris, bukan traceback
        if os.environ.get("LKJ_DEBUG"):
            raise
        print(f"lkj: galat internal ({type(e).__name__}: {e}). Ini bug lkj; laporkan bersama perintahnya. "
              "Jalankan ulang dengan LKJ_DEBUG=1 untuk jejak lengkap.", file=sys.stderr)
        return KODE_GALAT
