"""Tabel BAB II (perencanaan) dan BAB III (akuntabilitas) dari :class:`HasilKinerja`.

Setiap fungsi ``tabel_*`` mengembalikan :class:`TabelLaporan`; angka diambil dari DataFrame
hasil ``lkj_lib.ukur`` tanpa perhitungan ulang di sini (hanya format).
"""

from __future__ import annotations

import pandas as pd

from .. import fmt
from ..profil import SKALA_BAWAAN
from ..ukur.capaian import kategori
from ..ukur.hasil import HasilKinerja
from ..ukur.iku import PENANDA, indikator_terurut, target_berlaku
from .tabel import Kolom, TabelLaporan, dengan_penanda, kelas_renja
from .tabel_triwulan import label_jenis, tabel_anggaran_triwulan, tabel_triwulan  # noqa: F401 (API notebook)
from .tabel_tren import catatan_sumber, tabel_tren  # noqa: F401 (API notebook)


def _rec(df: pd.DataFrame) -> list[dict]:
    return df.to_dict("records") if not df.empty else []


def _ada_isi(df: pd.DataFrame, *kolom: str) -> bool:
    """Ada paling sedikit satu nilai pada salah satu ``kolom``."""
    return not df.empty and bool(df[list(kolom)].notna().any().any())


def _jenis(h: HasilKinerja) -> list[str]:
    return [j.replace("_", " ").title() for j in ("program", "kegiatan", "sub_kegiatan") if (h.anggaran["jenis"] == j).any()]


def judul_jenis(h: HasilKinerja) -> str:
    """'Program, Kegiatan dan Sub Kegiatan' dengan jenis Renja yang ada saja."""
    j = _jenis(h)
    return j[0] if len(j) == 1 else ", ".join(j[:-1]) + " dan " + j[-1]


def _catatan_penanda(df: pd.DataFrame) -> list[str]:
    out, seen = [], set()
    for st in df.get("status", pd.Series(dtype=object)):
        p, teks = PENANDA.get(st, ("", ""))
        if p and p not in seen:
            seen.add(p)
            out.append(f"{p}) {teks}")
    return out


def _nilai(kol: str, satuan_kol: str = "satuan", op_kol: str | None = None):
    return lambda b: fmt.besaran(b.get(kol), b.get(satuan_kol, ""), b.get(op_kol, "") if op_kol else "",
                                 tetap=b.get("desimal"))


# ---------------------------------------------------------------- BAB II
def tabel_tujuan(h: HasilKinerja) -> TabelLaporan:
    d = h.data
    ind = indikator_terurut(d)
    rows = []
    for t in d["tujuan"].to_dict("records"):
        its = ind[(ind["level"] == "tujuan") & (ind["kode_induk"] == t["kode_tujuan"])]
        for i, r in enumerate(_rec(its) or [{}]):
            rows.append({"tujuan": t["tujuan"] if i == 0 else "", "indikator": r.get("indikator"),
                         "satuan": r.get("satuan", ""), "target_akhir": r.get("target_akhir"),
                         "desimal": r.get("desimal")})
    df = pd.DataFrame(rows)
    kolom = [Kolom("Tujuan", "tujuan", "kiri", lebar="40%")]
    if _ada_isi(df, "indikator"):  # SKPD tanpa indikator tujuan: hanya daftar tujuan
        kolom.append(Kolom("Indikator Tujuan", "indikator", "kiri"))
    if _ada_isi(df, "target_akhir"):
        kolom.append(Kolom(f"Target Akhir Renstra ({h.profil.renstra_akhir})", _nilai("target_akhir")))
    judul = "Tujuan dan Indikator Tujuan" if len(kolom) > 1 else "Tujuan Renstra"
    return TabelLaporan("tujuan", judul, kolom, rows, df, sumber="lkj_lib.sajian.tabel_laporan.tabel_tujuan")


