"""``lkj synth skpd``: varian SKPD-tahun SINTETIS dari satu folder contoh, untuk uji skala.

Setiap varian ``<akar>/<slug>-sintetis-NNN/<tahun>/`` tetap konsisten secara internal:

- nama: "<nama SKPD> (Sintetis NNN)", pemerintah daerah "Kabupaten Sintetis NNN", kepala dan NIP
  baru; nama daerah lama di visi/misi ikut diganti; ``sintetis: true`` (laporan diberi tanda);
- target indikator (target akhir, Renstra, PK) dikali satu faktor per indikator; realisasi =
  target × rasio di sekitar 1 (persentase positif ≤ 100%; status ``tahun_sebelumnya`` menyalin
  nilai tahun sebelumnya; realisasi tahun laporan yang dihitung instrumen tidak diubah);
- indikator Renja: target dan realisasi (tahunan dan triwulan kumulatif) dikali faktor yang sama
  per baris sehingga urutan kumulatif tetap naik;
- anggaran: pagu sub kegiatan (daun) dikali faktor acak, realisasi = pagu × serapan ≤ 100%, dan
  pagu/realisasi induk (kegiatan, program) dihitung ulang sebagai jumlah anak-anaknya;
- ``angka_dilaporkan`` dibuang dan semua kolom ``*_dilaporkan`` dikosongkan (keduanya hanya
  mendokumentasikan laporan asli); narasi dan lembar instrumen disalin apa adanya (audit narasi
  karena itu biasanya menemukan angka yang tidak cocok: narasinya milik laporan asli).

Acak dengan ``random.Random`` berbenih teks (seed, nomor varian): hasil sama untuk benih sama,
dan varian ke-i tidak bergantung pada jumlah varian yang diminta.
"""

from __future__ import annotations

import math
import random
import re
import shutil
from pathlib import Path

import yaml

from ..angka import AngkaError, baca_angka
from ..ekspor import tulis_baris_csv
from ..errors import InputError, LkjError
from ..masukan import periksa
from ..masukan.baca import baca_semua
from ..instrumen.sumber import INSTRUMEN_MENGHITUNG
from ..masukan.validasi import induk_dari_kode

_RE_BAGI = re.compile(r"^(\D*?)(\d[\d.,]*\d|\d)(.*)$", re.S)
NAMA = [("Ahmad Fauzi", 1), ("Siti Rahmah", 2), ("Muhammad Rizal", 1), ("Nurul Hidayah", 2),
        ("Budi Santoso", 1), ("Rina Wulandari", 2), ("H. Abdul Rahman", 1), ("Dewi Lestari", 2),
        ("Agus Salim", 1), ("Hj. Fitri Handayani", 2), ("Yusuf Mahmud", 1), ("Ratna Sari", 2)]
GELAR = [", S.Sos., M.AP", ", S.E., M.M.", ", S.H., M.H.", ", S.STP., M.Si", ", S.Pd., M.Pd."]
TABEL_TARGET = ("target_renstra", "perjanjian_kinerja")


def _nilai(teks) -> float | None:
    try:
        return baca_angka(teks).nilai
    except AngkaError:
        return None


def _ganti(teks, v: float, ribuan: bool | None = None) -> str:
    """Tulis ``v`` di tempat bilangan pada ``teks`` (awalan ≥/Rp dan satuan dipertahankan)."""
    m = _RE_BAGI.match(str(teks).strip())
    if m is None:
        return str(teks)
    awal, num, akhir = m.groups()
    awal = awal.replace("-", "").replace("\u2212", "")
    if "," in num:
        desimal = len(num.rsplit(",", 1)[1])
    elif num.count(".") == 1 and len(num.split(".")[1]) != 3:
        desimal = len(num.split(".")[1])
    else:
        desimal = 0
    if ribuan is None:
        ribuan = num.count(".") > 1 or ("." in num and "," in num) or bool(re.fullmatch(r"\d{1,3}\.\d{3}", num))
    s = f"{v:,.{desimal}f}" if ribuan else f"{v:.{desimal}f}"
    s = s.replace(",", "_").replace(".", ",").replace("_", ".")
    return f"{awal}{s}{akhir}"


def _persen(teks) -> bool:
    return str(teks or "").strip().endswith("%")


