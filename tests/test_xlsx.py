"""Pembaca ``data.xlsx`` (``lkj_lib.masukan.xlsx`` + ``lembar_xml``) dibandingkan dengan openpyxl.

openpyxl (``read_only=True, data_only=True``) adalah pembaca lkj sebelumnya dan tetap menjadi
pembanding: untuk buku kerja acak (teks, angka, boolean, tanggal, persen, format desimal, rumus,
teks kaya, celah baris/kolom) dan buku kerja tulisan tangan (teks bersama, atribut dalam urutan lain,
kutip tunggal, entitas, sel tanpa referensi, epoch 1904), nilai dan tipe setiap sel harus sama.
Jalur cepat dan jalur pohon ``lembar_xml`` juga dibandingkan satu sama lain.
"""

from __future__ import annotations

import datetime as dt
import io
import random
import shutil
import zipfile
from pathlib import Path

import openpyxl
import pytest

from lkj_lib import batas
from lkj_lib.masukan import lembar_xml
from lkj_lib.masukan.baca import baca_xlsx
from lkj_lib.masukan.xlsx_gaya import Gaya, desimal_format, teks_persen
from lkj_lib.masukan.xlsx import baca_lembar

AKAR = Path(__file__).resolve().parents[1]


# ---- pembanding -------------------------------------------------------------------------------

def _rapikan(rows: list[list]) -> list[list]:
    rows = [list(r) for r in rows]
    for r in rows:
        while r and r[-1] is None:
            r.pop()
    while rows and not rows[-1]:
        rows.pop()
    return [[(type(v).__name__, v) for v in r] for r in rows]


def _openpyxl(isi: bytes) -> dict:
    """Lembar → (baris, format_desimal) menurut openpyxl, dengan aturan persen/desimal lkj."""
    wb = openpyxl.load_workbook(io.BytesIO(isi), read_only=True, data_only=True)
    hasil = {}
    for ws in wb.worksheets:
        nama = ws.title.strip().lower()
        if nama.startswith("petunjuk") or nama.startswith("_"):
            continue
        ws.reset_dimensions()
        rows, fmt = [], {}
        for nomor, r in enumerate(ws.iter_rows(max_col=batas.KOLOM_LEMBAR), start=1):
            baris = []
            for j, c in enumerate(r):
                v = c.value
                if isinstance(v, (int, float)) and not isinstance(v, bool):
                    f = c.number_format
                    d = desimal_format(f)
                    if f and "%" in f:
                        v = teks_persen(v, d)
                    elif d is not None:
                        fmt[(nomor, j)] = d
                baris.append(v)
            rows.append(baris)
        hasil[ws.title] = (_rapikan(rows), fmt)
    wb.close()
    return hasil


def _lkj(isi: bytes) -> dict:
    return {judul: (_rapikan(rows), fmt) for judul, rows, fmt in baca_lembar(isi)}


def _kedua_jalur(isi: bytes) -> list[tuple[str, list, list, bool]]:
    """(judul, baris jalur pohon, baris jalur cepat, jalur cepat dipakai?) per lembar."""
    from lkj_lib.masukan.xlsx import _buku, _format_gaya, _teks_bersama

    out = []
    with zipfile.ZipFile(io.BytesIO(isi)) as z:
        wb, lembar, e1904 = _buku(z)
        gaya = Gaya(_format_gaya(z, wb), e1904, _teks_bersama(z, wb))
        for judul, path in lembar:
            f1, f2 = {}, {}
            pohon = lembar_xml._baris_pohon(z, path, judul.lower(), gaya, f1)
            try:
                cepat, dipakai = lembar_xml._baris_cepat(z, path, judul.lower(), gaya, f2), True
            except lembar_xml._BentukLain:
                cepat, dipakai, f2 = pohon, False, f1
            out.append((judul, (_rapikan(pohon), f1), (_rapikan(cepat), f2), dipakai))
    return out


# ---- buku kerja acak lewat openpyxl -----------------------------------------------------------

