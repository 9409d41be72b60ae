"""Riwayat dari folder tahun-tahun sebelumnya (``params/<skpd>/<N-1>``, ``<N-2>``, ... di samping folder N).

Bila folder tahun Y < N ada, realisasi dan capaian Y yang DIHITUNG laporan Y (dengan target, status
dan instrumennya sendiri) menjadi nilai Y di perbandingan dan tren laporan N; nilai riwayat yang
diketik di folder N hanya dipakai untuk tahun yang foldernya tidak ada, dan ketikan yang berbeda
dengan hasil laporan Y menjadi temuan audit (:mod:`lkj_lib.audit.riwayat`). Folder lama dimuat
dengan pemuat biasa (tervalidasi); folder yang tidak sah dilewati (temuan peringatan), tidak pernah
menggagalkan laporan N. Asal setiap nilai dicatat di kolom ``sumber``.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from ..errors import Masalah
from ..masukan import DataSKPD, periksa

KOLOM_NILAI = ("target", "target_op", "sumber_target", "realisasi", "status", "penanda", "capaian", "alasan",
               "kategori")


def folder_tahun_lalu(folder: str | Path) -> list[Path]:
    """Folder ``<skpd>/<Y>`` di samping ``folder`` (``<skpd>/<N>``) dengan Y < N dan berisi lkj.yaml, terurut naik."""
    folder = Path(folder)
    if not folder.name.isdigit() or not folder.parent.is_dir():
        return []
    n = int(folder.name)
    out = [p for p in folder.parent.iterdir()
           if p.name.isdigit() and len(p.name) == 4 and int(p.name) < n and p.is_dir() and (p / "lkj.yaml").is_file()]
    return sorted(out, key=lambda p: int(p.name))


def label_folder(folder: Path) -> str:
    """'params/<skpd>/<tahun>': tiga komponen terakhir (relatif, tanpa jalur mesin)."""
    return "/".join(Path(folder).resolve().parts[-3:])


def sidik_tahun_lalu(folder: str | Path) -> dict[str, dict[str, str]]:
    """{label folder lalu: {jalur relatif: sha256}} setiap berkas di folder tahun-tahun sebelumnya."""
    out = {}
    for f in folder_tahun_lalu(folder):
        out[label_folder(f)] = {p.relative_to(f).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
                                for p in sorted(f.rglob("*")) if p.is_file() and not p.is_symlink()}
    return out


@dataclass
class FolderLalu:
    """Satu folder tahun sebelumnya: data termuat (atau None bila tidak sah) dan nilai IKU tahunnya."""

    tahun: int
    label: str
    data: DataSKPD | None
    masalah: list[Masalah] = field(default_factory=list)
    nilai: pd.DataFrame | None = None  # tabel_iku(data, tahun): satu baris per indikator

    @property
    def sah(self) -> bool:
        return self.data is not None and self.nilai is not None


def muat_tahun_lalu(data: DataSKPD) -> list[FolderLalu]:
    """Muat setiap folder tahun sebelumnya di samping ``data.folder``; tidak pernah menaikkan galat."""
    from .iku import tabel_iku

    out = []
    for f in folder_tahun_lalu(data.folder):
        label, th = label_folder(f), int(f.name)
        try:
            d, masalah = periksa(f)
        except Exception as e:  # noqa: BLE001 - folder lama yang rusak tidak boleh menggagalkan laporan ini
            out.append(FolderLalu(th, label, None, [Masalah(f"tidak dapat dimuat: {type(e).__name__}: {e}",
                                                            berkas=label)]))
            continue
        galat = [m for m in masalah if m.tingkat == "galat"]
        if d is None or d.tahun != th:
            if d is not None:
                galat.append(Masalah(f"tahun di lkj.yaml ({d.tahun}) bukan {th}", berkas=f"{label}/lkj.yaml"))
            out.append(FolderLalu(th, label, None, galat))
            continue
        try:
            nilai = tabel_iku(d, th)
        except Exception as e:  # noqa: BLE001
            out.append(FolderLalu(th, label, None, [Masalah(f"tidak dapat dihitung: {type(e).__name__}: {e}",
                                                            berkas=label)]))
            continue
        out.append(FolderLalu(th, label, d, [], nilai))
    return out


def berkas_lembar(data: DataSKPD, lembar: str) -> str:
    """Nama berkas lembar di folder ``data``: 'realisasi.csv' atau 'data.xlsx, lembar realisasi'."""
    return f"data.xlsx, lembar {lembar}" if (data.folder / "data.xlsx").exists() else f"{lembar}.csv"


def gabung_riwayat(data: DataSKPD, lokal: pd.DataFrame, lalu: list[FolderLalu]) -> pd.DataFrame:
    """Riwayat folder ini (``lokal``: hasil ``tabel_iku`` per tahun) dengan nilai tahun Y < N diganti
    hasil laporan Y bila foldernya sah. Kolom tambahan ``sumber``: label folder Y, 'diketik
    (realisasi.csv)', atau 'laporan ini' untuk tahun N dan target tahun mendatang."""
    df = lokal.copy()
    n = data.tahun
    diketik = set(zip(data["realisasi"]["kode_indikator"], data["realisasi"]["tahun"].astype("Int64")))
    ketik = f"diketik ({berkas_lembar(data, 'realisasi')})"
    df["sumber"] = [
        "laporan ini" if th >= n else (ketik if (k, th) in diketik else "target (tanpa realisasi)")
        for k, th in zip(df["kode_indikator"], df["tahun"])]
    per_tahun = {f.tahun: f for f in lalu if f.sah}
    if not per_tahun:
        return df
    info = df.drop_duplicates("kode_indikator").set_index("kode_indikator")
    baris_baru = []
    for th, f in sorted(per_tahun.items()):
        nilai = f.nilai.set_index("kode_indikator")
        for kode in info.index:
            if kode not in nilai.index:
                continue  # indikator baru: tahun itu belum diukur
            v = nilai.loc[kode]
            pilih = (df["kode_indikator"] == kode) & (df["tahun"] == th)
            isi = {k: v[k] for k in KOLOM_NILAI}
            isi["sumber"] = f.label
            if pilih.any():
                for k, x in isi.items():
                    df.loc[pilih, k] = x
            else:
                b = info.loc[kode]
                baris_baru.append({"kode_indikator": kode, "indikator": b["indikator"], "level": b["level"],
                                   "tahun": th, "desimal": b["desimal"], **isi})
    if baris_baru:
        df = pd.concat([df, pd.DataFrame(baris_baru)], ignore_index=True)
    urut = {k: i for i, k in enumerate(info.index)}
    df = df.assign(_u=df["kode_indikator"].map(urut)).sort_values(["tahun", "_u"], kind="stable")
    return df.drop(columns="_u").reset_index(drop=True)


__all__ = ["FolderLalu", "berkas_lembar", "folder_tahun_lalu", "gabung_riwayat", "label_folder", "muat_tahun_lalu",
           "sidik_tahun_lalu"]
