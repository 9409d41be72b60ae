"""Grafik BAB III laporan: target vs realisasi IKU, tren antartahun, serapan program, distribusi
kategori capaian dan capaian per triwulan.

Setiap fungsi menerima DataFrame dari :class:`lkj_lib.ukur.hasil.HasilKinerja` dan mengembalikan
:class:`matplotlib.figure.Figure` yang dibangun di dalam ``with gaya():`` (tanpa pyplot, tanpa
``show``), atau ``None`` bila tidak ada data untuk digambar. Label nilai memakai :mod:`lkj_lib.fmt`
(koma desimal). Simpan dengan :func:`lkj_lib.grafik.gaya.simpan` (PNG dpi 200 + SVG).
"""

from __future__ import annotations

import math
import textwrap

import pandas as pd
from matplotlib.ticker import FuncFormatter, MaxNLocator

from .. import fmt
from .gaya import WARNA, gambar, gaya

KATEGORI_URUT = ("Sangat Tinggi", "Tinggi", "Sedang", "Rendah", "Sangat Rendah")
TAK_TERHITUNG = "-"
LABEL_TAK_TERHITUNG = "Tidak dapat dihitung"
WARNA_TARGET = WARNA[5]  # abu-abu
WARNA_REALISASI = WARNA[0]  # biru
WARNA_KATEGORI = (WARNA[2], WARNA[0], WARNA[4], WARNA[1], WARNA[3])  # hijau → merah bata
UKURAN_LABEL = 8.5  # label nilai; tidak lebih kecil dari label sumbu gaya
TRIWULAN = ("I", "II", "III", "IV")


def _ada(v) -> bool:
    return not fmt.kosong(v)


def _bungkus(teks, lebar: int, baris: int = 3) -> str:
    """Bungkus teks panjang menjadi beberapa baris (paling banyak ``baris``, sisanya '…')."""
    return "\n".join(textwrap.wrap(str(teks), lebar, max_lines=baris, placeholder=" …")) or str(teks)


def _label_batang(ax, x, y, teks, horizontal: bool = False) -> None:
    if horizontal:
        ax.annotate(teks, (y, x), xytext=(3, 0), textcoords="offset points", ha="left", va="center",
                    fontsize=UKURAN_LABEL)
    else:
        ax.annotate(teks, (x, y), xytext=(0, 2), textcoords="offset points", ha="center", va="bottom",
                    fontsize=UKURAN_LABEL)


def _sumbu_angka(sumbu, skala: float = 1.0) -> None:
    """Label sumbu berkoma desimal Indonesia (``fmt.nilai``), opsional dibagi ``skala``."""
    sumbu.set_major_formatter(FuncFormatter(lambda v, _pos: fmt.nilai(v / skala)))


def _satuan_sumbu(satuan) -> str:
    s = (satuan or "").strip() if isinstance(satuan, str) else ""
    return "Persen (%)" if s == "%" else (s.capitalize() if s else "Nilai")


