"""Tabel lampiran: temuan audit dan instrumen (IKM, Sistem Merit, NSPK, IP ASN)."""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from .. import fmt
from ..ukur.hasil import HasilKinerja
from .tabel import Kolom, TabelLaporan


@dataclass
class Bagian:
    judul: str
    teks: str
    tabel: list[TabelLaporan] = field(default_factory=list)
    gambar: list[tuple] = field(default_factory=list)  # (Figure, judul, ident)


def kalimat_audit(df: pd.DataFrame) -> str:
    n = {t: int((df["tingkat"] == t).sum()) for t in ("galat", "peringatan", "info")}
    if not len(df):
        return ("Audit menghitung ulang setiap angka turunan yang dinyatakan dalam masukan dan tidak "
                "menemukan ketidaksesuaian.")
    return (f"Audit menghitung ulang setiap angka turunan yang dinyatakan dalam masukan (capaian, jumlah, "
            f"persentase, kategori, simpulan efisiensi, kutipan dalam narasi) dan menemukan {n['galat']} galat, "
            f"{n['peringatan']} peringatan dan {n['info']} catatan. Galat berarti angka tercetak berbeda dengan "
            "hasil hitung dari masukan; peringatan menandai ketidakkonsistenan (mis. target yang dikutip berbeda, "
            "narasi yang belum ditulis); catatan memuat selisih pembulatan. Laporan ini memakai angka hasil hitung.")


def tabel_audit(df: pd.DataFrame) -> TabelLaporan:
    rows = df.to_dict("records")
    return TabelLaporan("audit", "Temuan Audit Angka", [
        Kolom("Tingkat", "tingkat", "tengah"), Kolom("Lokasi", "lokasi", "kiri"),
        Kolom("Objek", lambda b: f"{b['objek']} {b['kode']}".strip(), "kiri"),
        Kolom("Besaran", "besaran", "kiri"), Kolom("Tercetak", "dilaporkan", "kanan"),
        Kolom("Hasil Hitung", "dihitung", "kanan"), Kolom("Keterangan", "pesan", "kiri", lebar="30%"),
        Kolom("Sumber Masukan", "sumber", "kiri"),
    ], rows, df, lanskap=True, kelas_baris=lambda b: f"temuan-{b['tingkat']}", sumber="lkj_lib.audit.audit")


def _bagian_ikm(h: HasilKinerja) -> Bagian | None:
    from ..grafik.instrumen import grafik_nrr

    r, _ = h.hasil_ikm
    if r is None:
        return None
    pu = r.per_unsur()
    teks = (f"Survei Kepuasan Masyarakat diikuti {r.n_responden} responden sah"
            + (f" ({len(r.invalid_rows)} baris tidak sah dikeluarkan)" if r.invalid_rows else "")
            + (" menurut rekap per unsur dari aplikasi SKM (jawaban per responden tidak tersedia)"
               if r.bentuk == "rekap" else "")
            + f". Indeks Kepuasan Masyarakat (IKM) = {fmt.angka(r.ikm)} dengan mutu pelayanan {r.mutu} "
              f"({r.kinerja}), dihitung dari nilai rata-rata per unsur (NRR) dikalikan penimbang lalu × 25.")
    if (h.profil.skm_sintetis or h.profil.sintetis) and r.bentuk == "jawaban":
        teks += (" Perhatian: jawaban per responden adalah data sintetis yang mereproduksi jumlah nilai per "
                 "unsur yang dipublikasikan; angka agregat sama dengan rekapitulasi resmi.")
    t = TabelLaporan("ikm_unsur", "Nilai Rata-rata per Unsur Pelayanan (SKM)", [
        Kolom("Unsur", "unsur", "kiri"), Kolom("Uraian", "nama_unsur", "kiri"),
        Kolom("Jawaban (n)", lambda b: fmt.angka(b["N"], 0)),
        Kolom("Jumlah Nilai", lambda b: fmt.angka(b["jumlah"], 0 if float(b["jumlah"]).is_integer() else 3)),
        Kolom("NRR", lambda b: fmt.angka(b["NRR"], 3)),
        Kolom("Penimbang", lambda b: fmt.angka(b["penimbang"], 3)),
        Kolom("NRR Tertimbang", lambda b: fmt.angka(b["NRRT"], 3)),
        Kolom("Mutu", "mutu", "tengah"), Kolom("Kinerja", "kinerja", "kiri"),
    ], pu.to_dict("records"), pu, sumber="lkj_lib.instrumen.hitung_ikm")
    return Bagian("Indeks Kepuasan Masyarakat", teks, [t], [(grafik_nrr(r), "NRR per Unsur dan Batas Mutu", "nrr")])