_TEKS = ["a", "Rp 1.000,00", " spasi di tepi ", "baris\nbaru", "cr\r\nlf", "tab\there", "&<>\"'",
         "x005F_y", "ü – 😀 ﷽", "=HYPERLINK(\"x\")", "'kutip", "0,38%", "2022", "", "   ", "NaN", "-"]
_FORMAT = ["General", "0", "0.00", "#,##0", "#,##0.000", "0%", "0.00%", "0.0%", '"Rp"#,##0.00',
           "dd/mm/yyyy", "yyyy-mm-dd h:mm", "h:mm:ss", "[h]:mm", "@", "0.00E+00", "#,##0;(#,##0)"]


def _nilai_acak(rng: random.Random):
    from openpyxl.cell.rich_text import CellRichText, TextBlock
    from openpyxl.cell.text import InlineFont

    p = rng.random()
    if p < 0.3:
        return rng.choice(_TEKS), None
    if p < 0.5:
        return rng.choice([0, 1, -7, 43, 2022, 10 ** 15, 123456789012]), rng.choice(_FORMAT)
    if p < 0.7:
        return rng.choice([0.1, 85.5, 0.6332, 0.0038, -2.25, 1e-7, 1.5e20, 100.0, 2022.0]), rng.choice(_FORMAT)
    if p < 0.75:
        return rng.choice([True, False]), None
    if p < 0.82:
        return rng.choice([dt.datetime(2022, 12, 31, 13, 45), dt.date(2023, 2, 28), dt.time(8, 30)]), \
            rng.choice(["dd/mm/yyyy", "yyyy-mm-dd h:mm", "h:mm", None])
    if p < 0.87:
        return "=A1*2", None  # rumus tanpa nilai tersimpan → None
    if p < 0.9:
        return CellRichText(["polos ", TextBlock(InlineFont(b=True), "tebal"), " & <akhir>"]), None
    return None, rng.choice(_FORMAT)  # sel kosong bergaya


def _buku_acak(seed: int) -> bytes:
    rng = random.Random(seed)
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for n in range(rng.randint(1, 4)):
        ws = wb.create_sheet(rng.choice(["data", "Petunjuk", "_bantu", "Lembar X"]) + str(n))
        for r in range(1, rng.randint(2, 40)):
            if rng.random() < 0.15:
                continue  # baris yang tidak ditulis
            for k in range(1, rng.randint(1, 14)):
                if rng.random() < 0.2:
                    continue
                v, fmt = _nilai_acak(rng)
                c = ws.cell(r, k)
                c.value = v
                if fmt:
                    c.number_format = fmt
        if rng.random() < 0.2:
            ws.cell(rng.randint(1, 5), 250).value = "di luar batas kolom"
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


@pytest.mark.parametrize("seed", range(30))
def test_buku_acak_sama_dengan_openpyxl(seed):
    isi = _buku_acak(seed)
    assert _lkj(isi) == _openpyxl(isi)
    for judul, pohon, cepat, dipakai in _kedua_jalur(isi):
        assert dipakai, f"{judul}: tulisan openpyxl harus lewat jalur cepat"
        assert cepat == pohon, judul


def test_contoh_dinkes_sama_dengan_openpyxl():
    isi = (AKAR / "params" / "dinkes-riam-kanan" / "2020" / "data.xlsx").read_bytes()
    lkj, acuan = _lkj(isi), _openpyxl(isi)
    assert lkj == acuan
    assert sum(len(b) for b, _ in lkj.values()) > 50  # benar-benar berisi


# ---- buku kerja tulisan tangan (bentuk yang tidak ditulis openpyxl) ------------------------------

_NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
_NS_R = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
_NS_X14 = 'xmlns:x14ac="http://schemas.microsoft.com/office/spreadsheetml/2009/9/ac"'
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def _buku_tangan(lembar: dict[str, str], *, e1904=False, bersama: list[str] = (),
                 dtd_di: str | None = None) -> bytes:
    """xlsx minimal: ``lembar`` = {judul: isi <sheetData>} (atau dokumen lembar utuh bila diawali '<?')."""
    gaya = (f'<styleSheet {_NS}><numFmts count="2"><numFmt numFmtId="164" formatCode="0.000"/>'
            '<numFmt numFmtId="165" formatCode="dd/mm/yyyy"/></numFmts>'
            '<cellXfs count="6"><xf numFmtId="0"/><xf numFmtId="10"/><xf numFmtId="164"/>'
            '<xf numFmtId="165"/><xf numFmtId="14"/><xf numFmtId="9"/></cellXfs></styleSheet>')
    sst = f'<sst {_NS}>' + "".join(f"<si>{s}</si>" for s in bersama) + "</sst>"
    rels = "".join(f'<Relationship Id="rId{i}" Type="{_REL}/worksheet" Target="worksheets/s{i}.xml"/>'
                   for i in range(1, len(lembar) + 1))
    rels += (f'<Relationship Id="rS" Type="{_REL}/styles" Target="styles.xml"/>'
             f'<Relationship Id="rT" Type="{_REL}/sharedStrings" Target="/xl/sst.xml"/>')
    sheets = "".join(f'<sheet name="{j}" sheetId="{i}" r:id="rId{i}"/>' for i, j in enumerate(lembar, 1))
    bagian = {
        "[Content_Types].xml": '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                               '<Default Extension="xml" ContentType="application/xml"/>'
                               '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
                               '<Override PartName="/xl/wb.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
                               '<Override PartName="/xl/sst.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
                               '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
                               + "".join(f'<Override PartName="/xl/worksheets/s{i}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
                                         for i in range(1, len(lembar) + 1))
                               + '</Types>',
        "_rels/.rels": '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                       f'<Relationship Id="rId1" Type="{_REL}/officeDocument" Target="xl/wb.xml"/></Relationships>',
        "xl/wb.xml": f'<workbook {_NS} {_NS_R}><workbookPr date1904="{int(e1904)}"/><sheets>{sheets}</sheets></workbook>',
        "xl/_rels/wb.xml.rels": f'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{rels}</Relationships>',
        "xl/styles.xml": gaya,
        "xl/sst.xml": sst,
    }
    for i, isi in enumerate(lembar.values(), 1):
        bagian[f"xl/worksheets/s{i}.xml"] = isi if isi.startswith("<?") else \
            f'<?xml version="1.0" encoding="UTF-8"?>\r\n<worksheet {_NS} {_NS_X14}><dimension ref="A1:B2"/><sheetData>{isi}</sheetData></worksheet>'
    if dtd_di:
        bagian[dtd_di] = bagian[dtd_di].replace("<?xml version=\"1.0\" encoding=\"UTF-8\"?>", "")
        bagian[dtd_di] = ('<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
                          '<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>') + bagian[dtd_di]
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for nama, isi in bagian.items():
            z.writestr(nama, isi)
    return buf.getvalue()


_BERSAMA = ["judul", "kode &amp; nama", "<r><t>kaya </t></r><r><rPr><b/></rPr><t xml:space=\"preserve\">teks </t></r>",
            "<t>dengan</t><rPh sb=\"0\" eb=\"1\"><t>FONETIK</t></rPh>", "<t>x005F_x000D_</t>", "<t/>",
            "<t>baris&#10;baru</t>"]
_BERSAMA = [s if s.startswith("<") else f"<t>{s}</t>" for s in _BERSAMA]