def grafik_target_realisasi(iku_df: pd.DataFrame, kolom: int = 3):
    """Target dan realisasi setiap IKU, satu subplot kecil per IKU (satuan tiap IKU berbeda,
    sehingga setiap subplot memiliki sumbu dan satuannya sendiri). Capaian ditulis di bawahnya."""
    if iku_df is None or iku_df.empty:
        return None
    baris = iku_df.to_dict("records")
    ncol = max(1, min(kolom, len(baris)))
    nrow = math.ceil(len(baris) / ncol)
    with gaya():
        fig, axes = gambar(tinggi=2.7 * nrow, nrows=nrow, ncols=ncol, squeeze=False)
        for ax, r in zip(axes.flat, baris):
            satuan = r.get("satuan") if isinstance(r.get("satuan"), str) else ""
            penanda = r.get("penanda") if isinstance(r.get("penanda"), str) else ""
            nilai = [("Target", r["target"], WARNA_TARGET, r.get("target_op") or ""),
                     ("Realisasi", r["realisasi"], WARNA_REALISASI, "")]
            tertinggi = max([abs(v) for _, v, _, _ in nilai if _ada(v)] or [1.0]) or 1.0
            for x, (_, v, warna, op) in enumerate(nilai):
                if _ada(v):
                    ax.bar(x, v, width=0.6, color=warna)
                    teks = fmt.besaran(v, satuan, op, tetap=r.get("desimal")) + (penanda if x == 1 else "")
                else:
                    teks = "belum\ntersedia"
                _label_batang(ax, x, v if _ada(v) else 0, teks)
            ax.set_xticks([0, 1], [n for n, _, _, _ in nilai])
            ax.set_xlim(-0.6, 1.6)
            ax.set_ylim(0, tertinggi * 1.25)
            _sumbu_angka(ax.yaxis)
            ax.set_ylabel(_satuan_sumbu(satuan))
            ax.set_title(_bungkus(r["indikator"], 26), fontsize="medium")
            kap = (f"Capaian {fmt.persen(r['capaian'])}" if _ada(r.get("capaian"))
                   else "Capaian tidak dapat dihitung")
            if r.get("polaritas") == "negatif":
                kap += "\n(polaritas negatif)"
            ax.set_xlabel(kap)
        for ax in list(axes.flat)[len(baris):]:
            ax.set_visible(False)
    return fig


def grafik_tren(riwayat_df: pd.DataFrame, kode_indikator: str, satuan: str | None = None,
                target_akhir: float | None = None, tahun_akhir: int | None = None):
    """Realisasi (batang) dan target (garis) satu indikator dari tahun ke tahun (semua tahun yang tercatat,
    termasuk dari folder tahun-tahun sebelumnya); tahun tanpa data tidak digambar (tidak diisi nol), dan
    ``None`` bila kurang dari dua tahun bernilai. ``satuan`` (mis. dari ``h.iku``) untuk label; bawaan:
    kolom ``satuan`` bila ada. ``target_akhir`` (dan ``tahun_akhir``): garis putus-putus target akhir Renstra."""
    if riwayat_df is None or riwayat_df.empty:
        return None
    df = riwayat_df[riwayat_df["kode_indikator"] == kode_indikator].sort_values("tahun")
    df = df[df["target"].notna() | df["realisasi"].notna()]
    if df["tahun"].nunique() < 2:  # tren butuh paling sedikit dua tahun bernilai
        return None
    if satuan is None:
        satuan = df["satuan"].iloc[0] if "satuan" in df.columns else ""
    satuan = satuan if isinstance(satuan, str) else ""
    tahun = [int(t) for t in df["tahun"]]
    with gaya():
        fig, ax = gambar(tinggi=3.2)
        real = df[df["realisasi"].notna()]
        if not real.empty:
            ax.bar([int(t) for t in real["tahun"]], real["realisasi"], width=0.6, color=WARNA_REALISASI,
                   label="Realisasi")
            tetap = df["desimal"].iloc[0] if "desimal" in df.columns else None
            for t, v, p in zip(real["tahun"], real["realisasi"], real["penanda"]):
                _label_batang(ax, int(t), v, fmt.besaran(v, satuan, tetap=tetap) + (p if isinstance(p, str) else ""))
        tgt = df[df["target"].notna()]
        for i, ruas in enumerate(_ruas_berurutan([int(t) for t in tgt["tahun"]], list(tgt["target"]))):
            # garis hanya menyambung tahun yang berurutan; celah tahun tidak dijembatani
            ax.plot(*zip(*ruas), marker="o", color=WARNA[1], lw=1.8, label="Target" if i == 0 else None)
        ax.set_xticks(tahun, [str(t) for t in tahun])
        ax.set_xlim(min(tahun) - 0.7, max(tahun) + 0.7)
        puncak = pd.concat([df["target"], df["realisasi"]]).abs().max()
        if _ada(target_akhir):
            label = "Target akhir Renstra" + (f" ({tahun_akhir})" if tahun_akhir else "")
            ax.axhline(float(target_akhir), color=WARNA[2], lw=1.2, ls="--", label=label)
            puncak = max(puncak if _ada(puncak) else 0.0, abs(float(target_akhir))) * 1.1  # ruang legenda
        ax.set_ylim(0, (puncak or 1.0) * 1.2)
        _sumbu_angka(ax.yaxis)
        ax.set_xlabel("Tahun")
        ax.set_ylabel(_satuan_sumbu(satuan))
        ax.set_title(_bungkus(df["indikator"].iloc[0], 70, 2))
        ax.legend(loc="best", ncols=3 if _ada(target_akhir) else 2)
    return fig


