"""Kernel hangat: laporan sama dengan kernel segar, keadaan dipulihkan antar-notebook, galat jelas."""

from __future__ import annotations

import filecmp
import gc
import re

import nbformat
import psutil
import pytest

from lkj_lib.bangun import PelaksanaSegar, bangun
from lkj_lib.batch.kernel import PelaksanaHangat
from lkj_lib.batch.sintetis import buat_varian
from lkj_lib.errors import BuildError

pytestmark = pytest.mark.slow


def _tanpa_jejak(html: str) -> str:
    """Buang bagian yang berubah antar-build (commit git di meta dan catatan kaki)."""
    html = re.sub(r'<meta name="generator" content="[^"]*">', "", html)
    return re.sub(r"Dibangun oleh lkj [^(<]*(\([0-9a-f]+\))?\.", "", html)


def _notebook(tmp_path, nama: str, *sumber: str):
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    sel = nbformat.v4.new_code_cell("nilai = 0")
    sel.metadata["tags"] = ["parameters"]
    nb.cells = [sel] + [nbformat.v4.new_code_cell(s) for s in sumber]
    p = tmp_path / "nb" / nama
    p.parent.mkdir(exist_ok=True)
    nbformat.write(nb, str(p))
    return p


def _teks_keluaran(sel) -> str:
    return "".join(o.get("text", "") for o in sel.outputs if o.output_type == "stream")


def test_laporan_hangat_sama_dengan_segar(mini, tmp_path):
    segar = bangun(mini, tmp_path / "segar", pdf=False, pelaksana=PelaksanaSegar(), log=None)
    # kernel hangat yang sudah menjalankan laporan LAIN lebih dulu: keadaan sisa tidak boleh bocor
    lain = buat_varian(mini, tmp_path / "params-lain", 1, seed=7)
    with PelaksanaHangat() as hangat:
        ditunda = []  # batch tidak mengantre SVG di kernel (figur yang diantre menahan memori kernel)
        hangat.tunda_svg = lambda: ditunda.append(1)
        bangun(lain, tmp_path / "hangat", pdf=False, pelaksana=hangat, log=None)
        pid = hangat.pid_kernel
        h = bangun(mini, tmp_path / "hangat", pdf=False, pelaksana=hangat, log=None)
        assert hangat.pid_kernel == pid and hangat.jumlah_mulai == 1  # satu kernel untuk 12 notebook
        assert hangat.jumlah_notebook == 12
        assert ditunda == []

    assert _tanpa_jejak(h.html.read_text(encoding="utf-8")) == _tanpa_jejak(segar.html.read_text(encoding="utf-8"))
    csv_segar = sorted(p.name for p in (segar.folder / "data").glob("*.csv"))
    assert csv_segar and csv_segar == sorted(p.name for p in (h.folder / "data").glob("*.csv"))
    for nama in csv_segar:
        assert filecmp.cmp(segar.folder / "data" / nama, h.folder / "data" / nama, shallow=False), nama
    # PNG dan SVG: bait sama (SVG yang ditunda sampai sesudah notebook terakhir, seperti pada lkj build,
    # dibandingkan di test_lkj_build_satu_kernel_hangat_sama_dengan_segar)
    for pola in ("*.png", "*.svg"):
        gambar = sorted(p.name for p in (segar.folder / "figures").glob(pola))
        assert len(gambar) >= 4 and gambar == sorted(p.name for p in (h.folder / "figures").glob(pola))
        for nama in gambar:
            assert filecmp.cmp(segar.folder / "figures" / nama, h.folder / "figures" / nama, shallow=False), nama

    for nb_segar in sorted((segar.folder / "notebooks").glob("*.ipynb")):
        a = nbformat.read(str(nb_segar), as_version=4)
        b = nbformat.read(str(h.folder / "notebooks" / nb_segar.name), as_version=4)
        pa, pb = dict(a.metadata.papermill.parameters), dict(b.metadata.papermill.parameters)
        assert pa == pb == {"folder_skpd": "dinas-contoh/2024", "folder_keluaran": "..", "draf": False}
        assert [c.get("execution_count") for c in a.cells] == [c.get("execution_count") for c in b.cells]
        assert "injected-parameters" in b.cells[2].metadata.tags
        assert [c.get("outputs") for c in a.cells[3:]] == [c.get("outputs") for c in b.cells[3:]], nb_segar.name


