"""Satu-satunya API yang dipanggil notebook: muat, hitung, lalu tampilkan potongan laporan.

Setiap fungsi mengembalikan :class:`Html` (tampil di Jupyter dan diekspor nbconvert apa
adanya) yang juga membawa isinya sebagai data terstruktur (MIME ``application/vnd.lkj+json``,
lihat :mod:`lkj_lib.sajian.blok`) untuk DOCX. Tabel dan gambar diberi nomor per BAB ("Tabel 3.1", "Gambar 3.1"); bila
``folder_keluaran`` diisi, data setiap tabel ditulis ke ``data/*.csv`` dan gambar ke
``figures/``.
"""

from __future__ import annotations

import base64
import io
import re
from pathlib import Path

from markdown_it import MarkdownIt
from markupsafe import Markup, escape

from . import fmt
from .grafik import laporan as grafik  # notebook hanya mengimpor tampil: sajian/grafik lewat sini
from .grafik import svg
from .sajian import blok as _blok
from .sajian import narasi as gen
from .sajian import tabel_lampiran as lampiran
from .sajian import tabel_laporan as tabel
from .sajian import uraian
from .ukur.keadaan import muat_keadaan
from .masukan import muat
from .schema import NARASI
from .ukur.hasil import HasilKinerja, hitung

_MD = MarkdownIt("commonmark", {"html": False, "linkify": False}).enable("table")


class Html(str):
    """Potongan HTML yang ditampilkan Jupyter sebagai HTML (bukan teks), beserta ``blok``: isi yang sama
    sebagai data (:mod:`lkj_lib.sajian.blok`), ikut di keluaran notebook dengan MIME ``blok.MIME``."""

    def __new__(cls, teks: str = "", blok: list | None = None):
        obj = super().__new__(cls, teks)
        obj.blok = list(blok or [])
        return obj

    def _repr_html_(self) -> str:
        return str(self)

    def _repr_mimebundle_(self, include=None, exclude=None):
        return {_blok.MIME: {"versi": _blok.VERSI, "blok": self.blok}} if self.blok else None


def _gabung(*bagian) -> Html:
    """Satukan beberapa Html (teks dan bloknya) berurutan; teks polos tanpa blok ikut di HTML saja."""
    return Html("".join(str(b) for b in bagian), [x for b in bagian for x in getattr(b, "blok", [])])


