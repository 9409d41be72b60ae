"""Merakit notebook tereksekusi menjadi satu HTML mandiri (nbconvert + templat halaman).

nbconvert (templat ``basic``, tanpa sel kode, sel bertag ``penjelasan`` dibuang) mengubah setiap
notebook menjadi potongan HTML; potongan itu disusun ke dalam templat ``laporan.html.j2``
bersama Daftar Isi, Daftar Tabel dan Daftar Gambar yang dibangun dari judul-judulnya.
"""

from __future__ import annotations

import re
from html import unescape
from dataclasses import dataclass, field

from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup

from .. import __version__, fmt
from ..cetak.pdf import PENANDA_ISI, bungkus_bab
from ..paths import TEMPLAT_DIR
from ..profil import Profil

TEMPLAT = TEMPLAT_DIR / "laporan"

_EKSPORTIR = None


def siapkan_eksportir():
    """Eksportir HTML nbconvert (dibuat sekali per proses; impor dan templatnya ±0,3 s)."""
    global _EKSPORTIR
    if _EKSPORTIR is None:
        from nbconvert import HTMLExporter
        from traitlets.config import Config

        from ..auditor.notebook_html import kelas_eksportir

        c = Config()
        c.TagRemovePreprocessor.remove_cell_tags = {"penjelasan", "parameters", "injected-parameters"}
        c.TagRemovePreprocessor.remove_single_output_tags = {"jejak-lkj"}  # tampil.TAG_JEJAK
        c.TagRemovePreprocessor.enabled = True
        c.HTMLExporter.exclude_input = True
        c.HTMLExporter.exclude_input_prompt = True
        c.HTMLExporter.exclude_output_prompt = True
        c.HTMLExporter.exclude_markdown = True
        c.HTMLExporter.exclude_raw = True
        _EKSPORTIR = kelas_eksportir(HTMLExporter)(config=c, template_name="basic")
    return _EKSPORTIR


def html_notebook(nb) -> str:
    """Potongan HTML (tanpa kode) dari satu notebook tereksekusi."""
    body, _ = siapkan_eksportir().from_notebook_node(nb)
    return body


@dataclass(frozen=True)
class Entri:
    tingkat: int
    ident: str
    teks: str
    depan: bool = False


_RE_H = re.compile(r'<h([1-3])(?: class="([^"]*)")? id="([^"]+)">(.*?)</h\1>', re.S)
_RE_TABEL = re.compile(r'<p class="judul-tabel" id="([^"]+)">(.*?)</p>', re.S)
_RE_GAMBAR = re.compile(r'<figcaption id="([^"]+)">(.*?)</figcaption>', re.S)


def _teks(html: str) -> str:
    """Teks polos judul (tag dibuang, entitas dikembalikan ke karakternya): templat meng-escape-nya
    tepat sekali, jadi ``&lt;script&gt;`` tidak menjadi ``&amp;lt;script&amp;gt;``."""
    polos = re.sub(r"<br\s*/?>", " ", re.sub(r"<(?!br)[^>]+>", "", html))
    return re.sub(r"\s+", " ", unescape(polos)).strip()


def daftar(html: str) -> tuple[list[Entri], list[Entri], list[Entri]]:
    """(isi, tabel, gambar) dari HTML rakitan, berurutan sesuai kemunculan."""
    isi = [Entri(int(t), i, _teks(x), "depan" in (k or "")) for t, k, i, x in _RE_H.findall(html)
           if int(t) <= 2]
    tabel = [Entri(1, i, _teks(x)) for i, x in _RE_TABEL.findall(html)]
    gambar = [Entri(1, i, _teks(x)) for i, x in _RE_GAMBAR.findall(html)]
    return isi, tabel, gambar


def _env() -> Environment:
    env = Environment(loader=FileSystemLoader(str(TEMPLAT)), autoescape=select_autoescape(["html", "j2"]))
    env.filters["tanggal"] = fmt.tanggal
    return env


