"""Tolok ukur ``lkj build`` (skrip, bukan pengujian): pohon kerja ini vs. commit pembanding.

Dalam SATU jalan, bergantian (pembanding, kini, pembanding, kini, ...), setiap kali dalam proses
baru dan folder keluaran baru: ``lkj build`` contoh HSS (params/bkpsdm-hulu-sungai-selatan/2022).
Commit pembanding (bawaan: ``git merge-base HEAD main``, atau ``--basis REV``) di-checkout ke
``git worktree`` sementara; kedua varian memakai Python/venv yang sama (``sys.executable``).
Dicetak per varian: median waktu dinding dan CPU (proses + anak, termasuk kernel), waktu per fase
dari ``manifest.json`` (``waktu_detik``) dan rasio pembanding/kini; juga ``lkj audit`` dan
``lkj validate``. Karena mesin dapat sedang dipakai proses lain, bandingkan RASIO dalam jalan yang
sama, bukan angka mutlak.

    python benchmarks/bangun.py --ulang 2 [--basis main] [--tanpa-pdf]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

AKAR = Path(__file__).resolve().parents[1]
CONTOH = Path("params") / "bkpsdm-hulu-sungai-selatan" / "2022"
KODE_CLI = "import sys; from lkj_lib.cli import main; sys.argv[0] = 'lkj'; sys.exit(main())"


def _git(*args: str) -> str:
    return subprocess.run(["git", "-C", str(AKAR), *args], capture_output=True, text=True,
                          check=True).stdout.strip()


def _cpu_anak() -> float:
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def jalankan(akar: Path, argumen: list[str]) -> tuple[float, float]:
    """Jalankan ``lkj <argumen>`` dengan kode di ``akar``; kembalikan (dinding, CPU) detik."""
    env = dict(os.environ, PYTHONPATH=str(akar), PYTHONWARNINGS="ignore")
    cpu0, t0 = _cpu_anak(), time.perf_counter()
    r = subprocess.run([sys.executable, "-c", KODE_CLI, *argumen], cwd=akar, env=env, capture_output=True,
                       text=True)
    dinding, cpu = time.perf_counter() - t0, _cpu_anak() - cpu0
    if r.returncode != 0:
        raise SystemExit(f"gagal ({r.returncode}) di {akar}: lkj {' '.join(argumen)}\n"
                         f"{r.stdout[-2000:]}\n{r.stderr[-2000:]}")
    return dinding, cpu


def build(akar: Path, kerja: Path, tanpa_pdf: bool) -> dict:
    keluaran = Path(tempfile.mkdtemp(prefix="keluaran-", dir=kerja))
    argumen = ["build", str(akar / CONTOH), "--keluaran", str(keluaran)] + (["--tanpa-pdf"] if tanpa_pdf else [])
    dinding, cpu = jalankan(akar, argumen)
    manifest = next(keluaran.rglob("manifest.json"))
    fase = json.loads(manifest.read_text(encoding="utf-8"))["waktu_detik"]
    shutil.rmtree(keluaran, ignore_errors=True)
    return {"dinding": dinding, "cpu": cpu, "fase": fase}


def _median(xs: list[float]) -> float:
    return statistics.median(xs) if xs else float("nan")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--basis", default=None, help="commit pembanding (bawaan: git merge-base HEAD main)")
    ap.add_argument("--ulang", type=int, default=2, help="jumlah build per varian (bawaan 2)")
    ap.add_argument("--tanpa-pdf", action="store_true", help="build tanpa PDF")
    args = ap.parse_args()
    basis = _git("rev-parse", args.basis or _git("merge-base", "HEAD", "main"))
    kerja = Path(tempfile.mkdtemp(prefix="lkj-bench-build-"))
    pohon_basis = kerja / "basis"
    _git("worktree", "add", "--detach", str(pohon_basis), basis)
    varian = {f"basis {basis[:10]}": pohon_basis, "kini (pohon kerja)": AKAR}
    for akar in varian.values():  # seperti `make` (target pyc): tanpa ini, di mesin dengan
        # PYTHONDONTWRITEBYTECODE=1 varian yang belum terkompilasi membayar kompilasi lkj_lib setiap proses
        subprocess.run([sys.executable, "-m", "compileall", "-q", str(akar / "lkj_lib")], check=True)
    hasil: dict[str, list[dict]] = {k: [] for k in varian}
    lain: dict[str, dict[str, list[tuple[float, float]]]] = {k: {"audit": [], "validate": []} for k in varian}
    print(f"lkj build {CONTOH} ×{args.ulang} per varian, bergantian; {os.cpu_count()} inti; "
          f"beban awal {os.getloadavg()[0]:.2f}", flush=True)
    try:
        for i in range(args.ulang):
            for nama, akar in varian.items():
                r = build(akar, kerja, args.tanpa_pdf)
                hasil[nama].append(r)
                print(f"  [{i + 1}] {nama}: {r['dinding']:.1f} s dinding, {r['cpu']:.1f} s CPU", flush=True)
                lain[nama]["audit"].append(jalankan(akar, ["audit", str(akar / CONTOH), "--keluaran",
                                                           str(kerja / "audit")]))
                lain[nama]["validate"].append(jalankan(akar, ["validate", str(akar / CONTOH)]))
    finally:
        subprocess.run(["git", "-C", str(AKAR), "worktree", "remove", "--force", str(pohon_basis)],
                       capture_output=True)
        shutil.rmtree(kerja, ignore_errors=True)
    nama_b, nama_k = list(varian)
    fase = sorted({f for rs in hasil.values() for r in rs for f in r["fase"]},
                  key=lambda f: (f == "total", f))
    print(f"\n{'median (detik)':24} {nama_b:>18} {nama_k:>20} {'rasio':>7}")

    def baris(label: str, b: float, k: float) -> None:
        print(f"{label:24} {b:18.2f} {k:20.2f} {b / k if k else float('nan'):7.2f}")

    for kunci in ("dinding", "cpu"):
        baris(f"build {kunci}", _median([r[kunci] for r in hasil[nama_b]]),
              _median([r[kunci] for r in hasil[nama_k]]))
    for f in fase:
        baris(f"  fase {f}", _median([r["fase"].get(f, float("nan")) for r in hasil[nama_b]]),
              _median([r["fase"].get(f, float("nan")) for r in hasil[nama_k]]))
    for perintah in ("audit", "validate"):
        for j, kunci in enumerate(("dinding", "cpu")):
            baris(f"{perintah} {kunci}", _median([x[j] for x in lain[nama_b][perintah]]),
                  _median([x[j] for x in lain[nama_k][perintah]]))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