class _Varian:
    """Satu varian: tabel mentah (list of dict) diubah di tempat."""

    def __init__(self, tabel: dict[str, list[dict]], profil: dict, rng: random.Random, nomor: str):
        self.t, self.profil, self.rng, self.nomor = tabel, profil, rng, nomor
        self.target: dict[tuple[str, int], float] = {}
        self.realisasi: dict[tuple[str, int], float] = {}

    def rows(self, nama: str) -> list[dict]:
        return self.t.get(nama, [])

    # ------------------------------------------------------------ indikator kinerja
    def indikator(self) -> None:
        rng, tahun_lap = self.rng, int(self.profil["tahun"])
        info = {}
        for r in self.rows("indikator"):
            info[r["kode_indikator"]] = (rng.uniform(0.85, 1.15), rng.uniform(0.92, 1.06),
                                         str(r.get("polaritas") or "positif").strip().lower(),
                                         str(r.get("instrumen") or "").strip())
            if _nilai(r.get("target_akhir")) is not None:
                r["target_akhir"] = self._skala_target(r["target_akhir"], info[r["kode_indikator"]][0])
        for nama in TABEL_TARGET:
            for r in self.rows(nama):
                f = info.get(r["kode_indikator"], (1.0,))[0]
                for k in ("target", "target_murni", "target_perubahan"):
                    if _nilai(r.get(k)) is not None:
                        r[k] = self._skala_target(r[k], f)
                berlaku = next((_nilai(r.get(k)) for k in ("target_perubahan", "target_murni", "target")
                                if _nilai(r.get(k)) is not None), None)
                kunci = (r["kode_indikator"], int(_nilai(r["tahun"])))
                if berlaku is not None and (nama == "perjanjian_kinerja" or kunci not in self.target):
                    self.target[kunci] = berlaku
        for r in sorted(self.rows("realisasi"), key=lambda r: _nilai(r["tahun"]) or 0):
            kode, th = r["kode_indikator"], int(_nilai(r["tahun"]))
            lama = _nilai(r.get("realisasi"))
            if lama is None:
                continue
            f, kinerja, polaritas, instrumen = info.get(kode, (1.0, 1.0, "positif", ""))
            if instrumen in INSTRUMEN_MENGHITUNG and th == tahun_lap:
                self.realisasi[(kode, th)] = lama
                continue
            if str(r.get("status")).strip() == "tahun_sebelumnya" and (kode, th - 1) in self.realisasi:
                baru = self.realisasi[(kode, th - 1)]
            else:
                rasio = min(1.25, max(0.75, kinerja + rng.gauss(0, 0.03)))
                dasar = self.target.get((kode, th), lama * f)
                baru = dasar * (rasio if polaritas == "positif" else 2 - rasio)
                if _persen(r["realisasi"]) and polaritas == "positif" and lama <= 100:
                    baru = min(baru, 100.0)
            r["realisasi"] = _ganti(r["realisasi"], baru)
            self.realisasi[(kode, th)] = _nilai(r["realisasi"])

    def _skala_target(self, teks, f: float) -> str:
        v = _nilai(teks)
        baru = v * f
        if _persen(teks) and v <= 100:
            baru = min(baru, 100.0)
        return _ganti(teks, baru)

    def daerah_sendiri(self) -> None:
        wilayah = f"Kab. Sintetis {self.nomor}"
        for r in self.rows("pembanding"):
            if str(r.get("sendiri") or "").strip().lower() != "ya":
                continue
            r["wilayah"] = wilayah
            v = self.realisasi.get((r["kode_indikator"], int(_nilai(r["tahun"]))))
            if v is not None and _nilai(r.get("nilai")) is not None:
                r["nilai"] = _ganti(r["nilai"], v)
        for r in self.rows("ip_asn"):
            if str(r.get("sendiri") or "").strip().lower() == "ya":
                r["wilayah"] = wilayah

    def buang_dilaporkan(self) -> None:
        self.t.pop("angka_dilaporkan", None)
        for rows in self.t.values():
            for r in rows:
                for k in r:
                    if k.endswith("_dilaporkan"):
                        r[k] = ""

    # ------------------------------------------------------------ Renja
    def indikator_renja(self) -> None:
        rng = self.rng
        for r in self.rows("indikator_renja"):
            persen = _persen(r.get("target"))
            f = 1.0 if persen else rng.uniform(0.8, 1.25)
            q = 1.0 if rng.random() < 0.6 else min(1.1, max(0.75, rng.gauss(0.97, 0.07)))
            for k in ("target_murni", "target", "target_tw1", "target_tw2", "target_tw3", "target_tw4"):
                if _nilai(r.get(k)) is not None:
                    r[k] = _ganti(r[k], _nilai(r[k]) * f)
            for k in ("realisasi", "realisasi_tw1", "realisasi_tw2", "realisasi_tw3", "realisasi_tw4"):
                v = _nilai(r.get(k))
                if v is not None:
                    baru = v * f * q
                    r[k] = _ganti(r[k], min(baru, 100.0) if persen and v <= 100 else baru)

    def anggaran(self) -> None:
        rows = self.rows("renja")
        if not rows:
            return
        induk = {}
        for r in rows:
            ki = str(r.get("kode_induk") or "").strip()
            if not ki and str(r.get("jenis")).strip() != "program":
                ki = induk_dari_kode(str(r["kode"]).strip()) or ""
            induk[str(r["kode"]).strip()] = ki
        anak: dict[str, list[dict]] = {}
        for r in rows:
            anak.setdefault(induk[str(r["kode"]).strip()], []).append(r)
        skala = self.rng.uniform(0.6, 1.6)
        kolom = ("pagu_murni", "pagu_perubahan", "realisasi_anggaran")
        for r in rows:
            if str(r["kode"]).strip() in anak:
                continue
            f = skala * self.rng.uniform(0.85, 1.15)
            pagu_lama = next((_nilai(r.get(k)) for k in ("pagu_perubahan", "pagu_murni")
                              if _nilai(r.get(k)) is not None), None)
            for k in ("pagu_murni", "pagu_perubahan"):
                if _nilai(r.get(k)) is not None:
                    r[k] = _ganti(r[k], round(_nilai(r[k]) * f, -3), ribuan=True)
            pagu = next((_nilai(r.get(k)) for k in ("pagu_perubahan", "pagu_murni")
                         if _nilai(r.get(k)) is not None), None)
            lama = _nilai(r.get("realisasi_anggaran"))
            if pagu is not None and lama is not None:
                serapan_lama = lama / pagu_lama if pagu_lama else 0.9
                serapan = min(1.0, max(0.3, serapan_lama * self.rng.uniform(0.92, 1.08)))
                r["realisasi_anggaran"] = _ganti(r["realisasi_anggaran"], math.floor(pagu * serapan),
                                                 ribuan=True)

        memo: dict[str, dict[str, float | None]] = {}

        def jumlah(kode: str) -> dict[str, float | None]:
            if kode not in memo:
                out = {}
                for k in kolom:
                    nilai = []
                    for c in anak.get(kode, []):
                        ck = str(c["kode"]).strip()
                        v = jumlah(ck)[k] if ck in anak else _nilai(c.get(k))
                        if v is not None:
                            nilai.append(v)
                    out[k] = sum(nilai) if nilai else None
                memo[kode] = out
            return memo[kode]

        for r in rows:
            kode = str(r["kode"]).strip()
            if kode in anak:
                for k, v in jumlah(kode).items():
                    r[k] = "" if v is None else _ganti(r.get(k) or "0,00", v, ribuan=True)

    # ------------------------------------------------------------ profil
    def lkj_yaml(self) -> None:
        p, rng, nomor = self.profil, self.rng, self.nomor
        skpd = p.setdefault("skpd", {})
        lama = str(skpd.get("pemerintah_daerah") or "")
        baru = f"Kabupaten Sintetis {nomor}"
        skpd["nama"] = f"{skpd.get('nama', 'Perangkat Daerah')} (Sintetis {nomor})"
        skpd["pemerintah_daerah"] = baru
        skpd["provinsi"] = "Provinsi Sintetis"
        skpd["alamat"] = f"Jalan Sintetis No. {rng.randint(1, 120)}, {baru}"
        nama, jk = rng.choice(NAMA)
        lahir = rng.randint(1966, 1982)
        masuk = lahir + rng.randint(22, 30)
        nip = (f"{lahir}{rng.randint(1, 12):02d}{rng.randint(1, 28):02d} {masuk}{rng.randint(1, 12):02d} "
               f"{jk} {rng.randint(1, 9):03d}")
        p.setdefault("kepala", {}).update(nama=nama + rng.choice(GELAR), nip=nip)
        p.setdefault("laporan", {})["tempat"] = f"Kota Sintetis {nomor}"
        nama_pendek = re.sub(r"^(Kabupaten|Kota|Provinsi)\s+", "", lama)
        for k in ("visi", "misi"):
            if lama and k in p:
                ganti = (lambda s: str(s).replace(lama, baru).replace(nama_pendek, f"Sintetis {nomor}"))
                p[k] = [ganti(x) for x in p[k]] if isinstance(p[k], list) else ganti(p[k])
        p["sintetis"] = True


