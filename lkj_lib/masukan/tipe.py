"""Menafsirkan lembar mentah menurut skema: tipe setiap sel, dengan semua masalah dikumpulkan."""

from __future__ import annotations

import datetime as dt
import math

import pandas as pd

from .. import batas
from ..angka import AngkaError, baca_angka
from ..errors import Masalah, NilaiError
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


class _TerlaluPanjang(NilaiError):
    pass


class _TerlaluBesar(NilaiError):
    pass


_EPOCH_EXCEL = dt.datetime(1899, 12, 30)


def _tahun_dari_tanggal(v) -> int | None:
    """Sel tahun yang diformat tanggal oleh Excel: 2022 diketik di sel bertanggal tersimpan sebagai
    nomor seri 2022 = 14-07-1905. Kembalikan 2022 bila begitu, selain itu None."""
    d = v if isinstance(v, dt.datetime) else dt.datetime(v.year, v.month, v.day)
    seri = (d - _EPOCH_EXCEL).days
    return seri if 1900 <= seri <= 2100 and d.year < 1910 else None


def norm_pilihan(s: str) -> str:
    return "_".join(s.strip().lower().replace("-", " ").split())


def _sel(k: Kolom, v, masalah_sel: list[str]):
    """Tafsirkan satu sel; kembalikan nilai atau tuple (nilai, satuan, op, desimal) untuk angka."""
    if isinstance(v, str) and len(v) > batas.panjang_maks(k.nama, k.tipe):
        raise _TerlaluPanjang(v)
    if k.tipe in ("angka", "rupiah"):
        b = baca_angka(v, titik_desimal=k.titik_desimal)
        if k.tipe == "rupiah" and b.satuan not in ("", "Rp"):
            raise AngkaError(str(v))
        if k.tipe == "rupiah" and b.op:
            raise AngkaError(str(v))
        if b.nilai is not None and abs(b.nilai) > batas.NILAI_MAKS:
            raise _TerlaluBesar(str(v))
        desimal = b.desimal
        if isinstance(v, float) and b.nilai is not None:  # sel angka Excel: 5.5 → 1, 0.1+0.2 → 1
            t = format(v, ".10g")
            desimal = len(t.split(".", 1)[1]) if "." in t and "e" not in t else (0 if "e" not in t else 4)
        return (b.nilai, b.satuan, b.op, desimal)
    if isinstance(v, bool):
        raise AngkaError(str(v))
    if k.tipe == "tahun" and isinstance(v, (dt.datetime, dt.date)):
        th = _tahun_dari_tanggal(v)
        if th is None:
            raise AngkaError(str(v))
        masalah_sel.append("tanggal")
        return th
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
        if f > batas.URUTAN_MAKS:
            raise _TerlaluBesar(t)
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


def _masalah_sel(e: Exception, k: Kolom, v, lm: LembarMentah, tabel: Tabel, nomor: int) -> Masalah:
    nilai = str(v)
    if len(nilai) > 60:
        nilai = nilai[:60] + f"… ({len(nilai)} karakter)"
    lokasi = dict(berkas=lm.berkas, lembar=tabel.nama, baris=nomor, kolom=k.nama, nilai=nilai)
    if isinstance(e, _TerlaluPanjang):
        maks = batas.panjang_maks(k.nama, k.tipe)
        return Masalah("isi sel terlalu panjang", harapan=f"paling banyak {maks} karakter",
                       saran="persingkat; uraian panjang tempatkan di narasi", **lokasi)
    if isinstance(e, _TerlaluBesar):
        return Masalah("bilangan terlalu besar", harapan="|nilai| ≤ 10^15" if k.tipe != "urutan"
                       else f"≤ {batas.URUTAN_MAKS}", saran="periksa jumlah digit", **lokasi)
    saran = "perbaiki isi sel"
    if isinstance(v, bool):
        saran = "sel berisi TRUE/FALSE (boolean Excel); ketik nilainya sebagai teks atau angka"
    elif isinstance(v, (dt.datetime, dt.date)):
        saran = "sel berformat tanggal; format sel sebagai Angka/Umum lalu ketik ulang nilainya"
    return Masalah(f"nilai tidak sesuai tipe {k.tipe}", harapan=_HARAPAN.get(k.tipe, k.tipe),
                   saran=saran, **lokasi)


_TIPE_ANGKA = ("angka", "rupiah")


def _bulat_polos(v) -> bool:
    """Sel bilangan bulat tanpa satuan/pembanding/pemisah (teks digit ASCII atau int Excel) yang
    pasti di dalam batas: :func:`_sel` membacanya sebagai ``(float(v), "", "", 0)``. Ratusan ribu sel
    jawaban SKM melewati jalur ini tanpa baca_angka."""
    if v.__class__ is str:
        return len(v) <= 15 and v.isascii() and v.isdigit()
    return v.__class__ is int and -batas.NILAI_MAKS <= v <= batas.NILAI_MAKS


