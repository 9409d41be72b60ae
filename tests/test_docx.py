"""DOCX dari blok terstruktur (tanpa build penuh): blok tampilan notebook, penulis Word, dokumen acuan,
logo/templat_docx di lkj.yaml. Build penuh + LibreOffice: tests/test_docx_bangun.py."""

import base64
import json
import zipfile

import pytest

docx = pytest.importorskip("docx")

from docx.enum.section import WD_ORIENT  # noqa: E402
from docx.enum.text import WD_ALIGN_PARAGRAPH  # noqa: E402
from docx.shared import Mm, Pt  # noqa: E402

from lkj_lib import tampil  # noqa: E402
from lkj_lib.dokumen_word import tulis_docx  # noqa: E402
from lkj_lib.dokumen_word.baca import blok_notebook  # noqa: E402
from lkj_lib.dokumen_word.tabel import lebar_kolom  # noqa: E402
from lkj_lib.dokumen_word.templat import BAWAAN, buat_bawaan  # noqa: E402
from lkj_lib.masukan import muat, periksa  # noqa: E402
from lkj_lib.paths import TEMPLAT_DIR  # noqa: E402
from lkj_lib.sajian.blok import MIME, VERSI  # noqa: E402
from lkj_lib.sajian.tabel import Kolom, TabelLaporan, dengan_penanda  # noqa: E402

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
# PNG 1×1 piksel (merah), sah
PNG = base64.b64decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4nGP4z8DwHwAFAAH/iZk9HQAAAABJRU5ErkJggg==")


def _tabel_grup(lanskap=False) -> TabelLaporan:
    import pandas as pd

    baris = [{"nama": "Program A", "pagu": "1.000.000", "real": "900.000", "cap": ("90,00", "a"), "jenis": "program"},
             {"nama": "JUMLAH", "pagu": "1.000.000", "real": "900.000", "cap": ("90,00", ""), "jenis": "jumlah"}]
    kolom = [Kolom("Program", "nama", "kiri"), Kolom("Pagu", "pagu", grup="Anggaran (Rp)"),
             Kolom("Realisasi", "real", grup="Anggaran (Rp)"), Kolom("Serapan (%)", lambda b: dengan_penanda(*b["cap"]))]
    return TabelLaporan("uji", "Anggaran <uji>", kolom, baris, pd.DataFrame(baris), catatan=["a) sementara"],
                        lanskap=lanskap, kelas_baris=lambda b: "jumlah" if b["jenis"] == "jumlah" else "lv0")


def test_blok_tabel_kepala_berkelompok_dan_penanda():
    t = _tabel_grup()
    b = t.blok("3.2")
    assert b["kepala"] == [
        [{"teks": "Program", "colspan": 1, "rowspan": 2}, {"teks": "Anggaran (Rp)", "colspan": 2, "rowspan": 1},
         {"teks": "Serapan (%)", "colspan": 1, "rowspan": 2}],
        [{"teks": "Pagu", "colspan": 1, "rowspan": 1}, {"teks": "Realisasi", "colspan": 1, "rowspan": 1}]]
    assert [k["rata"] for k in b["kolom"]] == ["kiri", "kanan", "kanan", "kanan"]
    assert b["baris"][0] == {"kelas": "lv0", "sel": [{"teks": "Program A"}, {"teks": "1.000.000"}, {"teks": "900.000"},
                                                     {"teks": "90,00", "sup": "a"}]}
    assert b["baris"][1]["kelas"] == "jumlah" and b["baris"][1]["sel"][3] == {"teks": "90,00"}
    assert b["judul"] == "Anggaran <uji>" and b["catatan"] == ["a) sementara"] and b["nomor"] == "3.2"
    # HTML tabel tetap sama (penanda tetap <sup>, judul di-escape)
    html = t.html("3.2")
    assert "90,00<sup>a</sup>" in html and "Anggaran &lt;uji&gt;" in html and 'colspan="2"' in html