def _baca_sumber(folder: Path) -> tuple[dict, dict[str, list[dict]], dict[str, list[str]]]:
    data, masalah = periksa(folder)
    if data is None:
        raise InputError(masalah)
    return (yaml.safe_load((folder / "lkj.yaml").read_text(encoding="utf-8")), *_baca_sumber_mentah(folder))


def _tulis(folder: Path, profil: dict, tabel: dict, kolom: dict, sumber: Path, seed: int, nomor: str) -> None:
    if folder.exists():
        _tulis_ulang_sintetis(folder)
    (folder / "data").mkdir(parents=True)
    kepala = (f"# Data SINTETIS (lkj synth skpd), varian {nomor} dari {sumber}, seed {seed}.\n"
              "# Bukan data resmi: angka dibangkitkan acak, narasi disalin dari sumber.\n")
    (folder / "lkj.yaml").write_text(kepala + yaml.safe_dump(profil, allow_unicode=True, sort_keys=False,
                                                             width=100), encoding="utf-8")
    for nama, rows in tabel.items():
        tulis_baris_csv(folder / "data" / f"{nama}.csv", kolom[nama], rows)
    if (sumber / "narasi").is_dir():
        shutil.copytree(sumber / "narasi", folder / "narasi")


def buat_varian(sumber: str | Path, akar: str | Path, nomor: int, seed: int = 0) -> Path:
    """Tulis varian ke-``nomor`` (1, 2, ...) dari ``sumber`` ke ``akar``; kembalikan foldernya."""
    sumber = Path(sumber)
    profil, tabel, kolom = _baca_sumber(sumber)
    nnn = f"{nomor:03d}"
    v = _Varian(tabel, profil, random.Random(f"lkj-sintetis:{seed}:{nomor}"), nnn)
    v.indikator()
    v.daerah_sendiri()
    v.indikator_renja()
    v.anggaran()
    v.buang_dilaporkan()
    v.lkj_yaml()
    folder = Path(akar) / f"{sumber.resolve().parent.name}-sintetis-{nnn}" / sumber.resolve().name
    _tulis(folder, profil, tabel, kolom, sumber, seed, nnn)
    data, masalah = periksa(folder)
    if data is None:  # penjaga: generator tidak boleh menulis data yang tidak sah
        raise InputError(masalah)
    return folder


