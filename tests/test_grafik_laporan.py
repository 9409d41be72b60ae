"""Grafik laporan: isi Figure diperiksa terhadap data (jumlah batang, tinggi, label), bukan asap."""

from __future__ import annotations

import io

import matplotlib
import pandas as pd
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from lkj_lib.grafik import laporan as g
from lkj_lib.grafik.gaya import simpan
from lkj_lib.masukan import muat
from lkj_lib.ukur.hasil import hitung


@pytest.fixture
def h(mini):
    return hitung(muat(mini))


def _tampak(fig):
    return [ax for ax in fig.axes if ax.get_visible()]


def _teks(ax) -> list[str]:
    return [t.get_text() for t in ax.texts]


def _tick(labels) -> list[str]:
    return [t.get_text().replace("\n", " ") for t in labels]


def _gambar(fig):
    FigureCanvasAgg(fig).draw()  # tick label baru terisi setelah digambar
    return fig


def test_target_realisasi_satu_subplot_per_iku(h):
    fig = g.grafik_target_realisasi(h.iku)
    assert isinstance(fig, Figure)
    axes = _tampak(fig)
    assert len(axes) == 2
    tinggi = [[p.get_height() for p in ax.patches] for ax in axes]
    assert tinggi == [[80.0, 84.0], [2.0, 1.5]]
    for ax in axes:
        assert _tick(ax.get_xticklabels()) == ["Target", "Realisasi"]
    assert axes[0].get_xlabel() == "Capaian 105,00%"
    assert axes[1].get_xlabel() == "Capaian 125,00%\n(polaritas negatif)"
    assert axes[1].get_ylabel() == "Persen (%)" and axes[0].get_ylabel() == "Indeks"
    # target IKU2 "2%": tanpa kolom desimal tampil apa adanya; dengan desimal tebakan pemuat (1, dari "1,5%")
    # tampil "2,0%" — presisi satu indikator seragam
    d2 = h.iku.set_index("kode_indikator")["desimal"].get("IKU2")
    assert _teks(axes[0]) == ["80", "84"] and _teks(axes[1]) == ["2,0%" if d2 == 1 else "2%", "1,5%"]
    _gambar(fig)
    assert "0,5" in _tick(axes[1].get_yticklabels())  # koma desimal pada sumbu


def test_target_realisasi_penanda_dan_realisasi_kosong(h):
    df = h.iku.copy()
    df.loc[0, "penanda"] = "*"
    df.loc[1, ["realisasi", "capaian"]] = float("nan")
    axes = _tampak(g.grafik_target_realisasi(df))
    assert _teks(axes[0])[1] == "84*"
    assert len(axes[1].patches) == 1 and "belum\ntersedia" in _teks(axes[1])
    assert axes[1].get_xlabel().startswith("Capaian tidak dapat dihitung")
    assert g.grafik_target_realisasi(h.iku.iloc[0:0]) is None


def test_tren_tahun_kosong_tidak_digambar(h):
    fig = g.grafik_tren(h.riwayat, "IKU1", "indeks")
    ax = fig.axes[0]
    assert [(p.get_x() + p.get_width() / 2, p.get_height()) for p in ax.patches] == [(2023, 75.0), (2024, 84.0)]
    (garis,) = ax.lines
    assert list(garis.get_xdata()) == [2023, 2024] and list(garis.get_ydata()) == [75.0, 80.0]
    assert _tick(ax.get_xticklabels()) == ["2023", "2024"]
    assert _teks(ax) == ["75", "84"]
    # IKU2 hanya punya data 2024: satu titik bukan tren, grafik tidak dibuat
    assert g.grafik_tren(h.riwayat, "IKU2", "%") is None
    assert g.grafik_tren(h.riwayat, "TIDAK_ADA") is None


def test_tren_celah_tahun_tidak_dijembatani():
    df = pd.DataFrame({"kode_indikator": "X", "indikator": "Indeks X", "tahun": [2021, 2022, 2026],
                       "target": [45.0, 50.0, 75.0], "realisasi": [63.0, 63.0, float("nan")],
                       "penanda": ["", "**", ""]})
    ax = g.grafik_tren(df, "X", "indeks").axes[0]
    assert len(ax.patches) == 2 and _teks(ax) == ["63", "63**"]
    assert [list(line.get_xdata()) for line in ax.lines] == [[2021, 2022], [2026]]
    assert _tick(ax.get_xticklabels()) == ["2021", "2022", "2026"]


def test_serapan_program(h):
    fig = g.grafik_serapan_program(h.anggaran)
    ax = fig.axes[0]
    assert [p.get_width() for p in ax.patches] == [1_000_000.0, 900_000.0]  # pagu, realisasi
    assert _teks(ax) == ["90,00%"]
    assert _tick(ax.get_yticklabels()) == ["Program Pelayanan"]
    assert ax.get_xlabel() == "Anggaran (Rp juta)"
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["Pagu", "Realisasi"]
    _gambar(fig)
    assert "0,8" in _tick(ax.get_xticklabels())  # 800.000 → 0,8 juta


