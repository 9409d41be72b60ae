"""Keluaran untuk auditor tanpa build penuh: kelompok temuan, halaman audit, butir reviu, xlsx, tautan."""

import nbformat
import openpyxl
import pandas as pd
import pytest

from lkj_lib.auditor import tautan_laporan
from lkj_lib.auditor.halaman_audit import daftar_temuan, kelompokkan, render_halaman
from lkj_lib.auditor.notebook_html import (LABEL_PARAMETER, html_notebook_auditor, sisipkan_tautan_auditor,
                                           tautkan_judul)
from lkj_lib.auditor.reviu import isi_laporan, susun_butir, tulis_xlsx
from lkj_lib.audit import KOLOM


def _temuan(*baris, kolom=KOLOM):
    return pd.DataFrame([dict(zip(kolom, b)) for b in baris], columns=kolom)


def _t(tingkat, aturan, lokasi, besaran="", dilaporkan="", dihitung="", sumber="", **kw):
    d = dict(tingkat=tingkat, aturan=aturan, lokasi=lokasi, objek="iku", kode="IKU1", besaran=besaran,
             dilaporkan=dilaporkan, dihitung=dihitung, selisih=None, pesan="", sumber=sumber)
    d.update(kw)
    return d


# ---------------------------------------------------------------- temuan: id dan akar
def test_tanpa_kolom_akar_daftar_datar_dan_id_nomor_baris_csv():
    df = pd.DataFrame([_t("galat", "capaian", "Tabel 3.1"), _t("info", "capaian", "Tabel 3.2")])
    d = daftar_temuan(df)
    assert [t["id"] for t in d] == ["T1", "T2"] and all(t["akar"] == "" for t in d)
    k = kelompokkan(d)
    assert [g["akar"]["id"] for g in k] == ["T1", "T2"] and all(not g["turunan"] for g in k)


def test_dengan_kolom_akar_turunan_dilipat_termasuk_berantai_dan_yatim():
    df = pd.DataFrame([
        _t("galat", "capaian", "Tabel 3.1", id="A1"),
        _t("galat", "efisiensi", "Tabel 3.1", id="A2", akar="A1"),
        _t("peringatan", "serapan", "Tabel 3.2", id="A3", akar="A2"),    # turunan dari turunan
        _t("info", "capaian", "Tabel 3.3", id="A4", akar="TIDAK-ADA"),    # akar tak dikenal: jadi akar
        _t("galat", "pagu", "Tabel 3.4", id="A5", akar=float("nan")),    # NaN dari CSV = kosong
    ])
    k = kelompokkan(daftar_temuan(df))
    assert [g["akar"]["id"] for g in k] == ["A1", "A4", "A5"]
    assert [t["id"] for t in k[0]["turunan"]] == ["A2", "A3"]
    assert sum(1 + len(g["turunan"]) for g in k) == 5  # tidak ada temuan yang hilang


def test_akar_berputar_tidak_macet():
    df = pd.DataFrame([_t("galat", "a", "x", id="P", akar="Q"), _t("galat", "b", "y", id="Q", akar="P")])
    k = kelompokkan(daftar_temuan(df))
    assert [(g["akar"]["id"], g["turunan"]) for g in k] == [("P", []), ("Q", [])]


def test_halaman_audit_berlipat_dan_teks_di_escape():
    df = pd.DataFrame([
        _t("galat", "capaian", "<script>alert(1)</script>", dilaporkan="101,4", dihitung="87,6", id="A1",
           sumber="iku:3"),
        _t("galat", "efisiensi", "Tabel 3.13", id="A2", akar="A1"),
    ])

    class Data:
        tabel = {"iku": pd.DataFrame({"kode_indikator": ["IKU1"], "target": [80.0], "_baris": [3]})}

    html = render_halaman(df, Data())
    assert "<script>alert" not in html and "&lt;script&gt;alert(1)" in html
    assert '<tbody class="kelompok" data-tingkat="galat" id="temuan-A1">' in html
    assert "1 turunan" in html and '<tr class="turunan" data-tingkat="galat" hidden>' in html
    # baris masukan penentu: isi barisnya, bukan hanya nomornya
    assert "kode_indikator: IKU1; target: 80.0" in html
    assert "src=" not in html and "http" not in html.replace("http-equiv", "")  # tanpa sumber luar


