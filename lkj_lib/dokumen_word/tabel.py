"""Blok ``tabel`` → tabel Word: judul kolom berkelompok (sel bergabung) yang diulang di setiap halaman,
baris tidak terpotong antarhalaman, angka rata kanan, penanda catatan kaki sebagai superskrip."""

from __future__ import annotations

from copy import deepcopy

from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Emu, Pt

from .ooxml import arsir, baris_judul, baris_utuh, garis_tabel

RATA = {"kiri": "left", "kanan": "right", "tengah": "center"}  # w:jc
LATAR_KEPALA = "E8EEF5"  # sama dengan --latar-kepala di laporan.css
LATAR_JUMLAH = "F3F3F3"
LATAR_SENDIRI = "FFF5D6"
TEBAL = {"lv0", "jumlah", "ringkasan"}
INDEN = {"lv1": Pt(10), "lv2": Pt(18)}  # kolom kedua, seperti tr.lv1/lv2 td:nth-child(2)


def _pt_teks(n: int, ukuran: float, tebal: bool = False) -> float:
    """Perkiraan lebar ``n`` karakter (pt) huruf sans ``ukuran`` pt."""
    return n * ukuran * (0.68 if tebal else 0.62)  # DejaVu/Liberation Sans: ±0,55-0,65 em per karakter


def lebar_kolom(blok: dict, lebar_isi: int, ukuran: float = 8) -> list[int]:
    """Lebar setiap kolom (EMU), meniru tata letak otomatis tabel HTML: setiap kolom minimal selebar kata
    terpanjangnya (kolom rata kanan: selebar isi terpanjangnya, angka tidak dipatah), sisa lebar dibagi
    menurut panjang isi (dibatasi 40 karakter); ``lebar`` "NN%" dari spesifikasi tabel dipakai apa adanya."""
    kolom, emu_pt, pad = blok["kolom"], 12700, 11.0
    tetap, minimum, bobot = {}, [], []
    for i, k in enumerate(kolom):
        if str(k.get("lebar", "")).endswith("%"):
            try:
                tetap[i] = float(k["lebar"][:-1]) / 100 * lebar_isi
            except ValueError:
                pass
        isi = [b["sel"][i]["teks"] + b["sel"][i].get("sup", "") for b in blok["baris"] if i < len(b["sel"])]
        kata_judul = max((len(w) for w in str(k.get("judul", "")).split()), default=0)
        if k.get("rata") == "kanan":
            kata_isi = max((len(t) for t in isi), default=0)
        else:
            kata_isi = max((len(w) for t in isi for w in t.split()), default=0)
        minimum.append((max(_pt_teks(kata_judul, ukuran, True), _pt_teks(kata_isi, ukuran)) + pad) * emu_pt)
        panjang = min(40, max((len(t) for t in isi), default=0))
        bobot.append(panjang * (0.3 if k.get("rata") == "kanan" else 1.0))
    bebas = [i for i in range(len(kolom)) if i not in tetap]
    sisa = lebar_isi - sum(tetap.values())
    dasar = sum(minimum[i] for i in bebas)
    if dasar >= sisa:  # tidak muat: perkecil seimbang
        skala = sisa / dasar if dasar else 0
        lebar = {i: minimum[i] * skala for i in bebas}
    else:
        total = sum(bobot[i] for i in bebas) or 1
        lebar = {i: minimum[i] + (sisa - dasar) * bobot[i] / total for i in bebas}
    lebar.update(tetap)
    return [int(lebar[i]) for i in range(len(kolom))]


def _templat_p(jc: str, inden: int | None):
    """Paragraf sel tanpa spasi, rata ``jc`` (left/right/center), inden kiri (EMU) bila ada."""
    ind = f'<w:ind w:left="{int(inden / 635)}" w:firstLine="0"/>' if inden else '<w:ind w:firstLine="0"/>'
    return parse_xml(f'<w:p {nsdecls("w")}><w:pPr><w:spacing w:before="0" w:after="0" w:line="240" '
                     f'w:lineRule="auto"/>{ind}<w:jc w:val="{jc}"/></w:pPr></w:p>')


def _templat_r(ukuran: float, tebal: bool, sup: bool):
    """Run dengan ukuran huruf (urutan anak rPr sesuai skema: b, sz, szCs, vertAlign)."""
    sz = int(round(ukuran * 2))
    b = "<w:b/><w:bCs/>" if tebal else ""
    atas = '<w:vertAlign w:val="superscript"/>' if sup else ""
    return parse_xml(f'<w:r {nsdecls("w")}><w:rPr>{b}<w:sz w:val="{sz}"/><w:szCs w:val="{sz}"/>{atas}</w:rPr>'
                     '<w:t xml:space="preserve"></w:t></w:r>')


