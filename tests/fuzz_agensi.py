"""Jalankan kontrak masukan (isu 9) pada N agensi acak yang sah: ``make fuzz-agensi N=300``.

Setiap agensi dibangkitkan strategi ``tests/agensi.py`` (pemeriksa: ``tests/kontrak.py``), divalidasi, dibaca kembali, diaudit dan
dibangun menjadi HTML (tanpa PDF) dengan satu kernel hangat. Agensi yang gagal disalin ke
``<keluaran>/gagal/<kelas>-<slug>/<tahun>/`` beserta ``galat.txt`` (bentuk, fitur, pesan) untuk
direproduksi dengan ``lkj validate|audit|build`` biasa. Baris akhir meringkas hasilnya; kode keluar
1 bila ada pelanggaran kontrak.

    python tests/fuzz_agensi.py --n 300 [--benih 0] [--fitur a,b] [--tanpa-fitur c,d] [--keluaran DIR]
"""

from __future__ import annotations

import argparse
import collections
import re
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
ROOT = Path(__file__).resolve().parents[1]
KELAS = {
    "tolak": "ditolak validasi",
    "harapan": "salah baca",
    "audit": "crash audit",
    "nilai": "hasil hitung salah",
    "audit_galat": "temuan audit galat",
    "build": "crash build",
    "bocor": "kebocoran penanda",
}


def tanda(kelas: str, pesan: list[str]) -> str:
    """Tanda tangan kegagalan: kelas + pesan pertama tanpa angka/kode (untuk mengelompokkan)."""
    p = pesan[0] if pesan else ""
    p = re.sub(r"'[^']*'", "'…'", p)
    p = re.sub(r"\d+([.,]\d+)*", "#", p)
    return f"{kelas}: {p[:140]}"