@dataclass
class Rakitan:
    """Bagian-bagian laporan yang siap dirender sebagai layar (satu HTML) atau dua bagian PDF."""

    konteks: dict
    layar: dict = field(default_factory=dict)  # pengganti konteks untuk mode layar (tautan auditor; bukan PDF)

    def render(self, mode: str = "layar", halaman: dict | None = None) -> str:
        konteks = {**self.konteks, **self.layar} if mode == "layar" else self.konteks
        return _env().get_template("laporan.html.j2").render(**konteks, mode=mode, halaman=halaman or {})


def _susun(potongan: dict[str, str]) -> tuple[str, str, str]:
    """(sampul, depan tanpa sampul, isi) dari potongan notebook berurutan."""
    depan = "".join(v for k, v in potongan.items() if k.startswith("00_"))
    isi = "".join(bungkus_bab(k, v, i == 0)
                  for i, (k, v) in enumerate((k, v) for k, v in potongan.items() if not k.startswith("00_")))
    m = re.search(r'<section class="sampul">.*?</section>', depan, re.S)
    sampul = m.group(0) if m else ""
    depan_isi = depan.replace(sampul, "") if sampul else depan
    # sampul sudah memaksa halaman baru: judul depan pertama tidak perlu memutus halaman lagi
    depan_isi = depan_isi.replace('<h1 class="depan"', '<h1 class="depan pertama"', 1)
    return sampul, depan_isi, isi


def _css() -> Markup:
    return Markup((TEMPLAT / "laporan.css").read_text(encoding="utf-8"))


def kerangka_isi(profil: Profil, draf: bool, git_commit: str = "") -> str:
    """Dokumen isi PDF (mode ``isi`` templat: CSS, kepala halaman) dengan
    :data:`~lkj_lib.cetak.pdf.PENANDA_ISI` di tempat potongan bab; diisi per bab oleh
    :class:`~lkj_lib.cetak.pdf.SusunanPdf`."""
    return Rakitan(dict(profil=profil, draf=draf, css=_css(), isi=Markup(PENANDA_ISI), versi=__version__,
                        git_commit=git_commit)).render("isi")


def rakit(potongan: dict[str, str], profil: Profil, draf: bool, ringkasan_audit: dict,
          git_commit: str = "", auditor: dict | None = None) -> Rakitan:
    """Susun laporan dari ``potongan`` = {nama notebook: HTML} berurutan; '00_*' = bagian depan.

    ``auditor`` (opsional, hanya HTML layar): ``{"notebook": {nama: (href, {id berjangkar})},
    "tautan": [(label, href)]}`` — judul tabel/gambar menautkan ke sel notebook-nya, dan Lampiran
    "Temuan Audit Angka" mendapat paragraf tautan untuk auditor (:mod:`lkj_lib.auditor`)."""
    sampul, depan_isi, isi = _susun(potongan)
    e_isi, e_tabel, e_gambar = daftar(depan_isi + isi)
    layar = {}
    if auditor:
        from ..auditor.notebook_html import sisipkan_tautan_auditor, tautkan_judul

        nb = auditor.get("notebook", {})
        bertaut = {k: (tautkan_judul(v, *nb[k]) if k in nb else v) for k, v in potongan.items()}
        _, depan_l, isi_l = _susun(bertaut)
        isi_l = sisipkan_tautan_auditor(isi_l, auditor.get("tautan", []))
        layar = dict(depan=Markup(depan_l), isi=Markup(isi_l))
    return Rakitan(dict(
        profil=profil, draf=draf, css=_css(), sampul=Markup(sampul), depan=Markup(depan_isi),
        isi=Markup(isi), daftar_isi=e_isi, daftar_tabel=e_tabel, daftar_gambar=e_gambar,
        audit=ringkasan_audit, versi=__version__, git_commit=git_commit), layar)
