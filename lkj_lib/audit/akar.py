"""Aturan selang pembulatan dan pengelompokan temuan turunan di bawah temuan akarnya.

- Angka tercetak p dengan k desimal mewakili selang [p − ½·10⁻ᵏ, p + ½·10⁻ᵏ]. Ia **berbeda** dengan hasil
  hitung hanya bila selang itu tidak beririsan dengan selang hasil hitung dari masukan dalam selang
  pembulatannya (:meth:`.graf.Graf.interval`); bila beririsan tetapi nilai persisnya tidak membulat ke p,
  temuannya ``info`` pembulatan. Aturan yang sama untuk setiap baris, berapa pun selisihnya.
- Temuan *turunan*: (a) besaran yang sama dengan nilai tercetak yang sama di tempat lain, atau (b) angka
  yang terjelaskan seluruhnya bila nilai tercetak sebuah temuan leluhurnya dipakai sebagai masukan.
  Turunan tetap di ``audit.csv`` dengan kolom ``akar``; akar mencatat ``turunan`` = banyaknya.
"""

from __future__ import annotations

import hashlib
import math
import re
from dataclasses import replace

from ..angka import AngkaError, baca_angka
from .graf import Graf, _nan
from .temuan import Temuan, norm_label

ATURAN_MASUKAN = ("realisasi_instrumen", "ip_asn_total")
"""Temuan pada masukan itu sendiri: didahulukan sebagai akar bagi kutipan tercetak besaran yang sama."""


def selang_tercetak(teks: str, titik_desimal: bool = False, rupiah: bool = False):
    """(lo, hi) yang diwakili angka tercetak, atau None bila bukan bilangan."""
    try:
        b = baca_angka(str(teks), titik_desimal=titik_desimal)
    except AngkaError:
        return None
    if b.nilai is None:
        return None
    u = 0.5 if rupiah else 0.5 * 10.0 ** (-b.desimal)
    return (b.nilai - u - 1e-9, b.nilai + u + 1e-9)


def beririsan(a, b) -> bool:
    return not (math.isnan(a[0]) or math.isnan(b[0])) and a[0] <= b[1] and b[0] <= a[1]


def status_selang(graf: Graf, kunci, teks: str, titik_desimal: bool = False) -> str | None:
    """'pembulatan' bila angka tercetak dapat dihasilkan dari masukan dalam selang pembulatannya,
    'beda' bila tidak; None bila besaran tidak ada di graf."""
    if kunci is None or graf.simpul(kunci) is None:
        return None
    p = selang_tercetak(teks, titik_desimal)
    if p is None:
        return None
    return "pembulatan" if beririsan(p, graf.interval(kunci)) else "beda"


def label_dalam(teks: str, labels) -> bool:
    """Label tercetak (boleh berbentuk 'efektivitas dan simpulan') termasuk label yang mungkin."""
    d = norm_label(teks)
    calon = {norm_label(x) for x in labels if isinstance(x, str)}
    return d in calon or d.rsplit(" dan ", 1)[-1] in calon


def _sidik(t: Temuan) -> str:
    dasar = "|".join(str(x) for x in (t.aturan, t.lokasi, t.objek, t.kode, t.besaran, t.dilaporkan, t.sumber))
    return "T" + hashlib.sha1(dasar.encode("utf-8")).hexdigest()[:8]


def beri_id(temuan: list[Temuan]) -> list[Temuan]:
    """Id tetap per temuan (sidik isinya; kembar diberi akhiran -2, -3, ...)."""
    dipakai: dict[str, int] = {}
    out = []
    for t in temuan:
        i = _sidik(t)
        dipakai[i] = dipakai.get(i, 0) + 1
        out.append(replace(t, id=i if dipakai[i] == 1 else f"{i}-{dipakai[i]}"))
    return out


def _titik(t: Temuan) -> bool:
    return t.objek == "instrumen"


def _terjelaskan(graf: Graf, t: Temuan, ganti: dict) -> bool:
    """Angka/label tercetak t cocok bila besaran dalam ``ganti`` memakai nilai tercetaknya."""
    s = graf.simpul(t.kunci)
    if s is None:
        return False
    if s.label:
        return label_dalam(t.dilaporkan, graf.interval(t.kunci, ganti))
    p = selang_tercetak(t.dilaporkan, _titik(t))
    return p is not None and beririsan(p, graf.interval(t.kunci, ganti))


