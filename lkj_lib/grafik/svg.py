"""Salinan SVG grafik laporan (``figures/*.svg``), ditulis segera atau ditunda sampai akhir build.

Menyimpan SVG (gambar ulang + ``bbox_inches="tight"``) memakan ±0,2 s per grafik, ±40% biaya grafik,
dan di ``lkj build`` waktu itu ada di jalur kritis: notebook berikutnya dan tata letak PDF babnya menunggu
notebook ini selesai. Tidak ada bagian laporan (HTML, PDF, DOCX, audit) yang membaca SVG, jadi kernel
``lkj build`` memanggil :func:`tunda` sebelum notebook pertama dan :func:`tulis_tertunda` sesudah notebook
terakhir (sejajar dengan tata letak PDF); keluaran manifest ditulis sesudahnya. Di luar itu (``lkj batch``,
notebook yang dibuka sendiri di Jupyter, kernel segar) SVG ditulis seketika: di batch kedua inti sudah
sibuk, dan figur yang diantre hanya menambah memori kernel.

SVG yang ditunda sama persis, bait demi bait, dengan yang ditulis seketika: rcParams saat
:func:`simpan_svg` dipanggil dipotret dan dipakai lagi saat menulis, dan jalurnya dijadikan mutlak
(kernel berpindah folder kerja antar-notebook). Diuji di ``tests/test_grafik_laporan.py``.
"""

from __future__ import annotations

from pathlib import Path

_TERTUNDA: list | None = None  # [(fig, path, rcParams)] selama tunda() aktif di proses ini


def _tulis(fig, path: Path) -> None:
    import matplotlib

    with matplotlib.rc_context({"svg.hashsalt": "lkj"}):  # SVG deterministik (id tetap, tanpa tanggal)
        fig.savefig(path, format="svg", bbox_inches="tight", metadata={"Date": None})


def simpan_svg(fig, path: str | Path) -> None:
    """Tulis ``fig`` sebagai SVG ke ``path`` sekarang, atau saat :func:`tulis_tertunda` bila ditunda.
    Figur tidak boleh diubah pemanggil sesudahnya."""
    import matplotlib

    path = Path(path).resolve()
    if _TERTUNDA is None:
        _tulis(fig, path)
    else:
        rc = {k: v for k, v in matplotlib.rcParams.items() if k != "backend"}  # backend tidak diganti
        _TERTUNDA.append((fig, path, rc))


def tunda() -> None:
    """Mulai menunda SVG (antrean lama, mis. dari laporan yang gagal, dibuang)."""
    global _TERTUNDA
    buang()
    _TERTUNDA = []


def tulis_tertunda() -> int:
    """Tulis semua SVG yang ditunda, berurutan, lalu berhenti menunda; kembalikan jumlahnya."""
    global _TERTUNDA
    import matplotlib

    antre, _TERTUNDA = _TERTUNDA or [], None
    for fig, path, rc in antre:
        with matplotlib.rc_context(rc):
            _tulis(fig, path)
    return len(antre)


def buang() -> None:
    """Buang antrean tanpa menulis dan berhenti menunda."""
    global _TERTUNDA
    _TERTUNDA = None
