"""Satu nilai per besaran di seluruh laporan, diperiksa atas apa yang benar-benar tercetak.

Sumber: blok ``tabel`` bernomor di notebook tereksekusi (MIME :data:`lkj_lib.sajian.blok.MIME`), yaitu isi
tabel persis seperti dicetak di HTML/PDF/DOCX beserta nomor dan judulnya. Setiap sel yang dapat dikenali
menjadi entri indeks *(subjek, tahun, besaran) → [cetakan: teks, tabel, baris, kolom]*; subjek dari kolom
pengenal baris (Kode, nama program, indikator, sasaran; id tabel tren/pembanding/IP ASN), besaran dan tahun
dari judul kolom (:data:`KOLOM`, :data:`KOLOM_GRUP`), alias dari aturan hitung (:func:`kamus_data`). Sel
lain dan label baris kembar dalam satu tabel dilewati, tidak ditebak. Dua cetakan sama bila selisihnya ≤ ½
satuan angka terakhir cetakan yang kurang teliti (103,5 = 103,50; 59,75 ≠ 59,12). Besaran bernilai ganda =
satu temuan ber-aturan ``konsistensi`` dengan setiap lokasi dan nilainya: ``galat`` bila nilai hitung lkj
sendiri berbeda (build final gagal, draf mencatatnya di ``audit.csv``/``audit.html``), ``peringatan`` bila
hanya sel ketikan apa adanya (:attr:`Cetakan.diketik`) yang berbeda. Aturan lengkap: ``docs/audit.md``.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field

import pandas as pd

from ..angka import AngkaError, baca_angka
from ..errors import LkjError
from .akar import beri_id
from .temuan import KOLOM as KOLOM_TEMUAN
from .temuan import Temuan

MIME = "application/vnd.lkj+json"  # = lkj_lib.sajian.blok.MIME (audit tidak mengimpor lapisan sajian)
ATURAN = "konsistensi"

# Pemetaan judul kolom → besaran (tabel lengkap di docs/audit.md). Tanpa kelompok: KOLOM, juga
# "Target/Realisasi <tahun>" dan "Target Akhir [Renstra] (<tahun>)"; dengan kelompok: KOLOM_GRUP dan kelompok
# Target/Realisasi/Capaian (%) berkolom tahun. Kelompok Kinerja/Efisiensi diabaikan.
KOLOM = {
    "target": "target", "target tahunan": "target", "realisasi": "realisasi", "capaian (%)": "capaian",
    "capaian thd target akhir (%)": "capaian_target_akhir", "serapan (%)": "serapan",
    "serapan anggaran (%)": "serapan", "pagu murni (rp)": "pagu_murni", "pagu perubahan (rp)": "pagu",
    "pagu (rp)": "pagu", "realisasi (rp)": "realisasi_anggaran",
}
KOLOM_GRUP = {
    ("target", "sebelum perubahan"): "target_murni", ("target", "setelah perubahan"): "target",
    ("pagu (rp)", "sebelum perubahan"): "pagu_murni", ("pagu (rp)", "setelah perubahan"): "pagu",
}
GRUP_TAHUN = {"target": "target", "realisasi": "realisasi", "capaian (%)": "capaian"}
GRUP_ABAI = {"kinerja", "efisiensi"}
ANGGARAN = {"pagu", "pagu_murni", "realisasi_anggaran"}  # besaran program/kegiatan, bukan indikatornya
KOLOM_INDIKATOR = {"indikator", "indikator kinerja", "indikator kinerja utama", "indikator tujuan"}


def _norm(s) -> str:
    return " ".join(str(s or "").replace("\u2212", "-").split()).lower()


@dataclass(frozen=True)
class Cetakan:
    """Satu angka tercetak di sel tabel laporan."""

    teks: str
    nilai: float
    op: str
    desimal: int
    tabel: str   # nomor, mis. '3.2'
    judul: str
    baris: str
    kolom: str
    diketik: str = ""  # lembar masukan yang nilainya dicetak apa adanya, tidak dipakai lkj sebagai besaran ini

    def lokasi(self) -> str:
        return f"Tabel {self.tabel} ({self.judul}), baris \u201c{self.baris}\u201d, kolom \u201c{self.kolom}\u201d"

    def sama(self, lain: Cetakan) -> bool:
        """Sama pada presisi cetakan yang kurang teliti (dan pembanding yang sama)."""
        d = min(self.desimal, lain.desimal)
        return self.op == lain.op and abs(self.nilai - lain.nilai) <= 0.5 * 10.0 ** (-d) + 1e-9


@dataclass
class HasilKonsistensi:
    indeks: dict[tuple, list[Cetakan]] = field(default_factory=dict)
    temuan: list[Temuan] = field(default_factory=list)

    @property
    def ganda(self) -> dict[tuple, list[Cetakan]]:
        """Besaran yang tercetak di dua tempat atau lebih."""
        return {k: v for k, v in self.indeks.items() if len(v) >= 2}

    @property
    def galat(self) -> list[Temuan]:
        """Nilai hitung lkj yang tercetak berbeda: cacat laporan (peringatan = ketikan yang berbeda)."""
        return [t for t in self.temuan if t.tingkat == "galat"]

    def ringkas(self) -> str:
        g = self.ganda
        n_ketik = len(self.temuan) - len(self.galat)
        return (f"{len(g)} besaran tercetak di dua tempat atau lebih ({sum(map(len, g.values()))} sel), "
                f"{len(self.galat)} berbeda nilai" + (f", {n_ketik} berbeda dengan nilai ketikan" if n_ketik else ""))

    def pesan_gagal(self) -> str:
        baris = "\n".join(f"  - {t.objek} {t.kode}, {t.besaran}: {t.pesan}" for t in self.galat)
        return (f"laporan mencetak {len(self.galat)} besaran dengan dua nilai berbeda (cacat lkj dalam menyusun "
                f"laporan, bukan angka masukan yang salah):\n{baris}\n  Laporan final tidak ditulis; laporkan ke "
                "pengembang lkj. `lkj build --draf` tetap menulis laporannya dengan temuan ini di audit.csv dan "
                "audit.html.")


# ---------------------------------------------------------------------------- blok tercetak
def tabel_tercetak(notebooks) -> list[dict]:
    """Blok ``tabel`` bernomor dari notebook tereksekusi (NotebookNode atau dict JSON), berurutan."""
    out = []
    for nb in notebooks:
        for c in nb.get("cells", []):
            for o in c.get("outputs", []):
                isi = (o.get("data") or {}).get(MIME)
                for b in (isi or {}).get("blok", []) if isinstance(isi, dict) else []:
                    if b.get("jenis") == "tabel" and b.get("nomor"):
                        out.append(b)
    return out


def _judul_kolom(b: dict) -> list[tuple[str, str]]:
    """(kelompok, judul) setiap kolom, dari baris kepala blok (sel bergabung colspan/rowspan)."""
    kolom = [k.get("judul", "") for k in b.get("kolom", [])]
    kepala = b.get("kepala") or []
    if len(kepala) < 2:
        return [("", k) for k in kolom]
    grup: list[str] = []
    for s in kepala[0]:
        grup += [s["teks"] if s.get("rowspan", 1) < 2 else ""] * int(s.get("colspan", 1))
    grup += [""] * (len(kolom) - len(grup))
    return list(zip(grup, kolom))


def besaran_kolom(grup: str, judul: str, tahun: int) -> tuple[str, int] | None:
    """(besaran, tahun) yang dimuat kolom ini, atau None bila kolom ini tidak dibandingkan."""
    g, j = _norm(grup), _norm(judul)
    g = "" if g in GRUP_ABAI else g
    if g:
        if g in GRUP_TAHUN and re.fullmatch(r"\d{4}", j):
            return GRUP_TAHUN[g], int(j)
        return (KOLOM_GRUP[(g, j)], tahun) if (g, j) in KOLOM_GRUP else None
    if m := re.fullmatch(r"target akhir(?: renstra)? \((\d{4})\)", j):
        return "target_akhir", int(m.group(1))
    if m := re.fullmatch(r"(target|realisasi) (\d{4})", j):
        return m.group(1), int(m.group(2))
    return (KOLOM[j], tahun) if j in KOLOM else None


def _baca(teks: str):
    try:
        b = baca_angka(teks)
    except AngkaError:
        return None
    return None if b.nilai is None else b


# ---------------------------------------------------------------------------- indeks
def _kode_per_nama(tabel: list[dict]) -> dict[str, str]:
    """Nama program/kegiatan → kode, dari tabel berkolom Kode; nama berkode ganda tidak dipetakan."""
    kode: dict[str, set] = defaultdict(set)
    for b in tabel:
        jk = [_norm(j) for _, j in _judul_kolom(b)]
        if "kode" in jk and (i_n := next((i for i, j in enumerate(jk) if j.startswith("program")), None)) is not None:
            for r in b["baris"]:
                s = r["sel"]
                if s[jk.index("kode")]["teks"].strip() and s[i_n]["teks"].strip():
                    kode[_norm(s[i_n]["teks"])].add(s[jk.index("kode")]["teks"].strip())
    return {n: next(iter(k)) for n, k in kode.items() if len(k) == 1}


def _alias(alias: dict, subjek: tuple, besaran: str) -> list[tuple]:
    """Subjek tempat besaran ini dicatat: alias per (subjek, besaran), alias per subjek, atau subjek itu."""
    return alias.get((subjek, besaran)) or alias.get(subjek) or [subjek]


def _entri_tabel(b: dict, tahun: int, kamus: dict, kode_nama: dict):
    """(kunci, Cetakan) setiap sel yang dapat dikenali pada satu blok tabel."""
    kolom = _judul_kolom(b)
    jk = [_norm(j) for _, j in kolom]
    ident = str(b.get("id", ""))
    m_pb = re.fullmatch(r"pembanding_(.+)_(\d{4})", ident)
    m_ip = re.fullmatch(r"ip_asn_(\d{4})", ident)
    i_kode = jk.index("kode") if "kode" in jk else None
    i_prog = next((i for i, j in enumerate(jk) if j.startswith("program")), None)
    i_ind = next((i for i, j in enumerate(jk) if j in KOLOM_INDIKATOR), None)
    i_sas = jk.index("sasaran strategis") if "sasaran strategis" in jk else None
    i_prog = None if i_sas is not None else i_prog  # serapan per sasaran: kolom Program = daftar kode
    i_th = jk.index("tahun") if "tahun" in jk else None
    kode = ""
    for r in b.get("baris", []):
        sel = [s.get("teks", "") for s in r.get("sel", [])]
        if m_pb or m_ip:  # hanya baris daerah sendiri
            if "sendiri" not in str(r.get("kelas", "")).split():
                continue
            if m_pb:
                subjek, th, pakai = ("indikator", m_pb.group(1)), int(m_pb.group(2)), {"nilai": "realisasi"}
            else:
                subjek, th, pakai = ("instrumen", "ip_asn"), int(m_ip.group(1)), {"total": "realisasi"}
            diketik = "pembanding" if m_pb else ("ip_asn" if th != tahun else "")  # lkj memakainya di tahun laporan
            for i, j in enumerate(jk):
                if j in pakai and (v := _baca(sel[i])):
                    yield (subjek, th, pakai[j]), (v, sel[i], sel[jk.index("daerah")] if "daerah" in jk else "",
                                                   kolom[i][1], diketik)
            continue
        th_baris, akhir = tahun, False
        if ident.startswith("tren_") and i_th is not None:
            subjek_baris = ("indikator", ident[len("tren_"):])
            if m := re.fullmatch(r"\s*(\d{4})\s*", sel[i_th]):
                th_baris = int(m.group(1))
            elif m := re.search(r"target akhir.*\((\d{4})\)", _norm(sel[i_th])):
                th_baris, akhir = int(m.group(1)), True
            else:
                continue
            label = sel[i_th]
        elif i_kode is not None:
            kode = sel[i_kode].strip() or kode
            if not kode:
                continue
            subjek_baris, label = ("renja", kode), kode
        elif i_prog is not None:
            kode = kode_nama.get(_norm(sel[i_prog]), "")
            if not kode:
                continue
            subjek_baris, label = ("renja", kode), sel[i_prog]
        elif i_ind is not None:
            subjek_baris, label = ("indikator", kamus.get(_norm(sel[i_ind]), sel[i_ind].strip())), sel[i_ind]
        elif i_sas is not None and sel[i_sas].strip():
            subjek_baris, label = ("sasaran", _norm(sel[i_sas])), sel[i_sas]
        else:
            continue
        for i, (g, j) in enumerate(kolom):
            bs = besaran_kolom(g, j, th_baris)
            if bs is None or not (v := _baca(sel[i])):
                continue
            besaran, th = bs
            if akhir:
                besaran = "target_akhir" if besaran == "target" else None
            if besaran is None:
                continue
            subjek, lb = subjek_baris, label
            if subjek[0] == "renja" and i_ind is not None and besaran not in ANGGARAN:
                subjek, lb = ("renja_indikator", kode, _norm(sel[i_ind])), f"{label} / {sel[i_ind]}"
            yield (subjek, th, besaran), (v, sel[i], lb, f"{g} {j}".strip() if g else j, "")


def indeks(tabel: list[dict], tahun: int, kamus: dict[str, str] | None = None,
           alias: dict[tuple, list[tuple]] | None = None) -> dict[tuple, list[Cetakan]]:
    """Kunci besaran ``(subjek, tahun, besaran)`` → cetakan-cetakannya di seluruh ``tabel`` (blok tercetak).

    ``kamus``: nama indikator (dinormalkan) → kode indikator; ``alias``: subjek, atau (subjek, besaran) →
    subjek lain yang besarannya sama (lihat :func:`kamus_data`)."""
    kamus, alias = kamus or {}, alias or {}
    kode_nama = _kode_per_nama(tabel)
    out: dict[tuple, list[Cetakan]] = defaultdict(list)
    for b in tabel:
        per_tabel: dict[tuple, list[Cetakan]] = defaultdict(list)
        for kunci, (v, teks, baris, kolom, diketik) in _entri_tabel(b, tahun, kamus, kode_nama):
            per_tabel[kunci].append(Cetakan(teks.strip(), v.nilai, v.op, v.desimal, str(b["nomor"]),
                                            str(b.get("judul", "")), baris.strip(), kolom, diketik))
        for (subjek, th, besaran), c in per_tabel.items():
            if len(c) == 1:  # label baris kembar dalam satu tabel: ambigu, dilewati
                for s in _alias(alias, subjek, besaran):  # alias: besaran yang sama, boleh berulang
                    out[(s, th, besaran)].append(c[0])
    return dict(out)


# ---------------------------------------------------------------------------- temuan
def bandingkan(idx: dict[tuple, list[Cetakan]]) -> list[Temuan]:
    """Satu temuan galat per besaran yang tercetak dengan nilai berbeda (setiap lokasi dan nilainya)."""
    out = []
    for (subjek, th, besaran), cetak in idx.items():
        if len(cetak) < 2 or all(a.sama(c) for a in cetak for c in cetak):
            continue
        hitung = [c for c in cetak if not c.diketik]  # nilai yang lkj hitung/pakai: harus satu
        galat = any(not a.sama(c) for a in hitung for c in hitung)
        rinci = "; ".join(f"{c.teks} ({c.lokasi()})" for c in cetak)
        if not galat:
            lembar = ", ".join(sorted({c.diketik for c in cetak if c.diketik}))
            rinci += f" — nilai diketik di lembar {lembar} berbeda dengan nilai laporan: samakan ketikannya"
        out.append(Temuan(
            "galat" if galat else "peringatan", ATURAN, "; ".join(dict.fromkeys(f"Tabel {c.tabel}" for c in cetak)), subjek[0],
            " ".join(str(x) for x in subjek[1:]), f"{besaran} {th}",
            " / ".join(dict.fromkeys(c.teks for c in cetak)), "",
            pesan=f"besaran yang sama tercetak dengan nilai berbeda: {rinci}",
            sumber="laporan tercetak (blok tabel notebook tereksekusi)"))
    return beri_id(out)


def kamus_data(data) -> tuple[dict[str, str], dict[tuple, list[tuple]]]:
    """(nama indikator → kode, alias) dari :class:`DataSKPD`. Alias (aturan hitung lkj_lib.ukur): total IP ASN
    daerah sendiri = realisasi indikator ber-``instrumen: ip_asn``; serapan efisiensi IKU = serapan sasarannya;
    serapan efisiensi Renja = serapan node ``kode_anggaran`` indikatornya."""
    ind = data["indikator"].to_dict("records")
    nama = defaultdict(set)
    for r in ind:
        nama[_norm(r["indikator"])].add(r["kode_indikator"])
    kamus = {n: next(iter(k)) for n, k in nama.items() if len(k) == 1}
    alias: dict[tuple, list[tuple]] = {}
    ip = [("indikator", r["kode_indikator"]) for r in ind
          if isinstance(r.get("instrumen"), str) and r["instrumen"].strip().lower() == "ip_asn"]
    if ip:
        alias[("instrumen", "ip_asn")] = ip
    sasaran = dict(zip(data["sasaran"]["kode_sasaran"], data["sasaran"]["sasaran"]))
    for r in ind:
        if r.get("level") == "sasaran" and r.get("kode_induk") in sasaran:
            alias[(("indikator", r["kode_indikator"]), "serapan")] = [("sasaran", _norm(sasaran[r["kode_induk"]]))]
    node = defaultdict(set)
    for r in data["indikator_renja"].to_dict("records"):
        ka = r.get("kode_anggaran")
        node[("renja_indikator", str(r["kode"]), _norm(r["indikator"]))].add(ka if isinstance(ka, str) and ka.strip()
                                                                             else str(r["kode"]))
    alias.update({(s, "serapan"): [("renja", next(iter(k)).strip())] for s, k in node.items() if len(k) == 1})
    return kamus, alias


def periksa(notebooks, data) -> HasilKonsistensi:
    """Indeks dan temuan konsistensi dari notebook tereksekusi sebuah laporan (``data``: DataSKPD)."""
    kamus, alias = kamus_data(data)
    idx = indeks(tabel_tercetak(notebooks), int(data.profil.tahun), kamus, alias)
    return HasilKonsistensi(idx, bandingkan(idx))


def gabung(temuan: pd.DataFrame, hasil: HasilKonsistensi) -> pd.DataFrame:
    """Temuan audit ditambah temuan konsistensi (akar galat, di depan)."""
    if not hasil.temuan:
        return temuan
    baru = pd.DataFrame([t.as_dict() for t in hasil.temuan], columns=KOLOM_TEMUAN)
    return pd.concat([baru, temuan], ignore_index=True)


def gagal_final(hasil: HasilKonsistensi) -> None:
    """Build final: naikkan LkjError bila ada nilai hitung yang tercetak ganda (temuan galat)."""
    if hasil.galat:
        raise LkjError(hasil.pesan_gagal())


__all__ = ["ATURAN", "Cetakan", "HasilKonsistensi", "bandingkan", "besaran_kolom", "gabung", "gagal_final",
           "indeks", "kamus_data", "periksa", "tabel_tercetak"]
