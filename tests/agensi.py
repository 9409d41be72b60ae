"""Kontrak masukan (isu 9): strategi Hypothesis untuk SKPD-tahun yang SAH menurut skema dan penulisnya
(xlsx atau CSV, dengan sel bertipe Excel). Pemeriksanya (HTML, satu putaran pipeline) di ``kontrak.py``.

Kontraknya: setiap masukan yang diterima ``lkj validate`` harus lolos ``lkj audit`` dan dibangun
menjadi HTML tanpa galat, tanpa "nan", "None", "{{", tabel kosong atau judul kosong.

Fitur yang dapat dihasilkan ada di :data:`FITUR_SEMUA`; :data:`FITUR` (bawaan: semua) adalah
sakelar tingkat modul. Setiap agensi memakai subset acak dari fitur yang dinyalakan, dan mencatat
fitur yang benar-benar dipakainya di ``Agensi.fitur`` (untuk mengelompokkan kegagalan).
:data:`FITUR_BERMASALAH` berisi fitur yang diketahui masih rusak di cabang ini (bug yang sedang
diperbaiki helper lain); uji utama mematikannya, uji xfail menyalakannya.

Agensi SAH sejak dibangun: rujukan konsisten, setiap daun Renja punya pagu, realisasi anggaran ≤
pagu, angka induk Renja = jumlah anak (atau kosong), tahun realisasi ≤ tahun laporan, status
sesuai nilai (belum_rilis ⇔ kosong), angka_dilaporkan = hasil hitung, narasi tanpa angka.
``Agensi.harapan`` mencatat nilai yang ditulis untuk diperiksa kembali setelah dibaca.
"""

from __future__ import annotations

import csv
import random
import shutil
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from hypothesis import strategies as st

from lkj_lib.schema import NARASI, TABEL_DICT

# ---------------------------------------------------------------------------------------- fitur
FITUR_SEMUA = frozenset({
    "xlsx",                  # data.xlsx (selain itu: folder data/*.csv)
    "csv_titik_koma",        # CSV berpemisah ';' (Excel lokal Indonesia)
    "sel_angka",             # xlsx: angka sebagai bilangan sungguhan (43.0, 85.5, 2022.0)
    "sel_persen_format",     # xlsx: 0.6332 berformat '0.00%' untuk indikator bersatuan %
    "indikator_tujuan",      # indikator level tujuan
    "status_beragam",        # sementara, penilaian_mandiri, belum_rilis, tahun_sebelumnya
    "pk_perubahan",          # target_perubahan di perjanjian_kinerja
    "target_op",             # target '≥ 26'
    "riwayat",               # realisasi tahun-tahun sebelumnya (di dalam periode Renstra)
    "riwayat_pra_renstra",   # realisasi tahun sebelum periode Renstra
    "renja_dua_tingkat",     # program → kegiatan saja (pagu di kegiatan)
    "kode_induk_eksplisit",  # kode Renja gaya Kepmendagri 050 (5.03.01.2.01.0001) + kode_induk
    "pagu_induk",            # pagu program/kegiatan diisi (= jumlah anak)
    "indikator_renja_kosong",  # lembar indikator_renja ada tetapi hanya judul kolom (selain itu berisi)
    "satuan_renja_kosong",   # indikator_renja: kolom satuan kosong di sebagian baris (ikut satuan target)
    "triwulan",              # target/realisasi kumulatif TW I..IV
    "triwulan_sebagian",     # hanya sebagian triwulan terisi (mis. s.d. TW II)
    "triwulan_per_triwulan",  # pengaturan.bentuk_triwulan: per_triwulan (nilai dalam triwulan itu saja)
    "pembanding",
    "angka_dilaporkan",
    "opsional_kosong",       # lembar opsional ada tetapi hanya judul kolom (juga sasaran_program)
    "skm", "sistem_merit", "nspk", "ip_asn",
    "narasi",                # semua narasi ditulis (selain itu: sebagian/tidak ada → build draf)
    "pengaturan",            # rumus_negatif / metode_efisiensi / batas_capaian tak bawaan
})
FITUR: set[str] = set(FITUR_SEMUA)
"""Sakelar tingkat modul: fitur yang boleh dipakai strategi (bawaan: semua)."""

