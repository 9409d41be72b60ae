"""Potongan WordprocessingML yang tidak disediakan python-docx: field (TOC, SEQ, PAGE), format nomor
halaman per section, baris judul tabel berulang, baris tak terpotong, garis dan arsiran sel."""

from __future__ import annotations

from docx.oxml import OxmlElement
from docx.oxml.ns import qn


def _el(tag: str, **attr) -> OxmlElement:
    e = OxmlElement(tag)
    for k, v in attr.items():
        e.set(qn(k), str(v))
    return e


def _sisip(induk, el, berikut: tuple[str, ...]) -> None:
    """Sisipkan ``el`` sebelum anak pertama bertag di ``berikut`` (urutan skema OOXML; Word ketat soal ini)."""
    for anak in induk:
        if anak.tag in {qn(t) for t in berikut}:
            anak.addprevious(el)
            return
    induk.append(el)


def _fld_char(paragraf, jenis: str, kotor: bool = False):
    r = paragraf.add_run()
    fc = _el("w:fldChar", **{"w:fldCharType": jenis})
    if kotor:
        fc.set(qn("w:dirty"), "true")
    r._r.append(fc)
    return r


def field_mulai(paragraf, instruksi: str, kotor: bool = False) -> None:
    """Awal field kompleks (begin + instruksi + separate); hasil tersimpan ditulis sesudahnya."""
    _fld_char(paragraf, "begin", kotor)
    r = paragraf.add_run()
    t = _el("w:instrText")
    t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    t.text = f" {instruksi} "
    r._r.append(t)
    _fld_char(paragraf, "separate")


def field_akhir(paragraf) -> None:
    _fld_char(paragraf, "end")


def field(paragraf, instruksi: str, hasil: str = "", kotor: bool = False):
    """Field satu baris (PAGE, SEQ, ...) dengan ``hasil`` tersimpan; kembalikan run hasil itu."""
    field_mulai(paragraf, instruksi, kotor)
    r = paragraf.add_run(hasil)
    field_akhir(paragraf)
    return r


_VML = ('xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
        'xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office"')


def tanda_air(paragraf, teks: str, nomor: int = 1) -> None:
    """Tanda air teks diagonal di belakang isi halaman (bentuk VML yang sama dengan *Design → Watermark*
    Word; LibreOffice mengimpornya), ditaruh di kepala halaman sehingga muncul di setiap halaman."""
    from docx.oxml import parse_xml
    from xml.sax.saxutils import quoteattr

    gaya = ("position:absolute;margin-left:0;margin-top:0;width:470pt;height:120pt;rotation:315;"
            "z-index:-251654144;mso-position-horizontal:center;mso-position-horizontal-relative:margin;"
            "mso-position-vertical:center;mso-position-vertical-relative:margin")
    paragraf._p.append(parse_xml(
        f'<w:r {_VML}><w:pict><v:shapetype id="_x0000_t136" coordsize="21600,21600" o:spt="136" adj="10800" '
        'path="m@7,l@8,m@5,21600l@6,21600e"><v:path textpathok="t" o:connecttype="custom"/>'
        '<v:textpath on="t" fitshape="t"/><o:lock v:ext="edit" text="t" shapetype="t"/></v:shapetype>'
        f'<v:shape id="PowerPlusWaterMarkObject{nomor}" o:spid="_x0000_s{2049 + nomor}" type="#_x0000_t136" '
        f'style="{gaya}" o:allowincell="f" fillcolor="#b00000" stroked="f">'
        '<v:fill opacity="9830f"/>'
        f'<v:textpath style="font-family:&quot;Arial&quot;;font-size:1pt;font-weight:bold" string={quoteattr(teks)}/>'
        '</v:shape></w:pict></w:r>'))


def penanda_buku(paragraf, nama: str, nomor: int) -> None:
    """Bookmark ``nama`` meliputi seluruh isi paragraf (tujuan entri Daftar Isi dan PAGEREF)."""
    awal = _el("w:bookmarkStart", **{"w:id": nomor, "w:name": nama})
    ppr = paragraf._p.pPr
    if ppr is not None:
        ppr.addnext(awal)
    else:
        paragraf._p.insert(0, awal)
    paragraf._p.append(_el("w:bookmarkEnd", **{"w:id": nomor}))


def entri_daftar(paragraf, teks: str, tanda: str | None, halaman: str) -> None:
    """Entri Daftar Isi/Tabel/Gambar seperti buatan Word: tautan ke bookmark ``tanda`` berisi teks, tab
    dan field ``PAGEREF`` (hasil tersimpan ``halaman``); tanpa ``tanda``: teks dan halaman saja."""
    n = len(paragraf._p)
    paragraf.add_run(teks)
    paragraf.add_run("\t")
    if tanda:
        field(paragraf, f"PAGEREF {tanda} \\h", halaman)
    elif halaman:
        paragraf.add_run(halaman)
    if not tanda:
        return
    tautan = _el("w:hyperlink", **{"w:anchor": tanda, "w:history": 1})
    for e in list(paragraf._p)[n:]:
        tautan.append(e)
    paragraf._p.append(tautan)


