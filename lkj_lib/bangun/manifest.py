"""``manifest.json``: jejak lengkap sebuah build (masukan, versi, parameter, waktu, audit)."""

from __future__ import annotations

import datetime as dt
import json
import platform
from importlib import metadata
from pathlib import Path

from .. import __version__
from ..ukur.riwayat import sidik_tahun_lalu

PAKET = ("pandas", "papermill", "nbclient", "nbconvert", "ipykernel", "weasyprint", "matplotlib", "babel",
         "num2words", "jinja2", "openpyxl", "markdown-it-py", "dask", "distributed")
AKAR = Path(__file__).resolve().parents[2]


def versi_git(akar: Path = AKAR) -> str:
    """12 karakter pertama commit HEAD repositori ``akar`` ("" bila bukan checkout git).

    Dibaca langsung dari berkas ``.git`` (HEAD, ref, packed-refs; juga worktree), tanpa menjalankan
    ``git``: fork proses pekerja yang besar hanya untuk satu baris teks menggandakan RSS-nya sesaat."""
    try:
        git = akar / ".git"
        if git.is_file():  # worktree/submodul: "gitdir: <jalur>"
            isi = git.read_text(encoding="utf-8").strip()
            git = (akar / isi.split(":", 1)[1].strip()).resolve()
        head = (git / "HEAD").read_text(encoding="utf-8").strip()
        if not head.startswith("ref:"):
            return head[:12]
        ref = head.split(":", 1)[1].strip()
        umum = git
        if (git / "commondir").is_file():
            umum = (git / (git / "commondir").read_text(encoding="utf-8").strip()).resolve()
        for dasar in (git, umum):
            if (dasar / ref).is_file():
                return (dasar / ref).read_text(encoding="utf-8").strip()[:12]
        for baris in (umum / "packed-refs").read_text(encoding="utf-8").splitlines():
            bagian = baris.split()
            if len(bagian) == 2 and bagian[1] == ref:
                return bagian[0][:12]
    except (OSError, IndexError, UnicodeDecodeError):
        pass
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
        "masukan_sha256": data.sumber, "masukan_tahun_lalu": sidik_tahun_lalu(data.folder), "paket": versi_paket(), "pelaksana": pelaksana,
        "waktu_detik": waktu, "audit": ring, "pdf": info_pdf,
        "sintetis": bool(data.profil.sintetis or data.profil.skm_sintetis),
        "keluaran": daftar_keluaran(path.parent, {path.name, *kecuali}),
    }
    path.write_text(json.dumps(m, indent=2, ensure_ascii=False), encoding="utf-8")
