"""Grafik instrumen: NRR per unsur SKM dan nilai Sistem Merit per aspek.

Setiap fungsi mengembalikan :class:`matplotlib.figure.Figure` (tanpa pyplot, tanpa ``show``);
simpan dengan :func:`lkj_lib.grafik.gaya.simpan`.
"""

from __future__ import annotations

import math
import textwrap

from ..instrumen.ikm import MUTU, UNSUR, HasilIKM
from ..instrumen.merit import HasilMerit
from .gaya import WARNA, angka_id, gambar, gaya

_WARNA_PITA = {"A": "#E3EFE6", "B": "#EEF3F8", "C": "#FBF1E6", "D": "#F6E4E4"}


def grafik_nrr(hasil: HasilIKM, judul: str | None = None):
    """Batang horizontal NRR per unsur (skala 1–4) dengan pita mutu D/C/B/A
    (batas 2,60 / 3,0644 / 3,5324) dan label nilai berkoma desimal (3 angka)."""
    nrr = list(hasil.NRR)
    batas = [(b[1], b[2]) for b in MUTU if math.isfinite(b[1])]  # [(3.5324,'A'), (3.0644,'B'), (2.6,'C')]
    with gaya():
        fig, ax = gambar(tinggi=3.6)
        tepi = [1.0] + sorted(b for b, _ in batas) + [4.0]
        mutu_pita = ["D"] + [m for _, m in sorted(batas)]
        for (kiri, kanan), m in zip(zip(tepi, tepi[1:]), mutu_pita):
            ax.axvspan(kiri, kanan, color=_WARNA_PITA[m], zorder=0, lw=0)
            ax.text((kiri + kanan) / 2, 1.005, m, transform=ax.get_xaxis_transform(), ha="center",
                    va="bottom", fontsize=8, fontweight="bold", color="#666666")
        for b, _ in batas:
            ax.axvline(b, color="#999999", lw=0.7, ls="--", zorder=1)
        y = list(range(len(nrr)))
        ax.barh(y, [v - 1 if not math.isnan(v) else 0 for v in nrr], left=1, height=0.62,
                color=WARNA[0], zorder=2)
        for yi, v in zip(y, nrr):
            if not math.isnan(v):
                ax.text(v - 0.03, yi, angka_id(v, 3), va="center", ha="right", fontsize=8,
                        color="white", fontweight="bold", zorder=3)
        ax.set_yticks(y, [f"{k}  {textwrap.fill(n, 30)}" for k, n in UNSUR])
        ax.invert_yaxis()
        ax.set_xlim(1, 4)
        ticks = [1, 2, *sorted(b for b, _ in batas), 4]
        # batas mutu ditulis seperti di PermenPAN-RB 14/2017: 2,60 / 3,0644 / 3,5324
        ax.set_xticks(ticks, [angka_id(t, 0) if float(t).is_integer()
                              else angka_id(t, max(2, len(f"{t:g}".split(".")[1]))) for t in ticks])
        ax.grid(False)
        ax.set_xlabel("Nilai rata-rata (NRR), skala 1–4")
        ax.set_title(judul or f"NRR per unsur — IKM {angka_id(hasil.ikm, 2)}, mutu {hasil.mutu} "
                               f"({hasil.kinerja}); n = {hasil.n_responden}",
                     loc="left", pad=14)
    return fig


def grafik_merit(hasil: HasilMerit, judul: str | None = None):
    """Batang berkelompok per aspek: penilaian mandiri vs hasil verifikasi KASN,
    dengan nilai maksimum aspek (Σ bobot × 4) sebagai batang latar."""
    a = hasil.aspek
    n = len(a)
    ada_verif = a["verifikasi"].notna().any()
    with gaya():
        fig, ax = gambar(tinggi=max(3.0, 0.42 * n + 1.0))
        y = list(range(n))
        tinggi = 0.38 if ada_verif else 0.6
        ax.barh(y, a["maks"], height=0.86, color="#F0F0F0", zorder=0, label="Nilai maksimum aspek")
        geser = -tinggi / 2 if ada_verif else 0
        ax.barh([v + geser for v in y], a["mandiri"], height=tinggi, color=WARNA[0], zorder=2,
                label=f"Penilaian mandiri (total {angka_id(hasil.total_mandiri, 2, ringkas=True)})")
        seri = [(geser, a["mandiri"])]
        if ada_verif:
            tv = angka_id(hasil.total_verifikasi, 2, ringkas=True) if hasil.total_verifikasi is not None \
                else "belum lengkap"
            ax.barh([v + tinggi / 2 for v in y], a["verifikasi"].fillna(0), height=tinggi, color=WARNA[1],
                    zorder=2, label=f"Hasil verifikasi KASN (total {tv})")
            seri.append((tinggi / 2, a["verifikasi"]))
        for d, nilai in seri:
            for yi, v in zip(y, nilai):
                if not math.isnan(v):
                    ax.text(v + 0.4, yi + d, angka_id(v, 2, ringkas=True), va="center", ha="left",
                            fontsize=7.5, zorder=3)
        ax.set_yticks(y, [f"{int(r.no_aspek)}. " + textwrap.fill(str(r.aspek), 26)
                          for r in a.itertuples(index=False)])
        ax.invert_yaxis()
        ax.set_xlim(0, max(float(a["maks"].max()), 1.0) * 1.08)
        ax.grid(axis="x")
        ax.grid(axis="y", visible=False)
        ax.set_xlabel("Nilai (bobot × skor)")
        ax.legend(loc="lower right")
        ax.set_title(judul or f"Sistem Merit per aspek — mandiri {hasil.kategori_mandiri}"
                               + (f", verifikasi {hasil.kategori_verifikasi}" if hasil.kategori_verifikasi
                                  else ""), loc="left")
    return fig
