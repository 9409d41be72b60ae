"""DOCX kedua contoh dibuka klien sungguhan: python-docx (judul, tabel = data/*.csv, nomor judul tabel
berurutan, orientasi section) dan LibreOffice headless (konversi ke PDF: jumlah halaman dekat dengan
PDF WeasyPrint, setiap judul tabel dan total anggaran ada di teksnya).

Tanpa ``soffice`` pengujian LibreOffice dilewati dengan alasan, kecuali di CI (``CI=true``): di sana
``.ci/run`` memasang ``libreoffice-writer-nogui`` dan ketiadaannya adalah kegagalan."""

import csv
import hashlib
import json
import os
import re
import shutil
import subprocess

import pytest

from conftest import BALANGAN, HSS
from lkj_lib import fmt
from lkj_lib.bangun import bangun
from lkj_lib.masukan import muat
from lkj_lib.ukur.hasil import hitung

docx = pytest.importorskip("docx")
pytestmark = pytest.mark.slow

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
LATAR_JUMLAH = "F3F3F3"  # baris jumlah/ringkasan: dihitung dari baris lain, tidak ada di CSV
# jumlah halaman DOCX (LibreOffice) vs PDF WeasyPrint: ±15 % (paling sedikit 3 halaman); tata letak
# kedua mesin berbeda (huruf pengganti, pemotongan tabel), isinya sama
SELISIH_HALAMAN = 0.15


@pytest.fixture(scope="module")
def keluaran(tmp_path_factory):
    root = tmp_path_factory.mktemp("outputs")
    return {nama: bangun(folder, root, log=None) for nama, folder in (("hss", HSS), ("balangan", BALANGAN))}


def _tabel_berjudul(d):
    """{nomor: (tabel python-docx, section)} untuk setiap tabel yang didahului judul "Tabel X.Y"."""
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    out, judul, section = {}, None, 0
    urutan = []
    for el in d.element.body:
        if el.tag == f"{W}p":
            p = Paragraph(el, d)
            if p.style.name == "Caption" and p.text.startswith("Tabel "):
                judul = p.text.split()[1]
            elif p.text.strip():
                judul = None
            if el.find(f"{W}pPr/{W}sectPr") is not None:
                section += 1
        elif el.tag == f"{W}tbl" and judul:
            out[judul] = (Table(el, d), section)
            urutan.append(judul)
            judul = None
    return out, urutan


def _cocok(x: str, angka: set, teks: set, semua: str) -> bool:
    """Teks sel Word ada di CSV: teks sama persis, atau angka Indonesia (1.234,5 / 87,60% / 624 formasi) yang
    sama dengan nilai CSV dibulatkan ke desimal tercetaknya."""
    x = x.strip()
    if not x or x.rstrip("*") == fmt.STRIP or x in teks:  # "-***": kosong + penanda catatan kaki
        return True
    m = re.fullmatch(r"(-?\d{1,3}(?:\.\d{3})*(?:,\d+)?|-?\d+(?:,\d+)?)\s*(%|\*|[^\d\s].*)?", x)
    if m:
        s = m.group(1)
        dec = len(s.split(",")[1]) if "," in s else 0
        a = float(s.replace(".", "").replace(",", "."))
        return any(abs(round(v, dec) - a) < 10 ** -dec / 2 + 1e-9 for v in angka)
    if re.sub(r"\s*\([^)]*\)$", "", x) in teks:  # "Kab. X (sendiri)"
        return True
    if x.lower() in {t.replace("_", " ").lower() for t in teks}:  # kode status: belum_sesuai → Belum Sesuai
        return True
    return all(tok in semua for tok in x.split())  # gabungan kolom, mis. "iku IPASN_MANDIRI"


def _angka_tercetak(x: str) -> bool:
    return re.fullmatch(r"-?\d[\d.]*(,\d+)?\s*(%|\*+|[^\d\s(][^\d]*)?", x.strip()) is not None