def test_lkj_build_satu_kernel_hangat_sama_dengan_segar(mini, tmp_path):
    """``bangun`` tanpa pelaksana (= ``lkj build``): satu kernel hangat, keadaan build dimuat sekali;
    laporan, CSV dan gambar sama dengan kernel segar per notebook."""
    import json

    segar = bangun(mini, tmp_path / "segar", pdf=False, pelaksana=PelaksanaSegar(), log=None)
    bawaan = bangun(mini, tmp_path / "bawaan", pdf=False, log=None)
    m = json.loads((bawaan.folder / "manifest.json").read_text(encoding="utf-8"))
    assert m["pelaksana"] == "kernel-hangat"
    assert json.loads((segar.folder / "manifest.json").read_text(encoding="utf-8"))["pelaksana"] == "papermill"
    html = bawaan.html.read_text(encoding="utf-8")
    assert _tanpa_jejak(html) == _tanpa_jejak(segar.html.read_text(encoding="utf-8"))
    assert "berkas keadaan build" not in html  # jejak hanya di notebook tereksekusi, bukan di laporan
    for sub, pola in (("data", "*.csv"), ("figures", "*.png"), ("figures", "*.svg")):
        nama = sorted(p.name for p in (segar.folder / sub).glob(pola))
        assert nama and nama == sorted(p.name for p in (bawaan.folder / sub).glob(pola))
        for n in nama:
            assert filecmp.cmp(segar.folder / sub / n, bawaan.folder / sub / n, shallow=False), n
    assert not list(bawaan.folder.rglob(".lkj-keadaan*"))  # berkas keadaan tidak ikut ke keluaran
    for p in sorted((bawaan.folder / "notebooks").glob("*.ipynb")):
        nb = nbformat.read(str(p), as_version=4)
        jejak = [o for c in nb.cells for o in c.get("outputs", []) if "jejak-lkj" in o.get("metadata", {}).get("tags", [])]
        assert len(jejak) == 1 and "dimuat dari berkas keadaan build .lkj-keadaan.pickle (sidik masukan sha256 " \
            in jejak[0]["data"]["text/plain"], p.name


def test_keadaan_dipulihkan_antar_notebook(tmp_path):
    a = _notebook(tmp_path, "a.ipynb",
                  "import os, matplotlib\nimport matplotlib.pyplot as plt\nsisa = 41\n"
                  "matplotlib.rcParams['font.size'] = 33\nplt.figure()\nos.chdir('/')\n"
                  "import pandas as pd\npd.set_option('display.max_rows', 3)")
    b = _notebook(tmp_path, "b.ipynb",
                  "import os, matplotlib, pandas as pd\nimport matplotlib.pyplot as plt\n"
                  "print('sisa' in globals(), matplotlib.rcParams['font.size'], plt.get_fignums(), "
                  "os.getcwd(), pd.get_option('display.max_rows'), nilai)")
    with PelaksanaHangat() as p:
        p.jalankan(a, tmp_path / "a-keluar.ipynb", {"nilai": 1})
        nb = p.jalankan(b, tmp_path / "b-keluar.ipynb", {"nilai": 2})
    assert _teks_keluaran(nb.cells[2]).split() == ["False", "10.0", "[]", str(b.parent.resolve()), "60", "2"]
    assert [c.execution_count for c in nb.cells] == [1, 2, 3]  # hitungan mulai lagi dari 1
    assert (tmp_path / "b-keluar.ipynb").exists()


def test_galat_sel_menjadi_builderror_dan_kernel_tetap_dipakai(tmp_path):
    rusak = _notebook(tmp_path, "rusak.ipynb", "x = 1", "1 / 0", "print('tidak dijalankan')")
    baik = _notebook(tmp_path, "baik.ipynb", "print('x' in globals())")
    keluar = tmp_path / "keluar" / "rusak.ipynb"
    keluar.parent.mkdir()
    with PelaksanaHangat() as p:
        with pytest.raises(BuildError) as e:
            p.jalankan(rusak, keluar, {"nilai": 1})
        pid = p.pid_kernel
        nb = p.jalankan(baik, tmp_path / "keluar" / "baik.ipynb", {})
        assert p.pid_kernel == pid
    g = e.value
    assert (g.notebook, g.sel, g.nama_galat, g.nilai_galat) == ("rusak.ipynb", 4, "ZeroDivisionError",
                                                               "division by zero")
    assert "rusak.ipynb gagal di sel 4: ZeroDivisionError" in str(g)
    assert g.notebook_gagal == str(keluar)
    tertulis = nbformat.read(str(keluar), as_version=4)  # setengah jalan, ditulis sebelum galat naik
    assert tertulis.metadata.papermill.exception is True
    assert any(o.output_type == "error" for c in tertulis.cells for o in c.get("outputs", []))
    assert _teks_keluaran(nb.cells[-1]).strip() == "False"


def test_kernel_mati_dilaporkan_lalu_dimulai_ulang(tmp_path):
    mati = _notebook(tmp_path, "mati.ipynb", "import os\nos._exit(1)")
    baik = _notebook(tmp_path, "baik.ipynb", "print(6 * 7)")
    with PelaksanaHangat() as p:
        with pytest.raises(BuildError) as e:
            p.jalankan(mati, tmp_path / "mati-keluar.ipynb", {})
        assert e.value.notebook == "mati.ipynb" and e.value.nama_galat == "DeadKernelError"
        nb = p.jalankan(baik, tmp_path / "baik-keluar.ipynb", {})
        assert p.jumlah_mulai == 2
    assert _teks_keluaran(nb.cells[-1]).strip() == "42"


def test_tutup_dan_gc_mematikan_kernel(tmp_path):
    nb = _notebook(tmp_path, "satu.ipynb", "print(1)")
    p = PelaksanaHangat()
    p.jalankan(nb, tmp_path / "k1.ipynb", {})
    proses = psutil.Process(p.pid_kernel)
    p.tutup()
    proses.wait(timeout=30)  # sudah mati: wait segera kembali
    assert not p.hidup

    q = PelaksanaHangat()
    q.jalankan(nb, tmp_path / "k2.ipynb", {})
    proses = psutil.Process(q.pid_kernel)
    del q
    gc.collect()
    proses.wait(timeout=30)
    assert not proses.is_running()
