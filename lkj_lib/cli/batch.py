"""Subperintah ``lkj batch`` dan ``lkj synth skpd`` (tipis: logika ada di ``lkj_lib.batch``; impor berat
di dalam penangan).

Tampilan: satu bilah kemajuan rich untuk seluruh batch (selesai, tersimpan, gagal, perkiraan sisa
waktu), satu baris per laporan, lalu tabel ringkasan. Di luar terminal (CI, berkas log) rich tidak
menggambar ulang bilah: hanya baris per laporan, keadaan akhir bilah, dan tabel, tanpa kode kontrol.
"""

from __future__ import annotations

import argparse
import os


WARNA = {"berhasil": "green", "tersimpan": "cyan", "gagal": "bold red"}


def _bulat(teks: str) -> int:
    try:
        return int(teks)
    except ValueError:
        raise argparse.ArgumentTypeError(f"harus bilangan bulat, bukan {teks!r}") from None


def _bulat_positif(teks: str) -> int:
    n = _bulat(teks)
    if n < 1:
        raise argparse.ArgumentTypeError(f"harus ≥ 1, bukan {n}")
    return n


def _detik(v: float) -> str:
    return f"{v:.1f} s".replace(".", ",")


class PelaporRich:
    """Bilah kemajuan + baris per laporan (rich); antarmuka sama dengan ``lkj_lib.batch.Pelapor``."""

    def __init__(self, konsol):
        from rich.progress import (BarColumn, MofNCompleteColumn, Progress, TextColumn,
                                   TimeElapsedColumn, TimeRemainingColumn)

        self.konsol = konsol
        self.jumlah = {"berhasil": 0, "tersimpan": 0, "gagal": 0}
        self.progress = Progress(
            TextColumn("[bold]batch"), BarColumn(), MofNCompleteColumn(),
            TextColumn("berhasil {task.fields[berhasil]} · tersimpan {task.fields[tersimpan]} · "
                       "gagal {task.fields[gagal]}"),
            TimeElapsedColumn(), TextColumn("sisa"), TimeRemainingColumn(),
            console=konsol, redirect_stdout=False, redirect_stderr=False,
            auto_refresh=konsol.is_terminal, refresh_per_second=4)  # di luar terminal: tanpa utas gambar ulang
        self.tugas = None

    def mulai(self, dibangun: int, tersimpan: int) -> None:
        self.konsol.print(f"{dibangun} laporan dibangun, {tersimpan} tersimpan (tidak berubah, dilewati)")
        self.tugas = self.progress.add_task("batch", total=dibangun, **self.jumlah)
        self.progress.start()

    def selesai(self, h) -> None:
        from rich.markup import escape

        self.jumlah[h.status] = self.jumlah.get(h.status, 0) + 1
        maju = 0 if h.status == "tersimpan" else 1
        self.progress.update(self.tugas, advance=maju, **self.jumlah)
        waktu = f" {_detik(h.waktu)}" if h.status != "tersimpan" else ""
        audit = (f" — audit {h.audit.get('galat', 0)} galat, {h.audit.get('peringatan', 0)} peringatan"
                 if h.audit else "")
        self.konsol.print(f"[{WARNA.get(h.status, '')}]{h.status:<9}[/] {escape(h.label)}{waktu}{audit}"
                          + (f": {escape(h.pesan)}" if h.pesan else ""), soft_wrap=True)
        rincian = [r for r in h.rincian if r != h.pesan]
        for baris in rincian[:5]:
            self.konsol.print(f"          {escape(baris)}", soft_wrap=True)
        if len(rincian) > 5:
            self.konsol.print(f"          … dan {len(rincian) - 5} masalah lain", soft_wrap=True)

    def berhenti(self) -> None:
        if self.tugas is not None:
            self.progress.stop()


def _tabel(hasil):
    from rich.table import Table

    t = Table(title="Ringkasan batch", show_lines=False)
    for kolom, rata in (("skpd", "left"), ("tahun", "left"), ("status", "left"), ("waktu", "right"),
                        ("galat audit", "right")):
        t.add_column(kolom, justify=rata, no_wrap=True)
    t.add_column("pesan", overflow="fold", ratio=1)
    for h in hasil:
        t.add_row(h.skpd, h.tahun, f"[{WARNA.get(h.status, '')}]{h.status}[/]",
                  _detik(h.waktu) if h.status != "tersimpan" else "-",
                  str(h.audit.get("galat", 0)) if h.audit else "-", h.pesan)
    return t


