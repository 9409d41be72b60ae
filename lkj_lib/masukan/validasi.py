"""Pemeriksaan silang antartabel: id unik, rujukan yang dikenal, induk kode, tahun dalam periode.

Semua pemeriksaan linear dalam jumlah baris (kamus/himpunan, bukan penyaringan per baris).
"""

from __future__ import annotations

import pandas as pd

from ..errors import Masalah
from ..profil import Profil
from ..schema import TABEL_DICT
from .kewajaran import periksa_instrumen, periksa_persen


def _m(pesan, tabel, sumber, baris=None, kolom="", nilai="", harapan="", saran="", tingkat="galat"):
    return Masalah(pesan, berkas=sumber.get(tabel, ""), lembar=tabel, baris=baris, kolom=kolom,
                   nilai=str(nilai), harapan=harapan, saran=saran, tingkat=tingkat)


def kosong(v) -> bool:
    """Sel kosong setelah ditafsir: None, NaN, pd.NA atau teks kosong."""
    if v is None or v is pd.NA:
        return True
    if isinstance(v, float):
        return v != v
    return isinstance(v, str) and not v.strip()


def induk_dari_kode(kode: str) -> str | None:
    """'1.2.3' → '1.2'; '1' → None."""
    if "." not in kode:
        return None
    return kode.rsplit(".", 1)[0]


def lengkapi_renja(renja: pd.DataFrame) -> pd.DataFrame:
    """Isi kode_induk yang kosong dari struktur kode."""
    renja = renja.copy()
    induk = []
    for kode, ki, jenis in zip(renja["kode"], renja["kode_induk"], renja["jenis"]):
        ki = ki if isinstance(ki, str) and ki.strip() else None
        if ki is None and jenis != "program" and isinstance(kode, str):
            ki = induk_dari_kode(kode)
        induk.append(ki)
    renja["kode_induk"] = pd.Series(induk, index=renja.index, dtype=object)
    return renja


def _kunci_unik(t: dict[str, pd.DataFrame], sumber: dict[str, str]) -> list[Masalah]:
    """Id ganda: satu lintasan dengan kamus kejadian pertama. Baris berkunci kosong dilewati
    (sel wajib kosong sudah dilaporkan oleh penafsir tipe)."""
    masalah = []
    for nama, df in t.items():
        tabel = TABEL_DICT[nama]
        if not tabel.kunci or df.empty:
            continue
        kunci = list(tabel.kunci)
        pertama: dict[tuple, int] = {}
        for baris, *nilai in zip(df["_baris"], *(df[k] for k in kunci)):
            if any(kosong(v) for v in nilai):
                continue
            tup = tuple(str(v) for v in nilai)
            if tup in pertama:
                teks = ", ".join(f"{k}={v}" for k, v in zip(kunci, nilai))
                masalah.append(_m("id ganda", nama, sumber, int(baris), "/".join(kunci), teks,
                                  saran=f"sudah dipakai di baris {pertama[tup]}; buat unik atau hapus salah satu"))
            else:
                pertama[tup] = int(baris)
    return masalah


def _renja(t, sumber, masalah) -> dict[str, str]:
    renja = t.get("renja")
    if renja is None or renja.empty:
        return {}
    diketik = [not kosong(x) for x in renja["kode_induk"]]
    renja = lengkapi_renja(renja)
    t["renja"] = renja
    kode_renja = {k: j for k, j in zip(renja["kode"], renja["jenis"]) if not kosong(k)}
    harus = {"kegiatan": "program", "sub_kegiatan": "kegiatan"}
    punya_anak = {k for k in renja["kode_induk"] if not kosong(k)}
    kolom = ["_baris", "kode", "jenis", "kode_induk", "pagu_perubahan", "pagu_murni"]
    for r, ada_induk in zip(renja[kolom].to_dict("records"), diketik):
        if kosong(r["kode"]) or kosong(r["jenis"]):
            continue
        ki, jenis, baris = r["kode_induk"], r["jenis"], int(r["_baris"])
        if jenis == "program":
            if ki:
                masalah.append(_m("program tidak boleh punya induk", "renja", sumber, baris,
                                  "kode_induk", ki, saran="kosongkan kode_induk program"))
            continue
        if not ki or ki not in kode_renja:
            diturunkan = "" if ada_induk else " (diturunkan dari kode karena kode_induk kosong)"
            masalah.append(_m(
                f"{jenis} '{r['kode']}' tidak punya induk: kode_induk '{ki or '-'}'{diturunkan} "
                "tidak ada di lembar renja", "renja", sumber, baris, "kode_induk", ki or r["kode"],
                harapan=f"kode {harus[jenis]} yang ada di lembar renja",
                saran=f"kode_induk adalah kode {harus[jenis]} yang membawahinya; tambahkan baris "
                      f"{harus[jenis]} '{ki}' atau isi kode_induk dengan kode yang benar. Kolom kode_induk "
                      f"boleh dikosongkan: lkj menurunkannya dari kode dengan membuang segmen terakhir "
                      f"('1.2.3' → '1.2')"))
        elif kode_renja[ki] != harus[jenis]:
            masalah.append(_m(f"induk {jenis} harus {harus[jenis]}", "renja", sumber, baris, "kode_induk", ki,
                              harapan=harus[jenis], saran="perbaiki jenis atau kode_induk"))
        # node terbawah (sub kegiatan; kegiatan tanpa sub kegiatan) membawa pagu
        if r["kode"] not in punya_anak and pd.isna(r["pagu_perubahan"]) and pd.isna(r["pagu_murni"]):
            masalah.append(_m(f"{str(jenis).replace('_', ' ')} tanpa pagu", "renja", sumber, baris,
                              "pagu_perubahan", "", saran="isi pagu_murni dan/atau pagu_perubahan (node tanpa "
                                                          "anak menjadi dasar jumlah anggaran induknya)"))
    return kode_renja


