"""Apa yang belum diisi untuk tahun laporan: realisasi, anggaran Renja, target Renstra, narasi kerangka.

Folder yang dibuat ``lkj lanjut`` (lihat :mod:`lkj_lib.masukan.lanjut`) membawa profil, Renstra dan
riwayat tahun lalu, tetapi realisasi, target PK, Renja/anggaran dan narasi tahun baru masih kosong.
Pemeriksaan di sini membuat ``lkj validate`` menyebut setiap kekosongan itu sebagai "belum diisi"
(apa, di mana, cara mengisi), bukan sebagai galat lain atau crash. Pemeriksaannya umum: berlaku juga
untuk folder yang diisi tangan.
"""

from __future__ import annotations

import pandas as pd

from ..errors import LkjError, Masalah
from ..profil import Profil

PENANDA_KERANGKA = "<!-- lkj: kerangka narasi, belum diisi -->"
"""Baris pertama narasi kerangka. Selama baris ini ada, berkasnya dianggap belum ditulis (tidak dimuat,
tidak dicetak; build final menagihnya bila wajib)."""


def kerangka(teks: str) -> bool:
    """True bila ``teks`` adalah narasi kerangka (diawali :data:`PENANDA_KERANGKA`)."""
    return teks.lstrip("\ufeff \t\r\n").startswith(PENANDA_KERANGKA)


def masalah_kerangka(berkas: str, judul: str) -> Masalah:
    return Masalah(f"narasi '{judul}' belum diisi (masih kerangka)", berkas=berkas, tingkat="peringatan",
                   saran="tulis narasinya lalu hapus baris pertama (penanda kerangka)")


def _ada_instrumen(tabel: dict, instrumen: str, tahun: int, profil: Profil | None) -> bool:
    from ..instrumen import realisasi_instrumen  # instrumen di lapisan bawah masukan
    from ..profil import Pengaturan

    try:
        nilai, _ = realisasi_instrumen(tabel, instrumen, tahun, profil.pengaturan if profil else Pengaturan())
    except (LkjError, ValueError, KeyError):
        return False
    return nilai is not None


def realisasi_kosong(tabel: dict[str, pd.DataFrame], profil: Profil | None, tahun: int) -> list[str]:
    """Kode indikator yang tidak punya baris realisasi ``tahun`` dan tidak dihitung instrumen."""
    ind, real = tabel.get("indikator"), tabel.get("realisasi")
    if ind is None or ind.empty or real is None:
        return []
    ada = {str(k) for k, th in zip(real["kode_indikator"], real["tahun"]) if not pd.isna(th) and int(th) == tahun}
    out = []
    for kode, inst in zip(ind["kode_indikator"], ind["instrumen"]):
        if not isinstance(kode, str) or kode in ada:
            continue
        if isinstance(inst, str) and inst and _ada_instrumen(tabel, inst, tahun, profil):
            continue
        out.append(kode)
    return out


def periksa_belum_diisi(tabel: dict[str, pd.DataFrame], profil: Profil | None,
                        sumber: dict[str, str], tahun: int | None = None) -> list[Masalah]:
    """Masalah "belum diisi" untuk tahun laporan (``profil.tahun``; bila lkj.yaml belum sah: ``tahun``,
    mis. dari nama folder, dan pemeriksaan target Renstra dilewati).

    - realisasi: lembar berisi (mis. hanya riwayat) tetapi tidak satu pun indikator punya realisasi
      tahun laporan (dan tidak satu pun dihitung instrumen) → galat. Indikator yang kosong sendirian tidak
      dilaporkan di sini (realisasinya tampil "belum tersedia", seperti status belum_rilis);
    - renja: ada baris tetapi tidak satu pun berisi pagu atau realisasi anggaran → galat;
    - target_renstra: tidak ada target di dalam periode Renstra → peringatan.
    """
    th, out = (profil.tahun if profil is not None else tahun), []
    if th is None:
        return []
    real = tabel.get("realisasi")
    if real is not None and not real.empty:
        kosong = realisasi_kosong(tabel, profil, th)
        n_ind = int(tabel["indikator"]["kode_indikator"].notna().sum()) if "indikator" in tabel else 0
        if kosong and len(kosong) == n_ind:
            out.append(Masalah(
                f"realisasi tahun {th} belum diisi", berkas=sumber.get("realisasi", ""), lembar="realisasi",
                kolom="realisasi", nilai=", ".join(kosong),
                saran=f"tambahkan satu baris per indikator: kode_indikator, tahun {th}, realisasi dan status "
                      "(status belum_rilis dengan realisasi kosong bila nilainya memang belum tersedia)"))
    renja = tabel.get("renja")
    if renja is not None and not renja.empty:
        kolom = [k for k in ("pagu_murni", "pagu_perubahan", "realisasi_anggaran") if k in renja]
        if kolom and not renja[kolom].notna().any().any():
            out.append(Masalah(
                f"anggaran Renja tahun {th} belum diisi (tidak ada pagu maupun realisasi anggaran)",
                berkas=sumber.get("renja", ""), lembar="renja", kolom="pagu_murni",
                saran=f"tambahkan kegiatan dan sub kegiatan tahun {th} di bawah programnya, dengan pagu_murni, "
                      "pagu_perubahan dan realisasi_anggaran"))
    tr, ind = tabel.get("target_renstra"), tabel.get("indikator")
    if tr is not None and ind is not None and not ind.empty:
        if profil is not None:
            lo, hi = profil.renstra_mulai, profil.renstra_akhir
            kosong = not any(not pd.isna(t) and lo <= int(t) <= hi for t in tr["tahun"])
            periode = f"periode {lo}-{hi} "
        else:  # lkj.yaml belum sah: periode belum diketahui
            kosong, periode, lo, hi = tr.empty, "", "mulai", "akhir"
        if kosong:
            out.append(Masalah(
                f"target Renstra {periode}belum diisi", berkas=sumber.get("target_renstra", ""),
                lembar="target_renstra", tingkat="peringatan",
                saran=f"isi target setiap indikator untuk tahun {lo} sampai {hi} periode Renstra, dan target_akhir "
                      "di lembar indikator"))
    return out


__all__ = ["PENANDA_KERANGKA", "kerangka", "masalah_kerangka", "periksa_belum_diisi", "realisasi_kosong"]
