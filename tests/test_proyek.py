"""Kesesuaian berkas proyek: dependensi, dokumentasi yang dibangkitkan, notebook tanpa keluaran."""

import json
import re
import tomllib
from pathlib import Path

import yaml

from lkj_lib.dokumen import teks_masukan

ROOT = Path(__file__).resolve().parents[1]


def _nama(spec: str) -> str:
    return re.split(r"[<>=!~ \[]", spec, maxsplit=1)[0].strip().lower()


def test_environment_yml_sama_dengan_pyproject():
    py = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    ekstra = py["optional-dependencies"]
    deps = {_nama(d): d.replace(" ", "") for d in py["dependencies"] + ekstra["dev"] + ekstra["jupyter"]}
    env = yaml.safe_load((ROOT / "environment.yml").read_text())["dependencies"]
    envd = {_nama(d): d.replace(" ", "") for d in env if isinstance(d, str) and _nama(d) != "python"}
    assert envd == deps


def test_dependensi_build_tanpa_server_jupyter():
    """Paket server Jupyter menarik jsonschema[format-nongpl] (rfc3987-syntax membangun tata bahasa
    Lark saat diimpor, detik per proses): build hanya butuh nbclient/ipykernel/nbconvert."""
    py = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    runtime = {_nama(d) for d in py["dependencies"] + py["optional-dependencies"]["dev"]}
    assert runtime.isdisjoint({"jupyter", "jupyterlab", "notebook", "jupyter-server", "jupyter-events"})
    assert {"nbclient", "ipykernel", "nbconvert", "papermill"} <= runtime


def test_docs_masukan_sesuai_skema():
    assert (ROOT / "docs" / "masukan.md").read_text(encoding="utf-8") == teks_masukan(), \
        "jalankan: python -m lkj_lib.dokumen"


def test_notebook_tanpa_keluaran_dan_bertag_parameters():
    nbs = sorted((ROOT / "lkj_lib" / "notebooks").glob("*.ipynb"))
    assert len(nbs) == 6
    for p in nbs:
        nb = json.loads(p.read_text())
        assert not any(c.get("outputs") or c.get("execution_count") for c in nb["cells"]), p.name
        tags = [t for c in nb["cells"] for t in c.get("metadata", {}).get("tags", [])]
        assert tags.count("parameters") == 1, p.name


def test_skrip_benchmarks_tidak_menutupi_paket():
    """Folder skrip ada di depan sys.path: ``benchmarks/docx.py`` dulu membuat ``import docx`` di
    ``benchmarks/batch.py`` memuat skrip itu, bukan python-docx. Tidak ada skrip yang bernama sama dengan
    modul tingkat atas yang terpasang."""
    import importlib.machinery
    import sys

    bench = ROOT / "benchmarks"
    jalur = [p for p in sys.path if Path(p or ".").resolve() != bench.resolve()]
    menutupi = []
    for skrip in sorted(bench.glob("*.py")):
        bawaan = skrip.stem in sys.builtin_module_names
        if bawaan or importlib.machinery.PathFinder.find_spec(skrip.stem, jalur) is not None:
            menutupi.append(skrip.name)
    assert not menutupi, menutupi
