"""Isi laporan sebagai data terstruktur: satu sumber untuk setiap format selain HTML.

Setiap tampilan notebook (:class:`lkj_lib.tampil.Html`) membawa, di samping ``text/html``, keluaran
ber-MIME :data:`MIME` berisi ``{"versi": VERSI, "blok": [...]}``. Penulis DOCX
(:mod:`lkj_lib.dokumen_word`) membaca blok ini dari notebook tereksekusi; ia tidak pernah mengurai HTML.

Jenis blok (kunci ``jenis``):

- ``judul``: ``tingkat`` (1-3), ``teks``, ``subteks`` (baris kedua judul BAB), ``bagian``
  (``bab`` | ``depan`` | ``lampiran`` | ``""``), ``ident``;
- ``paragraf``: ``runs`` = [{``teks``, ``tebal``, ``miring``, ``sup``, ``kode``}], ``gaya``
  (``""`` | ``penanda-draf`` | ``sintetis`` | ``judul-narasi`` | ``kutipan`` | ``kode`` | ``butir``),
  ``tingkat`` (kedalaman butir daftar), ``penanda`` (``•`` atau ``1.`` untuk butir);
- ``tabel``: lihat :meth:`lkj_lib.sajian.tabel.TabelLaporan.blok` (``nomor`` kosong = tabel narasi);
- ``gambar``: ``nomor`` (kosong = gambar narasi tanpa nomor), ``judul``, ``mime``, ``data`` (base64);
- ``sampul`` dan ``ttd``: isi sampul dan blok tanda tangan (teks sudah jadi).
"""

from __future__ import annotations

MIME = "application/vnd.lkj+json"
VERSI = 1


def run(teks: str, **gaya) -> dict:
    r = {"teks": teks}
    r.update({k: True for k, v in gaya.items() if v})
    return r


def paragraf(teks: str, gaya: str = "") -> dict:
    b = {"jenis": "paragraf", "runs": [run(teks)]}
    if gaya:
        b["gaya"] = gaya
    return b


def judul(tingkat: int, teks: str, ident: str = "", bagian: str = "", subteks: str = "") -> dict:
    b = {"jenis": "judul", "tingkat": tingkat, "teks": teks, "ident": ident, "bagian": bagian}
    if subteks:
        b["subteks"] = subteks
    return b


def gambar(data_b64: str, judul_: str, nomor: str = "", mime: str = "image/png", ident: str = "") -> dict:
    return {"jenis": "gambar", "nomor": nomor, "judul": judul_, "mime": mime, "data": data_b64, "ident": ident}


# ---------------------------------------------------------------------------- Markdown analis → blok
def _runs_inline(anak, muat_gambar, gambar_keluar: list) -> list[dict]:
    """Token inline markdown-it → runs; gambar dikumpulkan ke ``gambar_keluar`` (blok sendiri)."""
    runs, tebal, miring, tautan = [], 0, 0, []
    for t in anak or []:
        if t.type == "text":
            runs.append(run(t.content, tebal=tebal > 0, miring=miring > 0))
        elif t.type == "code_inline":
            runs.append(run(t.content, kode=True))
        elif t.type in ("softbreak",):
            runs.append(run(" "))
        elif t.type == "hardbreak":
            runs.append(run("\n"))
        elif t.type == "strong_open":
            tebal += 1
        elif t.type == "strong_close":
            tebal -= 1
        elif t.type == "em_open":
            miring += 1
        elif t.type == "em_close":
            miring -= 1
        elif t.type == "link_open":
            tautan.append(t.attrGet("href") or "")
        elif t.type == "link_close":
            href = tautan.pop() if tautan else ""
            if href and not href.startswith("#"):  # sama dengan HTML: alamat luar ditulis sebagai teks
                runs.append(run(f" ({href})"))
        elif t.type == "image":
            alt = "".join(c.content for c in (t.children or []) if c.type == "text")
            src = t.attrGet("src") or ""
            hasil = muat_gambar(src)
            if hasil[0] is None:
                runs.append(run(f"[gambar tidak dimuat: {src} — {hasil[1]}]", miring=True))
            else:
                gambar_keluar.append(gambar(hasil[0], alt, mime=hasil[1]))
    return [r for r in runs if r["teks"]]


