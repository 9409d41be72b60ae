"""Blok laporan → dokumen Word (python-docx).

Susunan section: sampul (tanpa nomor) · bagian depan (Kata Pengantar, Ikhtisar, Daftar Isi/Tabel/Gambar;
nomor romawi, berlanjut dari sampul seperti PDF) · isi (BAB I mulai halaman 1, kepala halaman berjalan) ·
section lanskap untuk tabel lebar (nomor halaman berlanjut). Judul memakai gaya bawaan Heading 1-3,
judul tabel/gambar gaya Caption dengan field SEQ, daftar-daftar berupa field TOC yang sudah terisi.
"""

from __future__ import annotations

import base64
import io

from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.shared import Mm, Pt, RGBColor

from .ooxml import (entri_daftar, field, field_akhir, field_mulai, garis_paragraf, nomor_halaman, penanda_buku,
                    tanda_air)
from .tabel import tulis_tabel

MERAH = RGBColor(0xB0, 0x00, 0x00)
AKSEN = RGBColor(0x1F, 0x4E, 0x79)
TINGGI_GAMBAR_MAKS = Mm(190)


def _teks_judul(b: dict) -> str:
    return f"{b['teks']} {b['subteks']}" if b.get("subteks") else b["teks"]


def _awalan_nomor(nomor: str) -> tuple[str, str]:
    """"3.4" → ("3.", "4"): bagian tetap dan angka urut yang dihitung field SEQ (direset tiap Heading 1)."""
    awal, _, urut = nomor.rpartition(".")
    return (f"{awal}." if awal else ""), urut


def _ident(b: dict) -> str:
    """Jangkar blok, sama dengan id HTML (``bab-3``, ``tabel-3-4``, ``gambar-3-2``)."""
    if b["jenis"] == "tabel" and b.get("nomor"):
        return f"tabel-{b['nomor'].replace('.', '-')}"
    if b["jenis"] == "gambar" and b.get("nomor"):
        return b.get("ident") or f"gambar-{b['nomor'].replace('.', '-')}"
    return b.get("ident", "")


def _judul_tabel_lanskap(berikut) -> bool:
    """Blok berikutnya (melewati subjudul lain) adalah tabel bernomor lanskap."""
    for b in berikut:
        if b["jenis"] == "judul" and int(b.get("tingkat", 1)) > 1:
            continue
        return b["jenis"] == "tabel" and bool(b.get("nomor")) and bool(b.get("lanskap"))
    return False


