"""Mengurai bagian XML arsip xlsx dengan aman: DTD/entitas ditolak sebelum sampai ke pengurai.

xlsx sah tidak pernah memuat ``<!DOCTYPE`` atau ``<!ENTITY``; menolaknya berarti tidak ada entitas
yang dapat diekspansi (bom XML, *billion laughs*) atau diambil dari luar (XXE). Bagian dibaca
sepotong-sepotong dari arsip (memori tetap) dan diurai expat lewat ``xml.etree``.
"""

from __future__ import annotations

import zipfile
from xml.etree.ElementTree import XMLPullParser

POTONG = 1 << 20
_DTD = (b"<!DOCTYPE", b"<!ENTITY")


class XlsxRusak(ValueError):
    """Isi arsip tidak dapat ditafsir sebagai buku kerja."""


# ---- XML aman ---------------------------------------------------------------------------------

def potongan(z: zipfile.ZipFile, nama: str):
    """Isi anggota ``nama`` per potongan; DTD/entitas ditolak sebelum sampai ke pengurai."""
    try:
        f = z.open(nama)
    except KeyError:
        raise XlsxRusak(f"bagian {nama} tidak ada") from None
    with f:
        sisa = b""
        while potong := f.read(POTONG):
            blok = sisa + potong
            if any(d in blok for d in _DTD):
                raise XlsxRusak(f"{nama} memuat deklarasi DTD/entitas")
            sisa = blok[-16:]
            yield potong


def alir(z: zipfile.ZipFile, nama: str, tag: str | None = None):
    """Urai anggota ``nama`` sepotong-sepotong; hasilkan setiap elemen ``tag`` (nama lokal) yang
    selesai, atau hanya akarnya bila ``tag`` None."""
    p = XMLPullParser(events=("end",))
    akar = None
    for potong in potongan(z, nama):
        p.feed(potong)
        for _, el in p.read_events():
            akar = el
            if tag is not None and el.tag.rpartition("}")[2] == tag:
                yield el
    p.close()
    for _, el in p.read_events():
        akar = el
    if tag is None and akar is not None:
        yield akar


def lokal(el) -> str:
    return el.tag.rpartition("}")[2]


def bulat(teks) -> int:
    try:
        return int(teks or 0)
    except ValueError:
        raise XlsxRusak(f"bilangan tidak sah: {str(teks)[:20]!r}") from None


def teks(el) -> str:
    """Isi teks elemen ``<si>``/``<is>``: ``<t>`` langsung lalu setiap ``<r><t>`` (teks kaya);
    ``<rPh>`` (ejaan fonetik) tidak ikut."""
    polos, potong = None, []
    for anak in el:
        nama = lokal(anak)
        if nama == "t":
            polos = anak.text or ""
        elif nama == "r":
            t = next((x for x in anak if lokal(x) == "t"), None)
            if t is not None:
                potong.append(t.text or "")
    return "".join(([polos] if polos is not None else []) + potong)