def buat_sintetis(sumber: str | Path, n: int, akar: str | Path | None = None, seed: int = 0,
                  tahun: int = 1) -> list[Path]:
    """Tulis ``n`` varian sintetis; ``akar`` bawaan: akar params dari ``sumber`` (…/<akar>/<skpd>/<tahun>).
    ``tahun`` > 1: setiap varian menjadi deret laporan berturut-turut (:func:`buat_deret`)."""
    if n < 1:
        raise LkjError(f"--n harus ≥ 1, bukan {n}")
    sumber = Path(sumber)
    if not (sumber / "lkj.yaml").is_file():
        raise LkjError(f"{sumber} bukan folder SKPD-tahun (tidak ada lkj.yaml)")
    akar = Path(akar) if akar is not None else sumber.resolve().parent.parent
    if tahun > 1:
        return [f for i in range(1, n + 1) for f in buat_deret(sumber, akar, tahun, i, seed)]
    return [buat_varian(sumber, akar, i, seed) for i in range(1, n + 1)]


# ---------------------------------------------------------------- deret beberapa tahun (lkj lanjut + isi)
def _isi_tahun(folder: Path, contoh: Path, rng: random.Random) -> None:
    """Isi folder hasil ``lkj lanjut`` secara sintetis: realisasi dan PK tahun ini (sekitar target Renstra),
    Renja/anggaran dan indikator Renja dari ``contoh`` (divariasikan), narasi disalin dari ``contoh``."""
    profil = yaml.safe_load((folder / "lkj.yaml").read_text(encoding="utf-8"))
    (tabel, kolom), th = _baca_sumber_mentah(folder), int(profil["tahun"])
    asal, kolom_asal = _baca_sumber_mentah(contoh)
    target = {(r["kode_indikator"], int(_nilai(r["tahun"]))): r["target"] for r in tabel.get("target_renstra", [])}
    lalu = {r["kode_indikator"]: r for r in tabel.get("realisasi", []) if int(_nilai(r["tahun"])) == th - 1}
    for r in tabel["indikator"]:
        kode = r["kode_indikator"]
        dasar = target.get((kode, th)) or _antara(target, kode, th, (lalu.get(kode) or {}).get("realisasi"))
        if _nilai(dasar) is None:
            continue
        rasio = min(1.15, max(0.85, rng.gauss(1.0, 0.05)))
        nilai = _nilai(dasar) * (rasio if str(r.get("polaritas")).strip() != "negatif" else 2 - rasio)
        if _persen(dasar) and _nilai(dasar) <= 100:
            nilai = min(nilai, 100.0)
        tabel["realisasi"].append({"kode_indikator": kode, "tahun": str(th), "realisasi": _ganti(dasar, nilai),
                                   "status": "final"})
        tabel["perjanjian_kinerja"].append({"kode_indikator": kode, "tahun": str(th), "target_murni": dasar})
    v = _Varian({k: [dict(x) for x in asal.get(k, [])] for k in ("renja", "indikator_renja")}, profil, rng, "")
    v.anggaran()
    v.indikator_renja()
    for k in ("renja", "indikator_renja"):
        tabel[k], kolom[k] = v.t[k], kolom_asal.get(k, [])
    for nama, rows in tabel.items():
        tulis_baris_csv(folder / "data" / f"{nama}.csv", kolom[nama], rows)
    shutil.rmtree(folder / "narasi")
    shutil.copytree(contoh / "narasi", folder / "narasi")
    (folder / "lkj.yaml").write_text((folder / "lkj.yaml").read_text(encoding="utf-8")
                                     .replace("<YYYY-MM-DD>", f"{th + 1}-01-20"), encoding="utf-8")