class _Sel:
    """Pengisi sel cepat: paragraf/run dibentuk sekali per gaya lalu disalin (python-docx lewat properti
    ±2 ms per sel; tabel Renja/audit punya ratusan sel)."""

    def __init__(self, ukuran: float):
        self.ukuran = ukuran
        self._p: dict = {}
        self._r: dict = {}

    def isi(self, tc, teks: str, sup: str, jc: str, tebal: bool = False, inden=None) -> None:
        kp = (jc, inden)
        if kp not in self._p:
            self._p[kp] = _templat_p(jc, inden)
        p = deepcopy(self._p[kp])
        for bagian, atas in ((teks, False), (sup, True)):
            if not bagian:
                continue
            kr = (tebal, atas)
            if kr not in self._r:
                self._r[kr] = _templat_r(self.ukuran, tebal, atas)
            r = deepcopy(self._r[kr])
            r[-1].text = bagian.replace("\n", " ").replace("\t", " ")
            p.append(r)
        for lama in tc.findall(qn("w:p")):
            tc.remove(lama)
        tc.append(p)


def _lebar_sel(tc, emu: int) -> None:
    tcpr = tc.get_or_add_tcPr()
    tcw = tcpr.find(qn("w:tcW"))
    if tcw is None:
        tcw = tcpr.get_or_add_tcW()
    tcw.set(qn("w:w"), str(int(emu / 635)))
    tcw.set(qn("w:type"), "dxa")


def _posisi_kepala(kepala: list[list[dict]], n: int):
    """[(baris, kolom, rowspan, colspan, teks)] dari baris judul berkelompok (tata letak sel HTML)."""
    terisi = set()
    out = []
    for r, baris in enumerate(kepala):
        c = 0
        for s in baris:
            while (r, c) in terisi and c < n:
                c += 1
            rs, cs = int(s.get("rowspan", 1)), int(s.get("colspan", 1))
            out.append((r, c, rs, cs, s.get("teks", "")))
            terisi |= {(r + i, c + j) for i in range(rs) for j in range(cs)}
            c += cs
    return out


def tulis_tabel(doc, blok: dict, lebar_isi: int, lanskap: bool) -> None:
    kolom, kepala, baris = blok["kolom"], blok.get("kepala") or [], blok["baris"]
    n = len(kolom)
    if n == 0:
        return
    ukuran = Pt(7) if lanskap else Pt(8)
    sel_cepat = _Sel(ukuran.pt)
    t = doc.add_table(rows=len(kepala) + len(baris), cols=n)
    t.alignment = WD_TABLE_ALIGNMENT.CENTER
    t.autofit = False
    garis_tabel(t)
    lebar = lebar_kolom(blok, lebar_isi, ukuran.pt)
    for i, w in enumerate(lebar):
        t.columns[i].width = Emu(w)
    baris_tabel = list(t.rows)
    for row in baris_tabel:
        for i, tc in enumerate(row._tr.tc_lst):
            _lebar_sel(tc, lebar[i])
    for r, c, rs, cs, teks in _posisi_kepala(kepala, n):
        if c >= n:
            continue
        sel = baris_tabel[r].cells[c]
        if rs > 1 or cs > 1:
            sel = sel.merge(baris_tabel[min(r + rs, len(kepala)) - 1].cells[min(c + cs, n) - 1])
        sel_cepat.isi(sel._tc, teks, "", "center", tebal=True)
        sel.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
        arsir(sel, LATAR_KEPALA)
    for r in range(len(kepala)):
        baris_judul(baris_tabel[r])
    for j, b in enumerate(baris):
        row = baris_tabel[len(kepala) + j]
        baris_utuh(row)
        kelas = b.get("kelas", "")
        for i, tc in enumerate(row._tr.tc_lst[:n]):
            s = b["sel"][i] if i < len(b["sel"]) else {"teks": ""}
            sel_cepat.isi(tc, s.get("teks", ""), s.get("sup", ""), RATA.get(kolom[i].get("rata"), RATA["kiri"]),
                          tebal=kelas in TEBAL or (kelas == "temuan-galat" and i == 0),
                          inden=INDEN.get(kelas) if i == 1 else None)
            if kelas in ("jumlah", "ringkasan"):
                arsir(tc, LATAR_JUMLAH)
            elif kelas == "sendiri":
                arsir(tc, LATAR_SENDIRI)
    for c in blok.get("catatan", []):
        p = doc.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.LEFT
        p.paragraph_format.space_before = Pt(2)
        p.paragraph_format.space_after = Pt(0)
        p.add_run(c).font.size = Pt(7.5)