def main(argv=None) -> int:
    import agensi as A
    import kontrak as K
    from hypothesis import HealthCheck, Phase, given, settings
    from hypothesis import seed as benih_hyp

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=300)
    ap.add_argument("--benih", type=int, default=0)
    ap.add_argument("--fitur", default="", help="hanya fitur ini (koma); bawaan: semua")
    ap.add_argument("--tanpa-fitur", default="", help="matikan fitur ini (koma)")
    ap.add_argument("--paksa", default="", help="fitur yang selalu dipakai (koma)")
    ap.add_argument("--abaikan-dikenal", action="store_true",
                    help="jangan hitung kebocoran yang sudah dikenal (agensi.BOCOR_DIKENAL)")
    ap.add_argument("--tanpa-build", action="store_true",
                    help="hanya validate, baca-kembali, hitung dan audit (cepat; tanpa notebook/HTML)")
    ap.add_argument("--keluaran", default=str(ROOT / "outputs" / "fuzz-agensi"))
    args = ap.parse_args(argv)

    fitur = set(args.fitur.split(",")) if args.fitur else set(A.FITUR)
    fitur -= set(filter(None, args.tanpa_fitur.split(",")))
    paksa = set(filter(None, args.paksa.split(",")))
    tak_dikenal = (fitur | paksa) - A.FITUR_SEMUA
    if tak_dikenal:
        ap.error("fitur tidak dikenal: " + ", ".join(sorted(tak_dikenal)))
    keluaran = Path(args.keluaran)
    gagal_dir = keluaran / "gagal"
    shutil.rmtree(gagal_dir, ignore_errors=True)
    gagal_dir.mkdir(parents=True)
    kerja = Path(tempfile.mkdtemp(prefix="fuzz-agensi-"))

    from lkj_lib.batch.kernel import PelaksanaHangat

    hitung = collections.Counter()
    kelompok: dict[str, list[str]] = collections.defaultdict(list)
    fitur_gagal: dict[str, collections.Counter] = collections.defaultdict(collections.Counter)
    fitur_semua = collections.Counter()
    t0 = time.perf_counter()
    nomor = [0]
    terlihat: set[str] = set()
    pelaksana = PelaksanaHangat()

    @benih_hyp(args.benih)
    @settings(max_examples=args.n, deadline=None, database=None, phases=[Phase.generate],
              suppress_health_check=list(HealthCheck))
    @given(A.agensi(fitur, paksa))
    def satu(a):
        nomor[0] += 1
        i = nomor[0]
        sidik = repr((a.profil, a.tabel, a.narasi, a.xlsx, a.pemisah))
        if sidik in terlihat:  # Hypothesis kadang mengulang contoh yang sama: jangan bangun dua kali
            hitung["duplikat"] += 1
            print(f"[{i}/{args.n}] duplikat contoh sebelumnya, dilewati", flush=True)
            return
        terlihat.add(sidik)
        a.slug = f"{a.slug}-{i:04d}"
        t = time.perf_counter()
        h = K.jalankan_kontrak(a, kerja, pelaksana, tuple(A.BOCOR_DIKENAL) if args.abaikan_dikenal else (),
                                not args.tanpa_build)
        hitung[h.kelas or "lolos"] += 1
        fitur_semua.update(a.fitur)
        status = "lolos" if not h.kelas else f"GAGAL {KELAS[h.kelas]}: {h.pesan[0][:110] if h.pesan else ''}"
        print(f"[{i}/{args.n}] {a.slug}/{a.tahun} {time.perf_counter() - t:.1f} s {status}", flush=True)
        if h.kelas:
            tt = tanda(h.kelas, h.pesan)
            kelompok[tt].append(f"{a.slug}/{a.tahun}")
            fitur_gagal[tt].update(a.fitur)
            tujuan = gagal_dir / f"{h.kelas}-{a.slug}" / str(a.tahun)
            shutil.copytree(h.folder, tujuan)
            (tujuan.parent / "galat.txt").write_text(
                f"kelas: {h.kelas}\nbentuk: {a.bentuk()}\nbuild: draf={not a.narasi_lengkap}\n\n"
                + "\n".join(h.pesan) + "\n", encoding="utf-8")
        shutil.rmtree(h.folder.parent, ignore_errors=True)
        shutil.rmtree(kerja / "keluaran" / a.slug, ignore_errors=True)

    try:
        satu()
    finally:
        pelaksana.tutup()
        shutil.rmtree(kerja, ignore_errors=True)
    n = nomor[0] - hitung["duplikat"]
    detik = time.perf_counter() - t0
    print("\nKelompok kegagalan (tanda → jumlah, contoh, fitur yang selalu ada pada kelompok ini):")
    for tt, daftar in sorted(kelompok.items(), key=lambda x: -len(x[1])):
        selalu = sorted(f for f, c in fitur_gagal[tt].items() if c == len(daftar))
        print(f"  {len(daftar):4d}× {tt}\n        contoh {daftar[0]}; fitur selalu ada: {selalu}")
    print("Cakupan fitur (jumlah agensi yang memakainya): "
          + ", ".join(f"{f} {fitur_semua[f]}" for f in sorted(fitur)))
    crash = hitung["audit"] + hitung["build"]
    ringkas = (f"fuzz-agensi: {n} agensi unik ({hitung['duplikat']} duplikat dilewati), {crash} crash setelah validasi, {hitung['bocor']} kebocoran penanda, "
               f"{hitung['harapan']} salah baca, {hitung['nilai']} hasil hitung salah, {hitung['audit_galat']} temuan audit galat, "
               f"{hitung['tolak']} ditolak validasi, {hitung['lolos']} lolos; {detik:.0f} s "
               f"({n / max(detik, 1e-9) * 60:.1f} agensi/menit); gagal di {gagal_dir}")
    print(ringkas)
    (keluaran / "ringkasan.txt").write_text(ringkas + "\n", encoding="utf-8")
    return 1 if n - hitung["lolos"] else 0


if __name__ == "__main__":
    sys.exit(main())