def _baris_dari_data(row) -> bool:
    tcpr = row.cells[0]._tc.tcPr
    shd = tcpr.find(f"{W}shd") if tcpr is not None else None
    return shd is None or shd.get(f"{W}fill") != LATAR_JUMLAH


@pytest.mark.parametrize("nama", ["hss", "balangan"])
def test_docx_di_manifest_dan_tabel_sama_dengan_csv(keluaran, nama):
    h = keluaran[nama]
    f = h.folder
    assert h.docx == f / h.html.name.replace(".html", ".docx") and h.docx.is_file()
    m = json.loads((f / "manifest.json").read_text())
    assert m["keluaran"][h.docx.name] == hashlib.sha256(h.docx.read_bytes()).hexdigest()
    assert m["waktu_detik"]["docx"] > 0 and m["paket"]["python-docx"]
    d = docx.Document(str(h.docx))
    h1 = [p.text.replace("\n", " ") for p in d.paragraphs if p.style.name == "Heading 1"]
    assert h1[:2] == ["KATA PENGANTAR", "IKHTISAR EKSEKUTIF"] or h1[0] == "IKHTISAR EKSEKUTIF"
    assert [x for x in h1 if x.startswith("BAB")] == ["BAB I PENDAHULUAN", "BAB II PERENCANAAN KINERJA",
                                                     "BAB III AKUNTABILITAS KINERJA", "BAB IV PENUTUP"]
    assert h1[-1] == "LAMPIRAN"
    assert any(p.style.name == "Heading 3" for p in d.paragraphs)
    tabel, urutan = _tabel_berjudul(d)
    csvs = {f"{p.stem.split('-')[1]}.{p.stem.split('-')[2]}": p for p in (f / "data").glob("tabel-*.csv")}
    assert set(tabel) == set(csvs)
    # nomor berurutan per BAB, sesuai urutan tampil
    per_bab: dict[str, list[int]] = {}
    for n in urutan:
        bab, i = n.split(".")
        per_bab.setdefault(bab, []).append(int(i))
    assert all(v == list(range(1, len(v) + 1)) for v in per_bab.values()), per_bab
    assert list(per_bab) == sorted(per_bab, key=lambda b: (b == "L", b))
    sel_diperiksa, label = 0, []
    for nomor, path in csvs.items():
        t, _ = tabel[nomor]
        with open(path, encoding="utf-8-sig") as fh:
            baris = list(csv.DictReader(fh))
        angka, teks = set(), set()
        for r in baris:
            for v in r.values():
                teks.add(v.strip())
                try:
                    angka.add(float(v))
                except ValueError:
                    pass
        semua = " ".join(teks)
        kepala = sum(1 for r in t.rows if r._tr.trPr is not None and r._tr.trPr.find(f"{W}tblHeader") is not None)
        assert kepala >= 1, nomor
        badan = [r for r in t.rows[kepala:] if _baris_dari_data(r)]
        assert badan, nomor
        for c in (c.text for r in badan for c in r.cells):
            if not _cocok(c, angka, teks, semua):
                # angka tercetak (juga "87,60*", "624 formasi") wajib ada di CSV; teks boleh berupa label
                # sajian yang tidak disimpan di CSV (mis. baris "Target akhir Renstra (2023)" tabel tren)
                assert not _angka_tercetak(c), (nomor, c)
                label.append((nomor, c))
        sel_diperiksa += sum(len(r.cells) for r in badan)
    assert sel_diperiksa > 500
    assert len(label) <= 0.02 * sel_diperiksa, label[:10]