_LEMBAR_TANGAN = {
    "baku": '<row r="1" spans="1:3"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row>'
            '<row r="2"><c r="A2" s="1"><v>0.6332</v></c><c r="B2" s="2" t="n"><v>85.5</v></c>'
            '<c r="C2" s="3"><v>44926</v></c><c r="D2" t="b"><v>1</v></c><c r="E2" t="e"><v>#N/A</v></c></row>'
            '<row r="4"><c r="A4" t="s"><v>2</v></c><c r="B4" t="s"><v>3</v></c><c r="C4" t="s"><v>4</v></c>'
            '<c r="D4" t="s"><v>5</v></c><c r="E4" t="s"><v>6</v></c><c r="F4" t="str"><f>A1</f><v>hasil</v></c>'
            '<c r="G4"><f>1+1</f><v></v></c><c r="H4" s="4"><v>44927.5</v></c><c r="I4" s="5"><v>0.5</v></c></row>'
            '<row r="5"><c r="A5"><v>1.5E3</v></c><c r="B5"><v>-0</v></c><c r="C5"><v>12345678901234567890</v></c></row>',
    "urutan lain": '<row r="1"><c t="s" r="A1"><v>0</v></c><c s=\'2\' r=\'B1\'><v>3.25</v></c>'
                   '<c r="D1" t="inlineStr"><is><t xml:space="preserve"> sebaris &lt;b&gt; </t></is></c></row>'
                   '<row><c><v>7</v></c><c t="inlineStr"><is><t>tanpa r</t></is></c><c r="E2"><v>&#52;2</v></c></row>'
                   '<row r="3" x14ac:dyDescent="0.25">'
                   '<c r="A3" t="d"><v>2023-02-28T10:00:00</v></c></row>',
    "mundur": '<row r="2"><c r="A2"><v>2</v></c></row><row r="1"><c r="A1"><v>1</v></c></row>'
              '<row r="2"><c r="A2"><v>22</v></c></row><row r="5"/><row r="6"><c r="B6" t="inlineStr"><is/></c>'
              '<c r="C6" t="inlineStr"></c><c r="D6" t="inlineStr"><v>abaikan</v></c></row>',
    "komentar": '<row r="1"><!-- catatan --><c r="A1"><v>1</v></c>'
                '<c r="B1" t="inlineStr"><is><t><![CDATA[<cdata & teks>]]></t></is></c></row>',
    "teks kaya": '<row r="1"><c r="A1" t="inlineStr"><is><r><t>satu </t></r><r><rPr><i/></rPr><t>dua</t></r>'
                 '</is></c><c r="B1" t="inlineStr"><is><t>a\r\nb\rc</t></is></c></row>',
    "dimensi keliru": "".join(f'<row r="{i}"><c r="A{i}"><v>{i}</v></c></row>' for i in range(1, 6)),
}


@pytest.mark.parametrize("e1904", [False, True])
def test_buku_tangan_sama_dengan_openpyxl(e1904):
    isi = _buku_tangan(_LEMBAR_TANGAN, e1904=e1904, bersama=_BERSAMA)
    lkj, acuan = _lkj(isi), _openpyxl(isi)
    assert lkj == acuan
    baku, fmt = lkj["baku"]
    assert baku[0] == [("str", "judul"), ("str", "kode & nama")]
    assert baku[1][:2] == [("str", "63,32%"), ("float", 85.5)] and fmt == {(2, 1): 3}
    assert baku[3][:5] == [("str", "kaya teks "), ("str", "dengan"), ("str", "x000D_"), ("str", ""),
                           ("str", "baris\nbaru")]
    assert baku[4][2] == ("int", 12345678901234567890)
    assert lkj["dimensi keliru"][0] == [[("int", i)] for i in range(1, 6)]  # <dimension> A1:B2 tidak memotong
    for judul, pohon, cepat, dipakai in _kedua_jalur(isi):
        assert cepat == pohon, judul
        assert dipakai == (judul != "komentar"), judul


def test_dokumen_lembar_utf16_lewat_jalur_pohon():
    xml = (f'<?xml version="1.0" encoding="UTF-16"?><worksheet {_NS}><sheetData>'
           '<row r="1"><c r="A1" t="inlineStr"><is><t>ü16</t></is></c></row></sheetData></worksheet>')
    isi = _buku_tangan({"u": "<?diganti?>"})  # bagian lembar ditulis ulang sebagai UTF-16 ber-BOM
    buf = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(isi)) as zi, zipfile.ZipFile(buf, "w") as zo:
        for i in zi.infolist():
            zo.writestr(i.filename, xml.encode("utf-16") if i.filename.endswith("s1.xml") else zi.read(i))
    isi = buf.getvalue()
    assert _lkj(isi)["u"][0] == [[("str", "ü16")]] == _openpyxl(isi)["u"][0]


