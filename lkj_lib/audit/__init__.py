"""Audit: setiap angka yang dinyatakan masukan dan dapat diturunkan dihitung ulang.

Setiap ketidaksesuaian adalah :class:`Temuan` dengan tingkat (galat/peringatan/info), lokasi,
nilai tercetak, nilai hitung dan aturannya. Temuan tidak pernah menghentikan build kecuali
tingkatnya tercantum di ``pengaturan.audit_fatal``.
"""

from __future__ import annotations

import math
import re

import pandas as pd

from ..errors import InputError, LkjError, Masalah
from ..ukur.hasil import HasilKinerja
from .dilaporkan import TakDikenal, nilai_hitung
from .instrumen import audit_instrumen
from .kewajaran import audit_kewajaran
from .narasi import audit_narasi
from .narasi_angka import audit_narasi_angka
from .narasi_label import audit_narasi_label, tandai_label
from .riwayat import audit_riwayat
from .akar import beririsan, kelompokkan, label_dalam, selang_tercetak, status_selang
from .graf import Graf, _selang_monoton
from .temuan import KOLOM, Temuan, bandingkan_angka, label_cocok

__all__ = ["audit", "ringkasan", "periksa_fatal", "periksa_narasi_final", "masalah_narasi", "tandai_narasi",
           "Temuan", "KOLOM"]


def _fmt(v, rupiah=False) -> str:
    if v is None or (isinstance(v, float) and math.isnan(v)):
        return "-"
    if isinstance(v, tuple):
        return " / ".join(map(str, v))
    if rupiah:
        return f"{v:,.0f}".replace(",", ".")
    return f"{v:.4f}".rstrip("0").rstrip(".").replace(".", ",")


def _kunci(objek: str, kode: str, tahun: int, besaran: str, catatan: str) -> tuple:
    if objek == "instrumen" and (kode or "").lower() == "ip_asn":  # wilayah lain: kode ip_asn:<wilayah>
        wilayah = (catatan or "").strip().lower()
        return ("instrumen", "ip_asn" + (f":{wilayah}" if wilayah else ""), tahun, "nilai")
    return (objek, kode, tahun, besaran)