def tabel_sasaran_iku(h: HasilKinerja) -> TabelLaporan:
    d = h.data
    ind = indikator_terurut(d)
    rows = []
    for s in d["sasaran"].to_dict("records"):
        its = ind[(ind["level"] == "sasaran") & (ind["kode_induk"] == s["kode_sasaran"])]
        for i, r in enumerate(_rec(its)):
            t = target_berlaku(d, r["kode_indikator"], h.tahun)
            rows.append({"sasaran": s["sasaran"] if i == 0 else "", "kode_indikator": r["kode_indikator"],
                         "indikator": r["indikator"], "satuan": r["satuan"], "polaritas": r["polaritas"],
                         "target": t["target"], "target_op": t["target_op"], "target_akhir": r["target_akhir"],
                         "desimal": r.get("desimal")})
    return TabelLaporan(
        "sasaran_iku", f"Sasaran Strategis dan Indikator Kinerja Utama Tahun {h.tahun}", [
            Kolom("Sasaran Strategis", "sasaran", "kiri", lebar="30%"),
            Kolom("Indikator Kinerja Utama", "indikator", "kiri"), Kolom("Satuan", "satuan", "tengah"),
            Kolom(f"Target {h.tahun}", _nilai("target", op_kol="target_op")),
        ] + ([Kolom(f"Target Akhir Renstra ({h.profil.renstra_akhir})", _nilai("target_akhir"))]
             if _ada_isi(pd.DataFrame(rows), "target_akhir") else []),
        rows, pd.DataFrame(rows), sumber="lkj_lib.ukur.iku.target_berlaku")


def tabel_definisi_iku(h: HasilKinerja) -> TabelLaporan:
    """Definisi operasional IKU; kolom yang tidak diisi untuk IKU mana pun tidak tampil, dan tabel hilang
    bila tidak ada definisi sama sekali."""
    ind = indikator_terurut(h.data)
    df = ind[ind["level"] == "sasaran"]
    isi = [(j, k) for j, k in (("Penjelasan", "penjelasan"), ("Cara Perhitungan", "rumus"),
                               ("Sumber Data", "sumber_data"), ("Penanggung Jawab", "penanggung_jawab"))
           if _ada_isi(df.replace("", None), k)]
    kolom = [Kolom("Indikator", "indikator", "kiri", lebar="20%"), *(Kolom(j, k, "kiri") for j, k in isi[:2]),
             Kolom("Polaritas", "polaritas", "tengah"), *(Kolom(j, k, "kiri") for j, k in isi[2:])]
    return TabelLaporan("definisi_iku", "Definisi Operasional Indikator Kinerja Utama", kolom,
                        _rec(df) if isi else [], df, lanskap=len(isi) > 2)


def tabel_renja(h: HasilKinerja) -> TabelLaporan:
    ang = h.anggaran.set_index("kode")
    ind = h.capaian_renja
    rows = []
    for kode in h.anggaran["kode"]:
        a = ang.loc[kode]
        its = _rec(ind[ind["kode"] == kode]) or [{}]
        for i, r in enumerate(its):
            rows.append({"kode": kode if i == 0 else "", "jenis": a["jenis"], "nama": a["nama"] if i == 0 else "",
                         "indikator": r.get("indikator"), "satuan": r.get("satuan", ""),
                         "target_murni": r.get("target_murni"), "target": r.get("target"),
                         "target_op": r.get("target_op", ""), "desimal": r.get("desimal"),
                         "pagu_murni": a["pagu_murni"] if i == 0 else None, "pagu": a["pagu"] if i == 0 else None})
    ada_ind = not ind.empty  # tanpa indikator Renja: hanya kode, nama dan pagu
    return TabelLaporan(
        "renja", f"Rencana Kerja dan Anggaran Tahun {h.tahun}", [
            Kolom("Kode", "kode", "kiri"), Kolom(label_jenis(h), "nama", "kiri", lebar="24%"),
        ] + ([
            Kolom("Indikator", "indikator", "kiri", lebar="26%"),
            Kolom("Sebelum Perubahan", _nilai("target_murni"), grup="Target"),
            Kolom("Setelah Perubahan", _nilai("target", op_kol="target_op"), grup="Target"),
        ] if ada_ind else []) + [
            Kolom("Sebelum Perubahan", lambda b: fmt.angka(b["pagu_murni"], 0), grup="Pagu (Rp)"),
            Kolom("Setelah Perubahan", lambda b: fmt.angka(b["pagu"], 0), grup="Pagu (Rp)"),
        ], rows, pd.DataFrame(rows), lanskap=True, kelas_baris=kelas_renja,
        sumber="lkj_lib.ukur.anggaran.tabel_anggaran + lkj_lib.ukur.renja.tabel_capaian_renja")