def cmd_batch(args) -> int:
    """Bangun banyak SKPD-tahun; kode keluar 1 bila ada laporan yang gagal."""
    from rich.console import Console

    from ..batch import batch

    konsol = Console(highlight=False)
    if not konsol.is_terminal and "COLUMNS" not in os.environ:
        konsol.width = 160  # log CI: tabel tidak dipatahkan pada 80 kolom
    pelapor = PelaporRich(konsol)
    try:
        r = batch(args.params, args.keluaran, jobs=args.jobs, scheduler=args.scheduler, force=args.force,
                  pola=args.only, pdf=not args.tanpa_pdf, draf=args.draf, pelapor=pelapor)
    finally:
        pelapor.berhenti()
    konsol.print(_tabel(r.hasil))
    konsol.print(f"{len(r.hasil)} laporan: {r.jumlah('berhasil')} berhasil, {r.jumlah('tersimpan')} "
                 f"tersimpan, {r.jumlah('gagal')} gagal. Ikhtisar: {r.indeks} (+ ikhtisar.csv, ikhtisar.xlsx)")
    return 1 if r.ada_gagal else 0


def daftar_batch(sub) -> None:
    p = sub.add_parser("batch", help="bangun banyak SKPD-tahun sekaligus (kernel hangat, cache, paralel)",
                       description="Bangun setiap params/<skpd>/<tahun>/ (nama 4 digit, berisi lkj.yaml) "
                                   "dengan keluaran yang sama seperti 'lkj build'. Laporan yang masukan, "
                                   "kode dan parameternya tidak berubah dilewati (tersimpan).")
    p.add_argument("params", nargs="?", default="params", metavar="PARAMS_ROOT",
                   help="folder akar params (bawaan: params)")
    p.add_argument("--jobs", "-j", type=_bulat_positif, metavar="N",
                   help="jumlah proses pekerja (bawaan: jumlah inti CPU); 1 = di proses ini")
    p.add_argument("--scheduler", metavar="local|ALAMAT",
                   help="'local' = Dask LocalCluster dengan N pekerja; tcp://HOST:PORT = klaster Dask yang "
                        "sudah berjalan (lihat docs/batch.md)")
    p.add_argument("--force", action="store_true", help="bangun ulang semua, abaikan cache")
    p.add_argument("--only", metavar="POLA", help="hanya <skpd>/<tahun> yang cocok (fnmatch), mis. 'bkpsdm-*/2022'")
    p.add_argument("--keluaran", default="outputs", help="folder akar keluaran (bawaan: outputs)")
    p.add_argument("--tanpa-pdf", action="store_true", help="lewati PDF")
    p.add_argument("--draf", action="store_true", help="tandai DRAF dan tampilkan penanda narasi kosong")
    p.set_defaults(fungsi=cmd_batch)


def cmd_synth_skpd(args) -> int:
    """Tulis N varian SKPD-tahun sintetis dari satu folder contoh."""
    from ..batch.sintetis import buat_sintetis

    folder = buat_sintetis(getattr(args, "from"), args.n, args.out, args.seed, tahun=args.tahun)
    for f in folder:
        print(f"ditulis: {f} (SINTETIS, sah)")
    print(f"{len(folder)} varian sintetis, seed {args.seed}; bangun dengan: lkj batch "
          f"{folder[0].parent.parent} --only '*-sintetis-*'")
    return 0


def daftar_synth_skpd(sub_synth) -> None:
    p = sub_synth.add_parser("skpd", help="varian SKPD-tahun sintetis dari satu folder contoh (uji skala)")
    p.add_argument("--n", type=_bulat_positif, required=True, help="jumlah varian")
    p.add_argument("--from", required=True, metavar="FOLDER", help="folder contoh params/<skpd>/<tahun>")
    p.add_argument("--out", metavar="PARAMS_ROOT", help="akar keluaran (bawaan: akar params dari --from)")
    p.add_argument("--seed", type=_bulat, default=0, help="benih acak (bawaan 0; hasil sama untuk benih sama)")
    p.add_argument("--tahun", type=_bulat_positif, default=1,
                   help="jumlah tahun berturut-turut per varian (bawaan 1); >1: deret lkj lanjut + isi sintetis")
    p.set_defaults(fungsi=cmd_synth_skpd)


__all__ = ["cmd_batch", "cmd_synth_skpd", "daftar_batch", "daftar_synth_skpd"]
