"""Subperintah ``lkj build`` dan ``lkj audit``."""

from __future__ import annotations

import sys
from pathlib import Path

from .cli import perintah


def cmd_build(args) -> int:
    from .bangun import bangun

    kode = 0
    for folder in args.folder:
        print(f"{folder}:")
        h = bangun(folder, args.keluaran, draf=args.draf, pdf=not args.tanpa_pdf)
        a = h.audit
        print(f"  selesai: {h.html}" + (f", {h.pdf.name}" if h.pdf else "")
              + f" ({h.waktu['total']:.1f} s; audit {a['galat']} galat, {a['peringatan']} peringatan, "
                f"{a['info']} catatan)")
    return kode


def _cetak_temuan(df, stream=sys.stdout) -> None:
    if df.empty:
        print("  tidak ada temuan", file=stream)
        return
    lebar = {"tingkat": 10, "lokasi": 26, "objek": 22, "besaran": 18, "dilaporkan": 20, "dihitung": 20}
    print("  " + " ".join(k.upper().ljust(v) for k, v in lebar.items()) + " PESAN", file=stream)
    for r in df.to_dict("records"):
        sel = [str(r["tingkat"]), str(r["lokasi"]), f"{r['objek']} {r['kode']}".strip(), str(r["besaran"]),
               str(r["dilaporkan"]), str(r["dihitung"])]
        print("  " + " ".join(s[: lebar[k] - 1].ljust(lebar[k]) for s, k in zip(sel, lebar)) + " " + str(r["pesan"]),
              file=stream)


def cmd_audit(args) -> int:
    from .audit import audit, ringkasan
    from .ekspor import tulis_csv
    from .masukan import muat
    from .ukur.hasil import hitung

    for folder in args.folder:
        data = muat(folder)
        df = audit(hitung(data))
        tujuan = Path(args.keluaran) / "audit" / f"{data.slug}-{data.tahun}.csv"
        tujuan.parent.mkdir(parents=True, exist_ok=True)
        tulis_csv(df, tujuan)
        r = ringkasan(df)
        print(f"{folder}: {r['galat']} galat, {r['peringatan']} peringatan, {r['info']} catatan → {tujuan}")
        _cetak_temuan(df if args.semua else df[df["tingkat"] != "info"])
    return 0


@perintah
def daftar(sub) -> None:
    p = sub.add_parser("build", help="bangun laporan (notebook, HTML, PDF) untuk folder SKPD-tahun")
    p.add_argument("folder", nargs="+")
    p.add_argument("--keluaran", default="outputs", help="folder akar keluaran (bawaan: outputs)")
    p.add_argument("--draf", action="store_true", help="tandai DRAF dan tampilkan penanda narasi kosong")
    p.add_argument("--tanpa-pdf", action="store_true", help="lewati PDF (lebih cepat saat menyunting)")
    p.set_defaults(fungsi=cmd_build)

    p = sub.add_parser("audit", help="hitung ulang angka yang dilaporkan dan cetak temuannya")
    p.add_argument("folder", nargs="+")
    p.add_argument("--keluaran", default="outputs", help="CSV ditulis ke <keluaran>/audit/<skpd>-<tahun>.csv")
    p.add_argument("--semua", action="store_true", help="tampilkan juga catatan (tingkat info)")
    p.set_defaults(fungsi=cmd_audit)