def test_tampilan_notebook_membawa_html_dan_blok(mini):
    lap = tampil.Sesi(mini)
    lap.judul_bab(3, "Akuntabilitas Kinerja")
    t = lap.tabel(tampil.tabel.tabel_anggaran(lap.h))
    bundel = t._repr_mimebundle_()
    assert list(bundel) == [MIME] and bundel[MIME]["versi"] == VERSI
    (blok,) = bundel[MIME]["blok"]
    assert blok["jenis"] == "tabel" and blok["nomor"] == "3.1"
    assert t._repr_html_() == str(t) and 'id="tabel-3-1"' in str(t)
    # pagu 1.000.000, realisasi 900.000 (mini.py, dihitung tangan) tercetak sama di HTML dan di blok
    sel = [s["teks"] for b in blok["baris"] for s in b["sel"]]
    assert "1.000.000" in sel and "900.000" in sel
    bag = lap.bagian("Realisasi Anggaran", lap.teks("Paragraf satu.\n\nParagraf dua."), t, huruf=True)
    assert [b["jenis"] for b in bag.blok] == ["judul", "paragraf", "paragraf", "tabel"]
    assert bag.blok[0]["teks"] == "A. Realisasi Anggaran" and bag.blok[0]["tingkat"] == 2
    assert lap.bagian("Kosong", tampil.Html("")) == "" and tampil.Html("")._repr_mimebundle_() is None
    bab = lap.judul_bab(2, "Perencanaan Kinerja").blok[0]
    assert (bab["teks"], bab["subteks"], bab["bagian"]) == ("BAB II", "PERENCANAAN KINERJA", "bab")


def test_markdown_analis_menjadi_blok(tmp_path):
    (tmp_path / "a.png").write_bytes(PNG)
    (tmp_path / "palsu.png").write_bytes(b"<svg/>")
    md = ("## Judul kecil\n\nTeks **tebal** dan *miring* [situs](https://contoh.id).\n\n"
          "1. satu\n2. dua\n   - anak\n\n![Bagan](gambar/a.png)\n\n![x](gambar/palsu.png)\n\n"
          "| A | B |\n|---|--:|\n| x | 1,5 |\n")
    blok = tampil.markdown(md, tmp_path).blok
    jenis = [(b["jenis"], b.get("gaya", "")) for b in blok]
    assert jenis == [("paragraf", "judul-narasi"), ("paragraf", ""), ("paragraf", "butir"), ("paragraf", "butir"),
                     ("paragraf", "butir"), ("gambar", ""), ("paragraf", ""), ("tabel", "")]
    runs = blok[1]["runs"]
    assert {"teks": "tebal", "tebal": True} in runs and {"teks": "miring", "miring": True} in runs
    assert "".join(r["teks"] for r in runs).endswith("situs (https://contoh.id).")
    assert [(b["penanda"], b["tingkat"]) for b in blok[2:5]] == [("1.", 1), ("2.", 1), ("•", 2)]
    assert blok[5]["mime"] == "image/png" and base64.b64decode(blok[5]["data"]) == PNG and blok[5]["judul"] == "Bagan"
    assert "gambar tidak dimuat" in blok[6]["runs"][0]["teks"] and "bukan PNG/JPEG" in blok[6]["runs"][0]["teks"]
    assert blok[7]["baris"][0]["sel"] == [{"teks": "x"}, {"teks": "1,5"}]
    assert [k["rata"] for k in blok[7]["kolom"]] == ["kiri", "kanan"]


def test_lebar_kolom_angka_tidak_dipatah():
    b = _tabel_grup().blok("1.1")
    b["baris"][0]["sel"][1]["teks"] = "14.644.589.858"
    lebar_isi = int(Mm(167))
    w = lebar_kolom(b, lebar_isi, 8)
    assert abs(sum(w) - lebar_isi) <= len(w)
    # 14 karakter angka 8 pt (≥ 0,6 em per karakter) + bantalan sel muat di kolom Pagu
    assert w[1] >= Pt(14 * 8 * 0.6 + 11)
    assert w[0] > w[2]  # teks kiri mendapat sisa lebar lebih banyak daripada kolom angka


def _nb(*blok_per_sel) -> dict:
    sel = [{"cell_type": "code", "metadata": {"tags": ["parameters"]}, "outputs": [
        {"output_type": "display_data", "metadata": {}, "data": {MIME: {"versi": VERSI, "blok": [{"jenis": "x"}]}}}]}]
    for blok in blok_per_sel:
        sel.append({"cell_type": "code", "metadata": {}, "outputs": [
            {"output_type": "display_data", "metadata": {}, "data": {"text/html": "<p>abaikan</p>",
                                                                    MIME: {"versi": VERSI, "blok": blok}}}]})
    return {"cells": sel, "metadata": {}, "nbformat": 4, "nbformat_minor": 5}