def _sel_tabel(tokens, i, muat_gambar):
    """Tabel markdown mulai dari ``table_open`` di ``i`` → (blok tabel tanpa nomor, indeks sesudahnya)."""
    kepala, baris, rata, sedang, di_kepala = [], [], [], None, False
    while tokens[i].type != "table_close":
        t = tokens[i]
        if t.type == "thead_open":
            di_kepala = True
        elif t.type == "thead_close":
            di_kepala = False
        elif t.type == "tr_open":
            sedang = []
        elif t.type == "tr_close":
            (kepala if di_kepala else baris).append(sedang)
        elif t.type in ("th_open", "td_open"):
            gaya = t.attrGet("style") or ""
            r = "kanan" if "right" in gaya else "tengah" if "center" in gaya else "kiri"
            if di_kepala:
                rata.append(r)
        elif t.type == "inline":
            teks = "".join(r["teks"] for r in _runs_inline(t.children, muat_gambar, []))
            sedang.append({"teks": teks})
        i += 1
    kolom = [{"judul": "", "rata": r, "lebar": ""} for r in rata]
    kep = [[{"teks": s["teks"], "colspan": 1, "rowspan": 1} for s in k] for k in kepala]
    return {"jenis": "tabel", "nomor": "", "id": "", "judul": "", "lanskap": False, "kepala": kep,
            "kolom": kolom, "baris": [{"kelas": "", "sel": s} for s in baris], "catatan": []}, i + 1


def dari_markdown(tokens, muat_gambar) -> list[dict]:
    """Token blok markdown-it (``MarkdownIt.parse``) → blok. ``muat_gambar(src)`` → (base64, mime)
    atau (None, alasan), dengan aturan yang sama seperti gambar narasi di HTML."""
    out: list[dict] = []
    daftar: list[list] = []  # tumpukan [berurut, nomor berikut]
    kutip = 0
    judul_narasi = False
    i = 0
    while i < len(tokens):
        t = tokens[i]
        if t.type in ("bullet_list_open", "ordered_list_open"):
            daftar.append([t.type == "ordered_list_open", int(t.attrGet("start") or 1)])
        elif t.type in ("bullet_list_close", "ordered_list_close"):
            daftar.pop()
        elif t.type == "list_item_open" and daftar:
            berurut, n = daftar[-1]
            daftar[-1][1] += 1
            out.append({"jenis": "_butir", "penanda": f"{n}." if berurut else "•", "tingkat": len(daftar)})
        elif t.type == "blockquote_open":
            kutip += 1
        elif t.type == "blockquote_close":
            kutip -= 1
        elif t.type == "heading_open":
            judul_narasi = True
        elif t.type == "heading_close":
            judul_narasi = False
        elif t.type == "table_open":
            b, i = _sel_tabel(tokens, i, muat_gambar)
            out.append(b)
            continue
        elif t.type in ("fence", "code_block"):
            out.append(paragraf(t.content.rstrip("\n"), "kode"))
        elif t.type == "inline":
            gmb: list = []
            runs = _runs_inline(t.children, muat_gambar, gmb)
            if judul_narasi:
                runs = [dict(r, tebal=True) for r in runs]
            b = {"jenis": "paragraf", "runs": runs}
            if out and out[-1]["jenis"] == "_butir":  # paragraf pertama butir daftar
                butir = out.pop()
                b.update(gaya="butir", penanda=butir["penanda"], tingkat=butir["tingkat"])
            elif daftar:
                b.update(gaya="butir", penanda="", tingkat=len(daftar))
            elif judul_narasi:
                b["gaya"] = "judul-narasi"
            elif kutip:
                b["gaya"] = "kutipan"
            if runs:
                out.append(b)
            out.extend(gmb)
        i += 1
    return [b for b in out if b["jenis"] != "_butir"]