@pytest.mark.parametrize("isi_lembar", [
    '<row spans="1:1" r=""><c r="A1"><v>1</v></c></row><row r=\'\'><c r="B2"><v>2</v></c></row>',
    '<row spans="1:1" r="  "><c r="A1"><v>1</v></c></row>',
    '<row spans="1:1" r="&#50;"><c r="A2"><v>2</v></c></row><row r="3" spans="1:1"><c r="A3"><v>3</v></c></row>',
    # isi bersarang (ditemukan mutasi): teks langsung <v> berlaku, <v>/<f> di dalamnya tidak
    '<row r="1"><c r="A1"><v>1<v>1e999</v></v></c><c r="B1"><v>-0<f>1</f></v></c></row>',
])
def test_atribut_r_baris_tak_biasa_sama_di_kedua_jalur(isi_lembar):
    """r kosong = baris berikutnya; r berisi spasi = rusak; entitas di r diurai — di kedua jalur."""
    isi = _buku_tangan({"a": isi_lembar})
    hasil = []
    for jalur in (lembar_xml._baris_pohon, lembar_xml._baris_cepat):
        try:
            with zipfile.ZipFile(io.BytesIO(isi)) as z:
                hasil.append(_rapikan(jalur(z, "xl/worksheets/s1.xml", "a", Gaya([], False, []), {})))
        except lembar_xml.XlsxRusak as e:
            hasil.append(str(e))
    assert hasil[0] == hasil[1]
    assert hasil[0] in ([[("int", 1)], [("NoneType", None), ("int", 2)]], "nomor baris tidak sah: '  '",
                        [[], [("int", 2)], [("int", 3)]], [[("int", 1), ("int", 0)]])


# ---- keamanan dan galat ---------------------------------------------------------------------------

@pytest.mark.parametrize("dtd_di", ["xl/worksheets/s1.xml", "xl/sst.xml", "xl/styles.xml", "xl/wb.xml"])
def test_dtd_dan_entitas_ditolak_di_bagian_mana_pun(tmp_path, dtd_di):
    isi = _buku_tangan({"a": '<row r="1"><c r="A1" t="s"><v>0</v></c></row>'}, bersama=["<t>x</t>"],
                       dtd_di=dtd_di)
    (tmp_path / "data.xlsx").write_bytes(isi)
    lembar, masalah = baca_xlsx(tmp_path / "data.xlsx")
    assert lembar == {} and len(masalah) == 1
    assert "DTD/entitas" in masalah[0].pesan and masalah[0].berkas == "data.xlsx"


def test_xxe_tidak_membaca_berkas_luar(tmp_path):
    rahasia = tmp_path / "rahasia.txt"
    rahasia.write_text("RAHASIA-XYZ")
    lembar = (f'<?xml version="1.0"?><!DOCTYPE w [<!ENTITY x SYSTEM "file://{rahasia}">]>'
              f'<worksheet {_NS}><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&x;</t></is></c>'
              '</row></sheetData></worksheet>')
    (tmp_path / "data.xlsx").write_bytes(_buku_tangan({"a": lembar}))
    hasil, masalah = baca_xlsx(tmp_path / "data.xlsx")
    assert hasil == {} and "RAHASIA" not in repr(masalah) and "DTD/entitas" in masalah[0].pesan


@pytest.mark.parametrize("isi_lembar, kata", [
    ('<row r="1"><c r="A1"><v>1</v></row>', "rusak"),                       # tidak tersusun baik
    ('<row r="1"><c r="A1" t="s"><v>9</v></c></row>', "teks bersama"),        # indeks di luar jangkauan
    ('<row r="1"><c r="1A"><v>1</v></c></row>', "referensi sel"),
    ('<row r="1.5"><c r="A1"><v>1</v></c></row>', "nomor baris"),
    ('<row r="1"><c r="A1"><v>satu</v></c></row>', "rusak"),                # bilangan tidak sah
    ('<row r="1"><c r="A1" s="3"><v>1e300</v></c></row>', None),             # tanggal di luar jangkauan: #VALUE!
])
def test_lembar_rusak_jadi_galat_berlokasi(tmp_path, isi_lembar, kata):
    (tmp_path / "data.xlsx").write_bytes(_buku_tangan({"a": isi_lembar}))
    hasil, masalah = baca_xlsx(tmp_path / "data.xlsx")
    if kata is None:
        assert hasil["a"].baris == [] and hasil["a"].kolom == ["#value!"]
        return
    assert hasil == {} and len(masalah) == 1, masalah
    assert masalah[0].berkas == "data.xlsx" and "rusak" in masalah[0].pesan and kata in masalah[0].pesan


