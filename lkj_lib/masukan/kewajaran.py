"""Pemeriksaan kewajaran isi (bukan bentuk): nilai persen yang tampak salah baca, lembar instrumen
yang akan ditolak oleh perhitungan instrumen, dan presisi tampil (``desimal``) per indikator."""

from __future__ import annotations

import pandas as pd

from ..errors import LkjError, Masalah
from ..profil import Profil

RASIO_TIDAK_WAJAR = 20.0
"""Target dan realisasi bersatuan % yang berbeda ≥ 20 kali dicurigai salah baca (0,38% → 0,0038)."""


def _kosong(v) -> bool:
    return v is None or v is pd.NA or (isinstance(v, float) and v != v)


def _persen(*satuan) -> bool:
    return any(isinstance(s, str) and s.strip() == "%" for s in satuan)


def _tidak_wajar(target, realisasi) -> bool:
    if _kosong(target) or _kosong(realisasi) or target <= 0 or realisasi <= 0:
        return False
    return max(target / realisasi, realisasi / target) >= RASIO_TIDAK_WAJAR


def _pesan(nilai, target, baris, lembar, sumber, kolom="realisasi") -> Masalah:
    angka = f"{nilai:g}".replace(".", ",")
    return Masalah(
        f"nilai {kolom} {angka} (satuan %) tidak wajar dibanding target {f'{target:g}'.replace('.', ',')}: "
        f"berbeda ≥ {RASIO_TIDAK_WAJAR:g} kali", berkas=sumber.get(lembar, ""), lembar=lembar, baris=int(baris),
        kolom=kolom, nilai=angka, tingkat="peringatan",
        harapan="persen ditulis sebagai persen, mis. 0,38% (bukan pecahan 0,0038)",
        saran="periksa sel: angka persen yang diketik sebagai pecahan, atau sel Excel berformat persen "
              "yang disalin sebagai angka biasa; ketik ulang sebagai teks '0,38%'")


def periksa_persen(t: dict[str, pd.DataFrame], sumber: dict[str, str]) -> list[Masalah]:
    """Peringatan untuk realisasi bersatuan % yang ≥ 20× berbeda dari targetnya (tahun yang sama)."""
    out: list[Masalah] = []
    ind = t.get("indikator")
    real = t.get("realisasi")
    if ind is not None and real is not None and not real.empty:
        satuan = dict(zip(ind["kode_indikator"], ind["satuan"]))
        target: dict[tuple, tuple] = {}
        tr = t.get("target_renstra")
        if tr is not None:
            for k, th, v, s in zip(tr["kode_indikator"], tr["tahun"], tr["target"], tr["target_satuan"]):
                if not _kosong(th) and not _kosong(v):
                    target[(k, int(th))] = (v, s)
        pk = t.get("perjanjian_kinerja")
        if pk is not None:
            for k, th, m, ms, p, ps in zip(pk["kode_indikator"], pk["tahun"], pk["target_murni"],
                                           pk["target_murni_satuan"], pk["target_perubahan"],
                                           pk["target_perubahan_satuan"]):
                if _kosong(th):
                    continue
                if not _kosong(p):
                    target[(k, int(th))] = (p, ps)
                elif not _kosong(m):
                    target[(k, int(th))] = (m, ms)
        for b, k, th, v, s in zip(real["_baris"], real["kode_indikator"], real["tahun"], real["realisasi"],
                                  real["realisasi_satuan"]):
            if _kosong(th) or (k, int(th)) not in target:
                continue
            tv, ts = target[(k, int(th))]
            if _persen(satuan.get(k), s, ts) and _tidak_wajar(tv, v):
                out.append(_pesan(v, tv, b, "realisasi", sumber))
    ir = t.get("indikator_renja")
    if ir is not None and not ir.empty:
        for b, sat, tv, ts, v, s in zip(ir["_baris"], ir["satuan"], ir["target"], ir["target_satuan"],
                                        ir["realisasi"], ir["realisasi_satuan"]):
            if _persen(sat, ts, s) and _tidak_wajar(tv, v):
                out.append(_pesan(v, tv, b, "indikator_renja", sumber))
    return out


