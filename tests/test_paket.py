"""Paket terpasang berdiri sendiri: wheel berisi notebook dan templat, dan `lkj build` dari venv baru
di luar repo menghasilkan laporan tanpa menyentuh sumber repo.

Venv uji tidak mengunduh ulang dependensi (±1 menit dan jaringan): berkas ``.pth`` menambahkan
site-packages lingkungan yang menjalankan pengujian ke ``sys.path`` venv baru. Berkas ``.pth`` di
folder yang ditambahkan dengan cara itu TIDAK diproses, jadi pemasangan editable lkj di lingkungan
pengujian (jika ada) tidak ikut aktif: ``lkj_lib`` hanya bisa datang dari wheel.
"""

import json
import os
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
HSS = ROOT / "params" / "bkpsdm-hulu-sungai-selatan" / "2022"
NOTEBOOK = sorted(p.name for p in (ROOT / "lkj_lib" / "notebooks").glob("[0-9][0-9]_*.ipynb"))


def _env_bersih() -> dict:
    env = {k: v for k, v in os.environ.items()
           if k not in ("PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV", "JUPYTER_PATH", "JUPYTER_DATA_DIR")}
    return env


def _jalan(args, cwd, **kw):
    r = subprocess.run([str(a) for a in args], cwd=cwd, env=_env_bersih(), capture_output=True, text=True,
                       **kw)
    assert r.returncode == 0, f"{args}\nstdout:\n{r.stdout[-3000:]}\nstderr:\n{r.stderr[-3000:]}"
    return r.stdout


def test_notebook_di_dalam_paket_dan_tautan_analis():
    from lkj_lib.paths import AKAR_PAKET, NOTEBOOK_DIR

    assert NOTEBOOK_DIR == AKAR_PAKET / "notebooks"
    assert len(NOTEBOOK) == 6
    tautan = ROOT / "notebooks"
    assert tautan.is_symlink() and os.readlink(tautan) == "lkj_lib/notebooks"
    assert sorted(p.name for p in tautan.glob("*.ipynb")) == NOTEBOOK
    # parameter bawaan notebook (mode interaktif) menunjuk contoh HSS relatif terhadap folder fisiknya
    for nama in NOTEBOOK:
        nb = json.loads((NOTEBOOK_DIR / nama).read_text())
        sel = next(c for c in nb["cells"] if "parameters" in c["metadata"].get("tags", []))
        baris = next(b for b in "".join(sel["source"]).splitlines() if b.startswith("folder_skpd"))
        relatif = baris.split("=", 1)[1].strip().strip('"')
        assert (NOTEBOOK_DIR / relatif).resolve() == HSS.resolve(), nama


@pytest.mark.slow
def test_wheel_terpasang_di_luar_repo_membangun_laporan(tmp_path):
    luar = tmp_path / "luar"
    luar.mkdir()
    assert ROOT not in luar.resolve().parents

    # 1. wheel dari salinan sumber bersih (setuptools menulis build/ dan *.egg-info di folder sumber;
    #    sisa build lama di sana bisa ikut masuk wheel): notebook dan templat ikut sebagai data paket
    sumber = luar / "sumber"
    sumber.mkdir()
    for nama in ("pyproject.toml", "README.md"):
        shutil.copy2(ROOT / nama, sumber / nama)
    shutil.copytree(ROOT / "lkj_lib", sumber / "lkj_lib", ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    _jalan([sys.executable, "-m", "pip", "wheel", sumber, "--no-deps", "-q", "-w", luar / "whl"], cwd=luar)
    (whl,) = (luar / "whl").glob("lkj-*.whl")
    isi = set(zipfile.ZipFile(whl).namelist())
    assert {f"lkj_lib/notebooks/{n}" for n in NOTEBOOK} <= isi
    assert {"lkj_lib/templates/laporan/laporan.html.j2", "lkj_lib/templates/laporan/laporan.css",
            "lkj_lib/templates/batch/index.html.j2", "lkj_lib/templates/narasi/iku.txt.j2"} <= isi

    # 2. venv baru memakai dependensi terpasang lewat .pth, lalu pasang wheel tanpa dependensi
    venv = luar / "venv"
    _jalan([sys.executable, "-m", "venv", "--without-pip", venv], cwd=luar)
    py = venv / "bin" / "python"
    site_baru = Path(_jalan([py, "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
                            cwd=luar).strip())
    (site_baru / "dependensi-uji.pth").write_text(sysconfig.get_path("purelib") + "\n")
    # berkas data nbconvert (templat HTML) dipasang pip di <prefix>/share/jupyter/nbconvert; .pth tidak
    # membawanya. Kernelspec lingkungan pengujian sengaja TIDAK ikut disalin.
    (venv / "share" / "jupyter").mkdir(parents=True)
    (venv / "share" / "jupyter" / "nbconvert").symlink_to(Path(sys.prefix) / "share" / "jupyter" / "nbconvert")
    _jalan([sys.executable, "-m", "pip", "--python", py, "install", "-q", "--no-deps", whl], cwd=luar)

    # lkj_lib dan kernel "python3" yang dipakai Papermill sama-sama dari venv baru
    periksa = ("import json, lkj_lib; from jupyter_client.kernelspec import KernelSpecManager\n"
               "print(json.dumps({'paket': lkj_lib.__file__, 'versi': lkj_lib.__version__,\n"
               "  'kernel': KernelSpecManager().get_kernel_spec('python3').argv[0]}))")
    info = json.loads(_jalan([py, "-c", periksa], cwd=luar))
    assert Path(info["paket"]).resolve().is_relative_to(venv.resolve())
    assert Path(info["kernel"]) == py

    # 3. build contoh HSS (disalin ke luar repo) dengan perintah lkj dari venv baru
    folder = luar / "params" / "bkpsdm-hulu-sungai-selatan" / "2022"
    shutil.copytree(HSS, folder)
    _jalan([venv / "bin" / "lkj", "build", "--tanpa-pdf", folder, "--keluaran", luar / "keluaran"],
           cwd=luar, timeout=900)
    hasil = luar / "keluaran" / "bkpsdm-hulu-sungai-selatan" / "2022"
    html = (hasil / "LKj-bkpsdm-hulu-sungai-selatan-2022.html").read_text(encoding="utf-8")
    assert "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia" in html
    assert "Traceback" not in html
    assert sorted(p.name for p in (hasil / "notebooks").glob("*.ipynb")) == NOTEBOOK
    manifest = json.loads((hasil / "manifest.json").read_text())
    assert manifest["lkj"] == info["versi"]