def test_serapan_program_nama_panjang_dibungkus():
    df = pd.DataFrame({"jenis": ["program", "kegiatan", "program"],
                       "nama": ["PROGRAM PENUNJANG URUSAN PEMERINTAHAN DAERAH KABUPATEN/KOTA", "K", "Program B"],
                       "pagu": [7.4e9, 1e9, 1.5e9], "realisasi": [6.7e9, 0.9e9, 1.5e9],
                       "serapan": [90.54, 90.0, 100.0]})
    ax = g.grafik_serapan_program(df).axes[0]
    label = [t.get_text() for t in ax.get_yticklabels()]
    assert len(label) == 2 and "\n" in label[0] and label[1] == "Program B"
    assert len(ax.patches) == 4 and _teks(ax) == ["90,54%", "100,00%"]
    assert ax.get_xlabel() == "Anggaran (Rp miliar)"


def test_distribusi_kategori_urutan_tetap(h):
    fig = g.grafik_distribusi_kategori(h.capaian_renja)
    ax = fig.axes[0]
    assert _tick(ax.get_xticklabels()) == ["Sangat Tinggi", "Tinggi", "Sedang", "Rendah", "Sangat Rendah",
                                           "Tidak dapat dihitung"]
    # capaian: program 90 (Tinggi), kegiatan 100, sub A 125 (Sangat Tinggi), sub B 75 (Sedang)
    assert [p.get_height() for p in ax.patches] == [2, 1, 1, 0, 0, 0]
    assert _teks(ax) == ["2", "1", "1", "0", "0", "0"]
    assert g.grafik_distribusi_kategori(pd.DataFrame()) is None
    df = h.capaian_renja.copy()
    df.loc[3, "kategori"] = "-"
    assert [p.get_height() for p in g.grafik_distribusi_kategori(df).axes[0].patches] == [2, 1, 0, 0, 0, 1]


def test_triwulan_rata_rata_dan_per_indikator(h):
    fig = g.grafik_triwulan(h.triwulan)
    ax = fig.axes[0]
    tinggi = [p.get_height() for p in ax.patches]
    assert tinggi == pytest.approx([100.0, 125.0, 700 / 6, 125.0])  # 2/2, 5/4, 7/6, 10/8
    assert _teks(ax) == ["100,00%", "125,00%", "116,67%", "125,00%"]
    assert _tick(ax.get_xticklabels()) == ["Triwulan I", "Triwulan II", "Triwulan III", "Triwulan IV"]
    assert list(ax.lines[-1].get_ydata()) == [100, 100]  # garis acuan
    ax2 = g.grafik_triwulan(h.triwulan, per_indikator=True).axes[0]
    assert list(ax2.lines[0].get_ydata()) == pytest.approx([100.0, 125.0, 700 / 6, 125.0])
    assert g.grafik_triwulan(pd.DataFrame()) is None
    assert g.grafik_triwulan(h.triwulan.iloc[0:0]) is None


def test_gaya_tidak_bocor_dan_simpan(h, tmp_path):
    sebelum = dict(matplotlib.rcParams)
    figs = {
        "target": g.grafik_target_realisasi(h.iku), "tren": g.grafik_tren(h.riwayat, "IKU1", "indeks"),
        "serapan": g.grafik_serapan_program(h.anggaran), "kategori": g.grafik_distribusi_kategori(h.capaian_renja),
        "triwulan": g.grafik_triwulan(h.triwulan),
    }
    assert dict(matplotlib.rcParams) == sebelum
    for nama, fig in figs.items():
        png, svg = simpan(fig, tmp_path / "grafik" / nama)
        assert png.stat().st_size > 1000 and png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
        assert svg.stat().st_size > 1000 and "<svg" in svg.read_text(encoding="utf-8")


def test_svg_tertunda_sama_dengan_seketika(h, tmp_path, monkeypatch):
    """SVG yang ditunda (build dengan kernel hangat) = SVG yang ditulis seketika, bait demi bait, walau
    rcParams dan folder kerja berubah sebelum antrean ditulis; antrean dibuang oleh tunda() berikutnya."""
    from lkj_lib.grafik import svg

    seketika, tunda = tmp_path / "seketika", tmp_path / "tunda"
    seketika.mkdir()
    tunda.mkdir()
    def figur():  # seperti tampil.gambar: figur baru, PNG lebih dulu, lalu SVG
        out = [g.grafik_target_realisasi(h.iku), g.grafik_serapan_program(h.anggaran)]
        for fig in out:
            fig.savefig(io.BytesIO(), format="png", dpi=200, bbox_inches="tight")
        return out

    for i, fig in enumerate(figur()):
        svg.simpan_svg(fig, seketika / f"g{i}.svg")
    monkeypatch.chdir(tunda)
    svg.tunda()
    try:
        for i, fig in enumerate(figur()):
            svg.simpan_svg(fig, f"g{i}.svg")  # jalur relatif: terhadap folder kerja SAAT dipanggil
        assert not list(tunda.glob("*.svg"))
        monkeypatch.chdir(tmp_path)
        with matplotlib.rc_context({"font.size": 20, "svg.fonttype": "none", "lines.linewidth": 5}):
            assert svg.tulis_tertunda() == 2
    finally:
        svg.buang()
    for i in range(2):
        assert (tunda / f"g{i}.svg").read_bytes() == (seketika / f"g{i}.svg").read_bytes()
    assert svg.tulis_tertunda() == 0  # tidak lagi menunda
    svg.tunda()
    svg.simpan_svg(figur()[0], tmp_path / "dibuang.svg")
    svg.tunda()  # laporan gagal sebelumnya: antreannya dibuang
    assert svg.tulis_tertunda() == 0 and not (tmp_path / "dibuang.svg").exists()
