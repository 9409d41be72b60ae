"""``manifest.json``: jejak lengkap sebuah build (masukan, versi, parameter, waktu, audit)."""

from __future__ import annotations

import datetime as dt
import json
import platform
import subprocess
from importlib import metadata
from pathlib import Path

from .. import __version__

PAKET = ("pandas", "papermill", "nbclient", "nbconvert", "ipykernel", "weasyprint", "matplotlib", "babel",
         "num2words", "jinja2", "openpyxl", "markdown-it-py", "dask", "distributed", "python-docx")
AKAR = Path(__file__).resolve().parents[2]


def versi_git() -> str:
    try:
        r = subprocess.run(["git", "-C", str(AKAR), "rev-parse", "--short=12", "HEAD"], capture_output=True,
                           text=True, timeout=5)
        return r.stdout.strip() if r.returncode == 0 else ""
    except (OSError, subprocess.SubprocessError):
        return ""


def versi_paket() -> dict[str, str]:
    out = {}
    for p in PAKET:
        try:
            out[p] = metadata.version(p)
        except metadata.PackageNotFoundError:
            out[p] = ""
    return out


def daftar_keluaran(folder: Path, kecuali: set[str]) -> dict[str, str]:
    """{jalur relatif berkas (pemisah '/'): SHA-256} untuk setiap berkas biasa di ``folder``, terurut;
    berkas tersembunyi dan nama di ``kecuali`` dilewati."""
    import hashlib

    out = {}
    for p in sorted(folder.rglob("*")):
        rel = p.relative_to(folder).as_posix()
        if rel in kecuali or any(b.startswith(".") for b in rel.split("/")) or not p.is_file() or p.is_symlink():
            continue
        out[rel] = hashlib.sha256(p.read_bytes()).hexdigest()
    return out


def tulis_manifest(path: Path, data, par, waktu: dict, ring: dict, info_pdf: dict, commit: str,
                   pelaksana: str, kecuali: set[str] = frozenset()) -> None:
    """Tulis manifest; ``keluaran`` mendaftar setiap berkas laporan (selain manifest itu sendiri dan
    ``kecuali``) beserta SHA-256-nya, sehingga indeks, auditor dan pembaca lain tahu berkas apa yang ada."""
    m = {
        "lkj": __version__, "git_commit": commit, "python": platform.python_version(),
        "dibuat": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
        "skpd": data.profil.judul_skpd, "slug": par.slug, "tahun": data.profil.tahun,
        "parameter": {"folder_skpd": par.untuk_catatan()["folder_skpd"], "draf": par.draf},
        "masukan_sha256": data.sumber, "paket": versi_paket(), "pelaksana": pelaksana,
        "waktu_detik": waktu, "audit": ring, "pdf": info_pdf,
        "sintetis": bool(data.profil.sintetis or data.profil.skm_sintetis),
        "keluaran": daftar_keluaran(path.parent, {path.name, *kecuali}),
    }
    path.write_text(json.dumps(m, indent=2, ensure_ascii=False), encoding="utf-8")
