"""Indeks Kepuasan Masyarakat (IKM) dari jawaban SKM mentah (PermenPAN-RB 14/2017; spesifikasi §7).

``NRR_u = Σ nilai unsur u / jumlah jawaban u``; ``NRRT_u = NRR_u × penimbang_u``;
``IKM = Σ NRRT × 25``. Semua angka disimpan tanpa pembulatan; pembulatan hanya untuk tampilan.

Baris yang salah satu jawabannya kosong atau bukan bilangan bulat 1-4 **tidak sah**: dicatat
(nomor baris + alasan), dihitung jumlahnya, dan dikeluarkan dari semua perhitungan.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from ..errors import LkjError
from ..penimbang import PENIMBANG_SERAGAM, periksa_penimbang  # noqa: F401 - API lama tetap ada

UNSUR: tuple[tuple[str, str], ...] = (
    ("U1", "Persyaratan"),
    ("U2", "Sistem, Mekanisme dan Prosedur"),
    ("U3", "Waktu Penyelesaian"),
    ("U4", "Biaya/Tarif"),
    ("U5", "Produk Spesifikasi Jenis Pelayanan"),
    ("U6", "Kompetensi Pelaksana"),
    ("U7", "Perilaku Pelaksana"),
    ("U8", "Penanganan Pengaduan, Saran dan Masukan"),
    ("U9", "Sarana dan Prasarana"),
)
KOLOM_UNSUR: tuple[str, ...] = tuple(k.lower() for k, _ in UNSUR)

# (batas bawah IKM/NIK, batas bawah NRR/NI, mutu, kinerja unit pelayanan)
MUTU: tuple[tuple[float, float, str, str], ...] = (
    (88.31, 3.5324, "A", "Sangat Baik"),
    (76.61, 3.0644, "B", "Baik"),
    (65.00, 2.60, "C", "Kurang Baik"),
    (-math.inf, -math.inf, "D", "Tidak Baik"),
)
KELOMPOK = ("layanan", "jenis_kelamin", "pendidikan", "pekerjaan", "usia")
PITA_USIA = ((20, "≤ 20"), (30, "21–30"), (40, "31–40"), (50, "41–50"), (60, "51–60"), (math.inf, "> 60"))
JENIS_KELAMIN = {"L": "Laki-laki", "P": "Perempuan"}
URUTAN_PENDIDIKAN = ("SD", "SMP", "SLTP", "SMA", "SLTA", "SMK", "D1", "D2", "D3", "D4", "S1", "S2", "S3")
TIDAK_DIISI = "(tidak diisi)"
_TOL = 1e-9


def _cari_mutu(nilai: float, posisi: int) -> tuple[str, str]:
    if nilai is None or (isinstance(nilai, float) and math.isnan(nilai)):
        return ("-", "-")
    for baris in MUTU:
        if nilai >= baris[posisi] - _TOL:
            return baris[2], baris[3]
    return MUTU[-1][2], MUTU[-1][3]


def mutu_ikm(ikm: float) -> tuple[str, str]:
    """(mutu, kinerja) menurut IKM/NIK 25-100: ≥ 88,31 A; ≥ 76,61 B; ≥ 65,00 C; selain itu D."""
    return _cari_mutu(ikm, 0)


def mutu_nrr(nrr: float) -> tuple[str, str]:
    """(mutu, kinerja) menurut NRR/NI 1-4: ≥ 3,5324 A; ≥ 3,0644 B; ≥ 2,60 C; selain itu D."""
    return _cari_mutu(nrr, 1)


def sampel_krejcie_morgan(populasi: int) -> int:
    """Ukuran sampel minimal Krejcie–Morgan (λ² = 3,841; P = Q = 0,5; d = 0,05), dibulatkan ke atas."""
    try:
        n = float(populasi)
    except (TypeError, ValueError):
        raise LkjError(f"populasi harus bilangan bulat positif, bukan {populasi!r}") from None
    if not n.is_integer() or n < 1:
        raise LkjError(f"populasi harus bilangan bulat positif, bukan {populasi!r}")
    s = 3.841 * n * 0.25 / (0.0025 * (n - 1) + 3.841 * 0.25)
    return int(math.ceil(s - _TOL))


def _nilai_jawaban(v) -> tuple[float | None, str]:
    """(nilai, '') bila sah; (None, alasan) bila tidak."""
    if v is None or (isinstance(v, float) and math.isnan(v)) or v is pd.NA:
        return None, "kosong"
    if isinstance(v, str):
        s = v.strip()
        if not s or s == "-":
            return None, "kosong"
        try:
            v = float(s.replace(",", "."))
        except ValueError:
            return None, f"bukan angka ({s!r})"
    try:
        x = float(v)
    except (TypeError, ValueError):
        return None, f"bukan angka ({v!r})"
    if math.isnan(x):
        return None, "kosong"
    if not x.is_integer():
        return None, f"bukan bilangan bulat ({x:g})"
    if not 1 <= x <= 4:
        return None, f"di luar 1-4 ({x:g})"
    return x, ""


def _nilai_kolom(kolom: pd.Series, penanda: list[pd.Series]) -> tuple[list, dict[int, str]]:
    """(nilai per baris, {posisi: alasan tidak sah}) untuk satu kolom unsur, seperti
    :func:`_nilai_jawaban` per sel; ``penanda`` = kolom ``_op``/``_satuan`` unsur itu (sel berpembanding
    atau bersatuan bukan nilai tunggal). Kolom float (hasil pemuat) diperiksa sekaligus dan hanya sel yang
    tidak sah yang ditafsir satu per satu (ribuan responden: pekerjaan Python sebanding dengan sel buruk)."""
    nilai = kolom.tolist()
    if kolom.dtype.kind == "f":
        arr = kolom.to_numpy(dtype="float64")
        with np.errstate(invalid="ignore"):
            sah = (arr >= 1) & (arr <= 4) & (arr == np.floor(arr))  # NaN: False
        calon = np.flatnonzero(~sah).tolist()
    else:
        calon = range(len(nilai))
    buruk: dict[int, str] = {}
    for i in calon:
        nilai[i], alasan = _nilai_jawaban(nilai[i])
        if alasan:
            buruk[i] = alasan
    for seri in penanda:  # _op lebih dulu, lalu _satuan: alasan pertama yang dipakai
        try:  # sel kosong ("", None) dilewati sekaligus; NaN/teks diperiksa satu per satu
            calon_penanda = np.flatnonzero(seri.to_numpy(dtype=object).astype(bool)).tolist()
        except (TypeError, ValueError):  # mis. pd.NA tidak bernilai kebenaran
            calon_penanda = range(len(seri))
        daftar = seri.tolist()
        for i in calon_penanda:
            t = daftar[i]
            if isinstance(t, str) and t and i not in buruk and t.strip():
                buruk[i] = f"bukan nilai tunggal ({t.strip()} {nilai[i]:g})"
    return nilai, buruk


def pisah_sah(df: pd.DataFrame) -> tuple[pd.DataFrame, list[dict]]:
    """Pisahkan baris sah dari baris tidak sah. Kembalikan (baris sah, [{baris, alasan}]).

    Nomor baris diambil dari kolom ``_baris`` (hasil pemuat); tanpa kolom itu dipakai
    posisi + 2 (baris 1 = judul kolom, seperti pada berkas).
    """
    hilang = [k for k in KOLOM_UNSUR if k not in df.columns]
    if hilang:
        raise LkjError("lembar skm tidak memiliki kolom " + ", ".join(hilang)
                       + " (diperlukan u1..u9, satu kolom per unsur)")
    nomor = df["_baris"].tolist() if "_baris" in df.columns else list(range(2, len(df) + 2))
    kolom_nilai, kolom_buruk = [], []
    for k in KOLOM_UNSUR:
        nilai, buruk = _nilai_kolom(df[k], [df[k + pend] for pend in ("_op", "_satuan") if k + pend in df.columns])
        kolom_nilai.append(nilai)
        kolom_buruk.append(buruk)
    tidak_sah = sorted(set().union(*kolom_buruk))
    invalid = [{"baris": int(nomor[pos]),
                "alasan": "; ".join(f"{k.upper()} {b[pos]}" for k, b in zip(KOLOM_UNSUR, kolom_buruk) if pos in b)}
               for pos in tidak_sah]
    buang = set(tidak_sah)
    sah_pos = [pos for pos in range(len(df)) if pos not in buang]
    sah = df.iloc[sah_pos].copy()
    for k, nilai in zip(KOLOM_UNSUR, kolom_nilai):
        sah[k] = pd.Series([nilai[p] for p in sah_pos], index=sah.index, dtype="float64")
    return sah, invalid


def inti_dari_jumlah(N: list[int], jumlah: list[float],
                     penimbang: tuple[float, ...]) -> tuple[list, list, list, list, float]:
    """(N, jumlah, NRR, NRRT, IKM) dari jumlah jawaban dan jumlah nilai per unsur.

    Satu-satunya tempat rumus IKM: dipakai jawaban mentah maupun rekap per unsur, sehingga
    rekap yang jumlahnya sama memberi angka yang persis sama.
    """
    N = [int(n) for n in N]
    jumlah = [float(j) for j in jumlah]
    NRR = [j / n if n else math.nan for j, n in zip(jumlah, N)]
    NRRT = [r * w for r, w in zip(NRR, penimbang)]
    return N, jumlah, NRR, NRRT, math.fsum(NRRT) * 25


def _hitung_inti(sah: pd.DataFrame, penimbang: tuple[float, ...]) -> tuple[list, list, list, list, float]:
    return inti_dari_jumlah([int(sah[k].count()) for k in KOLOM_UNSUR],
                            [float(sah[k].sum()) for k in KOLOM_UNSUR], penimbang)


def _pita_usia(u) -> str:
    if u is None or (isinstance(u, float) and math.isnan(u)):
        return TIDAK_DIISI
    for batas, label in PITA_USIA:
        if u <= batas:
            return label
    return PITA_USIA[-1][1]


def _label_kelompok(sah: pd.DataFrame, kolom: str) -> pd.Series:
    if kolom == "usia":
        return sah["usia"].map(_pita_usia) if "usia" in sah else pd.Series(TIDAK_DIISI, index=sah.index)
    if kolom not in sah.columns:
        return pd.Series(TIDAK_DIISI, index=sah.index)

    def label(v):
        if v is None or (isinstance(v, float) and math.isnan(v)) or not str(v).strip():
            return TIDAK_DIISI
        s = str(v).strip()
        return JENIS_KELAMIN.get(s.upper(), s) if kolom == "jenis_kelamin" else s

    return sah[kolom].map(label).astype(object)


def _kunci_urut(kolom: str):
    def kunci(v: str):
        if v == TIDAK_DIISI:
            return (2, 0, v)
        if kolom == "usia":
            return (0, [lbl for _, lbl in PITA_USIA].index(v), v)
        if kolom == "pendidikan" and v.upper() in URUTAN_PENDIDIKAN:
            return (0, URUTAN_PENDIDIKAN.index(v.upper()), v)
        return (1, 0, v.lower())
    return kunci


@dataclass(frozen=True)
class HasilIKM:
    """Hasil IKM satu survei. Daftar berurutan U1..U9; angka tidak dibulatkan."""

    n_responden: int
    N: list[int]
    jumlah: list[float]
    NRR: list[float]
    NRRT: list[float]
    ikm: float
    mutu: str
    kinerja: str
    invalid_rows: list[dict]
    sampel_minimal: int | None = None
    populasi: int | None = None
    penimbang: tuple[float, ...] = (1 / 9,) * 9
    bentuk: str = "jawaban"  # "jawaban" (lembar skm) atau "rekap" (lembar skm_rekap)
    _sah: pd.DataFrame = field(default=None, repr=False, compare=False)
    _layanan: pd.DataFrame = field(default=None, repr=False, compare=False)  # per layanan (rekap)

    @property
    def n_tidak_sah(self) -> int:
        return len(self.invalid_rows)

    @property
    def sampel_cukup(self) -> bool | None:
        """True bila responden sah ≥ sampel minimal; None tanpa populasi."""
        return None if self.sampel_minimal is None else self.n_responden >= self.sampel_minimal

    def per_unsur(self) -> pd.DataFrame:
        """Satu baris per unsur: unsur, nama_unsur, N, jumlah, NRR, penimbang, NRRT, mutu, kinerja."""
        rows = []
        for i, (kode, nama) in enumerate(UNSUR):
            m, k = mutu_nrr(self.NRR[i])
            rows.append({"unsur": kode, "nama_unsur": nama, "N": self.N[i], "jumlah": self.jumlah[i],
                         "NRR": self.NRR[i], "penimbang": self.penimbang[i], "NRRT": self.NRRT[i],
                         "mutu": m, "kinerja": k})
        return pd.DataFrame(rows)

    def per_kelompok(self, kolom: str) -> pd.DataFrame:
        """IKM dan mutu per kelompok responden: layanan, jenis_kelamin, pendidikan, pekerjaan, usia."""
        if kolom not in KELOMPOK:
            raise LkjError(f"kelompok '{kolom}' tidak dikenal; pilih: " + ", ".join(KELOMPOK))
        if self._sah is None:
            if kolom == "layanan" and self._layanan is not None:
                return self._layanan.copy()
            raise LkjError(f"IKM dihitung dari rekap per unsur: pengelompokan menurut {kolom} "
                           "memerlukan jawaban per responden (lembar skm)")
        label = _label_kelompok(self._sah, kolom)
        rows = []
        for nilai in sorted(set(label), key=_kunci_urut(kolom)):
            sub = self._sah[label == nilai]
            _, _, NRR, _, ikm = _hitung_inti(sub, self.penimbang)
            m, k = mutu_ikm(ikm)
            rows.append({kolom: nilai, "n_responden": len(sub), "ikm": ikm, "mutu": m, "kinerja": k,
                         **{f"NRR_{kode}": r for (kode, _), r in zip(UNSUR, NRR)}})
        kol = [kolom, "n_responden", "ikm", "mutu", "kinerja", *(f"NRR_{k}" for k, _ in UNSUR)]
        return pd.DataFrame(rows, columns=kol)

    def per_layanan(self) -> pd.DataFrame:
        """IKM dan mutu per jenis layanan."""
        return self.per_kelompok("layanan")

    def profil_responden(self) -> pd.DataFrame:
        """Sebaran responden sah: kelompok, kategori, jumlah, persen (dari responden sah)."""
        judul = {"jenis_kelamin": "Jenis Kelamin", "pendidikan": "Pendidikan",
                 "pekerjaan": "Pekerjaan", "usia": "Usia"}
        rows = []
        if self._sah is None:  # rekap per unsur tidak memuat profil responden
            return pd.DataFrame(rows, columns=["kelompok", "kategori", "jumlah", "persen"])
        for kolom, nama in judul.items():
            label = _label_kelompok(self._sah, kolom)
            hitung = label.value_counts()
            for kat in sorted(hitung.index, key=_kunci_urut(kolom)):
                n = int(hitung[kat])
                rows.append({"kelompok": nama, "kategori": kat, "jumlah": n,
                             "persen": n / self.n_responden * 100 if self.n_responden else math.nan})
        return pd.DataFrame(rows, columns=["kelompok", "kategori", "jumlah", "persen"])

    def as_dict(self) -> dict:
        """Bentuk JSON (angka tanpa pembulatan)."""
        return {
            "bentuk": self.bentuk, "n_responden": self.n_responden, "n_tidak_sah": self.n_tidak_sah,
            "N": list(self.N), "jumlah": list(self.jumlah), "NRR": list(self.NRR),
            "NRRT": list(self.NRRT), "penimbang": list(self.penimbang), "ikm": self.ikm,
            "mutu": self.mutu, "kinerja": self.kinerja, "invalid_rows": [dict(r) for r in self.invalid_rows],
            "populasi": self.populasi, "sampel_minimal": self.sampel_minimal,
            "sampel_cukup": self.sampel_cukup,
            "unsur": [{"unsur": k, "nama_unsur": n, "NRR": r, "mutu": mutu_nrr(r)[0]}
                      for (k, n), r in zip(UNSUR, self.NRR)],
        }


def hitung_ikm(df: pd.DataFrame, penimbang=(1 / 9,) * 9, populasi: int | None = None) -> HasilIKM:
    """Hitung IKM dari lembar ``skm`` (satu baris per responden, kolom u1..u9 bernilai 1-4).

    ``penimbang``: 1/9 (bawaan, tepat), 0.11, 0.111, atau 9 bobot berjumlah 1.
    ``populasi``: bila diisi, ``sampel_minimal`` = Krejcie–Morgan dibulatkan ke atas.
    Naikkan :class:`LkjError` bila penimbang tidak sah, kolom u1..u9 tidak ada, atau tidak ada
    satu pun responden sah.
    """
    w = periksa_penimbang(penimbang)
    sampel = sampel_krejcie_morgan(populasi) if populasi is not None else None
    sah, invalid = pisah_sah(df)
    if sah.empty:
        contoh = "; ".join(f"baris {r['baris']}: {r['alasan']}" for r in invalid[:5])
        raise LkjError(f"tidak ada responden SKM yang sah ({len(invalid)} baris tidak sah"
                       + (f", mis. {contoh}" if contoh else ", lembar kosong") + ")")
    N, jumlah, NRR, NRRT, ikm = _hitung_inti(sah, w)
    m, k = mutu_ikm(ikm)
    return HasilIKM(n_responden=len(sah), N=N, jumlah=jumlah, NRR=NRR, NRRT=NRRT, ikm=ikm, mutu=m,
                    kinerja=k, invalid_rows=invalid, sampel_minimal=sampel,
                    populasi=int(populasi) if populasi is not None else None, penimbang=w, _sah=sah)