def tabel_pk(h: HasilKinerja) -> TabelLaporan:
    df = h.iku
    rows = [{**r, "sasaran": r["induk"] if i == 0 or r["induk"] != df.iloc[i - 1]["induk"] else ""}
            for i, r in enumerate(_rec(df))]
    return TabelLaporan(
        "perjanjian_kinerja", f"Perjanjian Kinerja Tahun {h.tahun}", [
            Kolom("Sasaran Strategis", "sasaran", "kiri", lebar="35%"),
            Kolom("Indikator Kinerja", "indikator", "kiri"), Kolom("Satuan", "satuan", "tengah"),
            Kolom("Target", _nilai("target", op_kol="target_op")), Kolom("Dasar Target", "sumber_target", "tengah"),
        ], rows, df, sumber="lkj_lib.ukur.iku.tabel_iku")


# ---------------------------------------------------------------- BAB III
def tabel_skala(h: HasilKinerja) -> TabelLaporan:
    skala = h.profil.pengaturan.skala_kategori
    rows = []
    for i, k in enumerate(skala):
        atas = skala[i - 1].batas if i > 0 else None
        if k.batas == float("-inf"):
            rentang = f"< {fmt.nilai(atas)}"
        elif atas is None:
            rentang = f"≥ {fmt.nilai(k.batas)}"
        else:
            rentang = f"{fmt.nilai(k.batas)} ≤ capaian < {fmt.nilai(atas)}"
        rows.append({"rentang": rentang, "kinerja": k.kinerja, "efektivitas": k.efektivitas})
    return TabelLaporan("skala", "Skala Kategori Capaian Kinerja dan Efektivitas", [
        Kolom("Capaian (%)", "rentang", "tengah"), Kolom("Kategori Kinerja", "kinerja", "tengah"),
        Kolom("Kategori Efektivitas", "efektivitas", "tengah"),
    ], rows, pd.DataFrame(rows), catatan=[catatan_skala(skala)])


def catatan_skala(skala) -> str:
    """Catatan kaki tabel skala: rujukan Permendagri 86/2017 hanya untuk skala bawaannya; skala yang
    ditetapkan SKPD di lkj.yaml disebut sebagai skala SKPD (bukan dikutip seolah dari peraturan)."""
    if tuple(skala) == SKALA_BAWAAN:
        return "Batas bawah inklusif (Permendagri 86/2017), sehingga nilai di antara pita dan di atas 100% tetap berkategori."
    return ("Skala ditetapkan SKPD (lkj.yaml, pengaturan.skala_kategori), bukan skala bawaan Permendagri "
            "86/2017. Batas bawah inklusif, sehingga nilai di antara pita dan di atas 100% tetap berkategori.")


