"""Ikhtisar kabupaten: satu :class:`Sel` per SKPD-tahun, dibaca dari yang sudah dihitung build.

Sumber angka (tidak ada yang dihitung ulang):

- ``ringkasan.json`` laporan (ditulis ``lkj build``): capaian IKU rata-rata, serapan, efisiensi;
- ``audit.csv`` laporan: **akar temuan** = baris bertingkat galat/peringatan; bila ada kolom
  ``akar``, hanya baris dengan ``akar`` kosong (temuan turunan menunjuk akarnya dan tidak dihitung);
- ``manifest.json`` laporan: daftar ``keluaran`` {jalur relatif: sha256} untuk menemukan tautan
  (HTML, PDF, DOCX, notebook HTML, audit.html, reviu) — nama berkas tidak pernah ditebak;
- hasil batch (:class:`HasilLaporan`): status, pesan galat pertama, rincian.

:func:`kelengkapan` menambahkan folder params yang ada tetapi tidak dapat dibangun sama sekali
(folder tahun tanpa ``lkj.yaml``, folder SKPD tanpa folder tahun), supaya koordinator tahu siapa
yang harus dihubungi. :func:`tulis_ekspor` menulis tabel yang sama ke CSV dan xlsx (aman injeksi).
"""

from __future__ import annotations

import csv
import json
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from urllib.parse import quote

from ..ekspor import isi_sel, tulis_baris_csv
from .jalankan import POLA_TAHUN, HasilLaporan

TINGKAT_AKAR = ("galat", "peringatan")
STATUS_MASALAH = ("gagal", "tidak lengkap")


@dataclass
class Sel:
    """Satu SKPD-tahun dalam matriks ikhtisar (angka mentah; pemformatan di indeks)."""

    skpd: str
    tahun: str
    status: str  # berhasil | tersimpan | gagal | tidak dipilih | tidak lengkap
    nama_skpd: str = ""
    capaian: float | None = None
    serapan: float | None = None
    efisiensi: float | None = None
    efisiensi_metode: str = ""
    efisiensi_simpulan: str = ""
    audit: dict = field(default_factory=dict)  # {'galat': n, 'peringatan': n, 'info': n} dari build
    akar: dict | None = None  # {'galat': n, 'peringatan': n} dari audit.csv; None bila tidak ada
    tautan: list[tuple[str, str]] = field(default_factory=list)  # (teks, href relatif akar keluaran)
    tautan_lama: bool = False
    pesan: str = ""
    rincian: list[str] = field(default_factory=list)
    waktu: float | None = None
    sintetis: bool = False

    @property
    def label(self) -> str:
        return f"{self.skpd}/{self.tahun}"

    @property
    def jumlah_akar(self) -> int | None:
        return None if self.akar is None else sum(self.akar.values())

    @property
    def bermasalah(self) -> bool:
        return self.status in STATUS_MASALAH