def _bagian_merit(h: HasilKinerja) -> Bagian | None:
    sm = h.data["sistem_merit"]
    if sm.empty:
        return None
    from ..grafik.instrumen import grafik_merit

    r = h.hasil_merit(h.tahun)
    if r is None:  # penilaian hanya untuk tahun lain: tidak ada bagian untuk tahun laporan
        return None
    teks = (f"Penilaian mandiri Sistem Merit menghasilkan nilai {fmt.nilai(r.total_mandiri)} "
            f"(kategori {r.kategori_mandiri})")
    if r.total_verifikasi is not None:
        teks += f", sedangkan hasil verifikasi {fmt.nilai(r.total_verifikasi)} (kategori {r.kategori_verifikasi})"
    teks += ". Nilai per indikator = bobot × skor; nilai aspek = jumlah indikatornya."
    a = r.aspek
    t = TabelLaporan("merit_aspek", "Nilai Sistem Merit per Aspek", [
        Kolom("No", "no_aspek", "tengah"), Kolom("Aspek", "aspek", "kiri"),
        Kolom("Penilaian Mandiri", lambda b: fmt.nilai(b["mandiri"])),
        Kolom("Hasil Verifikasi", lambda b: fmt.nilai(b["verifikasi"])),
    ], a.to_dict("records"), a, sumber="lkj_lib.instrumen.hitung_merit")
    return Bagian("Sistem Merit", teks, [t], [(grafik_merit(r), "Nilai Sistem Merit per Aspek", "merit")])


def _bagian_nspk(h: HasilKinerja) -> Bagian | None:
    df = h.data["nspk"]
    if df.empty:
        return None
    tahun = int(df["tahun"].max())
    sub = df[df["tahun"] == tahun]
    n_ok = int((sub["status"] == "sesuai").sum())
    teks = (f"Penilaian Indeks Implementasi NSPK Manajemen ASN tahun {tahun}: {n_ok} dari {len(sub)} elemen "
            "telah sesuai NSPK; elemen yang belum sesuai beserta rekomendasinya tercantum di bawah.")
    t = TabelLaporan("nspk_elemen", f"Elemen Penilaian NSPK Manajemen ASN Tahun {tahun}", [
        Kolom("No", "no", "tengah"), Kolom("Elemen", "elemen", "kiri"),
        Kolom("Status", lambda b: str(b["status"]).replace("_", " ").title(), "tengah"),
        Kolom("Catatan", "catatan", "kiri", lebar="30%"), Kolom("Rekomendasi", "rekomendasi", "kiri", lebar="30%"),
    ], sub.to_dict("records"), sub, lanskap=True)
    return Bagian("Indeks Implementasi NSPK Manajemen ASN", teks, [t])


def _bagian_ip_asn(h: HasilKinerja) -> Bagian | None:
    if h.data["ip_asn"].empty:
        return None
    df = h.hasil_ip_asn
    kolom = [Kolom("Daerah", "wilayah", "kiri")] + [
        Kolom(k.title(), (lambda c: lambda b: fmt.angka(b[c]))(k)) for k in ("kualifikasi", "kompetensi", "kinerja",
                                                                             "disiplin", "total")]
    kolom += [Kolom("Kategori", "kategori", "tengah"), Kolom("Peringkat", lambda b: fmt.nilai(b["peringkat"]), "tengah")]
    tabel = []
    for th, g in df.groupby("tahun"):
        tabel.append(TabelLaporan(f"ip_asn_{th}", f"Dimensi Indeks Profesionalitas ASN Tahun {th}", kolom,
                                  g.sort_values("peringkat").to_dict("records"), g,
                                  kelas_baris=lambda b: "sendiri" if b.get("sendiri") == "ya" else "",
                                  sumber="lkj_lib.instrumen.hitung_ip_asn"))
    return Bagian("Indeks Profesionalitas ASN", "Nilai IP ASN = kualifikasi + kompetensi + kinerja + disiplin "
                  "(PermenPAN-RB 38/2018); total dihitung dari dimensinya.", tabel)


def bagian_instrumen(h: HasilKinerja) -> list[Bagian]:
    """Bagian lampiran untuk setiap instrumen yang datanya ada."""
    out = []
    for f in (_bagian_ikm, _bagian_merit, _bagian_nspk, _bagian_ip_asn):
        b = f(h)
        if b is not None:
            b.judul = f"Lampiran {len(out) + 3}. {b.judul}"
            out.append(b)
    return out