def tabel_capaian_iku(h: HasilKinerja, level: str = "sasaran") -> TabelLaporan:
    df = h.iku if level == "sasaran" else h.indikator_tujuan
    judul = (f"Pengukuran Capaian Indikator Kinerja Utama Tahun {h.tahun}" if level == "sasaran"
             else f"Capaian Indikator Tujuan Tahun {h.tahun}")
    return TabelLaporan(
        f"capaian_{level}", judul, [
            Kolom("Sasaran/Tujuan", "induk", "kiri", lebar="22%"), Kolom("Indikator", "indikator", "kiri"),
            Kolom("Target", _nilai("target", op_kol="target_op")),
            Kolom("Realisasi", lambda b: dengan_penanda(fmt.besaran(b["realisasi"], b["satuan"], tetap=b.get("desimal")), b["penanda"])),
            Kolom("Capaian (%)", lambda b: fmt.angka(b["capaian"]) if not fmt.kosong(b["capaian"])
                  else f"- ({b['alasan']})"),
            Kolom("Kategori", "kategori", "tengah"),
        ], _rec(df), df, catatan=_catatan_penanda(df) + [
            "Capaian dihitung dari angka tidak dibulatkan; ditampilkan dua desimal."],
        sumber="lkj_lib.ukur.iku.tabel_iku")


def tabel_riwayat(h: HasilKinerja, level: str | None = None) -> TabelLaporan:
    rw = h.riwayat
    if level:
        rw = rw[rw["level"] == level]
    # tahun yang punya target atau realisasi pada tingkat ini (termasuk sebelum periode Renstra)
    tahun = sorted(rw.loc[rw["target"].notna() | rw["realisasi"].notna(), "tahun"].unique()) if not rw.empty else []
    if len(tahun) < 2:  # "dari tahun ke tahun" butuh paling sedikit dua tahun bernilai
        rw, tahun = rw.iloc[0:0], []
    rows = []
    for kode, g in rw.groupby("kode_indikator", sort=False):
        g = g.set_index("tahun")
        b = {"indikator": g["indikator"].iloc[0], "desimal": g["desimal"].iloc[0] if "desimal" in g else None}
        for th in tahun:
            b[f"t{th}"] = g.at[th, "target"] if th in g.index else None
            b[f"r{th}"] = g.at[th, "realisasi"] if th in g.index else None
            b[f"c{th}"] = g.at[th, "capaian"] if th in g.index else None
        rows.append(b)
    kolom = [Kolom("Indikator", "indikator", "kiri", lebar="22%")]
    for grup, awal in (("Target", "t"), ("Realisasi", "r"), ("Capaian (%)", "c")):
        for th in tahun:
            kolom.append(Kolom(str(th), (lambda k: lambda b: fmt.besaran(b[k], tetap=b["desimal"]))(f"{awal}{th}")
                               if awal != "c" else (lambda k: lambda b: fmt.angka(b[k]))(f"{awal}{th}"), grup=grup))
    return TabelLaporan("riwayat", "Target, Realisasi dan Capaian Indikator dari Tahun ke Tahun", kolom, rows, rw,
                        catatan=catatan_sumber(rw), lanskap=len(tahun) > 3, sumber="lkj_lib.ukur.iku.riwayat_iku")


def tabel_perbandingan_tahun(h: HasilKinerja) -> TabelLaporan:
    df = h.perbandingan[h.perbandingan["level"] == "sasaran"]
    if not _ada_isi(df, "realisasi_tahun_lalu", "capaian_tahun_lalu"):
        df = df.iloc[0:0]  # tidak ada data tahun lalu: tabel tidak ditampilkan
    return TabelLaporan(
        "perbandingan_tahun", f"Perbandingan Realisasi dan Capaian Tahun {h.tahun} dengan Tahun {h.tahun - 1}", [
            Kolom("Indikator", "indikator", "kiri", lebar="26%"),
            Kolom(str(h.tahun - 1), lambda b: fmt.besaran(b["realisasi_tahun_lalu"], b["satuan"], tetap=b.get("desimal")), grup="Realisasi"),
            Kolom(str(h.tahun), lambda b: fmt.besaran(b["realisasi"], b["satuan"], tetap=b.get("desimal")), grup="Realisasi"),
            Kolom("Selisih", lambda b: fmt.nilai(b["selisih_realisasi"]), grup="Realisasi"),
            Kolom("Naik/Turun", "arah_realisasi", "tengah", grup="Realisasi"),
            Kolom(str(h.tahun - 1), lambda b: fmt.angka(b["capaian_tahun_lalu"]), grup="Capaian (%)"),
            Kolom(str(h.tahun), lambda b: fmt.angka(b["capaian"]), grup="Capaian (%)"),
            Kolom("Selisih", lambda b: fmt.angka(b["selisih_capaian"]), grup="Capaian (%)"),
            Kolom("Naik/Turun", "arah_capaian", "tengah", grup="Capaian (%)"),
        ], _rec(df), df, lanskap=True, sumber="lkj_lib.ukur.iku.perbandingan_iku",
        catatan=catatan_sumber(df.assign(tahun=h.tahun - 1, sumber=df["sumber_tahun_lalu"])
                               if "sumber_tahun_lalu" in df else df.iloc[0:0]))