def _dilaporkan(h: HasilKinerja, graf: Graf) -> list[Temuan]:
    out: list[Temuan] = []
    df = h.data["angka_dilaporkan"]
    sumber_berkas = "angka_dilaporkan"
    hasil: dict[tuple, tuple] = {}  # (objek, kode, tahun, besaran, catatan) → nilai hitung: sekali per kunci
    sendiri = _wilayah_sendiri(h)
    for r in df.to_dict("records"):
        objek, kode = r["objek"], (r["kode"] if isinstance(r["kode"], str) else "")
        tahun = int(r["tahun"]) if not pd.isna(r["tahun"]) else h.tahun
        besaran, teks = str(r["besaran"]).strip().lower(), str(r["nilai"]).strip()
        sumber = f"{sumber_berkas}:{r['_baris']}"
        catatan = r["catatan"] if isinstance(r["catatan"], str) else ""
        kunci_graf = _kunci(objek, kode, tahun, besaran, "" if catatan.strip().lower() == sendiri else catatan)
        dasar = dict(lokasi=r["lokasi"], objek=objek, kode=kode, besaran=besaran, dilaporkan=teks, sumber=sumber,
                     kunci=kunci_graf)
        kunci = (objek, kode, tahun, besaran, catatan)
        if kunci not in hasil:
            try:
                hasil[kunci] = (nilai_hitung(h, *kunci), None)
            except TakDikenal as e:
                hasil[kunci] = (None, e)
        dihitung, e = hasil[kunci]
        if e is not None:
            out.append(Temuan("info", "tak_teraudit", pesan=f"tidak dapat dipetakan ke hasil hitung ({e})", **dasar))
            continue
        nilai, jenis = dihitung
        if jenis == "rentang":
            angka_ = re.findall(r"\d+(?:[.,]\d+)?", teks)
            if len(angka_) == 2:
                lo, hi = (float(x.replace(",", ".")) for x in angka_)
                if not lo <= nilai <= hi:
                    out.append(Temuan("galat", besaran, dihitung=_fmt(nilai), pesan="nilai hitung di luar rentang "
                                      "yang tercetak", **dasar))
            continue
        if jenis == "rentang_baku":  # batas rentang tercetak = batas baku pada presisi tercetak
            angka_ = re.findall(r"\d+(?:[.,]\d+)?", teks)
            beda = len(angka_) != 2 or any(bandingkan_angka(a, b)[0] != "cocok" for a, b in zip(angka_, nilai))
            if beda:
                out.append(Temuan("galat", besaran, dihitung=" – ".join(_fmt(v) for v in nilai),
                                  pesan="rentang tercetak berbeda dengan rentang baku", **dasar))
            continue
        if jenis == "rincian":
            out += _rincian(nilai, teks, dasar)
            continue
        if jenis == "label":
            if not label_cocok(teks, *nilai):
                mungkin = graf.interval(kunci_graf) if (s := graf.simpul(kunci_graf)) is not None and s.label else ()
                if mungkin and label_dalam(teks, mungkin):
                    out.append(Temuan("info", besaran, dihitung=_fmt(nilai), pesan="label tercetak dapat dihasilkan "
                                      "dari masukan dalam selang pembulatannya (nilai di batas kategori)", **dasar))
                    continue
                out.append(Temuan("galat", f"{besaran}", dihitung=_fmt(nilai),
                                  pesan="label tercetak berbeda dengan hasil hitung", **dasar))
            continue
        titik = objek == "instrumen"
        status, selisih = bandingkan_angka(teks, nilai, rupiah=(jenis == "rupiah"), titik_desimal=titik)
        if status == "cocok":
            continue
        if status == "tak_terbaca":
            out.append(Temuan("info", "tak_terbaca", pesan="nilai tercetak bukan bilangan", **dasar))
            continue
        if jenis != "rupiah" and selisih is not None:
            # aturan selang pembulatan: berbeda hanya bila tak ada masukan dalam selangnya yang menghasilkannya
            status = status_selang(graf, kunci_graf, teks, titik) or "beda"
        if status == "pembulatan":
            lo, hi = graf.interval(kunci_graf)
            tingkat, pesan = "info", ("pembulatan: angka tercetak dapat dihasilkan dari masukan dalam selang "
                                      f"pembulatannya (hasil hitung {_fmt(lo)} – {_fmt(hi)})")
        elif besaran.startswith("target") or besaran == "target_murni":
            tingkat, pesan = "peringatan", "target yang sama dikutip berbeda di tempat lain"
        else:
            tingkat, pesan = "galat", "angka tercetak berbeda dengan hasil hitung dari masukan"
        out.append(Temuan(tingkat, besaran, dihitung=_fmt(nilai, jenis == "rupiah"), selisih=selisih,
                          pesan=pesan, **dasar))
    return out


def _rincian(rumus, teks: str, dasar: dict) -> list[Temuan]:
    """Hitungan tercetak di prosa (objek rincian) dengan aturan selang pembulatan yang sama."""
    fn, selang = rumus
    tepat = fn(*[(a + b) / 2 for a, b in selang])
    p = selang_tercetak(teks)
    if p is None:
        return [Temuan("info", "tak_terbaca", pesan="nilai tercetak bukan bilangan", **dasar)]
    if p[0] <= tepat <= p[1]:
        return []
    lo, hi = _selang_monoton(fn, selang)
    dasar = {**dasar, "kunci": None}
    if beririsan(p, (lo, hi)):
        return [Temuan("info", "rincian", dihitung=_fmt(tepat), selisih=(p[0] + p[1]) / 2 - tepat,
                       pesan=f"pembulatan: hitungan tercetak dapat menghasilkan angka ini ({_fmt(lo)} – {_fmt(hi)})",
                       **dasar)]
    return [Temuan("galat", "rincian", dihitung=_fmt(tepat), selisih=(p[0] + p[1]) / 2 - tepat,
                   pesan=f"hasil hitungan yang tercetak ({dasar['kode']}) berbeda dengan angka tercetak", **dasar)]


def _wilayah_sendiri(h: HasilKinerja) -> str:
    ip = h.data["ip_asn"]
    if ip.empty or "sendiri" not in ip:
        return ""
    w = ip.loc[ip["sendiri"] == "ya", "wilayah"]
    return str(w.iloc[0]).strip().lower() if len(w) else ""


