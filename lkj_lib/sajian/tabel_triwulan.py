"""Tabel pemantauan triwulan: indikator Renja (kumulatif, dan per triwulan bila diisi demikian) dan
realisasi anggaran per triwulan."""

from __future__ import annotations

from .. import fmt
from ..ukur.bentuk import ROMAWI, TW
from ..ukur.hasil import HasilKinerja
from .tabel import Kolom, TabelLaporan, kelas_renja


def label_jenis(h: HasilKinerja) -> str:
    """Judul kolom 'Program/Kegiatan/Sub Kegiatan' dengan jenis Renja yang ada saja."""
    return "/".join(j.replace("_", " ").title() for j in ("program", "kegiatan", "sub_kegiatan")
                    if (h.anggaran["jenis"] == j).any())


def _besaran(kol: str):
    return lambda b: fmt.besaran(b[kol], b["satuan"], tetap=b.get("desimal"))


def tabel_triwulan(h: HasilKinerja) -> TabelLaporan:
    """Target, realisasi dan capaian KUMULATIF s.d. setiap triwulan (yang dibandingkan dengan target
    tahunan); bila ada indikator yang diisi per triwulan, realisasi dalam triwulan itu ikut tampil."""
    df = h.triwulan
    rows = df.to_dict("records") if not df.empty else []
    kolom = [Kolom(label_jenis(h), "nama", "kiri", lebar="16%"),
             Kolom("Indikator", "indikator", "kiri", lebar="18%"),
             Kolom("Target Tahunan", _besaran("target"))]
    for grup, awal in (("Target kumulatif s.d.", "target"), ("Realisasi kumulatif s.d.", "realisasi")):
        kolom += [Kolom(f"TW {ROMAWI[i]}", _besaran(f"{awal}_tw{i}"), grup=grup) for i in TW]
    kolom += [Kolom(f"TW {ROMAWI[i]}", (lambda k: lambda b: fmt.angka(b[k]))(f"capaian_tw{i}"),
                    grup="Capaian kumulatif (%)") for i in TW]
    per = bool(rows) and (df["bentuk"] == "per_triwulan").any()
    if per:
        kolom += [Kolom(f"TW {ROMAWI[i]}", _besaran(f"realisasi_per_tw{i}"), grup="Realisasi dalam triwulan")
                  for i in TW]
    catatan = ["Nilai kumulatif = nilai s.d. akhir triwulan; capaian kumulatif TW IV dibandingkan dengan "
               "target tahunan."]
    if per:
        catatan.append("Indikator yang diisi per triwulan (bentuk_triwulan: per_triwulan) dijumlahkan menjadi "
                       "nilai kumulatif; realisasi dalam triwulan ditampilkan sebagaimana diisi.")
    return TabelLaporan("triwulan", "Target dan Realisasi Indikator per Triwulan", kolom, rows, df,
                        catatan=catatan, lanskap=True, kelas_baris=kelas_renja,
                        sumber="lkj_lib.ukur.triwulan.tabel_triwulan")


def tabel_anggaran_triwulan(h: HasilKinerja) -> TabelLaporan:
    """Realisasi anggaran dalam setiap triwulan dan serapan kumulatif (% pagu) s.d. triwulan."""
    df = h.anggaran_triwulan
    rows = df.to_dict("records") if not df.empty else []
    kolom = [Kolom("Kode", "kode", "kiri"), Kolom(label_jenis(h), "nama", "kiri", lebar="26%"),
             Kolom("Pagu (Rp)", lambda b: fmt.angka(b["pagu"], 0))]
    kolom += [Kolom(f"TW {ROMAWI[i]}", (lambda k: lambda b: fmt.angka(b[k], 0))(f"realisasi_per_tw{i}"),
                    grup="Realisasi dalam triwulan (Rp)") for i in TW]
    kolom += [Kolom(f"TW {ROMAWI[i]}", (lambda k: lambda b: fmt.angka(b[k]))(f"serapan_kum_tw{i}"),
                    grup="Serapan kumulatif s.d. triwulan (%)") for i in TW]
    return TabelLaporan("anggaran_triwulan", f"Realisasi Anggaran per Triwulan Tahun {h.tahun}", kolom, rows, df,
                        catatan=["Angka induk adalah jumlah dari node terbawah; serapan kumulatif = realisasi s.d. "
                                 "akhir triwulan ÷ pagu."],
                        lanskap=True, kelas_baris=kelas_renja, sumber="lkj_lib.ukur.triwulan.anggaran_triwulan")
