"""Membuat data/skm.csv SINTETIS untuk BKPSDM Kabupaten Balangan 2022.

Seed laporan hanya memuat rekap SKM (Lampiran 3): 374 responden (L 158, P 216) dan jumlah
nilai per unsur N = 1307 1345 1322 1484 1345 1309 1359 1332 1471. Baris jawaban per
responden tidak disertakan, kecuali dua baris pertama yang tercetak. Skrip ini membuat
374 baris yang jumlah per unsurnya PERSIS sama dengan N tercetak (deterministik, seed tetap).

Jalankan dari folder ini:  python buat_skm_sintetis.py
"""

from __future__ import annotations

import csv
import datetime as dt
import random
from pathlib import Path

SEED = 2022
N_RESPONDEN = 374
N_LAKI, N_PEREMPUAN = 158, 216
JUMLAH_UNSUR = [1307, 1345, 1322, 1484, 1345, 1309, 1359, 1332, 1471]
# dua baris pertama tercetak di Lampiran 3
BARIS_TERCETAK = [
    [3, 4, 3, 4, 3, 3, 3, 3, 4],
    [3, 3, 3, 4, 4, 4, 4, 4, 4],
]
# 14 layanan yang disurvei (BAB III), dengan bobot kira-kira frekuensi layanan
LAYANAN = [
    ("Cuti", 14), ("Izin Belajar", 6), ("Izin Perceraian", 2), ("Kartu Isteri/Suami", 4),
    ("Kartu Pegawai", 5), ("Kenaikan Gaji Berkala", 13), ("Kenaikan Pangkat", 16),
    ("Mutasi Pegawai", 8), ("Pemberhentian dan Pensiun", 7), ("Pencantuman Gelar", 5),
    ("Penjatuhan Hukuman Disiplin", 2), ("Santunan KORPRI", 4), ("SKP Online", 10),
    ("Tugas Belajar", 4),
]
KOLOM = ["responden", "tanggal", "layanan", "jenis_kelamin", "pendidikan", "pekerjaan", "usia",
         *(f"u{i}" for i in range(1, 10))]


def buat_kolom(rng: random.Random, target: int, tetap: list[int]) -> list[int]:
    """Satu kolom unsur: nilai 1..4 dengan jumlah tepat `target` (baris `tetap` tidak diubah)."""
    n_bebas = N_RESPONDEN - len(tetap)
    sisa = target - sum(tetap)
    rata = sisa / n_bebas
    p2 = 0.02 if rata < 3.9 else 0.0
    p4 = min(max(rata - 3 + p2, 0.0), 1.0)
    p3 = max(1.0 - p4 - p2, 0.0)
    nilai = rng.choices([4, 3, 2], weights=[p4, p3, p2], k=n_bebas)
    # sesuaikan satu sel setiap langkah sampai jumlah tepat
    while sum(nilai) != sisa:
        i = rng.randrange(n_bebas)
        if sum(nilai) < sisa and nilai[i] < 4:
            nilai[i] += 1
        elif sum(nilai) > sisa and nilai[i] > 2:
            nilai[i] -= 1
    return tetap + nilai


def main() -> None:
    rng = random.Random(SEED)
    kolom = [buat_kolom(rng, JUMLAH_UNSUR[u], [b[u] for b in BARIS_TERCETAK]) for u in range(9)]
    jk = ["L"] * N_LAKI + ["P"] * N_PEREMPUAN
    rng.shuffle(jk)
    nama_l, bobot_l = zip(*LAYANAN)
    layanan = rng.choices(nama_l, weights=bobot_l, k=N_RESPONDEN)
    awal = dt.date(2022, 1, 3)
    hari = sorted(rng.randrange(0, 362) for _ in range(N_RESPONDEN))
    baris = []
    for r in range(N_RESPONDEN):
        baris.append({
            "responden": f"R{r + 1:03d}",
            "tanggal": (awal + dt.timedelta(days=hari[r])).isoformat(),
            "layanan": layanan[r],
            "jenis_kelamin": jk[r],
            "pendidikan": "", "pekerjaan": "", "usia": "",
            **{f"u{u + 1}": str(kolom[u][r]) for u in range(9)},
        })
    # pemeriksaan
    for u in range(9):
        assert sum(int(b[f"u{u + 1}"]) for b in baris) == JUMLAH_UNSUR[u], u
        assert all(1 <= int(b[f"u{u + 1}"]) <= 4 for b in baris)
    assert sum(b["jenis_kelamin"] == "L" for b in baris) == N_LAKI
    assert all(b["tanggal"].startswith("2022-") for b in baris)
    out = Path(__file__).parent / "data" / "skm.csv"
    with open(out, "w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=KOLOM)
        w.writeheader()
        w.writerows(baris)
    print(f"ditulis {out} ({len(baris)} baris)")


if __name__ == "__main__":
    main()
