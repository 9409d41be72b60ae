"""Tolok ukur DOCX (skrip, bukan pengujian): berapa detik dokumen Word menambah ``lkj build``.

Dalam SATU jalan, bergantian: ``lkj build`` contoh HSS dengan DOCX dan dengan ``--tanpa-docx``
(masing-masing proses baru, folder keluaran baru), ``--ulang`` kali. Dicetak median waktu dinding
kedua varian, median ``waktu_detik.docx`` dari ``manifest.json``, dan rasionya terhadap total build.
Mesin dapat sedang dipakai proses lain: bandingkan rasio dalam jalan yang sama, bukan angka mutlak.

    python benchmarks/bangun_docx.py --ulang 3 [--tanpa-pdf]

(Bukan ``docx.py``: folder skrip ada di depan ``sys.path``, dan ``benchmarks/docx.py`` dulu menutupi
python-docx bagi ``benchmarks/batch.py``.)
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

AKAR = Path(__file__).resolve().parents[1]
CONTOH = AKAR / "params" / "bkpsdm-hulu-sungai-selatan" / "2022"
KODE_CLI = "import sys; from lkj_lib.cli import main; sys.argv[0] = 'lkj'; sys.exit(main())"


def _build(keluaran: Path, docx: bool, pdf: bool) -> tuple[float, dict]:
    args = [sys.executable, "-c", KODE_CLI, "build", "--keluaran", str(keluaran), str(CONTOH)]
    args += [] if docx else ["--tanpa-docx"]
    args += [] if pdf else ["--tanpa-pdf"]
    env = dict(os.environ, PYTHONPATH=str(AKAR))
    t0 = time.perf_counter()
    subprocess.run(args, cwd=AKAR, env=env, check=True, capture_output=True)
    dinding = time.perf_counter() - t0
    m = json.loads(next(keluaran.rglob("manifest.json")).read_text(encoding="utf-8"))
    return dinding, m["waktu_detik"]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--ulang", type=int, default=3)
    ap.add_argument("--tanpa-pdf", action="store_true")
    a = ap.parse_args()
    hasil: dict[bool, list[tuple[float, dict]]] = {True: [], False: []}
    with tempfile.TemporaryDirectory(prefix="lkj-bench-docx-") as tmp:
        for i in range(a.ulang):
            for docx in (True, False):
                hasil[docx].append(_build(Path(tmp) / f"{i}-{docx}", docx, not a.tanpa_pdf))
    dengan = statistics.median(d for d, _ in hasil[True])
    tanpa = statistics.median(d for d, _ in hasil[False])
    langkah = statistics.median(w["docx"] for _, w in hasil[True])
    total = statistics.median(w["total"] for _, w in hasil[True])
    print(f"lkj build HSS{' (tanpa PDF)' if a.tanpa_pdf else ''}, {a.ulang}× bergantian, median:")
    print(f"  dengan DOCX   {dengan:6.1f} s dinding")
    print(f"  --tanpa-docx  {tanpa:6.1f} s dinding   (selisih {dengan - tanpa:+.1f} s, rasio {dengan / tanpa:.2f})")
    print(f"  langkah DOCX  {langkah:6.2f} s = {100 * langkah / total:.0f}% dari waktu build (manifest)")
    if not a.tanpa_pdf:
        pdf = statistics.median(w["pdf"] for _, w in hasil[True])
        print(f"  langkah PDF   {pdf:6.2f} s  (DOCX/PDF = {langkah / pdf:.2f})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
