"""Menafsirkan lembar mentah menurut skema: tipe setiap sel, dengan semua masalah dikumpulkan."""

from __future__ import annotations

import datetime as dt
import math

import pandas as pd

from ..angka import AngkaError, baca_angka
from ..errors import Masalah
from ..schema import Kolom, Tabel
from .baca import LembarMentah

_HARAPAN = {
    "angka": "bilangan, mis. 1.058.998.350,00 | 63,32% | 8 dokumen | ≥ 26 | - (kosong)",
    "rupiah": "jumlah rupiah, mis. 1.058.998.350,00",
    "tahun": "tahun empat digit, mis. 2022",
    "urutan": "bilangan bulat positif, mis. 1",
    "kode": "kode tanpa spasi, mis. 1.2.3",
}


def _teks(v) -> str | None:
    if v is None:
        return None
    if isinstance(v, float):
        if math.isnan(v):
            return None
        if v.is_integer():
            return str(int(v))
        return repr(v)
    if isinstance(v, (dt.datetime, dt.date)):
        return v.isoformat()[:10]
    s = str(v).strip()
    return s or None


def norm_pilihan(s: str) -> str:
    return "_".join(s.strip().lower().replace("-", " ").split())


def _sel(k: Kolom, v, masalah_sel: list[str]):
    """Tafsirkan satu sel; kembalikan nilai atau tuple (nilai, satuan, op) untuk angka."""
    if k.tipe in ("angka", "rupiah"):
        b = baca_angka(v, titik_desimal=k.titik_desimal)
        if k.tipe == "rupiah" and b.satuan not in ("", "Rp"):
            raise AngkaError(str(v))
        if k.tipe == "rupiah" and b.op:
            raise AngkaError(str(v))
        return (b.nilai, b.satuan, b.op)
    t = _teks(v)
    if t is None:
        return None
    if k.tipe == "tahun":
        try:
            f = float(t)
        except ValueError:
            raise AngkaError(t)
        if not f.is_integer() or not 1900 <= f <= 2100:
            raise AngkaError(t)
        return int(f)
    if k.tipe == "urutan":
        try:
            f = float(t.replace(",", "."))
        except ValueError:
            raise AngkaError(t)
        if not f.is_integer() or f < 1:
            raise AngkaError(t)
        return int(f)
    if k.tipe == "pilihan":
        n = norm_pilihan(t)
        if n not in k.pilihan:
            masalah_sel.append("pilihan")
            return t
        return n
    if k.tipe == "kode":
        if any(c.isspace() for c in t):
            raise AngkaError(t)
        return t
    return t


def tafsir_lembar(tabel: Tabel, lm: LembarMentah) -> tuple[pd.DataFrame, list[Masalah]]:
    """Ubah :class:`LembarMentah` menjadi DataFrame bertipe sesuai skema.

    Kolom angka menghasilkan ``<kolom>`` (float/NaN), ``<kolom>_satuan`` dan ``<kolom>_op``.
    Kolom ``_baris`` menyimpan nomor baris asli untuk penelusuran.
    """
    masalah: list[Masalah] = []
    kolom_skema = tabel.kolom_dict()
    for k in tabel.kolom:
        if k.wajib and k.nama not in lm.kolom:
            masalah.append(Masalah(
                f"kolom wajib '{k.nama}' tidak ada", berkas=lm.berkas, lembar=tabel.nama, baris=1,
                kolom=k.nama, saran=f"tambahkan kolom '{k.nama}' ({k.arti})"))
    for k in lm.kolom:
        if k not in kolom_skema:
            masalah.append(Masalah(
                f"kolom '{k}' tidak dikenal dan diabaikan", berkas=lm.berkas, lembar=tabel.nama,
                baris=1, kolom=k, tingkat="peringatan",
                saran="periksa ejaan nama kolom (lihat docs/masukan.md)"))
    data: dict[str, list] = {"_baris": []}
    for k in tabel.kolom:
        data[k.nama] = []
        if k.tipe in ("angka", "rupiah"):
            data[k.nama + "_satuan"] = []
            data[k.nama + "_op"] = []
    for nomor, row in lm.baris:
        data["_baris"].append(nomor)
        for k in tabel.kolom:
            v = row.get(k.nama)
            flags: list[str] = []
            try:
                x = _sel(k, v, flags)
            except AngkaError:
                masalah.append(Masalah(
                    f"nilai tidak sesuai tipe {k.tipe}", berkas=lm.berkas, lembar=tabel.nama,
                    baris=nomor, kolom=k.nama, nilai=str(v), harapan=_HARAPAN.get(k.tipe, k.tipe),
                    saran="perbaiki isi sel"))
                x = (None, "", "") if k.tipe in ("angka", "rupiah") else None
            if "pilihan" in flags:
                masalah.append(Masalah(
                    "pilihan tidak dikenal", berkas=lm.berkas, lembar=tabel.nama, baris=nomor,
                    kolom=k.nama, nilai=str(v), harapan="salah satu dari: " + ", ".join(k.pilihan),
                    saran="pilih dari daftar"))
                x = None
            if k.tipe in ("angka", "rupiah"):
                nilai, satuan, op = x
                data[k.nama].append(nilai)
                data[k.nama + "_satuan"].append(satuan)
                data[k.nama + "_op"].append(op)
                kosong = nilai is None
            else:
                data[k.nama].append(x)
                kosong = x is None
            if kosong and k.wajib and k.nama in lm.kolom and _teks(v) is None:
                masalah.append(Masalah(
                    f"sel wajib '{k.nama}' kosong", berkas=lm.berkas, lembar=tabel.nama, baris=nomor,
                    kolom=k.nama, harapan=k.arti, saran=f"isi, mis. {k.contoh!r}" if k.contoh else ""))
    df = pd.DataFrame(data)
    for k in tabel.kolom:
        if k.tipe in ("angka", "rupiah"):
            df[k.nama] = pd.to_numeric(df[k.nama], errors="coerce").astype("float64")
        elif k.tipe in ("tahun", "urutan"):
            df[k.nama] = df[k.nama].astype("Int64")
        else:
            df[k.nama] = df[k.nama].astype(object)
    return df, masalah
