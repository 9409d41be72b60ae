"""Tolok ukur pemuat dan audit terhadap ukuran masukan (skrip, bukan pengujian).

Dalam SATU jalan diukur waktu untuk ukuran n dan 10·n, lalu dicetak rasionya; rasio ≈ 10 berarti
linear, ≫ 10 berarti superlinear (mis. regex yang mundur-ulang, pencarian duplikat kuadratik):

(a) ``baca_angka`` atas "1" + k spasi + "!" untuk k = 19 dan 190 (teks > 200 karakter ditolak
    tanpa regex, jadi regexnya diukur di bawah batas itu; regex lama: ~k^3,5);
(b) ``periksa`` atas contoh HSS dengan n baris ganda di lembar ``realisasi`` (cara lama: kuadratik);
(c) ``audit`` atas contoh HSS dengan n baris ``angka_dilaporkan`` (salinan berulang baris aslinya).

    python benchmarks/masukan.py --n 1000
"""

from __future__ import annotations

import argparse
import csv
import shutil
import sys
import tempfile
import time
from pathlib import Path

AKAR = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(AKAR))
HSS = AKAR / "params" / "bkpsdm-hulu-sungai-selatan" / "2022"


def _waktu(fn) -> float:
    t = time.perf_counter()
    fn()
    return time.perf_counter() - t


def angka(n: int) -> float:
    from lkj_lib.angka import AngkaError, baca_angka

    def jalan():
        for _ in range(2000):
            try:
                baca_angka("1" + " " * n + "!")
            except AngkaError:
                pass
    return _waktu(jalan)


def duplikat(n: int, kerja: Path) -> float:
    from lkj_lib.masukan import periksa

    f = kerja / f"dup{n}" / "2022"
    shutil.copytree(HSS, f)
    p = f / "data" / "realisasi.csv"
    with open(p, newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    with open(p, "w", newline="", encoding="utf-8") as fh:
        w = csv.DictWriter(fh, fieldnames=list(rows[0]))
        w.writeheader()
        w.writerows(rows + [rows[0]] * n)
    return _waktu(lambda: periksa(f))


def audit(n: int) -> float:
    import pandas as pd

    from lkj_lib.audit import audit as jalankan_audit
    from lkj_lib.masukan import muat
    from lkj_lib.ukur.hasil import hitung

    d = muat(HSS)
    ad = d.tabel["angka_dilaporkan"]
    d.tabel["angka_dilaporkan"] = pd.concat([ad] * (n // len(ad) + 1), ignore_index=True).iloc[:n]
    return _waktu(lambda: jalankan_audit(hitung(d)))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=1000)
    n = ap.parse_args().n
    with tempfile.TemporaryDirectory() as kerja:
        a, b = angka(19), angka(190)
        print(f"{'angka (spasi)':24s} k=     19: {a:8.3f} s   190: {b:8.3f} s   rasio {b / max(a, 1e-9):6.1f}")
        for nama, fn in (("duplikat realisasi", lambda k: duplikat(k, Path(kerja))),
                         ("audit angka_dilaporkan", lambda k: audit(k * 20))):
            a, b = fn(n), fn(10 * n)
            print(f"{nama:24s} n={n:>7}: {a:8.3f} s   10n: {b:8.3f} s   rasio {b / max(a, 1e-9):6.1f}")


if __name__ == "__main__":
    main()
