"""IKM dari **rekap** SKM per unsur (lembar ``skm_rekap``), bukan dari jawaban per responden.

Banyak unit hanya menerima rekap dari aplikasi SKM: per unsur U1..U9 (kadang per layanan)
jumlah responden dan jumlah nilai, atau NRR. Rumusnya sama persis dengan jawaban mentah
(:func:`lkj_lib.instrumen.ikm.inti_dari_jumlah`): ``NRR_u = Σ jumlah_nilai / Σ jumlah_responden``.
Bila hanya NRR yang tersedia, jumlah nilai = NRR × jumlah responden (NRR yang dibulatkan
dapat menggeser IKM sedikit; keterangannya mengatakan demikian).
"""

from __future__ import annotations

import math

import pandas as pd

from ..errors import InputError, Masalah
from .ikm import (
    KOLOM_UNSUR, TIDAK_DIISI, UNSUR, HasilIKM, inti_dari_jumlah, mutu_ikm, periksa_penimbang, pisah_sah,
    sampel_krejcie_morgan,
)

KODE_UNSUR = tuple(k for k, _ in UNSUR)
KOLOM_REKAP = ("layanan", "unsur", "jumlah_responden", "jumlah_nilai", "nrr")

PENJELASAN_BENTUK = (
    "Berkas SKM diterima dalam dua bentuk:\n"
    "  1. jawaban per responden: satu baris per responden, kolom u1..u9 bernilai 1-4 "
    "(opsional: responden, tanggal, layanan, jenis_kelamin, pendidikan, pekerjaan, usia);\n"
    "  2. rekap per unsur: satu baris per unsur, kolom unsur (U1..U9) dan jumlah_responden, "
    "ditambah jumlah_nilai dan/atau nrr (opsional: layanan, untuk rekap per layanan).\n"
    "Lihat docs/instrumen.md bagian 'Rekap per unsur'."
)


def bentuk_skm(kolom) -> str | None:
    """'jawaban' bila ada kolom u1..u9, 'rekap' bila ada unsur + jumlah_responden, selain itu None."""
    k = {str(x).strip().lower() for x in (kolom or ())}
    if all(u in k for u in KOLOM_UNSUR):
        return "jawaban"
    if {"unsur", "jumlah_responden"} <= k:
        return "rekap"
    return None


def _kosong(v) -> bool:
    return v is None or v is pd.NA or (isinstance(v, float) and math.isnan(v)) or (
        isinstance(v, str) and not v.strip())


def _desimal(x: float) -> int:
    """Banyak angka di belakang koma yang dituliskan (3,5 → 1; 3,495 → 3; paling banyak 9)."""
    for d in range(10):
        if abs(round(x, d) - x) < 1e-9:
            return d
    return 9


def _unsur(v) -> str | None:
    s = str(v).strip().upper()
    s = s if s.startswith("U") else "U" + s
    return s if s in KODE_UNSUR else None