FITUR_BERMASALAH: dict[str, str] = {
    # fitur → kegagalan yang diketahui; uji utama mematikan fitur ini, uji xfail menyalakannya. Kosong
    # sejak main menggabungkan cabang masukan, isi dan perbaikan satuan NaN. Sebelumnya (cabang kontrak
    # di atas 583d6ad) gagal: riwayat_pra_renstra, sel_persen_format, indikator_renja_kosong,
    # satuan_renja_kosong, renja_dua_tingkat, triwulan_per_triwulan — lihat laporan helper kontrak.
}
BOCOR_DIKENAL: dict[str, str] = {
    # potongan pesan kebocoran → sebabnya, untuk kebocoran yang muncul pada hampir setiap agensi sah
    # (tidak terikat satu fitur): uji utama mengabaikannya. Kosong sejak cabang isi digabung
    # (sebelumnya: Lampiran 2 "Temuan Audit Angka" berisi tabel "Tidak ada data.").
}

SATUAN = ("%", "indeks", "orang", "dokumen", "nilai", "skor")
# lembar yang boleh tidak ada (schema wajib_ada=False); sasaran_program dan indikator_renja wajib ada
# (boleh kosong), maka keduanya selalu ditulis
OPSIONAL = ("pembanding", "angka_dilaporkan", "skm", "sistem_merit", "nspk", "ip_asn")
NARASI_TEKS = "Bagian ini menguraikan {judul} secara ringkas berdasarkan data yang tersedia."


@dataclass(frozen=True)
class SelPersen:
    """Sel xlsx bernilai pecahan (0.6332) berformat persen '0.00%' — tampil 63,32%."""

    pecahan: float


@dataclass
class Agensi:
    slug: str
    tahun: int
    profil: dict
    tabel: dict[str, list[dict]]          # lembar yang ditulis (daftar kosong = hanya judul)
    narasi: dict[str, str]
    xlsx: bool
    pemisah: str = ","
    fitur: frozenset = frozenset()
    harapan: dict = field(default_factory=dict)  # (lembar, kunci..., kolom) -> nilai terbaca

    @property
    def narasi_lengkap(self) -> bool:
        iku = [r["kode_indikator"] for r in self.tabel["indikator"] if r["level"] == "sasaran"]
        return all(k in self.narasi for k in NARASI) and all(f"iku_{k.lower()}" in self.narasi for k in iku)

    def bentuk(self) -> str:
        """Ringkasan bentuk agensi (untuk laporan kegagalan)."""
        n = {k: len(v) for k, v in self.tabel.items()}
        return (f"{self.slug}/{self.tahun} {'xlsx' if self.xlsx else 'csv' + repr(self.pemisah)} "
                f"renstra {self.profil['renstra']['mulai']}-{self.profil['renstra']['akhir']} "
                f"baris {n} fitur {sorted(self.fitur)}")


# ----------------------------------------------------------------------------- format angka
def angka_id(v: float, desimal: int = 0) -> str:
    """1234.5 → '1.234,5' (titik ribuan, koma desimal)."""
    s = f"{abs(v):,.{desimal}f}".replace(",", "_").replace(".", ",").replace("_", ".")
    return ("-" if v < 0 else "") + s


def _desimal(v: float) -> int:
    for d in range(0, 4):
        if abs(round(v, d) - v) < 1e-9:
            return d
    return 4


class _Sel:
    """Menulis nilai angka sebagai sel: bilangan, teks Indonesia, atau persen berformat."""

    def __init__(self, rng: random.Random, fitur: set[str], xlsx: bool):
        self.rng, self.fitur, self.xlsx = rng, fitur, xlsx

    def angka(self, v: float | None, satuan: str = "", op: str = ""):
        if v is None:
            return self.rng.choice(["", "-"]) if not self.xlsx else self.rng.choice([None, "-"])
        r = self.rng.random()
        if self.xlsx and not op and "sel_persen_format" in self.fitur and satuan == "%" and r < 0.4:
            return SelPersen(round(v / 100, 6))
        if self.xlsx and not op and "sel_angka" in self.fitur and r < 0.7:
            return float(v)  # bilangan bulat pun ditulis 43.0
        teks = angka_id(v, _desimal(v))
        if satuan == "%":
            teks += "%"
        elif satuan and satuan not in ("indeks", "nilai", "skor") and self.rng.random() < 0.5:
            teks += " " + satuan
        return f"{op} {teks}" if op else teks

    def rupiah(self, v: float | None):
        if v is None:
            return None if self.xlsx else ""
        if self.xlsx and "sel_angka" in self.fitur and self.rng.random() < 0.7:
            return float(v)
        return self.rng.choice([angka_id(v, 0), angka_id(v, 2), "Rp " + angka_id(v, 0) + ",-",
                                "Rp. " + angka_id(v, 2)])

    def bulat(self, v: int):
        """Tahun/urutan: 2022.0 di xlsx bila sel_angka, selain itu teks."""
        if self.xlsx and "sel_angka" in self.fitur and self.rng.random() < 0.7:
            return float(v)
        return str(v)


