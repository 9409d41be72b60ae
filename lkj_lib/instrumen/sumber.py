"""Jembatan untuk mesin IKU: realisasi indikator yang dihitung dari lembar instrumen."""

from __future__ import annotations

import pandas as pd

from ..errors import LkjError
from ..profil import Pengaturan
from .ikm import HasilIKM, hitung_ikm
from .ip_asn import hitung_ip_asn
from .merit import hitung_merit
from .rekap_skm import dari_nrr_saja, hitung_ikm_rekap

INSTRUMEN_DIKENAL = ("ikm", "sistem_merit_mandiri", "sistem_merit_verifikasi", "nspk", "ip_asn")
# Instrumen yang dapat menghitung realisasi dari data mentah (NSPK hanya menentukan skala kategori).
INSTRUMEN_MENGHITUNG = ("ikm", "sistem_merit_mandiri", "sistem_merit_verifikasi", "ip_asn")


def _lembar(tabel: dict, nama: str) -> pd.DataFrame | None:
    df = tabel.get(nama)
    return None if df is None or df.empty else df


def _teks_penimbang(w: tuple[float, ...]) -> str:
    if max(w) - min(w) < 1e-12:
        return "1/9" if abs(w[0] - 1 / 9) < 1e-12 else f"{w[0]:g}".replace(".", ",")
    return "tak seragam"


def ikm_lembar(tabel: dict[str, pd.DataFrame], penimbang=(1 / 9,) * 9) -> tuple[HasilIKM | None, str]:
    """(HasilIKM atau None, keterangan bentuk) dari lembar ``skm`` atau, bila kosong, ``skm_rekap``.

    Jawaban per responden didahulukan: bila keduanya diisi, rekap tidak dipakai untuk menghitung
    (audit membandingkannya dengan jawaban, lihat :func:`audit_rekap`). Naikkan :class:`LkjError`
    bila lembar yang dipakai tidak sah.
    """
    skm, rekap = _lembar(tabel, "skm"), _lembar(tabel, "skm_rekap")
    if skm is not None:
        h = hitung_ikm(skm, penimbang)
        ket = (f"dihitung dari jawaban {h.n_responden} responden SKM sah (lembar skm, "
               f"penimbang {_teks_penimbang(h.penimbang)})")
        if h.n_tidak_sah:
            ket += f"; {h.n_tidak_sah} baris tidak sah dikeluarkan"
        if rekap is not None:
            ket += "; lembar skm_rekap tidak dipakai untuk menghitung dan diaudit terhadap jawaban"
        return h, ket
    if rekap is not None:
        h = hitung_ikm_rekap(rekap, penimbang)
        ket = (f"dihitung dari rekap per unsur (lembar skm_rekap, {h.n_responden} responden, "
               f"penimbang {_teks_penimbang(h.penimbang)}); jawaban per responden tidak tersedia")
        if dari_nrr_saja(rekap):
            ket += "; sebagian jumlah nilai diturunkan dari NRR yang dibulatkan"
        return h, ket
    return None, "lembar skm dan skm_rekap kosong; IKM tidak dihitung"


def realisasi_instrumen(tabel: dict[str, pd.DataFrame], instrumen: str, tahun: int,
                        pengaturan: Pengaturan | None = None) -> tuple[float | None, str]:
    """(nilai, keterangan sumber) untuk indikator yang realisasinya dihitung dari instrumen.

    ``instrumen``: ikm (semua baris skm, atau rekap skm_rekap bila skm kosong), sistem_merit_mandiri / sistem_merit_verifikasi (baris
    ``tahun`` atau tahun kosong), ip_asn (total baris sendiri tahun itu), nspk (selalu None:
    indeks NSPK diterbitkan BKN). Nilai None berarti tidak dapat dihitung; keterangannya
    menjelaskan sebabnya dan realisasi dari lembar ``realisasi`` tetap berlaku.
    """
    st = pengaturan or Pengaturan()
    if instrumen not in INSTRUMEN_DIKENAL:
        raise LkjError(f"instrumen '{instrumen}' tidak dikenal; pilih: " + ", ".join(INSTRUMEN_DIKENAL))
    if instrumen == "nspk":
        return None, ("indeks NSPK diterbitkan BKN dan tidak dapat dihitung dari elemen; "
                      "dipakai realisasi yang diisikan")
    if instrumen == "ikm":
        try:
            h, ket = ikm_lembar(tabel, st.penimbang_ikm)
        except LkjError as e:
            return None, f"IKM tidak dapat dihitung: {e}"
        return (None if h is None else h.ikm), ket
    if instrumen.startswith("sistem_merit"):
        sm = _lembar(tabel, "sistem_merit")
        if sm is not None and "tahun" in sm.columns:
            sm = sm[sm["tahun"].isna() | (sm["tahun"] == tahun)]
        if sm is None or sm.empty:
            return None, f"lembar sistem_merit kosong untuk tahun {tahun}"
        try:
            h = hitung_merit(sm, pembagi=st.indeks_merit_pembagi)
        except LkjError as e:
            return None, f"Sistem Merit tidak dapat dihitung: {e}"
        if instrumen == "sistem_merit_mandiri":
            return h.total_mandiri, f"total penilaian mandiri Sistem Merit ({len(sm)} indikator, lembar sistem_merit)"
        if h.total_verifikasi is None:
            return None, "nilai verifikasi KASN belum lengkap pada lembar sistem_merit"
        return h.total_verifikasi, f"total hasil verifikasi KASN Sistem Merit ({len(sm)} indikator, lembar sistem_merit)"
    # ip_asn
    ip = _lembar(tabel, "ip_asn")
    if ip is None:
        return None, "lembar ip_asn kosong"
    try:
        h = hitung_ip_asn(ip)
    except LkjError as e:
        return None, f"IP ASN tidak dapat dihitung: {e}"
    sendiri = h[(h["tahun"] == tahun) & (h["sendiri"].fillna("").astype(str).str.lower() == "ya")]
    if sendiri.empty:
        return None, f"tidak ada baris sendiri = 'ya' pada lembar ip_asn tahun {tahun}"
    r = sendiri.iloc[0]
    if r["masalah"]:
        return None, f"baris IP ASN sendiri tahun {tahun} tidak sah: {r['masalah']}"
    return float(r["total"]), f"jumlah empat dimensi IP ASN {r['wilayah']} tahun {tahun} (lembar ip_asn)"