def _baris_sah(df: pd.DataFrame, berkas: str = "") -> tuple[list[dict], list[Masalah]]:
    """Tafsir dan periksa setiap baris rekap; kembalikan (baris, masalah)."""
    def m(pesan, baris, kolom, nilai="", harapan="", saran=""):
        return Masalah(pesan, berkas=berkas, lembar="skm_rekap", baris=baris, kolom=kolom, nilai=str(nilai),
                       harapan=harapan, saran=saran)

    masalah: list[Masalah] = []
    if "jumlah_nilai" not in df.columns and "nrr" not in df.columns:
        return [], [m("rekap SKM tanpa kolom jumlah_nilai maupun nrr", 1, "jumlah_nilai",
                      saran="tambahkan kolom jumlah_nilai (jumlah nilai jawaban per unsur) atau nrr")]
    nomor = df["_baris"].tolist() if "_baris" in df.columns else list(range(2, len(df) + 2))
    rows = []
    for pos, r in enumerate(df.to_dict("records")):
        b = int(nomor[pos])
        kode = None if _kosong(r.get("unsur")) else _unsur(r["unsur"])
        if kode is None:
            masalah.append(m("unsur tidak dikenal", b, "unsur", r.get("unsur") or "",
                             harapan="U1..U9", saran="tulis kode unsur U1 sampai U9"))
        n = r.get("jumlah_responden")
        if _kosong(n) or float(n) < 1 or not float(n).is_integer():
            masalah.append(m("jumlah_responden harus bilangan bulat ≥ 1", b, "jumlah_responden",
                             "" if _kosong(n) else n))
            n = None
        else:
            n = int(n)
        j = None if _kosong(r.get("jumlah_nilai")) else float(r["jumlah_nilai"])
        nrr = None if _kosong(r.get("nrr")) else float(r["nrr"])
        if j is None and nrr is None:
            masalah.append(m("jumlah_nilai dan nrr kosong", b, "jumlah_nilai",
                             saran="isi salah satu (jumlah nilai jawaban unsur ini, atau NRR-nya)"))
        if nrr is not None and not 1 <= nrr <= 4:
            masalah.append(m("NRR di luar 1-4", b, "nrr", nrr, harapan="1 ≤ NRR ≤ 4",
                             saran="NRR adalah rata-rata jawaban 1-4; periksa pemisah desimal"))
        if j is not None and n is not None:
            if not j.is_integer():
                masalah.append(m("jumlah_nilai bukan bilangan bulat", b, "jumlah_nilai", j,
                                 saran="jumlah nilai jawaban 1-4 selalu bilangan bulat"))
            elif not n <= j <= 4 * n:
                masalah.append(m("jumlah_nilai tidak mungkin untuk jumlah responden ini", b, "jumlah_nilai",
                                 f"{j:g}", harapan=f"{n}..{4 * n} (1 sampai 4 × {n} responden)"))
            elif nrr is not None and abs(j / n - nrr) > 0.5 * 10 ** -_desimal(nrr) + 1e-9:
                masalah.append(m("nrr tidak sesuai jumlah_nilai / jumlah_responden", b, "nrr", nrr,
                                 harapan=f"{j / n:.{max(_desimal(nrr), 3)}f} ({j:g} / {n})".replace(".", ","),
                                 saran="perbaiki salah satu, atau kosongkan nrr"))
        rows.append({"_baris": b, "layanan": "" if _kosong(r.get("layanan")) else str(r["layanan"]).strip(),
                     "unsur": kode, "jumlah_responden": n,
                     "jumlah_nilai": j if j is not None else (nrr * n if nrr is not None and n else None),
                     "nrr": nrr, "dari_nrr": j is None})
    # setiap layanan harus lengkap U1..U9, sekali saja
    layanan = sorted({r["layanan"] for r in rows})
    if "" in layanan and len(layanan) > 1:
        b = next(r["_baris"] for r in rows if r["layanan"] == "")
        masalah.append(m("baris tanpa layanan bercampur dengan baris berlayanan", b, "layanan",
                         saran="isi layanan di semua baris, atau kosongkan di semua baris"))
    for lay in layanan:
        ada = [r["unsur"] for r in rows if r["layanan"] == lay and r["unsur"]]
        kurang = [u for u in KODE_UNSUR if u not in ada]
        ganda = sorted({u for u in ada if ada.count(u) > 1})
        nama = f"layanan '{lay}'" if lay else "rekap"
        b = next(r["_baris"] for r in rows if r["layanan"] == lay)
        if kurang:
            masalah.append(m(f"{nama} tidak memuat unsur " + ", ".join(kurang), b, "unsur",
                             saran="rekap harus memuat kesembilan unsur U1..U9"))
        if ganda:
            masalah.append(m(f"{nama} memuat unsur ganda " + ", ".join(ganda), b, "unsur"))
    return rows, masalah


def _jumlah(rows: list[dict]) -> tuple[list[int], list[float], int]:
    """N dan jumlah nilai per unsur, dan jumlah responden (terbesar antarunsur, dijumlah per layanan)."""
    N = [sum(r["jumlah_responden"] for r in rows if r["unsur"] == u) for u in KODE_UNSUR]
    jumlah = [math.fsum(r["jumlah_nilai"] for r in rows if r["unsur"] == u) for u in KODE_UNSUR]
    n_resp = sum(max(r["jumlah_responden"] for r in rows if r["layanan"] == lay)
                 for lay in {r["layanan"] for r in rows})
    return N, jumlah, n_resp


def hitung_ikm_rekap(df: pd.DataFrame, penimbang=(1 / 9,) * 9, populasi: int | None = None,
                     berkas: str = "") -> HasilIKM:
    """IKM dari lembar ``skm_rekap``: baris per unsur (per layanan bila ada).

    Hasilnya :class:`HasilIKM` dengan ``bentuk = "rekap"``; ``per_layanan()`` tersedia bila
    rekap per layanan, pengelompokan lain tidak (perlu jawaban per responden). Naikkan
    :class:`InputError` berisi semua masalah (baris, kolom) bila rekap tidak sah; ``berkas``
    hanya untuk menunjuk lokasi dalam pesan.
    """
    w = periksa_penimbang(penimbang)
    rows, masalah = _baris_sah(df, berkas)
    if not rows and not masalah:
        masalah.append(Masalah("lembar skm_rekap kosong", berkas=berkas, lembar="skm_rekap",
                               saran="isi satu baris per unsur U1..U9"))
    if masalah:
        raise InputError(masalah)
    N, jumlah, NRR, NRRT, ikm = inti_dari_jumlah(*_jumlah(rows)[:2], w)
    mutu, kinerja = mutu_ikm(ikm)
    per_layanan = []
    for lay in sorted({r["layanan"] for r in rows}, key=lambda v: (v == "", v.lower())):
        sub = [r for r in rows if r["layanan"] == lay]
        n_l, j_l, n_resp_l = _jumlah(sub)
        _, _, nrr_l, _, ikm_l = inti_dari_jumlah(n_l, j_l, w)
        m_l, k_l = mutu_ikm(ikm_l)
        per_layanan.append({"layanan": lay or TIDAK_DIISI, "n_responden": n_resp_l, "ikm": ikm_l,
                            "mutu": m_l, "kinerja": k_l,
                            **{f"NRR_{u}": x for u, x in zip(KODE_UNSUR, nrr_l)}})
    return HasilIKM(
        n_responden=_jumlah(rows)[2], N=N, jumlah=jumlah, NRR=NRR, NRRT=NRRT, ikm=ikm, mutu=mutu,
        kinerja=kinerja, invalid_rows=[],
        sampel_minimal=sampel_krejcie_morgan(populasi) if populasi is not None else None,
        populasi=int(populasi) if populasi is not None else None, penimbang=w, bentuk="rekap",
        _layanan=pd.DataFrame(per_layanan))