# ----------------------------------------------------------------------------- pembangkit
def _nilai_indikator(rng: random.Random, satuan: str, polaritas: str) -> tuple[float, float]:
    """(target, realisasi) masuk akal untuk satuan dan polaritas."""
    if satuan == "%":
        t = rng.choice([rng.randint(50, 100), round(rng.uniform(1, 99), 2)]) if polaritas == "positif" \
            else round(rng.uniform(1, 20), rng.choice([0, 2]))
        r = min(100.0, round(t * rng.uniform(0.6, 1.3), 2))
        return float(t), float(r)
    if satuan in ("orang", "dokumen"):
        t = rng.choice([rng.randint(1, 20), rng.randint(100, 5000)])
        return float(t), float(max(0, round(t * rng.uniform(0.5, 1.3))))
    t = round(rng.uniform(40, 400), rng.choice([0, 2]))
    return float(t), round(t * rng.uniform(0.6, 1.3), 2)


def _kode_renja(gaya: bool, jalur: tuple[int, ...]) -> str:
    if not gaya:
        return ".".join(map(str, jalur))
    p = f"5.03.{jalur[0]:02d}"
    if len(jalur) == 1:
        return p
    k = f"{p}.2.{jalur[1]:02d}"
    if len(jalur) == 2:
        return k
    return f"{k}.{jalur[2]:04d}"


