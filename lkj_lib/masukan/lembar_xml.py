"""Mengurai XML satu lembar kerja xlsx (``xl/worksheets/sheetN.xml``) menjadi baris nilai mentah.

Dua jalur dengan hasil yang sama (diuji berpasangan di ``tests/test_xlsx.py``):

* **cepat** — expat (C, tanpa penangan) memastikan XML tersusun baik, lalu satu ekspresi reguler
  membaca ``<row>``/``<c>`` langsung dari teksnya, tanpa objek per elemen. Sel berbentuk baku (atribut
  ``r s t`` berurutan, isi ``<v>`` atau ``<is><t>``) ditafsir langsung; sel lain diurai sebagai elemen
  dan ditafsir oleh fungsi yang sama dengan jalur pohon. Dipakai bila ``<sheetData>`` berbentuk biasa:
  UTF-8, hanya tag lembar yang dikenal, tanpa komentar, CDATA, instruksi pemrosesan, deklarasi
  namespace, tag berprefiks atau ``<row>`` bersarang (semua penulis xlsx umum menghasilkan bentuk ini);
* **pohon** — ``xml.etree`` (expat) elemen demi elemen untuk bentuk lainnya.

Keduanya menolak DTD/entitas (``<!DOCTYPE``/``<!ENTITY``: xlsx sah tidak memuatnya, jadi tidak ada
bom entitas atau XXE), membaca sepotong-sepotong dengan memori tetap, dan berhenti begitu batas baris
berisi terlampaui atau ``batas.BARIS_KOSONG_BERUNTUN`` baris kosong berturut-turut.

Tafsiran sel mengikuti openpyxl (``read_only=True, data_only=True``): teks bersama/sebaris (teks kaya
digabung), bilangan (int bila tanpa titik/eksponen), boolean, hasil rumus tersimpan, tanggal menurut
format angka sel (epoch 1900/1904), persen berformat ('0.00%') menjadi teks seperti diketik.
"""

from __future__ import annotations

import re
import zipfile
from xml.etree.ElementTree import ParseError, fromstring

from .. import batas
from .xlsx_gaya import Gaya
from .xml_aman import XlsxRusak, alir, potongan, teks


# ---- baris ------------------------------------------------------------------------------------

_KOLOM: dict[str, int] = {}


def _kolom(ref: str) -> int:
    """Nomor kolom (1 = A) dari referensi sel 'B12'."""
    huruf = ref.rstrip("0123456789")
    k = _KOLOM.get(huruf)
    if k is None:
        if not huruf or len(huruf) > 3 or not huruf.isascii() or not huruf.isalpha() or huruf == ref:
            raise XlsxRusak(f"referensi sel tidak sah: {ref[:20]!r}")
        k = 0
        for h in huruf.upper():
            k = k * 26 + ord(h) - 64
        if len(_KOLOM) < 1000:
            _KOLOM[huruf] = k
    return k


def _nomor_baris(t: str | None, sebelum: int) -> int:
    if not t:
        return sebelum + 1
    try:
        return int(t)
    except ValueError:
        pass
    try:
        f = float(t)
    except ValueError:
        f = float("nan")
    if f.is_integer():
        return int(f)
    raise XlsxRusak(f"nomor baris tidak sah: {t[:20]!r}")


class _Kumpulan:
    """Baris lembar: baris ke-n daftar = baris n Excel (baris yang tidak ditulis = kosong), tanpa
    sel kosong di ujung. ``tambah`` mengembalikan False bila pembacaan harus berhenti."""

    def __init__(self, nama: str, anggaran: list[int] | None = None):
        self.rows: list[list] = []
        self.nomor = 0
        self.maks, self.isi, self.kosong = batas.baris_maks(nama) + 1, 0, 0
        self.anggaran = anggaran  # [sisa baris berisi untuk seluruh buku kerja], dibagi antarlembar

    def lewati(self, r: int) -> bool:
        """Baris mundur/ganda dilewati (seperti openpyxl)."""
        return r <= self.nomor

    def tambah(self, r: int, baris: list) -> bool:
        """Tambahkan ``baris`` (nilai sel; indeks 0 = kolom A, ujungnya tidak None) sebagai baris ``r``."""
        while self.nomor + 1 < r:
            self.nomor += 1
            self.rows.append([])
            self.kosong += 1
            if self.kosong >= batas.BARIS_KOSONG_BERUNTUN:
                return False
        self.nomor = r
        self.rows.append(baris)
        if all(v is None or (isinstance(v, str) and not v.strip()) for v in baris):
            self.kosong += 1
            return self.kosong < batas.BARIS_KOSONG_BERUNTUN
        self.isi, self.kosong = self.isi + 1, 0
        if self.anggaran is not None and self.isi > 1:  # baris berisi pertama = judul kolom
            self.anggaran[0] -= 1
            if self.anggaran[0] < 0:
                return False
        return self.isi <= self.maks


