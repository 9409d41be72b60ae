"""Membaca ``data.xlsx`` tanpa openpyxl: arsip, buku kerja, gaya, teks bersama, lalu setiap lembar.

1. :func:`periksa_zip` menolak arsip yang tidak wajar sebelum XML apa pun diurai: jumlah anggota,
   ukuran terurai, rasio kompresi (bom zip) dan jumlah ``<row>`` per lembar (dihitung tanpa mengurai).
2. :func:`baca_lembar` membaca ``workbook.xml`` (urutan dan judul lembar, epoch 1904), relasinya,
   ``styles.xml`` (format angka setiap gaya sel) dan ``sharedStrings.xml`` lewat :mod:`.xml_aman`
   (DTD/entitas ditolak; bagian kecil dibatasi ``batas.XLSX_BAGIAN``), lalu setiap lembar lewat
   :mod:`.lembar_xml`.

Tafsiran sel sama dengan openpyxl (``read_only=True, data_only=True``), pembaca lkj sebelumnya yang
tetap menjadi pembanding di ``tests/test_xlsx.py``; openpyxl hanya dipakai untuk tabel format angka
bawaan dan konversi tanggalnya. Bedanya: tidak ada objek per sel (lembar 20.000 baris × 18 kolom:
±9 s di openpyxl → ±1,7 s), dan ``<dimension>`` lembar yang keliru tidak memotong baris.
"""

from __future__ import annotations

import io
import posixpath
import re
import zipfile

from .. import batas
from ..errors import Masalah
from .lembar_xml import baris_lembar
from .xlsx_gaya import Gaya
from .xml_aman import POTONG, XlsxRusak, alir, bulat, lokal, teks

_REL_LEMBAR = "/worksheet"
_REL_DOK = "/officeDocument"


# ---- arsip ----------------------------------------------------------------------------------

def periksa_zip(isi: bytes, berkas: str) -> Masalah | None:
    """Tolak arsip xlsx yang isinya terurai melampaui batas (bom zip) sebelum XML-nya diurai."""
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
    """Hitung elemen ``<row>`` setiap lembar tanpa mengurai XML (cepat, memori tetap) dan tolak lembar
    yang barisnya jauh melampaui batas sebelum diurai: lembar 300 MB yang lolos batas ukuran tidak
    perlu diurai seluruhnya hanya untuk ditolak kemudian oleh batas baris."""
    maks = max([batas.BARIS_LEMBAR, *batas.BARIS_LEMBAR_KHUSUS.values()]) + batas.BARIS_KOSONG_BERUNTUN + 1
    lembar = sorted((i for i in info if re.fullmatch(r"xl/worksheets/[^/]+\.xml", i.filename)),
                    key=lambda i: i.filename)
    with zipfile.ZipFile(io.BytesIO(isi)) as z:
        for ke, i in enumerate(lembar, start=1):
            n, sisa = 0, b""
            try:
                with z.open(i) as f:
                    while potong := f.read(POTONG):
                        blok = sisa + potong
                        # tag yang mulai di '<' terakhir mungkin terpotong: dihitung di blok berikutnya
                        # (tag <row tidak memuat '<' lain, jadi yang mulai sebelumnya pasti utuh)
                        ekor = max(blok.rfind(b"<"), 0)
                        n += len(_BARIS_XML.findall(blok, 0, ekor))
                        sisa = blok[ekor:]
                        if n > maks:
                            return Masalah(
                                "lembar Excel memuat terlalu banyak baris", berkas=berkas,
                                nilai=f"lembar ke-{ke} ({i.filename}): lebih dari {maks:,} baris".replace(",", "."),
                                harapan=f"≤ {batas.BARIS_LEMBAR:,} baris data per lembar".replace(",", "."),
                                saran="hapus baris yang tidak dipakai (termasuk baris kosong berformat) atau "
                                      "buat ulang berkas dengan 'lkj template'")
            except (zipfile.BadZipFile, OSError, ValueError, EOFError, RuntimeError):
                return None  # arsip rusak: pesan yang tepat datang dari pembacaan sesudah ini
    return None


def _akar(z: zipfile.ZipFile, nama: str):
    """Akar bagian kecil (workbook, rels, gaya), dibatasi ``batas.XLSX_BAGIAN`` terurai."""
    try:
        ukuran = z.getinfo(nama).file_size
    except KeyError:
        raise XlsxRusak(f"bagian {nama} tidak ada") from None
    if ukuran > batas.XLSX_BAGIAN:
        raise XlsxRusak(f"bagian {nama} terlalu besar ({ukuran // batas.MB} MB > {batas.XLSX_BAGIAN // batas.MB} MB)")
    for el in alir(z, nama):
        return el
    raise XlsxRusak(f"bagian {nama} kosong")