@st.composite
def agensi(draw, fitur: set[str] | frozenset | None = None, wajib: set[str] | frozenset = frozenset()) -> Agensi:
    """Strategi: satu SKPD-tahun SAH memakai subset acak dari ``fitur`` (bawaan: :data:`FITUR`);
    fitur di ``wajib`` selalu dipakai."""
    aktif = set(FITUR if fitur is None else fitur) | set(wajib)
    pakai = {f for f in sorted(aktif) if f in wajib or draw(st.booleans(), label=f"fitur {f}")}
    if "indikator_renja_kosong" in pakai:
        pakai -= {"triwulan", "triwulan_sebagian"}
    if "triwulan" not in pakai:
        pakai -= {"triwulan_sebagian", "triwulan_per_triwulan"}
    xlsx = "xlsx" in pakai
    if not xlsx:
        pakai -= {"sel_angka", "sel_persen_format"}
    else:
        pakai.discard("csv_titik_koma")
    tahun = draw(st.integers(2019, 2026), label="tahun")
    mulai = draw(st.integers(tahun - 4, tahun), label="renstra mulai")
    akhir = draw(st.integers(max(tahun, mulai + 4), mulai + 5), label="renstra akhir")
    n_tujuan = draw(st.integers(1, 4), label="tujuan")
    n_sasaran = draw(st.lists(st.integers(1, 3), min_size=n_tujuan, max_size=n_tujuan), label="sasaran")
    n_iku = draw(st.lists(st.integers(1, 3), min_size=sum(n_sasaran), max_size=sum(n_sasaran)), label="iku")
    n_prog = draw(st.integers(1, 3), label="program")
    rng = draw(st.randoms(use_true_random=False), label="nilai")
    sel = _Sel(rng, pakai, xlsx)
    a = Agensi(slug=f"dinas-uji-{rng.randint(0, 10**6):06d}", tahun=tahun, profil={}, tabel={}, narasi={},
               xlsx=xlsx, pemisah=";" if "csv_titik_koma" in pakai else ",", fitur=frozenset(pakai))
    a.profil = _profil(rng, pakai, tahun, mulai, akhir)
    T = a.tabel

    # --- tujuan, sasaran, indikator
    T["tujuan"] = [{"kode_tujuan": f"T{i}", "tujuan": f"Meningkatnya kualitas layanan bidang {i}"}
                   for i in range(1, n_tujuan + 1)]
    T["sasaran"], T["indikator"] = [], []
    sasaran = []
    for i in range(1, n_tujuan + 1):
        for j in range(1, n_sasaran[i - 1] + 1):
            sasaran.append(f"S{i}.{j}")
            T["sasaran"].append({"kode_sasaran": f"S{i}.{j}", "kode_tujuan": f"T{i}",
                                 "sasaran": f"Meningkatnya capaian sasaran {i}.{j}"})
    indikator = []  # (kode, level, induk, satuan, polaritas, instrumen)
    if "indikator_tujuan" in pakai:
        for i in range(1, n_tujuan + 1):
            if rng.random() < 0.6:
                indikator.append((f"IT{i}", "tujuan", f"T{i}", rng.choice(SATUAN), "positif", None))
    for s, n in zip(sasaran, n_iku):
        for k in range(1, n + 1):
            sat = rng.choice(SATUAN)
            pol = rng.choice(["positif", "positif", "negatif"]) if sat in ("%", "orang") else "positif"
            indikator.append((f"IKU{s[1:].replace('.', '')}{k}", "sasaran", s, sat, pol, None))
    # instrumen: tautkan satu indikator sasaran ke setiap lembar instrumen yang dipakai
    instr = [x for x, lembar in (("ikm", "skm"), ("sistem_merit_mandiri", "sistem_merit"),
                                 ("nspk", "nspk"), ("ip_asn", "ip_asn")) if lembar in pakai]
    for inst in instr:
        cocok = [i for i, x in enumerate(indikator) if x[5] is None]
        if not cocok or rng.random() < 0.2:
            continue
        i = rng.choice(cocok)
        kode, level, induk, _, _, _ = indikator[i]
        if inst == "sistem_merit_mandiri" and rng.random() < 0.5:
            inst = "sistem_merit_verifikasi"
        indikator[i] = (kode, level, induk, "indeks" if inst != "nspk" else "nilai", "positif", inst)

    nilai_thn: dict[tuple[str, int], tuple[float, float]] = {}
    tahun_riwayat = []
    if "riwayat" in pakai:
        lo = mulai - 2 if "riwayat_pra_renstra" in pakai else mulai
        tahun_riwayat = [y for y in range(max(lo, tahun - 3), tahun)]
    elif "riwayat_pra_renstra" in pakai and tahun - 1 < mulai:
        tahun_riwayat = [tahun - 1]
    if "riwayat_pra_renstra" in pakai and not any(y < mulai for y in tahun_riwayat):
        a.fitur = a.fitur - {"riwayat_pra_renstra"}
    instr_nilai = _instrumen(a, rng, sel, pakai, tahun, mulai, akhir)

    T["target_renstra"], T["perjanjian_kinerja"], T["realisasi"] = [], [], []
    for urut, (kode, level, induk, sat, pol, inst) in enumerate(indikator, start=1):
        t_akhir, _ = _nilai_indikator(rng, sat, pol)
        op = "≥" if "target_op" in pakai and pol == "positif" and rng.random() < 0.2 else ""
        T["indikator"].append({
            "kode_indikator": kode, "level": level, "kode_induk": induk,
            "indikator": f"{'Persentase' if sat == '%' else 'Jumlah' if sat in ('orang', 'dokumen') else 'Indeks'}"
                         f" capaian {kode}",
            "satuan": sat, "polaritas": pol, "target_akhir": sel.angka(t_akhir, sat),
            "penjelasan": rng.choice(["", f"Mengukur kinerja {kode}."]),
            "rumus": rng.choice(["", "Realisasi dibagi target dikali seratus"]),
            "sumber_data": rng.choice(["", "Bidang terkait"]), "penanggung_jawab": "",
            "instrumen": inst or "", "standar_nasional": "",
            "urutan": sel.bulat(urut) if rng.random() < 0.7 else "",
        })
        for y in range(mulai, akhir + 1):
            t, r = _nilai_indikator(rng, sat, pol)
            nilai_thn[(kode, y)] = (t, r)
            T["target_renstra"].append({"kode_indikator": kode, "tahun": sel.bulat(y),
                                        "target": sel.angka(t, sat, op if y == tahun else "")})
        for y in tahun_riwayat:
            if y < mulai:
                nilai_thn[(kode, y)] = _nilai_indikator(rng, sat, pol)
        for y in [y for y in tahun_riwayat if y >= mulai] + [tahun]:
            t, _ = nilai_thn[(kode, y)]
            row = {"kode_indikator": kode, "tahun": sel.bulat(y),
                   "target_murni": sel.angka(t, sat, op if y == tahun else ""),
                   "target_perubahan": ""}
            if "pk_perubahan" in pakai and rng.random() < 0.3:
                t2 = float(round(t * rng.uniform(0.9, 1.1), 2)) if sat not in ("orang", "dokumen") else t + 1
                row["target_perubahan"] = sel.angka(t2, sat)
            T["perjanjian_kinerja"].append(row)
            if y == tahun:
                a.harapan[("pk", kode, y)] = t
        for y in tahun_riwayat + [tahun]:
            _, r = nilai_thn[(kode, y)]
            status = "final"
            if "status_beragam" in pakai and rng.random() < 0.4:
                status = rng.choice(["sementara", "penilaian_mandiri", "belum_rilis", "tahun_sebelumnya"])
                if status == "tahun_sebelumnya":
                    if (kode, y - 1) in nilai_thn and y - 1 in tahun_riwayat:
                        r = nilai_thn[(kode, y - 1)][1]
                    else:
                        status = "final"
            if y == tahun and inst in instr_nilai:
                if rng.random() < 0.5:
                    continue  # realisasi dihitung instrumen; baris tahun laporan boleh tidak ada
                r, status = instr_nilai[inst], "final"
            if inst == "nspk" and y == tahun and status == "belum_rilis":
                status = "final"
            v = None if status == "belum_rilis" else r
            T["realisasi"].append({"kode_indikator": kode, "tahun": sel.bulat(y),
                                   "realisasi": sel.angka(v, sat), "status": status,
                                   "catatan": rng.choice(["", "Data dari bidang terkait"])})
            if v is not None:
                a.harapan[("realisasi", kode, y)] = v

    if not T["realisasi"]:
        # semua realisasi dihitung instrumen dan tanpa riwayat: lembar realisasi tetap wajib berisi
        # (validator menolak lembar kosong), maka tulis baris tahun laporan indikator pertama
        kode, _, _, sat, _, inst = next(x for x in indikator if x[5] in instr_nilai)
        T["realisasi"].append({"kode_indikator": kode, "tahun": sel.bulat(tahun),
                               "realisasi": sel.angka(instr_nilai[inst], sat), "status": "final", "catatan": ""})
        a.harapan[("realisasi", kode, tahun)] = instr_nilai[inst]
    _renja(a, rng, sel, pakai, n_prog, sasaran)
    if "pembanding" in pakai:
        T["pembanding"] = []
        for kode, level, induk, sat, pol, inst in indikator:
            if rng.random() < 0.4:
                continue
            for w, jw, sendiri in (("Kabupaten Uji", "kabupaten", "ya"), ("Kabupaten Tetangga", "kabupaten", ""),
                                   ("Provinsi Uji", "provinsi", ""), ("Standar Nasional", "nasional", "")):
                if sendiri or rng.random() < 0.7:
                    T["pembanding"].append({
                        "kode_indikator": kode, "tahun": sel.bulat(tahun), "wilayah": w, "jenis_wilayah": jw,
                        "nilai": sel.angka(_nilai_indikator(rng, sat, pol)[1], sat),
                        "sendiri": sendiri or rng.choice(["", "tidak"])})
    if "angka_dilaporkan" in pakai:
        _dilaporkan(a, rng, indikator, instr_nilai)
    if "opsional_kosong" in pakai:
        for nama in OPSIONAL:
            if nama not in T and rng.random() < 0.6:
                T[nama] = []
    if "indikator_renja_kosong" in pakai:
        T["indikator_renja"] = []

    # --- narasi
    iku = [x[0] for x in indikator if x[1] == "sasaran"]
    kunci = list(NARASI) + [f"iku_{k.lower()}" for k in iku]
    if "narasi" in pakai:
        pilih = kunci
    else:
        pilih = [k for k in kunci if rng.random() < 0.3]
    for k in pilih:
        a.narasi[k] = NARASI_TEKS.format(judul=NARASI.get(k, "analisis indikator").lower())
    return a


