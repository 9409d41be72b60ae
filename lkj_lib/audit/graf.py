"""Graf besaran audit: setiap angka turunan sebagai rumus atas besaran lain, sampai ke masukan.

Dipakai untuk dua hal:

- **interval pembulatan**: masukan yang diketik dengan k desimal mewakili selang ±½·10⁻ᵏ, dan angka
  antara yang tercetak (capaian, serapan, rata-rata) mungkin dipakai pembuat laporan dalam bentuk
  bulatnya (±0,005). Angka tercetak hanya *berbeda* bila tidak ada nilai dalam selang itu yang
  menghasilkannya (:meth:`Graf.interval`).
- **akar temuan**: sebuah temuan *turunan* bila angka tercetaknya terjelaskan setelah nilai tercetak
  temuan lain (leluhurnya di graf) dipakai sebagai masukan (:meth:`Graf.interval` dengan ``ganti``).

Kunci besaran: ``(objek, kode, tahun, besaran)`` seperti lembar ``angka_dilaporkan``. Fungsi setiap
simpul monoton per argumen (rasio bernilai positif, selisih, rata-rata, kategori berbatas bawah), sehingga
batas selang didapat dari arah kemonotonan tiap argumen.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Callable

import pandas as pd

from ..ukur.capaian import hitung_capaian, kategori
from ..ukur.efisiensi import EFISIEN, TIDAK_EFISIEN, hitung_efisiensi
from ..ukur.hasil import HasilKinerja

Kunci = tuple  # (objek, kode, tahun, besaran)
BULAT_ANTARA = 0.005
"""Setengah satuan angka antara tercetak (dua desimal) yang mungkin dipakai dalam bentuk bulatnya."""


@dataclass(frozen=True)
class Simpul:
    nilai: float | tuple = float("nan")  # hasil hitung (label: tuple label yang sah)
    setengah: float = 0.0                # daun: setengah satuan presisi ketikan
    fn: Callable | None = None           # fn(*argumen) → nilai
    args: tuple = ()
    label: bool = False


def _nan(x) -> bool:
    return x is None or (isinstance(x, float) and math.isnan(x))


def setengah_satuan(desimal) -> float:
    """Setengah satuan angka terakhir yang diketik; bilangan bulat (cacah) dianggap persis."""
    if desimal is None or pd.isna(desimal) or int(desimal) <= 0:
        return 0.0
    return 0.5 * 10.0 ** (-int(desimal))


def _rata(*xs) -> float:
    v = [x for x in xs if not _nan(x)]
    return sum(v) / len(v) if v else float("nan")


class Graf:
    """Simpul besaran satu :class:`HasilKinerja`, dibangun malas dan ditembolok."""

    def __init__(self, h: HasilKinerja):
        self.h = h
        self._simpul: dict[Kunci, Simpul | None] = {}
        self._leluhur: dict[Kunci, frozenset] = {}
        self._indeks: dict[tuple, pd.DataFrame] = {}
        st = h.profil.pengaturan
        self.metode = st.metode_efisiensi
        self._cap = lambda pol: (lambda t, r: _c(hitung_capaian(t, r, pol, st.rumus_negatif, st.batas_capaian)))
        ind = h.data["indikator"]
        inst = dict(zip(ind["kode_indikator"], ind["instrumen"].fillna("")))
        # instrumen yang menjadi realisasi IKU: besaran instrumen yang sama dengan realisasi IKU itu
        self._alias_instrumen: dict[tuple[str, str], str] = {}
        for kode, i in inst.items():
            for awal, kk in (("ikm", ("ikm", "ikm")), ("sistem_merit_mandiri", ("sistem_merit", "total_mandiri")),
                             ("sistem_merit_verifikasi", ("sistem_merit", "total_verifikasi")),
                             ("nspk", ("nspk", "indeks")), ("ip_asn", ("ip_asn", "nilai"))):
                if i == awal:
                    self._alias_instrumen.setdefault(kk, kode)

    # ------------------------------------------------------------------ kunci
    def kanonik(self, k: Kunci) -> Kunci:
        """Nama tunggal untuk besaran yang sama (mis. IKM = realisasi IKU ber-instrumen ikm)."""
        objek, kode, tahun, besaran = k
        h = self.h
        if objek == "instrumen":
            alias = self._alias_instrumen.get(((kode or "").lower(), besaran))
            if alias:
                return ("iku", alias, tahun, "realisasi")
        if objek == "iku" and besaran in ("realisasi_tahun_lalu", "capaian_tahun_lalu"):
            return ("iku", kode, tahun - 1, besaran.replace("_tahun_lalu", ""))
        if objek == "total" and besaran == "realisasi":
            return ("total", "", tahun, "realisasi_anggaran")
        if objek == "iku" and besaran == "simpulan":
            return ("iku", kode, tahun, "simpulan_efisiensi")
        if objek == "iku" and besaran == "serapan" and tahun == h.tahun:
            e = self._idx("efisiensi_iku", lambda: h.efisiensi_iku, "kode_indikator")
            if kode in e.index and isinstance(e.at[kode, "kode_sasaran"], str):
                return ("sasaran", e.at[kode, "kode_sasaran"], tahun, "serapan")
        if objek == "renja_indikator" and besaran == "serapan":
            e = self._idx("efisiensi_renja", lambda: h.efisiensi_renja, "id")
            if kode in e.index:
                return ("renja", e.at[kode, "kode_anggaran"], tahun, "serapan")
        if objek == "total" and besaran == "simpulan_efisiensi_iku":
            return ("total", "", tahun, "simpulan_efisiensi")
        return (objek, kode or "", int(tahun), besaran)

    def _idx(self, nama, buat, kolom: str) -> pd.DataFrame:
        """Tabel hasil berindeks ``kolom`` (dibuat sekali: pencarian per simpul tetap O(1))."""
        if (nama, kolom) not in self._indeks:
            df = buat()
            self._indeks[(nama, kolom)] = df.drop_duplicates(kolom).set_index(kolom) if kolom in df else df
        return self._indeks[(nama, kolom)]

    def simpul(self, k: Kunci) -> Simpul | None:
        k = self.kanonik(k)
        if k not in self._simpul:
            try:
                self._simpul[k] = self._bangun(k)
            except (KeyError, IndexError, ValueError):
                self._simpul[k] = None
        return self._simpul[k]

    # ------------------------------------------------------------------ simpul
    def _bangun(self, k: Kunci) -> Simpul | None:
        objek, kode, tahun, besaran = k
        h = self.h
        if objek == "iku":
            from .dilaporkan import iku_tahun

            df = self._idx(("iku", tahun), lambda: iku_tahun(h, tahun), "kode_indikator")
            if kode not in df.index:
                return None
            r = df.loc[kode]
            if besaran == "target":
                return Simpul(r["target"], setengah_satuan(r["desimal"]))
            if besaran == "realisasi":
                instrumen = r["sumber_realisasi"] != "masukan"  # hasil instrumen: dihitung persis
                return Simpul(r["realisasi"], 0.0 if instrumen else setengah_satuan(r["desimal"]))
            if besaran == "capaian":
                return self._rumus(self._cap(r["polaritas"]), (("iku", kode, tahun, "target"),
                                                               ("iku", kode, tahun, "realisasi")))
            if besaran in ("kategori", "efektivitas"):
                i = 0 if besaran == "kategori" else 1
                return self._rumus(lambda c: (kategori(None if _nan(c) else c, h.profil.pengaturan.skala_kategori)[i],),
                                   (("iku", kode, tahun, "capaian"),), label=True)
            if tahun != h.tahun:
                return None
            p = self._idx("perbandingan", lambda: h.perbandingan, "kode_indikator").loc[kode]
            if besaran == "selisih_realisasi":
                return self._rumus(lambda a, b: a - b, (("iku", kode, tahun, "realisasi"),
                                                        ("iku", kode, tahun - 1, "realisasi")))
            if besaran == "selisih_capaian":
                return self._rumus(lambda a, b: a - b, (("iku", kode, tahun, "capaian"),
                                                        ("iku", kode, tahun - 1, "capaian")))
            if besaran in ("capaian_akhir_renstra", "capaian_vs_nasional"):
                acuan = p["target_akhir" if besaran == "capaian_akhir_renstra" else "standar_nasional"]
                cap = self._cap(r["polaritas"])
                return self._rumus(lambda x, a=acuan: cap(a, x), (("iku", kode, tahun, "realisasi"),))
            if besaran == "efisiensi":
                return self._rumus(self._ef, (("iku", kode, tahun, "capaian"),
                                              self.kanonik(("iku", kode, tahun, "serapan"))))
            if besaran == "simpulan_efisiensi":
                return self._simpulan(("iku", kode, tahun, "efisiensi"), ("iku", kode, tahun, "capaian"),
                                      ("iku", kode, tahun, "serapan"))
            return None
        if objek == "renja_indikator":
            e = self._idx("efisiensi_renja", lambda: h.efisiensi_renja, "id")
            if kode not in e.index:
                return None
            r = e.loc[kode]
            if besaran in ("target", "realisasi"):
                return Simpul(r[besaran], setengah_satuan(r["desimal"]))
            if besaran == "capaian":
                return self._rumus(self._cap(r["polaritas"]), ((objek, kode, tahun, "target"),
                                                               (objek, kode, tahun, "realisasi")))
            ser = ("renja", r["kode_anggaran"], tahun, "serapan")
            if besaran == "efisiensi":
                return self._rumus(self._ef, ((objek, kode, tahun, "capaian"), ser))
            if besaran in ("kategori", "efektivitas"):
                i = 0 if besaran == "kategori" else 1
                return self._rumus(lambda c: (kategori(None if _nan(c) else c, h.profil.pengaturan.skala_kategori)[i],),
                                   ((objek, kode, tahun, "capaian"),), label=True)
            if besaran == "simpulan_efisiensi":
                return self._simpulan((objek, kode, tahun, "efisiensi"), (objek, kode, tahun, "capaian"), ser)
            return None
        if objek in ("renja", "sasaran") and besaran == "serapan":
            df = (self._idx("anggaran", lambda: h.anggaran.astype({"kode": str}), "kode") if objek == "renja" else
                  self._idx("sasaran", lambda: h.anggaran_sasaran.astype({"kode_sasaran": str}), "kode_sasaran"))
            return Simpul(float(df.at[str(kode), "serapan"])) if str(kode) in df.index else None
        if objek == "total":
            return self._total(besaran, tahun)
        return None

    def _total(self, besaran: str, tahun: int) -> Simpul | None:
        h = self.h
        if besaran == "serapan":
            return Simpul(h.total["serapan"])
        ser = ("total", "", tahun, "serapan")
        if besaran == "rata_capaian_iku":
            return self._rumus(_rata, tuple(("iku", k, tahun, "capaian") for k in h.iku["kode_indikator"]))
        if besaran == "efisiensi_iku":
            return self._rumus(_rata, tuple(("iku", k, tahun, "efisiensi") for k in h.efisiensi_iku["kode_indikator"]))
        if besaran == "simpulan_efisiensi":
            return self._rumus(lambda c, s: (hitung_efisiensi(c, s, self.metode)[1],),
                               (("total", "", tahun, "rata_capaian_iku"), ser), label=True)
        for ring in ("output", "outcome"):
            if not besaran.endswith("_" + ring):
                continue
            jenis = h.ringkas(ring)["jenis"]
            ids = tuple(("renja_indikator", i, tahun, "capaian")
                        for i in h.efisiensi_renja.loc[h.efisiensi_renja["jenis"] == jenis, "id"])
            rata = ("total", "", tahun, f"rata_capaian_{ring}")
            if besaran == f"rata_capaian_{ring}":
                return self._rumus(_rata, ids)
            if besaran == f"efisiensi_{ring}":
                return self._rumus(self._ef, (rata, ser))
            if besaran == f"simpulan_efisiensi_{ring}":
                return self._simpulan(("total", "", tahun, f"efisiensi_{ring}"), rata, ser)
            if besaran in (f"kategori_{ring}", f"efektivitas_{ring}"):
                i = 0 if besaran.startswith("kategori") else 1
                return self._rumus(lambda c: (kategori(None if _nan(c) else c, h.profil.pengaturan.skala_kategori)[i],),
                                   (rata,), label=True)
        return None

    def _ef(self, c, s):
        return hitung_efisiensi(c, s, self.metode)[0]

    def _simpulan(self, ef: Kunci, c: Kunci, s: Kunci) -> Simpul:
        """Simpulan efisiensi: fungsi nilai efisiensi (rasio ≥ 1, selisih ≥ 0), atau capaian & serapan."""
        if self.metode in ("rasio", "selisih"):
            batas = 1.0 if self.metode == "rasio" else 0.0
            return self._rumus(lambda v: ("-",) if _nan(v) else (EFISIEN if v >= batas else TIDAK_EFISIEN,),
                               (ef,), label=True)
        return self._rumus(lambda a, b: (hitung_efisiensi(a, b, self.metode)[1],), (c, s), label=True)

    def _rumus(self, fn, args, label: bool = False) -> Simpul:
        args = tuple(self.kanonik(a) for a in args)
        nilai = fn(*(self.nilai(a) for a in args))
        return Simpul(nilai, 0.0, fn, args, label)

    def kunci_persen(self) -> list[Kunci]:
        """Besaran persen hilir yang dapat dikutip narasi (capaian, efisiensi, rata-rata)."""
        h, t = self.h, self.h.tahun
        out = [("iku", k, t, b) for k in h.iku_semua["kode_indikator"]
               for b in ("capaian", "capaian_akhir_renstra", "efisiensi")]
        out += [("renja_indikator", i, t, b) for i in h.efisiensi_renja.get("id", []) for b in ("capaian", "efisiensi")]
        out += [("total", "", t, b) for b in ("rata_capaian_iku", "efisiensi_iku", "rata_capaian_output",
                                              "rata_capaian_outcome", "efisiensi_output", "efisiensi_outcome")]
        return [k for k in out if self.simpul(k) is not None]

    # ------------------------------------------------------------------ evaluasi
    def nilai(self, k: Kunci, ganti: dict | None = None):
        k = self.kanonik(k)
        if ganti and k in ganti:
            lo, hi = ganti[k]
            return (lo + hi) / 2
        s = self.simpul(k)
        if s is None:
            return float("nan")
        if s.fn is None or not ganti:
            return s.nilai
        return s.fn(*(self.nilai(a, ganti) for a in s.args))

    def leluhur(self, k: Kunci) -> frozenset:
        """Semua besaran yang ikut menentukan ``k`` (tanpa ``k`` sendiri); ditembolok."""
        k = self.kanonik(k)
        if k not in self._leluhur:
            s = self.simpul(k)
            out: set[Kunci] = set()
            for a in (s.args if s else ()):
                out.add(a)
                out |= self.leluhur(a)
            self._leluhur[k] = frozenset(out)
        return self._leluhur[k]

    def interval(self, k: Kunci, ganti: dict | None = None, antara: bool = False):
        """Selang nilai ``k`` bila setiap masukan berada dalam selang pembulatannya.

        Angka: ``(lo, hi)``; label: himpunan label yang mungkin. ``antara``: ``k`` dipakai sebagai angka
        antara, sehingga selangnya dilebarkan setengah satuan dua desimal."""
        k = self.kanonik(k)
        if ganti and k in ganti:
            return ganti[k]
        s = self.simpul(k)
        if s is None:
            return (float("nan"), float("nan"))
        if s.fn is None:
            v = float(s.nilai) if not _nan(s.nilai) else float("nan")
            return (v - s.setengah, v + s.setengah)
        selang = [self.interval(a, ganti, antara=True) for a in s.args]
        if s.label:
            return _label_selang(s.fn, selang)
        lo, hi = _selang_monoton(s.fn, selang)
        if antara and not math.isnan(lo):
            lo, hi = lo - BULAT_ANTARA, hi + BULAT_ANTARA
        return (lo, hi)


def _c(hasil) -> float:
    return hasil.nilai if hasil.nilai is not None else float("nan")


def _tengah(selang) -> list[float]:
    return [(a + b) / 2 for a, b in selang]


def _arah(fn, selang) -> list[int]:
    """Arah kemonotonan fn terhadap tiap argumen di titik tengah selang (+1 naik, −1 turun, 0 tetap)."""
    m = _tengah(selang)
    arah = []
    for i, (a, b) in enumerate(selang):
        if a == b or math.isnan(a):
            arah.append(0)
            continue
        x_lo, x_hi = list(m), list(m)
        x_lo[i], x_hi[i] = a, b
        f_lo, f_hi = fn(*x_lo), fn(*x_hi)
        if isinstance(f_lo, tuple):
            f_lo, f_hi = 0, 0
        arah.append(0 if _nan(f_lo) or _nan(f_hi) else (1 if f_hi > f_lo else (-1 if f_hi < f_lo else 0)))
    return arah


def _selang_monoton(fn, selang) -> tuple[float, float]:
    arah = _arah(fn, selang)
    x_lo = [(b if d < 0 else a) for (a, b), d in zip(selang, arah)]
    x_hi = [(a if d < 0 else b) for (a, b), d in zip(selang, arah)]
    lo, hi = fn(*x_lo), fn(*x_hi)
    if _nan(lo) or _nan(hi):
        v = fn(*_tengah(selang))
        return (v, v) if not _nan(v) else (float("nan"), float("nan"))
    return (min(lo, hi), max(lo, hi))


def _label_selang(fn, selang) -> set:
    """Label yang mungkin: di titik tengah dan di setiap sudut searah (fungsi bertangga monoton)."""
    out = set(fn(*_tengah(selang)))
    for ujung in (0, 1):
        out |= set(fn(*[s[ujung] for s in selang]))
        out |= set(fn(*[s[1 - ujung] if i % 2 else s[ujung] for i, s in enumerate(selang)]))
    return out
