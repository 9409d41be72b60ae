"""Survei SKM sintetis yang masuk akal (untuk contoh dan pengujian), deterministik per ``seed``.

Setiap responden punya kecenderungan sendiri (rata-rata ~``rata_rata``; ±6 % responden
kecewa berkecenderungan ~2,3); jawaban = kecenderungan + corak unsur + derau, dibulatkan dan dipotong ke 1–4: sebagian besar 3–4, sebagian 2, 1 jarang.
Data ini BUKAN hasil survei: laporan yang memakainya harus menandainya sintetis.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from ..errors import LkjError
from .ikm import KOLOM_UNSUR

LAYANAN_BAWAAN: tuple[str, ...] = (
    "Kenaikan Pangkat", "Kenaikan Gaji Berkala", "Cuti", "Mutasi Pegawai", "Pensiun",
    "Izin Belajar", "Kartu Pegawai", "Pencantuman Gelar",
)
# corak per unsur U1..U9 (Biaya/Tarif umumnya gratis → tinggi; pengaduan cenderung rendah)
_CORAK = np.array([0.0, 0.05, -0.05, 0.45, 0.05, 0.0, 0.1, -0.05, 0.35])
_PENDIDIKAN = (("SMA", 0.22), ("D3", 0.12), ("S1", 0.48), ("S2", 0.16), ("SMP", 0.02))
_PEKERJAAN = (("PNS", 0.78), ("PPPK", 0.12), ("Swasta", 0.05), ("Lainnya", 0.05))


def jumlah_untuk_nrr(nrr, n: int) -> tuple[list[int], list[tuple[str, float, float]]]:
    """Jumlah nilai per unsur yang paling dekat dengan NRR sasaran untuk ``n`` responden.

    Kembalikan (jumlah U1..U9, [(unsur, sasaran, NRR tercapai)] untuk unsur yang NRR-nya tidak
    dapat sama dengan sasaran pada 3 desimal — NRR hanya dapat bernilai k/n).
    """
    jumlah, meleset = [], []
    for i, t in enumerate(nrr, 1):
        j = int(np.clip(round(t * n), n, 4 * n))
        jumlah.append(j)
        if round(j / n, 3) != round(t, 3):
            meleset.append((f"U{i}", float(t), j / n))
    return jumlah, meleset


def _paskan_jumlah(jawaban: np.ndarray, target: list[int], rng: np.random.Generator) -> np.ndarray:
    """Naik/turunkan jawaban acak satu per satu (tetap 1–4) hingga jumlah per unsur = ``target``."""
    jawaban = jawaban.copy()
    for j, t in enumerate(target):
        kol = jawaban[:, j]
        selisih = int(t - kol.sum())
        while selisih:
            calon = np.flatnonzero(kol < 4) if selisih > 0 else np.flatnonzero(kol > 1)
            k = min(abs(selisih), len(calon))
            pilih = rng.choice(calon, size=k, replace=False)
            kol[pilih] += 1 if selisih > 0 else -1
            selisih = int(t - kol.sum())
    return jawaban


def sintetis_skm(n: int, seed: int, tahun: int = 2024, layanan: tuple[str, ...] | list[str] | None = None,
                 rata_rata: float = 3.45, sebaran: float = 0.30, nrr=None) -> pd.DataFrame:
    """``n`` responden SKM sintetis berkolom sesuai lembar ``skm``.

    Kolom: responden (R0001…), tanggal (ISO, dalam ``tahun``), layanan, jenis_kelamin (L/P),
    pendidikan, pekerjaan, usia (21–58), u1..u9 (bilangan bulat 1–4).
    ``rata_rata``/``sebaran``: pusat dan simpangan kecenderungan responden.
    ``nrr``: 9 NRR sasaran; jawaban lalu dinaik/turunkan satu-satu hingga jumlah per unsur =
    :func:`jumlah_untuk_nrr` (NRR sama dengan sasaran pada 3 desimal bila mungkin untuk ``n``).
    """
    if nrr is not None:
        nrr = [float(x) for x in nrr]
        if len(nrr) != 9 or not all(1 <= x <= 4 for x in nrr):
            raise LkjError("NRR sasaran harus 9 nilai (U1..U9) di antara 1 dan 4")
        rata_rata = float(np.mean(nrr)) - float(np.mean(_CORAK))
        rata_rata = min(max(rata_rata, 1.0), 4.0)
    if not isinstance(n, (int, np.integer)) or n < 1:
        raise LkjError(f"jumlah responden sintetis harus bilangan bulat positif, bukan {n!r}")
    if not 1900 <= int(tahun) <= 2100:
        raise LkjError(f"tahun tidak wajar: {tahun!r}")
    if not 1 <= rata_rata <= 4:
        raise LkjError("rata_rata jawaban harus di antara 1 dan 4")
    layanan = tuple(layanan) if layanan else LAYANAN_BAWAAN
    rng = np.random.default_rng(seed)
    kecenderungan = rng.normal(rata_rata, sebaran, size=n)
    kecewa = rng.random(n) < 0.06  # sebagian kecil responden kecewa → jawaban 1-2
    kecenderungan[kecewa] = rng.normal(2.3, 0.4, size=int(kecewa.sum()))
    kecenderungan = np.clip(kecenderungan, 1.3, 4.0)
    mentah = kecenderungan[:, None] + _CORAK[None, :] + rng.normal(0, 0.45, size=(n, 9))
    jawaban = np.clip(np.rint(mentah), 1, 4).astype(int)
    if nrr is not None:
        jawaban = _paskan_jumlah(jawaban, jumlah_untuk_nrr(nrr, n)[0], rng)

    awal = dt.date(int(tahun), 1, 1)
    hari = (dt.date(int(tahun), 12, 31) - awal).days + 1
    tanggal = sorted(awal + dt.timedelta(days=int(h)) for h in rng.integers(0, hari, size=n))
    bobot_layanan = rng.dirichlet(np.full(len(layanan), 2.0))

    def pilih(daftar):
        nilai = [v for v, _ in daftar]
        p = np.array([w for _, w in daftar])
        return rng.choice(nilai, size=n, p=p / p.sum())

    df = pd.DataFrame({
        "responden": [f"R{i:04d}" for i in range(1, n + 1)],
        "tanggal": [t.isoformat() for t in tanggal],
        "layanan": rng.choice(np.array(layanan, dtype=object), size=n, p=bobot_layanan),
        "jenis_kelamin": rng.choice(np.array(["L", "P"], dtype=object), size=n, p=[0.45, 0.55]),
        "pendidikan": pilih(_PENDIDIKAN),
        "pekerjaan": pilih(_PEKERJAAN),
        "usia": np.clip(np.rint(rng.normal(39, 9, size=n)), 21, 58).astype(int),
    })
    for j, k in enumerate(KOLOM_UNSUR):
        df[k] = jawaban[:, j]
    for k in ("responden", "tanggal", "layanan", "jenis_kelamin", "pendidikan", "pekerjaan"):
        df[k] = df[k].astype(object)
    return df
