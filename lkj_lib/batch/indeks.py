"""``<keluaran>/index.html``: ikhtisar kabupaten — matriks SKPD × tahun, grafik, daftar yang bermasalah.

Halaman statis satu berkas (CSS, SVG dan JavaScript kecil di dalamnya, tanpa sumber luar): saring
(nama, status, tahun, hanya yang punya akar temuan) dan urutkan (nama, capaian, serapan, akar
temuan) tanpa server; dapat dicetak (CSS cetak). Angka dari :mod:`.ikhtisar`; matriks yang sama
diekspor ke ``ikhtisar.csv`` dan ``ikhtisar.xlsx``. Semua teks di-escape (Jinja2 autoescape); tautan
relatif terhadap folder keluaran dan di-encode sebagai URL, jadi folder keluaran boleh dipindah.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from jinja2 import Environment, FileSystemLoader
from markupsafe import Markup

from .. import __version__, fmt
from ..bangun.aman import tandai
from . import svg
from .ikhtisar import Sel, kelengkapan, sel_dari_hasil, tulis_ekspor
from .jalankan import HasilLaporan

TEMPLAT = Path(__file__).resolve().parents[1] / "templates" / "batch"
STATUS = ("berhasil", "tersimpan", "gagal", "tidak lengkap", "tidak dipilih")


def _mentah(v: float | None) -> str:
    """Angka untuk atribut data-* (titik desimal; kosong = tidak ada)."""
    return "" if v is None else repr(round(float(v), 4))


def _efisiensi(s: Sel) -> str:
    if s.efisiensi is None:
        return fmt.STRIP
    return fmt.angka(s.efisiensi, 2)


def baris_indeks(s: Sel) -> dict:
    """Nilai satu sel matriks, sudah diformat (angka Indonesia)."""
    akar = s.akar or {}
    return {
        "id": f"{s.skpd}-{s.tahun}", "skpd": s.skpd, "tahun": s.tahun, "status": s.status,
        "kelas": s.status.replace(" ", "-"), "nama_skpd": s.nama_skpd, "sintetis": s.sintetis,
        "capaian": fmt.persen(s.capaian), "serapan": fmt.persen(s.serapan), "efisiensi": _efisiensi(s),
        "efisiensi_ket": ", ".join(x for x in (s.efisiensi_metode, s.efisiensi_simpulan) if x and x != "-"),
        "ada_angka": s.status in ("berhasil", "tersimpan"),
        "akar": s.akar is not None, "akar_galat": akar.get("galat", 0), "akar_peringatan": akar.get("peringatan", 0),
        "jumlah_akar": s.jumlah_akar, "audit": {k: int(s.audit.get(k, 0) or 0) for k in ("galat", "peringatan", "info")}
        if s.audit else {}, "pesan": s.pesan, "rincian": list(s.rincian),
        "waktu": f"{fmt.angka(s.waktu, 1)} s" if s.waktu is not None else "",
        "tautan": s.tautan, "tautan_lama": s.tautan_lama,
        "data": {"capaian": _mentah(s.capaian), "serapan": _mentah(s.serapan), "efisiensi": _mentah(s.efisiensi),
                 "akar": "" if s.jumlah_akar is None else str(s.jumlah_akar)},
    }


def _baris_skpd(sel: list[Sel], tahun: list[str]) -> list[dict]:
    """Satu baris matriks per SKPD (urut nama), sel per tahun, tren lintas tahun."""
    per_skpd: dict[str, list[Sel]] = {}
    for s in sel:
        per_skpd.setdefault(s.skpd, []).append(s)
    out = []
    for slug, daftar in per_skpd.items():
        per_tahun = {s.tahun: baris_indeks(s) for s in daftar if s.tahun}
        nama = next((s.nama_skpd for s in daftar if s.nama_skpd), "") or slug
        berangka = [s for s in daftar if s.tahun and s.status in ("berhasil", "tersimpan")]
        per_t = {s.tahun: s for s in berangka}
        grafik = svg.tren(tahun, {"capaian": [per_t[t].capaian if t in per_t else None for t in tahun],
                                  "serapan": [per_t[t].serapan if t in per_t else None for t in tahun]},
                          fmt.persen) if len(tahun) > 1 else ""
        out.append({"skpd": slug, "nama": nama, "sintetis": any(s.sintetis for s in daftar),
                    "sel": per_tahun, "tren": Markup(grafik),
                    "status": " ".join(sorted({s.status.replace(" ", "-") for s in daftar})),
                    "masalah": any(s.bermasalah for s in daftar)})
    return sorted(out, key=lambda b: (_kunci_alami(b["nama"]), b["skpd"]))


def _kunci_alami(teks: str) -> list:
    """Urutan alami: 'Dinas 2' sebelum 'Dinas 10'."""
    return [(0, int(p), "") if p.isdigit() else (1, 0, p) for p in re.split(r"(\d+)", teks.lower()) if p]


def _grafik_tahun(sel: list[Sel], tahun: list[str]) -> list[dict]:
    """Per tahun: batang lintas SKPD untuk capaian IKU, serapan dan efisiensi (SVG sebaris)."""
    out = []
    for t in tahun:
        ada = [s for s in sel if s.tahun == t and s.status in ("berhasil", "tersimpan")]
        label = {s.skpd: s.nama_skpd or s.skpd for s in ada}
        metode = sorted({s.efisiensi_metode for s in ada if s.efisiensi is not None})
        acuan_ef = 1.0 if metode == ["rasio"] else 0.0 if metode and "rasio" not in metode else None
        judul_ef = f"Efisiensi outcome ({', '.join(metode) or 'tidak ada'})"
        out.append({"tahun": t, "n": len(ada), "grafik": [Markup(g) for g in (
            svg.batang(f"Capaian IKU rata-rata {t}", [(label[s.skpd], s.capaian) for s in ada], fmt.persen,
                       acuan=100.0, warna=svg.WARNA["capaian"]),
            svg.batang(f"Serapan anggaran {t}", [(label[s.skpd], s.serapan) for s in ada], fmt.persen,
                       acuan=100.0, warna=svg.WARNA["serapan"]),
            svg.batang(f"{judul_ef} {t}", [(label[s.skpd], s.efisiensi) for s in ada],
                       lambda v: fmt.angka(v, 2), acuan=acuan_ef, warna=svg.WARNA["efisiensi"]))]})
    return out


def tulis_indeks(root_keluaran: str | Path, hasil: list[HasilLaporan], sekarang: dt.datetime | None = None,
                 root_params: str | Path | None = None) -> Path:
    """Tulis ``index.html`` (+ ``ikhtisar.csv``/``.xlsx``) di ``root_keluaran``; kembalikan jalur indeks.

    ``root_params``: akar masukan, untuk mencantumkan folder yang ada tetapi tidak lengkap."""
    root = Path(root_keluaran).resolve()
    root.mkdir(parents=True, exist_ok=True)
    tandai(root)
    sel = [sel_dari_hasil(root, h) for h in hasil]
    sel += kelengkapan(Path(root_params) if root_params else None, {s.label for s in sel})
    sel.sort(key=lambda s: (s.skpd, s.tahun))
    tahun = sorted({s.tahun for s in sel if s.tahun})
    jumlah = {st: sum(1 for s in sel if s.status == st) for st in STATUS}
    masalah = [baris_indeks(s) | {"nama_skpd": s.nama_skpd or s.skpd} for s in sel if s.bermasalah]
    tulis_ekspor(root, sel)
    sekarang = sekarang or dt.datetime.now().astimezone()
    env = Environment(loader=FileSystemLoader(str(TEMPLAT)), autoescape=True)
    teks = env.get_template("index.html.j2").render(
        baris=_baris_skpd(sel, tahun), tahun=tahun, jumlah=jumlah, jumlah_laporan=sum(1 for s in sel if s.tahun),
        masalah=masalah, grafik=_grafik_tahun(sel, tahun), versi=__version__,
        dibuat=sekarang.strftime("%Y-%m-%d %H:%M %Z").strip())
    tujuan = root / "index.html"
    sementara = tujuan.with_name(".index.html.tmp")
    sementara.write_text(teks, encoding="utf-8")
    sementara.replace(tujuan)
    return tujuan


__all__ = ["baris_indeks", "tulis_indeks"]
