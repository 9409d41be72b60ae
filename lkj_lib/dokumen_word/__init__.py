"""Laporan dalam format Word (.docx) dari blok terstruktur notebook tereksekusi (bukan dari HTML).

``tulis_docx`` membaca keluaran ``application/vnd.lkj+json`` setiap notebook (:mod:`.baca`), membuka
dokumen acuan (:mod:`.templat`) lalu menulis sampul, bagian depan, daftar dan isi (:mod:`.tulis`).
python-docx diimpor di dalam fungsi: ``lkj --help`` tetap ringan.
"""

from __future__ import annotations

import datetime as dt
import io
import time
import zipfile
from pathlib import Path


def _simpan_tetap(data: bytes, tujuan: Path) -> None:
    """Tulis arsip .docx dengan cap waktu anggota tetap: masukan yang sama → berkas yang sama (SHA-256 di
    manifest dapat dibandingkan antarbuild)."""
    with zipfile.ZipFile(io.BytesIO(data)) as asal, zipfile.ZipFile(tujuan, "w", zipfile.ZIP_DEFLATED) as z:
        for info in asal.infolist():
            baru = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            baru.compress_type = zipfile.ZIP_DEFLATED
            baru.external_attr = 0o644 << 16
            z.writestr(baru, asal.read(info.filename))


def _properti(teks: str, maks: int = 255) -> str:
    teks = " ".join(teks.split())
    return teks if len(teks) <= maks else teks[: maks - 1] + "…"


def tulis_docx(notebooks: list[Path], profil, tujuan: Path, draf: bool = False, halaman: dict | None = None,
               templat: Path | None = None) -> dict:
    """Tulis ``tujuan`` (.docx); kembalikan ringkasan (jumlah tabel, gambar, section, detik).

    ``halaman``: {jangkar: label halaman} dari PDF (bila dibuat) untuk mengisi nomor halaman Daftar
    Isi/Tabel/Gambar sebelum Word memperbaruinya; ``templat``: dokumen acuan instansi (``templat_docx``).
    Logo sampul ikut di blok ``sampul`` (sama untuk HTML, PDF dan DOCX).
    """
    from .baca import baca_blok
    from .ooxml import perbarui_field_saat_dibuka
    from .templat import buka_acuan
    from .tulis import PenulisDocx

    t0 = time.perf_counter()
    depan, isi = baca_blok(notebooks)
    doc = buka_acuan(templat)
    penulis = PenulisDocx(doc, profil, draf, halaman)
    penulis.tulis(depan, isi)
    perbarui_field_saat_dibuka(doc)
    cp = doc.core_properties
    # properti inti OOXML paling banyak 255 karakter (python-docx menolak yang lebih panjang); nama SKPD
    # yang panjang dipotong di properti saja, isi dokumen tetap utuh
    cp.title = _properti(f"Laporan Kinerja {profil.nama_skpd} {profil.pemerintah_daerah} Tahun {profil.tahun}")
    cp.author = _properti(f"{profil.nama_skpd} {profil.pemerintah_daerah}")
    cp.comments = "Dibangun oleh lkj"
    cp.created = cp.modified = dt.datetime.combine(profil.tanggal, dt.time())  # tanggal laporan, bukan jam build
    tujuan = Path(tujuan)
    tujuan.parent.mkdir(parents=True, exist_ok=True)
    buf = io.BytesIO()
    doc.save(buf)
    _simpan_tetap(buf.getvalue(), tujuan)
    semua = depan + isi
    return {"tabel": sum(1 for b in semua if b["jenis"] == "tabel" and b.get("nomor")),
            "gambar": sum(1 for b in semua if b["jenis"] == "gambar" and b.get("nomor")),
            "section": len(doc.sections), "detik": round(time.perf_counter() - t0, 3)}


__all__ = ["tulis_docx"]