def _profil(rng, pakai, tahun, mulai, akhir) -> dict:
    p = {
        "skpd": {"nama": "Dinas Uji Kontrak", "singkatan": rng.choice(["DUK", ""]) or None,
                 "pemerintah_daerah": "Kabupaten Uji", "provinsi": "Provinsi Uji"},
        "tahun": tahun, "renstra": {"mulai": mulai, "akhir": akhir},
        "kepala": {"nama": "Budi Santoso, S.E., M.M.", "nip": "19700101 199001 1 001",
                   "pangkat": "Pembina", "jabatan": "Kepala Dinas"},
        "laporan": {"tempat": "Kota Uji", "tanggal": f"{tahun + 1}-01-{rng.randint(10, 28)}"},
    }
    if rng.random() < 0.5:
        p["visi"] = "Terwujudnya daerah yang maju dan sejahtera"
        p["misi"] = ["Meningkatkan pelayanan publik", "Meningkatkan tata kelola pemerintahan"]
        p["misi_terkait"] = [rng.randint(1, 2)]
    if "pengaturan" in pakai:
        p["pengaturan"] = {"rumus_negatif": rng.choice(["2T-R", "T/R"]),
                           "metode_efisiensi": rng.choice(["rasio", "selisih", "sisa_anggaran"]),
                           "batas_capaian": rng.choice([None, 100, 120])}
    if "triwulan_per_triwulan" in pakai:
        p.setdefault("pengaturan", {})["bentuk_triwulan"] = "per_triwulan"
    return p


