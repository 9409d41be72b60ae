"""Semua hasil pengukuran satu SKPD-tahun, dihitung sekali dan dipakai bersama oleh notebook,
audit dan pengujian (sehingga angka yang sama keluar di mana pun)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import pandas as pd

from ..masukan import DataSKPD
from . import anggaran as _ang
from . import efisiensi as _ef
from . import iku as _iku
from .renja import tabel_capaian_renja
from .triwulan import anggaran_triwulan, tabel_triwulan


@dataclass
class HasilKinerja:
    data: DataSKPD

    @property
    def profil(self):
        return self.data.profil

    @property
    def tahun(self) -> int:
        return self.data.tahun

    @cached_property
    def iku_semua(self) -> pd.DataFrame:
        """Indikator tujuan dan IKU sasaran pada tahun laporan."""
        return _iku.tabel_iku(self.data)

    @cached_property
    def iku(self) -> pd.DataFrame:
        """IKU (indikator sasaran) pada tahun laporan."""
        return self.iku_semua[self.iku_semua["level"] == "sasaran"].reset_index(drop=True)

    @cached_property
    def indikator_tujuan(self) -> pd.DataFrame:
        return self.iku_semua[self.iku_semua["level"] == "tujuan"].reset_index(drop=True)

    @cached_property
    def tahun_lalu(self) -> list:
        """Folder tahun-tahun sebelumnya di samping folder ini, dimuat dan dihitung (lkj_lib.ukur.riwayat)."""
        from .riwayat import muat_tahun_lalu

        return muat_tahun_lalu(self.data)

    @cached_property
    def riwayat(self) -> pd.DataFrame:
        """Semua tahun yang tercatat (folder ini dan folder tahun-tahun sebelumnya), kolom ``sumber``."""
        return _iku.riwayat_iku(self.data, self.tahun_lalu, self.iku_semua)

    @cached_property
    def perbandingan(self) -> pd.DataFrame:
        return _iku.perbandingan_iku(self.data, self.riwayat, self.iku_semua)

    @cached_property
    def pembanding(self) -> pd.DataFrame:
        return _iku.pembanding_daerah(self.data)

    @cached_property
    def anggaran(self) -> pd.DataFrame:
        return _ang.tabel_anggaran(self.data)

    @cached_property
    def total(self) -> dict:
        return _ang.total_anggaran(self.anggaran)

    @cached_property
    def anggaran_sasaran(self) -> pd.DataFrame:
        return _ang.anggaran_per_sasaran(self.data, self.anggaran)

    @cached_property
    def capaian_renja(self) -> pd.DataFrame:
        return tabel_capaian_renja(self.data)

    @cached_property
    def efisiensi_renja(self) -> pd.DataFrame:
        return _ef.tabel_efisiensi_renja(self.data, self.anggaran, self.capaian_renja)

    @cached_property
    def ringkasan_efisiensi(self) -> pd.DataFrame:
        return _ef.ringkasan_efisiensi(self.data, self.efisiensi_renja, self.anggaran)

    @cached_property
    def efisiensi_iku(self) -> pd.DataFrame:
        return _ef.tabel_efisiensi_iku(self.data, self.anggaran, self.iku)

    @cached_property
    def triwulan(self) -> pd.DataFrame:
        return tabel_triwulan(self.data, self.capaian_renja)

    @cached_property
    def anggaran_triwulan(self) -> pd.DataFrame:
        return anggaran_triwulan(self.data, self.anggaran)

    def target_akhir(self, kode_indikator: str) -> tuple[float | None, int]:
        """(target akhir Renstra indikator atau None, tahun akhir Renstra) untuk grafik tren."""
        ind = self.data["indikator"].set_index("kode_indikator")
        v = ind.at[kode_indikator, "target_akhir"] if kode_indikator in ind.index else None
        return (None if v is None or pd.isna(v) else float(v)), self.profil.renstra_akhir

    def tahun_pembanding(self, kode_indikator: str) -> list[int]:
        """Tahun-tahun yang punya data pembanding antardaerah untuk indikator ini."""
        pb = self.pembanding
        return sorted(int(t) for t in pb.loc[pb["kode_indikator"] == kode_indikator, "tahun"].unique())

    # ------------------------------------------------------------------ instrumen (dihitung sekali)
    @cached_property
    def hasil_ikm(self) -> tuple:
        """(HasilIKM atau None, keterangan) dari lembar ``skm``/``skm_rekap`` dengan penimbang profil."""
        from ..instrumen import ikm_lembar  # impor lambat: instrumen memuat modul hitung yang besar

        return ikm_lembar(self.data.tabel, self.profil.pengaturan.penimbang_ikm)

    def hasil_merit(self, tahun: int | None = None):
        """HasilMerit lembar ``sistem_merit`` untuk ``tahun`` (bawaan: tahun laporan; baris bertahun
        kosong ikut dihitung), atau None bila tidak ada barisnya. Ditembolok per tahun."""
        from ..instrumen import hitung_merit

        tahun = self.tahun if tahun is None else tahun
        tembolok = self.__dict__.setdefault("_hasil_merit", {})
        if tahun not in tembolok:
            sm = self.data["sistem_merit"]
            sm = sm[sm["tahun"].isna() | (sm["tahun"] == tahun)]
            tembolok[tahun] = None if sm.empty else hitung_merit(
                sm, pembagi=self.profil.pengaturan.indeks_merit_pembagi)
        return tembolok[tahun]

    @cached_property
    def hasil_ip_asn(self) -> pd.DataFrame:
        """Lembar ``ip_asn`` dengan total, kategori dan peringkat yang dihitung (jangan diubah di tempat)."""
        from ..instrumen import hitung_ip_asn

        return hitung_ip_asn(self.data["ip_asn"])

    @cached_property
    def rata_capaian_iku(self) -> float:
        return _iku.rata_capaian(self.iku)

    def ringkas(self, baris: str) -> dict:
        """Satu baris ringkasan efisiensi ('output' atau 'outcome') sebagai dict."""
        df = self.ringkasan_efisiensi
        return df[df["ringkasan"] == baris].iloc[0].to_dict()


def hitung(data: DataSKPD) -> HasilKinerja:
    """Titik masuk: semua tabel hasil dihitung malas (lazy) dan disimpan."""
    return HasilKinerja(data)
