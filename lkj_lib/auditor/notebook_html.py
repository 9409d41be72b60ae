"""Notebook tereksekusi sebagai HTML yang terbaca tanpa Jupyter, dan tautan laporan → sel notebook.

Setiap build menulis ``notebooks/<nb>.html`` di samping ``notebooks/<nb>.ipynb``: semua sel (kode,
keluaran, sel ``injected-parameters`` Papermill yang diberi label), satu halaman mandiri tanpa sumber
luar. Sel kode yang menghasilkan tabel atau gambar laporan diberi jangkar ``sel-tabel-3-2`` /
``sel-gambar-3-1``; judul tabel dan keterangan gambar di HTML laporan (bukan PDF) menautkan ke
``notebooks/<nb>.html#sel-<id>``: auditor mengeklik dari tabel tercetak ke sel yang membuatnya.

Satu ``HTMLExporter`` dibuat sekali per proses dan dipakai ulang untuk setiap notebook.
"""

from __future__ import annotations

import re
from pathlib import Path

from markupsafe import escape

from ..paths import TEMPLAT_DIR

TEMPLAT = TEMPLAT_DIR / "auditor"
LABEL_PARAMETER = "Parameter yang disuntikkan Papermill saat build (menimpa sel parameter di atasnya)"

_RE_ID = re.compile(r'<(?:p class="judul-tabel"|figcaption) id="((?:tabel|gambar)-[0-9A-Za-z]+-\d+)"')
_RE_JUDUL_TABEL = re.compile(r'(<p class="judul-tabel" id="(tabel-[0-9A-Za-z]+-\d+)">)(.*?)(</p>)', re.S)
_RE_JUDUL_GAMBAR = re.compile(r'(<figcaption id="(gambar-[0-9A-Za-z]+-\d+)">)(.*?)(</figcaption>)', re.S)

_EKSPORTIR = None
_CSS = None


def _eksportir():
    """Satu HTMLExporter (templat ``auditor/notebook``: kelas ``classic`` + jangkar sel) per proses."""
    global _EKSPORTIR
    if _EKSPORTIR is None:
        from nbconvert import HTMLExporter
        from traitlets.config import Config

        c = Config()
        c.HTMLExporter.extra_template_basedirs = [str(TEMPLAT)]
        c.HTMLExporter.exclude_input = False
        c.HTMLExporter.exclude_input_prompt = False
        c.HTMLExporter.exclude_output_prompt = False
        _EKSPORTIR = kelas_eksportir(HTMLExporter)(config=c, template_name="notebook")
    return _EKSPORTIR


def kelas_eksportir(dasar):
    """HTMLExporter tanpa pass BeautifulSoup penutup (alt gambar, tabindex gaya JupyterLab): semua
    gambar lkj sudah ber-alt, templat ``classic``/``basic`` tidak memakai kelas ``jp-*``, dan pass itu
    (mengurai lalu menulis ulang seluruh HTML) memakan sepertiga sampai separuh waktu ekspor notebook
    bertabel/bergambar besar. Dipakai juga oleh :func:`lkj_lib.bangun.rakit.html_notebook`."""
    from nbconvert.exporters.templateexporter import TemplateExporter
    from nbconvert.filters.highlight import Highlight2HTML

    class Eksportir(dasar):
        def from_notebook_node(self, nb, resources=None, **kw):
            info = nb.metadata.get("language_info", {})
            self.register_filter("highlight_code", Highlight2HTML(
                pygments_lexer=info.get("pygments_lexer", info.get("name")), parent=self))
            return TemplateExporter.from_notebook_node(self, nb, resources, **kw)

    return Eksportir


def _css() -> str:
    global _CSS
    if _CSS is None:
        from pygments.formatters import HtmlFormatter

        _CSS = ((TEMPLAT_DIR / "laporan" / "laporan.css").read_text(encoding="utf-8") + "\n"
                + (TEMPLAT / "notebook.css").read_text(encoding="utf-8") + "\n"
                + HtmlFormatter(style="default").get_style_defs(".highlight"))
    return _CSS


def _teks_keluaran(sel) -> str:
    bagian = []
    for o in sel.get("outputs", []):
        data = o.get("data", {})
        bagian.append(data.get("text/html", "") if isinstance(data.get("text/html", ""), str)
                      else "".join(data.get("text/html", [])))
    return "".join(bagian)


def tandai_jangkar(nb) -> dict[str, int]:
    """Beri setiap sel kode metadata ``lkj_jangkar`` (id tabel/gambar laporan di keluarannya) dan
    label untuk sel parameter Papermill; kembalikan {id tabel/gambar: indeks sel}."""
    peta: dict[str, int] = {}
    for i, sel in enumerate(nb.cells):
        if sel.cell_type != "code":
            continue
        ids = list(dict.fromkeys(_RE_ID.findall(_teks_keluaran(sel))))
        if ids:
            sel.metadata["lkj_jangkar"] = ids
            for j in ids:
                peta.setdefault(j, i)
        if "injected-parameters" in sel.metadata.get("tags", []):
            sel.metadata["lkj_label"] = LABEL_PARAMETER
    return peta