def _jumlah_induk(h: HasilKinerja) -> list[Temuan]:
    out = []
    for r in h.anggaran.to_dict("records"):
        if r["jumlah_anak"] == 0:
            continue
        for kol_in, kol, label in (("pagu_input", "pagu", "pagu"), ("pagu_murni_input", "pagu_murni", "pagu murni"),
                                   ("realisasi_input", "realisasi", "realisasi anggaran")):
            v_in, v = r[kol_in], r[kol]
            if pd.isna(v_in) or pd.isna(v) or abs(v_in - v) < 0.5:
                continue
            out.append(Temuan("galat", "jumlah_induk", f"renja {r['kode']}", "renja", r["kode"], kol,
                              _fmt(v_in, True), _fmt(v, True), v_in - v,
                              f"{label} {r['jenis'].replace('_', ' ')} berbeda dengan jumlah anak-anaknya",
                              f"renja:{r['_baris']}"))
    return out


def _triwulan(h: HasilKinerja) -> list[Temuan]:
    out = []
    for r in h.triwulan.to_dict("records"):
        for m in r["masalah"]:
            out.append(Temuan("peringatan", "triwulan", f"indikator_renja {r['id']}", "renja_indikator",
                              r["id"], "triwulan", pesan=f"{r['indikator']}: {m}",
                              sumber=f"indikator_renja:{r['_baris']}"))
    for r in h.anggaran_triwulan.to_dict("records"):  # realisasi anggaran per triwulan (pandangan kumulatif)
        for m in r["masalah"]:
            out.append(Temuan("peringatan", "triwulan_anggaran", f"renja {r['kode']}", "renja", r["kode"],
                              "realisasi_anggaran_tw4" if "TW IV" in m and "tahunan" in m else "triwulan",
                              pesan=f"{r['nama']}: {m}", sumber=f"renja:{r['_baris']}"))
    return out


def _instrumen_vs_ketikan(h: HasilKinerja) -> list[Temuan]:
    out = []
    for r in h.iku_semua.to_dict("records"):
        if r["sumber_realisasi"] == "masukan" or pd.isna(r["realisasi_input"]):
            continue
        status, sel = bandingkan_angka(f"{r['realisasi_input']}", r["realisasi"])
        d = abs(r["realisasi_input"] - r["realisasi"])
        if d > 0.005:
            out.append(Temuan("galat", "realisasi_instrumen", f"realisasi {r['kode_indikator']} {h.tahun}",
                              "iku", r["kode_indikator"], "realisasi", _fmt(r["realisasi_input"]),
                              _fmt(r["realisasi"]), r["realisasi_input"] - r["realisasi"],
                              f"realisasi yang diketik berbeda dengan hasil instrumen ({r['sumber_realisasi']}); "
                              "laporan memakai hasil instrumen",
                              kunci=("iku", r["kode_indikator"], h.tahun, "realisasi")))
    return out


PEMERIKSA = [
    lambda h, g: _dilaporkan(h, g),
    lambda h, g: _jumlah_induk(h),
    lambda h, g: _triwulan(h),
    lambda h, g: audit_kewajaran(h),
    lambda h, g: _instrumen_vs_ketikan(h),
    lambda h, g: audit_instrumen(h),
    lambda h, g: audit_narasi(h),
    lambda h, g: audit_narasi_angka(h),
    lambda h, g: audit_narasi_label(h),
    lambda h, g: audit_riwayat(h),
]
"""Pemeriksa audit: fungsi (HasilKinerja, Graf) → list[Temuan]. Tambahkan pemeriksa baru di sini
(satu baris); temuannya ikut diberi id dan dikelompokkan ke akarnya."""


def audit(h: HasilKinerja) -> pd.DataFrame:
    """Semua temuan audit sebagai DataFrame berkolom :data:`KOLOM`: akar lebih dulu (galat, peringatan,
    info), lalu temuan turunan (kolom ``akar`` terisi)."""
    graf = Graf(h)
    temuan: list[Temuan] = []
    for periksa in PEMERIKSA:
        temuan += periksa(h, graf)
    temuan = kelompokkan(temuan, graf, persen_narasi=graf.kunci_persen())
    return pd.DataFrame([t.as_dict() for t in temuan], columns=KOLOM)