def _tahun(t, profil: Profil, sumber, masalah) -> None:
    """Tahun data terhadap periode Renstra dan tahun laporan.

    - target_renstra, perjanjian_kinerja: harus di dalam periode (galat);
    - realisasi, pembanding, nspk, ip_asn: tahun *sebelum* periode diterima sebagai riwayat
      (satu peringatan per lembar); tahun setelah periode adalah galat;
    - realisasi setelah tahun laporan: galat.
    """
    lo, hi = profil.renstra_mulai, profil.renstra_akhir
    for nama in ("target_renstra", "perjanjian_kinerja", "realisasi", "pembanding", "nspk", "ip_asn"):
        df = t.get(nama)
        if df is None or df.empty or "tahun" not in df:
            continue
        riwayat: set[int] = set()
        for baris, th in zip(df["_baris"], df["tahun"]):
            if kosong(th):
                continue
            th = int(th)
            if th < lo and nama not in ("target_renstra", "perjanjian_kinerja"):
                riwayat.add(th)
            elif not lo <= th <= hi:
                masalah.append(_m("tahun di luar periode Renstra", nama, sumber, int(baris), "tahun", th,
                                  harapan=f"{lo}..{hi}",
                                  saran="perbaiki tahun atau periode renstra di lkj.yaml"
                                  + ("; target hanya untuk tahun di dalam periode"
                                     if nama in ("target_renstra", "perjanjian_kinerja") else "")))
            elif nama == "realisasi" and th > profil.tahun:
                masalah.append(_m("realisasi untuk tahun setelah tahun laporan", nama, sumber,
                                  int(baris), "tahun", th, harapan=f"≤ {profil.tahun}"))
        if riwayat:
            masalah.append(_m(f"tahun sebelum periode Renstra ({lo}..{hi}) diterima sebagai riwayat",
                              nama, sumber, None, "tahun", ", ".join(map(str, sorted(riwayat))),
                              tingkat="peringatan",
                              saran="tidak perlu diperbaiki bila memang data tahun-tahun sebelumnya"))


def periksa_silang(t: dict[str, pd.DataFrame], profil: Profil | None,
                   sumber: dict[str, str]) -> list[Masalah]:
    masalah: list[Masalah] = _kunci_unik(t, sumber)

    def rujuk(nama, kolom, target_set, target_desc, filt_kolom=None, filt_nilai=None):
        df = t.get(nama)
        if df is None or df.empty:
            return
        filt = df[filt_kolom] if filt_kolom else [filt_nilai] * len(df)
        for baris, v, f in zip(df["_baris"], df[kolom], filt):
            if kosong(v) or f != filt_nilai or v in target_set:
                continue
            masalah.append(_m(f"{kolom} merujuk ke {target_desc} yang tidak ada", nama, sumber,
                              int(baris), kolom, v,
                              saran=f"tambahkan di lembar {target_desc} atau perbaiki kodenya"))

    tujuan = set(t["tujuan"]["kode_tujuan"].dropna()) if "tujuan" in t else set()
    sasaran = set(t["sasaran"]["kode_sasaran"].dropna()) if "sasaran" in t else set()
    ind = t.get("indikator")
    indikator = set(ind["kode_indikator"].dropna()) if ind is not None else set()
    rujuk("sasaran", "kode_tujuan", tujuan, "tujuan")
    rujuk("indikator", "kode_induk", tujuan, "tujuan", "level", "tujuan")
    rujuk("indikator", "kode_induk", sasaran, "sasaran", "level", "sasaran")
    for nama in ("target_renstra", "perjanjian_kinerja", "realisasi", "pembanding"):
        rujuk(nama, "kode_indikator", indikator, "indikator")

    kode_renja = _renja(t, sumber, masalah)
    rujuk("indikator_renja", "kode", set(kode_renja), "renja")
    rujuk("indikator_renja", "kode_anggaran", set(kode_renja), "renja")
    rujuk("sasaran_program", "kode_sasaran", sasaran, "sasaran")
    rujuk("sasaran_program", "kode_program", {k for k, j in kode_renja.items() if j == "program"},
          "renja (jenis program)")

    # realisasi: status vs nilai
    real = t.get("realisasi")
    if real is not None and not real.empty:
        for baris, status, nilai in zip(real["_baris"], real["status"], real["realisasi"]):
            if status == "belum_rilis" and not pd.isna(nilai):
                masalah.append(_m("status belum_rilis tetapi realisasi diisi", "realisasi", sumber,
                                  int(baris), "status", status,
                                  saran="kosongkan realisasi atau ubah status", tingkat="peringatan"))
            if status not in (None, "belum_rilis") and pd.isna(nilai):
                masalah.append(_m("realisasi kosong", "realisasi", sumber, int(baris), "realisasi", "",
                                  saran="isi nilai realisasi atau ubah status menjadi belum_rilis"))

    if profil is not None:
        _tahun(t, profil, sumber, masalah)
    masalah += periksa_persen(t, sumber)
    masalah += periksa_instrumen(t, profil, sumber)

    # rekap SKM per unsur: unsur lengkap, jumlah_nilai/nrr sesuai (aturannya milik modul IKM)
    if t.get("skm_rekap") is not None and not t["skm_rekap"].empty:
        from ..instrumen.rekap_skm import periksa_rekap  # instrumen di lapisan bawah masukan

        masalah += periksa_rekap(t["skm_rekap"], sumber.get("skm_rekap", ""))
    return masalah