def _contoh_notebook(tmp_path, mini):
    p = muat(mini).profil
    depan = _nb([{"jenis": "sampul", "draf": False, "jenis_laporan": "LAPORAN KINERJA", "tahun": "TAHUN 2024",
                  "skpd": "DINAS CONTOH", "pemda": "KABUPATEN CONTOH", "alamat": "", "sintetis": "",
                  "logo": {"mime": "image/png", "data": base64.b64encode(PNG).decode()}}],
                [{"jenis": "judul", "tingkat": 1, "teks": "KATA PENGANTAR", "ident": "kata-pengantar", "bagian": "depan"},
                 {"jenis": "paragraf", "runs": [{"teks": "Puji syukur."}]},
                 {"jenis": "ttd", "atas": ["Kota Contoh, 15 Januari 2025", "Kepala Dinas,"], "nama": "Budi, S.E.",
                  "bawah": ["NIP. 19700101 199001 1 001"]}])
    tabel = _tabel_grup().blok("3.1")
    lebar = _tabel_grup(lanskap=True).blok("3.2")
    gmb = {"jenis": "gambar", "nomor": "3.1", "judul": "Serapan", "mime": "image/png", "ident": "gambar-3-1",
           "data": base64.b64encode(PNG).decode()}
    isi = _nb([{"jenis": "judul", "tingkat": 1, "teks": "BAB III", "subteks": "AKUNTABILITAS KINERJA",
                "ident": "bab-3", "bagian": "bab"},
               {"jenis": "judul", "tingkat": 2, "teks": "A. Anggaran", "ident": "b3-a", "bagian": ""}],
              [tabel], [lebar], [gmb], [{"jenis": "paragraf", "runs": [{"teks": "Penutup."}]}])
    nbs = []
    for nama, nb in (("00_depan.ipynb", depan), ("03_bab3.ipynb", isi)):
        nbs.append(tmp_path / nama)
        nbs[-1].write_text(json.dumps(nb), encoding="utf-8")
    return nbs, p


