"""Kontrak masukan (isu 9), sisi pemeriksa: pemeriksa HTML untuk penanda yang bocor dan satu putaran
validate → baca-kembali → audit → build HTML untuk agensi dari ``tests/agensi.py``."""

from __future__ import annotations

import re
import traceback
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

from agensi import Agensi, periksa_harapan, tulis


# --------------------------------------------------------------------------- pemeriksa HTML
_RE_BOCOR = re.compile(r"\b(nan|NaN|None|NaT|<NA>)\b|\{\{|\}\}|Tidak ada data")
_JUDUL = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
_ISI = {"table", "img", "svg", "ul", "ol", "figure", "pre", "iframe", "object", "dl"}


class _Pemeriksa(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.masalah: list[str] = []
        self._abaikan = 0          # di dalam <script>/<style>
        self._judul: list = []     # [tag, teks] judul yang sedang dibuka
        self._menunggu = None      # (level, teks) judul h1-h3 yang belum diikuti isi
        self._tabel: list[list] = []  # per <table> terbuka: [jumlah td/th-data, teks awal]
        self._di_bawah = ""         # judul terakhir (konteks pesan)

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self._abaikan += 1
            return
        if tag in _JUDUL:
            lv = _JUDUL[tag]
            if self._menunggu is not None and lv <= self._menunggu[0]:
                self.masalah.append(f"judul kosong: <h{self._menunggu[0]}> '{self._menunggu[1]}' langsung "
                                    f"diikuti <{tag}>")
                self._menunggu = None
            self._judul.append([tag, ""])
            return
        if tag in _ISI and not self._judul:
            self._menunggu = None
        if tag == "table":
            self._tabel.append([0, ""])
        elif tag == "td" and self._tabel:
            self._tabel[-1][0] += 1

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self._abaikan = max(0, self._abaikan - 1)
            return
        if tag in _JUDUL and self._judul:
            t, teks = self._judul.pop()
            lv = _JUDUL[t]
            self._di_bawah = " ".join(teks.split())[:60]
            self._menunggu = (lv, " ".join(teks.split())[:60]) if lv <= 3 else self._menunggu
            return
        if tag == "table" and self._tabel:
            n, teks = self._tabel.pop()
            if n == 0:
                self.masalah.append(f"tabel tanpa <td>: '{' '.join(teks.split())[:60]}' (di bawah '{self._di_bawah}')")

    def handle_data(self, data):
        if self._abaikan:
            return
        for m in _RE_BOCOR.finditer(data):
            i = m.start()
            konteks = " ".join(data[max(0, i - 40): i + 40].split())
            self.masalah.append(f"penanda bocor {m.group(0)!r}: …{konteks}… (di bawah '{self._di_bawah}')")
        if self._judul:
            self._judul[-1][1] += data
        elif data.strip():
            self._menunggu = None
        for t in self._tabel:
            if len(t[1]) < 80:
                t[1] += data

    def close(self):
        super().close()
        if self._menunggu is not None:
            self.masalah.append(f"judul kosong di akhir dokumen: <h{self._menunggu[0]}> '{self._menunggu[1]}'")


def periksa_html(html: str) -> list[str]:
    """Daftar kebocoran di HTML laporan: penanda (nan, None, {{ }}, 'Tidak ada data'), tabel tanpa
    sel data, dan judul h1-h3 yang langsung diikuti judul setingkat/lebih tinggi (bagian kosong)."""
    p = _Pemeriksa()
    p.feed(html)
    p.close()
    return p.masalah


# ------------------------------------------------------------------------- satu putaran kontrak
@dataclass
class HasilKontrak:
    """Hasil satu agensi: ``kelas`` kosong bila kontrak terpenuhi, selain itu jenis kegagalannya."""

    folder: Path
    kelas: str = ""         # tolak | harapan | audit | nilai | audit_galat | build | bocor
    pesan: list[str] = field(default_factory=list)
    html: Path | None = None


def _jejak_notebook(folder: Path) -> list[str]:
    """Traceback (tanpa kode warna) dari notebook gagal yang disimpan ``bangun`` di ``<tahun>-gagal/``."""
    import nbformat

    out = []
    for nb in sorted(folder.glob("*.ipynb")):
        for sel in nbformat.read(nb, as_version=4).cells:
            for o in sel.get("outputs", []):
                if o.get("output_type") == "error":
                    tb = "\n".join(o.get("traceback", []))
                    out.append(f"{nb.name}:\n" + re.sub(r"\x1b\[[0-9;]*m", "", tb))
    return out


def periksa_nilai(a: Agensi, h) -> list[str]:
    """Sifat hasil hitung yang pasti benar untuk agensi sah (independen dari tampilan)."""
    salah = []
    for kunci, kol in (("total_pagu", "pagu"), ("total_realisasi", "realisasi")):
        if not abs(h.total[kol] - a.harapan[kunci]) < 0.5:
            salah.append(f"total anggaran {kol}: dihitung {h.total[kol]!r}, seharusnya {a.harapan[kunci]!r}")
    ang, cr = h.anggaran, h.capaian_renja
    daun = set(ang.loc[ang["jumlah_anak"] == 0, "kode"])
    if not cr.empty and cr.loc[cr["kode"].isin(daun), "capaian"].notna().any() \
            and h.ringkas("output")["jumlah_indikator"] == 0:
        jenis = sorted(set(ang.loc[ang["jumlah_anak"] == 0, "jenis"]))
        salah.append(f"ringkasan efisiensi output tanpa indikator padahal daun Renja ({', '.join(jenis)}) "
                     "punya capaian")
    tw = h.triwulan
    if not tw.empty and not cr.empty:
        cap = dict(zip(cr["id"], cr["capaian"]))
        for r in tw.to_dict("records"):
            lengkap = all(r[f"{x}_tw{i}"] == r[f"{x}_tw{i}"] for x in ("target", "realisasi") for i in (1, 2, 3, 4))
            c, c4 = cap.get(r["id"]), r["capaian_tw4"]
            if lengkap and c == c and c4 == c4 and not abs(c - c4) <= 1e-6 * max(1.0, abs(c)):
                salah.append(f"capaian s.d. TW IV {r['id']} = {c4:.4f} ≠ capaian tahunan {c:.4f}")
    return salah


def jalankan_kontrak(a: Agensi, akar: Path, pelaksana=None, abaikan=(), build: bool = True) -> HasilKontrak:
    """validate → baca-kembali → audit → build HTML → periksa kebocoran, berhenti di kegagalan pertama.

    ``abaikan``: potongan pesan kebocoran yang tidak dihitung (mis. kunci ``agensi.BOCOR_DIKENAL``).
    """
    from lkj_lib.audit import audit
    from lkj_lib.bangun import bangun
    from lkj_lib.masukan import periksa
    from lkj_lib.ukur.hasil import hitung

    folder = tulis(a, Path(akar) / "masukan")
    h = HasilKontrak(folder)
    data, masalah = periksa(folder)
    if data is None:
        h.kelas = "tolak"
        h.pesan = [f"{m.lokasi()}: {m.pesan} {m.nilai!r}".rstrip() for m in masalah if m.tingkat == "galat"]
        return h
    salah = periksa_harapan(a, data)
    if salah:
        h.kelas, h.pesan = "harapan", salah
        return h
    try:
        hasil = hitung(data)
        temuan = audit(hasil)
    except Exception as e:  # noqa: BLE001 - setiap galat di sini adalah pelanggaran kontrak
        h.kelas, h.pesan = "audit", [f"{type(e).__name__}: {e}", traceback.format_exc(limit=-3)]
        return h
    salah = periksa_nilai(a, hasil)
    if salah:
        h.kelas, h.pesan = "nilai", salah
        return h
    galat = temuan[temuan["tingkat"] == "galat"]
    if len(galat):
        h.kelas = "audit_galat"
        h.pesan = [f"{r.aturan} {r.lokasi}: dilaporkan {r.dilaporkan}, dihitung {r.dihitung} ({r.pesan})"
                   for r in galat.itertuples()]
        return h
    if not build:
        return h
    try:
        hb = bangun(folder, root_keluaran=Path(akar) / "keluaran", pdf=False, draf=not a.narasi_lengkap,
                    pelaksana=pelaksana, log=None)
    except Exception as e:  # noqa: BLE001
        h.kelas, h.pesan = "build", [f"{type(e).__name__}: {e}", *_jejak_notebook(Path(akar) / "keluaran"
                                                                                  / a.slug / f"{a.tahun}-gagal")]
        return h
    h.html = hb.html
    bocor = [m for m in periksa_html(hb.html.read_text(encoding="utf-8")) if not any(x in m for x in abaikan)]
    if bocor:
        h.kelas, h.pesan = "bocor", bocor
    return h
