"""Profil SKPD dan pengaturan metode dari ``lkj.yaml`` (satu deskripsi beku per SKPD-tahun)."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .errors import LkjError, Masalah
from .schema import BENTUK_TRIWULAN, NARASI

RUMUS_NEGATIF = ("2T-R", "T/R")
METODE_EFISIENSI = ("rasio", "selisih", "sisa_anggaran")
TINGKAT_TEMUAN = ("info", "peringatan", "galat")
# berkas tampilan yang disebut lkj.yaml (jalur relatif di folder SKPD-tahun): kunci → (batas bait, jenis sah)
ASET = {"logo": (2 * 1024 * 1024, "PNG/JPEG"), "templat_docx": (10 * 1024 * 1024, "dokumen Word .docx")}
TEMPLAT_TERURAI = 100 * 1024 * 1024  # ukuran terurai isi templat_docx (arsip zip)


@dataclass(frozen=True)
class Kategori:
    batas: float  # batas bawah (≥)
    kinerja: str
    efektivitas: str


SKALA_BAWAAN: tuple[Kategori, ...] = (
    Kategori(91, "Sangat Tinggi", "Sangat Efektif"),
    Kategori(76, "Tinggi", "Efektif"),
    Kategori(66, "Sedang", "Sedang"),
    Kategori(51, "Rendah", "Tidak Efektif"),
    Kategori(float("-inf"), "Sangat Rendah", "Sangat Tidak Efektif"),
)


@dataclass(frozen=True)
class Pengaturan:
    rumus_negatif: str = "2T-R"
    batas_capaian: float | None = None
    metode_efisiensi: str = "rasio"
    penimbang_ikm: tuple[float, ...] = (1 / 9,) * 9
    skala_kategori: tuple[Kategori, ...] = SKALA_BAWAAN
    audit_fatal: tuple[str, ...] = ()
    indeks_merit_pembagi: float = 400.0
    bentuk_triwulan: str = "kumulatif"  # kumulatif | per_triwulan (isian triwulan indikator & anggaran)
    narasi_opsional: tuple[str, ...] = ()  # kunci narasi yang boleh tidak ditulis pada build final


@dataclass(frozen=True)
class Kepala:
    nama: str
    nip: str
    pangkat: str = ""
    jabatan: str = "Kepala"


@dataclass(frozen=True)
class Profil:
    nama_skpd: str
    pemerintah_daerah: str
    tahun: int
    renstra_mulai: int
    renstra_akhir: int
    kepala: Kepala
    tempat: str
    tanggal: dt.date
    singkatan: str = ""
    provinsi: str = ""
    alamat: str = ""
    visi: str = ""
    misi: tuple[str, ...] = ()
    misi_terkait: tuple[int, ...] = ()
    sintetis: bool = False
    skm_sintetis: bool = False
    pengaturan: Pengaturan = field(default_factory=Pengaturan)
    logo: Path | None = None          # PNG/JPEG di sampul HTML, PDF dan DOCX
    templat_docx: Path | None = None  # dokumen acuan Word instansi (gaya, huruf, margin)

    @property
    def judul_skpd(self) -> str:
        """Nama lengkap: '<nama SKPD> <pemerintah daerah>'."""
        return f"{self.nama_skpd} {self.pemerintah_daerah}"


class _AliasDitolak(LkjError, yaml.YAMLError):
    pass


class _PemuatAman(yaml.SafeLoader):
    """SafeLoader tanpa anchor/alias (mencegah 'billion laughs') dan tanpa tanggal implisit
    (tanggal dibaca sebagai teks lalu diperiksa sendiri, sehingga 2023-02-30 menjadi galat berlokasi)."""

    yaml_implicit_resolvers = {
        k: [(tag, rx) for tag, rx in v if tag != "tag:yaml.org,2002:timestamp"]
        for k, v in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }

    def compose_node(self, parent, index):
        ev = self.peek_event()
        if isinstance(ev, yaml.AliasEvent) or getattr(ev, "anchor", None):
            raise _AliasDitolak(f"anchor/alias YAML ('&{ev.anchor}' / '*{ev.anchor}') tidak diizinkan "
                                f"(baris {ev.start_mark.line + 1})")
        return super().compose_node(parent, index)


def muat_yaml(teks: str):
    """``yaml.safe_load`` tanpa anchor/alias dan tanpa tanggal implisit."""
    return yaml.load(teks, Loader=_PemuatAman)  # noqa: S506 - _PemuatAman turunan SafeLoader


_BELUM = re.compile(r"^\s*(<.*>|TODO.*|\.\.\.)\s*$", re.IGNORECASE)


def _penimbang(v, masalah: list[Masalah], berkas: str) -> tuple[float, ...]:
    """Penimbang IKM: aturan sahnya di ``lkj_lib.penimbang`` (satu sumber kebenaran, juga dipakai IKM)."""
    if v is None:
        return (1 / 9,) * 9
    from .penimbang import periksa_penimbang

    try:
        return periksa_penimbang(v)
    except LkjError as e:
        masalah.append(Masalah(
            str(e), berkas=berkas, kolom="pengaturan.penimbang_ikm", nilai=str(v),
            harapan="1/9, 0.11, 0.111, atau daftar 9 bobot tak negatif berjumlah 1",
            saran="tulis mis. 'penimbang_ikm: 1/9'"))
        return (1 / 9,) * 9


def _skala(v, masalah, berkas) -> tuple[Kategori, ...]:
    if v is None:
        return SKALA_BAWAAN
    try:
        out = []
        for item in v:
            out.append(Kategori(float(item["batas"]), str(item["kinerja"]), str(item["efektivitas"])))
        out.sort(key=lambda k: -k.batas)
        if not out:
            raise ValueError
        out[-1] = Kategori(float("-inf"), out[-1].kinerja, out[-1].efektivitas)
        return tuple(out)
    except (TypeError, KeyError, ValueError):
        masalah.append(Masalah(
            "skala_kategori tidak sah", berkas=berkas, kolom="pengaturan.skala_kategori",
            nilai=str(v), harapan="daftar {batas, kinerja, efektivitas}",
            saran="hapus kunci ini untuk memakai skala Permendagri 86/2017"))
        return SKALA_BAWAAN


def baca_pengaturan(d: dict | None, masalah: list[Masalah], berkas: str) -> Pengaturan:
    d = d or {}
    if not isinstance(d, dict):
        masalah.append(Masalah("'pengaturan' harus berupa pemetaan", berkas=berkas, kolom="pengaturan"))
        d = {}
    kw = {}
    rn = str(d.get("rumus_negatif", "2T-R")).upper().replace(" ", "")
    if rn not in RUMUS_NEGATIF:
        masalah.append(Masalah("rumus_negatif tidak dikenal", berkas=berkas,
                               kolom="pengaturan.rumus_negatif", nilai=rn,
                               harapan=" atau ".join(RUMUS_NEGATIF)))
        rn = "2T-R"
    kw["rumus_negatif"] = rn
    bc = d.get("batas_capaian")
    if bc is not None:
        try:
            bc = float(bc)
            if bc <= 0:
                raise ValueError
        except (TypeError, ValueError):
            masalah.append(Masalah("batas_capaian harus bilangan positif atau null", berkas=berkas,
                                   kolom="pengaturan.batas_capaian", nilai=str(bc)))
            bc = None
    kw["batas_capaian"] = bc
    me = str(d.get("metode_efisiensi", "rasio")).lower()
    if me not in METODE_EFISIENSI:
        masalah.append(Masalah("metode_efisiensi tidak dikenal", berkas=berkas,
                               kolom="pengaturan.metode_efisiensi", nilai=me,
                               harapan=", ".join(METODE_EFISIENSI)))
        me = "rasio"
    kw["metode_efisiensi"] = me
    kw["penimbang_ikm"] = _penimbang(d.get("penimbang_ikm"), masalah, berkas)
    kw["skala_kategori"] = _skala(d.get("skala_kategori"), masalah, berkas)
    af = d.get("audit_fatal") or []
    af = tuple(str(x).lower() for x in (af if isinstance(af, list) else [af]))
    for x in af:
        if x not in TINGKAT_TEMUAN:
            masalah.append(Masalah("tingkat temuan tidak dikenal di audit_fatal", berkas=berkas,
                                   kolom="pengaturan.audit_fatal", nilai=x,
                                   harapan=", ".join(TINGKAT_TEMUAN)))
    kw["audit_fatal"] = tuple(x for x in af if x in TINGKAT_TEMUAN)
    bt = str(d.get("bentuk_triwulan", "kumulatif")).lower()
    if bt not in BENTUK_TRIWULAN:
        masalah.append(Masalah("bentuk_triwulan tidak dikenal", berkas=berkas, kolom="pengaturan.bentuk_triwulan",
                               nilai=bt, harapan=" atau ".join(BENTUK_TRIWULAN)))
        bt = "kumulatif"
    kw["bentuk_triwulan"] = bt
    no = d.get("narasi_opsional") or []
    kw["narasi_opsional"] = tuple(str(x).strip().lower() for x in (no if isinstance(no, list) else [no]))
    for x in kw["narasi_opsional"]:
        if x not in NARASI and not x.startswith("iku_"):
            masalah.append(Masalah("kunci narasi tidak dikenal di narasi_opsional", berkas=berkas,
                                   kolom="pengaturan.narasi_opsional", nilai=x, tingkat="peringatan",
                                   harapan=", ".join(NARASI)))
    if d.get("indeks_merit_pembagi") is not None:
        try:
            kw["indeks_merit_pembagi"] = float(d["indeks_merit_pembagi"])
            if not 0 < kw["indeks_merit_pembagi"] < float("inf"):
                raise ValueError
        except (TypeError, ValueError):
            masalah.append(Masalah("indeks_merit_pembagi harus bilangan positif", berkas=berkas,
                                   kolom="pengaturan.indeks_merit_pembagi",
                                   nilai=str(d["indeks_merit_pembagi"]), harapan="mis. 400",
                                   saran="hapus kunci ini untuk memakai 400"))
            kw.pop("indeks_merit_pembagi", None)
    return Pengaturan(**kw)


def _jenis_aset_sah(kunci: str, p: Path) -> bool:
    with p.open("rb") as f:
        awal = f.read(8)
    if kunci == "logo":
        return awal.startswith((b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff"))
    import zipfile

    try:
        with zipfile.ZipFile(p) as z:
            nama = z.namelist()
            terurai = sum(i.file_size for i in z.infolist())  # bom zip: python-docx membuka setiap bagian
            return "word/document.xml" in nama and "word/styles.xml" in nama and terurai <= TEMPLAT_TERURAI
    except (zipfile.BadZipFile, OSError):
        return False


def baca_aset(d: dict, folder: Path, masalah: list[Masalah], berkas: str) -> dict[str, Path | None]:
    """``logo`` dan ``templat_docx``: jalur relatif di dalam folder SKPD-tahun, berkas biasa, ukuran dan
    jenis (dari bait awalnya, bukan akhiran) sah; selain itu galat berlokasi. Kunci kosong → None."""
    out: dict[str, Path | None] = {}
    akar = folder.resolve()
    for kunci, (batas_bait, jenis) in ASET.items():
        out[kunci] = None
        nilai = d.get(kunci)
        if nilai is None or (isinstance(nilai, str) and (not nilai.strip() or _BELUM.match(nilai))):
            continue
        teks = str(nilai).strip()
        contoh = "logo.png" if kunci == "logo" else "kop.docx"
        if ":" in teks or teks.startswith(("/", "\\", "~")):
            masalah.append(Masalah(f"'{kunci}' harus jalur relatif di folder SKPD-tahun", berkas=berkas, kolom=kunci,
                                   nilai=teks[:100], saran=f"salin berkasnya ke folder ini lalu tulis mis. {contoh}"))
            continue
        p = (akar / teks).resolve()
        if akar not in p.parents:
            masalah.append(Masalah(f"'{kunci}' menunjuk ke luar folder SKPD-tahun", berkas=berkas, kolom=kunci,
                                   nilai=teks[:100], saran=f"salin berkasnya ke folder ini lalu tulis mis. {contoh}"))
        elif not p.is_file():
            masalah.append(Masalah(f"berkas '{kunci}' tidak ada", berkas=berkas, kolom=kunci, nilai=teks[:100],
                                   saran=f"periksa nama berkasnya (relatif terhadap folder lkj.yaml)"))
        elif p.stat().st_size > batas_bait:
            masalah.append(Masalah(f"berkas '{kunci}' lebih dari {batas_bait // (1024 * 1024)} MB", berkas=teks,
                                   kolom=kunci, saran="perkecil berkasnya"))
        elif not _jenis_aset_sah(kunci, p):
            masalah.append(Masalah(f"berkas '{kunci}' bukan {jenis}", berkas=teks, kolom=kunci,
                                   harapan=jenis, saran="simpan ulang dengan jenis yang benar"
                                   + (" (Word: Simpan Sebagai → Dokumen Word .docx)" if kunci != "logo" else "")))
        else:
            out[kunci] = p
    return out


def baca_profil(path: Path, tahun_folder: int | None = None) -> tuple[Profil | None, list[Masalah]]:
    """Baca ``lkj.yaml``; kembalikan (profil atau None, daftar masalah)."""
    from . import batas
    from .berkas import baca_teks

    berkas = path.name
    masalah: list[Masalah] = []
    if not path.exists() and not path.is_symlink():
        return None, [Masalah("berkas lkj.yaml tidak ada", berkas=str(path),
                              saran="buat dengan 'lkj template <folder>' lalu isi")]
    teks, m = baca_teks(path, path.parent, batas.BERKAS_YAML, label=berkas, cp1252=False)
    if m is not None:
        return None, [m]
    try:
        d = muat_yaml(teks) or {}
    except _AliasDitolak as e:
        return None, [Masalah(str(e), berkas=berkas, saran="tulis nilainya langsung, tanpa & dan *")]
    except (yaml.YAMLError, ValueError, TypeError, RecursionError) as e:
        return None, [Masalah(f"YAML tidak dapat dibaca: {e}", berkas=berkas,
                              saran="periksa indentasi dan tanda titik dua")]
    if not isinstance(d, dict):
        return None, [Masalah("lkj.yaml harus berupa pemetaan kunci: nilai", berkas=berkas)]

    def ambil(jalur: str, wajib: bool = True, tipe=str):
        cur = d
        for p in jalur.split("."):
            cur = cur.get(p) if isinstance(cur, dict) else None
        if cur is None or (isinstance(cur, str) and (not cur.strip() or _BELUM.match(cur))):
            if wajib:
                masalah.append(Masalah(f"'{jalur}' belum diisi", berkas=berkas, kolom=jalur,
                                       saran=f"isi '{jalur}' di lkj.yaml"))
            return None
        if tipe is int:
            try:
                if isinstance(cur, bool) or not 1900 <= int(cur) <= 2100:
                    raise ValueError
                return int(cur)
            except (TypeError, ValueError, OverflowError):
                masalah.append(Masalah(f"'{jalur}' harus tahun (bilangan bulat 1900-2100)", berkas=berkas,
                                       kolom=jalur, nilai=str(cur)[:100]))
                return None
        if tipe is dt.date:
            if isinstance(cur, dt.date):
                return cur
            try:
                return dt.date.fromisoformat(str(cur))
            except ValueError:
                masalah.append(Masalah(f"'{jalur}' bukan tanggal", berkas=berkas, kolom=jalur,
                                       nilai=str(cur), harapan="YYYY-MM-DD"))
                return None
        return str(cur).strip()

    nama = ambil("skpd.nama")
    pemda = ambil("skpd.pemerintah_daerah")
    tahun = ambil("tahun", tipe=int)
    mulai = ambil("renstra.mulai", tipe=int)
    akhir = ambil("renstra.akhir", tipe=int)
    k_nama = ambil("kepala.nama")
    k_nip = ambil("kepala.nip")
    tempat = ambil("laporan.tempat")
    tanggal = ambil("laporan.tanggal", tipe=dt.date)
    if k_nip and len(re.sub(r"\s", "", k_nip)) != 18:
        masalah.append(Masalah("NIP kepala harus 18 digit", berkas=berkas, kolom="kepala.nip",
                               nilai=k_nip, saran="tulis NIP lengkap, spasi boleh"))
    if tahun and tahun_folder and tahun != tahun_folder:
        masalah.append(Masalah("tahun di lkj.yaml berbeda dengan nama folder", berkas=berkas,
                               kolom="tahun", nilai=str(tahun), harapan=str(tahun_folder)))
    if mulai and akhir and mulai > akhir:
        masalah.append(Masalah("renstra.mulai lebih besar dari renstra.akhir", berkas=berkas,
                               kolom="renstra", nilai=f"{mulai}-{akhir}"))
    if tahun and mulai and akhir and not (mulai <= tahun <= akhir):
        masalah.append(Masalah("tahun laporan di luar periode Renstra", berkas=berkas, kolom="tahun",
                               nilai=str(tahun), harapan=f"{mulai}..{akhir}"))
    pengaturan = baca_pengaturan(d.get("pengaturan"), masalah, berkas)
    aset = baca_aset(d, path.parent, masalah, berkas)
    misi = d.get("misi") or []
    mt = d.get("misi_terkait") or []
    try:
        misi_terkait = tuple(int(x) for x in (mt if isinstance(mt, list) else [mt]))
        if any(isinstance(x, bool) or x < 1 for x in misi_terkait):
            raise ValueError
    except (TypeError, ValueError, OverflowError):
        misi_terkait = ()
        masalah.append(Masalah("misi_terkait harus daftar nomor misi", berkas=berkas, kolom="misi_terkait",
                               nilai=str(mt)[:100], harapan="mis. [1, 5]", saran="tulis nomor misi, bukan teks"))
    if any(m.tingkat == "galat" for m in masalah):
        return None, masalah
    prof = Profil(
        nama_skpd=nama, pemerintah_daerah=pemda, tahun=tahun, renstra_mulai=mulai,
        renstra_akhir=akhir,
        kepala=Kepala(k_nama, k_nip, ambil("kepala.pangkat", False) or "",
                      ambil("kepala.jabatan", False) or "Kepala"),
        tempat=tempat, tanggal=tanggal,
        singkatan=ambil("skpd.singkatan", False) or "",
        provinsi=ambil("skpd.provinsi", False) or "",
        alamat=ambil("skpd.alamat", False) or "",
        visi=ambil("visi", False) or "",
        misi=tuple(str(x) for x in misi) if isinstance(misi, list) else (str(misi),),
        misi_terkait=misi_terkait,
        sintetis=bool(d.get("sintetis", False)),
        skm_sintetis=bool(d.get("skm_sintetis", False)),
        pengaturan=pengaturan,
        logo=aset["logo"], templat_docx=aset["templat_docx"],
    )
    return prof, masalah