def _ruas_berurutan(tahun: list[int], nilai: list[float]) -> list[list[tuple[int, float]]]:
    """Pecah titik (tahun, nilai) menjadi ruas tahun yang berurutan: [2021, 2022], [2026]."""
    ruas: list[list[tuple[int, float]]] = []
    for t, v in zip(tahun, nilai):
        if ruas and t == ruas[-1][-1][0] + 1:
            ruas[-1].append((t, v))
        else:
            ruas.append([(t, v)])
    return ruas


def _skala_rupiah(maks: float) -> tuple[float, str]:
    for skala, nama in ((1e12, "triliun"), (1e9, "miliar"), (1e6, "juta"), (1e3, "ribu")):
        if maks >= skala:
            return skala, nama
    return 1.0, ""


def grafik_serapan_program(anggaran_df: pd.DataFrame):
    """Pagu dan realisasi setiap program (batang horizontal) dengan label serapan (%)."""
    if anggaran_df is None or anggaran_df.empty:
        return None
    prog = anggaran_df[anggaran_df["jenis"] == "program"]
    if prog.empty:
        return None
    n = len(prog)
    nama = [_bungkus(x, 34) for x in prog["nama"]]
    tinggi = 1.0 + sum(0.35 + 0.17 * s.count("\n") for s in nama)
    y = list(range(n - 1, -1, -1))  # program pertama di atas
    skala, nama_skala = _skala_rupiah(float(prog[["pagu", "realisasi"]].max().max() or 0))
    with gaya():
        fig, ax = gambar(tinggi=max(2.4, tinggi))
        ax.barh([v + 0.2 for v in y], prog["pagu"].fillna(0), height=0.38, color=WARNA_TARGET, label="Pagu")
        ax.barh([v - 0.2 for v in y], prog["realisasi"].fillna(0), height=0.38, color=WARNA_REALISASI,
                label="Realisasi")
        for v, real, ser in zip(y, prog["realisasi"], prog["serapan"]):
            _label_batang(ax, v - 0.2, real if _ada(real) else 0, fmt.persen(ser), horizontal=True)
        ax.set_yticks(y, nama)
        maks = float(prog[["pagu", "realisasi"]].max().max() or 1.0)
        ax.set_xlim(0, maks * 1.18)
        ax.grid(axis="x")
        ax.grid(axis="y", visible=False)
        _sumbu_angka(ax.xaxis, skala)
        ax.set_xlabel(f"Anggaran (Rp {nama_skala})" if nama_skala else "Anggaran (Rp)")
        ax.legend(loc="lower right")
    return fig


