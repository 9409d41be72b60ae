"""Subperintah ``lkj build``, ``lkj audit`` dan ``lkj bersihkan`` (impor berat di dalam penangan)."""

from __future__ import annotations

import sys
import textwrap
from itertools import zip_longest
from pathlib import Path


def cmd_build(args) -> int:
    from ..bangun import bangun

    kode = 0
    for folder in args.folder:
        print(f"{folder}:")
        h = bangun(folder, args.keluaran, draf=args.draf, pdf=not args.tanpa_pdf, docx=not args.tanpa_docx)
        a = h.audit
        print(f"  selesai: {h.html}" + (f", {h.pdf.name}" if h.pdf else "") + (f", {h.docx.name}" if h.docx else "")
              + f" ({h.waktu['total']:.1f} s; audit {a['galat']} galat, {a['peringatan']} peringatan, "
                f"{a['info']} catatan)")
    return kode


def _lipat(teks: str, lebar: int) -> list[str]:
    """Lipat ``teks`` ke baris selebar ``lebar`` tanpa membuang satu karakter pun (kata yang terlalu
    panjang dipatah)."""
    return textwrap.wrap(teks, lebar, break_long_words=True, break_on_hyphens=False) or [""]


def _cetak_temuan(df, stream=None) -> None:
    """Tabel temuan; sel yang panjang (lokasi, objek + kode) dilipat ke baris berikut, tidak dipotong,
    sehingga setiap baris tetap dapat dikenali."""
    stream = stream or sys.stdout
    if df.empty:
        print("  tidak ada temuan", file=stream)
        return
    lebar = {"tingkat": 10, "lokasi": 26, "objek": 22, "besaran": 18, "dilaporkan": 20, "dihitung": 20}
    print("  " + " ".join(k.upper().ljust(v) for k, v in lebar.items()) + " PESAN", file=stream)
    for r in df.to_dict("records"):
        sel = [str(r["tingkat"]), str(r["lokasi"]), f"{r['objek']} {r['kode']}".strip(), str(r["besaran"]),
               str(r["dilaporkan"]), str(r["dihitung"])]
        kolom = [_lipat(s, lebar[k] - 1) for s, k in zip(sel, lebar)]
        for i, baris in enumerate(zip_longest(*kolom, fillvalue="")):
            pesan = " " + str(r["pesan"]) if i == 0 else ""
            print(("  " + " ".join(s.ljust(lebar[k]) for s, k in zip(baris, lebar)) + pesan).rstrip(),
                  file=stream)


def cmd_audit(args) -> int:
    from ..audit import audit, ringkasan
    from ..bangun.aman import periksa_tumpang_tindih, tandai
    from ..ekspor import tulis_csv
    from ..masukan import muat
    from ..ukur.hasil import hitung

    for folder in args.folder:
        data = muat(folder)
        df = audit(hitung(data))
        tujuan = Path(args.keluaran) / "audit" / f"{data.slug}-{data.tahun}.csv"
        periksa_tumpang_tindih(tujuan.parent, [data.folder])
        tujuan.parent.mkdir(parents=True, exist_ok=True)
        tandai(tujuan.parent)
        tulis_csv(df, tujuan)
        r = ringkasan(df)
        print(f"{folder}: {r['galat']} galat, {r['peringatan']} peringatan, {r['info']} catatan"
              + (f" (+ {r['turunan']} temuan turunan di bawah akarnya)" if r["turunan"] else "") + f" → {tujuan}")
        akar = df["akar"] == ""
        _cetak_temuan(df if args.semua else df[akar & (df["tingkat"] != "info")])
        if r["turunan"] and not args.semua:
            print(f"  {r['turunan']} temuan turunan tidak ditampilkan (kolom akar di CSV; --semua menampilkannya)")
    return 0


def cmd_bersihkan(args) -> int:
    from ..bangun.bersih import bersihkan

    h = bersihkan(args.root)
    for p in h.dihapus:
        print(f"dihapus: {p}")
    for p, alasan in h.dilewati:
        print(f"dibiarkan: {p} ({alasan})")
    print(f"{args.root}: {len(h.dihapus)} dihapus, {len(h.dilewati)} dibiarkan")
    return 0


def daftar_build(sub) -> None:
    p = sub.add_parser("build", help="bangun laporan (notebook, HTML, PDF, DOCX) untuk folder SKPD-tahun")
    p.add_argument("folder", nargs="+")
    p.add_argument("--keluaran", default="outputs", help="folder akar keluaran (bawaan: outputs)")
    p.add_argument("--draf", action="store_true",
                   help="draf: tanda air DRAF + penanda narasi kosong, ditulis ke <skpd>/<tahun>-draf/ "
                        "(LKj-<skpd>-<tahun>-DRAF.*); laporan final tidak diubah")
    p.add_argument("--tanpa-pdf", action="store_true", help="lewati PDF (lebih cepat saat menyunting)")
    p.add_argument("--tanpa-docx", action="store_true", help="lewati dokumen Word (.docx)")
    p.set_defaults(fungsi=cmd_build)


def daftar_audit(sub) -> None:
    p = sub.add_parser("audit", help="hitung ulang angka yang dilaporkan dan cetak temuannya")
    p.add_argument("folder", nargs="+")
    p.add_argument("--keluaran", default="outputs", help="CSV ditulis ke <keluaran>/audit/<skpd>-<tahun>.csv")
    p.add_argument("--semua", action="store_true", help="tampilkan juga catatan (tingkat info)")
    p.set_defaults(fungsi=cmd_audit)


def daftar_bersihkan(sub) -> None:
    p = sub.add_parser("bersihkan", help="hapus keluaran lkj (hanya folder bertanda .lkj-keluaran)",
                       description="Hapus keluaran yang dibuat lkj di ROOT: folder laporan, draf, -gagal, "
                                   "audit/, folder kerja sisa build yang dibunuh, index.html. Folder tanpa "
                                   "penanda .lkj-keluaran dan tautan simbolik tidak disentuh.")
    p.add_argument("root", nargs="?", default="outputs", metavar="ROOT", help="akar keluaran (bawaan: outputs)")
    p.set_defaults(fungsi=cmd_bersihkan)