def _antara(target: dict, kode: str, th: int, lalu) -> str | None:
    """Target tahun ``th`` bila Renstra hanya memuat target akhir: interpolasi lurus dari realisasi tahun lalu
    ke target Renstra berikutnya (teks bergaya realisasi lalu); tanpa target Renstra: realisasi lalu."""
    akhir = sorted((t, v) for (k, t), v in target.items() if k == kode and t > th and _nilai(v) is not None)
    if lalu is None or _nilai(lalu) is None or not akhir:
        return lalu
    t, v = akhir[0]
    return _ganti(lalu, _nilai(lalu) + (_nilai(v) - _nilai(lalu)) / (t - th + 1))


def _tulis_ulang_sintetis(folder: Path) -> None:
    lama = folder / "lkj.yaml"
    if not (lama.exists() and (yaml.safe_load(lama.read_text(encoding="utf-8")) or {}).get("sintetis")):
        raise LkjError(f"{folder} sudah ada dan bukan data sintetis; tidak ditimpa")
    shutil.rmtree(folder)


def _baca_sumber_mentah(folder: Path):
    lembar, _, masalah = baca_semua(folder)
    if not lembar:
        raise InputError(masalah)
    return {n: [{k: ("" if v is None else v) for k, v in d.items()} for _, d in lm.baris]
            for n, lm in lembar.items()}, {n: list(lm.kolom) for n, lm in lembar.items()}


def buat_deret(sumber: str | Path, akar: str | Path, tahun: int = 3, nomor: int = 1, seed: int = 0,
               salah_ketik: bool = False) -> list[Path]:
    """Deret ``tahun`` laporan berturut-turut satu SKPD sintetis: varian ``nomor`` dari ``sumber`` (tahun N),
    lalu N+1, N+2, ... masing-masing dibuat dengan ``lkj lanjut`` dan diisi sintetis. Riwayatnya konsisten
    (ketikan riwayat = hasil laporan tahun itu) kecuali ``salah_ketik``: realisasi tahun N yang tercatat di
    folder terakhir diketik ulang 10% lebih besar (untuk audit riwayat)."""
    from ..masukan.lanjut import lanjut

    folder = [buat_varian(sumber, akar, nomor, seed)]
    rng = random.Random(f"lkj-deret:{seed}:{nomor}")
    for _ in range(tahun - 1):
        lama = folder[-1].parent / str(int(folder[-1].name) + 1)
        if lama.exists():  # deret sintetis sebelumnya: ganti, seperti buat_varian
            _tulis_ulang_sintetis(lama)
        baru = lanjut(folder[-1]).folder
        _isi_tahun(baru, folder[0], rng)
        folder.append(baru)
    if salah_ketik and len(folder) > 1:
        akhir, th = folder[-1], folder[0].name
        tabel, kolom = _baca_sumber_mentah(akhir)
        r = next(r for r in tabel["realisasi"] if r["tahun"] == th and _nilai(r["realisasi"]))
        r["realisasi"] = _ganti(r["realisasi"], _nilai(r["realisasi"]) * 1.1)
        tulis_baris_csv(akhir / "data" / "realisasi.csv", kolom["realisasi"], tabel["realisasi"])
    for f in folder:
        data, masalah = periksa(f)
        if data is None:  # penjaga: generator tidak boleh menulis data yang tidak sah
            raise InputError(masalah)
    return folder


__all__ = ["buat_deret", "buat_sintetis", "buat_varian"]
