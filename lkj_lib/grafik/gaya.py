"""SATU gaya matplotlib untuk seluruh laporan.

Pakai sebagai konteks agar rcParams tidak bocor ke kode lain::

    from lkj_lib.grafik.gaya import gaya, gambar, simpan, WARNA
    with gaya():
        fig, ax = gambar(tinggi=3.0)
        ax.bar(["A", "B"], [1, 2], color=WARNA[0])
    simpan(fig, "keluaran/grafik_contoh")      # → .png (dpi 200) + .svg, lalu figur ditutup

Figur dibuat dengan :class:`matplotlib.figure.Figure` langsung (tanpa pyplot), sehingga tidak
bergantung pada backend interaktif dan tidak pernah memanggil ``plt.show``; penyimpanan memakai
kanvas Agg. Matplotlib diimpor malas: ``angka_id`` dapat dipakai tanpa memuat matplotlib.
"""

from __future__ import annotations

import sys
from contextlib import contextmanager
from pathlib import Path

WARNA: list[str] = ["#4C6A92", "#D08C60", "#6B9E78", "#B85C5C", "#8A7BA8", "#8C8C8C"]
"""Palet redup: biru, jingga, hijau, merah bata, ungu, abu-abu."""
WARNA_TEKS = "#333333"
WARNA_GRID = "#DDDDDD"
LEBAR_GAMBAR = 6.3  # inci, lebar teks A4 (210 mm − 2 × 25 mm margin)
DPI_PNG = 200

RC: dict = {
    "font.family": "sans-serif",
    "font.sans-serif": ["DejaVu Sans"],
    "font.size": 9,
    "axes.titlesize": 10,
    "axes.titleweight": "bold",
    "axes.labelsize": 9,
    "xtick.labelsize": 8.5,
    "ytick.labelsize": 8.5,
    "legend.fontsize": 8.5,
    "legend.frameon": False,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.edgecolor": "#888888",
    "axes.labelcolor": WARNA_TEKS,
    "text.color": WARNA_TEKS,
    "xtick.color": WARNA_TEKS,
    "ytick.color": WARNA_TEKS,
    "axes.grid": True,
    "axes.grid.axis": "y",
    "grid.color": WARNA_GRID,
    "grid.linewidth": 0.6,
    "axes.axisbelow": True,
    "figure.figsize": (LEBAR_GAMBAR, 3.4),
    "figure.dpi": 100,
    "savefig.dpi": DPI_PNG,
    "savefig.bbox": "tight",
    "savefig.pad_inches": 0.05,
    "svg.fonttype": "path",
    "svg.hashsalt": "lkj",  # id SVG deterministik
    "text.parse_math": False,  # teks masukan ('$\\foo{x}$', '50%') ditulis apa adanya, bukan mathtext
}


def angka_id(x, desimal: int = 2, ringkas: bool = False) -> str:
    """Bilangan cara Indonesia lewat :mod:`lkj_lib.fmt` (satu pemformat untuk tabel, kalimat, grafik).

    ``91.16 → '91,16'``, ``1307 → '1.307,00'``; ``ringkas=True`` membuang nol di belakang koma
    (``47.50 → '47,5'``, ``30.0 → '30'``); '-' bila kosong; teks bukan bilangan dikembalikan apa adanya.
    """
    from .. import fmt

    if fmt.kosong(x):
        return fmt.STRIP
    try:
        v = float(x)
    except (TypeError, ValueError):
        return str(x)
    return fmt.nilai(v, desimal) if ringkas else fmt.angka(v, desimal)


def _rc() -> dict:
    """RC ditambah siklus warna ``WARNA`` (cycler diimpor malas)."""
    from cycler import cycler

    rc = dict(RC)
    rc["axes.prop_cycle"] = cycler(color=WARNA)
    return rc


@contextmanager
def gaya():
    """Konteks gaya laporan; rcParams dipulihkan saat keluar."""
    import matplotlib

    with matplotlib.rc_context(_rc()):
        yield


_KELAS_GAMBAR = None


def _kelas_gambar():
    """Kelas Figure yang semua teksnya literal (dibuat malas agar matplotlib tidak diimpor dini).

    ``text.parse_math`` di :data:`RC` hanya berlaku untuk teks yang dibuat di dalam ``gaya()``;
    label sumbu yang dibuat matplotlib saat menggambar (mis. ``savefig`` di luar konteks) memakai
    rcParams global. Karena itu setiap ``draw`` mematikan mathtext untuk semua teks figur.
    """
    global _KELAS_GAMBAR
    if _KELAS_GAMBAR is None:
        import matplotlib
        from matplotlib.figure import Figure
        from matplotlib.text import Text

        class GambarLkj(Figure):
            """Figure laporan: ``$`` dalam nama indikator/program tidak pernah ditafsir sebagai rumus."""

            def draw(self, renderer):
                with matplotlib.rc_context({"text.parse_math": False}):
                    for t in self.findobj(Text):
                        t.set_parse_math(False)
                    return super().draw(renderer)

        _KELAS_GAMBAR = GambarLkj
    return _KELAS_GAMBAR


def gambar(tinggi: float = 3.4, **kw):
    """(Figure, Axes) selebar teks A4; panggil di dalam ``with gaya():``. Semua teks literal."""
    fig = _kelas_gambar()(figsize=(LEBAR_GAMBAR, tinggi), layout="constrained")
    ax = fig.subplots(**kw)
    return fig, ax


def simpan(fig, path) -> list[Path]:
    """Simpan ``fig`` sebagai PNG (dpi 200) dan SVG di samping ``path`` (akhiran diabaikan),
    lalu tutup figurnya. Kembalikan [png, svg]."""
    p = Path(path)
    if p.suffix.lower() in (".png", ".svg"):
        p = p.with_suffix("")
    p.parent.mkdir(parents=True, exist_ok=True)
    png, svg = p.with_name(p.name + ".png"), p.with_name(p.name + ".svg")
    try:
        with gaya():
            fig.savefig(png, dpi=DPI_PNG, format="png", metadata={"Software": None})
            fig.savefig(svg, format="svg", metadata={"Date": None, "Creator": None})
    finally:
        tutup(fig)
    return [png, svg]


def tutup(fig) -> None:
    """Lepaskan figur (juga dari pyplot bila figur dibuat lewat pyplot)."""
    plt = sys.modules.get("matplotlib.pyplot")
    if plt is not None:
        plt.close(fig)
    fig.clf()