@pytest.mark.parametrize("v, harapan", [
    ("1e999", float("inf")), ("-1e999", float("-inf")),   # ditemukan mutasi: dulu decimal.InvalidOperation
    ("12345678901234567890", "1234567890123456700000,00%"), ("1e300", "1" + "0" * 302 + ",00%"),
    ("0.0038", "0,38%"), ("5", "500,00%"),
])
def test_persen_ekstrem(tmp_path, v, harapan):
    """Sel berformat '0.00%' dengan bilangan raksasa atau tak hingga: tanpa traceback; teksnya lengkap
    (ditolak kemudian oleh batas 10^15 pemeriksa angka) atau tak hingga apa adanya."""
    (tmp_path / "data.xlsx").write_bytes(_buku_tangan({"a": f'<row r="1"><c r="A1" s="1"><v>{v}</v></c></row>'}))
    hasil, masalah = baca_xlsx(tmp_path / "data.xlsx")
    assert masalah == [] and "a" in hasil
    nilai = next(r for _, r, _ in baca_lembar((tmp_path / "data.xlsx").read_bytes()))[0][0]
    assert nilai == harapan and type(nilai) is type(harapan)


def test_bagian_buku_kerja_raksasa_ditolak(tmp_path, monkeypatch):
    monkeypatch.setattr(batas, "XLSX_BAGIAN", 1000)
    isi = _buku_tangan({"a": '<row r="1"><c r="A1"><v>1</v></c></row>'})
    with zipfile.ZipFile(io.BytesIO(isi)) as z:
        assert z.getinfo("xl/styles.xml").file_size < 1000 < z.getinfo("xl/worksheets/s1.xml").file_size + 2000
    besar = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(isi)) as zi, zipfile.ZipFile(besar, "w", zipfile.ZIP_DEFLATED) as zo:
        for i in zi.infolist():
            data = zi.read(i)
            if i.filename == "xl/styles.xml":
                data = data.replace(b"<cellXfs", b"<cellStyles>" + b" " * 5000 + b"</cellStyles><cellXfs")
            zo.writestr(i.filename, data)
    (tmp_path / "data.xlsx").write_bytes(besar.getvalue())
    hasil, masalah = baca_xlsx(tmp_path / "data.xlsx")
    assert hasil == {} and "styles.xml terlalu besar" in masalah[0].pesan