def tabel_vs_renstra(h: HasilKinerja) -> TabelLaporan:
    """Realisasi terhadap target akhir Renstra dan standar nasional; kolom pembanding yang tidak
    diisi untuk indikator mana pun tidak ditampilkan, dan tabel hilang bila keduanya kosong."""
    df = h.perbandingan[h.perbandingan["level"] == "sasaran"]
    ada_akhir, ada_nas = _ada_isi(df, "target_akhir"), _ada_isi(df, "standar_nasional")
    kolom = [Kolom("Indikator", "indikator", "kiri", lebar="30%"),
             Kolom(f"Realisasi {h.tahun}", lambda b: dengan_penanda(fmt.besaran(b["realisasi"], b["satuan"], tetap=b.get("desimal")),
                                                                  b["penanda"]))]
    if ada_akhir:
        kolom += [Kolom(f"Target Akhir ({h.profil.renstra_akhir})",
                        lambda b: fmt.besaran(b["target_akhir"], b["satuan"], tetap=b.get("desimal"))),
                  Kolom("Capaian thd Target Akhir (%)", lambda b: fmt.angka(b["capaian_akhir_renstra"]))]
    if ada_nas:
        kolom += [Kolom("Standar Nasional", lambda b: fmt.besaran(b["standar_nasional"], b["satuan"], tetap=b.get("desimal"))),
                  Kolom("Capaian thd Standar (%)", lambda b: fmt.angka(b["capaian_vs_nasional"]))]
    judul = "Perbandingan Realisasi dengan " + " dan ".join(
        x for x, ada in (("Target Akhir Renstra", ada_akhir), ("Standar Nasional", ada_nas)) if ada)
    rows = _rec(df) if ada_akhir or ada_nas else []
    return TabelLaporan("vs_renstra", judul, kolom, rows, df, sumber="lkj_lib.ukur.iku.perbandingan_iku")


def tabel_pembanding(h: HasilKinerja, kode: str, tahun: int) -> TabelLaporan:
    df = h.pembanding
    df = df[(df["kode_indikator"] == kode) & (df["tahun"] == tahun)].sort_values("peringkat", na_position="last")
    nama = df["indikator"].iloc[0] if not df.empty else kode
    return TabelLaporan(
        f"pembanding_{kode}_{tahun}", f"Perbandingan {nama} dengan Daerah Lain Tahun {tahun}", [
            Kolom("Peringkat", lambda b: fmt.nilai(b["peringkat"]), "tengah"),
            Kolom("Daerah", lambda b: (b["wilayah"] + " (sendiri)") if b["sendiri"] == "ya" else b["wilayah"], "kiri"),
            Kolom("Nilai", lambda b: fmt.nilai(b["nilai"])),
            Kolom("Selisih dengan Daerah Sendiri", lambda b: fmt.nilai(b["selisih_dengan_sendiri"])),
        ], _rec(df), df, kelas_baris=lambda b: "sendiri" if b["sendiri"] == "ya" else "",
        sumber="lkj_lib.ukur.iku.pembanding_daerah")