def _nomor(ident: str) -> str:
    jenis, bab, n = ident.split("-")
    return f"{'Tabel' if jenis == 'tabel' else 'Gambar'} {bab}.{n}"


def html_notebook_auditor(nb, nama: str, laporan_html: str = "") -> tuple[str, dict[str, int]]:
    """(halaman HTML mandiri, {id tabel/gambar: indeks sel}) untuk satu notebook tereksekusi ``nb``
    (diubah di tempat: metadata jangkar/label). ``laporan_html``: nama berkas HTML laporan (satu folder
    di atas) untuk tautan kembali."""
    peta = tandai_jangkar(nb)
    body, _ = _eksportir().from_notebook_node(nb)
    pm = nb.metadata.get("papermill", {})
    param = pm.get("parameters", {})
    daftar = "".join(f'<li><a href="#sel-{escape(j)}">{escape(_nomor(j))}</a></li>' for j in peta)
    kembali = (f'<a href="../{escape(laporan_html)}">laporan</a> · ' if laporan_html else "")
    kepala = (
        '<header class="kepala-nb">'
        f'<p class="navigasi">{kembali}<a href="../audit.html">temuan audit</a> · '
        '<a href="../reviu.html">kertas kerja reviu</a></p>'
        f"<h1>Notebook {escape(nama)}</h1>"
        "<p>Notebook tereksekusi oleh <code>lkj build</code> (Papermill): setiap sel kode beserta keluarannya, "
        "persis seperti dijalankan. Angka di laporan dapat ditelusuri: sel notebook → fungsi "
        "<code>lkj_lib</code> → baris masukan (kolom <code>baris_masukan</code> di <code>data/*.csv</code>).</p>"
        + (f"<p>Parameter: {escape(', '.join(f'{k} = {v!r}' for k, v in param.items()))}</p>" if param else "")
        + (f'<p>Tabel dan gambar dari notebook ini:</p><ul class="daftar-jangkar">{daftar}</ul>' if daftar else "")
        + "</header>")
    halaman = (
        '<!DOCTYPE html>\n<html lang="id"><head><meta charset="utf-8">'
        f"<title>Notebook {escape(nama)}</title><style>{_css()}</style></head>"
        f'<body class="notebook-auditor">{kepala}<main>{body}</main></body></html>\n')
    return halaman, peta


def tulis_notebook_html(folder_notebook: Path, notebooks: dict, laporan_html: str = "") -> dict[str, dict]:
    """Tulis ``<nama>.html`` di ``folder_notebook`` untuk setiap ``{nama (stem): NotebookNode}``
    tereksekusi (node diberi metadata jangkar); kembalikan {nama: {id tabel/gambar: indeks sel}}."""
    hasil = {}
    for nama, nb in notebooks.items():
        halaman, peta = html_notebook_auditor(nb, nama, laporan_html)
        (Path(folder_notebook) / f"{nama}.html").write_text(halaman, encoding="utf-8")
        hasil[nama] = peta
    return hasil


def tautkan_judul(html: str, href_notebook: str, ada: set[str] | None = None) -> str:
    """Tambahkan tautan ``[sel notebook]`` pada setiap judul tabel dan keterangan gambar di ``html``
    (potongan satu notebook) ke ``href_notebook#sel-<id>``; ``ada``: hanya id yang memang berjangkar."""
    def ganti(m):
        buka, ident, isi, tutup = m.groups()
        if ada is not None and ident not in ada:
            return m.group(0)
        return (f'{buka}{isi} <a class="ke-sel" href="{escape(href_notebook)}#sel-{ident}" '
                f'title="sel notebook yang menghasilkan {_nomor(ident)}" '
                f'style="font-size:75%;font-weight:normal">[sel notebook]</a>{tutup}')

    return _RE_JUDUL_GAMBAR.sub(ganti, _RE_JUDUL_TABEL.sub(ganti, html))


_RE_JUDUL_AUDIT = re.compile(r'(<h[23] id="[^"]*temuan-audit-angka">.*?</h[23]>)', re.S)


def sisipkan_tautan_auditor(html: str, tautan: list[tuple[str, str]]) -> str:
    """Sisipkan paragraf "Untuk auditor" (daftar ``(label, href)``) tepat setelah judul Lampiran
    "Temuan Audit Angka"; bila judul itu tidak ada, ``html`` dikembalikan apa adanya."""
    if not tautan:
        return html
    isi = " · ".join(f'<a href="{escape(h)}">{escape(label)}</a>' for label, h in tautan)
    blok = f'<p class="untuk-auditor">Untuk auditor: {isi}.</p>'
    return _RE_JUDUL_AUDIT.sub(lambda m: m.group(1) + blok, html, count=1)


__all__ = ["html_notebook_auditor", "tandai_jangkar", "tulis_notebook_html", "tautkan_judul",
           "sisipkan_tautan_auditor", "LABEL_PARAMETER"]
