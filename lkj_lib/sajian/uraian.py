"""Uraian baku laporan (sistematika, metode pengukuran, visi-misi, ringkasan Renja).

Teks disusun dari profil dan hasil hitung; angka hanya lewat :mod:`lkj_lib.fmt`.
"""

from __future__ import annotations

from .. import fmt
from ..ukur.hasil import HasilKinerja

_METODE_EF = {
    "rasio": "rasio capaian kinerja terhadap persentase serapan anggaran; efisien bila rasionya paling "
             "sedikit 1",
    "selisih": "selisih capaian kinerja dikurangi persentase serapan anggaran; efisien bila selisihnya "
               "tidak negatif",
    "sisa_anggaran": "persentase sisa anggaran (100 dikurangi serapan) yang hanya dihitung bila target "
                     "kinerja tercapai",
}


def _ada_narasi(h: HasilKinerja, kunci: str) -> bool:
    """Bagian narasi tercetak: ditulis, atau wajib (build final menolak bila belum ditulis)."""
    return bool((h.data.narasi.get(kunci) or "").strip()) or kunci not in h.profil.pengaturan.narasi_opsional


def sistematika(h: HasilKinerja) -> str:
    """Sistematika yang hanya menyebut bagian yang memang tercetak untuk SKPD ini."""
    p = h.profil
    bab1 = [x for k, x in (("latar_belakang", "latar belakang"), ("dasar_hukum", "dasar hukum"),
                           ("tugas_fungsi", "tugas, fungsi dan struktur organisasi"),
                           ("isu_strategis", "isu strategis yang dihadapi")) if _ada_narasi(h, k)]
    bab1 = " serta ".join(bab1) if len(bab1) <= 2 else ", ".join(bab1[:-1]) + ", serta " + bab1[-1]
    instrumen = any(not h.data[t].empty for t in ("skm", "sistem_merit", "nspk", "ip_asn"))
    return (
        f"Laporan Kinerja {p.nama_skpd} {p.pemerintah_daerah} Tahun {p.tahun} disusun dengan "
        "sistematika sebagai berikut.\n\n"
        "Ikhtisar Eksekutif merangkum capaian sasaran strategis, realisasi anggaran dan catatan penting.\n\n"
        + (f"BAB I Pendahuluan menguraikan {bab1}.\n\n" if bab1 else "") +
        "BAB II Perencanaan Kinerja menyajikan Rencana Strategis (tujuan, sasaran dan indikator kinerja "
        "utama), Rencana Kerja dan anggaran, serta Perjanjian Kinerja tahun berjalan.\n\n"
        "BAB III Akuntabilitas Kinerja menyajikan pengukuran capaian kinerja organisasi beserta "
        "perbandingan dan analisisnya, efisiensi penggunaan sumber daya, serta realisasi anggaran.\n\n"
        "BAB IV Penutup memuat simpulan dan saran perbaikan.\n\n"
        + ("Lampiran memuat Perjanjian Kinerja, hasil audit angka, dan data instrumen pengukuran." if instrumen
           else "Lampiran memuat Perjanjian Kinerja dan hasil audit angka."))


def visi_misi(h: HasilKinerja) -> str:
    p = h.profil
    bag = []
    if p.visi:
        bag.append(f"Visi kepala daerah {p.pemerintah_daerah}: \u201c{p.visi}\u201d.")
    if p.misi:
        daftar = "; ".join(f"({i}) {m}" for i, m in enumerate(p.misi, start=1))
        bag.append(f"Misi yang ditetapkan: {daftar}.")
    if p.misi_terkait:
        nomor = ", ".join(str(x) for x in p.misi_terkait)
        bag.append(f"{p.singkatan or p.nama_skpd} mendukung pencapaian misi ke-{nomor}.")
    return "\n\n".join(bag)


def kalimat_renja(h: HasilKinerja) -> str:
    a = h.anggaran
    jml = {j: int((a["jenis"] == j).sum()) for j in ("program", "kegiatan", "sub_kegiatan")}
    unit = [f"{n} {j.replace('_', ' ')}" for j, n in jml.items() if n]  # jenis yang tidak ada tidak disebut
    unit = unit[0] if len(unit) == 1 else ", ".join(unit[:-1]) + " dan " + unit[-1]
    t = h.total
    teks = f"Pada tahun {h.tahun} dilaksanakan {unit} dengan pagu {fmt.rupiah(t['pagu'])}."
    if not fmt.kosong(t["pagu_murni"]) and abs(t["pagu_murni"] - t["pagu"]) >= 0.5:
        teks += (f" Pagu semula (DPA) {fmt.rupiah(t['pagu_murni'])} berubah menjadi {fmt.rupiah(t['pagu'])} "
                 "setelah perubahan anggaran (DPPA).")
    rincian = "indikator, target dan pagu" if not h.capaian_renja.empty else "pagu"
    return teks + f" Rincian {rincian} setiap {unit_jenis(h)} tersaji pada tabel berikut."


def unit_jenis(h: HasilKinerja) -> str:
    """'program, kegiatan dan sub kegiatan' — hanya jenis Renja yang ada pada masukan."""
    jenis = [j.replace("_", " ") for j in ("program", "kegiatan", "sub_kegiatan") if (h.anggaran["jenis"] == j).any()]
    return jenis[0] if len(jenis) == 1 else ", ".join(jenis[:-1]) + " dan " + jenis[-1]


def metode_pengukuran(h: HasilKinerja) -> str:
    st = h.profil.pengaturan
    neg = ("(2 × target − realisasi) ÷ target × 100%" if st.rumus_negatif == "2T-R"
           else "target ÷ realisasi × 100%")
    batas = (f" Capaian di atas {fmt.nilai(st.batas_capaian)}% dihitung {fmt.nilai(st.batas_capaian)}%."
             if st.batas_capaian else " Capaian tidak dibatasi.")
    return (
        "Pengukuran kinerja membandingkan target dengan realisasi setiap indikator. Untuk indikator yang "
        "makin tinggi makin baik, capaian = realisasi ÷ target × 100%; untuk indikator yang makin rendah "
        f"makin baik, capaian = {neg}." + batas +
        " Capaian yang tidak dapat dihitung (target 0 atau realisasi belum dirilis) ditampilkan \u201c-\u201d "
        "beserta alasannya. Perhitungan memakai angka tidak dibulatkan; tabel menampilkan dua desimal.\n\n"
        f"Efisiensi diukur dengan {_METODE_EF[st.metode_efisiensi]}. Kategori capaian mengikuti skala "
        "berikut.")