def periksa_instrumen(t: dict[str, pd.DataFrame], profil: Profil | None,
                      sumber: dict[str, str]) -> list[Masalah]:
    """Jalankan pemeriksaan yang sama dengan perhitungan instrumen (dipakai audit dan laporan),
    agar lembar yang akan ditolak di sana sudah ditolak oleh ``lkj validate``."""
    from ..instrumen import hitung_ip_asn, hitung_merit  # instrumen di lapisan bawah masukan

    out: list[Masalah] = []
    sm = t.get("sistem_merit")
    if sm is not None and not sm.empty:
        pembagi = profil.pengaturan.indeks_merit_pembagi if profil is not None else 400.0
        tahun = sorted({int(x) for x in sm["tahun"].dropna()}) or [None]
        for th in tahun:
            sub = sm if th is None else sm[sm["tahun"].isna() | (sm["tahun"] == th)]
            try:
                hitung_merit(sub, pembagi=pembagi)
            except LkjError as e:
                out.append(Masalah(str(e), berkas=sumber.get("sistem_merit", ""), lembar="sistem_merit",
                                   kolom="tahun" if th is not None else "", nilai=str(th or ""),
                                   saran="perbaiki baris yang disebut (skor dan nilai_verifikasi 0-4, bobot "
                                         "tak negatif, no_aspek/no_indikator unik per tahun)"))
    skm = t.get("skm")
    if skm is not None and not skm.empty:
        from ..instrumen import hitung_ikm

        penimbang = profil.pengaturan.penimbang_ikm if profil is not None else "1/9"
        try:
            hitung_ikm(skm, penimbang)
        except LkjError as e:
            out.append(Masalah(str(e), berkas=sumber.get("skm", ""), lembar="skm", kolom="u1..u9",
                               saran="isi jawaban 1-4 pada kolom u1..u9 (periksa ejaan judul kolom), atau "
                                     "kosongkan lembar skm dan pakai lembar skm_rekap"))
    ip = t.get("ip_asn")
    if ip is not None and not ip.empty:
        try:
            hitung_ip_asn(ip)
        except LkjError as e:
            out.append(Masalah(str(e), berkas=sumber.get("ip_asn", ""), lembar="ip_asn", kolom="sendiri",
                               saran="tandai tepat satu baris 'ya' per tahun"))
    return out


def lengkapi_desimal(t: dict[str, pd.DataFrame]) -> None:
    """Isi kolom ``desimal`` (Int64, selalu terisi) pada ``indikator`` dan ``indikator_renja``:
    nilai yang diketik di kolom itu, atau desimal terbanyak pada sel angka indikator tersebut
    (target_akhir, target_renstra, perjanjian_kinerja, realisasi; untuk indikator_renja: baris itu
    sendiri). Kolom bantu ``_desimal`` dibuang dari semua tabel."""
    maks: dict = {}
    for nama in ("indikator", "target_renstra", "perjanjian_kinerja", "realisasi"):
        df = t.get(nama)
        if df is None or "_desimal" not in df:
            continue
        for k, d in zip(df["kode_indikator"], df["_desimal"]):
            if not _kosong(d):
                maks[k] = max(maks.get(k, 0), int(d))
    for nama, tebak in (("indikator", lambda df: [maks.get(k, 0) for k in df["kode_indikator"]]),
                        ("indikator_renja", lambda df: [0 if _kosong(d) else int(d) for d in df["_desimal"]])):
        df = t.get(nama)
        if df is None:
            continue
        diketik = [None if _kosong(x) else int(x) for x in df["desimal"]]
        df["desimal"] = pd.array([d if d is not None else g for d, g in zip(diketik, tebak(df))], dtype="Int64")
    for nama, df in t.items():
        if "_desimal" in df:
            t[nama] = df.drop(columns="_desimal")