def kelompokkan(temuan: list[Temuan], graf: Graf, persen_narasi=None) -> list[Temuan]:
    """Isi ``akar`` dan ``turunan``; urutan: akar (galat, peringatan, info) lalu turunannya."""
    temuan = beri_id(temuan)
    akar: dict[str, str] = {}  # id → id akar
    calon = [t for t in temuan if t.tingkat in ("galat", "peringatan") and t.kunci is not None]
    kanon = {t.id: graf.kanonik(t.kunci) for t in calon}
    selang = {t.id: selang_tercetak(t.dilaporkan, _titik(t), rupiah=t.besaran in ("pagu", "realisasi_anggaran",
                                                                                   "sisa_anggaran", "rupiah"))
              for t in calon}

    # (a) besaran yang sama, nilai tercetak yang sama: satu akar (temuan pada masukan didahulukan)
    posisi = {t.id: i for i, t in enumerate(temuan)}
    urut = sorted(calon, key=lambda t: (t.aturan not in ATURAN_MASUKAN, posisi[t.id]))
    wakil: dict[tuple, Temuan] = {}
    for t in urut:
        p = selang[t.id]
        nilai = (round((p[0] + p[1]) / 2, 6),) if p else (norm_label(t.dilaporkan),)
        k = (kanon[t.id], *nilai)
        if k in wakil:
            akar[t.id] = wakil[k].id
        else:
            wakil[k] = t

    # (b) leluhur: dari besaran paling hulu ke hilir, ganti dengan nilai tercetak akar leluhur
    sisa = [t for t in calon if t.id not in akar]
    leluhur = {t.id: graf.leluhur(t.kunci) for t in sisa}
    for t in sorted(sisa, key=lambda t: len(leluhur[t.id])):
        for r in sorted(sisa, key=lambda r: len(leluhur[r.id])):
            if r.id == t.id or r.id in akar or kanon[r.id] not in leluhur[t.id] or selang[r.id] is None:
                continue
            if _terjelaskan(graf, t, {kanon[r.id]: selang[r.id]}):
                akar[t.id] = r.id
                break
        else:  # beberapa akar leluhur bersama-sama (mis. capaian dan serapan → efisiensi)
            bersama = [r for r in sisa if r.id != t.id and r.id not in akar and selang[r.id] is not None
                       and kanon[r.id] in leluhur[t.id]]
            if len(bersama) > 1 and _terjelaskan(graf, t, {kanon[r.id]: selang[r.id] for r in bersama}):
                akar[t.id] = bersama[0].id

    # (c) narasi: persentase yang cocok dengan besaran hilir setelah nilai tercetak akar dipakai
    akar_ids = [t for t in calon if t.id not in akar and selang[t.id] is not None]
    for t in temuan:
        if t.aturan not in ("narasi_persen", "narasi_angka") or t.id in akar or not persen_narasi:
            continue
        p = selang_tercetak(re.sub(r"\s*(%|persen)\s*$", "", t.dilaporkan, flags=re.I))
        if p is None:
            continue
        for r in akar_ids:
            ganti = {kanon[r.id]: selang[r.id]}
            if beririsan(p, selang[r.id]) or any(beririsan(p, graf.interval(k, ganti)) for k in persen_narasi
                                                 if kanon[r.id] in graf.leluhur(k)):
                akar[t.id] = r.id
                break

    def ujung(i: str) -> str:
        while i in akar:
            i = akar[i]
        return i

    jumlah: dict[str, int] = {}
    for i in akar:
        jumlah[ujung(i)] = jumlah.get(ujung(i), 0) + 1
    out = []
    for t in temuan:
        if t.id in akar:
            out.append(replace(t, akar=ujung(t.id)))
        elif jumlah.get(t.id):
            out.append(replace(t, turunan=jumlah[t.id],
                               pesan=f"{t.pesan}; menyebabkan {jumlah[t.id]} temuan turunan"))
        else:
            out.append(t)
    urutan = {"galat": 0, "peringatan": 1, "info": 2}
    return sorted(out, key=lambda t: (bool(t.akar), urutan[t.tingkat]))


__all__ = ["selang_tercetak", "status_selang", "kelompokkan", "label_dalam", "beri_id", "_nan"]