def _taruh(baris: list, k: int, v) -> None:
    """Isi kolom ``k`` (1 = A) ``baris`` dengan ``v``; sel yang sama dua kali: yang terakhir berlaku."""
    n = len(baris)
    if k > n:
        if k > n + 1:
            baris.extend([None] * (k - n - 1))
        baris.append(v)
    else:
        baris[k - 1] = v


def _sel_elemen(c, k: int, kmaks: int, ns: str, gaya: Gaya, r: int, sel: list, fmt_desimal: dict) -> int:
    """Taruh nilai elemen ``<c>`` ke ``sel``; kembalikan nomor kolomnya (sel tanpa ``r`` = kolom
    sesudah sel sebelumnya). ``ns``: '{namespace}' lembar."""
    ref = c.get("r")
    k = _kolom(ref) if ref else k + 1
    if k > kmaks:
        return k
    t = c.get("t", "n")
    if t == "inlineStr":
        anak = c.find(ns + "is")
        v = teks(anak) if anak is not None else None
    else:
        v = c.findtext(ns + "v") or None
        if v is not None:
            v = gaya.nilai(t, v, c.get("s"), r, k - 1, fmt_desimal)
    if v is not None:
        _taruh(sel, k, v)
    return k


def _baris_pohon(z: zipfile.ZipFile, path: str, nama: str, gaya: Gaya, fmt_desimal: dict,
                 anggaran: list[int] | None = None) -> list[list]:
    kumpulan, kmaks = _Kumpulan(nama, anggaran), batas.KOLOM_LEMBAR
    t_c = ns = None
    for row in alir(z, path, "row"):
        if t_c is None:
            ns = row.tag[: row.tag.find("}") + 1]
            t_c = ns + "c"
        r = _nomor_baris(row.get("r"), kumpulan.nomor)
        if kumpulan.lewati(r):
            row.clear()
            continue
        sel: list = []
        k = 0
        for c in row:
            if c.tag == t_c:
                k = _sel_elemen(c, k, kmaks, ns, gaya, r, sel, fmt_desimal)
        row.clear()
        if not kumpulan.tambah(r, sel):
            break
    return kumpulan.rows


# ---- jalur cepat ------------------------------------------------------------------------------

_ATRIBUT = r"""((?:\s+[\w:.-]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*"""
_RE_ENTITAS = re.compile(r"&(#x[0-9A-Fa-f]+|#[0-9]+|amp|lt|gt|quot|apos);")
_RE_SHEETDATA = re.compile(rb"<sheetData[\s/>]")
# <sheetData> berbentuk biasa hanya memuat tag tanpa prefiks bernama berikut (baris, sel, nilai, rumus,
# teks sebaris/kaya); '<' lain berarti komentar, CDATA, instruksi pemrosesan, tag berprefiks atau
# elemen asing → jalur pohon. ('<' tidak boleh muncul mentah di teks maupun nilai atribut XML.)
_RE_TAG_ASING = re.compile(
    rb"<(?!/?(?:sheetData|row|c|v|f|is|t|r|rPr|rPh|phoneticPr|b|i|u|sz|color|rFont|family|scheme|strike"
    rb"|vertAlign|charset|outline|shadow|condense|extend)[\s/>])")


