"""Audit angka instrumen (IKM, Sistem Merit, NSPK, IP ASN) yang dicetak di samping data mentahnya."""

from __future__ import annotations

import re

import pandas as pd

from ..ukur.hasil import HasilKinerja
from ..errors import LkjError
from .dilaporkan import TakDikenal, iku_tahun, simpan
from .temuan import Temuan, bandingkan_angka, label_cocok


def _hasil_ikm(h: HasilKinerja):
    def buat():
        r, ket = h.hasil_ikm
        if r is None:
            raise TakDikenal(ket)
        return r
    return simpan(h, ("ikm",), buat)


def _hasil_merit(h: HasilKinerja, tahun: int):
    def buat():
        r = h.hasil_merit(tahun)
        if r is None:
            raise TakDikenal("lembar sistem_merit kosong untuk tahun ini")
        return r
    return simpan(h, ("merit", tahun), buat)


def _hasil_ip_asn(h: HasilKinerja):
    return simpan(h, ("ip_asn",), lambda: h.hasil_ip_asn)


def _realisasi_instrumen(h: HasilKinerja, instrumen_prefix: str, tahun: int) -> float:
    """Realisasi IKU yang menyatakan instrumen ini di kolom ``indikator.instrumen``."""
    ind = h.data["indikator"]
    kode = ind.loc[ind["instrumen"].fillna("").str.startswith(instrumen_prefix), "kode_indikator"]
    if kode.empty:
        raise TakDikenal(f"tidak ada indikator dengan instrumen {instrumen_prefix}")
    df = iku_tahun(h, tahun)
    return float(df.set_index("kode_indikator").at[kode.iloc[0], "realisasi"])