def nomor_halaman(section, format_: str | None, mulai: int | None) -> None:
    """``w:pgNumType`` section: ``format_`` (decimal | lowerRoman) dan nomor awal (None = lanjut)."""
    sect = section._sectPr
    for lama in sect.findall(qn("w:pgNumType")):
        sect.remove(lama)
    if format_ is None and mulai is None:
        return
    e = _el("w:pgNumType")
    if format_:
        e.set(qn("w:fmt"), format_)
    if mulai is not None:
        e.set(qn("w:start"), str(mulai))
    # urutan skema CT_SectPr: pgNumType sesudah pgMar/paperSrc/pgBorders/lnNumType
    _sisip(sect, e, ("w:cols", "w:formProt", "w:vAlign", "w:noEndnote", "w:titlePg", "w:textDirection", "w:bidi",
                     "w:rtlGutter", "w:docGrid", "w:printerSettings", "w:sectPrChange"))


def baris_judul(row) -> None:
    """Baris judul tabel: diulang di setiap halaman; tidak terpotong."""
    trpr = row._tr.get_or_add_trPr()
    trpr.append(_el("w:cantSplit"))
    trpr.append(_el("w:tblHeader"))


def baris_utuh(row) -> None:
    row._tr.get_or_add_trPr().append(_el("w:cantSplit"))


def garis_tabel(tabel, warna: str = "555555", tebal: int = 4) -> None:
    """Garis tunggal di semua sisi dan di dalam tabel (tidak bergantung gaya tabel templat)."""
    tblpr = tabel._tbl.tblPr
    for lama in tblpr.findall(qn("w:tblBorders")):
        tblpr.remove(lama)
    b = _el("w:tblBorders")
    for sisi in ("top", "left", "bottom", "right", "insideH", "insideV"):
        b.append(_el(f"w:{sisi}", **{"w:val": "single", "w:sz": tebal, "w:space": 0, "w:color": warna}))
    _sisip(tblpr, b, ("w:shd", "w:tblLayout", "w:tblCellMar", "w:tblLook", "w:tblCaption", "w:tblDescription"))


def arsir(sel, warna: str) -> None:
    """Latar sel (``sel``: _Cell python-docx atau elemen ``w:tc``)."""
    tcpr = getattr(sel, "_tc", sel).get_or_add_tcPr()
    _sisip(tcpr, _el("w:shd", **{"w:val": "clear", "w:color": "auto", "w:fill": warna}),
           ("w:noWrap", "w:tcMar", "w:textDirection", "w:tcFitText", "w:vAlign", "w:hideMark"))


def garis_paragraf(paragraf, warna: str, sisi=("top", "left", "bottom", "right")) -> None:
    ppr = paragraf._p.get_or_add_pPr()
    b = _el("w:pBdr")
    for s in sisi:
        b.append(_el(f"w:{s}", **{"w:val": "single", "w:sz": 6, "w:space": 2, "w:color": warna}))
    _sisip(ppr, b, ("w:shd", "w:tabs", "w:suppressAutoHyphens", "w:kinsoku", "w:wordWrap", "w:overflowPunct",
                    "w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN", "w:bidi", "w:adjustRightInd", "w:snapToGrid",
                    "w:spacing", "w:ind", "w:contextualSpacing", "w:mirrorIndents", "w:suppressOverlap", "w:jc",
                    "w:textDirection", "w:textAlignment", "w:textboxTightWrap", "w:outlineLvl", "w:divId",
                    "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange"))


def tab_kanan_bertitik(paragraf_format, posisi) -> None:
    from docx.enum.text import WD_TAB_ALIGNMENT, WD_TAB_LEADER

    paragraf_format.tab_stops.add_tab_stop(posisi, WD_TAB_ALIGNMENT.RIGHT, WD_TAB_LEADER.DOTS)


def perbarui_field_saat_dibuka(dokumen) -> None:
    """``w:updateFields``: Word menawarkan memperbarui Daftar Isi/Tabel/Gambar dan nomor halamannya saat
    berkas dibuka (isi yang sudah tertulis tetap tampil bila pengguna menolak)."""
    settings = dokumen.settings.element
    for lama in settings.findall(qn("w:updateFields")):
        settings.remove(lama)
    # urutan CT_Settings: updateFields sesudah hdrShapeDefaults/footnotePr/endnotePr/compat/docVars/rsids/...
    _sisip(settings, _el("w:updateFields", **{"w:val": "true"}),
           ("w:hdrShapeDefaults", "w:footnotePr", "w:endnotePr", "w:compat", "w:docVars", "w:rsids",
            "m:mathPr", "w:attachedSchema", "w:themeFontLang", "w:clrSchemeMapping", "w:doNotIncludeSubdocsInStats",
            "w:doNotAutoCompressPictures", "w:forceUpgrade", "w:captions", "w:readModeInkLockDown", "w:smartTagType",
            "sl:schemaLibrary", "w:shapeDefaults", "w:doNotEmbedSmartTags", "w:decimalSymbol", "w:listSeparator"))