def _renja(a: Agensi, rng, sel: _Sel, pakai, n_prog: int, sasaran: list[str]) -> None:
    T = a.tabel
    gaya = "kode_induk_eksplisit" in pakai
    dua = "renja_dua_tingkat" in pakai
    simpul = []  # (kode, jenis, induk, jalur)
    for p in range(1, n_prog + 1):
        simpul.append((_kode_renja(gaya, (p,)), "program", None))
        for k in range(1, rng.randint(1, 3) + 1):
            kk = _kode_renja(gaya, (p, k))
            simpul.append((kk, "kegiatan", _kode_renja(gaya, (p,))))
            if dua:
                continue
            for s in range(1, rng.randint(1, 3) + 1):
                simpul.append((_kode_renja(gaya, (p, k, s)), "sub_kegiatan", kk))
    anak: dict = {}
    for kode, jenis, induk in simpul:
        anak.setdefault(induk, []).append(kode)
    nilai: dict[str, tuple[float, float, float]] = {}

    def hitung(kode):
        if kode in nilai:
            return nilai[kode]
        if kode in anak:
            v = [hitung(c) for c in anak[kode]]
            nilai[kode] = tuple(sum(x[i] for x in v) for i in range(3))
        else:
            murni = float(rng.randint(10, 2000) * 1_000_000 + rng.randint(0, 999) * 1000)
            pagu = murni if rng.random() < 0.6 else float(round(murni * rng.uniform(0.8, 1.2), -3))
            real = float(round(pagu * rng.uniform(0.5, 1.0)))
            nilai[kode] = (murni, pagu, real)
        return nilai[kode]

    T["renja"] = []
    for urut, (kode, jenis, induk) in enumerate(simpul, start=1):
        murni, pagu, real = hitung(kode)
        daun = kode not in anak
        isi = daun or ("pagu_induk" in pakai and rng.random() < 0.7)
        T["renja"].append({
            "kode": kode, "jenis": jenis, "kode_induk": induk if (gaya and induk) else "",
            "nama": f"{jenis.replace('_', ' ').title()} {kode}",
            "pagu_murni": sel.rupiah(murni if isi else None),
            "pagu_perubahan": sel.rupiah(pagu if isi else None),
            "realisasi_anggaran": sel.rupiah(real if isi else None),
            "urutan": "",
        })
    a.harapan["total_pagu"] = sum(nilai[k][1] for k, j, _ in simpul if j == "program")
    a.harapan["total_realisasi"] = sum(nilai[k][2] for k, j, _ in simpul if j == "program")

    if "opsional_kosong" in pakai and rng.random() < 0.5:
        T["sasaran_program"] = []
    else:
        T["sasaran_program"] = [{"kode_sasaran": rng.choice(sasaran), "kode_program": k}
                                for k, j, _ in simpul if j == "program"]
    T["indikator_renja"] = []
    if "indikator_renja_kosong" not in pakai:
        for n, (kode, jenis, induk) in enumerate(simpul):
            for u in range(1, rng.choice([0, 1, 1, 2] if n else [1, 2]) + 1):
                sat = rng.choice(SATUAN)
                pol = "negatif" if sat == "%" and rng.random() < 0.15 else "positif"
                t, r = _nilai_indikator(rng, sat, pol)
                row = {"kode": kode, "urutan": sel.bulat(u), "indikator": f"Indikator {u} {kode}",
                       "satuan": "" if "satuan_renja_kosong" in pakai and rng.random() < 0.3 else sat, "polaritas": pol if pol == "negatif" else
                       rng.choice(["", "positif"]), "target_murni": rng.choice(["", sel.angka(t, sat)]),
                       "target": sel.angka(t, sat), "realisasi": sel.angka(r, sat),
                       "kode_anggaran": "", "catatan": ""}
                per_tw = "triwulan_per_triwulan" in pakai
                if "triwulan" in pakai and rng.random() < 0.6 and (not per_tw or sat in ("orang", "dokumen")):
                    n_tw = rng.randint(1, 3) if "triwulan_sebagian" in pakai and rng.random() < 0.5 else 4
                    nd = 2 if sat not in ("orang", "dokumen") else 0
                    # kumulatif: s.d. TW i = i/4 dari tahunan; per_triwulan: bagian tak rata (10/20/30/40%
                    # target, 40/30/20/10% realisasi) yang jumlahnya = tahunan
                    kum_t = [round(t * f, nd) for f in (0.1, 0.3, 0.6)] + [t] if per_tw else \
                        [round(t * i / 4, nd) for i in (1, 2, 3)] + [t]
                    kum_r = [round(r * f, nd) for f in (0.4, 0.7, 0.9)] + [r] if per_tw else \
                        [round(r * i / 4, nd) for i in (1, 2, 3)] + [r]
                    for i in range(1, 5):
                        tt, rr = kum_t[i - 1], kum_r[i - 1]
                        if per_tw:
                            tt = round(tt - (kum_t[i - 2] if i > 1 else 0), nd)
                            rr = round(rr - (kum_r[i - 2] if i > 1 else 0), nd)
                        row[f"target_tw{i}"] = sel.angka(float(tt), sat)
                        row[f"realisasi_tw{i}"] = sel.angka(float(rr), sat) if i <= n_tw else \
                            (None if a.xlsx else "")
                    if n_tw < 4:
                        row["realisasi"] = None if a.xlsx else ""
                        r = None
                if jenis != "sub_kegiatan" and kode in anak and rng.random() < 0.3:
                    row["kode_anggaran"] = rng.choice(anak[kode])
                T["indikator_renja"].append(row)
                a.harapan[("indikator_renja", kode, u)] = t