class PenulisDocx:
    def __init__(self, doc, profil, draf: bool = False, halaman: dict | None = None):
        self.doc = doc
        self.profil = profil
        self.draf = draf
        self.halaman = halaman or {}
        self.lanskap = False
        self.awal_section = True
        self.format_nomor: str | None = None
        self._awal_seq: dict[str, str] = {}
        self._id_gaya: dict[str, str] = {}
        self._tanda: dict[str, str] = {}  # jangkar (ident HTML) → nama bookmark Word
        self._tanda_dipakai: set[str] = set()

    # ------------------------------------------------------------------ ukuran & section
    @property
    def lebar_isi(self) -> int:
        s = self.doc.sections[-1]
        return int(s.page_width - s.left_margin - s.right_margin)

    @property
    def tinggi_isi(self) -> int:
        s = self.doc.sections[-1]
        return int(s.page_height - s.top_margin - s.bottom_margin)

    def _section_baru(self, lanskap: bool | None = None):
        s = self.doc.add_section(WD_SECTION.NEW_PAGE)
        nomor_halaman(s, self.format_nomor, None)  # section lanskap/tegak di tengah isi: nomor berlanjut
        if lanskap is not None and lanskap != self.lanskap:
            s.orientation = WD_ORIENT.LANDSCAPE if lanskap else WD_ORIENT.PORTRAIT
            s.page_width, s.page_height = s.page_height, s.page_width
            self.lanskap = lanskap
        self.awal_section = True
        return s

    def _p(self, teks: str = "", gaya: str | None = None):
        self.awal_section = False
        return self._paragraf_gaya(teks, gaya)

    def _paragraf_gaya(self, teks: str = "", gaya: str | None = None):
        """Paragraf baru bergaya ``gaya`` (nama); id gaya dicari sekali (python-docx memindai semua gaya
        setiap kali nama dipakai)."""
        p = self.doc.add_paragraph()
        if gaya:
            if gaya not in self._id_gaya:
                self._id_gaya[gaya] = self.doc.styles[gaya].style_id
            p._p.style = self._id_gaya[gaya]
        if teks:
            p.add_run(teks)
        return p

    def _tanda_air(self, section) -> None:
        """Draf: tanda air "DRAF" di kepala halaman section ini (sampul dan bagian depan; isi lewat
        kepala halaman berjalannya)."""
        if not self.draf:
            return
        kepala = section.header
        kepala.is_linked_to_previous = False
        tanda_air(kepala.paragraphs[0], "DRAF", len(self.doc.sections))

    def _kaki_nomor(self, section) -> None:
        kaki = section.footer
        kaki.is_linked_to_previous = False
        p = kaki.paragraphs[0]
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        field(p, "PAGE", "1").font.size = Pt(9)

    # ------------------------------------------------------------------ dokumen
    def _siapkan_tanda(self, semua: list[dict]) -> None:
        """Nama bookmark untuk setiap entri daftar (judul tingkat 1-2, tabel/gambar bernomor), sebelum
        apa pun ditulis: Kata Pengantar ditulis sebelum Daftar Isi yang menautnya."""
        for b in semua:
            if b["jenis"] == "judul" and int(b.get("tingkat", 9)) <= 2 or b["jenis"] in ("tabel", "gambar") and \
                    b.get("nomor"):
                ident = _ident(b)
                if ident and ident not in self._tanda:
                    self._tanda[ident] = f"_Toc{len(self._tanda) + 1:06d}"

    def _tandai(self, p, ident: str) -> None:
        nama = self._tanda.get(ident)
        if nama and nama not in self._tanda_dipakai:
            self._tanda_dipakai.add(nama)
            penanda_buku(p, nama, len(self._tanda_dipakai))

    def tulis(self, depan: list[dict], isi: list[dict]) -> None:
        self._siapkan_tanda(depan + isi)
        sampul = next((b for b in depan if b["jenis"] == "sampul"), None)
        self._sampul(sampul)
        nomor_halaman(self.doc.sections[0], None, None)
        self._tanda_air(self.doc.sections[0])
        s = self._section_baru()
        self._tanda_air(s)
        self.format_nomor = "lowerRoman"
        nomor_halaman(s, "lowerRoman", 2)  # sampul = halaman i (tanpa nomor), seperti PDF
        self._kaki_nomor(s)
        for b in depan:
            if b["jenis"] != "sampul":
                self.blok(b)
        self._daftar(depan + isi)
        s = self._section_baru()
        self.format_nomor = "decimal"
        nomor_halaman(s, "decimal", 1)
        kepala = s.header
        kepala.is_linked_to_previous = False
        p = kepala.paragraphs[0]
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        pr = self.profil
        r = p.add_run(f"{pr.singkatan or pr.nama_skpd} {pr.pemerintah_daerah} \u2014 Laporan Kinerja Tahun {pr.tahun}"
                      + (" (DRAF)" if self.draf else ""))
        r.font.size = Pt(7.5)
        r.font.color.rgb = RGBColor(0x55, 0x55, 0x55)
        if self.draf:
            tanda_air(p, "DRAF", 3)
        self._kaki_nomor(s)
        for i, b in enumerate(isi):
            self.blok(b, isi[i + 1:i + 4])

    def blok(self, b: dict, berikut: list[dict] = ()) -> None:
        jenis = b["jenis"]
        if jenis == "tabel" and b.get("nomor"):  # tabel lebar (lanskap di PDF): section lanskap sendiri
            if bool(b.get("lanskap")) != self.lanskap:
                self._section_baru(bool(b.get("lanskap")))
        elif jenis == "judul" and int(b.get("tingkat", 1)) > 1 and _judul_tabel_lanskap(berikut):
            if not self.lanskap:  # subjudul tepat di atas tabel lanskap ikut ke halamannya (tidak yatim)
                self._section_baru(True)
        elif self.lanskap:
            self._section_baru(False)
        getattr(self, f"_{jenis}", self._abaikan)(b)

    def _abaikan(self, b: dict) -> None:  # jenis blok dari lkj yang lebih baru: tidak dirender
        pass

    # ------------------------------------------------------------------ jenis blok
    def _judul(self, b: dict) -> None:
        t = min(max(int(b.get("tingkat", 2)), 1), 3)
        p = self._paragraf_gaya(gaya=f"Heading {t}")
        if t == 1 and not self.awal_section:
            p.paragraph_format.page_break_before = True
        self.awal_section = False
        p.add_run(b["teks"])
        if b.get("subteks"):
            p.add_run().add_break(WD_BREAK.LINE)
            p.add_run(b["subteks"])
        self._tandai(p, b.get("ident", ""))

    def _paragraf(self, b: dict) -> None:
        gaya = b.get("gaya", "")
        p = self._p()
        pf = p.paragraph_format
        for r in b.get("runs", []):
            run = p.add_run(r["teks"])
            run.bold = r.get("tebal") or (gaya == "judul-narasi") or None
            run.italic = r.get("miring") or (gaya in ("penanda-draf", "kutipan")) or None
            if r.get("sup"):
                run.font.superscript = True
            if r.get("kode") or gaya == "kode":
                run.font.name = "Courier New"
                run.font.size = Pt(9)
            if gaya == "penanda-draf":
                run.font.color.rgb = MERAH
            elif gaya == "sintetis":
                run.font.size = Pt(9)
                run.font.color.rgb = RGBColor(0x8A, 0x5A, 0x00)
        if gaya == "penanda-draf":
            garis_paragraf(p, "B00000")
        elif gaya == "sintetis":
            garis_paragraf(p, "D9A400")
        elif gaya == "judul-narasi":
            pf.keep_with_next = True
        elif gaya == "kutipan":
            pf.left_indent = Mm(10)
        elif gaya == "butir":
            tingkat = int(b.get("tingkat", 1))
            pf.left_indent = Mm(6 * tingkat + 5)
            pf.first_line_indent = Mm(-5)
            pf.space_after = Pt(2)
            penanda = b.get("penanda", "")
            if penanda:
                p.runs[0].text = f"{penanda}\t{p.runs[0].text}" if p.runs else penanda
                pf.tab_stops.add_tab_stop(Mm(6 * tingkat + 5))

    def _keterangan(self, jenis: str, nomor: str, judul: str, ident: str = ""):
        """Judul tabel/gambar: gaya Caption, "Tabel 3." + SEQ Tabel (direset tiap Heading 1) + judul."""
        p = self._p(gaya="Caption")
        awal, urut = _awalan_nomor(nomor)
        p.add_run(f"{jenis} {awal}")
        # \s 1: Word mengulang dari 1 di setiap Heading 1; LibreOffice mengabaikan \s, jadi judul pertama
        # setiap BAB juga memakai \r (mulai ulang) agar nomornya sama di kedua pengolah kata
        mulai = f" \\r {urut}" if self._awal_seq.get(jenis) != awal else ""
        self._awal_seq[jenis] = awal
        field(p, f"SEQ {jenis} \\* ARABIC{mulai} \\s 1", urut)
        p.add_run(f" {judul}")
        self._tandai(p, ident)
        return p

    def _tabel(self, b: dict) -> None:
        if b.get("nomor"):
            self._keterangan("Tabel", b["nomor"], b["judul"], _ident(b)).paragraph_format.keep_with_next = True
        self.awal_section = False
        tulis_tabel(self.doc, b, self.lebar_isi, self.lanskap)
        self._p().paragraph_format.space_after = Pt(4)  # jarak sesudah tabel (juga pemisah dua tabel berurutan)

    def _gambar(self, b: dict) -> None:
        try:
            data = base64.b64decode(b["data"])
        except (ValueError, KeyError):
            return
        from docx.image.exceptions import InvalidImageStreamError, UnexpectedEndOfFileError, UnrecognizedImageError

        p = self._p()
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        p.paragraph_format.keep_with_next = bool(b.get("nomor"))
        try:
            gbr = p.add_run().add_picture(io.BytesIO(data))
        except (InvalidImageStreamError, UnexpectedEndOfFileError, UnrecognizedImageError, ValueError):
            p.add_run(f"[gambar tidak dapat dimuat: {b.get('judul', '')}]").italic = True  # berkas rusak
            gbr = None
        if gbr is not None and gbr.width and gbr.height:
            skala = min(1.0, self.lebar_isi / gbr.width, TINGGI_GAMBAR_MAKS / gbr.height)
            if skala < 1:
                gbr.width, gbr.height = int(gbr.width * skala), int(gbr.height * skala)
            gbr._inline.docPr.set("descr", b.get("judul", ""))  # teks alternatif, seperti alt di HTML
        if b.get("nomor"):
            self._keterangan("Gambar", b["nomor"], b["judul"], _ident(b))

    def _ttd(self, b: dict) -> None:
        kiri = Mm(int(self.lebar_isi / 36000 * 0.55))
        baris = [*b.get("atas", []), None, b.get("nama", ""), *b.get("bawah", [])]
        for i, teks in enumerate(baris):
            p = self._p()
            pf = p.paragraph_format
            pf.left_indent = kiri
            pf.space_after = Pt(0)
            pf.keep_with_next = i < len(baris) - 1
            p.alignment = WD_ALIGN_PARAGRAPH.LEFT
            if i == 0:
                pf.space_before = Pt(24)
            if teks is None:
                pf.space_before = Mm(18)  # ruang tanda tangan
                continue
            r = p.add_run(teks)
            if teks == b.get("nama"):
                r.bold = r.underline = True

    def _sampul(self, b: dict | None) -> None:
        if b is None:
            return
        def baris(teks, ukuran, tebal=True, warna=None, sebelum=0, sesudah=6):
            p = self._p()
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            p.paragraph_format.space_before, p.paragraph_format.space_after = Mm(sebelum), Pt(sesudah)
            r = p.add_run(teks)
            r.font.size, r.bold = Pt(ukuran), tebal
            if warna is not None:
                r.font.color.rgb = warna
            return p

        if b.get("draf"):
            baris("DRAF", 20, warna=MERAH)
        atas = 70
        if b.get("logo"):
            p = baris("", 10, sebelum=25)
            p.add_run().add_picture(io.BytesIO(base64.b64decode(b["logo"]["data"])), height=Mm(35))
            atas = 15
        baris(b.get("jenis_laporan", "LAPORAN KINERJA"), 26, warna=AKSEN, sebelum=atas)
        baris(b.get("tahun", ""), 18, sesudah=int(30 / 0.3528))
        baris(b.get("skpd", ""), 15)
        baris(b.get("pemda", ""), 14)
        if b.get("alamat"):
            baris(b["alamat"], 9, tebal=False, sebelum=40)
        if b.get("sintetis"):
            self._paragraf({"runs": [{"teks": b["sintetis"]}], "gaya": "sintetis"})

    # ------------------------------------------------------------------ daftar isi/tabel/gambar
    def _daftar(self, semua: list[dict]) -> None:
        isi = [(f"TOC {b['tingkat']}", _teks_judul(b), b.get("ident", "")) for b in semua
               if b["jenis"] == "judul" and int(b.get("tingkat", 9)) <= 2]
        tabel = [("Table of Figures", f"Tabel {b['nomor']} {b['judul']}", _ident(b))
                 for b in semua if b["jenis"] == "tabel" and b.get("nomor")]
        gambar = [("Table of Figures", f"Gambar {b['nomor']} {b['judul']}", _ident(b))
                  for b in semua if b["jenis"] == "gambar" and b.get("nomor")]
        for judul, instruksi, entri, wajib in (("DAFTAR ISI", 'TOC \\o "1-2" \\h \\z \\u', isi, True),
                                              ("DAFTAR TABEL", 'TOC \\h \\z \\c "Tabel"', tabel, False),
                                              ("DAFTAR GAMBAR", 'TOC \\h \\z \\c "Gambar"', gambar, False)):
            if not entri and not wajib:
                continue
            p = self._p(judul, gaya="TOC Heading")
            p.paragraph_format.page_break_before = True
            if not entri:
                field(self._p(), instruksi, "(perbarui field untuk mengisi daftar ini)", kotor=True)
                continue
            for i, (gaya, teks, ident) in enumerate(entri):
                p = self._p(gaya=gaya)
                if i == 0:
                    field_mulai(p, instruksi)
                entri_daftar(p, teks, self._tanda.get(ident), self.halaman.get(ident, ""))
                if i == len(entri) - 1:
                    field_akhir(p)