def _slug(teks: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", teks.lower()).strip("-")[:60]


def paragraf(teks: str, kelas: str = "") -> Html:
    """Teks polos (mis. keluaran generator narasi) → paragraf HTML yang di-escape."""
    k = f' class="{kelas}"' if kelas else ""
    par = [p.strip() for p in re.split(r"\n\s*\n", teks) if p.strip()]
    return Html("".join(f"<p{k}>{escape(p)}</p>" for p in par), [_blok.paragraf(p, kelas) for p in par])


BATAS_GAMBAR = 2 * 1024 * 1024  # bait per gambar narasi
_JENIS_GAMBAR = {b"\x89PNG\r\n\x1a\n": "image/png", b"\xff\xd8\xff": "image/jpeg"}


def _gambar_data_uri(src: str, folder_gambar: Path | None) -> tuple[str | None, str]:
    """(data URI, "") untuk ``gambar/<nama>.png|jpg`` di ``folder_gambar``; selain itu (None, alasan).

    Hanya PNG/JPEG (dicek dari bait awalnya, bukan akhiran; SVG ditolak karena dapat memuat URL
    sendiri), paling besar :data:`BATAS_GAMBAR`, dan hanya di dalam ``narasi/gambar/``.
    """
    if folder_gambar is None:
        return None, "gambar narasi hanya dari narasi/gambar/"
    if ":" in src or src.startswith(("/", "\\")) or not src.startswith("gambar/"):
        return None, "hanya gambar di narasi/gambar/ (tulis ![judul](gambar/nama.png))"
    akar = Path(folder_gambar).resolve()
    p = (akar / src[len("gambar/"):]).resolve()
    if akar not in p.parents or not p.is_file():
        return None, "berkas tidak ada di narasi/gambar/"
    if p.stat().st_size > BATAS_GAMBAR:
        return None, f"lebih dari {BATAS_GAMBAR // (1024 * 1024)} MB"
    data = p.read_bytes()
    jenis = next((j for awal, j in _JENIS_GAMBAR.items() if data.startswith(awal)), None)
    if jenis is None:
        return None, "bukan PNG/JPEG"
    return f"data:{jenis};base64,{base64.b64encode(data).decode()}", ""


def _aturan_gambar(self, tokens, idx, options, env):
    tok = tokens[idx]
    src = tok.attrGet("src") or ""
    alt = self.renderInlineAsText(tok.children or [], options, env)
    uri, alasan = _gambar_data_uri(src, env.get("folder_gambar"))
    if uri is None:
        return f'<span class="gambar-tidak-dimuat">[gambar tidak dimuat: {escape(src)} — {escape(alasan)}]</span>'
    return f'<img class="gambar-narasi" src="{uri}" alt="{escape(alt)}">'


def _aturan_tautan_buka(self, tokens, idx, options, env):
    href = tokens[idx].attrGet("href") or ""
    env.setdefault("tautan", []).append(href)
    if href.startswith("#"):
        return self.renderToken(tokens, idx, options, env)
    return '<span class="tautan-luar">'


def _aturan_tautan_tutup(self, tokens, idx, options, env):
    href = env.get("tautan", [""]).pop() if env.get("tautan") else ""
    if href.startswith("#"):
        return "</a>"
    return f"</span> ({escape(href)})" if href else "</span>"


_MD.add_render_rule("image", _aturan_gambar)
_MD.add_render_rule("link_open", _aturan_tautan_buka)
_MD.add_render_rule("link_close", _aturan_tautan_tutup)


def markdown(teks: str, folder_gambar: str | Path | None = None) -> Html:
    """Markdown analis → HTML tanpa sumber luar.

    HTML mentah dimatikan (``<script>`` tampil sebagai teks); gambar hanya dari ``folder_gambar``
    (``narasi/gambar/``) dan ditanam sebagai ``data:``; gambar lain diganti catatan terlihat
    "[gambar tidak dimuat: …]"; tautan ke luar dokumen ditulis sebagai teks beserta alamatnya
    (pembaca tidak memuat apa pun dari luar).
    """
    env = {"folder_gambar": Path(folder_gambar) if folder_gambar else None}
    blok = _blok.dari_markdown(_MD.parse(teks, {}), lambda src: _gambar_b64(src, env["folder_gambar"]))
    return Html(f'<div class="narasi-analis">{_MD.render(teks, env)}</div>', blok)


def _gambar_b64(src: str, folder_gambar: Path | None) -> tuple[str | None, str]:
    """(base64, mime) gambar narasi, atau (None, alasan): aturan sama dengan :func:`_gambar_data_uri`."""
    uri, alasan = _gambar_data_uri(src, folder_gambar)
    if uri is None:
        return None, alasan
    kepala, data = uri.split(",", 1)
    return data, kepala[len("data:"):].split(";")[0]


class Sesi:
    """Keadaan satu notebook: data, hasil hitung, nomor BAB dan penghitung tabel/gambar."""

    def __init__(self, folder_skpd: str | Path, folder_keluaran: str | Path | None = None,
                 draf: bool = False, bab: int = 0):
        self.keadaan = muat_keadaan(folder_keluaran, folder_skpd)
        if self.keadaan is not None:  # dimuat, dihitung dan diaudit sekali oleh lkj build
            self.h: HasilKinerja = self.keadaan.hasil
            self.data = self.h.data
            if self.keadaan.audit is not None:
                self._audit = self.keadaan.audit
        else:
            self.data = muat(folder_skpd)
            self.h = hitung(self.data)
        self.profil = self.data.profil
        self.keluaran = Path(folder_keluaran) if folder_keluaran else None
        self.draf = bool(draf)
        self.bab = bab
        self._n_tabel = 0
        self._n_gambar = 0
        self._n_huruf = 0

    # ------------------------------------------------------------------ struktur
    def judul_bab(self, nomor: int, teks: str) -> Html:
        self.bab = nomor
        self._n_tabel = self._n_gambar = self._n_huruf = 0
        return Html(f'<h1 class="bab" id="bab-{nomor}">BAB {fmt.romawi(nomor)}<br>{escape(teks.upper())}</h1>',
                    [_blok.judul(1, f"BAB {fmt.romawi(nomor)}", f"bab-{nomor}", "bab", teks.upper())])

    def judul_lampiran(self) -> Html:
        self.bab = "L"
        self._n_tabel = self._n_gambar = 0
        return Html('<h1 class="bab lampiran" id="lampiran">LAMPIRAN</h1>',
                    [_blok.judul(1, "LAMPIRAN", "lampiran", "lampiran")])

    @property
    def audit(self):
        """Temuan audit (DataFrame) untuk data ini; dihitung sekali."""
        if not hasattr(self, "_audit"):
            from .audit import audit

            self._audit = audit(self.h)
        return self._audit

    def judul_depan(self, teks: str, ident: str) -> Html:
        """Judul bagian depan (Kata Pengantar, Ikhtisar Eksekutif): halaman bernomor romawi."""
        return Html(f'<h1 class="depan" id="{escape(ident)}">{escape(teks.upper())}</h1>',
                    [_blok.judul(1, teks.upper(), ident, "depan")])

    def subjudul(self, teks: str, tingkat: int = 2) -> Html:
        ident = f"b{self.bab}-{_slug(teks)}"
        return Html(f'<h{tingkat} id="{ident}">{escape(teks)}</h{tingkat}>', [_blok.judul(tingkat, teks, ident)])

    # ------------------------------------------------------------------ isi
    def bagian(self, judul: str, *isi, tingkat: int = 2, huruf: bool = False) -> Html:
        """Subjudul beserta isinya, atau kosong bila semua isinya kosong (bagian opsional tanpa
        data tidak meninggalkan judul yatim). ``isi``: Html/teks hasil ``tabel``, ``teks``, ``narasi``, ...
        ``huruf``: beri awalan A., B., ... berurutan di antara bagian yang benar-benar tampil di BAB ini."""
        isi = [x for x in isi if x is not None and str(x).strip()]
        if not isi:
            return Html("")
        if huruf:
            judul = f"{chr(ord('A') + self._n_huruf)}. {judul}"
            self._n_huruf += 1
        kepala = self.subjudul(judul, tingkat)
        blok0 = (getattr(isi[0], "blok", None) or [{}])[0]
        if blok0.get("jenis") == "tabel" and blok0.get("lanskap"):
            # tabel lanskap mulai di halaman bernama sendiri: subjudulnya ikut ke halaman itu (tidak yatim
            # di dasar halaman tegak sebelumnya); DOCX melakukan hal yang sama dengan section lanskapnya
            kepala = _gabung(Html('<div class="lanskap-grup">'), kepala, isi[0], Html("</div>"))
            isi = isi[1:]
        return _gabung(kepala, *isi)

    def tabel(self, t) -> Html:
        """Beri nomor, tulis CSV datanya, dan kembalikan HTML tabel; tabel tanpa baris (atau ``None``)
        tidak ditampilkan dan tidak diberi nomor."""
        if t is None or t.kosong:
            return Html("")
        self._n_tabel += 1
        nomor = f"{self.bab}.{self._n_tabel}"
        if self.keluaran:
            d = self.keluaran / "data"
            d.mkdir(parents=True, exist_ok=True)
            t.csv(d / f"tabel-{nomor.replace('.', '-')}-{t.id}.csv")
        return Html(t.html(nomor), [t.blok(nomor)])

    def gambar(self, fig, judul: str, ident: str) -> Html:
        """Beri nomor dan sisipkan grafik (PNG 200 dpi tertanam; salinan ke figures/)."""
        if fig is None:
            return Html("")
        import matplotlib.pyplot as plt

        self._n_gambar += 1
        nomor = f"{self.bab}.{self._n_gambar}"
        buf = io.BytesIO()
        fig.savefig(buf, format="png", dpi=200, bbox_inches="tight", metadata={"Software": None})
        if self.keluaran:
            d = self.keluaran / "figures"
            d.mkdir(parents=True, exist_ok=True)
            (d / f"gambar-{nomor.replace('.', '-')}-{ident}.png").write_bytes(buf.getvalue())
            svg.simpan_svg(fig, d / f"gambar-{nomor.replace('.', '-')}-{ident}.svg")  # build: di akhir
        plt.close(fig)
        b64 = base64.b64encode(buf.getvalue()).decode()
        gid = f"gambar-{nomor.replace('.', '-')}"
        return Html(f'<figure class="gambar-lkj"><img src="data:image/png;base64,{b64}" alt="{escape(judul)}">'
                    f'<figcaption id="{gid}">Gambar {nomor} {escape(judul)}</figcaption></figure>',
                    [_blok.gambar(b64, judul, nomor, ident=gid)])

    def narasi(self, kunci: str, cadangan: str | None = None) -> Html:
        """Narasi analis (``narasi/<kunci>.md``); bila tidak ada: teks cadangan hasil generator,
        atau penanda tempat yang terlihat pada mode draf."""
        teks = self.data.narasi.get(kunci.lower())
        if teks and teks.strip():
            html = markdown(teks, self.data.folder / "narasi" / "gambar")
            if self.draf:  # angka yang ditolak audit ditandai di tempat (build final menolaknya)
                from .audit import tandai_narasi

                html = Html(tandai_narasi(str(html), kunci, self.audit))
            return html
        label = NARASI.get(kunci, kunci)
        if cadangan:
            pen = Html(f'<p class="penanda-draf">[Narasi analis "{escape(label)}" belum ditulis; '
                       f"teks di bawah dibangkitkan otomatis.]</p>",
                       [_blok.paragraf(f'[Narasi analis "{label}" belum ditulis; teks di bawah dibangkitkan '
                                       'otomatis.]', "penanda-draf")]) if self.draf else ""
            return _gabung(pen, paragraf(cadangan))
        if self.draf:
            return Html(f'<p class="penanda-draf">[Narasi "{escape(label)}" belum ditulis: '
                        f"isi berkas narasi/{escape(kunci)}.md]</p>",
                        [_blok.paragraf(f'[Narasi "{label}" belum ditulis: isi berkas narasi/{kunci}.md]',
                                        "penanda-draf")])
        return Html("")

    def teks(self, teks: str | None) -> Html:
        return paragraf(teks or "")

    def penanda_sintetis(self) -> Html:
        if self.profil.sintetis or self.profil.skm_sintetis:
            apa = "seluruh data" if self.profil.sintetis else "jawaban survei (SKM) per responden"
            teks = f"Perhatian: {apa} pada laporan ini adalah data sintetis (dibangkitkan lkj synth), bukan data resmi."
            return Html(f'<p class="sintetis">{teks}</p>', [_blok.paragraf(teks, "sintetis")])
        return Html("")

    # ------------------------------------------------------------------ bagian khusus
    def sampul(self) -> Html:
        p = self.profil
        draf = '<p class="sampul-draf">DRAF</p>' if self.draf else ""
        logo = None
        if p.logo is not None:  # diperiksa profil: PNG/JPEG di folder SKPD-tahun
            data = p.logo.read_bytes()
            logo = {"mime": "image/png" if data.startswith(b"\x89PNG") else "image/jpeg",
                    "data": base64.b64encode(data).decode()}
            draf += f'<p class="sampul-logo"><img src="data:{logo["mime"]};base64,{logo["data"]}" alt="logo"></p>'
        return Html(
            '<section class="sampul">'
            f"{draf}<p class='sampul-jenis'>LAPORAN KINERJA</p>"
            f"<p class='sampul-tahun'>TAHUN {p.tahun}</p>"
            f"<p class='sampul-skpd'>{escape(p.nama_skpd.upper())}</p>"
            f"<p class='sampul-pemda'>{escape(p.pemerintah_daerah.upper())}</p>"
            + (f"<p class='sampul-alamat'>{escape(p.alamat)}</p>" if p.alamat else "")
            + f"{self.penanda_sintetis()}</section>",
            [{"jenis": "sampul", "draf": self.draf, "jenis_laporan": "LAPORAN KINERJA", "tahun": f"TAHUN {p.tahun}",
              "skpd": p.nama_skpd.upper(), "pemda": p.pemerintah_daerah.upper(), "alamat": p.alamat or "", "logo": logo,
              "sintetis": "".join(r["teks"] for b in self.penanda_sintetis().blok for r in b["runs"])}])

    def tanda_tangan(self) -> Html:
        p = self.profil
        return Html(
            '<div class="ttd">'
            f"<p>{escape(p.tempat)}, {escape(fmt.tanggal(p.tanggal))}</p>"
            f"<p>{escape(p.kepala.jabatan)},</p><p class='ttd-ruang'></p>"
            f"<p class='ttd-nama'>{escape(p.kepala.nama)}</p>"
            + (f"<p>{escape(p.kepala.pangkat)}</p>" if p.kepala.pangkat else "")
            + f"<p>NIP. {escape(p.kepala.nip)}</p></div>",
            [{"jenis": "ttd", "atas": [f"{p.tempat}, {fmt.tanggal(p.tanggal)}", f"{p.kepala.jabatan},"],
              "nama": p.kepala.nama, "bawah": [x for x in (p.kepala.pangkat, f"NIP. {p.kepala.nip}") if x]}])


TAG_JEJAK = "jejak-lkj"  # keluaran bertag ini tampil di notebook tereksekusi, tidak di laporan


def jejak_keadaan(sesi: Sesi) -> str:
    """Satu baris untuk auditor: dari mana data dan angka notebook ini berasal."""
    asal = f"{sesi.data.folder.parent.name}/{sesi.data.folder.name}"
    if sesi.keadaan is not None:
        return (f"Data, hasil hitung dan temuan audit dimuat dari berkas keadaan build "
                f"{sesi.keadaan.berkas.name} (sidik masukan sha256 {sesi.keadaan.sidik}); "
                f"dihitung sekali oleh lkj build dari folder {asal}.")
    return f"Data dimuat dan dihitung dari folder {asal}."


def buka(folder_skpd: str | Path, folder_keluaran: str | Path | None = None, draf: bool = False,
         bab: int = 0) -> Sesi:
    """Titik masuk notebook: ``lap = tampil.buka(folder_skpd, folder_keluaran, draf)``.

    Dalam ``lkj build`` data, hasil hitung dan audit dimuat dari berkas keadaan build
    (:mod:`lkj_lib.ukur.keadaan`) bila sidik masukannya cocok; di Jupyter dicetak satu baris jejaknya
    (keluaran bertag :data:`TAG_JEJAK`, tidak ikut ke HTML/PDF laporan)."""
    sesi = Sesi(folder_skpd, folder_keluaran, draf, bab)
    try:
        from IPython import get_ipython
        from IPython.display import display
    except ImportError:  # pragma: no cover - IPython selalu ada bersama Jupyter
        return sesi
    if get_ipython() is not None:
        display({"text/plain": jejak_keadaan(sesi)}, raw=True, metadata={"tags": [TAG_JEJAK]})
    return sesi


__all__ = ["Html", "Sesi", "TAG_JEJAK", "buka", "jejak_keadaan", "markdown", "paragraf", "Markup", "gen", "grafik",
           "lampiran", "tabel", "uraian"]