def _instrumen(a: Agensi, rng, sel: _Sel, pakai, tahun, mulai, akhir) -> dict[str, float]:
    """Tulis lembar instrumen yang dipakai; kembalikan realisasi hitungan (untuk baris realisasi)."""
    T, hasil = a.tabel, {}
    if "skm" in pakai:
        T["skm"] = []
        for i in range(1, rng.randint(5, 25) + 1):
            row = {"responden": f"R{i:03d}", "tanggal": f"{tahun}-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}",
                   "layanan": rng.choice(["Kenaikan Pangkat", "Mutasi", "Pensiun"]),
                   "jenis_kelamin": rng.choice(["L", "P"]), "usia": sel.bulat(rng.randint(20, 60))}
            for u in range(1, 10):
                row[f"u{u}"] = sel.bulat(rng.choice([2, 3, 3, 4, 4]))
            T["skm"].append(row)
        # IKM = rata-rata unsur × 25 (penimbang 1/9 seragam); baris realisasi diisi nilai yang sama
        n = len(T["skm"])
        nrr = [sum(int(float(r[f"u{u}"])) for r in T["skm"]) / n for u in range(1, 10)]
        hasil["ikm"] = round(sum(x / 9 for x in nrr) * 25, 4)
    if "sistem_merit" in pakai:
        T["sistem_merit"] = []
        verif = rng.random() < 0.7
        tot_m = tot_v = 0.0
        for asp in range(1, 9):
            for no in range(1, rng.randint(1, 3) + 1):
                bobot, skor, nv = rng.choice([2.0, 2.5, 3.0]), rng.randint(1, 4), rng.randint(1, 4)
                tot_m += bobot * skor
                tot_v += bobot * nv
                T["sistem_merit"].append({
                    "no_aspek": sel.bulat(asp), "aspek": f"Aspek {asp}", "no_indikator": sel.bulat(no),
                    "indikator": f"Indikator merit {asp}.{no}", "kondisi": "",
                    "bobot": str(bobot) if rng.random() < 0.5 or not a.xlsx else bobot,
                    "skor": sel.bulat(skor), "nilai_verifikasi": sel.bulat(nv) if verif else "",
                    "catatan": "", "tahun": rng.choice(["", sel.bulat(tahun)])})
        hasil["sistem_merit_mandiri"] = tot_m
        if verif:
            hasil["sistem_merit_verifikasi"] = tot_v
    if "nspk" in pakai:
        th = rng.choice([y for y in (tahun, tahun - 1) if y >= mulai])
        T["nspk"] = [{"tahun": sel.bulat(th), "no": sel.bulat(i), "elemen": f"Elemen {i}",
                      "status": rng.choice(["sesuai", "sesuai", "belum_sesuai"]), "catatan": "",
                      "rekomendasi": ""} for i in range(1, 19)]
    if "ip_asn" in pakai:
        T["ip_asn"] = []
        for w, jw, s in (("Kabupaten Uji", "kabupaten", "ya"), ("Kabupaten Tetangga", "kabupaten", "tidak"),
                         ("Provinsi Uji", "provinsi", "tidak")):
            dims = [round(rng.uniform(5, 25), 2), round(rng.uniform(5, 40), 2),
                    round(rng.uniform(5, 30), 2), round(rng.uniform(1, 5), 2)]
            T["ip_asn"].append({"tahun": sel.bulat(tahun), "wilayah": w, "jenis_wilayah": jw, "sendiri": s,
                                "kualifikasi": sel.angka(dims[0]), "kompetensi": sel.angka(dims[1]),
                                "kinerja": sel.angka(dims[2]), "disiplin": sel.angka(dims[3]),
                                "nilai_dilaporkan": ""})
            if s == "ya":
                hasil["ip_asn"] = round(sum(dims), 2)
    return hasil


