"""Dokumen acuan (reference document) DOCX: gaya, huruf, ukuran kertas dan margin.

Laporan DOCX dimulai dari dokumen acuan: ``templat_docx`` di lkj.yaml (dokumen Word milik instansi)
atau :data:`BAWAAN` dari paket. Yang dipakai dari acuan: gaya (Normal, Heading 1-3, Caption, TOC 1-3,
Table of Figures, ...), tema huruf, ukuran kertas dan margin section pertamanya. Isi badan dokumen
acuan (teks, tabel) dibuang; kepala/kaki halaman ditulis lkj sendiri.

``python -m lkj_lib.dokumen_word.templat`` menulis ulang :data:`BAWAAN` dari templat python-docx.
"""

from __future__ import annotations

from pathlib import Path

from ..paths import TEMPLAT_DIR

BAWAAN = TEMPLAT_DIR / "docx" / "lkj-bawaan.docx"
AKSEN = "1F4E79"  # warna judul, sama dengan --aksen di laporan.css
HURUF = "Arial"   # metrik sama dengan Liberation Sans (LibreOffice) dan ada di setiap Windows

# gaya yang dipakai penulis: bila dokumen acuan instansi tidak memilikinya, dibuat dengan bentuk bawaan ini
# nama → (berbasis, ukuran pt, tebal, rata tengah, spasi sebelum pt, spasi sesudah pt)
GAYA = {
    "Caption": ("Normal", 9, True, True, 6, 4),
    "TOC Heading": ("Heading 1", 15, True, True, 0, 12),
    "TOC 1": ("Normal", 10, True, False, 4, 2),
    "TOC 2": ("Normal", 10, False, False, 0, 2),
    "TOC 3": ("Normal", 10, False, False, 0, 2),
    "Table of Figures": ("Normal", 10, False, False, 0, 2),
}


def _gaya_paragraf(doc, nama: str):
    from docx.enum.style import WD_STYLE_TYPE

    try:
        return doc.styles[nama]
    except KeyError:
        return doc.styles.add_style(nama, WD_STYLE_TYPE.PARAGRAPH)


def lengkapi_gaya(doc, paksa: bool = False) -> None:
    """Pastikan setiap gaya di :data:`GAYA` ada (``paksa``: atur ulang bentuknya, untuk templat bawaan)."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm, Pt

    from .ooxml import tab_kanan_bertitik

    ada = {s.name for s in doc.styles}
    for nama, (basis, ukuran, tebal, tengah, sebelum, sesudah) in GAYA.items():
        if nama in ada and not paksa:
            continue
        g = _gaya_paragraf(doc, nama)
        g.base_style = doc.styles[basis]
        g.font.size = Pt(ukuran)
        g.font.bold = tebal
        g.paragraph_format.space_before = Pt(sebelum)
        g.paragraph_format.space_after = Pt(sesudah)
        if tengah:
            g.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
        if nama.startswith(("TOC ", "Table of")):
            indent = {"TOC 2": 0.6, "TOC 3": 1.2}.get(nama, 0)
            g.paragraph_format.left_indent = Cm(indent)
            tab_kanan_bertitik(g.paragraph_format, Cm(16.7))
        if nama.startswith("TOC") or nama == "Table of Figures":
            g.quick_style = False


def buat_bawaan(tujuan: Path = BAWAAN) -> Path:
    """Tulis dokumen acuan bawaan: A4, margin seperti PDF, Arial 10 pt, judul berwarna aksen."""
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Mm, Pt, RGBColor

    doc = docx.Document()
    s = doc.sections[0]
    s.page_width, s.page_height = Mm(210), Mm(297)
    s.top_margin, s.bottom_margin, s.left_margin, s.right_margin = Mm(22), Mm(20), Mm(25), Mm(18)
    s.header_distance, s.footer_distance = Mm(10), Mm(10)
    normal = doc.styles["Normal"]
    normal.font.name, normal.font.size = HURUF, Pt(10)
    normal.element.rPr.rFonts.set(
        "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}eastAsia", HURUF)
    normal.paragraph_format.space_after = Pt(5)
    normal.paragraph_format.line_spacing = 1.15
    normal.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    for nama, ukuran in (("Heading 1", 15), ("Heading 2", 12), ("Heading 3", 10.5)):
        g = doc.styles[nama]
        g.font.name, g.font.size, g.font.bold = HURUF, Pt(ukuran), True
        g.font.color.rgb = RGBColor.from_string(AKSEN)
        g.paragraph_format.space_before = Pt({"Heading 1": 0, "Heading 2": 13, "Heading 3": 11}[nama])
        g.paragraph_format.space_after = Pt({"Heading 1": 18, "Heading 2": 6, "Heading 3": 5}[nama])
        g.paragraph_format.keep_with_next = True
        g.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER if nama == "Heading 1" else WD_ALIGN_PARAGRAPH.LEFT
    for nama in ("Header", "Footer"):
        doc.styles[nama].font.size = Pt(8)
        doc.styles[nama].paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    lengkapi_gaya(doc, paksa=True)
    doc.styles["Caption"].font.color.rgb = RGBColor(0x11, 0x11, 0x11)
    doc.core_properties.title = "Laporan Kinerja"
    doc.core_properties.author = "lkj"
    doc.core_properties.comments = ""
    for p in list(doc.paragraphs):  # badan kosong
        p._p.getparent().remove(p._p)
    tujuan.parent.mkdir(parents=True, exist_ok=True)
    doc.save(str(tujuan))
    return tujuan


def buka_acuan(path: Path | None = None):
    """Dokumen python-docx dari ``path`` (atau :data:`BAWAAN`) dengan badan dikosongkan dan gaya dilengkapi."""
    import docx

    doc = docx.Document(str(path or BAWAAN))
    badan = doc.element.body
    for anak in list(badan):
        if anak.tag.endswith("}sectPr"):
            continue
        badan.remove(anak)
    sect = doc.sections[0]
    for bagian in (sect.header, sect.footer, sect.first_page_header, sect.first_page_footer):
        bagian.is_linked_to_previous = True  # kepala/kaki acuan tidak dipakai (lkj menulis sendiri)
    lengkapi_gaya(doc)
    return doc


if __name__ == "__main__":  # pragma: no cover - alat pemelihara
    print(buat_bawaan())