def tabel_efisiensi_iku(h: HasilKinerja) -> TabelLaporan:
    df = h.efisiensi_iku
    metode = h.profil.pengaturan.metode_efisiensi
    label = {"rasio": "Rasio Capaian/Serapan", "selisih": "Capaian − Serapan",
             "sisa_anggaran": "Sisa Anggaran (%)"}[metode]
    alasan = [a for a in dict.fromkeys(df["alasan_efisiensi"]) if a]  # alasan efisiensi tidak dinilai → a), b)
    tanda = {a: "abcdefgh"[i] for i, a in enumerate(alasan)}
    return TabelLaporan(
        "efisiensi_iku", "Efektivitas dan Efisiensi Capaian Indikator Kinerja Utama", [
            Kolom("Indikator", "indikator", "kiri", lebar="28%"),
            Kolom("Capaian (%)", lambda b: dengan_penanda(fmt.angka(b["capaian"]), b["penanda"])),
            Kolom("Efektivitas", "efektivitas", "tengah"),
            Kolom("Serapan Anggaran (%)", lambda b: fmt.angka(b["serapan"])),
            Kolom(label, lambda b: fmt.angka(b["efisiensi"])),
            Kolom("Simpulan", lambda b: dengan_penanda(b["simpulan_efisiensi"], tanda.get(b["alasan_efisiensi"], ""))
                  if b["alasan_efisiensi"] else b["simpulan_efisiensi"], "tengah"),
        ], _rec(df), df, catatan=[f"Metode efisiensi: {metode}. Serapan = anggaran program yang mendukung sasaran."]
        + [f"{t}) Efisiensi tidak dinilai: {a}." for a, t in tanda.items()],
        sumber="lkj_lib.ukur.efisiensi.tabel_efisiensi_iku")


def tabel_capaian_renja(h: HasilKinerja) -> TabelLaporan:
    df = h.efisiensi_renja
    metode = h.profil.pengaturan.metode_efisiensi
    rows = _rec(df)
    for i, b in enumerate(rows):
        b["tampil_nama"] = b["nama"] if i == 0 or rows[i - 1]["kode"] != b["kode"] else ""
        b["tampil_kode"] = b["kode"] if b["tampil_nama"] else ""
    ringkas = _rec(h.ringkasan_efisiensi) if rows else []  # tanpa indikator Renja: tabel tidak tampil
    for r in ringkas:
        if not r["jumlah_indikator"]:
            continue
        rows.append({"tampil_kode": "", "tampil_nama": f"Rata-rata {r['ringkasan']} "
                     f"({r['jenis'].replace('_', ' ')})",
                     "indikator": "", "satuan": "", "target": None, "realisasi": None, "target_op": "",
                     "capaian": r["rata_capaian"], "efektivitas": r["efektivitas"], "serapan": r["serapan"],
                     "efisiensi": r["efisiensi"], "simpulan_efisiensi": r["simpulan_efisiensi"], "jenis": "ringkasan"})
    return TabelLaporan(
        "efisiensi_renja", f"Capaian, Efektivitas dan Efisiensi {judul_jenis(h)}", [
            Kolom("Kode", "tampil_kode", "kiri"), Kolom(label_jenis(h), "tampil_nama", "kiri", lebar="20%"),
            Kolom("Indikator", "indikator", "kiri", lebar="22%"),
            Kolom("Target", _nilai("target", op_kol="target_op"), grup="Kinerja"),
            Kolom("Realisasi", _nilai("realisasi"), grup="Kinerja"),
            Kolom("Capaian (%)", lambda b: fmt.angka(b["capaian"]), grup="Kinerja"),
            Kolom("Efektivitas", "efektivitas", "tengah", grup="Kinerja"),
            Kolom("Serapan (%)", lambda b: fmt.angka(b["serapan"]), grup="Efisiensi"),
            Kolom("Tingkat" if metode != "rasio" else "Rasio", lambda b: fmt.angka(b["efisiensi"]), grup="Efisiensi"),
            Kolom("Simpulan", "simpulan_efisiensi", "tengah", grup="Efisiensi"),
        ], rows, df, lanskap=True, kelas_baris=lambda b: "ringkasan" if b["jenis"] == "ringkasan" else kelas_renja(b),
        catatan=["Serapan diambil dari node anggaran indikator (kolom kode_anggaran bila diisi).",
                 "Rata-rata output = indikator tingkat terbawah (sub kegiatan, atau kegiatan bila tidak "
                 "ada sub kegiatan); outcome = indikator program; efisiensinya memakai serapan total."],
        sumber="lkj_lib.ukur.efisiensi.tabel_efisiensi_renja")


