"""Blok ``tabel`` → tabel Word: judul kolom berkelompok (sel bergabung) yang diulang di setiap halaman,
baris tidak terpotong antarhalaman, angka rata kanan, penanda catatan kaki sebagai superskrip."""

from __future__ import annotations

from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Emu, Pt

from .ooxml import arsir, baris_judul, baris_utuh, garis_tabel

RATA = {"kiri": WD_ALIGN_PARAGRAPH.LEFT, "kanan": WD_ALIGN_PARAGRAPH.RIGHT, "tengah": WD_ALIGN_PARAGRAPH.CENTER}
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


def _isi_sel(sel, teks: str, sup: str, rata, ukuran, tebal=False, inden=None) -> None:
    p = sel.paragraphs[0]
    p.alignment = rata
    pf = p.paragraph_format
    pf.space_before = pf.space_after = Pt(0)
    pf.line_spacing = 1.0
    pf.first_line_indent = None
    if inden is not None:
        pf.left_indent = inden
    r = p.add_run(teks)
    r.font.size = ukuran
    r.bold = tebal or None
    if sup:
        r2 = p.add_run(sup)
        r2.font.size = ukuran
        r2.font.superscript = True


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
    t = doc.add_table(rows=len(kepala) + len(baris), cols=n)
    t.alignment = WD_TABLE_ALIGNMENT.CENTER
    t.autofit = False
    garis_tabel(t)
    lebar = lebar_kolom(blok, lebar_isi, ukuran.pt)
    for i, w in enumerate(lebar):
        t.columns[i].width = Emu(w)
    baris_tabel = list(t.rows)
    for row in baris_tabel:
        for i, sel in enumerate(row.cells):
            sel.width = Emu(lebar[i])
    for r, c, rs, cs, teks in _posisi_kepala(kepala, n):
        if c >= n:
            continue
        sel = baris_tabel[r].cells[c]
        if rs > 1 or cs > 1:
            sel = sel.merge(baris_tabel[min(r + rs, len(kepala)) - 1].cells[min(c + cs, n) - 1])
        _isi_sel(sel, teks, "", WD_ALIGN_PARAGRAPH.CENTER, ukuran, tebal=True)
        sel.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
        arsir(sel, LATAR_KEPALA)
    for r in range(len(kepala)):
        baris_judul(baris_tabel[r])
    for j, b in enumerate(baris):
        row = baris_tabel[len(kepala) + j]
        baris_utuh(row)
        kelas = b.get("kelas", "")
        for i, sel in enumerate(row.cells[:n]):
            s = b["sel"][i] if i < len(b["sel"]) else {"teks": ""}
            _isi_sel(sel, s.get("teks", ""), s.get("sup", ""), RATA.get(kolom[i].get("rata"), RATA["kiri"]),
                     ukuran, tebal=kelas in TEBAL or (kelas == "temuan-galat" and i == 0),
                     inden=INDEN.get(kelas) if i == 1 else None)
            if kelas in ("jumlah", "ringkasan"):
                arsir(sel, LATAR_JUMLAH)
            elif kelas == "sendiri":
                arsir(sel, LATAR_SENDIRI)
    for c in blok.get("catatan", []):
        p = doc.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.LEFT
        p.paragraph_format.space_before = Pt(2)
        p.paragraph_format.space_after = Pt(0)
        p.add_run(c).font.size = Pt(7.5)
