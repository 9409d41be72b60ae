"""``lkj batch``: membangun banyak SKPD-tahun sekaligus dengan keluaran yang sama seperti ``lkj build``.

Urutan (setiap langkah satu panggilan bernama):
temukan folder ``<skpd>/<tahun>`` → hitung kunci cache → lewati yang tersimpan → bangun sisanya
(kernel hangat; proses lokal atau Dask) → tulis ``<keluaran>/index.html``.

>>> r = batch("params", "outputs", jobs=2)          # doctest: +SKIP
>>> [(h.label, h.status) for h in r.hasil]          # doctest: +SKIP
"""

from __future__ import annotations

import os
import uuid
from dataclasses import dataclass
from fnmatch import fnmatch
from pathlib import Path

from ..bangun.aman import periksa_tumpang_tindih
from ..errors import LkjError
from .cache import baca_catatan, catatan_berlaku, kunci_cache, sidik_kode
from .jalankan import HasilLaporan, Tugas, hasil_dari_catatan, jalankan_tugas, temukan
from .kernel import PelaksanaHangat


class Pelapor:
    """Penerima kabar kemajuan batch (CLI menurunkannya untuk bilah kemajuan rich)."""

    def mulai(self, dibangun: int, tersimpan: int) -> None:
        pass

    def selesai(self, hasil: HasilLaporan) -> None:
        pass


@dataclass
class RingkasanBatch:
    hasil: list[HasilLaporan]  # laporan yang dipilih, urut seperti ditemukan
    indeks: Path

    def jumlah(self, status: str) -> int:
        return sum(1 for h in self.hasil if h.status == status)

    @property
    def ada_gagal(self) -> bool:
        return self.jumlah("gagal") > 0


def _tidak_dipilih(t: Tugas) -> HasilLaporan:
    """Baris indeks untuk SKPD-tahun di luar --only yang keluarannya tidak ada/tidak mutakhir."""
    lama = baca_catatan(t.folder_laporan) or {}
    return HasilLaporan(t.skpd, t.tahun, "tidak dipilih", nama_skpd=str(lama.get("nama_skpd") or ""),
                        sintetis=bool(lama.get("sintetis")),
                        pesan="tidak dipilih --only; keluarannya belum ada atau tidak mutakhir", draf=t.draf)


def batch(root_params: str | Path = "params", root_keluaran: str | Path = "outputs", jobs: int | None = None,
          scheduler: str | None = None, force: bool = False, pola: str | None = None, pdf: bool = True,
          draf: bool = False, pelapor: Pelapor | None = None) -> RingkasanBatch:
    """Bangun setiap SKPD-tahun di ``root_params`` (yang cocok dengan ``pola``) ke ``root_keluaran``."""
    pelapor = pelapor or Pelapor()
    root = Path(root_params)
    if not root.is_dir():
        raise LkjError(f"folder params tidak ada: {root}")
    semua = temukan(root)
    if not semua:
        raise LkjError(f"tidak ada folder <skpd>/<tahun> berisi lkj.yaml di {root}")
    keluaran = Path(root_keluaran).resolve()
    periksa_tumpang_tindih(keluaran, [root, *semua])  # sebelum apa pun ditulis
    kode = sidik_kode()
    sesi = uuid.uuid4().hex[:12]
    tugas = [Tugas(str(f), str(keluaran), kunci_cache(f, draf, pdf, kode), draf, pdf, sesi) for f in semua]
    dipilih = [t for t in tugas if not pola or fnmatch(t.label, pola)]
    if not dipilih:
        raise LkjError(f"tidak ada SKPD-tahun yang cocok dengan pola {pola!r} di {root}")

    hasil: dict[str, HasilLaporan] = {}
    dibangun = []
    for t in dipilih:
        catatan = None if force else catatan_berlaku(t.folder_laporan, t.kunci)
        if catatan is not None:
            hasil[t.label] = hasil_dari_catatan(t, catatan)
        else:
            dibangun.append(t)
    pelapor.mulai(len(dibangun), len(dipilih) - len(dibangun))
    for h in hasil.values():
        pelapor.selesai(h)

    def selesai(h: HasilLaporan) -> None:
        hasil[h.label] = h
        pelapor.selesai(h)

    jobs = jobs or os.cpu_count() or 1
    jalankan_tugas(dibangun, jobs=min(jobs, max(1, len(dibangun))), scheduler=scheduler, selesai=selesai)

    from .indeks import tulis_indeks

    for t in tugas:  # yang tidak dipilih tetap tercantum di indeks
        if t.label not in hasil:
            catatan = catatan_berlaku(t.folder_laporan, t.kunci)
            hasil[t.label] = hasil_dari_catatan(t, catatan) if catatan else _tidak_dipilih(t)
    indeks = tulis_indeks(keluaran, [hasil[t.label] for t in tugas], root_params=root)
    return RingkasanBatch([hasil[t.label] for t in dipilih], indeks)


__all__ = ["HasilLaporan", "PelaksanaHangat", "Pelapor", "RingkasanBatch", "Tugas", "batch",
           "kunci_cache", "temukan"]
