"""Spesifikasi tabel laporan yang tak berubah, diformat saat render (HTML) dan diekspor ke CSV.

Setiap :class:`TabelLaporan` membawa DataFrame rapi asalnya (``data``) sehingga angka yang
tampil dapat ditelusuri ke fungsi ``lkj_lib`` yang menghitungnya dan ke baris masukan.
Semua teks dari masukan di-escape.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

import pandas as pd
from markupsafe import Markup, escape

from .. import fmt
from ..ekspor import tulis_csv


@dataclass(frozen=True)
class Kolom:
    judul: str
    isi: str | Callable[[dict], object]  # nama kolom data, atau fungsi baris → teks/Markup
    rata: str = "kanan"                  # kiri | kanan | tengah
    grup: str = ""                       # judul pengelompok (spanner) di atas kolom ini
    lebar: str = ""                      # mis. "30%"

    def nilai(self, baris: dict) -> str:
        v = self.isi(baris) if callable(self.isi) else baris.get(self.isi)
        if isinstance(v, Markup):
            return v
        if v is None or fmt.kosong(v):
            return fmt.STRIP
        return escape(str(v))

    def sel(self, baris: dict) -> dict:
        """Isi sel sebagai data (untuk DOCX): ``{"teks": teks polos, "sup": penanda catatan kaki}``."""
        v = self.isi(baris) if callable(self.isi) else baris.get(self.isi)
        if isinstance(v, Markup):
            teks, sup = getattr(v, "teks", None), getattr(v, "penanda", "")
            out = {"teks": teks if teks is not None else v.striptags()}
            return {**out, "sup": sup} if sup else out
        return {"teks": fmt.STRIP if v is None or fmt.kosong(v) else str(v)}


@dataclass
class TabelLaporan:
    id: str
    judul: str
    kolom: list[Kolom]
    baris: list[dict]
    data: pd.DataFrame
    catatan: list[str] = field(default_factory=list)
    lanskap: bool = False
    kelas_baris: Callable[[dict], str] | None = None
    sumber: str = ""  # fungsi lkj_lib yang menghasilkan data, untuk jejak audit

    @property
    def kosong(self) -> bool:
        """Tabel tanpa baris tidak ditampilkan (bagian opsional yang kosong hilang seluruhnya)."""
        return not self.baris

    def _kepala(self) -> str:
        ada_grup = any(k.grup for k in self.kolom)
        if not ada_grup:
            sel = "".join(f"<th{self._lebar(k)}>{escape(k.judul)}</th>" for k in self.kolom)
            return f"<tr>{sel}</tr>"
        atas, bawah = [], []
        i = 0
        while i < len(self.kolom):
            k = self.kolom[i]
            if not k.grup:
                atas.append(f'<th rowspan="2"{self._lebar(k)}>{escape(k.judul)}</th>')
                i += 1
                continue
            j = i
            while j < len(self.kolom) and self.kolom[j].grup == k.grup:
                bawah.append(f"<th{self._lebar(self.kolom[j])}>{escape(self.kolom[j].judul)}</th>")
                j += 1
            atas.append(f'<th colspan="{j - i}">{escape(k.grup)}</th>')
            i = j
        return f"<tr>{''.join(atas)}</tr><tr>{''.join(bawah)}</tr>"

    def _kepala_blok(self) -> list[list[dict]]:
        """Baris judul kolom sebagai data (sel bergabung: ``colspan``/``rowspan``), sama dengan :meth:`_kepala`."""
        if not any(k.grup for k in self.kolom):
            return [[{"teks": k.judul, "colspan": 1, "rowspan": 1} for k in self.kolom]]
        atas, bawah, i = [], [], 0
        while i < len(self.kolom):
            k = self.kolom[i]
            if not k.grup:
                atas.append({"teks": k.judul, "colspan": 1, "rowspan": 2})
                i += 1
                continue
            j = i
            while j < len(self.kolom) and self.kolom[j].grup == k.grup:
                bawah.append({"teks": self.kolom[j].judul, "colspan": 1, "rowspan": 1})
                j += 1
            atas.append({"teks": k.grup, "colspan": j - i, "rowspan": 1})
            i = j
        return [atas, bawah]

    def blok(self, nomor: str) -> dict:
        """Tabel bernomor sebagai data (blok ``tabel``, lihat :mod:`.blok`) untuk format selain HTML:
        judul kolom berkelompok, kolom (rata, lebar), baris (kelas, sel), catatan kaki, lanskap."""
        return {
            "jenis": "tabel", "nomor": nomor, "id": self.id, "judul": self.judul, "lanskap": self.lanskap,
            "kepala": self._kepala_blok(),
            "kolom": [{"judul": k.judul, "rata": k.rata, "lebar": k.lebar} for k in self.kolom],
            "baris": [{"kelas": self.kelas_baris(b) if self.kelas_baris else "", "sel": [k.sel(b) for k in self.kolom]}
                      for b in self.baris],
            "catatan": list(self.catatan),
        }

    @staticmethod
    def _lebar(k: Kolom) -> str:
        return f' style="width:{k.lebar}"' if k.lebar else ""

    def html(self, nomor: str) -> Markup:
        """Render tabel bernomor (mis. nomor='3.1') lengkap dengan judul dan catatan kaki."""
        ident = f"tabel-{nomor.replace('.', '-')}"
        badan = []
        for b in self.baris:
            kelas = self.kelas_baris(b) if self.kelas_baris else ""
            sel = "".join(f'<td class="{k.rata}">{k.nilai(b)}</td>' for k in self.kolom)
            badan.append(f'<tr class="{kelas}">{sel}</tr>' if kelas else f"<tr>{sel}</tr>")
        catatan = "".join(f"<p>{escape(c)}</p>" for c in self.catatan)
        kelas = "tabel-lkj lanskap" if self.lanskap else "tabel-lkj"
        return Markup(
            f'<div class="{kelas}" data-tabel="{escape(self.id)}">'
            f'<p class="judul-tabel" id="{ident}">Tabel {nomor} {escape(self.judul)}</p>'
            f"<table><thead>{self._kepala()}</thead><tbody>{''.join(badan)}</tbody></table>"
            + (f'<div class="catatan-tabel">{catatan}</div>' if catatan else "")
            + "</div>"
        )

    def csv(self, path) -> None:
        """Tulis data tabel; ``_baris`` (baris lembar masukan) menjadi ``baris_masukan`` untuk penelusuran."""
        df = self.data.rename(columns={"_baris": "baris_masukan"})
        cols = [c for c in df.columns if not str(c).startswith("_")]
        tulis_csv(df[cols], path)


def kelas_renja(b: dict) -> str:
    """Kelas baris menurut tingkat hierarki Renja (program tebal, kegiatan, sub kegiatan menjorok)."""
    return {"program": "lv0", "kegiatan": "lv1", "sub_kegiatan": "lv2"}.get(b.get("jenis", ""), "")


class _Berpenanda(Markup):
    """Markup ``teks<sup>penanda</sup>`` yang juga menyimpan kedua bagiannya (untuk :meth:`Kolom.sel`)."""

    teks: str | None = None  # None: turunan Markup ini (mis. hasil +), teks diambil dari HTML-nya
    penanda: str = ""


def dengan_penanda(v: str, penanda: str) -> Markup:
    if not penanda:
        return Markup(escape(v))
    m = _Berpenanda(f"{escape(v)}<sup>{escape(penanda)}</sup>")
    m.teks, m.penanda = str(v), str(penanda)
    return m
