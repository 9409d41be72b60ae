"""Kelengkapan narasi analis untuk build final.

Aturan (docs/konfigurasi.md, ``pengaturan.narasi_opsional``):

- Bagian yang isinya HANYA narasi analis (:data:`NARASI_TANPA_PENGGANTI`) wajib ditulis pada build final;
  build menolak dengan daftar berkas ``narasi/<kunci>.md`` yang belum ada, kecuali kuncinya
  dinyatakan opsional — bagian opsional yang tidak ditulis tidak dicetak sama sekali (tanpa judul kosong).
- Bagian yang punya teks bangkitan (rencana strategis, realisasi anggaran, simpulan, saran, analisis per
  IKU) tidak wajib: teks bangkitan berdiri sendiri bila narasinya tidak ditulis.
- Build draf tidak diperiksa; narasi yang belum ditulis tampil sebagai penanda tempat.
"""

from __future__ import annotations

from ..errors import Masalah
from ..masukan import DataSKPD
from ..schema import NARASI

NARASI_TANPA_PENGGANTI = ("kata_pengantar", "latar_belakang", "dasar_hukum", "tugas_fungsi", "isu_strategis",
                          "analisis_capaian", "sebab_dan_solusi")


def narasi_wajib(data: DataSKPD) -> list[str]:
    """Kunci narasi yang wajib ditulis untuk SKPD ini (tanpa pengganti dan tidak dinyatakan opsional)."""
    opsional = set(data.profil.pengaturan.narasi_opsional)
    return [k for k in NARASI_TANPA_PENGGANTI if k not in opsional]


def periksa_narasi(data: DataSKPD) -> list[Masalah]:
    """Satu :class:`Masalah` per narasi wajib yang belum ditulis (berkas tidak ada atau kosong)."""
    out = []
    for k in narasi_wajib(data):
        if (data.narasi.get(k) or "").strip():
            continue
        out.append(Masalah(
            f"narasi wajib '{NARASI[k]}' belum ditulis", berkas=f"narasi/{k}.md",
            saran=f"tulis berkas narasi/{k}.md; atau, bila bagian ini memang tidak ada, tambahkan '{k}' ke "
                  "pengaturan.narasi_opsional di lkj.yaml (bagiannya tidak dicetak); atau bangun dengan --draf"))
    return out