def test_tulis_docx_fitur_word(tmp_path, mini):
    nbs, profil = _contoh_notebook(tmp_path, mini)
    assert [b["jenis"] for b in blok_notebook(json.loads(nbs[0].read_text()))] == [
        "sampul", "judul", "paragraf", "ttd"]  # sel parameters dibuang
    tujuan = tmp_path / "uji.docx"
    info = tulis_docx(nbs, profil, tujuan, halaman={"bab-3": "1", "kata-pengantar": "ii", "tabel-3-1": "1"})
    assert info["tabel"] == 2 and info["gambar"] == 1
    d = docx.Document(str(tujuan))
    judul = [(p.style.name, p.text) for p in d.paragraphs if p.style.name.startswith("Heading")]
    assert judul == [("Heading 1", "KATA PENGANTAR"), ("Heading 1", "BAB III\nAKUNTABILITAS KINERJA"),
                     ("Heading 2", "A. Anggaran")]
    # section: sampul · depan (romawi mulai ii) · isi (1) · lanskap (lanjut) · tegak (lanjut)
    fmt = [(s._sectPr.find(f"{W}pgNumType").get(f"{W}fmt") if s._sectPr.find(f"{W}pgNumType") is not None else None,
            s._sectPr.find(f"{W}pgNumType").get(f"{W}start") if s._sectPr.find(f"{W}pgNumType") is not None else None,
            s.orientation) for s in d.sections]
    P, L = WD_ORIENT.PORTRAIT, WD_ORIENT.LANDSCAPE
    assert fmt == [(None, None, P), ("lowerRoman", "2", P), ("decimal", "1", P), ("decimal", None, L),
                   ("decimal", None, P)]
    assert d.sections[3].page_width > d.sections[3].page_height
    assert d.sections[0].footer.is_linked_to_previous and not d.sections[2].header.is_linked_to_previous
    assert "Laporan Kinerja Tahun 2024" in d.sections[2].header.paragraphs[0].text
    # judul tabel/gambar: Caption + SEQ (BAB pertama memulai ulang \r), urut
    cap = [p for p in d.paragraphs if p.style.name == "Caption"]
    assert [p.text for p in cap] == ["Tabel 3.1 Anggaran <uji>", "Tabel 3.2 Anggaran <uji>", "Gambar 3.1 Serapan"]
    instr = [t.text.strip() for p in cap for t in p._p.iter(f"{W}instrText")]
    assert instr == ["SEQ Tabel \\* ARABIC \\r 1 \\s 1", "SEQ Tabel \\* ARABIC \\s 1",
                     "SEQ Gambar \\* ARABIC \\r 1 \\s 1"]
    # daftar: TOC berisi entri (dengan halaman dari PDF bila ada) + updateFields
    semua_instr = [t.text.strip() for t in d.element.body.iter(f"{W}instrText")]
    assert 'TOC \\o "1-2" \\h \\z \\u' in semua_instr and 'TOC \\h \\z \\c "Tabel"' in semua_instr
    assert 'TOC \\h \\z \\c "Gambar"' in semua_instr
    toc = [p.text for p in d.paragraphs if p.style.name in ("TOC 1", "TOC 2")]
    assert toc == ["KATA PENGANTAR\tii", "BAB III AKUNTABILITAS KINERJA\t1", "A. Anggaran\t"]
    assert "Tabel 3.1 Anggaran <uji>\t1" in [p.text for p in d.paragraphs if p.style.name == "Table of Figures"]
    assert d.settings.element.find(f"{W}updateFields").get(f"{W}val") == "true"
    # entri = tautan ke bookmark di judulnya + PAGEREF (seperti Daftar Isi buatan Word)
    entri = next(p for p in d.paragraphs if p.style.name == "TOC 1" and p.text.startswith("BAB III"))
    tanda = entri._p.find(f"{W}hyperlink").get(f"{W}anchor")
    bab3 = next(p for p in d.paragraphs if p.text.startswith("BAB III") and p.style.name == "Heading 1")
    assert bab3._p.find(f"{W}bookmarkStart").get(f"{W}name") == tanda
    assert [t.text.strip() for t in entri._p.iter(f"{W}instrText")] == [f"PAGEREF {tanda} \\h"]
    cap31 = next(p for p in d.paragraphs if p.style.name == "Caption" and p.text.startswith("Tabel 3.1"))
    entri31 = next(p for p in d.paragraphs if p.style.name == "Table of Figures" and p.text.startswith("Tabel 3.1"))
    assert cap31._p.find(f"{W}bookmarkStart").get(f"{W}name") == entri31._p.find(f"{W}hyperlink").get(f"{W}anchor")
    # tabel: 2 baris judul berulang, sel bergabung, baris tidak terpotong, angka rata kanan, superskrip
    t = d.tables[0]
    assert len(t.rows) == 4 and len(t.columns) == 4
    judul_ulang = [r._tr.trPr is not None and r._tr.trPr.find(f"{W}tblHeader") is not None for r in t.rows]
    assert judul_ulang == [True, True, False, False]
    assert all(r._tr.trPr.find(f"{W}cantSplit") is not None for r in t.rows)
    assert t.rows[0].cells[1].text == "Anggaran (Rp)" and t.rows[0].cells[2].text == "Anggaran (Rp)"
    assert t.rows[1].cells[0].text == "Program"  # rowspan 2
    assert [c.text for c in t.rows[2].cells] == ["Program A", "1.000.000", "900.000", "90,00a"]
    assert t.rows[2].cells[1].paragraphs[0].alignment == WD_ALIGN_PARAGRAPH.RIGHT
    assert t.rows[2].cells[0].paragraphs[0].alignment == WD_ALIGN_PARAGRAPH.LEFT
    sup = t.rows[2].cells[3].paragraphs[0].runs
    assert [(r.text, bool(r.font.superscript)) for r in sup] == [("90,00", False), ("a", True)]
    assert t.rows[3].cells[0].paragraphs[0].runs[0].bold  # baris jumlah tebal
    # gambar tetap bersama judulnya; tanda tangan; logo sampul = gambar pertama
    pgb = [p for p in d.paragraphs if p._p.findall(f".//{W}drawing")]
    assert len(pgb) == 2 and pgb[1].paragraph_format.keep_with_next
    assert any(p.text == "Budi, S.E." and p.runs[0].bold and p.runs[0].underline for p in d.paragraphs)
    with zipfile.ZipFile(tujuan) as z:
        media = [n for n in z.namelist() if n.startswith("word/media/")]
    assert media  # logo dan gambar tertanam