def _bentuk_biasa(bagian: bytes) -> bool:
    return b"xmlns" not in bagian and _RE_TAG_ASING.search(bagian) is None


_RE_ENCODING = re.compile(rb"""^(?:\xef\xbb\xbf)?\s*<\?xml[^>]*encoding\s*=\s*["']([^"']*)["']""")
_ENTITAS = {"amp": "&", "lt": "<", "gt": ">", "quot": '"', "apos": "'"}


class _BentukLain(Exception):
    """Lembar bukan bentuk biasa: baca lewat jalur pohon."""


def _entitas(m) -> str:
    e = m.group(1)
    if e[0] == "#":
        return chr(int(e[2:], 16) if e[1] in "xX" else int(e[1:]))
    return _ENTITAS[e]


def _lepas(s: str) -> str:
    return _RE_ENTITAS.sub(_entitas, s) if "&" in s else s


def _baris_cepat(z: zipfile.ZipFile, path: str, nama: str, gaya: Gaya, fmt_desimal: dict,
                 anggaran: list[int] | None = None) -> list[list]:
    import pyexpat

    kumpulan, kmaks = _Kumpulan(nama, anggaran), batas.KOLOM_LEMBAR
    px = pyexpat.ParserCreate(namespace_separator="}")
    sisa, mulai, selesai, awal = b"", False, False, True
    for potong in potongan(z, path):
        px.Parse(potong, False)  # tersusun baik? (galat → ExpatError, dinaikkan apa adanya)
        if selesai:
            continue
        if awal:
            awal = False
            m = _RE_ENCODING.match(potong)
            if potong[:2] in (b"\xff\xfe", b"\xfe\xff") or (m and m.group(1).lower() not in (b"utf-8", b"utf8")):
                raise _BentukLain
        blok = sisa + potong
        if not mulai:
            m = _RE_SHEETDATA.search(blok)
            if m is None:
                if b"<!--" in blok or b"<![CDATA[" in blok:
                    raise _BentukLain
                sisa = blok[-32:]
                continue
            if b"<!--" in blok[: m.start()] or b"<![CDATA[" in blok[: m.start()]:
                raise _BentukLain
            mulai, blok = True, blok[m.start():]
        akhir = blok.find(b"</sheetData>")
        if akhir >= 0:
            bagian, sisa, selesai = blok[:akhir], b"", True
        else:
            potong_akhir = blok.rfind(b"</row>")
            if potong_akhir < 0:
                sisa = blok
                continue
            bagian, sisa = blok[: potong_akhir + 6], blok[potong_akhir + 6:]
        if not _rows_cepat(bagian, kumpulan, kmaks, gaya, fmt_desimal):
            return kumpulan.rows  # batas baris: sisa lembar tidak perlu dibaca
    px.Parse(b"", True)
    if not mulai:
        raise _BentukLain  # <sheetData> berprefiks atau tidak ada
    return kumpulan.rows


_ATRIBUT_NC = _ATRIBUT.replace("((?:", "(?:(?:", 1)  # tanpa tangkapan
_RE_TOKEN = re.compile(
    r'(<row)(?: r="([0-9]+)")?' + _ATRIBUT + r"(/?)>"              # 1 baris, 2 r biasa, 3 atribut lain, 4 '/'
    # sel berbentuk baku (urutan atribut r, s, t; isi <v> atau <is><t> tak kosong; rumus boleh):
    r'|<c r="([A-Za-z]{1,3})[0-9]+"(?: s="([0-9]+)")?(?: t="([a-zA-Z]+)")?(?:/>|>'  # 5 kolom, 6 s, 7 t
    r"(?:<f" + _ATRIBUT_NC + r"(?:/>|>[^<]*</f>))?"                     # (rumus)
    r'(?:<v>([^<]+)</v>|<v></v>|<v/>|<is><t(?: xml:space="preserve")?>([^<]+)</t></is>)?</c>)'  # 8 v, 9 teks
    r"|(<c" + _ATRIBUT_NC + r"(?:/>|>.*?</c>))"                         # 10 sel lain
    r"|(</row>)",                                                       # 11 akhir baris
    re.S)