def _rels(z: zipfile.ZipFile, bagian: str) -> dict[str, tuple[str, str]]:
    """{Id: (jenis, path anggota)} dari berkas .rels milik ``bagian``."""
    folder, nama = posixpath.split(bagian)
    path = posixpath.join(folder, "_rels", nama + ".rels")
    if path not in z.namelist():
        return {}
    hasil = {}
    for r in _akar(z, path):
        target = r.get("Target") or ""
        if target.startswith("/"):
            anggota = target.lstrip("/")
        else:
            anggota = posixpath.normpath(posixpath.join(folder, target))
        hasil[r.get("Id")] = (r.get("Type") or "", anggota)
    return hasil


# ---- buku kerja: lembar, gaya, teks bersama ---------------------------------------------------

def _buku(z: zipfile.ZipFile) -> tuple[str, list[tuple[str, str]], bool]:
    """(path workbook.xml, [(judul lembar, path anggota)] menurut urutan, epoch 1904?)."""
    wb = next((p for jenis, p in _rels(z, "").values() if jenis.endswith(_REL_DOK)), "xl/workbook.xml")
    akar = _akar(z, wb)
    rels = _rels(z, wb)
    lembar, e1904 = [], False
    for el in akar:
        if lokal(el) == "workbookPr":
            e1904 = (el.get("date1904") or "").strip().lower() in ("1", "true")
        elif lokal(el) == "sheets":
            for s in el:
                rid = next((v for k, v in s.attrib.items() if k.rpartition("}")[2] == "id"), None)
                jenis, path = rels.get(rid, ("", ""))
                if jenis.endswith(_REL_LEMBAR):
                    lembar.append((s.get("name") or "", path))
    return wb, lembar, e1904


def _format_gaya(z: zipfile.ZipFile, wb: str) -> list[str]:
    """Kode format angka untuk setiap indeks gaya sel (``cellXfs``), seperti openpyxl menafsirnya."""
    from openpyxl.styles.numbers import BUILTIN_FORMATS

    path = next((p for jenis, p in _rels(z, wb).values() if jenis.endswith("/styles")), None)
    if path is None or path not in z.namelist():
        return []
    akar = _akar(z, path)
    khusus, gaya = {}, []
    for el in akar:
        if lokal(el) == "numFmts":
            for f in el:
                khusus[bulat(f.get("numFmtId"))] = f.get("formatCode") or ""
        elif lokal(el) == "cellXfs":
            for xf in el:
                i = bulat(xf.get("numFmtId"))
                gaya.append(khusus[i] if i in khusus else BUILTIN_FORMATS.get(i, "General"))
    return gaya


def _teks_bersama(z: zipfile.ZipFile, wb: str) -> list[str]:
    path = next((p for jenis, p in _rels(z, wb).values() if jenis.endswith("/sharedStrings")), None)
    if path is None or path not in z.namelist():
        return []
    hasil = []
    for si in alir(z, path, "si"):
        hasil.append(teks(si).replace("x005F_", ""))
        si.clear()
    return hasil


def baca_lembar(isi: bytes, hanya: set[str] | None = None, anggaran: list[int] | None = None):
    """Hasilkan ``(judul lembar, baris, format_desimal)`` untuk setiap lembar kerja ``isi`` (xlsx
    yang sudah lolos :func:`periksa_zip`), sesuai urutan buku kerja. Judul diawali 'petunjuk' atau
    '_' dilewati; lembar yang namanya (huruf kecil) tidak ada di ``hanya`` tidak diurai (baris
    kosong). ``anggaran``: lihat :func:`.lembar_xml.baris_lembar`. Naikkan :class:`XlsxRusak` (atau
    galat XML/zip) bila isinya tidak dapat ditafsir."""
    with zipfile.ZipFile(io.BytesIO(isi)) as z:
        wb, lembar, e1904 = _buku(z)
        gaya = None
        for judul, path in lembar:
            nama = judul.strip().lower()
            if nama.startswith("petunjuk") or nama.startswith("_"):
                continue
            if hanya is not None and nama not in hanya:
                yield judul, [], {}
                continue
            if gaya is None:
                gaya = Gaya(_format_gaya(z, wb), e1904, _teks_bersama(z, wb))
            fmt: dict[tuple[int, int], int] = {}
            yield judul, baris_lembar(z, path, nama, gaya, fmt, anggaran), fmt