def test_lembar_besar_dibaca_linier_dan_berhenti_di_batas(tmp_path, monkeypatch):
    """20.000 baris × 12 kolom: hasilnya sama dengan openpyxl pada baris contoh, dan jumlah baris yang
    dibaca berhenti tepat sesudah batas (lembar di atas batas ditolak oleh _dari_baris)."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "skm"
    ws.append([f"u{i}" for i in range(1, 10)] + ["nama", "umur", "tanggal"])
    for n in range(20_000):
        ws.append([n % 4 + 1] * 9 + [f"responden {n} & <{n}>", 20 + n % 40, dt.date(2022, 1 + n % 12, 1)])
    buf = io.BytesIO()
    wb.save(buf)
    isi = buf.getvalue()
    lkj = _lkj(isi)["skm"][0]
    assert len(lkj) == 20_001 and lkj[7] == [("int", 3)] * 9 + [("str", "responden 6 & <6>"), ("int", 26),
                                                               ("datetime", dt.datetime(2022, 7, 1))]
    monkeypatch.setitem(batas.BARIS_LEMBAR_KHUSUS, "skm", 1000)
    rows = next(r for _, r, _ in baca_lembar(isi))
    assert len(rows) == 1002  # judul + 1.001 baris berisi: cukup untuk tahu batas terlampaui
    (tmp_path / "data.xlsx").write_bytes(isi)
    hasil, masalah = baca_xlsx(tmp_path / "data.xlsx")
    assert "skm" not in hasil and masalah[0].pesan == "lembar terlalu panjang"


# ---- mutasi XML mentah: tidak pernah traceback, kedua jalur sepakat ------------------------------

_SERPIH = ['r=""', "r=' '", 'r="0"', 'r="-3"', 'r="1e3"', 'r="2.0"', 'r="99999999999999999999"', 'r="A"',
           't=""', 't="s"', 't="b"', 't="d"', 't="e"', 't="str"', 't="inlineStr"', 't="x"', 's="-1"', 's="999"',
           's=""', 's="1.5"', "<v>abc</v>", "<v>1e999</v>", "<v>&#0;</v>", "<v>&#x110000;</v>", "<v>2022-13-45</v>",
           "<v>9</v>", "<is><t>x</t></is>", "<is/>", "<f>1</f>", "&amp;", "&lt;", "&#65;", "<x/>", "<!-- k -->",
           "<![CDATA[z]]>", "", " ", "\r\n", "<c/>", '<c r="ZZZZ1"/>', '<c r="XFD1"><v>1</v></c>', "</row><row>"]


def _mutan_xml(rng: random.Random) -> str:
    dasar = _LEMBAR_TANGAN["baku"]
    for _ in range(rng.randint(1, 4)):
        i = rng.randrange(len(dasar))
        if rng.random() < 0.5:  # sisipkan serpih di batas tag
            j = dasar.rfind(" ", 0, i) if rng.random() < 0.5 else dasar.rfind("<", 0, i)
            j = max(j, 0)
            dasar = dasar[:j] + (" " if not dasar[j:j + 1] == "<" else "") + rng.choice(_SERPIH) + dasar[j:]
        else:  # ganti nilai atribut di sekitar i
            a = dasar.find('="', i)
            b = dasar.find('"', a + 2)
            if a > 0 and b > 0:
                dasar = dasar[:a + 2] + rng.choice(["", " ", "0", "-1", "A1", "1.5", "s", "inlineStr", "&#49;"]) + dasar[b:]
    return dasar


def _jalur(fungsi, isi: bytes):
    """Hasil satu jalur lembar pertama: baris, atau jenis galatnya (galat sintaks XML disamakan)."""
    from pyexpat import ExpatError
    from xml.etree.ElementTree import ParseError

    from lkj_lib.masukan.xlsx import _buku, _format_gaya, _teks_bersama

    with zipfile.ZipFile(io.BytesIO(isi)) as z:
        wb, lembar, e1904 = _buku(z)
        gaya = Gaya(_format_gaya(z, wb), e1904, _teks_bersama(z, wb))
        try:
            return _rapikan(fungsi(z, lembar[0][1], "a", gaya, {}))
        except (ExpatError, ParseError):
            return "XML tidak tersusun baik"
        except lembar_xml._BentukLain:
            return "bentuk lain"
        except Exception as e:  # noqa: BLE001 - jenis dan pesan dibandingkan
            return f"{type(e).__name__}: {e}"


def test_mutasi_xml_mentah_tanpa_traceback_dan_jalur_sepakat(tmp_path):
    rng = random.Random(2031)
    sah = 0
    for _ in range(400):
        lembar = _mutan_xml(rng)
        isi = _buku_tangan({"a": lembar}, bersama=_BERSAMA)
        (tmp_path / "data.xlsx").write_bytes(isi)
        hasil, masalah = baca_xlsx(tmp_path / "data.xlsx")  # tidak boleh melempar
        assert isinstance(hasil, dict) and all(m.berkas == "data.xlsx" for m in masalah), lembar
        pohon, cepat = _jalur(lembar_xml._baris_pohon, isi), _jalur(lembar_xml._baris_cepat, isi)
        if cepat != "bentuk lain":  # galat di kedua jalur boleh berbeda pesan (mana yang ketemu dulu)
            assert cepat == pohon or (isinstance(cepat, str) and isinstance(pohon, str)), lembar
        if isinstance(pohon, list):
            sah += 1
            assert "a" in hasil or masalah, lembar
        else:
            assert hasil == {} and "rusak" in masalah[0].pesan, lembar
    assert sah > 60  # cukup banyak mutan tetap XML sah dan benar-benar dibandingkan


# ---- batas seluruh buku kerja dan lembar yang tidak dikenal -------------------------------------

def test_total_baris_semua_lembar_dibatasi(tmp_path, monkeypatch):
    """Batas per lembar saja membiarkan puluhan lembar besar dibaca satu per satu; batas total
    menghentikan pembacaan di baris ke-(BARIS_TOTAL + 1), di xlsx maupun CSV."""
    from lkj_lib.masukan.baca import baca_semua

    monkeypatch.setattr(batas, "BARIS_TOTAL", 100)
    baris = "".join(f'<row r="{i}"><c r="A{i}"><v>{i}</v></c></row>' for i in range(1, 62))
    (tmp_path / "data.xlsx").write_bytes(_buku_tangan({"tujuan": baris, "sasaran": baris, "skm": baris}))
    hasil, masalah = baca_xlsx(tmp_path / "data.xlsx")
    assert hasil == {} and [m.pesan for m in masalah] == ["data terlalu banyak"]
    assert "100" in masalah[0].harapan and masalah[0].berkas == "data.xlsx"
    monkeypatch.setattr(batas, "BARIS_TOTAL", 120)  # 2 × 60 baris data: pas
    hasil, masalah = baca_xlsx(tmp_path / "data.xlsx", hanya={"tujuan", "sasaran"})
    assert masalah == [] and len(hasil["tujuan"].baris) == len(hasil["sasaran"].baris) == 60
    assert hasil["skm"].baris == []  # tidak diurai: di luar `hanya`

    f = tmp_path / "csv"
    (f / "data").mkdir(parents=True)
    for nama in ("a", "b", "c"):
        (f / "data" / f"{nama}.csv").write_text("x\n" + "".join(f"{i}\n" for i in range(50)))
    lembar, sumber, masalah = baca_semua(f)
    assert lembar == {} and sumber == [] and masalah[-1].pesan == "data terlalu banyak"


def test_lembar_tidak_dikenal_tidak_diurai(tmp_path):
    """Lembar yang bukan tabel lkj (mis. pivot atau catatan analis) tidak diurai dalam validate/build:
    XML-nya yang rusak pun tidak menggagalkan, dan tetap diperingatkan sebagai lembar tak dikenal."""
    from lkj_lib.masukan import periksa

    f = tmp_path / "dinkes-riam-kanan" / "2020"
    shutil.copytree(AKAR / "params" / "dinkes-riam-kanan" / "2020", f, ignore=shutil.ignore_patterns("*.py"))
    isi = (f / "data.xlsx").read_bytes()
    buf = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(isi)) as zi, zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zo:
        for i in zi.infolist():
            data = zi.read(i)
            if i.filename == "xl/workbook.xml":
                data = data.replace(b"</sheets>", b'<sheet name="Pivot Analis" sheetId="99" r:id="rIdX"/></sheets>')
            if i.filename == "xl/_rels/workbook.xml.rels":
                data = data.replace(b"</Relationships>", b'<Relationship Id="rIdX" Type="http://schemas.openxml'
                                    b'formats.org/officeDocument/2006/relationships/worksheet" '
                                    b'Target="worksheets/pivot.xml"/></Relationships>')
            zo.writestr(i, data)
        zo.writestr("xl/worksheets/pivot.xml", "<worksheet><sheetData><row><c><v>1</v></c></row>")  # rusak
    (f / "data.xlsx").write_bytes(buf.getvalue())
    _, masalah = periksa(f)
    pesan = [m.pesan for m in masalah]
    assert "lembar 'pivot analis' tidak dikenal dan diabaikan" in pesan
    assert not any("rusak" in p for p in pesan)
