"""Kertas kerja reviu LKj oleh APIP, terisi awal dari apa yang diketahui lkj.

Reviu atas laporan kinerja (PermenPAN-RB 53/2014, Lampiran III; format laporan: Lampiran II)
memeriksa kelengkapan format, isi analisis BAB III, dan keandalan serta konsistensi angka.
Setiap butir diberi status awal — ``terpenuhi``, ``tidak`` atau ``perlu diperiksa`` — beserta
buktinya (nomor tabel, bagian laporan, id temuan audit), sehingga pereviu menyunting draf alih-alih
mulai dari nol. Status hanyalah usulan: kolom "Simpulan pereviu" diisi pereviu.

Keluaran: ``reviu-<slug>-<tahun>.xlsx`` (penulis xlsx aman dari injeksi rumus, :mod:`lkj_lib.ekspor`)
dan ``reviu.html``. Daftar butir dan acuannya: ``docs/audit.md`` bagian "Untuk auditor".
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html import unescape
from pathlib import Path

from ..ekspor import isi_sel
from .halaman_audit import _env, kelompokkan

STATUS = ("terpenuhi", "tidak", "perlu diperiksa")
ACUAN_FORMAT = "PermenPAN-RB 53/2014 Lamp. II"
ACUAN_REVIU = "PermenPAN-RB 53/2014 Lamp. III"
MAKS_ID = 10  # id temuan yang disebut per butir; sisanya diringkas "dan n lainnya"

_RE_TABEL = re.compile(r'data-tabel="([^"]+)"><p class="judul-tabel" id="(tabel-([0-9A-Za-z]+)-\d+)">(.*?)</p>', re.S)
_RE_KE_SEL = re.compile(r'\s*<a class="ke-sel"[^>]*>.*?</a>', re.S)
_RE_JUDUL = re.compile(r'<h[1-3][^>]* id="([^"]+)">(.*?)</h[1-3]>', re.S)


@dataclass
class Bukti:
    teks: str
    href: str = ""  # relatif terhadap folder laporan (mis. LKj-x.html#tabel-3-2, audit.html#temuan-T3)


@dataclass
class Butir:
    nomor: str
    kelompok: str
    uraian: str
    acuan: str
    status: str
    bukti: list[Bukti] = field(default_factory=list)
    temuan: list[str] = field(default_factory=list)
    keterangan: str = ""

    def teks_bukti(self) -> str:
        return "; ".join(b.teks for b in self.bukti)


@dataclass
class Isi:
    """Apa yang tampak di laporan yang baru dirakit: tabel, judul bagian, narasi analis, temuan."""

    laporan_html: str
    tabel: list[tuple[str, str, str, str]]  # (id data, id html, bab, judul)
    judul: dict[str, str]                   # id html → teks judul
    narasi: set[str]                        # kunci narasi/*.md yang ditulis analis
    temuan: list[dict]                      # daftar_temuan (id, akar, ...)
    konsistensi: object = None              # HasilKonsistensi build ini (lkj_lib.audit.konsistensi), bila ada

    def cari_tabel(self, *awalan: str, bab: str | None = None) -> list[Bukti]:
        out = []
        for ident, html_id, b, judul in self.tabel:
            if any(ident == a or ident.startswith(a + "_") for a in awalan) and (bab is None or b == bab):
                out.append(Bukti(judul, f"{self.laporan_html}#{html_id}"))
        return out

    def bagian(self, ident: str) -> list[Bukti]:
        return [Bukti(self.judul[ident], f"{self.laporan_html}#{ident}")] if ident in self.judul else []

    def bagian_berawalan(self, awalan: str) -> list[Bukti]:
        return [Bukti(t, f"{self.laporan_html}#{i}") for i, t in self.judul.items() if i.startswith(awalan)]


def _polos(html: str) -> str:
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", html))).strip()


def isi_laporan(html: str, laporan_html: str, narasi: dict[str, str], temuan: list[dict]) -> Isi:
    html = _RE_KE_SEL.sub("", html)  # tautan "[sel notebook]" HTML layar bukan bagian judul
    tabel = [(i, h, b, _polos(j)) for i, h, b, j in _RE_TABEL.findall(html)]
    judul = {i: _polos(t) for i, t in _RE_JUDUL.findall(html)}
    ditulis = {k for k, v in (narasi or {}).items() if v and v.strip()}
    return Isi(laporan_html, tabel, judul, ditulis, temuan)


# ---------------------------------------------------------------- butir dari tabel/bagian/narasi
def _ada(nomor, kelompok, uraian, acuan, bukti: list[Bukti], kurang: str) -> Butir:
    if bukti:
        return Butir(nomor, kelompok, uraian, acuan, "terpenuhi", bukti)
    return Butir(nomor, kelompok, uraian, acuan, "tidak", [], keterangan=kurang)


def _narasi(nomor, kelompok, uraian, acuan, isi: Isi, kunci: list[str], bukti: list[Bukti],
            cadangan: str = "") -> Butir:
    ada = [k for k in kunci if k in isi.narasi]
    kurang = [k for k in kunci if k not in isi.narasi]
    tulis = [Bukti(f"narasi/{k}.md (ditulis analis)") for k in ada]
    if not kurang:
        return Butir(nomor, kelompok, uraian, acuan, "terpenuhi", bukti + tulis)
    ket = "belum ditulis analis: " + ", ".join(f"narasi/{k}.md" for k in kurang)
    if cadangan:
        ket += f"; {cadangan}"
    status = "perlu diperiksa" if ada or cadangan else "tidak"
    return Butir(nomor, kelompok, uraian, acuan, status, bukti + tulis, keterangan=ket)


def _butir_format(isi: Isi) -> list[Butir]:
    A = "A. Format dan kelengkapan"
    iku = sorted(k for k in isi.narasi if k.startswith("iku_"))
    return [
        _ada("A.1", A, "Ikhtisar Eksekutif ada dan merangkum sasaran, capaian utama, serta kendala dan upaya.",
             ACUAN_FORMAT, isi.bagian("ikhtisar-eksekutif"), "bagian Ikhtisar Eksekutif tidak ditemukan di laporan"),
        _narasi("A.2", A, "BAB I memuat latar belakang, tugas, fungsi dan struktur organisasi, serta isu strategis.",
                ACUAN_FORMAT, isi, ["latar_belakang", "tugas_fungsi", "isu_strategis"], isi.bagian("bab-1")),
        _ada("A.3", A, "BAB II menyajikan rencana strategis (tujuan, sasaran, IKU) dan Perjanjian Kinerja tahun "
             "berjalan.", ACUAN_FORMAT,
             isi.cari_tabel("tujuan", "sasaran_iku", bab="2") + isi.cari_tabel("perjanjian_kinerja", bab="2"),
             "tabel Renstra/Perjanjian Kinerja tidak ada di BAB II"),
        _ada("A.4", A, "BAB III menyajikan capaian kinerja organisasi per sasaran/indikator.", ACUAN_FORMAT,
             isi.cari_tabel("capaian_sasaran", "capaian_iku"), "tabel capaian IKU tidak ada"),
        _ada("A.5", A, "BAB III menyajikan realisasi anggaran yang dipakai untuk mewujudkan kinerja.", ACUAN_FORMAT,
             isi.cari_tabel("anggaran", "anggaran_sasaran"), "tabel realisasi anggaran tidak ada"),
        _narasi("A.6", A, "BAB IV Penutup memuat simpulan umum dan langkah perbaikan ke depan.", ACUAN_FORMAT, isi,
                ["simpulan", "saran"], isi.bagian("bab-4"),
                cadangan="laporan memakai teks yang dibangkitkan otomatis: baca dan nilai kecukupannya"),
        _ada("A.7", A, "Lampiran memuat Perjanjian Kinerja.", ACUAN_FORMAT,
             isi.cari_tabel("perjanjian_kinerja", bab="L"), "Perjanjian Kinerja tidak dilampirkan"),
    ], iku


def _butir_analisis(isi: Isi, iku_ditulis: list[str]) -> list[Butir]:
    B = "B. Analisis capaian kinerja (BAB III)"
    pembanding = isi.cari_tabel("pembanding")
    b4 = (Butir("B.4", B, "Realisasi dibandingkan dengan standar nasional atau capaian instansi/daerah lain "
                "(bila standar tersedia).", ACUAN_FORMAT, "terpenuhi", pembanding) if pembanding else
          Butir("B.4", B, "Realisasi dibandingkan dengan standar nasional atau capaian instansi/daerah lain "
                "(bila standar tersedia).", ACUAN_FORMAT, "perlu diperiksa", [],
                keterangan="lembar pembanding kosong: pastikan memang tidak ada standar nasional untuk IKU ini"))
    sebab = _narasi("B.5", B, "Analisis penyebab keberhasilan/kegagalan atau peningkatan/penurunan kinerja, "
                    "beserta alternatif solusinya.", ACUAN_FORMAT, isi, ["analisis_capaian", "sebab_dan_solusi"],
                    isi.bagian("b3-analisis-keberhasilan-kegagalan-dan-solusi"))
    sebab.bukti += [Bukti(f"narasi/{k}.md (analisis per IKU)") for k in iku_ditulis]
    kosong = [t["id"] for t in isi.temuan if t.get("aturan") == "narasi_kosong" and not t["akar"]]
    if kosong:
        sebab.temuan = kosong
        sebab.status = "perlu diperiksa" if sebab.status == "terpenuhi" else sebab.status
    return [
        _ada("B.1", B, "Realisasi tahun ini dibandingkan dengan target tahun ini.", ACUAN_FORMAT,
             isi.cari_tabel("capaian_sasaran", "capaian_iku"), "tabel target–realisasi tidak ada"),
        _ada("B.2", B, "Realisasi tahun ini dibandingkan dengan tahun lalu dan beberapa tahun terakhir.",
             ACUAN_FORMAT, isi.cari_tabel("perbandingan_tahun", "riwayat"),
             "tidak ada data realisasi tahun sebelumnya (lembar riwayat)"),
        _ada("B.3", B, "Realisasi sampai tahun ini dibandingkan dengan target akhir periode Renstra.", ACUAN_FORMAT,
             isi.cari_tabel("vs_renstra"), "target akhir Renstra tidak tersedia"),
        b4, sebab,
        _ada("B.6", B, "Analisis efisiensi penggunaan sumber daya (capaian dibandingkan serapan anggaran).",
             ACUAN_FORMAT, isi.cari_tabel("efisiensi_iku", "efisiensi_renja"), "tabel efisiensi tidak ada"),
        _ada("B.7", B, "Analisis program/kegiatan yang menunjang keberhasilan atau kegagalan pencapaian.",
             ACUAN_FORMAT, isi.cari_tabel("capaian_renja", "efisiensi_renja")
             + isi.bagian("b3-program-dan-kegiatan-pendukung"), "capaian program/kegiatan tidak disajikan"),
        _narasi("B.8", B, "Realisasi anggaran dianalisis (serapan, sisa, penyebab tidak terserap).", ACUAN_FORMAT,
                isi, ["realisasi_anggaran"], isi.cari_tabel("anggaran_sasaran")),
    ]


# ---------------------------------------------------------------- butir dari temuan audit
_ANGGARAN = {"pagu", "pagu_murni", "realisasi_anggaran", "sisa_anggaran", "serapan", "kategori_serapan"}
_INSTRUMEN = {"realisasi_instrumen", "kategori_pembanding", "skm_rekap", "skm_tidak_sah", "ip_asn_total"}


def _golongan(t: dict) -> str:
    aturan, besaran = t.get("aturan", ""), t.get("besaran", "")
    if aturan == "konsistensi":  # satu besaran, dua nilai tercetak: butir C.2
        return "konsistensi"
    if aturan in ("tak_teraudit", "tak_terbaca"):
        return "tak_teraudit"
    if aturan == "narasi_kosong":
        return "narasi_kosong"
    if aturan in ("capaian_tak_wajar", "realisasi_tak_wajar"):
        return "kewajaran"
    if aturan.startswith("triwulan"):
        return "triwulan"
    if aturan.startswith("narasi_"):
        return "narasi"
    if aturan in _INSTRUMEN or t.get("objek") == "instrumen":
        return "instrumen"
    if besaran.startswith("target"):
        return "target"
    if aturan == "jumlah_induk" or besaran in _ANGGARAN:
        return "anggaran"
    return "kinerja"


def _dari_temuan(nomor, uraian, golongan: str, isi: Isi, kosong_berarti: str = "terpenuhi") -> Butir:
    C = "C. Keandalan dan konsistensi angka"
    akar = [k["akar"] for k in kelompokkan(isi.temuan) if _golongan(k["akar"]) == golongan]
    turunan = sum(len(k["turunan"]) for k in kelompokkan(isi.temuan) if _golongan(k["akar"]) == golongan)
    b = Butir(nomor, C, uraian, ACUAN_REVIU, kosong_berarti)
    if not akar:
        b.keterangan = "audit lkj tidak menemukan ketidaksesuaian untuk butir ini"
        return b
    n = {t: sum(1 for x in akar if x["tingkat"] == t) for t in ("galat", "peringatan")}
    b.status = "tidak" if n["galat"] else ("perlu diperiksa" if n["peringatan"] or golongan == "tak_teraudit"
                                           else "terpenuhi")
    b.temuan = [t["id"] for t in akar]
    lokasi = list(dict.fromkeys(t["lokasi"] for t in akar if t.get("lokasi")))
    b.bukti = [Bukti(f"{len(akar)} temuan akar ({n['galat']} galat, {n['peringatan']} peringatan)"
                     + (f", {turunan} turunan" if turunan else ""), "audit.html")]
    if lokasi:
        b.bukti.append(Bukti("lokasi tercetak: " + ", ".join(lokasi[:6]) + (" …" if len(lokasi) > 6 else "")))
    return b


def _butir_satu_nilai(isi: Isi) -> Butir:
    """C.2: target yang dikutip (temuan audit) dan pemeriksaan satu nilai per besaran atas tabel tercetak
    (:mod:`lkj_lib.audit.konsistensi`): ``tidak`` bila ada besaran bernilai ganda, dengan id temuannya."""
    b = _dari_temuan("C.2", "Target yang dikutip konsisten antara Perjanjian Kinerja, tabel dan narasi; setiap "
                     "besaran tercetak bernilai sama di semua tabel.", "target", isi)
    beda = [k["akar"] for k in kelompokkan(isi.temuan) if _golongan(k["akar"]) == "konsistensi"]
    if beda:
        b.temuan = [t["id"] for t in beda] + b.temuan
        b.status = "tidak" if any(t["tingkat"] == "galat" for t in beda) or b.status == "tidak" else "perlu diperiksa"
        b.bukti.insert(0, Bukti(f"{len(beda)} besaran tercetak dengan dua nilai berbeda di "
                                + ", ".join(dict.fromkeys(t["lokasi"] for t in beda)), "audit.html"))
    elif isi.konsistensi is not None:
        b.bukti.insert(0, Bukti(f"pemeriksaan satu nilai per besaran: {isi.konsistensi.ringkas()}"))
    return b


def _butir_konsistensi(isi: Isi, n_data: int, n_notebook: int) -> list[Butir]:
    C = "C. Keandalan dan konsistensi angka"
    jejak = Butir("C.9", C, "Setiap angka laporan dapat ditelusuri ke data dukung dan cara hitungnya.", ACUAN_REVIU,
                  "terpenuhi", [Bukti(f"{n_notebook} notebook tereksekusi (notebooks/*.html)", "notebooks/"),
                                Bukti(f"{n_data} tabel data (data/*.csv, kolom baris_masukan)", "data/"),
                                Bukti("manifest.json: SHA-256 masukan dan keluaran", "manifest.json")])
    pk = Butir("C.10", C, "IKU dan target di laporan sama dengan Perjanjian Kinerja yang ditandatangani.",
               ACUAN_REVIU, "perlu diperiksa", isi.cari_tabel("perjanjian_kinerja"),
               keterangan="lkj menyusun PK dan tabel capaian dari lembar iku yang sama; cocokkan dengan dokumen "
                          "PK bertanda tangan")
    return [
        _dari_temuan("C.1", "Angka kinerja tercetak (realisasi, capaian, kategori, efisiensi) sama dengan hasil "
                     "hitung ulang dari data dukung.", "kinerja", isi),
        _butir_satu_nilai(isi),
        _dari_temuan("C.3", "Angka anggaran konsisten: jumlah induk = jumlah rinciannya, serapan dan sisa benar.",
                     "anggaran", isi),
        _dari_temuan("C.4", "Angka dalam narasi (rupiah dan persentase) sama dengan tabel.", "narasi", isi),
        _dari_temuan("C.5", "Data triwulan konsisten dengan data tahunan.", "triwulan", isi),
        _dari_temuan("C.6", "Realisasi dari instrumen (IKM, Sistem Merit, NSPK, IP ASN) sesuai data dukungnya.",
                     "instrumen", isi),
        _dari_temuan("C.7", "Capaian dan realisasi wajar (tidak ada capaian ekstrem tanpa penjelasan).", "kewajaran",
                     isi),
        _dari_temuan("C.8", "Angka tercetak yang tidak dapat diuji otomatis sudah diperiksa manual.", "tak_teraudit",
                     isi),
        jejak, pk,
    ]


def _butir_penyelesaian() -> list[Butir]:
    D = "D. Penyelesaian reviu"
    return [
        Butir("D.1", D, "Catatan hasil reviu dibahas dengan penyusun dan koreksinya dimuat sebelum LKj "
              "ditandatangani.", ACUAN_REVIU, "perlu diperiksa", keterangan="diisi pereviu"),
        Butir("D.2", D, "Pernyataan Telah Direviu ditandatangani dan dilampirkan pada LKj.", ACUAN_REVIU,
              "perlu diperiksa", keterangan="diisi pereviu"),
    ]


def susun_butir(isi: Isi, n_data: int = 0, n_notebook: int = 0) -> list[Butir]:
    """Semua butir kertas kerja reviu, terisi awal dari laporan dan temuan audit."""
    fmt_, iku = _butir_format(isi)
    return fmt_ + _butir_analisis(isi, iku) + _butir_konsistensi(isi, n_data, n_notebook) + _butir_penyelesaian()


def _teks_temuan(b: Butir) -> str:
    if len(b.temuan) <= MAKS_ID:
        return ", ".join(b.temuan)
    return ", ".join(b.temuan[:MAKS_ID]) + f" dan {len(b.temuan) - MAKS_ID} lainnya"


# ---------------------------------------------------------------- keluaran
KOLOM_XLSX = ["No", "Kelompok", "Butir reviu", "Acuan", "Status usulan lkj", "Bukti", "Id temuan audit",
              "Keterangan lkj", "Simpulan pereviu", "Catatan pereviu"]
LEBAR = [6, 24, 60, 26, 16, 60, 28, 40, 18, 40]


def tulis_xlsx(path: Path, butir: list[Butir], profil, laporan_html: str) -> Path:
    """Buku kerja kertas kerja reviu: lembar "Kertas Kerja Reviu" (butir) dan "Petunjuk"."""
    import openpyxl
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.worksheet.datavalidation import DataValidation

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Kertas Kerja Reviu"
    kepala = [("Kertas kerja reviu Laporan Kinerja (draf terisi awal oleh lkj)", ""),
              ("Perangkat daerah", profil.judul_skpd), ("Tahun", profil.tahun), ("Laporan", laporan_html),
              ("Petunjuk", "Status dan bukti adalah usulan lkj; pereviu mengisi kolom Simpulan pereviu "
                           "(terpenuhi / tidak / perlu diperiksa) dan Catatan pereviu.")]
    for i, (k, v) in enumerate(kepala, start=1):
        isi_sel(ws, i, 1, k).font = Font(bold=True)
        isi_sel(ws, i, 3, v)
    awal = len(kepala) + 2
    for j, k in enumerate(KOLOM_XLSX, start=1):
        c = isi_sel(ws, awal, j, k)
        c.font = Font(bold=True)
        c.fill = PatternFill("solid", fgColor="E8EEF5")
        ws.column_dimensions[openpyxl.utils.get_column_letter(j)].width = LEBAR[j - 1]
    for i, b in enumerate(butir, start=awal + 1):
        for j, v in enumerate([b.nomor, b.kelompok, b.uraian, b.acuan, b.status, b.teks_bukti(), ", ".join(b.temuan),
                               b.keterangan, "", ""], start=1):
            isi_sel(ws, i, j, v).alignment = Alignment(wrap_text=True, vertical="top")
    dv = DataValidation(type="list", formula1='"terpenuhi,tidak,perlu diperiksa"', allow_blank=True)
    dv.add(f"I{awal + 1}:I{awal + len(butir)}")
    ws.add_data_validation(dv)
    ws.freeze_panes = ws.cell(row=awal + 1, column=1)
    _simpan_tetap(wb, Path(path), getattr(profil, "tanggal", None))
    return Path(path)


def _simpan_tetap(wb, path: Path, tanggal) -> None:
    """Simpan buku kerja secara deterministik (masukan sama → bait sama, seperti berkas build lain):
    waktu dibuat/diubah = tanggal laporan (atau 2000-01-01), cap waktu entri zip tetap."""
    import datetime as dt
    import io
    import zipfile

    waktu = (dt.datetime.combine(tanggal, dt.time()) if isinstance(tanggal, dt.date)
             and not isinstance(tanggal, dt.datetime) else tanggal if isinstance(tanggal, dt.datetime)
             else dt.datetime(2000, 1, 1))
    wb.properties.created = waktu
    buf = io.BytesIO()
    wb.save(buf)  # openpyxl selalu mengisi 'modified' dengan waktu kini: diganti di bawah
    teks_waktu = waktu.strftime("%Y-%m-%dT%H:%M:%SZ")
    with zipfile.ZipFile(io.BytesIO(buf.getvalue())) as zin, \
            zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            if info.filename == "docProps/core.xml":
                data = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)",
                              rb"\g<1>" + teks_waktu.encode() + rb"\g<2>", data)
            zi = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            zi.compress_type = zipfile.ZIP_DEFLATED
            zout.writestr(zi, data)


def render_html(butir: list[Butir], profil, laporan_html: str, xlsx: str) -> str:
    return _env().get_template("reviu.html.j2").render(butir=butir, profil=profil, laporan_html=laporan_html,
                                                       xlsx=xlsx, teks_temuan=_teks_temuan, maks=MAKS_ID)


def tulis_reviu(folder: Path, html_laporan: str, laporan_html: str, data, temuan: list[dict],
                n_notebook: int, xlsx_nama: str, konsistensi=None) -> tuple[Path, Path]:
    """Tulis ``xlsx_nama`` (``reviu-<slug>-<tahun>.xlsx``) dan ``reviu.html`` di ``folder``."""
    isi = isi_laporan(html_laporan, laporan_html, data.narasi, temuan)
    isi.konsistensi = konsistensi
    n_data = len(list((folder / "data").glob("*.csv"))) if (folder / "data").is_dir() else 0
    butir = susun_butir(isi, n_data, n_notebook)
    profil = data.profil
    xlsx = folder / xlsx_nama
    tulis_xlsx(xlsx, butir, profil, laporan_html)
    html = folder / "reviu.html"
    html.write_text(render_html(butir, profil, laporan_html, xlsx.name), encoding="utf-8")
    return xlsx, html


def nama_xlsx(slug: str, tahun, draf: bool = False) -> str:
    return f"reviu-{slug}-{tahun}" + ("-DRAF" if draf else "") + ".xlsx"


__all__ = ["Butir", "Bukti", "Isi", "STATUS", "isi_laporan", "susun_butir", "tulis_reviu", "tulis_xlsx",
           "render_html", "nama_xlsx"]