# ---------------------------------------------------------------- tautan laporan → sel notebook
def test_tautan_judul_hanya_untuk_id_berjangkar():
    potongan = ('<p class="judul-tabel" id="tabel-3-2">Tabel 3.2 Capaian</p>'
                '<figure><figcaption id="gambar-3-1">Gambar 3.1 Tren</figcaption></figure>'
                '<p class="judul-tabel" id="tabel-3-9">Tabel 3.9 Lain</p>')
    out = tautkan_judul(potongan, "notebooks/03_bab3.html", {"tabel-3-2", "gambar-3-1"})
    assert 'href="notebooks/03_bab3.html#sel-tabel-3-2"' in out
    assert 'href="notebooks/03_bab3.html#sel-gambar-3-1"' in out
    assert "#sel-tabel-3-9" not in out and '<p class="judul-tabel" id="tabel-3-9">Tabel 3.9 Lain</p>' in out


def test_blok_untuk_auditor_di_bawah_judul_temuan_audit():
    html = '<h2 id="bL-lampiran-2-temuan-audit-angka">Lampiran 2. Temuan Audit Angka</h2><p>isi</p>'
    out = sisipkan_tautan_auditor(html, tautan_laporan({"05_lampiran": {}}, "reviu-x-2022.xlsx")["tautan"])
    assert out.index('<p class="untuk-auditor">') == html.index("<p>isi</p>")
    assert 'href="audit.html"' in out and 'href="notebooks/05_lampiran.html"' in out
    assert sisipkan_tautan_auditor("<h2 id='lain'>x</h2>", [("a", "b")]) == "<h2 id='lain'>x</h2>"


def test_rakit_tautan_hanya_di_layar_tidak_di_pdf():
    from lkj_lib.bangun.rakit import rakit
    from lkj_lib.masukan import muat

    from conftest import HSS

    profil = muat(HSS).profil
    potongan = {"03_bab3": '<div class="tabel-lkj" data-tabel="x"><p class="judul-tabel" id="tabel-3-1">'
                           "Tabel 3.1 X</p><table></table></div>"}
    r = rakit(potongan, profil, False, {"galat": 0, "peringatan": 0, "info": 0}, "",
              tautan_laporan({"03_bab3": {"tabel-3-1": 2}}, "reviu.xlsx"))
    assert "notebooks/03_bab3.html#sel-tabel-3-1" in r.render("layar")
    cetak = r.render("isi")  # bagian isi PDF (lkj_lib/cetak/pdf.py menata per bab)
    assert "sel-tabel-3-1" not in cetak and "Tabel 3.1 X" in cetak
    assert [e.teks for e in r.konteks["daftar_tabel"]] == ["Tabel 3.1 X"]  # Daftar Tabel tanpa teks tautan


def test_notebook_html_jangkar_label_parameter_dan_kode_tampil():
    nb = nbformat.v4.new_notebook()
    nb.cells = [
        nbformat.v4.new_code_cell("folder_skpd = 'a'", metadata={"tags": ["parameters"]}),
        nbformat.v4.new_code_cell("folder_skpd = 'b'", metadata={"tags": ["injected-parameters"]}),
        nbformat.v4.new_code_cell("lap.tabel(tabel.tabel_capaian_iku(h))", outputs=[nbformat.v4.new_output(
            "display_data", data={"text/html": '<p class="judul-tabel" id="tabel-3-2">Tabel 3.2 C</p>'})]),
    ]
    html, peta = html_notebook_auditor(nb, "03_bab3", "LKj-x.html")
    assert peta == {"tabel-3-2": 2}
    i = html.index('id="sel-tabel-3-2"')
    assert html.index("tabel_capaian_iku", i) > i and html.index('id="tabel-3-2"', i) > i
    assert html.count(LABEL_PARAMETER) == 1 and "folder_skpd" in html
    assert 'href="../LKj-x.html"' in html and "<script" not in html.lower()


# ---------------------------------------------------------------- reviu
_HTML = (
    '<h1 class="depan" id="ikhtisar-eksekutif">IKHTISAR EKSEKUTIF</h1>'
    '<h1 class="bab" id="bab-1">BAB I<br>PENDAHULUAN</h1>'
    '<div class="tabel-lkj" data-tabel="capaian_sasaran"><p class="judul-tabel" id="tabel-3-2">Tabel 3.2 Capaian '
    '<a class="ke-sel" href="notebooks/x.html#sel-tabel-3-2">[sel notebook]</a></p></div>'
    '<div class="tabel-lkj" data-tabel="perjanjian_kinerja"><p class="judul-tabel" id="tabel-L-1">Tabel L.1 PK</p>'
    '</div>')


def _butir(temuan, narasi=None, html=_HTML):
    isi = isi_laporan(html, "LKj-x.html", narasi or {}, daftar_temuan(pd.DataFrame(temuan)))
    return {b.nomor: b for b in susun_butir(isi)}