def test_templat_instansi_dipakai(tmp_path, mini):
    acuan = docx.Document(str(BAWAAN))
    acuan.styles["Normal"].font.name = "Times New Roman"
    acuan.sections[0].left_margin = Mm(40)
    acuan.add_paragraph("ISI ACUAN YANG TIDAK BOLEH IKUT")
    path = tmp_path / "kop.docx"
    acuan.save(str(path))
    nbs, profil = _contoh_notebook(tmp_path, mini)
    tulis_docx(nbs, profil, tmp_path / "a.docx", templat=path)
    d = docx.Document(str(tmp_path / "a.docx"))
    assert d.styles["Normal"].font.name == "Times New Roman"
    assert {round(s.left_margin.mm) for s in d.sections} == {40}
    assert all("ISI ACUAN" not in p.text for p in d.paragraphs)


def test_acuan_bawaan_di_paket_dan_dapat_dibangkitkan_ulang(tmp_path):
    assert BAWAAN.is_file() and TEMPLAT_DIR in BAWAAN.parents  # data paket: templates/**/*
    d = docx.Document(str(BAWAAN))
    s = d.sections[0]
    assert (round(s.page_width.mm), round(s.page_height.mm)) == (210, 297)
    assert {"Heading 1", "Heading 2", "Heading 3", "Caption", "TOC 1", "TOC 2", "Table of Figures"} <= {
        x.name for x in d.styles}
    assert d.styles["Heading 1"].paragraph_format.alignment == WD_ALIGN_PARAGRAPH.CENTER
    baru = docx.Document(str(buat_bawaan(tmp_path / "b.docx")))
    assert baru.styles["Normal"].font.name == d.styles["Normal"].font.name == "Arial"


YAML_ASET = "logo: {logo}\ntemplat_docx: {templat}\n"


@pytest.mark.parametrize("logo,templat,pesan", [
    ("../luar.png", "", "'logo' menunjuk ke luar folder SKPD-tahun"),
    ("/etc/passwd", "", "'logo' harus jalur relatif"),
    ("tidak-ada.png", "", "berkas 'logo' tidak ada"),
    ("palsu.png", "", "berkas 'logo' bukan PNG/JPEG"),
    ("", "palsu.docx", "berkas 'templat_docx' bukan dokumen Word .docx"),
])
def test_aset_lkj_yaml_salah_galat_berlokasi(mini, logo, templat, pesan):
    (mini / "palsu.png").write_bytes(b"GIF89a....")
    (mini / "palsu.docx").write_bytes(b"PK\x03\x04bukan zip")
    (mini.parent / "luar.png").write_bytes(PNG)
    with open(mini / "lkj.yaml", "a", encoding="utf-8") as f:
        f.write(YAML_ASET.format(logo=logo, templat=templat))
    data, masalah = periksa(mini)
    assert data is None
    m = [x for x in masalah if pesan in x.pesan]
    assert m and m[0].kolom in ("logo", "templat_docx") and m[0].tingkat == "galat", [x.pesan for x in masalah]


def test_aset_sah_ikut_sampul_dan_sumber(mini, monkeypatch):
    (mini / "logo.png").write_bytes(PNG)
    docx.Document(str(BAWAAN)).save(str(mini / "kop.docx"))
    with open(mini / "lkj.yaml", "a", encoding="utf-8") as f:
        f.write(YAML_ASET.format(logo="logo.png", templat="kop.docx"))
    data = muat(mini)
    assert data.profil.logo == (mini / "logo.png").resolve()
    assert data.profil.templat_docx == (mini / "kop.docx").resolve()
    assert {"logo.png", "kop.docx"} <= set(data.sumber)  # SHA-256 masukan di manifest
    monkeypatch.chdir(mini.parent)  # folder relatif (lkj build params/...): jalur aset tetap relatif di sumber
    assert {"logo.png", "kop.docx"} <= set(muat(mini.name).sumber)
    s = tampil.Sesi(mini).sampul()
    assert f'src="data:image/png;base64,{base64.b64encode(PNG).decode()}"' in s
    assert base64.b64decode(s.blok[0]["logo"]["data"]) == PNG and s.blok[0]["logo"]["mime"] == "image/png"


