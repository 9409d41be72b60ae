"""Bandingkan keluaran dua commit (skrip, bukan pengujian): apakah refaktor mengubah angka laporan?

Kedua commit di-checkout ke ``git worktree`` sementara dan masing-masing membangun contoh
(bawaan: HSS dan Balangan 2022) tanpa PDF dengan kodenya sendiri (venv yang sama). Dibandingkan:
daftar dan isi byte setiap berkas ``data/*.csv`` dan ``figures/*`` (PNG dan SVG), lalu teks laporan
HTML (tag, gaya dan gambar tertanam dibuang; kata demi kata). Dicetak: berkas yang berbeda (dengan
baris yang berbeda untuk CSV) dan potongan teks yang berbeda.

    python tests/banding_keluaran.py --lama 19992cb --baru 26052a1
"""

from __future__ import annotations

import argparse
import difflib
import html
import re
import subprocess
import sys
import tempfile
from pathlib import Path

AKAR = Path(__file__).resolve().parents[1]
CONTOH = ("bkpsdm-hulu-sungai-selatan/2022", "bkpsdm-balangan/2022")
KODE_CLI = "import sys; from lkj_lib.cli import main; sys.exit(main(sys.argv[1:]))"


def _git(*a: str) -> str:
    return subprocess.run(["git", "-C", str(AKAR), *a], capture_output=True, text=True, check=True).stdout.strip()


def _bangun(pohon: Path, contoh: str, keluaran: Path) -> Path:
    r = subprocess.run([sys.executable, "-c", KODE_CLI, "build", "--tanpa-pdf", f"params/{contoh}",
                        "--keluaran", str(keluaran)], cwd=pohon, capture_output=True, text=True,
                       env={"PYTHONPATH": str(pohon), "PATH": "/usr/bin:/bin", "HOME": str(Path.home())})
    if r.returncode != 0:
        raise SystemExit(f"build {contoh} di {pohon} gagal:\n{r.stdout[-2000:]}\n{r.stderr[-2000:]}")
    return keluaran / contoh


def _kata(p: Path) -> list[str]:
    s = p.read_text(encoding="utf-8")
    s = re.sub(r"<(script|style)[^>]*>.*?</\1>", " ", s, flags=re.S)
    s = re.sub(r'src="data:[^"]*"', "", s)
    s = html.unescape(re.sub(r"<[^>]+>", " ", s))
    return s.split()


def bandingkan(a: Path, b: Path) -> list[str]:
    out = []
    fa = {p.relative_to(a).as_posix() for d in ("data", "figures") for p in (a / d).rglob("*") if p.is_file()}
    fb = {p.relative_to(b).as_posix() for d in ("data", "figures") for p in (b / d).rglob("*") if p.is_file()}
    out += [f"hanya di lama: {x}" for x in sorted(fa - fb)] + [f"hanya di baru: {x}" for x in sorted(fb - fa)]
    for rel in sorted(fa & fb):
        x, y = (a / rel).read_bytes(), (b / rel).read_bytes()
        if x == y:
            continue
        out.append(f"BEDA {rel}")
        if rel.endswith(".csv"):
            bx, by = x.decode("utf-8").splitlines(), y.decode("utf-8").splitlines()
            out += [f"    {d}" for d in difflib.unified_diff(bx, by, lineterm="", n=0)
                    if d[:1] in "+-" and d[:3] not in ("+++", "---")][:20]
    ha, hb = next(a.glob("*.html")), next(b.glob("*.html"))
    ka, kb = _kata(ha), _kata(hb)
    sm = difflib.SequenceMatcher(a=ka, b=kb, autojunk=False)
    for op, i1, i2, j1, j2 in sm.get_opcodes():
        if op != "equal":
            out.append(f"teks {op}: {' '.join(ka[i1:i2])[:160]!r} → {' '.join(kb[j1:j2])[:160]!r}")
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--lama", required=True, help="commit pembanding")
    ap.add_argument("--baru", default="HEAD", help="commit yang diperiksa (bawaan HEAD)")
    ap.add_argument("--contoh", nargs="*", default=list(CONTOH), help="folder di bawah params/")
    a = ap.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="lkj-banding-") as t:
        t = Path(t)
        pohon = {}
        try:
            for nama, rev in (("lama", a.lama), ("baru", a.baru)):
                pohon[nama] = t / nama
                _git("worktree", "add", "-q", "--detach", str(pohon[nama]), rev)
            beda = 0
            for c in a.contoh:
                hasil = {n: _bangun(p, c, t / f"keluaran-{n}") for n, p in pohon.items()}
                baris = bandingkan(hasil["lama"], hasil["baru"])
                print(f"== {c}: {'tidak ada perbedaan' if not baris else f'{len(baris)} baris perbedaan'}")
                for b in baris:
                    print("  " + b)
                beda += len(baris)
        finally:
            for p in pohon.values():
                subprocess.run(["git", "-C", str(AKAR), "worktree", "remove", "--force", str(p)], capture_output=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
