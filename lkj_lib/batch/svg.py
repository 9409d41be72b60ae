"""Grafik SVG sebaris untuk ikhtisar kabupaten (``outputs/index.html``): dibuat di Python, tanpa
pustaka grafik, tanpa sumber luar; setiap teks di-escape.

- :func:`batang` — batang mendatar lintas SKPD untuk satu tahun (capaian IKU, serapan, efisiensi),
  urut dari nilai terbesar, dengan garis acuan (mis. 100%);
- :func:`tren` — garis kecil lintas tahun untuk satu SKPD (capaian IKU dan serapan).
"""

from __future__ import annotations

from html import escape
from typing import Callable, Sequence

WARNA = {"capaian": "#1f4e79", "serapan": "#b8651b", "efisiensi": "#2e7d32", "negatif": "#a11"}


def _e(teks) -> str:
    return escape(str(teks), quote=True)


def _potong(teks: str, n: int = 34) -> str:
    return teks if len(teks) <= n else teks[: n - 1] + "…"


def batang(judul: str, data: Sequence[tuple[str, float]], format_nilai: Callable[[float], str],
           acuan: float | None = None, warna: str = WARNA["capaian"], lebar: int = 420) -> str:
    """Batang mendatar ``[(label, nilai)]`` (nilai None dibuang), urut menurun; ``acuan`` = garis tegak."""
    isi = sorted(((lbl, v) for lbl, v in data if v is not None), key=lambda x: (-x[1], x[0]))
    tinggi_batang, kiri, atas = 13, 190, 22
    tinggi = atas + max(1, len(isi)) * tinggi_batang + 18
    nilai = [v for _, v in isi] + ([acuan] if acuan is not None else [])
    lo, hi = min([0.0, *nilai]), max([0.0, *nilai]) or 1.0
    rentang = (hi - lo) or 1.0
    ruang = lebar - kiri - 58

    def x(v: float) -> float:
        return kiri + (v - lo) / rentang * ruang

    out = [f'<svg xmlns="http://www.w3.org/2000/svg" class="grafik" role="img" viewBox="0 0 {lebar} {tinggi}" '
           f'width="{lebar}" height="{tinggi}" aria-label="{_e(judul)}">',
           f'<text x="0" y="13" class="judul">{_e(judul)}</text>']
    if not isi:
        out.append(f'<text x="{kiri}" y="{atas + 10}" class="kecil">tidak ada angka</text>')
    for i, (lbl, v) in enumerate(isi):
        y = atas + i * tinggi_batang
        x0, x1 = sorted((x(0.0), x(v)))
        teks = format_nilai(v)
        isi_warna = WARNA["negatif"] if v < 0 else warna
        out.append(f'<g><title>{_e(lbl)}: {_e(teks)}</title>'
                   f'<text x="{kiri - 4}" y="{y + 10}" text-anchor="end" class="kecil">{_e(_potong(lbl))}</text>'
                   f'<rect x="{x0:.1f}" y="{y + 2}" width="{max(x1 - x0, 0.5):.1f}" height="{tinggi_batang - 4}" '
                   f'fill="{isi_warna}"/>'
                   f'<text x="{max(x1, x(0.0)) + 3:.1f}" y="{y + 10}" class="kecil">{_e(teks)}</text></g>')
    if acuan is not None:
        xa = x(acuan)
        out.append(f'<line x1="{xa:.1f}" y1="{atas - 2}" x2="{xa:.1f}" y2="{tinggi - 14}" class="acuan"/>'
                   f'<text x="{xa:.1f}" y="{tinggi - 3}" text-anchor="middle" class="kecil">'
                   f'{_e(format_nilai(acuan))}</text>')
    out.append("</svg>")
    return "".join(out)


def tren(tahun: Sequence[str], seri: dict[str, Sequence[float | None]], format_nilai: Callable[[float], str],
         lebar: int = 130, tinggi: int = 38) -> str:
    """Garis kecil per seri (``{'capaian': [...], 'serapan': [...]}``) di atas ``tahun``; titik tanpa
    angka dilewati. Sumbu tegak 0 … maks(100, nilai terbesar)."""
    semua = [v for vs in seri.values() for v in vs if v is not None]
    if not semua or not tahun:
        return ""
    hi = max(100.0, *semua)
    lo = min(0.0, *semua)
    kiri, kanan, atas, bawah = 4, 4, 4, 11
    n = len(tahun)

    def xy(i: int, v: float) -> tuple[float, float]:
        x = kiri + (i * (lebar - kiri - kanan) / (n - 1) if n > 1 else (lebar - kiri - kanan) / 2)
        y = atas + (hi - v) / ((hi - lo) or 1.0) * (tinggi - atas - bawah)
        return x, y

    judul = "; ".join(f"{nama} " + ", ".join(f"{t}: {format_nilai(v) if v is not None else '-'}"
                                           for t, v in zip(tahun, vs)) for nama, vs in seri.items())
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" class="tren" role="img" viewBox="0 0 {lebar} {tinggi}" '
           f'width="{lebar}" height="{tinggi}" aria-label="{_e(judul)}"><title>{_e(judul)}</title>']
    y100 = xy(0, 100.0)[1]
    out.append(f'<line x1="{kiri}" y1="{y100:.1f}" x2="{lebar - kanan}" y2="{y100:.1f}" class="acuan"/>')
    for nama, vs in seri.items():
        warna = WARNA.get(nama, "#333")
        titik = [xy(i, v) for i, v in enumerate(vs) if v is not None]
        if len(titik) > 1:
            jalur = " ".join(f"{x:.1f},{y:.1f}" for x, y in titik)
            out.append(f'<polyline points="{jalur}" fill="none" stroke="{warna}" stroke-width="1.5"/>')
        out.extend(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="2" fill="{warna}"/>' for x, y in titik)
    for i, t in enumerate(tahun):
        x = xy(i, 0.0)[0]
        anchor = "start" if i == 0 and n > 1 else "end" if i == n - 1 and n > 1 else "middle"
        out.append(f'<text x="{x:.1f}" y="{tinggi - 1}" text-anchor="{anchor}" class="kecil">{_e(t)}</text>')
    out.append("</svg>")
    return "".join(out)


__all__ = ["batang", "tren"]