def nilai_instrumen(h: HasilKinerja, kode: str, tahun: int, besaran: str, catatan: str = ""):
    from ..instrumen import kategori_merit, kategori_nspk

    kode = (kode or "").lower()
    try:
        if kode == "ikm":
            r = _hasil_ikm(h)
            m = re.fullmatch(r"(nrr|nrrt)_u([1-9])", besaran)
            if m:
                return (r.NRR if m.group(1) == "nrr" else r.NRRT)[int(m.group(2)) - 1], "angka"
            if besaran == "ikm":
                return r.ikm, "angka"
            if besaran == "nrrt_total":
                return float(sum(r.NRRT)), "angka"
            if besaran == "n_responden":
                return float(r.n_responden), "angka"
            if besaran in ("n_sampel", "persen_responden_sampel"):
                if r.sampel_minimal is None:
                    raise TakDikenal("sampel minimal dihitung dari populasi layanan (Krejcie–Morgan) dan populasi "
                                     "tidak diisi; hitungan tercetaknya dapat dicatat sebagai objek rincian")
                v = float(r.sampel_minimal)
                return (v if besaran == "n_sampel" else r.n_responden / v * 100), "angka"
            m = re.fullmatch(r"rentang_mutu_([abcd])", besaran)
            if m:  # rentang IKM/NIK mutu X menurut PermenPAN-RB 14/2017 (25–100)
                from ..instrumen.ikm import MUTU

                i = "abcd".index(m.group(1))
                lo = MUTU[i][0] if MUTU[i][0] > 0 else 25.0
                hi = 100.0 if i == 0 else round(MUTU[i - 1][0] - 0.01, 2)
                return (lo, hi), "rentang_baku"
            m = re.fullmatch(r"n_u([1-9])", besaran)
            if m:
                return float(r.jumlah[int(m.group(1)) - 1]), "angka"
            m = re.fullmatch(r"(n|persen)_(laki|perempuan)", besaran)
            if m:
                if h.data["skm"].empty:
                    raise TakDikenal("jenis kelamin responden hanya ada di jawaban per responden (lembar skm), "
                                      "bukan di rekap per unsur")
                jk = h.data["skm"]["jenis_kelamin"].fillna("").astype(str).str.strip().str.upper().str[0]
                if not jk.isin(["L", "P"]).any():
                    # rekap L/P tanpa jenis kelamin per responden: tidak dapat diperiksa, bukan 0
                    raise TakDikenal("kolom jenis_kelamin lembar skm kosong")
                n = float((jk == ("L" if m.group(2) == "laki" else "P")).sum())
                return (n if m.group(1) == "n" else n / len(jk) * 100), "angka"
            if besaran in ("mutu", "kinerja"):
                return (r.mutu, r.kinerja, f"{r.mutu} ({r.kinerja})", f"{r.mutu} {r.kinerja}"), "label"
        if kode == "sistem_merit" and besaran in ("kategori", "predikat", "indeks", "indeks_rentang"):
            v = _realisasi_instrumen(h, "sistem_merit", tahun)
            romawi, label = kategori_merit(v)
            if besaran == "kategori":
                return (romawi, label, f"{romawi} {label}"), "label"
            if besaran == "predikat":
                return (label,), "label"
            return v / h.profil.pengaturan.indeks_merit_pembagi, ("rentang" if besaran == "indeks_rentang" else "angka")
        if kode == "sistem_merit":
            r = _hasil_merit(h, tahun)
            if besaran in ("total_mandiri", "total_verifikasi"):
                return getattr(r, besaran), "angka"
            if besaran == "jumlah_aspek":
                return float(len(r.aspek)), "angka"
            if besaran == "jumlah_indikator":
                return float(len(r.indikator)), "angka"
            if besaran == "jumlah_bobot":
                return float(r.indikator["bobot"].sum()), "angka"
            if besaran in ("kategori_mandiri", "kategori_verifikasi"):
                v = getattr(r, besaran)
                if v is None:
                    raise TakDikenal(f"{besaran} tidak tersedia (verifikasi belum lengkap)")
                return (v, v.split(" ", 1)[-1]), "label"
            m = re.fullmatch(r"(mandiri|verifikasi)_indikator_([1-9])_(\d+)", besaran)
            if m:
                ind = r.indikator
                baris = ind[(ind["no_aspek"] == int(m.group(2))) & (ind["no_indikator"] == int(m.group(3)))]
                if not baris.empty:
                    kol = "nilai_verifikasi_akhir" if m.group(1) == "verifikasi" else "nilai_mandiri"
                    if kol in baris.columns:
                        return float(baris.iloc[0][kol]), "angka"
            m = re.fullmatch(r"(mandiri|verifikasi)_aspek_([1-9])", besaran)
            if m:
                a = r.aspek
                baris = a[a["no_aspek"] == int(m.group(2))]
                if not baris.empty:
                    return float(baris.iloc[0][m.group(1)]), "angka"
        if kode == "nspk" and besaran in ("indeks", "nilai"):
            return _realisasi_instrumen(h, "nspk", tahun), "angka"
        if kode == "nspk" and besaran in ("kategori", "predikat"):
            v = _realisasi_instrumen(h, "nspk", tahun)
            pred, kat = kategori_nspk(v)
            return ((kat, pred) if besaran == "kategori" else (pred, f"Kategori {pred}")), "label"
        if kode == "ip_asn" and besaran in ("nilai", "total"):
            df = _hasil_ip_asn(h)
            sub = df[(df["tahun"] == tahun) & (df["wilayah"].str.lower() == catatan.strip().lower())]
            if sub.empty:
                sub = df[(df["tahun"] == tahun) & (df["sendiri"] == "ya")]
            if not sub.empty:
                return float(sub.iloc[0]["total"]), "angka"
    except LkjError as e:  # data instrumen tidak dapat dihitung: baris ini tak teraudit, bukan bug
        raise TakDikenal(str(e)) from e
    raise TakDikenal(f"instrumen {kode}: {besaran}")


def _kategori_pembanding(instrumen: str, nilai: float) -> tuple[str, ...] | None:
    from ..instrumen import kategori_ip_asn, kategori_merit, kategori_nspk

    if instrumen == "nspk":
        p, k = kategori_nspk(nilai)
        return (k, p)
    if instrumen.startswith("sistem_merit"):
        romawi, label = kategori_merit(nilai)
        return (label, f"{romawi} {label}", romawi)
    if instrumen == "ip_asn":
        return (kategori_ip_asn(nilai),)
    return None