def test_karakter_kendali_tidak_menggagalkan_docx(tmp_path, mini):
    """Sel/narasi berisi karakter yang tidak sah di XML (\\x0b dari Excel, \\x00) tetap menghasilkan DOCX."""
    nb = _nb([{"jenis": "judul", "tingkat": 1, "teks": "BAB\x0b I", "ident": "bab-1", "bagian": "bab"},
              {"jenis": "paragraf", "runs": [{"teks": "a\x00b\x1fc\tdan"}]}])
    p = tmp_path / "01_bab1.ipynb"
    p.write_text(json.dumps(nb), encoding="utf-8")
    tulis_docx([p], muat(mini).profil, tmp_path / "k.docx")
    d = docx.Document(str(tmp_path / "k.docx"))
    assert [x.text for x in d.paragraphs if x.style.name == "Heading 1"] == ["BAB I"]
    assert "abc\tdan" in [x.text for x in d.paragraphs]


def test_nama_skpd_panjang_tidak_menggagalkan_docx(tmp_path, mini):
    """Properti inti OOXML (judul, penulis) paling banyak 255 karakter: nama SKPD sepanjang batas lkj.yaml
    dulu menaikkan ValueError di python-docx (temuan fuzz-masukan seed 2029, mutasi yaml teks_raksasa)."""
    from dataclasses import replace

    nbs, profil = _contoh_notebook(tmp_path, mini)
    profil = replace(profil, nama_skpd="Badan " + "x" * 600)
    tulis_docx(nbs, profil, tmp_path / "panjang.docx")
    cp = docx.Document(str(tmp_path / "panjang.docx")).core_properties
    assert len(cp.title) == 255 and cp.title.startswith("Laporan Kinerja Badan xxx") and cp.title.endswith("…")
    assert len(cp.author) == 255


def test_draf_tanda_air_di_setiap_section(tmp_path, mini):
    nbs, profil = _contoh_notebook(tmp_path, mini)
    tulis_docx(nbs, profil, tmp_path / "final.docx")
    tulis_docx(nbs, profil, tmp_path / "draf.docx", draf=True)

    def tanda_air(path):
        with zipfile.ZipFile(path) as z:
            return sorted(n for n in z.namelist() if n.startswith("word/header")
                          and 'string="DRAF"' in z.read(n).decode())

    assert tanda_air(tmp_path / "final.docx") == []
    assert len(tanda_air(tmp_path / "draf.docx")) == 3  # sampul, bagian depan, isi (lanskap mewarisi isi)
    d = docx.Document(str(tmp_path / "draf.docx"))
    assert d.sections[2].header.paragraphs[0].text.endswith("(DRAF)")
    assert all(not s.header.is_linked_to_previous for s in d.sections[:3])


def test_docx_deterministik(tmp_path, mini):
    """Masukan sama → berkas sama (cap waktu zip tetap, tanggal dokumen = tanggal laporan)."""
    import hashlib
    import time

    nbs, profil = _contoh_notebook(tmp_path, mini)
    tulis_docx(nbs, profil, tmp_path / "a.docx", draf=True)
    time.sleep(2.1)  # resolusi cap waktu zip 2 detik
    tulis_docx(nbs, profil, tmp_path / "b.docx", draf=True)
    a, b = ((tmp_path / n).read_bytes() for n in ("a.docx", "b.docx"))
    assert hashlib.sha256(a).digest() == hashlib.sha256(b).digest()
    d = docx.Document(str(tmp_path / "a.docx"))
    assert d.core_properties.created.date() == profil.tanggal


def test_gambar_narasi_alt_dan_gambar_rusak(tmp_path, mini):
    rusak = base64.b64encode(PNG[:20]).decode()  # awalan PNG sah, isi terpotong
    nb = _nb([{"jenis": "gambar", "nomor": "", "judul": "Struktur organisasi", "mime": "image/png",
               "data": base64.b64encode(PNG).decode()},
              {"jenis": "gambar", "nomor": "", "judul": "Bagan rusak", "mime": "image/png", "data": rusak}])
    p = tmp_path / "01_bab1.ipynb"
    p.write_text(json.dumps(nb), encoding="utf-8")
    tulis_docx([p], muat(mini).profil, tmp_path / "g.docx")
    d = docx.Document(str(tmp_path / "g.docx"))
    alt = [e.get("descr") for e in d.element.body.iter(
        "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}docPr")]
    assert alt == ["Struktur organisasi"]
    assert "[gambar tidak dapat dimuat: Bagan rusak]" in [x.text for x in d.paragraphs]
    assert not [x for x in d.paragraphs if x.style.name == "Caption"]  # gambar narasi tanpa nomor: tanpa judul