def _dilaporkan(a: Agensi, rng, indikator, instr_nilai) -> None:
    """Angka tercetak yang BENAR (audit harus diam): target/realisasi IKU dan total anggaran."""
    rows = []
    for kode, level, induk, sat, pol, inst in indikator:
        if rng.random() < 0.5:
            continue
        t = a.harapan.get(("pk", kode, a.tahun))
        r = a.harapan.get(("realisasi", kode, a.tahun))
        # target berlaku = PK perubahan bila diisi; lewati indikator ber-PK perubahan
        pk = next(x for x in a.tabel["perjanjian_kinerja"]
                  if x["kode_indikator"] == kode and int(float(x["tahun"])) == a.tahun)
        if t is not None and pk["target_perubahan"] in ("", None):
            rows.append({"lokasi": "Tabel 3.1", "objek": "iku", "kode": kode, "besaran": "target",
                         "nilai": angka_id(t, 2)})
        if r is not None and inst not in instr_nilai:
            rows.append({"lokasi": "Tabel 3.1", "objek": "iku", "kode": kode, "besaran": "realisasi",
                         "nilai": angka_id(r, 2)})
    rows.append({"lokasi": "Tabel 3.2", "objek": "total", "besaran": "pagu",
                 "nilai": angka_id(a.harapan["total_pagu"], 2)})
    rows.append({"lokasi": "Tabel 3.2", "objek": "total", "besaran": "realisasi_anggaran",
                 "nilai": angka_id(a.harapan["total_realisasi"], 0)})
    a.tabel["angka_dilaporkan"] = rows


# ----------------------------------------------------------------------------------- penulis
def _teks_csv(v) -> str:
    if v is None:
        return ""
    if isinstance(v, SelPersen):
        return angka_id(v.pecahan * 100, 2) + "%"
    if isinstance(v, float):
        return angka_id(v, _desimal(v))
    return str(v)


def tulis(a: Agensi, akar: Path) -> Path:
    """Tulis agensi ke ``<akar>/<slug>/<tahun>/`` (lkj.yaml, data.xlsx atau data/*.csv, narasi/)."""
    folder = Path(akar) / a.slug / str(a.tahun)
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    (folder / "lkj.yaml").write_text(yaml.safe_dump(a.profil, allow_unicode=True, sort_keys=False),
                                     encoding="utf-8")
    if a.xlsx:
        import openpyxl

        wb = openpyxl.Workbook()
        wb.active.title = "PETUNJUK"
        wb.active["A1"] = "Lembar ini diabaikan pemuat."
        for nama, rows in a.tabel.items():
            ws = wb.create_sheet(nama)
            kolom = [k.nama for k in TABEL_DICT[nama].kolom]
            ws.append(kolom)
            for r in rows:
                ws.append([None if isinstance(r.get(k), SelPersen) else r.get(k) if r.get(k) != "" else None
                           for k in kolom])
                for j, k in enumerate(kolom, start=1):
                    v = r.get(k)
                    if isinstance(v, SelPersen):
                        c = ws.cell(row=ws.max_row, column=j, value=v.pecahan)
                        c.number_format = "0.00%"
        wb.save(folder / "data.xlsx")
    else:
        d = folder / "data"
        d.mkdir(exist_ok=True)
        for nama, rows in a.tabel.items():
            kolom = [k.nama for k in TABEL_DICT[nama].kolom]
            with open(d / f"{nama}.csv", "w", newline="", encoding="utf-8") as f:
                w = csv.writer(f, delimiter=a.pemisah)
                w.writerow(kolom)
                for r in rows:
                    w.writerow([_teks_csv(r.get(k)) for k in kolom])
    if a.narasi:
        (folder / "narasi").mkdir(exist_ok=True)
        for k, teks in a.narasi.items():
            nama = k if not k.startswith("iku_") else "iku_" + k[4:].upper()
            (folder / "narasi" / f"{nama}.md").write_text(teks + "\n", encoding="utf-8")
    return folder


def periksa_harapan(a: Agensi, data) -> list[str]:
    """Nilai yang ditulis harus terbaca sama (mis. sel persen berformat 0.6332 → 63,32)."""
    salah = []
    real = data["realisasi"]
    for kunci, v in a.harapan.items():
        if not isinstance(kunci, tuple):
            continue
        lembar, kode, th = kunci
        if lembar == "realisasi":
            df = real[(real["kode_indikator"] == kode) & (real["tahun"] == th)]
            kol = "realisasi"
        elif lembar == "pk":
            df = data["perjanjian_kinerja"]
            df = df[(df["kode_indikator"] == kode) & (df["tahun"] == th)]
            kol = "target_murni"
        else:
            df = data["indikator_renja"]
            df = df[(df["kode"] == kode) & (df["urutan"] == th)]
            kol = "target"
        if df.empty:
            salah.append(f"{lembar} {kode} {th}: baris hilang")
            continue
        x = float(df.iloc[0][kol])
        if not abs(x - v) <= 1e-6 * max(1.0, abs(v)):
            salah.append(f"{lembar} {kode} {th}: ditulis {v!r}, terbaca {x!r}")
    return salah