def periksa_rekap(df: pd.DataFrame, berkas: str = "") -> list[Masalah]:
    """Semua masalah lembar ``skm_rekap`` (untuk ``lkj validate``); [] bila sah atau kosong."""
    return _baris_sah(df, berkas)[1] if not df.empty else []


def dari_nrr_saja(df: pd.DataFrame) -> bool:
    """True bila setidaknya satu baris rekap hanya berisi NRR (jumlah nilai diturunkan)."""
    return any(r["dari_nrr"] for r in _baris_sah(df)[0])


def rekap_dari_jawaban(skm: pd.DataFrame, per_layanan: bool = False) -> pd.DataFrame:
    """Rekap per unsur (bentuk lembar ``skm_rekap``) dari jawaban per responden yang sah."""
    sah, _ = pisah_sah(skm)
    if per_layanan and "layanan" in sah.columns:
        kelompok = sah["layanan"].fillna("").astype(str).str.strip()
    else:
        kelompok = pd.Series("", index=sah.index)
    rows = []
    for lay in sorted(set(kelompok), key=str.lower):
        sub = sah[kelompok == lay]
        for u, k in zip(KODE_UNSUR, KOLOM_UNSUR):
            n, j = int(sub[k].count()), float(sub[k].sum())
            rows.append({"layanan": lay, "unsur": u, "jumlah_responden": n, "jumlah_nilai": int(j),
                         "nrr": round(j / n, 3)})
    return pd.DataFrame(rows, columns=list(KOLOM_REKAP))


def audit_rekap(skm: pd.DataFrame, rekap: pd.DataFrame) -> list[dict]:
    """Bandingkan rekap dengan jawaban per responden; kembalikan selisih per baris rekap.

    Setiap selisih: {baris, layanan, unsur, besaran, rekap, jawaban}. Rekap berlayanan
    dibandingkan per layanan, rekap tanpa layanan dengan seluruh responden sah.
    """
    rows, masalah = _baris_sah(rekap)
    if masalah:
        return [{"baris": x.baris, "layanan": "", "unsur": "", "besaran": x.kolom, "rekap": x.nilai,
                 "jawaban": "", "pesan": x.pesan} for x in masalah]
    ada_layanan = any(r["layanan"] for r in rows)
    acuan = rekap_dari_jawaban(skm, per_layanan=ada_layanan)
    acuan = {(r["layanan"].lower(), r["unsur"]): r for r in acuan.to_dict("records")}
    out = []
    for r in rows:
        a = acuan.get((r["layanan"].lower(), r["unsur"]))
        if a is None:
            out.append({"baris": r["_baris"], "layanan": r["layanan"], "unsur": r["unsur"], "besaran": "layanan",
                        "rekap": r["layanan"], "jawaban": "", "pesan": "layanan tidak ada di jawaban per responden"})
            continue
        cek = [("jumlah_responden", r["jumlah_responden"], a["jumlah_responden"], 0.0)]
        if not r["dari_nrr"]:
            cek.append(("jumlah_nilai", r["jumlah_nilai"], a["jumlah_nilai"], 0.0))
        if r["nrr"] is not None:
            tol = 0.5 * 10 ** -_desimal(r["nrr"]) + 1e-9
            cek.append(("nrr", r["nrr"], a["jumlah_nilai"] / a["jumlah_responden"], tol))
        for besaran, v_rekap, v_jawab, tol in cek:
            if abs(float(v_rekap) - float(v_jawab)) > tol:
                out.append({"baris": r["_baris"], "layanan": r["layanan"], "unsur": r["unsur"],
                            "besaran": besaran, "rekap": v_rekap, "jawaban": v_jawab,
                            "pesan": f"{besaran} rekap berbeda dengan hasil hitung jawaban per responden"})
    return out