def audit_instrumen(h: HasilKinerja) -> list[Temuan]:
    out: list[Temuan] = []
    d = h.data
    # IP ASN: total tercetak vs jumlah dimensi
    if not d["ip_asn"].empty:
        df = _hasil_ip_asn(h)
        for r in df.to_dict("records"):
            if pd.isna(r.get("nilai_dilaporkan")):
                continue
            teks = f"{r['nilai_dilaporkan']:.2f}".replace(".", ",")
            sel = float(r["nilai_dilaporkan"]) - float(r["total"])
            if abs(sel) <= 0.005 + 1e-9:
                continue
            # empat dimensi tercetak dua desimal: jumlahnya hanya pasti dalam ±4 × 0,005
            bulat = abs(sel) <= 4 * 0.005 + 0.005 + 1e-9
            sendiri = str(r.get("sendiri") or "").strip().lower() == "ya"
            wilayah = "" if sendiri else f":{str(r['wilayah']).strip().lower()}"
            out.append(Temuan("info" if bulat else "galat", "ip_asn_total",
                              f"ip_asn {r['wilayah']} {r['tahun']}", "instrumen", "ip_asn", "total",
                              teks, f"{r['total']:.2f}".replace(".", ","), sel,
                              "pembulatan: keempat dimensi tercetak dua desimal, jumlahnya dalam selang "
                              "pembulatan nilai tercetak" if bulat else
                              "nilai IP ASN tercetak berbeda dengan jumlah keempat dimensinya",
                              f"ip_asn:{r['_baris']}",
                              kunci=("instrumen", "ip_asn" + wilayah, int(r["tahun"]), "nilai")))
    # Sistem Merit: Σ bobot harus 100 (nilai maksimum 400 = batas skala kategori)
    if not d["sistem_merit"].empty:
        sm = d["sistem_merit"]
        for th in sorted({int(t) for t in sm["tahun"].dropna()} or {h.tahun}):
            try:
                r = _hasil_merit(h, th)
            except (TakDikenal, LkjError):
                continue
            bobot = float(r.indikator["bobot"].sum())
            if abs(bobot - 100) > 1e-6:
                out.append(Temuan("peringatan", "bobot_merit", f"sistem_merit {th}", "instrumen", "sistem_merit",
                                  "jumlah_bobot", dihitung=f"{bobot:g}".replace(".", ","),
                                  pesan=f"jumlah bobot {len(r.indikator)} indikator = {bobot:g} (bukan 100): nilai "
                                        f"maksimum {4 * bobot:g} tidak sesuai skala kategori 0–400".replace(".", ","),
                                  sumber="sistem_merit"))
    # Pembanding: kategori/predikat tercetak vs skala instrumen
    ind = d["indikator"].set_index("kode_indikator")
    for r in d["pembanding"].to_dict("records"):
        inst = ind.at[r["kode_indikator"], "instrumen"] if r["kode_indikator"] in ind.index else None
        if not isinstance(inst, str) or pd.isna(r["nilai"]):
            continue
        calon = _kategori_pembanding(inst, r["nilai"])
        if calon is None:
            continue
        for kol in ("kategori_dilaporkan", "predikat_dilaporkan"):
            v = r[kol]
            if isinstance(v, str) and v.strip() and not label_cocok(v, *calon):
                out.append(Temuan("galat", "kategori_pembanding", f"pembanding {r['wilayah']} {r['tahun']}",
                                  "iku", r["kode_indikator"], kol.replace("_dilaporkan", ""), v,
                                  " / ".join(calon), None,
                                  "kategori/predikat tercetak tidak sesuai skala instrumen",
                                  f"pembanding:{r['_baris']}"))
    # SKM: baris tidak sah
    if not d["skm"].empty:
        try:
            r = _hasil_ikm(h)
        except LkjError:  # IKM tidak dapat dihitung (lembar kosong/tidak sah): sudah dilaporkan pemuat
            r = None
        if r is not None and r.invalid_rows:
            out.append(Temuan("peringatan", "skm_tidak_sah", "skm", "instrumen", "ikm", "n_responden",
                              dilaporkan=str(len(r.invalid_rows) + r.n_responden), dihitung=str(r.n_responden),
                              pesan=f"{len(r.invalid_rows)} baris jawaban SKM tidak sah dan dikeluarkan "
                                    "(nilai di luar 1-4 atau kosong)"))
    # Rekap SKM di samping jawaban per responden: jawaban yang dipakai, rekap diaudit terhadapnya
    if not d["skm"].empty and not d.tabel.get("skm_rekap", pd.DataFrame()).empty:
        from ..instrumen import audit_rekap

        for s in audit_rekap(d["skm"], d["skm_rekap"]):
            out.append(Temuan("galat", "skm_rekap", " ".join(x for x in ("skm_rekap", s["layanan"], s["unsur"]) if x),
                              "instrumen", "ikm", s["besaran"], str(s["rekap"]), str(s["jawaban"]),
                              pesan=s["pesan"] + " (IKM dihitung dari jawaban per responden)",
                              sumber=f"skm_rekap:{s['baris']}"))
    return out
