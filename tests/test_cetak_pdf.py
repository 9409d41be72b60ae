"""Tata letak PDF per bab (lkj_lib.cetak): sama dengan menata seluruh isi sekaligus, di proses ini
maupun di proses pembantu sejajar."""

import re

import pytest

from conftest import HSS
from lkj_lib.bangun.pdf import PdfLokal, tata_depan
from lkj_lib.bangun.rakit import kerangka_isi, rakit
from lkj_lib.cetak.pdf import (PENANDA_ISI, SusunanPdf, bungkus_bab, gaya_nomor_awal, impor_weasyprint,
                               mulai_halaman_baru)
from lkj_lib.cetak.sejajar import PdfSejajar
from lkj_lib.errors import CetakError, NilaiError
from lkj_lib.masukan import muat

pypdf = pytest.importorskip("pypdf")

_SEL = '<div id="cell-id=a1" class="cell border-box-sizing code_cell rendered">\n\n</div>\n<div class="output">'


def _bab(n: int, paragraf: int, judul: bool = True) -> str:
    """Potongan notebook tiruan: judul bab (opsional), paragraf bernomor, satu tabel."""
    kepala = f'<h1 class="bab" id="bab-{n}">BAB {n}</h1>' if judul else ""
    isi = "".join(f"<p>Bab {n} paragraf {i}: " + "kata " * 60 + "</p>" for i in range(paragraf))
    tabel = ('<p class="judul-tabel" id="tabel-%d">Tabel %d</p><table><tr><td>a</td><td>%d</td></tr></table>'
             % (n, n, n))
    return f'{_SEL}{kepala}<h2 id="sub-{n}">Sub {n}</h2>{isi}{tabel}</div>'


@pytest.fixture(scope="module")
def profil():
    return muat(HSS).profil


def _teks_halaman(path) -> list[str]:
    return [re.sub(r"\s+", " ", p.extract_text()).strip() for p in pypdf.PdfReader(str(path)).pages]


def test_awal_bab_dikenali():
    assert mulai_halaman_baru(_bab(1, 1))
    assert mulai_halaman_baru('<div id="x">\n</div>\n<h1 class="bab lampiran" id="lampiran">L</h1>')
    assert not mulai_halaman_baru(_bab(1, 1, judul=False))
    assert not mulai_halaman_baru('<div><p>teks</p></div><h1 class="bab" id="b">B</h1>')
    assert not mulai_halaman_baru('<img src="data:,"><h1 class="bab" id="b">B</h1>')
    assert not mulai_halaman_baru('<h1 class="babak" id="b">B</h1>')
    assert "counter-reset: page 12;" in gaya_nomor_awal(12)
    with pytest.raises(ValueError):
        gaya_nomor_awal("12; } body { color: red")


def test_susunan_tanpa_penanda_ditolak(tmp_path):
    with pytest.raises(NilaiError):
        SusunanPdf("<html><head></head><body></body></html>", tmp_path)


def _rakitan(profil, bab: dict[str, str]):
    depan = '<section class="sampul"><p>Sampul</p></section><h1 class="depan" id="kata-pengantar">KATA PENGANTAR</h1>'
    return rakit({"00_depan": depan, **bab}, profil, False, {"galat": 0, "peringatan": 0, "info": 0})


def _tulis(penyusun, profil, bab: dict[str, str], folder, tujuan) -> tuple[dict, dict]:
    penyusun.siapkan(kerangka_isi(profil, False), folder)
    for k, v in bab.items():
        penyusun.tambah_bab(k, v)
    jangkar = tata_depan(penyusun, _rakitan(profil, bab))
    penyusun.tulis(tujuan)
    return penyusun.selesai(), jangkar


def test_per_bab_sama_dengan_satu_dokumen(profil, tmp_path):
    """Bab 1..4 (bab 3 tanpa judul bab: ikut dokumen bab 2) ditata per bab = ditata utuh, halaman demi
    halaman, termasuk nomor dan kepala halaman pertama setiap bab; jangkar di halaman yang sama."""
    bab = {"01_a": _bab(1, 14), "02_b": _bab(2, 30), "03_c": _bab(3, 3, judul=False), "04_d": _bab(4, 5)}
    info, jangkar = _tulis(PdfLokal(), profil, bab, tmp_path, tmp_path / "bab.pdf")
    rakitan = _rakitan(profil, bab)
    wp = impor_weasyprint()
    utuh = wp.HTML(string=rakitan.render("isi"), base_url=tmp_path.as_uri() + "/").render()
    utuh.write_pdf(str(tmp_path / "utuh.pdf"))
    per_bab, satu = _teks_halaman(tmp_path / "bab.pdf"), _teks_halaman(tmp_path / "utuh.pdf")
    assert info["halaman_isi"] == len(satu) >= 6 and info["halaman_depan"] >= 2
    assert per_bab[info["halaman_depan"]:] == satu
    nomor = [re.search(r"(\d+)$", t) for t in satu[1:]]  # halaman pertama isi tanpa nomor (laporan.css)
    assert [int(m.group(1)) for m in nomor] == list(range(2, len(satu) + 1))
    awal_bab = {n: i for i, p in enumerate(utuh.pages, start=1) for n in p.anchors}
    for k in ("bab-1", "bab-2", "bab-4", "tabel-3", "sub-3"):
        assert jangkar[k] == str(awal_bab[k]), k
    assert jangkar["kata-pengantar"] == "ii"  # halaman depan: romawi


def test_sejajar_sama_dengan_lokal(profil, tmp_path):
    bab = {"01_a": _bab(1, 12), "02_b": _bab(2, 20), "03_c": _bab(3, 4)}
    lokal = _tulis(PdfLokal(), profil, bab, tmp_path, tmp_path / "lokal.pdf")
    with PdfSejajar() as p:
        sejajar = _tulis(p, profil, bab, tmp_path, tmp_path / "sejajar.pdf")
    assert sejajar == lokal
    assert _teks_halaman(tmp_path / "sejajar.pdf") == _teks_halaman(tmp_path / "lokal.pdf")


def test_sejajar_galat_jelas(profil, tmp_path):
    # folder kerja yang tidak ada: PDF tidak dapat ditulis → CetakError, bukan traceback atau hang
    with PdfSejajar() as p:
        p.siapkan(kerangka_isi(profil, False), tmp_path)
        p.tambah_bab("01_a", _bab(1, 2))
        p.halaman_isi()
        p.tata_depan(_rakitan(profil, {"01_a": _bab(1, 2)}).render("depan", {}))
        (tmp_path / "berkas").write_text("x")
        p.tulis(tmp_path / "berkas" / "tidak-bisa.pdf")
        with pytest.raises(CetakError, match="PDF gagal dibuat"):
            p.selesai()
    # proses pembantu mati: pesan jelas
    p = PdfSejajar()
    try:
        p._proses.kill()
        p._proses.wait()
        with pytest.raises(CetakError, match="berhenti"):
            p.siapkan("x" + PENANDA_ISI, tmp_path)
            p.halaman_isi()
    finally:
        p.tutup()
        p.tutup()  # aman dua kali


def test_bungkus_bab_meng_escape_nama():
    assert bungkus_bab('a"><x', "<p>t</p>", True) == '<div class="nb pertama nb-a&#34;&gt;&lt;x"><p>t</p></div>'
