"""Satu akar galat untuk seluruh paket, dan catatan masalah masukan yang bisa dilacak."""

from __future__ import annotations

from dataclasses import dataclass, asdict


class LkjError(Exception):
    """Akar semua galat yang dinaikkan lkj dengan sengaja (CLI memetakannya ke pesan satu baris)."""


class NilaiError(LkjError, ValueError):
    """Nilai/pengaturan tidak sah (tetap ``ValueError`` bagi pemanggil yang menangkapnya)."""


class TakDitemukan(LkjError, KeyError):
    """Objek yang diminta (indikator, kode, besaran) tidak ada (tetap ``KeyError``)."""

    def __str__(self) -> str:  # KeyError membungkus pesannya dengan tanda kutip
        return str(self.args[0]) if self.args else ""


@dataclass(frozen=True)
class Masalah:
    """Satu masalah pada masukan: apa, di mana, dan cara memperbaikinya."""

    pesan: str
    berkas: str = ""
    lembar: str = ""
    baris: int | None = None
    kolom: str = ""
    nilai: str = ""
    harapan: str = ""
    saran: str = ""
    tingkat: str = "galat"  # galat | peringatan

    def lokasi(self) -> str:
        parts = [p for p in (self.berkas, self.lembar) if p]
        loc = ":".join(parts)
        if self.baris is not None:
            loc += f" baris {self.baris}"
        if self.kolom:
            loc += f" kolom '{self.kolom}'"
        return loc or "-"

    def baris_teks(self) -> str:
        s = f"[{self.tingkat.upper()}] {self.lokasi()}: {self.pesan}"
        if self.nilai:
            s += f" (nilai: {self.nilai!r})"
        if self.harapan:
            s += f"; diharapkan {self.harapan}"
        if self.saran:
            s += f". Perbaikan: {self.saran}"
        return s

    def as_dict(self) -> dict:
        return asdict(self)


PER_JENIS = 10  # baris yang ditampilkan per jenis masalah (berkas, lembar, kolom, pesan) sebelum diringkas


def ringkas_baris(masalah: list[Masalah], per_jenis: int | None = PER_JENIS) -> list[str]:
    """Baris teks masalah untuk manusia: paling banyak ``per_jenis`` baris per jenis (berkas, lembar,
    kolom, pesan yang sama, mis. 20 000 id ganda dari baris yang tersalin), urutan asli dipertahankan;
    sisanya diringkas satu baris per jenis dengan jumlah dan rentang barisnya. ``None``: semua baris."""
    if per_jenis is None:
        return [m.baris_teks() for m in masalah]
    hitung: dict[tuple, list] = {}
    out = []
    for m in masalah:
        k = (m.tingkat, m.berkas, m.lembar, m.kolom, m.pesan)
        h = hitung.setdefault(k, [0, None, None])
        h[0] += 1
        if h[0] <= per_jenis:
            out.append(m.baris_teks())
        elif m.baris is not None:
            h[1] = m.baris if h[1] is None else min(h[1], m.baris)
            h[2] = m.baris if h[2] is None else max(h[2], m.baris)
    for (tingkat, berkas, lembar, kolom, pesan), (n, awal, akhir) in hitung.items():
        if n > per_jenis:
            lok = ":".join(x for x in (berkas, lembar) if x) or "-"
            if awal is not None:
                lok += f" baris {awal}–{akhir}" if akhir != awal else f" baris {awal}"
            if kolom:
                lok += f" kolom '{kolom}'"
            out.append(f"[{tingkat.upper()}] {lok}: {pesan} — {n - per_jenis} lagi seperti di atas, tidak "
                       f"dicetak satu per satu (lkj validate --semua mencetak semuanya)")
    return out


class InputError(LkjError):
    """Masukan tidak sah; membawa *semua* masalah yang ditemukan sekaligus (pesannya meringkas
    jenis yang berulang, lihat :func:`ringkas_baris`; ``.masalah`` tetap lengkap)."""

    def __init__(self, masalah: list[Masalah]):
        self.masalah = list(masalah)
        galat = [m for m in self.masalah if m.tingkat == "galat"]
        super().__init__(f"{len(galat)} galat pada masukan:\n" + "\n".join(ringkas_baris(galat)))


class BuildError(LkjError):
    """Pembangunan laporan gagal (notebook, konversi, atau penulisan keluaran)."""

    def __init__(self, pesan: str, notebook: str = "", sel: int | None = None,
                 nama_galat: str = "", nilai_galat: str = "", notebook_gagal: str = ""):
        self.notebook = notebook
        self.sel = sel
        self.nama_galat = nama_galat
        self.nilai_galat = nilai_galat
        self.notebook_gagal = notebook_gagal
        super().__init__(pesan)


class CetakError(LkjError):
    """PDF tidak dapat ditata atau ditulis (WeasyPrint atau proses tata letaknya gagal); semua notebook
    sudah berhasil, jadi tidak ada notebook gagal yang disimpan."""


class ParameterError(LkjError):
    """Parameter build tidak sah (diperiksa sebelum kernel mana pun dijalankan)."""
