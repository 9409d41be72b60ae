"""Membaca lembar mentah dari ``data.xlsx`` atau folder ``data/*.csv``.

Hasilnya: untuk setiap lembar, daftar baris berupa dict {kolom: nilai mentah} beserta
nomor baris aslinya (baris 1 = judul kolom), tanpa menafsirkan tipe.

Semua berkas dibaca lewat :mod:`lkj_lib.masukan.berkas` (hanya berkas biasa di dalam folder
masukan, berukuran wajar) dan dibatasi menurut :mod:`lkj_lib.batas` (baris, kolom, isi zip); xlsx diurai di :mod:`.xlsx`.
"""

from __future__ import annotations

import csv
import io
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from .. import batas
from ..errors import Masalah
from ..berkas import baca_byte, baca_teks, periksa_berkas


@dataclass
class LembarMentah:
    nama: str
    berkas: str
    kolom: list[str]
    baris: list[tuple[int, dict]]  # (nomor baris asli, {kolom: nilai})
    # desimal menurut format angka sel Excel (mis. '0.00' → 2), kunci (nomor baris, kolom)
    format_desimal: dict[tuple[int, str], int] = field(default_factory=dict)


def _norm_kolom(k) -> str:
    return str(k or "").strip().lower().replace(" ", "_")


def _kosong(v) -> bool:
    return v is None or (isinstance(v, str) and not v.strip())


_CSV_SARAN = ("simpan ulang dari Excel dengan 'Simpan Sebagai' → 'CSV UTF-8 (dipisah koma)'; "
              "pemisah yang dikenal: koma, titik koma, tab")


def _pemisah(teks: str) -> str:
    """Pemisah kolom menurut baris judul: yang terbanyak di antara koma, titik koma dan tab."""
    judul = teks.split("\n", 1)[0]
    hitung = {p: judul.count(p) for p in (",", ";", "\t")}
    terbaik = max(hitung, key=lambda p: (hitung[p], p == ","))
    return terbaik if hitung[terbaik] else ","


def baca_csv(path: Path, akar: Path | None = None) -> tuple[LembarMentah | None, list[Masalah]]:
    """Baca satu CSV (UTF-8 ber/tanpa BOM, UTF-16 ber-BOM, atau cp1252; pemisah , ; atau tab)."""
    akar = akar if akar is not None else path.parent
    teks, m = baca_teks(path, akar, batas.BERKAS_CSV, label=path.name)
    if m is not None:
        return None, [m]
    teks = teks.replace("\x00", "")
    pemisah = _pemisah(teks)
    csv.field_size_limit(batas.BERKAS_CSV)
    rows: list[list] = []
    maks, isi = batas.baris_maks(path.stem.strip().lower()), 0
    try:
        for r in csv.reader(io.StringIO(teks, newline=""), delimiter=pemisah):
            rows.append(r)
            isi += not all(_kosong(v) for v in r)
            if isi > maks + 1:
                break
    except csv.Error as e:
        return None, [Masalah(f"CSV rusak: {e}", berkas=path.name, saran=_CSV_SARAN)]
    return _dari_baris(path.stem.strip().lower(), path.name, rows)


def _dari_baris(nama: str, berkas: str, rows: list[list]) -> tuple[LembarMentah | None, list[Masalah]]:
    masalah: list[Masalah] = []
    if not rows:
        return LembarMentah(nama, berkas, [], []), masalah
    kolom = [_norm_kolom(k) for k in rows[0][: batas.KOLOM_LEMBAR]]
    while kolom and not kolom[-1]:
        kolom.pop()
    seen = set()
    for k in kolom:
        if k and k in seen:
            masalah.append(Masalah("nama kolom ganda", berkas=berkas, lembar=nama, baris=1, kolom=k,
                                   saran="hapus atau ganti nama salah satu kolom"))
        seen.add(k)
    baris = []
    nk = len(kolom)
    semua_berjudul = all(kolom)
    for i, r in enumerate(rows[1:], start=2):
        if all(_kosong(v) for v in r):
            continue
        n = len(r)
        if n > nk and any(not _kosong(v) for v in r[nk:]):
            masalah.append(Masalah("baris punya sel di luar kolom berjudul", berkas=berkas, lembar=nama,
                                   baris=i, saran="beri judul kolom atau hapus isi sel berlebih"))
        if semua_berjudul:  # zip memotong sel berlebih; kolom tanpa sel bernilai None
            d = dict(zip(kolom, r)) if n >= nk else dict(zip(kolom, [*r, *([None] * (nk - n))]))
        else:
            d = {k: (r[j] if j < n else None) for j, k in enumerate(kolom) if k}
        baris.append((i, d))
    maks = batas.baris_maks(nama)  # pembaca berhenti di baris berisi ke-(maks + 2): kerja di atas terbatas
    if len(baris) > maks:
        return None, [Masalah("lembar terlalu panjang", berkas=berkas, lembar=nama,
                              harapan=f"paling banyak {maks:,} baris data".replace(",", "."),
                              saran="pecah data per tahun atau kurangi baris; batas ada di docs/masukan.md")]
    return LembarMentah(nama, berkas, [k for k in kolom if k], baris), masalah