def test_reviu_status_dari_laporan_dan_narasi():
    b = _butir([], {"latar_belakang": "teks", "tugas_fungsi": " ", "simpulan": "s", "saran": "x"})
    assert b["A.1"].status == "terpenuhi" and b["A.1"].bukti[0].href == "LKj-x.html#ikhtisar-eksekutif"
    assert b["A.4"].status == "terpenuhi" and [x.teks for x in b["A.4"].bukti] == ["Tabel 3.2 Capaian"]
    assert b["A.7"].status == "terpenuhi" and b["A.3"].status == "tidak"  # PK hanya di lampiran, bukan BAB II
    assert b["A.2"].status == "perlu diperiksa" and "narasi/tugas_fungsi.md" in b["A.2"].keterangan
    assert b["A.6"].status == "terpenuhi" and b["B.3"].status == "tidak" and b["B.4"].status == "perlu diperiksa"
    assert b["C.1"].status == "terpenuhi" and not b["C.1"].temuan


def test_reviu_konsistensi_menyebut_id_temuan_akar():
    b = _butir([
        _t("galat", "capaian", "Tabel 3.13", besaran="capaian", id="K1"),
        _t("galat", "efisiensi", "Tabel 3.13", besaran="efisiensi", id="K2", akar="K1"),
        _t("peringatan", "target", "Tabel 2.5", besaran="target", id="K3"),
        _t("galat", "jumlah_induk", "renja 1.1", besaran="pagu", id="K4"),
        _t("info", "tak_teraudit", "BAB III", id="K5"),
    ])
    assert (b["C.1"].status, b["C.1"].temuan) == ("tidak", ["K1"])  # turunan K2 dihitung, tidak disebut
    assert "1 turunan" in b["C.1"].bukti[0].teks
    assert (b["C.2"].status, b["C.2"].temuan) == ("perlu diperiksa", ["K3"])
    assert (b["C.3"].status, b["C.3"].temuan) == ("tidak", ["K4"])
    assert (b["C.8"].status, b["C.8"].temuan) == ("perlu diperiksa", ["K5"])
    assert b["C.5"].status == "terpenuhi" and not b["C.5"].temuan


def test_xlsx_reviu_aman_dari_rumus(tmp_path):
    b = _butir([_t("galat", "capaian", "=HYPERLINK(\"http://x\")", besaran="capaian")])
    b["C.1"].keterangan = "=1+1"

    class Profil:
        judul_skpd, tahun = "@Dinas", 2024

    p = tulis_xlsx(tmp_path / "r.xlsx", list(b.values()), Profil(), "LKj-x.html")
    ws = openpyxl.load_workbook(p)["Kertas Kerja Reviu"]
    sel = {c.value: c for row in ws.iter_rows() for c in row if isinstance(c.value, str)}
    assert sel["=1+1"].data_type == "s" and sel["@Dinas"].data_type == "s"
    assert any("HYPERLINK" in (c or "") for c in [x.value for row in ws.iter_rows() for x in row
                                                   if isinstance(x.value, str)])
    assert not any(c.data_type == "f" for row in ws.iter_rows() for c in row)
    assert ws.data_validations.dataValidation[0].formula1 == '"terpenuhi,tidak,perlu diperiksa"'


@pytest.mark.parametrize("status", ["terpenuhi", "tidak", "perlu diperiksa"])
def test_status_butir_selalu_dari_kosakata(status):
    b = _butir([_t("galat", "capaian", "x", besaran="capaian"), _t("peringatan", "triwulan", "y")])
    assert {x.status for x in b.values()} <= {"terpenuhi", "tidak", "perlu diperiksa"}
    assert any(x.status == status for x in b.values())


def test_xlsx_reviu_deterministik(tmp_path):
    import datetime as dt
    import time

    class Profil:
        judul_skpd, tahun, tanggal = "Dinas", 2024, dt.date(2025, 2, 14)

    butir = list(_butir([_t("galat", "capaian", "Tabel 3.1", besaran="capaian")]).values())
    a = tulis_xlsx(tmp_path / "a.xlsx", butir, Profil(), "LKj-x.html")
    time.sleep(1.1)  # cap waktu detik berikutnya: tanpa normalisasi bait berbeda
    b = tulis_xlsx(tmp_path / "b.xlsx", butir, Profil(), "LKj-x.html")
    assert a.read_bytes() == b.read_bytes()
    wb = openpyxl.load_workbook(a)
    assert wb.properties.modified == dt.datetime(2025, 2, 14) == wb.properties.created
    assert wb["Kertas Kerja Reviu"]["C2"].value == "Dinas"