_RE_R_ATR = re.compile(r"""\sr\s*=\s*(?:"([^"]*)"|'([^']*)')""")


def _rows_cepat(bagian: bytes, kumpulan: _Kumpulan, kmaks: int, gaya: Gaya, fmt_desimal: dict) -> bool:
    """Baca baris-baris utuh ``bagian`` (dari "<sheetData" atau dari sisa setelah "</row>"). Sel di luar
    ``<row>`` diabaikan, seperti di jalur pohon; ``<row>`` bersarang → jalur pohon."""
    if not _bentuk_biasa(bagian):
        raise _BentukLain
    teks_xml = bagian.decode("utf-8").replace("\r\n", "\n").replace("\r", "\n")
    r, k, sel, ada, dalam = 0, 0, [], False, False
    kolom, nilai = _KOLOM, gaya.nilai
    for row, r_biasa, atr_row, sendiri, huruf, s, t, v, it, umum, akhir in _RE_TOKEN.findall(teks_xml):
        if huruf:
            if not ada:
                continue
            k = kolom.get(huruf) or _kolom(huruf + "1")
            if k > kmaks:
                continue
            if t == "inlineStr":  # <v> pada sel teks sebaris diabaikan, seperti openpyxl
                if not it:
                    continue
                v = _lepas(it) if "&" in it else it
            elif v:  # <is> pada sel bertipe lain diabaikan
                v = nilai(t or "n", _lepas(v), s, r, k - 1, fmt_desimal)
            else:
                continue
            if k == len(sel) + 1:
                sel.append(v)
            else:
                _taruh(sel, k, v)
        elif row:
            if dalam:
                raise _BentukLain
            if r_biasa:  # r di depan; atribut ganda sudah ditolak expat
                r = int(r_biasa)
            else:
                m = _RE_R_ATR.search(atr_row)
                nilai_r = None if m is None else _lepas(m.group(1) if m.group(1) is not None else m.group(2))
                r = _nomor_baris(nilai_r, kumpulan.nomor)
            ada, sel, k = not kumpulan.lewati(r), [], 0
            if not sendiri:
                dalam = True
            elif ada:
                if not kumpulan.tambah(r, sel):
                    return False
                ada = False
        elif akhir:
            if ada and not kumpulan.tambah(r, sel):
                return False
            ada = dalam = False
        elif ada:
            k = _sel_umum(umum, k, kmaks, gaya, r, sel, fmt_desimal)
    return True


def _sel_umum(teks_sel: str, k: int, kmaks: int, gaya: Gaya, r: int, sel: list, fmt_desimal: dict) -> int:
    """Sel berbentuk tidak baku (urutan atribut lain, kutip tunggal, teks kaya, isi bersarang...): diurai
    sebagai elemen dan ditafsir persis seperti di jalur pohon. Prefiks atribut yang tidak dikenal di
    luar konteks lembar → seluruh lembar lewat jalur pohon."""
    try:
        c = fromstring(f'<c xmlns="{_NS_UTAMA}"' + teks_sel[2:])
    except ParseError:
        raise _BentukLain from None
    return _sel_elemen(c, k, kmaks, "{" + _NS_UTAMA + "}", gaya, r, sel, fmt_desimal)


_NS_UTAMA = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"


def baris_lembar(z: zipfile.ZipFile, path: str, nama: str, gaya: Gaya, fmt_desimal: dict,
                 anggaran: list[int] | None = None) -> list[list]:
    """Baris lembar ``path`` (lihat docstring modul); jalur cepat bila bentuknya biasa. ``anggaran``:
    [sisa baris berisi buku kerja]; dikurangi setiap baris berisi, pembacaan berhenti bila < 0."""
    sisa = anggaran[0] if anggaran is not None else None
    try:
        return _baris_cepat(z, path, nama, gaya, fmt_desimal, anggaran)
    except _BentukLain:
        fmt_desimal.clear()
        if anggaran is not None:
            anggaran[0] = sisa  # baris yang sempat dibaca jalur cepat dibaca ulang
        return _baris_pohon(z, path, nama, gaya, fmt_desimal, anggaran)