def _terlalu_banyak(berkas: str) -> Masalah:
    return Masalah("data terlalu banyak", berkas=berkas,
                   nilai=f"lebih dari {batas.BARIS_TOTAL:,} baris data di semua lembar".replace(",", "."),
                   harapan=f"paling banyak {batas.BARIS_TOTAL:,} baris data seluruhnya".replace(",", "."),
                   saran="pisahkan data per SKPD/tahun atau kurangi baris; batas ada di docs/masukan.md")


def baca_xlsx(path: Path, akar: Path | None = None,
              hanya: set[str] | None = None) -> tuple[dict[str, LembarMentah], list[Masalah]]:
    """Baca semua lembar ``data.xlsx`` (lihat :mod:`lkj_lib.masukan.xlsx`); lembar yang tidak ada di
    ``hanya`` (bila diberikan) dikembalikan kosong tanpa diurai. Lebih dari ``batas.BARIS_TOTAL``
    baris data di semua lembar: pembacaan berhenti dan satu galat dikembalikan."""
    from pyexpat import ExpatError
    from xml.etree.ElementTree import ParseError

    from .xlsx import baca_lembar, periksa_zip
    from .xml_aman import XlsxRusak

    akar = akar if akar is not None else path.parent
    isi, m = baca_byte(path, akar, batas.BERKAS_XLSX, label=path.name)
    if m is None:
        m = periksa_zip(isi, path.name)
    if m is not None:
        return {}, [m]
    hasil: dict[str, LembarMentah] = {}
    masalah: list[Masalah] = []
    anggaran = [batas.BARIS_TOTAL]
    try:
        for judul, rows, fmt_kolom in baca_lembar(isi, hanya, anggaran):
            if anggaran[0] < 0:
                return {}, [_terlalu_banyak(path.name)]
            nama = judul.strip().lower()
            lembar, m = _dari_baris(nama, path.name, rows)
            masalah += m
            if lembar is not None:
                judul_kolom = [_norm_kolom(k) for k in rows[0]] if rows else []
                lembar.format_desimal = {(n, judul_kolom[j]): d for (n, j), d in fmt_kolom.items()
                                         if j < len(judul_kolom) and judul_kolom[j]}
                hasil[nama] = lembar
    except (XlsxRusak, ParseError, ExpatError, zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError,
            RuntimeError, ValueError, ArithmeticError, IndexError) as e:
        # XML/zip rusak, bagian hilang, bilangan/tanggal tidak sah (ValueError, OverflowError, decimal),
        # anggota terenkripsi (RuntimeError)
        return {}, [Masalah(f"berkas Excel rusak: {e}", berkas=path.name,
                            saran="buka dan simpan ulang di Excel, atau buat ulang dari 'lkj template'")]
    return hasil, masalah


def baca_semua(folder: Path, hanya: set[str] | None = None) -> tuple[dict[str, LembarMentah], list[str], list[Masalah]]:
    """Baca semua lembar di folder SKPD-tahun. Kembalikan (lembar, berkas sumber, masalah).
    ``hanya``: nama lembar yang diurai isinya (lembar xlsx lain dikembalikan kosong)."""
    xlsx = folder / "data.xlsx"
    csvdir = folder / "data"
    ada_xlsx = xlsx.is_symlink() or xlsx.exists()
    if ada_xlsx and csvdir.is_dir():
        return {}, [], [Masalah("ada data.xlsx dan folder data/ sekaligus", berkas=str(folder),
                                saran="pakai salah satu: hapus atau pindahkan yang lain")]
    if ada_xlsx:
        lembar, masalah = baca_xlsx(xlsx, folder, hanya)
        return lembar, ([str(xlsx)] if lembar else []), masalah
    if csvdir.is_dir():
        lembar: dict[str, LembarMentah] = {}
        masalah: list[Masalah] = []
        sumber = []
        total = 0
        for p in sorted(csvdir.glob("*.csv")):
            m = periksa_berkas(p, folder, batas.BERKAS_CSV, label=p.name)
            if m is not None:
                masalah.append(m)
                continue
            lm, m = baca_csv(p, folder)
            masalah += m
            if lm is not None:
                total += len(lm.baris)
                if total > batas.BARIS_TOTAL:
                    return {}, [], masalah + [_terlalu_banyak("data/")]
                sumber.append(str(p))
                lembar[p.stem.strip().lower()] = lm
        return lembar, sumber, masalah
    return {}, [], [Masalah("tidak ada data.xlsx maupun folder data/", berkas=str(folder),
                            saran="buat templat dengan 'lkj template <folder>' lalu isi")]
