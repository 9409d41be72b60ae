"""Pemeriksaan silang antartabel: id unik, rujukan yang dikenal, induk kode, tahun dalam periode."""

from __future__ import annotations

import pandas as pd

from ..errors import Masalah
from ..profil import Profil
from ..schema import TABEL_DICT


def _m(pesan, tabel, sumber, baris=None, kolom="", nilai="", harapan="", saran="", tingkat="galat"):
    return Masalah(pesan, berkas=sumber.get(tabel, ""), lembar=tabel, baris=baris, kolom=kolom,
                   nilai=str(nilai), harapan=harapan, saran=saran, tingkat=tingkat)


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


def periksa_silang(t: dict[str, pd.DataFrame], profil: Profil | None,
                   sumber: dict[str, str]) -> list[Masalah]:
    masalah: list[Masalah] = []

    # 1. kunci unik
    for nama, df in t.items():
        tabel = TABEL_DICT[nama]
        if not tabel.kunci or df.empty:
            continue
        kunci = list(tabel.kunci)
        sub = df[kunci].astype(str)
        dup = sub.duplicated(keep="first")
        for i in df.index[dup]:
            nilai = ", ".join(f"{k}={df.at[i, k]}" for k in kunci)
            pertama = df.loc[(sub == sub.loc[i]).all(axis=1), "_baris"].iloc[0]
            masalah.append(_m("id ganda", nama, sumber, int(df.at[i, "_baris"]), "/".join(kunci), nilai,
                              saran=f"sudah dipakai di baris {pertama}; buat unik atau hapus salah satu"))

    def rujuk(nama, kolom, target_set, target_desc, filt=None):
        df = t.get(nama)
        if df is None or df.empty:
            return
        for _, r in df.iterrows():
            v = r[kolom]
            if v is None or (isinstance(v, float) and pd.isna(v)):
                continue
            if filt is not None and not filt(r):
                continue
            if v not in target_set:
                masalah.append(_m(f"{kolom} merujuk ke {target_desc} yang tidak ada", nama, sumber,
                                  int(r["_baris"]), kolom, v,
                                  saran=f"tambahkan di lembar {target_desc} atau perbaiki kodenya"))

    tujuan = set(t["tujuan"]["kode_tujuan"].dropna()) if "tujuan" in t else set()
    sasaran = set(t["sasaran"]["kode_sasaran"].dropna()) if "sasaran" in t else set()
    ind = t.get("indikator")
    indikator = set(ind["kode_indikator"].dropna()) if ind is not None else set()
    rujuk("sasaran", "kode_tujuan", tujuan, "tujuan")
    rujuk("indikator", "kode_induk", tujuan, "tujuan", lambda r: r["level"] == "tujuan")
    rujuk("indikator", "kode_induk", sasaran, "sasaran", lambda r: r["level"] == "sasaran")
    for nama in ("target_renstra", "perjanjian_kinerja", "realisasi", "pembanding"):
        rujuk(nama, "kode_indikator", indikator, "indikator")

    # 2. renja: induk ada dan jenisnya sesuai
    renja = t.get("renja")
    kode_renja: dict[str, str] = {}
    if renja is not None and not renja.empty:
        renja = lengkapi_renja(renja)
        t["renja"] = renja
        kode_renja = dict(zip(renja["kode"], renja["jenis"]))
        harus = {"kegiatan": "program", "sub_kegiatan": "kegiatan"}
        for _, r in renja.iterrows():
            if r["kode"] is None or r["jenis"] is None:
                continue
            ki = r["kode_induk"]
            if r["jenis"] == "program":
                if ki:
                    masalah.append(_m("program tidak boleh punya induk", "renja", sumber, int(r["_baris"]),
                                      "kode_induk", ki, saran="kosongkan kode_induk program"))
                continue
            if not ki or ki not in kode_renja:
                masalah.append(_m(f"{r['jenis']} '{r['kode']}' tidak punya induk", "renja", sumber,
                                  int(r["_baris"]), "kode_induk" if ki else "kode", ki or r["kode"],
                                  harapan=f"kode {harus[r['jenis']]} yang ada di lembar renja",
                                  saran=f"tambahkan baris {harus[r['jenis']]} '{ki}' atau perbaiki kode"))
            elif kode_renja[ki] != harus[r["jenis"]]:
                masalah.append(_m(f"induk {r['jenis']} harus {harus[r['jenis']]}", "renja", sumber,
                                  int(r["_baris"]), "kode_induk", ki,
                                  harapan=harus[r["jenis"]], saran="perbaiki jenis atau kode induk"))
        punya_anak = set(renja["kode_induk"].dropna())
        for _, r in renja.iterrows():  # node terbawah (sub kegiatan; kegiatan tanpa sub kegiatan) membawa pagu
            if r["kode"] not in punya_anak and pd.isna(r["pagu_perubahan"]) and pd.isna(r["pagu_murni"]):
                masalah.append(_m(f"{str(r['jenis']).replace('_', ' ')} tanpa pagu", "renja", sumber,
                                  int(r["_baris"]), "pagu_perubahan", "",
                                  saran="isi pagu_murni dan/atau pagu_perubahan (node tanpa anak menjadi dasar "
                                        "jumlah anggaran induknya)"))
    rujuk("indikator_renja", "kode", set(kode_renja), "renja")
    rujuk("indikator_renja", "kode_anggaran", set(kode_renja), "renja")
    rujuk("sasaran_program", "kode_sasaran", sasaran, "sasaran")
    rujuk("sasaran_program", "kode_program", {k for k, j in kode_renja.items() if j == "program"},
          "renja (jenis program)")

    # 3. realisasi: status vs nilai
    real = t.get("realisasi")
    if real is not None:
        for _, r in real.iterrows():
            if r["status"] == "belum_rilis" and not pd.isna(r["realisasi"]):
                masalah.append(_m("status belum_rilis tetapi realisasi diisi", "realisasi", sumber,
                                  int(r["_baris"]), "status", r["status"],
                                  saran="kosongkan realisasi atau ubah status", tingkat="peringatan"))
            if r["status"] not in (None, "belum_rilis") and pd.isna(r["realisasi"]):
                masalah.append(_m("realisasi kosong", "realisasi", sumber, int(r["_baris"]), "realisasi", "",
                                  saran="isi nilai realisasi atau ubah status menjadi belum_rilis"))

    # 4. tahun di dalam periode Renstra
    if profil is not None:
        lo, hi = profil.renstra_mulai, profil.renstra_akhir
        for nama in ("target_renstra", "perjanjian_kinerja", "realisasi", "pembanding", "nspk", "ip_asn"):
            df = t.get(nama)
            if df is None or df.empty or "tahun" not in df:
                continue
            for _, r in df.iterrows():
                th = r["tahun"]
                if pd.isna(th):
                    continue
                if not lo <= int(th) <= hi:
                    masalah.append(_m("tahun di luar periode Renstra", nama, sumber, int(r["_baris"]),
                                      "tahun", int(th), harapan=f"{lo}..{hi}",
                                      saran="perbaiki tahun atau periode renstra di lkj.yaml"))
                elif nama == "realisasi" and int(th) > profil.tahun:
                    masalah.append(_m("realisasi untuk tahun setelah tahun laporan", nama, sumber,
                                      int(r["_baris"]), "tahun", int(th), harapan=f"≤ {profil.tahun}"))
    return masalah