def _json(p: Path) -> dict:
    try:
        d = json.loads(p.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return d if isinstance(d, dict) else {}


def _angka(v) -> float | None:
    if isinstance(v, bool) or not isinstance(v, (int, float)):
        return None
    return float(v) if v == v and abs(v) != float("inf") else None


def hitung_akar(audit_csv: Path) -> dict | None:
    """{'galat': n, 'peringatan': n} akar temuan di ``audit.csv``; None bila berkasnya tidak terbaca."""
    try:
        with open(audit_csv, newline="", encoding="utf-8") as f:
            baris = list(csv.DictReader(f))
    except (OSError, UnicodeDecodeError, csv.Error):
        return None
    out = dict.fromkeys(TINGKAT_AKAR, 0)
    for b in baris:
        t = (b.get("tingkat") or "").strip().lower()
        if t in out and not (b.get("akar") or "").strip():
            out[t] += 1
    return out


def _jenis_tautan(rel: str) -> tuple[int, str] | None:
    """(urutan, teks tautan) untuk satu berkas di ``keluaran`` manifest; None = tidak ditautkan."""
    p = PurePosixPath(rel)
    nama, akhiran = p.name.lower(), p.suffix.lower()
    atas = len(p.parts) == 1
    if "reviu" in rel.lower() and akhiran in (".html", ".pdf", ".docx", ".md"):
        return 6, "reviu"
    if nama == "audit.html":
        return 4, "audit"
    if atas and akhiran == ".html":
        return 0, "HTML"
    if atas and akhiran == ".pdf":
        return 1, "PDF"
    if atas and akhiran == ".docx":
        return 2, "DOCX"
    if p.parts[0] == "notebooks" and akhiran == ".html":
        return 3, "notebook"
    if rel == "audit.csv":
        return 5, "audit.csv"
    return None


def tautan_manifest(keluaran: dict, awalan: str) -> list[tuple[str, str]]:
    """Tautan dari ``manifest['keluaran']``; beberapa notebook HTML diberi nomor (notebook 1, 2, …)."""
    calon = sorted((j[0], rel, j[1]) for rel in keluaran if (j := _jenis_tautan(str(rel))))
    notebook = [c for c in calon if c[2] == "notebook"]
    out = []
    for urut, rel, teks in calon:
        if teks == "notebook" and len(notebook) > 1:
            teks = f"notebook {notebook.index((urut, rel, teks)) + 1}"
        out.append((teks, awalan + quote(rel)))
    return out


def _tautan_tanpa_manifest(root: Path, folder: Path, h: HasilLaporan) -> list[tuple[str, str]]:
    """Keluaran lama (tanpa ``keluaran`` di manifest): hanya nama yang dicatat di cache batch."""
    awalan = quote(folder.relative_to(root).as_posix()) + "/"
    calon = (("HTML", h.html), ("PDF", h.pdf), ("audit.csv", "audit.csv"))
    return [(teks, awalan + quote(nama)) for teks, nama in calon
            if nama and (folder / nama).is_file()]


def sel_dari_hasil(root: Path, h: HasilLaporan) -> Sel:
    """Sel ikhtisar untuk satu hasil batch, dengan angka dari folder laporannya (bila ada)."""
    folder = root / h.skpd / h.nama_folder
    s = Sel(h.skpd, h.tahun, h.status, nama_skpd=h.nama_skpd, audit=dict(h.audit or {}), pesan=h.pesan,
            rincian=list(h.rincian), sintetis=h.sintetis, capaian=h.capaian_iku,
            waktu=h.waktu if h.status in ("berhasil", "gagal") else None)
    if folder.is_dir() and not folder.is_symlink():
        manifest = _json(folder / "manifest.json")
        ring = _json(folder / "ringkasan.json")
        s.nama_skpd = s.nama_skpd or str(ring.get("skpd") or manifest.get("skpd") or "")
        if h.status not in STATUS_MASALAH:  # angka laporan lama tidak dipakai untuk laporan yang gagal
            s.capaian = _angka(ring.get("capaian_iku")) if "capaian_iku" in ring else s.capaian
            s.serapan = _angka(ring.get("serapan"))
            ef = ring.get("efisiensi") if isinstance(ring.get("efisiensi"), dict) else {}
            s.efisiensi = _angka(ef.get("nilai"))
            s.efisiensi_metode, s.efisiensi_simpulan = str(ef.get("metode") or ""), str(ef.get("simpulan") or "")
            if not s.audit and isinstance(ring.get("audit"), dict):
                s.audit = dict(ring["audit"])
            s.akar = hitung_akar(folder / "audit.csv") if (folder / "audit.csv").is_file() else None
        keluaran = manifest.get("keluaran")
        awalan = quote(folder.relative_to(root).as_posix()) + "/"
        s.tautan = (tautan_manifest(keluaran, awalan) if isinstance(keluaran, dict)
                    else _tautan_tanpa_manifest(root, folder, h))
    gagal = root / h.skpd / f"{h.nama_folder}-gagal"
    if h.status == "gagal" and gagal.is_dir():
        s.tautan.append(("notebook gagal", quote(gagal.relative_to(root).as_posix()) + "/"))
        if (gagal / "galat.txt").is_file():
            s.tautan.append(("galat.txt", quote(gagal.relative_to(root).as_posix()) + "/galat.txt"))
    s.tautan_lama = bool(s.tautan) and h.status in ("gagal", "tidak dipilih")
    return s


def kelengkapan(root_params: Path | None, sudah: set[str]) -> list[Sel]:
    """Folder params yang ada tetapi tidak dapat dibangun: ``<skpd>/<tahun>`` tanpa ``lkj.yaml`` dan
    ``<skpd>/`` tanpa satu pun folder tahun. ``sudah`` = label yang sudah tercantum (dilewati).
    Hanya bila ``root_params`` adalah akar params (berisi folder SKPD), bukan satu SKPD/SKPD-tahun."""
    if root_params is None or not Path(root_params).is_dir():
        return []
    root = Path(root_params)
    if POLA_TAHUN.match(root.name) or any(POLA_TAHUN.match(p.name) for p in root.iterdir() if p.is_dir()):
        return []
    out = []
    for skpd in sorted(p for p in root.iterdir() if p.is_dir() and not p.name.startswith((".", "_"))):
        tahun = sorted(p for p in skpd.iterdir() if p.is_dir() and POLA_TAHUN.match(p.name))
        if not tahun:
            out.append(Sel(skpd.name, "", "tidak lengkap",
                           pesan=f"folder {skpd.name}/ tidak berisi folder tahun (mis. {skpd.name}/2025/lkj.yaml)"))
        for t in tahun:
            if f"{skpd.name}/{t.name}" not in sudah and not (t / "lkj.yaml").is_file():
                out.append(Sel(skpd.name, t.name, "tidak lengkap",
                               pesan=f"{skpd.name}/{t.name}/lkj.yaml tidak ada; buat dengan 'lkj template' "
                                     "atau salin dari tahun lain"))
    return out


KOLOM_EKSPOR = ["skpd", "nama_skpd", "tahun", "status", "capaian_iku_persen", "serapan_persen", "efisiensi",
                "metode_efisiensi", "simpulan_efisiensi", "akar_galat", "akar_peringatan", "temuan_galat",
                "temuan_peringatan", "temuan_info", "sintetis", "html", "pesan"]


def baris_ekspor(s: Sel) -> dict:
    html = next((href for teks, href in s.tautan if teks == "HTML"), "")
    akar = s.akar or {}
    return {"skpd": s.skpd, "nama_skpd": s.nama_skpd, "tahun": s.tahun, "status": s.status,
            "capaian_iku_persen": s.capaian, "serapan_persen": s.serapan, "efisiensi": s.efisiensi,
            "metode_efisiensi": s.efisiensi_metode, "simpulan_efisiensi": s.efisiensi_simpulan,
            "akar_galat": akar.get("galat"), "akar_peringatan": akar.get("peringatan"),
            "temuan_galat": s.audit.get("galat"), "temuan_peringatan": s.audit.get("peringatan"),
            "temuan_info": s.audit.get("info"), "sintetis": s.sintetis,
            "html": html if not s.tautan_lama else "", "pesan": s.pesan}


def tulis_ekspor(root: Path, sel: list[Sel]) -> tuple[Path, Path]:
    """``ikhtisar.csv`` dan ``ikhtisar.xlsx`` di akar keluaran (satu baris per SKPD-tahun), ditulis
    lewat berkas sementara lalu *rename*."""
    import openpyxl

    baris = [baris_ekspor(s) for s in sel]
    csv_p, xlsx_p = root / "ikhtisar.csv", root / "ikhtisar.xlsx"
    tmp = root / ".ikhtisar.csv.tmp"
    tulis_baris_csv(tmp, KOLOM_EKSPOR, baris)
    tmp.replace(csv_p)
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "ikhtisar"
    for j, k in enumerate(KOLOM_EKSPOR, start=1):
        isi_sel(ws, 1, j, k)
    for i, b in enumerate(baris, start=2):
        for j, k in enumerate(KOLOM_EKSPOR, start=1):
            isi_sel(ws, i, j, b[k])
    ws.freeze_panes = "D2"
    tmp = root / ".ikhtisar.xlsx.tmp"
    wb.save(tmp)
    tmp.replace(xlsx_p)
    return csv_p, xlsx_p


__all__ = ["KOLOM_EKSPOR", "Sel", "baris_ekspor", "hitung_akar", "kelengkapan", "sel_dari_hasil",
           "tautan_manifest", "tulis_ekspor"]
