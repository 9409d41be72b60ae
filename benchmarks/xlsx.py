"""Tolok ukur pembaca ``data.xlsx`` (skrip, bukan pengujian): pohon kerja ini vs. commit pembanding.

Dibuat dua buku kerja: lembar ``indikator_renja`` 20 000 baris × 18 kolom teks (seperti masukan
fuzz #9173) dan lembar ``skm`` 100 000 baris × 16 kolom (batas baris SKM). Untuk setiap buku kerja,
dalam SATU jalan dan bergantian (pembanding, kini, pembanding, kini, ...), setiap kali dalam proses
baru: CPU ``baca_xlsx`` dan CPU ``lkj validate`` (folder Balangan dengan buku kerja itu sebagai
``data.xlsx``). Dicetak median per varian, rasio pembanding/kini, dan sidik SHA-256 hasil baca
(kolom, baris, format desimal) agar terlihat kedua varian membaca nilai yang sama.

Pembanding bawaan ``fb587a6``: commit terakhir yang membaca xlsx lewat openpyxl. Mesin yang sedang
dipakai proses lain mengubah angka mutlak; bandingkan RASIO dalam jalan yang sama.

    python benchmarks/xlsx.py [--basis fb587a6] [--ulang 3]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

AKAR = Path(__file__).resolve().parents[1]
BALANGAN = AKAR / "params" / "bkpsdm-balangan" / "2022"

KODE_BACA = """
import hashlib, json, sys, time
from pathlib import Path
from lkj_lib.masukan.baca import baca_xlsx
t = time.process_time()
lembar, masalah = baca_xlsx(Path(sys.argv[1]))
cpu = time.process_time() - t
sidik = hashlib.sha256(repr(sorted((k, v.kolom, v.baris, sorted(v.format_desimal.items()))
                                   for k, v in lembar.items())).encode()).hexdigest()[:12]
print(json.dumps({"cpu": cpu, "sidik": sidik, "baris": sum(len(v.baris) for v in lembar.values())}))
"""
KODE_VALIDATE = """
import resource, sys
from lkj_lib.cli import main
kode = main(["validate", sys.argv[1]])
r = resource.getrusage(resource.RUSAGE_SELF)
print("CPU", r.ru_utime + r.ru_stime, file=sys.stderr)
"""


def _folder(kerja: Path, nama: str, lembar: str, judul: list[str], baris) -> Path:
    """Folder Balangan (CSV) → data.xlsx lewat templat lkj, lalu ``lembar`` diganti ``baris``."""
    import openpyxl

    from lkj_lib.templat_excel import tulis_xlsx

    f = kerja / nama / "bkpsdm-balangan" / "2022"
    shutil.copytree(BALANGAN, f)
    tulis_xlsx(f / "data.xlsx", f / "data")
    shutil.rmtree(f / "data")
    wb = openpyxl.load_workbook(f / "data.xlsx")
    baru = openpyxl.Workbook(write_only=True)
    for ws in wb.worksheets:
        wo = baru.create_sheet(ws.title)
        if ws.title == lembar:
            wo.append(judul)
            for b in baris:
                wo.append(b)
        else:
            for r in ws.iter_rows(values_only=True):
                wo.append(list(r))
    baru.save(f / "data.xlsx")
    return f


def _buku(kerja: Path) -> dict[str, Path]:
    rng = random.Random(1)
    skm = ["responden", "tanggal", "layanan", "jenis_kelamin", "pendidikan", "pekerjaan", "usia"] + \
        [f"u{i}" for i in range(1, 10)]
    renja = ["kode", "urutan", "indikator", "satuan", "polaritas", "target_murni", "target", "realisasi",
             "target_tw1", "target_tw2", "target_tw3", "target_tw4", "realisasi_tw1", "realisasi_tw2",
             "realisasi_tw3", "realisasi_tw4", "kode_anggaran", "catatan"]
    return {
        "renja 20.000 baris": _folder(kerja, "renja", "indikator_renja", renja, (
            [str(i % 40 + 1), str(i % 7 + 1), f"Persentase layanan {i} & <uji>", "%", "positif",
             "90", "90", "92,5", "", "", "", "90", "", "", "", "92,5", f"1.02.{i % 9}", ""]
            for i in range(20_000))),
        "skm 100.000 baris": _folder(kerja, "skm", "skm", skm, (
            [str(i + 1), "", "", "", "", "", ""] + [str(rng.choice([2, 3, 3, 4, 4])) for _ in range(9)]
            for i in range(100_000))),
    }


def _jalan(akar: Path, kode: str, arg: str) -> tuple[float, str]:
    env = dict(os.environ, PYTHONPATH=str(akar), PYTHONWARNINGS="ignore")
    r = subprocess.run([sys.executable, "-c", kode, arg], cwd=akar, env=env, capture_output=True, text=True)
    if kode is KODE_BACA:
        if r.returncode != 0:
            raise SystemExit(f"gagal di {akar}:\n{r.stderr[-2000:]}")
        d = json.loads(r.stdout.strip().splitlines()[-1])
        return d["cpu"], f"{d['sidik']} ({d['baris']} baris)"
    cpu = float(next(x for x in r.stderr.splitlines() if x.startswith("CPU")).split()[1])
    return cpu, r.stdout.strip().splitlines()[-1][-60:] if r.stdout.strip() else f"kode {r.returncode}"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--basis", default="fb587a6", help="commit pembanding (bawaan fb587a6: pembaca openpyxl)")
    ap.add_argument("--ulang", type=int, default=3, help="ulangan per varian (bawaan 3)")
    a = ap.parse_args()
    kerja = Path(tempfile.mkdtemp(prefix="lkj-bench-xlsx-"))
    pohon_basis = kerja / "basis"
    subprocess.run(["git", "-C", str(AKAR), "worktree", "add", "--detach", str(pohon_basis), a.basis],
                   check=True, capture_output=True)
    try:
        for pohon in (pohon_basis, AKAR):  # seperti `make pyc`: tidak ada varian yang membayar kompilasi
            subprocess.run([sys.executable, "-m", "compileall", "-q", str(pohon / "lkj_lib")], check=True)
        sys.path.insert(0, str(AKAR))
        buku = _buku(kerja)
        print(f"pembanding {a.basis} vs kini (pohon kerja); median CPU dari {a.ulang} ulangan, bergantian")
        for nama, folder in buku.items():
            for apa, kode, arg in (("baca_xlsx", KODE_BACA, str(folder / "data.xlsx")),
                                   ("lkj validate", KODE_VALIDATE, str(folder))):
                hasil: dict[str, list] = {"basis": [], "kini": []}
                ket: dict[str, str] = {}
                for _ in range(a.ulang):
                    for varian, pohon in (("basis", pohon_basis), ("kini", AKAR)):
                        cpu, ket[varian] = _jalan(pohon, kode, arg)
                        hasil[varian].append(cpu)
                mb, mk = statistics.median(hasil["basis"]), statistics.median(hasil["kini"])
                print(f"{nama:20s} {apa:13s} basis {mb:6.2f} s  kini {mk:6.2f} s  rasio {mb / mk:5.2f}×"
                      f"   [{ket['basis']} | {ket['kini']}]")
    finally:
        subprocess.run(["git", "-C", str(AKAR), "worktree", "remove", "--force", str(pohon_basis)],
                       capture_output=True)
        shutil.rmtree(kerja, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
