"""Memuat satu SKPD-tahun: ``lkj.yaml``, tabel (xlsx atau CSV) dan narasi, dengan validasi ketat.

>>> data = muat("params/bkpsdm-hulu-sungai-selatan/2022")   # doctest: +SKIP
>>> data.tabel["realisasi"].head()                           # doctest: +SKIP
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from .. import batas
from ..errors import InputError, Masalah
from ..profil import Profil, baca_profil
from ..schema import NARASI, TABEL
from .baca import LembarMentah, baca_semua
from .belum import kerangka, masalah_kerangka, periksa_belum_diisi
from ..berkas import baca_teks
from .kewajaran import lengkapi_desimal
from .tipe import tafsir_lembar
from .validasi import periksa_silang

__all__ = ["DataSKPD", "baca_tabel_berkas", "muat", "periksa", "tabel_kosong"]


@dataclass
class DataSKPD:
    """Seluruh masukan satu SKPD-tahun yang sudah divalidasi."""

    folder: Path
    profil: Profil
    tabel: dict[str, pd.DataFrame]
    narasi: dict[str, str]
    sumber: dict[str, str] = field(default_factory=dict)  # path -> sha256
    peringatan: list[Masalah] = field(default_factory=list)

    @property
    def slug(self) -> str:
        return self.folder.parent.name

    @property
    def tahun(self) -> int:
        return self.profil.tahun

    def __getitem__(self, nama: str) -> pd.DataFrame:
        return self.tabel[nama]


def tabel_kosong(nama: str) -> pd.DataFrame:
    """DataFrame kosong dengan kolom lengkap sesuai skema."""
    from ..schema import TABEL_DICT

    df, _ = tafsir_lembar(TABEL_DICT[nama], LembarMentah(nama, "", [], []))
    return df


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for blok in iter(lambda: f.read(1 << 16), b""):
            h.update(blok)
    return h.hexdigest()


def _baca_narasi(folder: Path) -> tuple[dict[str, str], list[str], list[Masalah]]:
    narasi: dict[str, str] = {}
    sumber: list[str] = []
    masalah: list[Masalah] = []
    d = folder / "narasi"
    if not d.is_dir():
        return narasi, sumber, masalah
    for p in sorted(d.glob("*.md")):
        kunci = p.stem.lower()
        if kunci not in NARASI and not kunci.startswith("iku_"):
            masalah.append(Masalah(f"berkas narasi '{p.name}' tidak dikenal dan tidak ditampilkan",
                                   berkas=f"narasi/{p.name}", tingkat="peringatan",
                                   saran="nama yang dikenal: " + ", ".join(NARASI) + ", iku_<kode>"))
            continue
        teks, m = baca_teks(p, folder, batas.BERKAS_NARASI, label=f"narasi/{p.name}", cp1252=False)
        if m is not None:
            masalah.append(m)
            continue
        if kerangka(teks):  # kerangka dari lkj lanjut: belum ditulis
            masalah.append(masalah_kerangka(f"narasi/{p.name}", NARASI.get(kunci, f"Analisis IKU {p.stem[4:]}")))
            continue
        narasi[kunci] = teks
        sumber.append(str(p))
    return narasi, sumber, masalah


def periksa(folder: str | Path) -> tuple[DataSKPD | None, list[Masalah]]:
    """Baca dan validasi; kembalikan (data atau None bila ada galat, semua masalah)."""
    folder = Path(folder)
    masalah: list[Masalah] = []
    if not folder.is_dir():
        return None, [Masalah("folder SKPD-tahun tidak ada", berkas=str(folder),
                              saran="periksa jalur, mis. params/<skpd>/<tahun>")]
    try:
        tahun_folder = int(folder.name)
    except ValueError:
        tahun_folder = None
        masalah.append(Masalah("nama folder bukan tahun", berkas=str(folder), tingkat="peringatan",
                               saran="gunakan susunan params/<skpd>/<tahun>"))
    profil, m = baca_profil(folder / "lkj.yaml", tahun_folder)
    masalah += m
    lembar, sumber_tabel, m = baca_semua(folder, {tb.nama for tb in TABEL})
    masalah += m
    tabel: dict[str, pd.DataFrame] = {}
    sumber_lembar: dict[str, str] = {}
    ada_data = bool(lembar)
    for tb in TABEL:
        lm = lembar.get(tb.nama)
        if lm is None:
            if tb.wajib_ada and ada_data:
                masalah.append(Masalah(f"lembar '{tb.nama}' tidak ada", lembar=tb.nama,
                                       berkas="data.xlsx" if (folder / "data.xlsx").exists()
                                       else f"data/{tb.nama}.csv",
                                       saran=f"tambahkan lembar '{tb.nama}' ({tb.judul})"))
            lm = LembarMentah(tb.nama, "", [k.nama for k in tb.kolom], [])
        sumber_lembar[tb.nama] = lm.berkas
        df, m = tafsir_lembar(tb, lm, dengan_desimal=True)
        masalah += m
        if tb.wajib_ada and lm.berkas and df.empty and tb.nama in (
                "tujuan", "sasaran", "indikator", "perjanjian_kinerja", "realisasi", "renja"):
            masalah.append(Masalah(f"lembar '{tb.nama}' belum diisi", berkas=lm.berkas, lembar=tb.nama,
                                   saran=f"isi {tb.judul.lower()} mulai baris 2 (contoh di lembar PETUNJUK)"))
        tabel[tb.nama] = df
    for nama in lembar:
        if nama not in tabel:
            masalah.append(Masalah(f"lembar '{nama}' tidak dikenal dan diabaikan", lembar=nama,
                                   tingkat="peringatan", saran="periksa ejaan nama lembar"))
    masalah += periksa_silang(tabel, profil, sumber_lembar)
    masalah += periksa_belum_diisi(tabel, profil, sumber_lembar, tahun_folder)
    lengkapi_desimal(tabel)
    narasi, sumber_narasi, m = _baca_narasi(folder)
    masalah += m
    if any(x.tingkat == "galat" for x in masalah) or profil is None:
        return None, masalah
    sumber = {}
    aset = [str(folder / a.relative_to(folder.resolve()))  # logo, dokumen acuan Word (jalur terurai)
            for a in (profil.logo, profil.templat_docx) if a is not None]
    for p in [str(folder / "lkj.yaml"), *sumber_tabel, *sumber_narasi, *aset]:
        sumber[str(Path(p).relative_to(folder))] = _sha256(Path(p))
    data = DataSKPD(folder=folder, profil=profil, tabel=tabel, narasi=narasi, sumber=sumber,
                    peringatan=[x for x in masalah if x.tingkat != "galat"])
    return data, masalah


def muat(folder: str | Path) -> DataSKPD:
    """Muat SKPD-tahun atau naikkan :class:`InputError` berisi semua masalah sekaligus."""
    data, masalah = periksa(folder)
    if data is None:
        raise InputError(masalah)
    return data


def baca_tabel_berkas(path: str | Path, nama_tabel: str, lembar: str | None = None) -> pd.DataFrame:
    """Baca satu tabel (mis. 'skm') dari berkas .csv atau .xlsx lepas, ditafsir sesuai skema.

    Untuk .xlsx dipakai lembar bernama ``lembar`` (bawaan: ``nama_tabel``) atau lembar pertama
    bila hanya ada satu. Naikkan :class:`InputError` bila berkas atau isinya tidak sah.
    """
    from ..schema import TABEL_DICT
    from .baca import baca_csv, baca_xlsx

    path = Path(path)
    tabel = TABEL_DICT[nama_tabel]
    if not path.exists() and not path.is_symlink():
        raise InputError([Masalah("berkas tidak ada", berkas=str(path))])
    if path.suffix.lower() == ".csv":
        lm, masalah = baca_csv(path)
    elif path.suffix.lower() in (".xlsx", ".xlsm"):
        semua, masalah = baca_xlsx(path)
        nama = (lembar or nama_tabel).lower()
        lm = semua.get(nama) or (next(iter(semua.values())) if len(semua) == 1 else None)
        if lm is None:
            masalah.append(Masalah(f"lembar '{nama}' tidak ada", berkas=path.name,
                                   saran=f"beri nama lembar '{nama}'"))
    else:
        raise InputError([Masalah("format berkas tidak dikenal", berkas=path.name,
                                  harapan=".csv atau .xlsx")])
    if lm is None:
        raise InputError(masalah)
    df, m = tafsir_lembar(tabel, lm)
    masalah += m
    if any(x.tingkat == "galat" for x in masalah):
        raise InputError(masalah)
    return df
