"""Tolok ukur skala ``lkj batch --scheduler tcp://…`` (skrip, bukan pengujian).

Pada K laporan SINTETIS (``lkj synth skpd`` dari contoh HSS), dalam SATU jalan: satu ``dask
scheduler`` di localhost, lalu untuk N = 1 dan N = 2 pekerja (``dask worker --nthreads 1``, baru
setiap putaran, jadi pemanasan kernel ikut terukur) ``lkj batch --force --scheduler …`` atas K
laporan. Dilaporkan: laporan per menit untuk tiap N dan efisiensi skala = (laju N=2) / (2 × laju N=1).
Pada mesin 2 inti yang juga menjalankan klien dan penjadwal, efisiensi < 1 wajar.

Pekerja dijalankan dengan Python yang menjalankan skrip ini dan ``PYTHONPATH`` = akar repo (lkj_lib
dari checkout ini); di klaster sungguhan pasang paket yang sama di setiap pekerja (docs/batch.md).

    python benchmarks/dask_skala.py --k 8 --workdir /tmp/lkj-dask-bench [--pdf]
"""

from __future__ import annotations

import argparse
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psutil

AKAR = Path(__file__).resolve().parents[1]
HSS = AKAR / "params" / "bkpsdm-hulu-sungai-selatan" / "2022"


def _env() -> dict:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(AKAR), env.get("PYTHONPATH", "")) if p)
    return env


def _mulai(args: list, log: Path) -> subprocess.Popen:
    f = open(log, "wb")  # noqa: SIM115 - ditutup di _hentikan
    p = subprocess.Popen([str(a) for a in args], env=_env(), stdout=f, stderr=subprocess.STDOUT,
                         start_new_session=True)
    p.berkas_log = f
    return p


def _hentikan(p: subprocess.Popen) -> None:
    try:
        anak = psutil.Process(p.pid).children(recursive=True)
    except psutil.NoSuchProcess:
        anak = []
    if p.poll() is None:
        os.killpg(p.pid, signal.SIGTERM)
        try:
            p.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(p.pid, signal.SIGKILL)
            p.wait()
    for c in anak:  # kernel (sesi sendiri) yang masih hidup
        try:
            c.kill()
        except psutil.NoSuchProcess:
            pass
    p.berkas_log.close()


def _tunggu(kondisi, batas: float, apa: str) -> None:
    akhir = time.monotonic() + batas
    while time.monotonic() < akhir:
        if kondisi():
            return
        time.sleep(0.2)
    raise SystemExit(f"menunggu {apa} lebih dari {batas} s")


def putaran(n: int, alamat: str, params: Path, keluaran: Path, kerja: Path, pdf: bool) -> float:
    """Detik dinding ``lkj batch --force`` dengan ``n`` pekerja baru."""
    log = [kerja / f"pekerja-{n}-{i}.log" for i in range(n)]
    pekerja = [_mulai([sys.executable, "-m", "dask", "worker", alamat, "--nthreads", "1", "--name", f"w{i}",
                       "--dashboard-address", ":0"], log[i]) for i in range(n)]
    try:
        _tunggu(lambda: all("Registered to" in p.read_text(errors="replace") for p in log), 120, "pekerja terdaftar")
        cmd = [sys.executable, "-m", "lkj_lib.cli", "batch", str(params), "--keluaran", str(keluaran), "--force",
               "--scheduler", alamat] + ([] if pdf else ["--tanpa-pdf"])
        t0 = time.perf_counter()
        r = subprocess.run(cmd, env=_env(), capture_output=True, text=True)
        detik = time.perf_counter() - t0
        if r.returncode != 0:
            raise SystemExit(f"lkj batch gagal ({r.returncode}):\n{r.stdout[-3000:]}\n{r.stderr[-2000:]}")
        return detik
    finally:
        for p in pekerja:
            _hentikan(p)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--k", type=int, default=8, help="jumlah laporan sintetis (bawaan 8)")
    ap.add_argument("--workdir", type=Path, help="folder kerja (bawaan: folder sementara baru)")
    ap.add_argument("--pdf", action="store_true", help="ikut membuat PDF (bawaan: --tanpa-pdf)")
    ap.add_argument("--seed", type=int, default=1)
    a = ap.parse_args()
    kerja = a.workdir or Path(tempfile.mkdtemp(prefix="lkj-dask-bench-"))
    kerja.mkdir(parents=True, exist_ok=True)
    params = kerja / "params"
    subprocess.run([sys.executable, "-m", "lkj_lib.cli", "synth", "skpd", "--n", str(a.k), "--from", str(HSS),
                    "--out", str(params), "--seed", str(a.seed)], env=_env(), check=True, capture_output=True)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    alamat = f"tcp://127.0.0.1:{port}"
    log = kerja / "penjadwal.log"
    penjadwal = _mulai([sys.executable, "-m", "dask", "scheduler", "--host", "127.0.0.1", "--port", port,
                        "--dashboard-address", ":0"], log)
    try:
        _tunggu(lambda: "Scheduler at" in log.read_text(errors="replace"), 60, "penjadwal")
        laju = {}
        for n in (1, 2):
            detik = putaran(n, alamat, params, kerja / f"keluaran-{n}", kerja, a.pdf)
            laju[n] = a.k / detik * 60
            print(f"{n} pekerja: {a.k} laporan dalam {detik:.1f} s = {laju[n]:.2f} laporan/menit", flush=True)
    finally:
        _hentikan(penjadwal)
    efisiensi = laju[2] / (2 * laju[1])
    print(f"percepatan 2/1 = {laju[2] / laju[1]:.2f}×, efisiensi skala = {efisiensi:.0%} "
          f"(K = {a.k}, {'dengan' if a.pdf else 'tanpa'} PDF, {os.cpu_count()} inti CPU)")
    if Path("/proc/loadavg").exists():  # mesin bersama: laju hanya sebanding dalam satu jalan
        beban = " ".join(Path("/proc/loadavg").read_text().split()[:3])
        print(f"beban mesin saat selesai (loadavg 1/5/15 menit): {beban}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