def test_total_anggaran_dan_orientasi_section(keluaran):
    h = keluaran["hss"]
    d = docx.Document(str(h.docx))
    total = hitung(muat(HSS)).total
    tabel, _ = _tabel_berjudul(d)
    # tabel Realisasi Anggaran (data/tabel-3-N-anggaran.csv): baris JUMLAH = total hasil hitung
    (csv_anggaran,) = h.folder.glob("data/tabel-3-*-anggaran.csv")
    t, _ = tabel["3." + csv_anggaran.stem.split("-")[2]]
    jumlah = [c.text for c in t.rows[-1].cells]
    assert "JUMLAH" in jumlah
    assert fmt.angka(total["pagu"], 0) in jumlah and fmt.angka(total["realisasi"], 0) in jumlah
    assert "14.644.589.858" in jumlah and "11.965.651.021" in jumlah  # angka tercetak seed (test_golden_hss)
    # tabel lebar (lanskap di PDF) berada di section lanskap, yang lain tegak
    html = h.html.read_text(encoding="utf-8")
    lanskap = set(re.findall(r'<div class="tabel-lkj lanskap"[^>]*>\s*<p class="judul-tabel" id="tabel-([^"]+)"', html))
    assert lanskap and len(lanskap) < len(tabel)
    sections = d.sections
    for nomor, (_, s) in tabel.items():
        sec = sections[s]
        assert (sec.page_width > sec.page_height) == (nomor.replace(".", "-") in lanskap), nomor


def test_tanpa_docx(mini, tmp_path):
    h = bangun(mini, tmp_path / "out", pdf=False, docx=False, log=None)
    assert h.docx is None and not list(h.folder.glob("*.docx"))
    assert not any(k.endswith(".docx") for k in json.loads((h.folder / "manifest.json").read_text())["keluaran"])


def _soffice() -> str:
    exe = shutil.which("soffice") or shutil.which("libreoffice")
    if exe is None:
        if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
            pytest.fail("soffice (LibreOffice) tidak ada di CI: .ci/run harus memasang libreoffice-writer-nogui")
        pytest.skip("soffice (LibreOffice) tidak terpasang; pasang libreoffice-writer-nogui untuk pengujian ini")
    return exe


@pytest.mark.parametrize("nama", ["hss", "balangan"])
def test_libreoffice_membuka_dan_mengonversi(keluaran, nama, tmp_path):
    exe = _soffice()
    pypdf = pytest.importorskip("pypdf")
    h = keluaran[nama]
    profil = tmp_path / "profil-lo"  # profil pengguna sendiri: tidak bentrok dengan soffice lain
    r = subprocess.run([exe, f"-env:UserInstallation={profil.as_uri()}", "--headless", "--convert-to", "pdf",
                        "--outdir", str(tmp_path), str(h.docx)], capture_output=True, text=True, timeout=600)
    pdf = tmp_path / h.docx.with_suffix(".pdf").name
    assert r.returncode == 0 and pdf.is_file(), r.stdout + r.stderr
    lo = pypdf.PdfReader(str(pdf))
    weasy = pypdf.PdfReader(str(h.pdf))
    assert abs(len(lo.pages) - len(weasy.pages)) <= max(3, SELISIH_HALAMAN * len(weasy.pages)), (
        len(lo.pages), len(weasy.pages))
    teks = re.sub(r"\s+", " ", " ".join(p.extract_text() for p in lo.pages))
    html = h.html.read_text(encoding="utf-8")
    from html import unescape

    # teks judul tanpa tautan "[sel notebook]" (hanya ada di HTML layar, untuk auditor)
    judul = [re.sub(r"\s+", " ", unescape(re.sub(r'<a class="ke-sel".*?</a>', "", x))).strip()
             for x in re.findall(r'<p class="judul-tabel" id="[^"]+">(.*?)</p>', html)]
    assert len(judul) > 10
    hilang = [j for j in judul if j not in teks]
    assert not hilang, hilang
    total = hitung(muat(HSS if nama == "hss" else BALANGAN)).total
    for k in ("pagu", "realisasi"):
        assert fmt.angka(total[k], 0) in teks, k
    lebar = {round(float(p.mediabox.width)) for p in lo.pages}
    assert lebar == {595, 842}  # A4 tegak dan lanskap
