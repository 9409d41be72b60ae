"""Mencari nilai hitung untuk setiap baris ``angka_dilaporkan`` (objek, kode, tahun, besaran)."""

from __future__ import annotations

import math
import re

import pandas as pd

from ..errors import TakDitemukan
from ..ukur.capaian import kategori
from ..ukur.efisiensi import hitung_efisiensi
from ..ukur.hasil import HasilKinerja
from ..ukur.iku import tabel_iku


class TakDikenal(TakDitemukan):
    """Objek/kode/besaran yang tidak dapat dipetakan ke hasil hitung."""


RUPIAH = {"pagu", "pagu_murni", "realisasi_anggaran", "sisa_anggaran"}


def cache(h: HasilKinerja) -> dict:
    """Tembolok hasil antara audit untuk satu :class:`HasilKinerja` (tabel per tahun, indeks baris),
    agar audit ``angka_dilaporkan`` linear dalam jumlah baris: setiap tabel dihitung sekali dan
    setiap pencarian adalah akses kamus, bukan penyaringan ulang."""
    return h.__dict__.setdefault("_tembolok_audit", {})


def simpan(h: HasilKinerja, kunci, buat):
    """Nilai ``buat()`` yang ditembolok di bawah ``kunci`` (galat juga ditembolok)."""
    c = cache(h)
    if kunci not in c:
        try:
            c[kunci] = (True, buat())
        except Exception as e:  # noqa: BLE001 - galat yang sama dinaikkan ulang untuk baris berikutnya
            c[kunci] = (False, e)
    ok, v = c[kunci]
    if not ok:
        raise v
    return v


def _baris(df: pd.DataFrame, kolom: str, kode: str, h: HasilKinerja | None = None, nama: str = "") -> pd.Series:
    """Baris pertama dengan ``df[kolom] == kode`` (dibandingkan sebagai teks). Tabel hasil yang kosong
    tanpa kolom (mis. triwulan SKPD yang indikator Renjanya tak bertriwulan) berarti kode tidak dikenal."""
    if kolom not in df.columns:
        raise TakDikenal(f"{kolom}={kode}")
    if h is not None and nama:
        def indeks():
            out: dict[str, int] = {}
            for i, v in enumerate(df[kolom].astype(str)):
                out.setdefault(v, i)
            return out
        i = simpan(h, ("indeks", nama, kolom), indeks).get(str(kode))
        if i is None:
            raise TakDikenal(f"{kolom}={kode}")
        return df.iloc[i]
    sub = df[df[kolom].astype(str) == str(kode)]
    if sub.empty:
        raise TakDikenal(f"{kolom}={kode}")
    return sub.iloc[0]


def iku_tahun(h: HasilKinerja, tahun: int) -> pd.DataFrame:
    """Tabel IKU untuk ``tahun`` (tahun laporan: ``h.iku_semua``), dihitung sekali per tahun."""
    if tahun == h.tahun:
        return h.iku_semua
    return simpan(h, ("iku", tahun), lambda: tabel_iku(h.data, tahun))


def _iku(h: HasilKinerja, kode: str, tahun: int, besaran: str):
    df = iku_tahun(h, tahun)
    r = _baris(df, "kode_indikator", kode, h, f"iku{tahun}")
    if besaran in ("target", "realisasi", "capaian"):
        return r[besaran], "angka"
    if besaran == "kategori":
        return (r["kategori"],), "label"
    if besaran == "efektivitas":
        return (r["efektivitas"],), "label"
    p = _baris(h.perbandingan, "kode_indikator", kode, h, "perbandingan") if tahun == h.tahun else None
    if p is not None and besaran in ("selisih_realisasi", "selisih_capaian", "capaian_akhir_renstra",
                                     "realisasi_tahun_lalu", "capaian_tahun_lalu", "target_akhir",
                                     "capaian_vs_nasional"):
        return p[besaran], "angka"
    if p is not None and besaran in ("arah_realisasi", "arah_capaian"):
        return (p[besaran],), "label"
    e = h.efisiensi_iku
    if besaran in ("serapan", "efisiensi", "simpulan_efisiensi", "simpulan") and tahun == h.tahun:
        re_ = _baris(e, "kode_indikator", kode, h, "efisiensi_iku")
        if besaran == "simpulan_efisiensi":
            return (re_["simpulan_efisiensi"], f"{re_['efektivitas']} dan {re_['simpulan_efisiensi']}"), "label"
        if besaran == "simpulan":
            return (f"{re_['efektivitas']} dan {re_['simpulan_efisiensi']}",), "label"
        return re_[besaran], "angka"
    raise TakDikenal(besaran)


_KOLOM_ANGGARAN = {"pagu": "pagu", "pagu_murni": "pagu_murni", "realisasi_anggaran": "realisasi",
                   "serapan": "serapan"}


def _anggaran(h: HasilKinerja, r: pd.Series, besaran: str):
    """Besaran anggaran satu baris (node Renja atau sasaran)."""
    if besaran in _KOLOM_ANGGARAN:
        return r[_KOLOM_ANGGARAN[besaran]], "rupiah" if besaran in RUPIAH else "angka"
    if besaran == "kategori_serapan":
        return (r["kategori_serapan"],), "label"
    if besaran == "efektivitas_serapan":
        return (kategori(r["serapan"], h.profil.pengaturan.skala_kategori)[1],), "label"
    raise TakDikenal(besaran)