def _wajib_kosong(k: Kolom, lm: LembarMentah, tabel: Tabel, nomor: int) -> Masalah:
    return Masalah(f"sel wajib '{k.nama}' kosong", berkas=lm.berkas, lembar=tabel.nama, baris=nomor,
                   kolom=k.nama, harapan=k.arti, saran=f"isi, mis. {k.contoh!r}" if k.contoh else "")


def tafsir_lembar(tabel: Tabel, lm: LembarMentah,
                  dengan_desimal: bool = False) -> tuple[pd.DataFrame, list[Masalah]]:
    """Ubah :class:`LembarMentah` menjadi DataFrame bertipe sesuai skema.

    Kolom angka menghasilkan ``<kolom>`` (float/NaN), ``<kolom>_satuan`` dan ``<kolom>_op``.
    Kolom ``_baris`` menyimpan nomor baris asli untuk penelusuran. ``dengan_desimal``: tambahkan
    kolom bantu ``_desimal`` (desimal terbanyak yang diketik di sel angka baris itu).
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
    data["_desimal"] = []
    # per kolom sekali: (kolom, nama, angka?, tipe angka?, daftar nilai, satuan, op, wajib dan ada?)
    info = [(k, k.nama, k.tipe in _TIPE_ANGKA, k.tipe == "angka", data[k.nama],
             data.get(k.nama + "_satuan"), data.get(k.nama + "_op"), k.wajib and k.nama in lm.kolom)
            for k in tabel.kolom]
    fmt_desimal = lm.format_desimal
    for nomor, row in lm.baris:
        data["_baris"].append(nomor)
        desimal_baris = -1
        for k, nama, angka, tipe_angka, kol, kol_satuan, kol_op, wajib_ada in info:
            v = row.get(nama)
            # jalur cepat (hasilnya sama dengan _sel): sel kosong dan bilangan bulat polos
            if v is None or v == "":
                kol.append(None)
                if angka:
                    kol_satuan.append("")
                    kol_op.append("")
                if wajib_ada:
                    masalah.append(_wajib_kosong(k, lm, tabel, nomor))
                continue
            if angka and _bulat_polos(v):
                kol.append(float(v))
                kol_satuan.append("")
                kol_op.append("")
                if tipe_angka:
                    d = fmt_desimal.get((nomor, nama), 0) if fmt_desimal else 0
                    if d > desimal_baris:
                        desimal_baris = d
                continue
            flags: list[str] = []
            try:
                x = _sel(k, v, flags)
            except (AngkaError, _TerlaluPanjang, _TerlaluBesar) as e:
                masalah.append(_masalah_sel(e, k, v, lm, tabel, nomor))
                x = (None, "", "", 0) if k.tipe in ("angka", "rupiah") else None
            if "tanggal" in flags:
                masalah.append(Masalah(
                    "sel tahun berformat tanggal; dibaca sebagai tahun", berkas=lm.berkas, lembar=tabel.nama,
                    baris=nomor, kolom=k.nama, nilai=str(v), tingkat="peringatan", harapan=str(x),
                    saran="format sel sebagai Angka/Umum lalu ketik tahunnya, mis. 2022"))
            if "pilihan" in flags:
                masalah.append(Masalah(
                    "pilihan tidak dikenal", berkas=lm.berkas, lembar=tabel.nama, baris=nomor,
                    kolom=k.nama, nilai=str(v), harapan="salah satu dari: " + ", ".join(k.pilihan),
                    saran="pilih dari daftar"))
                x = None
            if k.tipe in ("angka", "rupiah"):
                nilai, satuan, op, desimal = x
                data[k.nama].append(nilai)
                data[k.nama + "_satuan"].append(satuan)
                data[k.nama + "_op"].append(op)
                kosong = nilai is None
                if not kosong and k.tipe == "angka":
                    desimal = max(desimal, lm.format_desimal.get((nomor, k.nama), 0))
                    desimal_baris = max(desimal_baris, desimal)
            else:
                data[k.nama].append(x)
                kosong = x is None
            if kosong and wajib_ada and _teks(v) is None:
                masalah.append(_wajib_kosong(k, lm, tabel, nomor))
        data["_desimal"].append(min(desimal_baris, 4) if desimal_baris >= 0 else None)
    df = pd.DataFrame(data)
    if dengan_desimal:
        df["_desimal"] = df["_desimal"].astype("Int64")
    else:
        df = df.drop(columns="_desimal")
    for k in tabel.kolom:
        if k.tipe in ("angka", "rupiah"):
            df[k.nama] = pd.to_numeric(df[k.nama], errors="coerce").astype("float64")
        elif k.tipe in ("tahun", "urutan"):
            df[k.nama] = df[k.nama].astype("Int64")
        else:
            df[k.nama] = df[k.nama].astype(object)
    return df, masalah