def _catatan_rollup(df: pd.DataFrame) -> str:
    jenis = [j for j in ("program", "kegiatan", "sub_kegiatan") if (df["jenis"] == j).any()]
    if len(jenis) < 2:
        return "Angka setiap program sebagaimana diisi pada masukan."
    induk = " dan ".join(jenis[:-1])
    return f"Angka {induk} adalah jumlah dari {jenis[-1].replace('_', ' ')} di bawahnya."


def tabel_anggaran(h: HasilKinerja) -> TabelLaporan:
    df = h.anggaran
    rows = _rec(df)
    t = h.total
    rows.append({"kode": "", "nama": "JUMLAH", "pagu_murni": t["pagu_murni"], "pagu": t["pagu"],
                 "realisasi": t["realisasi"], "serapan": t["serapan"], "jenis": "jumlah",
                 "kategori_serapan": kategori(t["serapan"], h.profil.pengaturan.skala_kategori)[0]})
    return TabelLaporan(
        "anggaran", f"Realisasi Anggaran {judul_jenis(h)} Tahun {h.tahun}", [
            Kolom("Kode", "kode", "kiri"), Kolom(label_jenis(h), "nama", "kiri", lebar="36%"),
            Kolom("Pagu Murni (Rp)", lambda b: fmt.angka(b["pagu_murni"], 0)),
            Kolom("Pagu Perubahan (Rp)", lambda b: fmt.angka(b["pagu"], 0)),
            Kolom("Realisasi (Rp)", lambda b: fmt.angka(b["realisasi"], 0)),
            Kolom("Serapan (%)", lambda b: fmt.angka(b["serapan"])), Kolom("Kategori", "kategori_serapan", "tengah"),
        ], rows, df, lanskap=True, kelas_baris=lambda b: "jumlah" if b["jenis"] == "jumlah" else kelas_renja(b),
        catatan=[_catatan_rollup(df)],
        sumber="lkj_lib.ukur.anggaran.tabel_anggaran")


def tabel_anggaran_sasaran(h: HasilKinerja) -> TabelLaporan:
    """Anggaran per sasaran; tidak tampil bila tidak ada sasaran yang dipetakan ke program."""
    df = h.anggaran_sasaran
    tanpa = df[df["program"] == ""]
    rows = _rec(df) if len(tanpa) < len(df) else []
    return TabelLaporan(
        "anggaran_sasaran", "Serapan Anggaran per Sasaran Strategis", [
            Kolom("Sasaran Strategis", "sasaran", "kiri", lebar="30%"), Kolom("Program", "program", "tengah"),
            Kolom("Pagu Murni (Rp)", lambda b: fmt.angka(b["pagu_murni"], 0)),
            Kolom("Pagu (Rp)", lambda b: fmt.angka(b["pagu"], 0)),
            Kolom("Realisasi (Rp)", lambda b: fmt.angka(b["realisasi"], 0)),
            Kolom("Serapan (%)", lambda b: fmt.angka(b["serapan"])), Kolom("Kategori", "kategori_serapan", "tengah"),
        ], rows, df, sumber="lkj_lib.ukur.anggaran.anggaran_per_sasaran",
        catatan=[f"Sasaran {', '.join(tanpa['kode_sasaran'])} tidak dipetakan ke program (lembar sasaran_program), "
                 "sehingga tidak memiliki anggaran dan efisiensinya tidak dinilai."] if len(tanpa) else [])
