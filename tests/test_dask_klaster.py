"""``lkj batch --scheduler tcp://…`` pada klaster Dask sungguhan di localhost: ``dask scheduler`` dan
dua ``dask worker`` (subproses) dari lkj yang terpasang sebagai wheel di venv baru (seperti
tests/test_paket.py), satu pekerja dibunuh (SIGKILL, beserta kernelnya) di tengah membangun
laporan. Diperiksa: laporannya dijadwal ulang ke pekerja lain, setiap laporan selesai dibangun
tepat sekali, tidak ada folder kerja/setengah jadi yang tertinggal, dan bytes laporan (HTML,
data/*.csv, audit.csv, ringkasan.json, manifest tanpa medan waktu, sel notebook tanpa metadata
waktu eksekusi) sama dengan build lokal ``lkj batch --jobs 1`` dari paket yang sama.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import sysconfig
import time
from pathlib import Path

import pytest

from lkj_lib.batch.sintetis import buat_sintetis
from mini import tulis_mini

ROOT = Path(__file__).resolve().parents[1]
MEDAN_WAKTU = ("dibuat", "waktu_detik")


def _env() -> dict:
    return {k: v for k, v in os.environ.items()
            if k not in ("PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV", "JUPYTER_PATH", "JUPYTER_DATA_DIR")}


def _jalan(args, cwd, **kw) -> str:
    r = subprocess.run([str(a) for a in args], cwd=cwd, env=_env(), capture_output=True, text=True, **kw)
    assert r.returncode == 0, f"{args}\nstdout:\n{r.stdout[-3000:]}\nstderr:\n{r.stderr[-3000:]}"
    return r.stdout


def venv_wheel(luar: Path) -> Path:
    """venv baru dengan wheel lkj dari sumber ini (dependensi lewat .pth); kembalikan python-nya."""
    sumber = luar / "sumber"
    sumber.mkdir(parents=True)
    for nama in ("pyproject.toml", "README.md"):
        shutil.copy2(ROOT / nama, sumber / nama)
    shutil.copytree(ROOT / "lkj_lib", sumber / "lkj_lib", ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    _jalan([sys.executable, "-m", "pip", "wheel", sumber, "--no-deps", "-q", "-w", luar / "whl"], cwd=luar)
    (whl,) = (luar / "whl").glob("lkj-*.whl")
    venv = luar / "venv"
    _jalan([sys.executable, "-m", "venv", "--without-pip", venv], cwd=luar)
    py = venv / "bin" / "python"
    site_baru = Path(_jalan([py, "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"], cwd=luar).strip())
    (site_baru / "dependensi-uji.pth").write_text(sysconfig.get_path("purelib") + "\n")
    (venv / "share" / "jupyter").mkdir(parents=True)
    (venv / "share" / "jupyter" / "nbconvert").symlink_to(Path(sys.prefix) / "share" / "jupyter" / "nbconvert")
    _jalan([sys.executable, "-m", "pip", "--python", py, "install", "-q", "--no-deps", whl], cwd=luar)
    asal = _jalan([py, "-c", "import lkj_lib; print(lkj_lib.__file__)"], cwd=luar).strip()
    assert Path(asal).resolve().is_relative_to(venv.resolve())
    return py


def _port_bebas() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _mulai(args, log: Path, cwd: Path) -> subprocess.Popen:
    f = open(log, "wb")  # noqa: SIM115 - ditutup bersama prosesnya di _hentikan
    p = subprocess.Popen([str(a) for a in args], cwd=cwd, env=_env(), stdout=f, stderr=subprocess.STDOUT,
                         start_new_session=True)
    p.berkas_log = f
    return p


def _keturunan(pid: int) -> list[int]:
    import psutil

    try:
        return [c.pid for c in psutil.Process(pid).children(recursive=True)]
    except psutil.NoSuchProcess:
        return []


def _bunuh(pids: list[int]) -> None:
    for pid in pids:
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass


def _hentikan(p: subprocess.Popen) -> None:
    anak = _keturunan(p.pid)
    if p.poll() is None:
        try:
            os.killpg(p.pid, signal.SIGTERM)
            p.wait(timeout=10)
        except (ProcessLookupError, subprocess.TimeoutExpired):
            pass
    _bunuh([p.pid, *anak])
    p.wait(timeout=10)
    p.berkas_log.close()


def _tunggu(kondisi, batas: float, apa: str):
    akhir = time.monotonic() + batas
    while time.monotonic() < akhir:
        hasil = kondisi()
        if hasil:
            return hasil
        time.sleep(0.1)
    raise AssertionError(f"menunggu {apa} lebih dari {batas} s")


def _peristiwa(log: Path) -> list[tuple[str, str]]:
    """[(peristiwa, label)] dari baris log pekerja ``lkj: mulai|selesai|gagal|sudah … <skpd>/<tahun>``."""
    teks = log.read_text(encoding="utf-8", errors="replace") if log.exists() else ""
    return re.findall(r"lkj: (mulai|selesai|gagal|sudah dibangun di sesi ini) (\S+/\d{4})", teks)


def _isi_laporan(folder: Path) -> dict[str, bytes]:
    """Berkas yang dibandingkan: HTML, data/*.csv, audit.csv, ringkasan.json, manifest tanpa medan waktu."""
    out = {p.relative_to(folder).as_posix(): p.read_bytes()
           for pola in ("*.html", "data/*.csv", "audit.csv", "ringkasan.json") for p in folder.glob(pola)}
    m = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    for k in MEDAN_WAKTU:
        m.pop(k)
    # notebook tereksekusi membawa waktu eksekusi (metadata papermill): hash-nya dibandingkan lewat
    # isi sel (sumber + keluaran) di bawah, bukan bytes
    m["keluaran"] = {k: v for k, v in m["keluaran"].items() if not k.endswith(".ipynb")}
    out["manifest.json"] = json.dumps(m, sort_keys=True).encode()
    for nb in sorted(folder.glob("notebooks/*.ipynb")):
        sel = json.loads(nb.read_text(encoding="utf-8"))["cells"]
        out[nb.relative_to(folder).as_posix()] = json.dumps(
            [(c["source"], c.get("outputs")) for c in sel], sort_keys=True).encode()
    return out


@pytest.mark.slow
def test_klaster_dask_pekerja_dibunuh_laporannya_dijadwal_ulang(tmp_path):
    params = tmp_path / "params"
    mini = tulis_mini(params / "dinas-contoh" / "2024")
    buat_sintetis(mini, 2, params, seed=21)
    label = sorted(f"{p.parent.name}/{p.name}" for p in params.glob("*/2024"))
    assert len(label) == 3
    t0 = time.monotonic()
    py = venv_wheel(tmp_path / "luar")
    print(f"venv {time.monotonic() - t0:.1f} s")
    lkj = [py, "-m", "lkj_lib.cli"]

    port = _port_bebas()
    alamat = f"tcp://127.0.0.1:{port}"
    log = {n: tmp_path / f"{n}.log" for n in ("penjadwal", "w1", "w2", "batch")}
    proses = [_mulai([py, "-m", "dask", "scheduler", "--host", "127.0.0.1", "--port", port,
                      "--dashboard-address", ":0"], log["penjadwal"], tmp_path)]
    try:
        _tunggu(lambda: "Scheduler at" in log["penjadwal"].read_text(errors="replace"), 60, "penjadwal")
        for n in ("w1", "w2"):
            proses.append(_mulai([py, "-m", "dask", "worker", alamat, "--nthreads", "1", "--name", n,
                                  "--dashboard-address", ":0", "--death-timeout", "60"], log[n], tmp_path))
        # acuan (sementara klaster menyala): build lokal dari paket yang sama, satu proses
        _jalan([*lkj, "batch", params, "--keluaran", tmp_path / "lokal", "--tanpa-pdf", "--jobs", "1"],
               cwd=tmp_path, timeout=300)
        print(f"lokal {time.monotonic() - t0:.1f} s")
        _tunggu(lambda: all("Registered to" in log[n].read_text(errors="replace") for n in ("w1", "w2")), 60,
                "dua pekerja terdaftar")
        w1 = proses[1]
        print(f"klaster siap {time.monotonic() - t0:.1f} s")
        batch = _mulai([*lkj, "batch", params, "--keluaran", tmp_path / "klaster", "--tanpa-pdf",
                        "--scheduler", alamat], log["batch"], tmp_path)
        proses.append(batch)

        # w1 sedang membangun satu laporan (sudah 'mulai', belum 'selesai'): bunuh w1 dan kernelnya
        def sedang_dibangun() -> str | None:
            e = _peristiwa(log["w1"])
            mulai = [lb for p, lb in e if p == "mulai"]
            if mulai and ("selesai", mulai[-1]) not in e and ("gagal", mulai[-1]) not in e:
                return mulai[-1]
            return None

        korban = _tunggu(sedang_dibangun, 90, "w1 mulai membangun")
        awalan = f".{korban.replace('/', '-')}.kerja-"
        _tunggu(lambda: list((tmp_path / "klaster").glob(awalan + "*/notebooks/*.ipynb")), 60,
                "notebook pertama korban tertulis")  # laporan setengah jadi di folder kerja
        assert ("selesai", korban) not in _peristiwa(log["w1"]), "terlambat: w1 sudah selesai"
        print(f"bunuh {korban} {time.monotonic() - t0:.1f} s")
        _bunuh([w1.pid, *_keturunan(w1.pid)])
        w1.wait(timeout=10)
        sisa_kerja = list((tmp_path / "klaster").glob(".*.kerja-*"))

        assert batch.wait(timeout=180) == 0, log["batch"].read_text(errors="replace")[-3000:]
        print(f"batch selesai {time.monotonic() - t0:.1f} s")
    finally:
        for p in reversed(proses):
            _hentikan(p)

    e1, e2 = _peristiwa(log["w1"]), _peristiwa(log["w2"])
    # laporan korban dijadwal ulang ke w2 dan selesai di sana
    assert ("selesai", korban) not in e1 and ("selesai", korban) in e2
    # setiap laporan selesai dibangun tepat sekali di seluruh klaster; tidak ada yang gagal
    selesai = [lb for p, lb in e1 + e2 if p == "selesai"]
    assert sorted(selesai) == label, (e1, e2)
    assert not [x for x in e1 + e2 if x[0] == "gagal"]
    # pekerja yang dibunuh meninggalkan folder kerja (setengah jadi) laporannya …
    assert [p for p in sisa_kerja if p.name.startswith(awalan)], sisa_kerja
    # … yang disapu oleh build ulang: tidak ada sisa, setiap laporan lengkap dan sama dengan build lokal
    klaster, lokal = tmp_path / "klaster", tmp_path / "lokal"
    assert not list(klaster.glob(".*.kerja-*")) and not list(klaster.glob("*/.*.lama-*"))
    for lb in label:
        a, b = _isi_laporan(klaster / lb), _isi_laporan(lokal / lb)
        assert sorted(a) == sorted(b) and len(a) >= 12, lb
        beda = [k for k in a if a[k] != b[k]]
        assert not beda, (lb, beda)
        assert (klaster / lb / ".kunci-cache").is_file()
    html = (klaster / "index.html").read_text(encoding="utf-8")
    assert html.count('class="sel st-berhasil"') == 3