def _renja(h: HasilKinerja, kode: str, besaran: str):
    return _anggaran(h, _baris(h.anggaran, "kode", kode, h, "anggaran"), besaran)


def _renja_indikator(h: HasilKinerja, kode: str, besaran: str):
    m = re.fullmatch(r"(target|realisasi|capaian)_tw([1-4])", besaran)
    if m:
        r = _baris(h.triwulan, "id", kode, h, "triwulan")
        return r[besaran], "angka"
    r = _baris(h.efisiensi_renja, "id", kode, h, "efisiensi_renja")
    if besaran in ("target", "target_murni", "realisasi", "capaian", "serapan", "efisiensi"):
        return r[besaran], "angka"
    if besaran in ("pagu", "realisasi_anggaran"):
        return r[besaran], "rupiah"
    if besaran in ("kategori", "efektivitas"):
        return (r[besaran],), "label"
    if besaran == "simpulan_efisiensi":
        return (r["simpulan_efisiensi"], f"{r['efektivitas']} dan {r['simpulan_efisiensi']}"), "label"
    if besaran == "simpulan":
        return (f"{r['efektivitas']} dan {r['simpulan_efisiensi']}",), "label"
    raise TakDikenal(besaran)


def _sasaran(h: HasilKinerja, kode: str, besaran: str):
    return _anggaran(h, _baris(h.anggaran_sasaran, "kode_sasaran", kode, h, "anggaran_sasaran"), besaran)


def _total(h: HasilKinerja, besaran: str):
    st = h.profil.pengaturan
    t = h.total
    if besaran in ("pagu", "pagu_murni"):
        return t[besaran], "rupiah"
    if besaran in ("realisasi_anggaran", "sisa_anggaran"):
        return t["realisasi" if besaran == "realisasi_anggaran" else "sisa"], "rupiah"
    if besaran == "serapan":
        return t["serapan"], "angka"
    if besaran == "kategori_serapan":
        return (kategori(t["serapan"], st.skala_kategori)[0],), "label"
    if besaran == "rata_capaian_iku":
        return h.rata_capaian_iku, "angka"
    if besaran == "rata_serapan_iku":
        return float(h.efisiensi_iku["serapan"].mean()), "angka"
    m = re.fullmatch(r"jumlah_(program|kegiatan|sub_kegiatan)", besaran)
    if m:
        return float((h.anggaran["jenis"] == m.group(1)).sum()), "angka"
    if besaran == "jumlah_iku":
        return float(len(h.iku)), "angka"
    if besaran == "jumlah_iku_tercapai":  # capaian ≥ 100%
        return float((h.iku["capaian"] >= 100 - 1e-9).sum()), "angka"
    if besaran == "jumlah_triwulan":  # triwulan terakhir yang berisi data (laporan tahunan: 4)
        tw = [i for i in range(1, 5) if not h.triwulan.empty and h.triwulan[f"realisasi_tw{i}"].notna().any()]
        if not tw:
            raise TakDikenal("tidak ada data triwulan pada indikator_renja")
        return float(max(tw)), "angka"
    if besaran == "periode_renstra":
        a, b = h.profil.renstra_mulai, h.profil.renstra_akhir
        return (f"{a}-{b}",), "label"  # tanda pisah dan spasi disamakan oleh norm_label
    m = re.fullmatch(r"kategori_(output|outcome)", besaran)
    if m:
        return (kategori(h.ringkas(m.group(1))["rata_capaian"], st.skala_kategori)[0],), "label"
    if besaran in ("simpulan_efisiensi", "simpulan_efisiensi_iku"):
        v, simp = hitung_efisiensi(h.rata_capaian_iku, t["serapan"], st.metode_efisiensi)
        return (simp,), "label"
    if besaran == "efisiensi_iku":
        vals = h.efisiensi_iku["efisiensi"].dropna()
        return (float(vals.mean()) if len(vals) else float("nan")), "angka"
    m = re.fullmatch(r"(rata_capaian|efisiensi|simpulan_efisiensi|efektivitas)_(output|outcome)", besaran)
    if m:
        r = h.ringkas(m.group(2))
        if m.group(1) in ("simpulan_efisiensi", "efektivitas"):
            return (r[m.group(1)],), "label"
        return r[m.group(1)], "angka"
    raise TakDikenal(besaran)


def nilai_hitung(h: HasilKinerja, objek: str, kode: str, tahun: int, besaran: str, catatan: str = ""):
    """Kembalikan (nilai, jenis) dengan jenis 'angka', 'rupiah' atau 'label' (nilai = tuple label)."""
    besaran = besaran.strip().lower()
    if objek == "iku":
        return _iku(h, kode, tahun, besaran)
    if objek == "renja":
        return _renja(h, kode, besaran)
    if objek == "renja_indikator":
        return _renja_indikator(h, kode, besaran)
    if objek == "sasaran":
        return _sasaran(h, kode, besaran)
    if objek == "total":
        return _total(h, besaran)
    if objek == "instrumen":
        from .instrumen import nilai_instrumen

        return nilai_instrumen(h, kode, tahun, besaran, catatan)
    if objek == "rincian":
        from .rincian import nilai_rincian

        return nilai_rincian(kode), "rincian"
    raise TakDikenal(objek)


def kosong(v) -> bool:
    return v is None or (isinstance(v, float) and math.isnan(v))


__all__ = ["TakDikenal", "nilai_hitung", "kosong", "hitung_efisiensi", "cache", "simpan", "iku_tahun"]
