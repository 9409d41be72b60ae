"""Keluaran auditor pada build nyata kedua contoh: notebook HTML berjangkar, audit.html (Chromium),
kertas kerja reviu (openpyxl) dengan nilai sebenarnya."""

import csv
import json
import re
from html import unescape

import openpyxl
import pandas as pd
import pytest

from conftest import BALANGAN, HSS
from lkj_lib.auditor.halaman_audit import render_halaman
from lkj_lib.audit import KOLOM
from lkj_lib.bangun import bangun
from lkj_lib.bangun.parameter import daftar_notebook
from peramban import Peramban, chromium

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def hasil(tmp_path_factory):
    root = tmp_path_factory.mktemp("outputs")
    return {nama: bangun(folder, root, pdf=False, log=None) for nama, folder in (("hss", HSS), ("balangan", BALANGAN))}


def _audit_csv(folder):
    with open(folder / "audit.csv", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def _reviu(h):
    p = next(h.folder.glob("reviu-*.xlsx"))
    ws = openpyxl.load_workbook(p)["Kertas Kerja Reviu"]
    judul = next(r for r in ws.iter_rows(values_only=True) if r[0] == "No")
    return p, {r[0]: dict(zip(judul, r)) for r in ws.iter_rows(values_only=True)
               if isinstance(r[0], str) and re.fullmatch(r"[A-D]\.\d+", r[0])}


@pytest.mark.parametrize("nama", ["hss", "balangan"])
def test_notebook_html_ada_untuk_setiap_notebook_dan_tercatat_di_manifest(hasil, nama):
    f = hasil[nama].folder
    m = json.loads((f / "manifest.json").read_text(encoding="utf-8"))
    for nb in daftar_notebook():
        teks = unescape(re.sub(r"<[^>]+>", "", (f / "notebooks" / f"{nb.stem}.html").read_text(encoding="utf-8")))
        assert "lap = tampil.buka(folder_skpd, folder_keluaran, draf)" in teks  # sel kode tampil
        label = teks.index("Parameter yang disuntikkan Papermill")  # sel injected-parameters tampil berlabel
        assert teks.count("Parameter yang disuntikkan Papermill") == 1
        assert f'folder_skpd = "{f.parent.name}/2022"' in teks[label:teks.index("tampil.buka", label)]
        assert f"notebooks/{nb.stem}.html" in m["keluaran"]
    for rel in ("audit.html", "reviu.html", f"reviu-{f.parent.name}-2022.xlsx"):
        assert rel in m["keluaran"]
    for p in [f / "audit.html", f / "reviu.html", *(f / "notebooks").glob("*.html")]:  # mandiri: tanpa sumber luar
        html = p.read_text(encoding="utf-8")
        assert not re.search(r'\bsrc="(?!data:)', html) and not re.search(r"url\((?!['\"]?data:)", html), p.name
        assert not re.search(r'<(?:link|script)[^>]+(?:href|src)=', html), p.name
    assert m["waktu_detik"]["auditor"] > 0


@pytest.mark.parametrize("nama", ["hss", "balangan"])
def test_setiap_judul_tabel_laporan_menaut_ke_sel_yang_membuatnya(hasil, nama):
    h = hasil[nama]
    laporan = h.html.read_text(encoding="utf-8")
    tabel = re.findall(r'<p class="judul-tabel" id="(tabel-[^"]+)">', laporan)
    gambar = re.findall(r'<figcaption id="(gambar-[^"]+)">', laporan)
    assert len(tabel) > 15 and gambar
    for ident in tabel + gambar:
        m = re.search(rf'href="notebooks/([0-9a-z_]+)\.html#sel-{ident}"', laporan)
        assert m, f"{ident} tanpa tautan ke sel"
        nb = (h.folder / "notebooks" / f"{m.group(1)}.html").read_text(encoding="utf-8")
        i = nb.index(f'id="sel-{ident}"')
        sel_berikut = nb.find("code_cell rendered", nb.index("code_cell rendered", i) + 1)
        potong = nb[i:sel_berikut if sel_berikut > 0 else None]
        assert f'id="{ident}"' in potong, f"jangkar {ident} bukan di sel yang membuatnya"
        assert "lap." in re.sub(r"<[^>]+>", "", potong)  # kode sel itu ikut tampil
    # paragraf untuk auditor di Lampiran Temuan Audit Angka
    blok = re.search(r'temuan-audit-angka">.*?</h2><p class="untuk-auditor">(.*?)</p>', laporan, re.S)
    assert blok and 'href="audit.html"' in blok.group(1) and 'href="notebooks/03_bab3_akuntabilitas.html"' in blok.group(1)


def test_reviu_hss_nilai_nyata(hasil):
    h = hasil["hss"]
    _, b = _reviu(h)
    baris = _audit_csv(h.folder)
    assert b["A.1"]["Status usulan lkj"] == "terpenuhi" and "IKHTISAR EKSEKUTIF" in b["A.1"]["Bukti"]
    # B.3 menyebut nomor tabel vs Renstra yang benar-benar tercetak di laporan ini
    nomor = re.search(r'data-tabel="vs_renstra"><p class="judul-tabel" id="tabel-3-(\d+)">',
                      h.html.read_text(encoding="utf-8")).group(1)
    assert b["B.3"]["Status usulan lkj"] == "terpenuhi"
    assert b["B.3"]["Bukti"] == f"Tabel 3.{nomor} Perbandingan Realisasi dengan Target Akhir Renstra"
    # C.1: galat angka kinerja; setiap id yang disebut menunjuk baris audit.csv bertingkat galat/info yang sesuai
    c1 = b["C.1"]
    assert c1["Status usulan lkj"] == "tidak"
    ids = c1["Id temuan audit"].split(", ")
    per_id = {r["id"]: r for r in baris}  # id tetap audit.csv (sidik temuan), bukan nomor baris
    assert baris[0]["lokasi"] == "Tabel 3.1" and baris[0]["besaran"] == "capaian" and baris[0]["tingkat"] == "galat"
    assert ids[0] == baris[0]["id"]
    for t in ids:
        r = per_id[t]
        assert r["akar"] == "" and r["objek"] != "instrumen" and not r["besaran"].startswith("target")
    # C.2: target yang dikutip berbeda (peringatan) → perlu diperiksa dengan id barisnya
    c2 = b["C.2"]
    assert c2["Status usulan lkj"] == "perlu diperiksa"
    for t in c2["Id temuan audit"].split(", "):
        r = per_id[t]
        assert r["besaran"] == "target" and r["tingkat"] == "peringatan"
    # C.4: narasi HSS kini mengutip hasil hitung (pagu 14.644.589.858), tanpa temuan akar narasi
    assert b["C.4"]["Status usulan lkj"] == "terpenuhi" and not b["C.4"]["Id temuan audit"]


def test_reviu_balangan_tanpa_pembanding_perlu_diperiksa(hasil):
    _, b = _reviu(hasil["balangan"])
    assert b["A.1"]["Status usulan lkj"] == "terpenuhi"
    assert b["B.4"]["Status usulan lkj"] == "perlu diperiksa" and "pembanding" in b["B.4"]["Keterangan lkj"]
    assert b["C.3"]["Status usulan lkj"] == "terpenuhi" and not b["C.3"]["Id temuan audit"]


# ---------------------------------------------------------------- Chromium
@pytest.fixture
def peramban(tmp_path):
    exe = chromium()
    if not exe:
        pytest.skip("chromium tidak terpasang (.ci/run memasangnya)")
    with Peramban(exe, tmp_path / "profil") as b:
        yield b


_TAMPIL = "Array.from(document.querySelectorAll('#temuan tbody')).filter(b => !b.hidden).length"


def test_audit_html_saring_dan_urut_di_chromium(hasil, peramban):
    h = hasil["hss"]
    baris = [r for r in _audit_csv(h.folder) if not r["akar"]]  # turunan dilipat di bawah akarnya
    n_galat = sum(r["tingkat"] == "galat" for r in baris)
    peramban.buka((h.folder / "audit.html").as_uri())
    assert peramban.js(_TAMPIL) == len(baris)  # satu baris per temuan akar
    peramban.js("document.querySelector('input.saring-tingkat[value=galat]').click()")
    assert peramban.js(_TAMPIL) == len(baris) - n_galat
    assert peramban.js("document.getElementById('jumlah').textContent") == \
        f"{len(baris) - n_galat} dari {len(baris)} temuan akar ditampilkan"
    peramban.js("document.querySelector('input.saring-tingkat[value=galat]').click()")
    peramban.js("const c = document.getElementById('cari'); c.value = '20+211+179';"
                "c.dispatchEvent(new Event('input'))")
    assert peramban.js(_TAMPIL) == sum(r["kode"] == "20+211+179" for r in baris) == 1
    # urutkan menurut selisih (naik): baris pertama = selisih terkecil di audit.csv
    peramban.js("document.querySelector('button[data-kolom=\"7\"]').click()")
    pertama = peramban.js("document.querySelector('#temuan tbody').id")
    selisih = {f"temuan-{r['id']}": float(r["selisih"]) for r in baris if r["selisih"]}
    assert pertama == min(selisih, key=selisih.get)
    assert peramban.galat_konsol() == []


def test_audit_html_berlipat_di_chromium(tmp_path, peramban):
    kolom = KOLOM + [k for k in ("id", "akar") if k not in KOLOM]  # KOLOM audit kini sudah memuat id/akar
    df = pd.DataFrame([
        dict(tingkat="galat", aturan="capaian", lokasi="Tabel 3.2", id="A1", akar=""),
        dict(tingkat="galat", aturan="efisiensi", lokasi="Tabel 3.8", id="A2", akar="A1"),
        dict(tingkat="peringatan", aturan="narasi_persen", lokasi="narasi/x.md", id="A3", akar="A1"),
        dict(tingkat="catatan", aturan="capaian", lokasi="Tabel 3.3", id="B1", akar=""),
    ], columns=kolom)
    p = tmp_path / "audit.html"
    p.write_text(render_halaman(df), encoding="utf-8")
    peramban.buka(p.as_uri())
    turunan = "Array.from(document.querySelectorAll('tr.turunan')).filter(t => !t.hidden).length"
    assert peramban.js(_TAMPIL) == 2 and peramban.js(turunan) == 0
    peramban.js("document.querySelector('#temuan-A1 button.lipat').click()")
    assert peramban.js(turunan) == 2
    peramban.js("document.querySelector('input.saring-tingkat[value=catatan]').click()")
    assert peramban.js(_TAMPIL) == 1
    assert peramban.galat_konsol() == []


def test_notebook_dan_reviu_html_tanpa_galat_konsol(hasil, peramban):
    f = hasil["balangan"].folder
    peramban.buka((f / "notebooks" / "03_bab3_akuntabilitas.html").as_uri() + "#sel-tabel-3-2")
    sel = "document.querySelector('.sel-lkj:has(.jangkar:target) .code_cell')"  # sel yang dituju disorot
    assert peramban.js(f"getComputedStyle({sel}).outlineStyle") == "solid"
    assert peramban.js(f"{sel}.querySelector('#tabel-3-2') !== null")
    assert peramban.js("window.scrollY") > 0
    assert peramban.js("document.querySelectorAll('img').length") > 0
    peramban.buka((f / "reviu.html").as_uri())
    assert peramban.js("document.querySelectorAll('tr[id^=butir-]').length") == len(_reviu(hasil["balangan"])[1])
    assert peramban.galat_konsol() == []