def ringkasan(df: pd.DataFrame) -> dict[str, int]:
    """Banyak temuan AKAR per tingkat, dan ``turunan`` = banyak temuan turunan (semua tingkat)."""
    akar = df["akar"].fillna("") == "" if "akar" in df else pd.Series(True, index=df.index)
    out = {t: int(((df["tingkat"] == t) & akar).sum()) for t in ("galat", "peringatan", "info")}
    out["turunan"] = int((~akar).sum())
    return out


def periksa_fatal(df: pd.DataFrame, fatal: tuple[str, ...]) -> None:
    """Naikkan LkjError bila ada temuan bertingkat fatal (pengaturan.audit_fatal)."""
    n = {t: int((df["tingkat"] == t).sum()) for t in fatal}
    if any(n.values()):
        raise LkjError("audit menemukan temuan fatal: " + ", ".join(f"{v} {k}" for k, v in n.items() if v)
                       + " (lihat audit.csv; ubah pengaturan.audit_fatal untuk melonggarkan)")


def _ditolak_narasi(df: pd.DataFrame) -> list[dict]:
    """Baris temuan narasi SKPD sendiri yang ditolak: galat, atau turunan sebuah temuan akar."""
    return [r for r in df.to_dict("records")
            if str(r["lokasi"]).startswith("narasi/") and (r["tingkat"] == "galat" or r.get("akar"))]


def masalah_narasi(df: pd.DataFrame) -> list[Masalah]:
    """Angka salah dalam narasi SKPD sendiri (``narasi/*.md``): temuan galat, atau temuan apa pun yang
    turunan dari temuan akar (narasi mengutip angka tercetak yang salah, bukan hasil hitung). Label
    kategori yang berbeda dengan kategori hasil hitung (aturan ``narasi_label``) diperlakukan sama."""
    out = []
    for r in _ditolak_narasi(df):
        sebab = f"; turunan temuan {r['akar']}" if r.get("akar") else ""
        label = r["aturan"] == "narasi_label"
        out.append(Masalah(f"narasi mengutip {'label kategori' if label else 'angka'} yang ditolak audit: "
                           f"{r['dilaporkan']} ({r['pesan']}{sebab})",
                           berkas=str(r["lokasi"]), nilai=str(r["dilaporkan"]), harapan=str(r["dihitung"]),
                           saran="tulis label sesuai kategori hasil hitung laporan" if label else
                                 "kutip hasil hitung laporan; angka tercetak dokumen lain dicatat di "
                                 "lembar angka_dilaporkan, bukan di narasi"))
    return out


def periksa_narasi_final(df: pd.DataFrame, sintetis: bool = False) -> None:
    """Build final: naikkan InputError bila narasi SKPD sendiri memuat angka yang ditolak audit (draf
    tetap dibangun dan menandai angka itu di tempat). Laporan ``sintetis: true`` (varian acak yang
    narasinya disalin dari laporan asli dan bertanda data sintetis) tidak digagalkan; temuannya tetap
    tercatat di audit."""
    if sintetis:
        return
    if kurang := masalah_narasi(df):
        raise InputError(kurang)


def tandai_narasi(html: str, kunci: str, df: pd.DataFrame) -> str:
    """Draf: angka (dan label kategori) narasi ``narasi/<kunci>.md`` yang ditolak audit (lihat
    :func:`masalah_narasi`) diberi tanda di tempatnya (``<mark class="angka-ditolak">``) dengan nilai hitung
    di atributnya."""
    from html import escape

    lokasi = f"narasi/{kunci.lower()}.md"
    for r in _ditolak_narasi(df[df["lokasi"].astype(str).str.lower() == lokasi]):
        teks, judul = escape(str(r["dilaporkan"])), escape(f"audit: hasil hitung {r['dihitung']}", quote=True)
        if r["aturan"] == "narasi_label":  # kemunculan label yang tepat (label pendek juga bagian label panjang)
            html = tandai_label(html, teks, str(r["sumber"]), judul)
        elif teks and teks in html:
            html = html.replace(teks, f'<mark class="angka-ditolak penanda-draf" title="{judul}">{teks}</mark>', 1)
    return html
