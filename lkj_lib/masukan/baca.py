"""Membaca lembar mentah dari ``data.xlsx`` atau folder ``data/*.csv``.

Hasilnya: untuk setiap lembar, daftar baris berupa dict {kolom: nilai mentah} beserta
nomor baris aslinya (baris 1 = judul kolom), tanpa menafsirkan tipe.

Semua berkas dibaca lewat :mod:`lkj_lib.masukan.berkas` (hanya berkas biasa di dalam folder
masukan, berukuran wajar) dan dibatasi menurut :mod:`lkj_lib.batas` (baris, kolom, isi zip).
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from dataclasses import dataclass, field
from decimal import Decimal
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
    maks = batas.baris_maks(nama)
    if sum(1 for r in rows[1:] if not all(_kosong(v) for v in r)) > maks:
        return None, [Masalah("lembar terlalu panjang", berkas=berkas, lembar=nama,
                              harapan=f"paling banyak {maks:,} baris data".replace(",", "."),
                              saran="pecah data per tahun atau kurangi baris; batas ada di docs/masukan.md")]
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
    for i, r in enumerate(rows[1:], start=2):
        r = list(r)
        if all(_kosong(v) for v in r):
            continue
        if len(r) > len(kolom) and any(not _kosong(v) for v in r[len(kolom):]):
            masalah.append(Masalah("baris punya sel di luar kolom berjudul", berkas=berkas, lembar=nama,
                                   baris=i, saran="beri judul kolom atau hapus isi sel berlebih"))
        d = {k: (r[j] if j < len(r) else None) for j, k in enumerate(kolom) if k}
        baris.append((i, d))
    return LembarMentah(nama, berkas, [k for k in kolom if k], baris), masalah


def periksa_zip(isi: bytes, berkas: str) -> Masalah | None:
    """Tolak arsip xlsx yang isinya terurai melampaui batas (bom zip) sebelum openpyxl membukanya."""
    try:
        with zipfile.ZipFile(io.BytesIO(isi)) as z:
            info = z.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        return Masalah("berkas Excel tidak dapat dibuka: bukan arsip .xlsx", berkas=berkas,
                       saran="pastikan berkas .xlsx (bukan .xls atau CSV yang diganti namanya) dan tidak rusak")
    saran = "berkas ini bukan buku kerja biasa (kemungkinan bom zip); buat ulang dengan 'lkj template'"
    if len(info) > batas.XLSX_ANGGOTA:
        return Masalah("berkas Excel berisi terlalu banyak anggota arsip", berkas=berkas,
                       nilai=str(len(info)), harapan=f"≤ {batas.XLSX_ANGGOTA}", saran=saran)
    total = sum(i.file_size for i in info)
    if total > batas.XLSX_TOTAL_TERURAI:
        return Masalah("isi berkas Excel terlalu besar setelah diurai", berkas=berkas,
                       nilai=f"{total // batas.MB} MB", harapan=f"≤ {batas.XLSX_TOTAL_TERURAI // batas.MB} MB",
                       saran=saran)
    for i in info:
        if i.file_size >= batas.XLSX_RASIO_MULAI and i.file_size > batas.XLSX_RASIO * max(i.compress_size, 1):
            return Masalah("rasio kompresi anggota berkas Excel tidak wajar", berkas=berkas,
                           nilai=f"{i.filename}: {i.file_size // max(i.compress_size, 1)}×",
                           harapan=f"≤ {batas.XLSX_RASIO}×", saran=saran)
    return _periksa_jumlah_baris(isi, info, berkas)


_BARIS_XML = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?row[\s/>]")


def _periksa_jumlah_baris(isi: bytes, info: list, berkas: str) -> Masalah | None:
    """Hitung elemen ``<row>`` setiap lembar sambil mengurai arsip sepotong-sepotong (cepat, memori tetap)
    dan tolak lembar yang barisnya jauh melampaui batas SEBELUM openpyxl mengurai XML-nya: lembar 300 MB
    yang lolos batas ukuran butuh ±200 s di openpyxl hanya untuk ditolak kemudian oleh batas baris."""
    maks = max([batas.BARIS_LEMBAR, *batas.BARIS_LEMBAR_KHUSUS.values()]) + batas.BARIS_KOSONG_BERUNTUN + 1
    lembar = sorted((i for i in info if re.fullmatch(r"xl/worksheets/[^/]+\.xml", i.filename)),
                    key=lambda i: i.filename)
    with zipfile.ZipFile(io.BytesIO(isi)) as z:
        for ke, i in enumerate(lembar, start=1):
            n, sisa = 0, b""
            try:
                with z.open(i) as f:
                    while potong := f.read(1 << 20):
                        blok = sisa + potong
                        ekor = max(len(blok) - 64, 0)  # tag yang mulai di ekor dihitung di blok berikutnya
                        n += sum(1 for m in _BARIS_XML.finditer(blok) if m.start() < ekor)
                        sisa = blok[ekor:]
                        if n > maks:
                            return Masalah(
                                "lembar Excel memuat terlalu banyak baris", berkas=berkas,
                                nilai=f"lembar ke-{ke} ({i.filename}): lebih dari {maks:,} baris".replace(",", "."),
                                harapan=f"≤ {batas.BARIS_LEMBAR:,} baris data per lembar".replace(",", "."),
                                saran="hapus baris yang tidak dipakai (termasuk baris kosong berformat) atau "
                                      "buat ulang berkas dengan 'lkj template'")
            except (zipfile.BadZipFile, OSError, ValueError, EOFError, RuntimeError):
                return None  # arsip rusak: pesan yang tepat datang dari openpyxl sesudah ini
    return None


_RE_FORMAT_DESIMAL = re.compile(r"\.([0#?]+)")


def _desimal_format(fmt: str | None) -> int | None:
    """Banyak desimal menurut format angka Excel ('0.00%' → 2, '#,##0' → 0, 'General' → None)."""
    if not fmt or fmt == "General" or fmt == "@":
        return None
    bagian = re.sub(r'"[^"]*"|\\.', "", fmt.split(";", 1)[0])
    m = _RE_FORMAT_DESIMAL.search(bagian)
    return len(m.group(1)) if m else 0


def _teks_persen(v: float, desimal: int | None) -> str:
    """Sel persen Excel (0.0038 berformat 0.00%) → teks seperti diketik ('0,38%')."""
    d = Decimal(repr(float(v))).scaleb(2).normalize()
    teks = format(d, "f")
    ada = len(teks.split(".", 1)[1]) if "." in teks else 0
    if desimal and ada < desimal:
        teks = format(d.quantize(Decimal(1).scaleb(-desimal)), "f")
    return teks.replace(".", ",") + "%"


def _baris_lembar(ws, nama: str, fmt_desimal: dict) -> list[list]:
    """Baris lembar (nilai mentah) dengan sel persen diubah ke teks; berhenti setelah batas baris
    berisi terlampaui atau setelah ``batas.BARIS_KOSONG_BERUNTUN`` baris kosong berturut-turut."""
    from openpyxl.cell.read_only import EMPTY_CELL

    rows: list[list] = []
    maks, isi, kosong = batas.baris_maks(nama) + 1, 0, 0
    for nomor, r in enumerate(ws.iter_rows(max_col=batas.KOLOM_LEMBAR), start=1):
        # openpyxl mengisi setiap baris hingga max_col dengan sel kosong: buang ekornya lebih dulu, agar
        # lembar 20.000 baris × 11 kolom tidak diperiksa sebagai 20.000 × 200 sel (±10 s → <1 s)
        n = len(r)
        while n and r[n - 1] is EMPTY_CELL:
            n -= 1
        baris = []
        for j, c in enumerate(r[:n]):
            v = c.value
            if isinstance(v, (int, float)) and not isinstance(v, bool):
                fmt = getattr(c, "number_format", None)
                dsm = _desimal_format(fmt)
                if fmt and "%" in fmt:
                    v = _teks_persen(v, dsm)
                elif dsm is not None:
                    fmt_desimal[(nomor, j)] = dsm
            baris.append(v)
        rows.append(baris)
        if all(_kosong(v) for v in baris):
            kosong += 1
            if kosong >= batas.BARIS_KOSONG_BERUNTUN:
                break
        else:
            isi, kosong = isi + 1, 0
            if isi > maks:
                break
    return rows


def baca_xlsx(path: Path, akar: Path | None = None) -> tuple[dict[str, LembarMentah], list[Masalah]]:
    import openpyxl

    akar = akar if akar is not None else path.parent
    isi, m = baca_byte(path, akar, batas.BERKAS_XLSX, label=path.name)
    if m is None:
        m = periksa_zip(isi, path.name)
    if m is not None:
        return {}, [m]
    try:
        wb = openpyxl.load_workbook(io.BytesIO(isi), read_only=True, data_only=True)
    except Exception as e:  # noqa: BLE001 - openpyxl melempar berbagai jenis galat untuk berkas rusak
        return {}, [Masalah(f"berkas Excel tidak dapat dibuka: {e}", berkas=path.name,
                            saran="pastikan berkas .xlsx (bukan .xls) dan tidak rusak")]
    hasil: dict[str, LembarMentah] = {}
    masalah: list[Masalah] = []
    try:
        for ws in wb.worksheets:
            nama = ws.title.strip().lower()
            if nama.startswith("petunjuk") or nama.startswith("_"):
                continue
            fmt_kolom: dict[tuple[int, int], int] = {}
            rows = _baris_lembar(ws, nama, fmt_kolom)
            lembar, m = _dari_baris(nama, path.name, rows)
            masalah += m
            if lembar is not None:
                judul = [_norm_kolom(k) for k in rows[0]] if rows else []
                lembar.format_desimal = {(n, judul[j]): d for (n, j), d in fmt_kolom.items()
                                         if j < len(judul) and judul[j]}
                hasil[nama] = lembar
    except Exception as e:  # noqa: BLE001 - XML rusak di dalam arsip baru ketahuan saat dibaca
        return {}, [Masalah(f"berkas Excel rusak: {e}", berkas=path.name,
                            saran="buka dan simpan ulang di Excel, atau buat ulang dari 'lkj template'")]
    finally:
        wb.close()
    return hasil, masalah


def baca_semua(folder: Path) -> tuple[dict[str, LembarMentah], list[str], list[Masalah]]:
    """Baca semua lembar di folder SKPD-tahun. Kembalikan (lembar, berkas sumber, masalah)."""
    xlsx = folder / "data.xlsx"
    csvdir = folder / "data"
    ada_xlsx = xlsx.is_symlink() or xlsx.exists()
    if ada_xlsx and csvdir.is_dir():
        return {}, [], [Masalah("ada data.xlsx dan folder data/ sekaligus", berkas=str(folder),
                                saran="pakai salah satu: hapus atau pindahkan yang lain")]
    if ada_xlsx:
        lembar, masalah = baca_xlsx(xlsx, folder)
        return lembar, ([str(xlsx)] if lembar else []), masalah
    if csvdir.is_dir():
        lembar: dict[str, LembarMentah] = {}
        masalah: list[Masalah] = []
        sumber = []
        for p in sorted(csvdir.glob("*.csv")):
            m = periksa_berkas(p, folder, batas.BERKAS_CSV, label=p.name)
            if m is not None:
                masalah.append(m)
                continue
            lm, m = baca_csv(p, folder)
            masalah += m
            if lm is not None:
                sumber.append(str(p))
                lembar[p.stem.strip().lower()] = lm
        return lembar, sumber, masalah
    return {}, [], [Masalah("tidak ada data.xlsx maupun folder data/", berkas=str(folder),
                            saran="buat templat dengan 'lkj template <folder>' lalu isi")]
