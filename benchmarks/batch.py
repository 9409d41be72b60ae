"""Tolok ukur ``lkj batch`` (skrip, bukan pengujian).

Pada K laporan SINTETIS dari contoh HSS, dalam SATU jalan diukur (detik per laporan):

(a) rantai naif per notebook: CLI ``papermill`` untuk setiap notebook, CLI ``jupyter nbconvert
    --to html`` untuk setiap notebook tereksekusi, lalu CLI ``weasyprint`` atas HTML laporan
    rakitan. HTML rakitan dibuat dengan ``lkj_lib.bangun.rakit`` (potongan nbconvert API templat
    basic, dalam proses ini dan ikut diukur); WeasyPrint CLI mencetaknya sekali (tanpa lintasan
    kedua untuk nomor halaman Daftar Isi seperti ``lkj build``). Berurutan.
(b) API Python Papermill, kernel segar per notebook, berurutan: ``bangun(..., PelaksanaSegar())``.
(c) ``lkj batch --jobs J`` (kernel hangat; keluaran kosong, jadi semua dibangun).
(d) ``lkj batch`` sekali lagi: semua tersimpan (cache).

(a) dan (b) berurutan per laporan, jadi cukup diukur pada ``--k-naif`` laporan pertama (bawaan
min(K, 2)); detik per laporannya dibandingkan dengan (c) dan (d) atas K laporan. Memori puncak per
pekerja = RSS proses pekerja + RSS kernel anaknya, disampel dengan psutil setiap 0,2 s selama (c);
juga PSS (halaman bersama, mis. pustaka yang dimuat pekerja dan kernel, dihitung sekali dibagi rata).

    python benchmarks/batch.py --k 20 --jobs 2 --workdir /tmp/lkj-bench
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import psutil

AKAR = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
HSS = AKAR / "params" / "bkpsdm-hulu-sungai-selatan" / "2022"


def _jalankan(cmd: list[str], **kw) -> subprocess.CompletedProcess:
    r = subprocess.run(cmd, capture_output=True, text=True, **kw)
    if r.returncode != 0:
        raise SystemExit(f"gagal ({r.returncode}): {' '.join(cmd)}\n{r.stdout[-2000:]}\n{r.stderr[-2000:]}")
    return r


def naif(folder: Path, kerja: Path) -> None:
    """(a) papermill CLI + nbconvert CLI per notebook, weasyprint CLI atas HTML rakitan."""
    from lkj_lib.audit import audit, ringkasan
    from lkj_lib.bangun.eksekusi import baca
    from lkj_lib.bangun.parameter import daftar_notebook
    from lkj_lib.bangun.rakit import html_notebook, rakit
    from lkj_lib.masukan import muat
    from lkj_lib.ukur.hasil import hitung

    kerja.mkdir(parents=True)
    notebooks = daftar_notebook()
    for nb in notebooks:
        keluar = kerja / nb.name
        _jalankan([str(BIN / "papermill"), str(nb), str(keluar), "-p", "folder_skpd", str(folder),
                   "-p", "folder_keluaran", str(kerja), "-p", "draf", "False", "-k", "python3",
                   "--cwd", str(nb.parent), "--no-progress-bar", "--log-level", "ERROR"])
        _jalankan([str(BIN / "jupyter-nbconvert"), "--to", "html", str(keluar), "--output-dir", str(kerja),
                   "--log-level", "ERROR"])
    data = muat(folder)
    rakitan = rakit({nb.stem: html_notebook(baca(kerja / nb.name)) for nb in notebooks}, data.profil, False,
                    ringkasan(audit(hitung(data))))
    html = kerja / "laporan.html"
    html.write_text(rakitan.render("layar"), encoding="utf-8")
    _jalankan([str(BIN / "weasyprint"), "-q", str(html), str(kerja / "laporan.pdf")])


class Pengukur(threading.Thread):
    """Sampel RSS setiap pekerja (anak langsung proses lkj) + keturunannya (kernel)."""

    def __init__(self, pid: int, selang: float = 0.2):
        super().__init__(daemon=True)
        self.induk, self.selang, self.puncak, self.berhenti = psutil.Process(pid), selang, {}, False
        self.puncak_induk = 0
        self.puncak_pss: dict[int, int] = {}

    def run(self) -> None:
        while not self.berhenti:
            try:
                self.puncak_induk = max(self.puncak_induk, self.induk.memory_info().rss)
                for p in self.induk.children():
                    keluarga = [p, *p.children(recursive=True)]
                    total = sum(c.memory_info().rss for c in keluarga)
                    self.puncak[p.pid] = max(self.puncak.get(p.pid, 0), total)
                    pss = sum(c.memory_full_info().pss for c in keluarga)
                    self.puncak_pss[p.pid] = max(self.puncak_pss.get(p.pid, 0), pss)
            except psutil.Error:
                pass
            time.sleep(self.selang)


def batch_cli(params: Path, keluaran: Path, jobs: int) -> tuple[float, dict[int, int], int, str]:
    t0 = time.perf_counter()
    proses = subprocess.Popen([str(BIN / "lkj"), "batch", str(params), "--keluaran", str(keluaran),
                               "--jobs", str(jobs)], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    ukur = Pengukur(proses.pid)
    ukur.start()
    keluaran_teks, _ = proses.communicate()
    detik = time.perf_counter() - t0
    ukur.berhenti = True
    ukur.join()
    if proses.returncode != 0:
        raise SystemExit(f"lkj batch gagal ({proses.returncode}):\n{keluaran_teks[-3000:]}")
    return detik, (ukur.puncak, ukur.puncak_pss), ukur.puncak_induk, keluaran_teks


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--k", type=int, default=20, help="jumlah laporan sintetis (bawaan 20)")
    ap.add_argument("--k-naif", type=int, help="laporan untuk (a) dan (b) (bawaan min(K, 2))")
    ap.add_argument("--jobs", type=int, default=2, help="pekerja lkj batch (bawaan 2)")
    ap.add_argument("--workdir", type=Path, help="folder kerja (bawaan: folder sementara baru)")
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    k_naif = args.k_naif or min(args.k, 2)
    kerja = args.workdir or Path(tempfile.mkdtemp(prefix="lkj-bench-"))
    for sub in ("params", "a", "b", "c"):
        shutil.rmtree(kerja / sub, ignore_errors=True)
    os.environ.setdefault("PYTHONWARNINGS", "ignore")

    from lkj_lib.bangun import PelaksanaSegar, bangun
    from lkj_lib.batch.sintetis import buat_sintetis

    folder = buat_sintetis(HSS, args.k, kerja / "params", seed=args.seed)
    print(f"{args.k} laporan sintetis dari {HSS.relative_to(AKAR)} di {kerja / 'params'}; "
          f"(a)/(b) pada {k_naif} laporan; {psutil.cpu_count()} inti")

    t0 = time.perf_counter()
    for i, f in enumerate(folder[:k_naif]):
        naif(f, kerja / "a" / str(i))
    a = (time.perf_counter() - t0) / k_naif
    print(f"(a) rantai CLI naif            {a:7.2f} s/laporan", flush=True)

    t0 = time.perf_counter()
    for f in folder[:k_naif]:
        bangun(f, kerja / "b", pelaksana=PelaksanaSegar(), log=None)
    b = (time.perf_counter() - t0) / k_naif
    print(f"(b) Papermill API, kernel segar {b:7.2f} s/laporan", flush=True)

    detik_c, puncak, puncak_induk, teks_c = batch_cli(kerja / "params", kerja / "c", args.jobs)
    c = detik_c / args.k
    print(f"(c) lkj batch --jobs {args.jobs}          {c:7.2f} s/laporan ({detik_c:.1f} s untuk {args.k})", flush=True)
    detik_d, _, _, teks_d = batch_cli(kerja / "params", kerja / "c", args.jobs)
    if f"0 laporan dibangun, {args.k} tersimpan" not in teks_d:
        # pohon kerja bersama: kode lkj_lib berubah selama (c) sehingga kuncinya berubah; ulangi (d)
        print("(d) kode lkj_lib berubah selama (c): laporan dibangun ulang; (d) diukur ulang", flush=True)
        detik_d, _, _, teks_d = batch_cli(kerja / "params", kerja / "c", args.jobs)
        assert f"0 laporan dibangun, {args.k} tersimpan" in teks_d, teks_d[-2000:]
    d = detik_d / args.k
    print(f"(d) lkj batch, semua tersimpan {d:7.3f} s/laporan ({detik_d:.2f} s untuk {args.k})")

    rss, pss = puncak
    mb = {pid: v / 2**20 for pid, v in rss.items()}
    mb_pss = {pid: v / 2**20 for pid, v in pss.items()}
    print(f"\na/c = {a / c:.1f}× (sasaran ≥ 20×)   b/c = {b / c:.1f}× (sasaran ≥ 3×)   "
          f"c = {c:.2f} s/laporan (sasaran ≤ 1,5)   d = {d:.3f} s/laporan (sasaran ≤ 0,3)")
    print("puncak memori per pekerja (pekerja + kernel), RSS: "
          + ", ".join(f"{v:.0f} MB" for v in sorted(mb.values(), reverse=True)[:args.jobs])
          + "; PSS: " + ", ".join(f"{v:.0f} MB" for v in sorted(mb_pss.values(), reverse=True)[:args.jobs])
          + f" (sasaran ≤ 400 MB); proses induk {puncak_induk / 2**20:.0f} MB")
    print("\n" + "\n".join(teks_c.splitlines()[-3:]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