def grafik_distribusi_kategori(capaian_renja_df: pd.DataFrame, urutan: tuple[str, ...] | None = None):
    """Jumlah indikator program/kegiatan/sub kegiatan per kategori capaian, dalam urutan tetap
    Sangat Tinggi … Sangat Rendah, ditambah '-' (tidak dapat dihitung). Kategori berjumlah nol
    tetap ditampilkan."""
    if capaian_renja_df is None or capaian_renja_df.empty:
        return None
    kat = capaian_renja_df["kategori"].where(capaian_renja_df["kategori"].notna(), TAK_TERHITUNG)
    kat = kat.replace("", TAK_TERHITUNG)
    urutan = list(urutan or KATEGORI_URUT)
    urutan += [k for k in dict.fromkeys(kat) if k not in urutan and k != TAK_TERHITUNG]
    urutan.append(TAK_TERHITUNG)
    jumlah = [int((kat == k).sum()) for k in urutan]
    warna = [WARNA_KATEGORI[i] if i < len(WARNA_KATEGORI) else WARNA[4] for i in range(len(urutan) - 1)]
    warna.append(WARNA_TARGET)
    label = [_bungkus(LABEL_TAK_TERHITUNG if k == TAK_TERHITUNG else k, 12) for k in urutan]
    with gaya():
        fig, ax = gambar(tinggi=3.0)
        x = list(range(len(urutan)))
        ax.bar(x, jumlah, width=0.65, color=warna)
        for i, v in zip(x, jumlah):
            _label_batang(ax, i, v, fmt.nilai(v))
        ax.set_xticks(x, label)
        ax.set_ylim(0, max(max(jumlah), 1) * 1.18)
        ax.yaxis.set_major_locator(MaxNLocator(integer=True))
        _sumbu_angka(ax.yaxis)
        ax.set_ylabel("Jumlah indikator")
        ax.set_xlabel("Kategori capaian")
    return fig


def grafik_triwulan(triwulan_df: pd.DataFrame, per_indikator: bool = False):
    """Rata-rata capaian (kumulatif) indikator per triwulan I–IV (batang), atau satu garis per
    indikator bila ``per_indikator``; garis acuan 100%. ``None`` bila tidak ada data triwulan."""
    if triwulan_df is None or triwulan_df.empty:
        return None
    kolom = [f"capaian_tw{i}" for i in range(1, 5)]
    x = list(range(4))
    with gaya():
        fig, ax = gambar(tinggi=3.2)
        if per_indikator:
            garis, label = [], []
            for j, r in enumerate(triwulan_df.to_dict("records")):
                nilai = [r[k] for k in kolom]
                garis += ax.plot(x, nilai, marker="o", lw=1.6, color=WARNA[j % len(WARNA)])
                label.append(_bungkus(f"{r['nama']} – {r['indikator']}", 45, 2))
            puncak = triwulan_df[kolom].max().max()
            # label eksplisit: matplotlib membuang label berawalan '_' bila legenda dicari otomatis
            ax.legend(garis, label, loc="upper left", bbox_to_anchor=(1.01, 1.0))
            ax.set_title("Capaian indikator per triwulan")
        else:
            rata = [triwulan_df[k].mean() for k in kolom]  # NaN dilewati
            for i, v in zip(x, rata):
                if _ada(v):
                    ax.bar(i, v, width=0.6, color=WARNA_REALISASI)
                    _label_batang(ax, i, v, fmt.persen(v))
            puncak = max([v for v in rata if _ada(v)] or [0])
            ax.set_title(f"Rata-rata capaian {fmt.nilai(len(triwulan_df))} indikator per triwulan")
        ax.axhline(100, color=WARNA[3], lw=1.0, ls="--")
        ax.set_xlabel("Garis putus-putus: capaian 100% (target triwulan terpenuhi)")
        ax.set_xticks(x, [f"Triwulan {t}" for t in TRIWULAN])
        ax.set_ylim(0, max(float(puncak) if _ada(puncak) else 0, 100) * 1.18)
        _sumbu_angka(ax.yaxis)
        ax.set_ylabel("Capaian s.d. triwulan (%)")
    return fig


__all__ = ["grafik_target_realisasi", "grafik_tren", "grafik_serapan_program", "grafik_distribusi_kategori",
           "grafik_triwulan", "KATEGORI_URUT", "LABEL_TAK_TERHITUNG"]
