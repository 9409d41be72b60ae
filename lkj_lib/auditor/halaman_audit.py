"""``audit.html``: halaman mandiri temuan audit untuk auditor (Inspektorat/APIP, BPKP).

Setiap temuan akar tampil dengan lokasi tercetak, nilai tercetak, nilai hitung ulang, dan baris
masukan yang menentukannya (isi barisnya, bukan hanya nomornya); temuan turunan (kolom ``akar``
berisi id temuan akarnya) dilipat di bawah akarnya. Bila temuan tidak membawa ``akar``/``id``
(audit versi lama), daftar ditampilkan datar dan id = ``T<nomor baris audit.csv>``.

Halaman dapat diurutkan (klik judul kolom), disaring per tingkat dan dengan teks, memakai JavaScript
kecil tanpa sumber luar, dan bekerja dari ``file://``.
"""

from __future__ import annotations

import math
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape

from ..paths import TEMPLAT_DIR

TEMPLAT = TEMPLAT_DIR / "auditor"
URUTAN_TINGKAT = ("galat", "peringatan", "catatan", "info")
BATAS_BARIS = 400  # karakter isi baris masukan yang ditampilkan


def _env() -> Environment:
    return Environment(loader=FileSystemLoader(str(TEMPLAT)), autoescape=select_autoescape(["html", "j2"]))


def _teks(v) -> str:
    if v is None:
        return ""
    if isinstance(v, float) and math.isnan(v):
        return ""
    return str(v).strip()


def _ambil(t, kunci: str, bawaan=""):
    """Nilai ``kunci`` dari baris temuan: dict (baris DataFrame) atau objek :class:`Temuan`."""
    if isinstance(t, dict):
        return t.get(kunci, bawaan)
    return getattr(t, kunci, bawaan)


def daftar_temuan(temuan) -> list[dict]:
    """Temuan (DataFrame audit atau daftar Temuan/dict) → daftar dict dengan ``id`` dan ``akar``.

    ``id``: kolom ``id`` bila ada dan terisi; bila tidak, ``T<n>`` dengan n = nomor baris di audit.csv
    (1 = baris pertama setelah judul). ``akar``: id temuan akar; kosong untuk temuan akar."""
    baris = temuan.to_dict("records") if hasattr(temuan, "to_dict") else list(temuan)
    out = []
    for i, t in enumerate(baris, start=1):
        d = t if isinstance(t, dict) else (t.as_dict() if hasattr(t, "as_dict") else dict(vars(t)))
        d = {k: _teks(v) if k != "selisih" else v for k, v in d.items()}
        d["id"] = _teks(_ambil(t, "id", "")) or f"T{i}"
        d["akar"] = _teks(_ambil(t, "akar", ""))
        out.append(d)
    return out


def kelompokkan(temuan: list[dict]) -> list[dict]:
    """[{akar: dict, turunan: [dict]}] berurutan seperti akarnya. Akar berantai (turunan dari turunan)
    diikuti sampai akar teratas; temuan yang akarnya tidak ada di daftar (atau berputar) menjadi akar
    sendiri: tidak pernah ada temuan yang hilang."""
    per_id = {t["id"]: t for t in temuan}

    def puncak(t: dict) -> str:
        awal, dilihat = t["id"], {t["id"]}
        while t["akar"] and t["akar"] in per_id:
            if t["akar"] in dilihat:  # rantai berputar: temuan ini menjadi akarnya sendiri
                return awal
            t = per_id[t["akar"]]
            dilihat.add(t["id"])
        return t["id"]

    kelompok: dict[str, dict] = {}
    for t in temuan:
        kunci = puncak(t)
        k = kelompok.setdefault(kunci, {"akar": per_id[kunci], "turunan": []})
        if t is not k["akar"]:
            k["turunan"].append(t)
    return list(kelompok.values())


def baris_masukan(data, sumber: str, _cache: dict | None = None) -> str:
    """Isi baris masukan yang ditunjuk ``sumber`` (``lembar:baris``) sebagai ``kolom: nilai; ...``;
    kosong bila lembar/baris tidak dikenal."""
    if not sumber or ":" not in sumber or data is None:
        return ""
    if _cache is not None and sumber in _cache:
        return _cache[sumber]
    lembar, _, nomor = sumber.rpartition(":")
    teks = ""
    tabel = getattr(data, "tabel", {}) or {}
    df = tabel.get(lembar.strip())
    if df is not None and "_baris" in df.columns and nomor.strip().isdigit():
        cocok = df[df["_baris"] == int(nomor)]
        if len(cocok):
            r = cocok.iloc[0]
            teks = "; ".join(f"{k}: {_teks(v)}" for k, v in r.items()
                             if not str(k).startswith("_") and _teks(v))
            if len(teks) > BATAS_BARIS:
                teks = teks[:BATAS_BARIS - 1] + "…"
    if _cache is not None:
        _cache[sumber] = teks
    return teks


def _urut_selisih(v) -> str:
    try:
        f = float(v)
    except (TypeError, ValueError):
        return ""
    return "" if math.isnan(f) else repr(f)


def konteks_halaman(temuan, data=None, profil=None, laporan_html: str = "", reviu: str = "") -> dict:
    semua = daftar_temuan(temuan)
    cache: dict = {}
    for t in semua:
        t["isi_masukan"] = baris_masukan(data, t.get("sumber", ""), cache)
        t["urut_selisih"] = _urut_selisih(t.get("selisih"))
        t["selisih_teks"] = "" if t["urut_selisih"] == "" else f"{float(t['urut_selisih']):.6g}".replace(".", ",")
        t["urut_tingkat"] = (URUTAN_TINGKAT.index(t["tingkat"]) if t["tingkat"] in URUTAN_TINGKAT
                             else len(URUTAN_TINGKAT))
        t["urut_id"] = t["id"][1:] if t["id"][:1] == "T" and t["id"][1:].isdigit() else ""
    kelompok = kelompokkan(semua)
    hadir = [t for t in URUTAN_TINGKAT if any(k["akar"]["tingkat"] == t for k in kelompok)]
    hadir += sorted({k["akar"]["tingkat"] for k in kelompok} - set(URUTAN_TINGKAT))
    jumlah = {t: sum(1 for k in kelompok if k["akar"]["tingkat"] == t) for t in hadir}
    return dict(kelompok=kelompok, tingkat=hadir, jumlah=jumlah, n_semua=len(semua), n_akar=len(kelompok),
                berlipat=any(k["turunan"] for k in kelompok), profil=profil, laporan_html=laporan_html,
                reviu=reviu)


def render_halaman(temuan, data=None, profil=None, laporan_html: str = "", reviu: str = "") -> str:
    k = konteks_halaman(temuan, data, profil, laporan_html, reviu)
    return _env().get_template("audit.html.j2").render(**k)


def tulis_halaman_audit(path: Path, temuan, data=None, profil=None, laporan_html: str = "",
                        reviu: str = "") -> Path:
    Path(path).write_text(render_halaman(temuan, data, profil, laporan_html, reviu), encoding="utf-8")
    return Path(path)


__all__ = ["daftar_temuan", "kelompokkan", "baris_masukan", "render_halaman", "tulis_halaman_audit",
           "URUTAN_TINGKAT"]
