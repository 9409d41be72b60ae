"""``<keluaran>/index.html``: satu baris per SKPD-tahun dengan status, capaian, audit dan tautan.

Semua teks di-escape (Jinja2 autoescape); tautan relatif terhadap folder keluaran dan di-encode
sebagai URL, jadi indeks tetap benar saat folder keluaran dipindah atau dibuka dari berkas.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from urllib.parse import quote

from jinja2 import Environment, FileSystemLoader

from .. import __version__, fmt
from ..bangun.aman import tandai
from .jalankan import HasilLaporan

TEMPLAT = Path(__file__).resolve().parents[1] / "templates" / "batch"


def _href(root: Path, p: Path) -> str:
    return quote(p.relative_to(root).as_posix()) + ("/" if p.is_dir() else "")


def _tautan(root: Path, h: HasilLaporan) -> list[tuple[str, str]]:
    folder = root / h.skpd / h.nama_folder
    nama = f"LKj-{h.skpd}-{h.tahun}" + ("-DRAF" if h.draf else "")
    calon = [("HTML", folder / (h.html or f"{nama}.html")), ("PDF", folder / (h.pdf or f"{nama}.pdf")),
             ("notebook", folder / "notebooks"), ("audit.csv", folder / "audit.csv")]
    out = [(teks, _href(root, p)) for teks, p in calon if p.exists()]
    gagal = root / h.skpd / f"{h.nama_folder}-gagal"
    if h.status == "gagal" and gagal.is_dir():
        out.append(("notebook gagal", _href(root, gagal)))
    return out


def baris_indeks(root: Path, h: HasilLaporan) -> dict:
    """Nilai satu baris indeks, sudah diformat (angka Indonesia)."""
    audit = {k: int(h.audit.get(k, 0) or 0) for k in ("galat", "peringatan", "info")} if h.audit else {}
    tautan = _tautan(root, h)
    return {
        "skpd": h.skpd, "tahun": h.tahun, "nama_skpd": h.nama_skpd, "status": h.status,
        "sintetis": h.sintetis, "capaian": fmt.persen(h.capaian_iku), "audit": audit,
        "jumlah_temuan": sum(audit.values()), "pesan": h.pesan, "rincian": list(h.rincian),
        "waktu": f"{fmt.angka(h.waktu, 1)} s" if h.status in ("berhasil", "gagal") else fmt.STRIP,
        "tautan": tautan, "tautan_lama": bool(tautan) and h.status in ("gagal", "tidak dipilih"),
    }


def tulis_indeks(root_keluaran: str | Path, hasil: list[HasilLaporan],
                 sekarang: dt.datetime | None = None) -> Path:
    """Tulis ``index.html`` di ``root_keluaran``; kembalikan jalurnya."""
    root = Path(root_keluaran).resolve()
    root.mkdir(parents=True, exist_ok=True)
    tandai(root)
    env = Environment(loader=FileSystemLoader(str(TEMPLAT)), autoescape=True)
    baris = [baris_indeks(root, h) for h in hasil]
    jumlah = {s: sum(1 for h in hasil if h.status == s)
              for s in ("berhasil", "tersimpan", "gagal", "tidak dipilih")}
    sekarang = sekarang or dt.datetime.now().astimezone()
    teks = env.get_template("index.html.j2").render(
        baris=baris, jumlah=jumlah, versi=__version__, dibuat=sekarang.strftime("%Y-%m-%d %H:%M %Z").strip())
    tujuan = root / "index.html"
    sementara = tujuan.with_name(".index.html.tmp")
    sementara.write_text(teks, encoding="utf-8")
    sementara.replace(tujuan)
    return tujuan


__all__ = ["baris_indeks", "tulis_indeks"]
