"""Audit narasi: label kategori dalam prosa SKPD ("capaian 103,5% dengan kategori Sangat Tinggi",
"IKM 88,42 (mutu B, kinerja Baik)", "tercatat tidak efisien (−2,66 poin)") dibandingkan dengan kategori
besaran yang dikutip, dihitung dengan fungsi yang sama dengan tabel laporan. Aturan lengkap (kosakata,
kapan sebuah kata dibaca sebagai label, cara mengaitkannya dengan besaran): docs/audit.md butir 5,
"Label kategori". Label yang berbeda → ``galat`` ``narasi_label``; besaran tak dikenali → ``info``
tak teraudit (tidak menebak).
"""

from __future__ import annotations

import re

from ..angka import AngkaError, baca_angka
from ..instrumen import MUTU, kategori_ip_asn, kategori_merit, kategori_nspk, mutu_ikm
from ..instrumen.ip_asn import KATEGORI_IP_ASN
from ..instrumen.merit import KATEGORI_MERIT
from ..instrumen.nspk import KATEGORI_NSPK
from ..ukur.capaian import kategori
from ..ukur.efisiensi import EFISIEN, TIDAK_EFISIEN
from ..ukur.hasil import HasilKinerja
from .dilaporkan import TakDikenal, kosong, nilai_hitung
from .narasi_angka import RE_CACAH, angka_berkunci, toleransi
from .temuan import Temuan, norm_label

_KATA = {  # jenis kategori → daftar ragam label (tiap ragam: kumpulan label sejenis)
    "efisiensi": [(EFISIEN, TIDAK_EFISIEN)],
    "ikm": [tuple(m[2] for m in MUTU), tuple(m[3] for m in MUTU)],
    "merit": [tuple(k[1] for k in KATEGORI_MERIT), tuple(k[2] for k in KATEGORI_MERIT)],
    "nspk": [tuple(k[1] for k in KATEGORI_NSPK) + ("E",), tuple(k[2] for k in KATEGORI_NSPK) + ("Buruk",)],
    "ip_asn": [tuple(k[1] for k in KATEGORI_IP_ASN) + ("Sangat Rendah",)],
}
_BESARAN = {"skala": "kategori", "efisiensi": "simpulan_efisiensi", "ikm": "mutu", "merit": "kategori_merit",
            "nspk": "kategori_nspk", "ip_asn": "kategori_ip_asn"}
_PENANDA = re.compile(r"(?:\b(?:ber)?kategori(?:nya)?|\b(?:ber)?predikat(?:nya)?|\btergolong|\btermasuk|\bdinilai"
                      r"|\btercatat|\bsecara|\bmutu(?:\s+[A-D])?|\()\s*[,:]?\s*\(?\s*[*_]*$", re.IGNORECASE)
_HURUF = re.compile(r"\b(?:mutu\s+([A-D])|predikat\s+([A-E])|kategori\s+(IV|III|II|I))\b")  # huruf/romawi
_RANTAI = re.compile(r"^\s*(atau|dan|/|,)\s*$", re.IGNORECASE)
_KALIMAT = re.compile(r"[^\n]+?(?:[.!?;](?=\s)|$)", re.MULTILINE)
_BARIS_LUNAK = re.compile(r"(?<=[^\n|])\n(?=[^\n|#>*+\s-])(?!\d+[.)]\s)")  # ganti baris dalam paragraf
_BIL = re.compile(r"(?<![\w.,])([-−]?(?:\d{1,3}(?:\.\d{3})+|\d+)(?:,\d+)?)(?![\w]|[.,]\d)(\s*(?:%|persen))?")
_BUKAN_ANGKA = re.compile(r"(?:Rp\.?|Tabel|Gambar|Lampiran|BAB|level|Nomor|No\.|misi|ke-?)\s*$", re.IGNORECASE)
_RE_IKU = re.compile(r"\bIKU\s*[-.]?\s*(\d+)\b(?![.,]\d)(?!\s*(?:%|persen))")
_KONTRAS = re.compile(r"\b(?:tetapi|namun|sedangkan|sementara|walaupun|walau|meskipun|padahal|kendati)\b",
                      re.IGNORECASE)
_SEMUA = re.compile(r"\b(?:semua|seluruh|kedua|ketiga|keempat|kelima|keenam|ketujuh|kedelapan|kesembilan"
                    r"|kesepuluh)\s+(?:IKU|indikator kinerja utama)\b", re.IGNORECASE)


def _jenis_instrumen(nama: str) -> str:
    """Jenis kategori sebuah instrumen ('sistem_merit_mandiri' → 'merit', 'ip_asn:kab x' → 'ip_asn')."""
    nama = nama.lower()
    return next((j for a, j in (("ikm", "ikm"), ("sistem_merit", "merit"), ("nspk", "nspk"), ("ip_asn", "ip_asn"))
                 if nama.startswith(a)), "")


def _fmt(v) -> str:
    return "-" if kosong(v) else f"{v:.4f}".rstrip("0").rstrip(".").replace(".", ",")


class _Konteks:
    """Besaran hitung, kosakata label dan kategori untuk satu laporan."""

    def __init__(self, h: HasilKinerja):
        self.h, self.t = h, h.tahun
        skala = h.profil.pengaturan.skala_kategori
        self.pool = angka_berkunci(h)
        self.nilai, self.nama = {}, {}
        for v, nama, k in reversed(self.pool):  # nilai laporan (tahun berjalan) menang atas riwayat
            if k is not None and k not in self.nilai and not nama.startswith("besar "):
                self.nilai[k], self.nama[k] = v, nama
        ind = h.data["indikator"]
        self.instrumen = {str(k): str(i) for k, i in zip(ind["kode_indikator"], ind["instrumen"])
                          if isinstance(i, str) and i.strip()}
        self.kode_iku = [str(k) for k in h.iku["kode_indikator"]]
        # kosakata: skala profil, efisiensi, dan instrumen yang benar-benar ada di laporan ini
        ada = {_jenis_instrumen(i) for i in self.instrumen.values()} | {
            _jenis_instrumen(k[1]) for k in self.nilai if k[0] == "instrumen"}
        self.kata = {"skala": [tuple(k.kinerja for k in skala), tuple(k.efektivitas for k in skala)],
                     **{j: r for j, r in _KATA.items() if j == "efisiensi" or j in ada}}
        semua = sorted({w for r in self.kata.values() for ragam in r for w in ragam  # huruf/romawi: _HURUF
                        if not re.fullmatch(r"[A-E]|[IVX]+", w)}, key=len, reverse=True)
        self.re_label = re.compile(r"(?<![\w-])(" + "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in semua)
                                   + r")(?![\w-])", re.IGNORECASE)
        self._kelas: dict = {}

    def kelas(self, k: tuple):
        """(jenis, label benar per ragam, nilai) kategori besaran ``k``; None bila tak berkategori."""
        if k not in self._kelas:
            try:
                self._kelas[k] = self._hitung_kelas(k)
            except (TakDikenal, KeyError, IndexError, ValueError):
                self._kelas[k] = None
        return self._kelas[k]

    def _hitung_kelas(self, k: tuple):
        objek, kode, th, besaran = k
        v = self.nilai.get(k)
        if kosong(v):
            return None
        if besaran in ("capaian", "serapan") or besaran.startswith("rata_capaian"):
            benar = kategori(v, self.h.profil.pengaturan.skala_kategori)  # fungsi yang sama dengan tabel
            return ("skala", benar, v)
        if besaran.startswith("efisiensi"):
            b = "simpulan_efisiensi" if objek != "total" else f"simpulan_{besaran}"
            (simp, *_), _ = nilai_hitung(self.h, objek, kode, th, b)
            return ("efisiensi", (simp,), v) if simp != "-" else None
        jenis = _jenis_instrumen(kode if objek == "instrumen" else
                                 self.instrumen.get(kode, "") if besaran == "realisasi" else "")
        fungsi = {"ikm": mutu_ikm, "merit": kategori_merit, "nspk": kategori_nspk,
                  "ip_asn": lambda x: (kategori_ip_asn(x),)}.get(jenis)
        return (jenis, fungsi(v), v) if fungsi else None

    def ragam(self, jenis: str, label: str) -> list[int]:
        """Indeks ragam label jenis ini yang memuat ``label``."""
        n = norm_label(label)
        return [i for i, r in enumerate(self.kata[jenis]) if n in {norm_label(w) for w in r}]

    def rujukan(self, kalimat: str, kunci_narasi: str) -> list[tuple[int, list[tuple], bool, bool]]:
        """(posisi, kunci besaran, semua?, bernama?) setiap rujukan tegas dalam kalimat; posisi -1 = berkas iku_<kode>.
        Rujukan bernama (IKU, instrumen, semua IKU) juga berlaku di luar klausa label (lihat :func:`_calon`)."""
        t = self.t
        tahun = [t] + [int(y) for y in re.findall(r"\b(?:19|20)\d\d\b", kalimat) if int(y) != t]
        out = []

        def iku(kode):
            return [("iku", kode, y, b) for y in tahun for b in ("capaian", "realisasi")] + [
                ("iku", kode, t, "efisiensi")]

        def instrumen(awalan, besaran):
            ks = [("iku", kode, y, "realisasi") for kode, i in self.instrumen.items() if i.startswith(awalan)
                  for y in tahun]
            return ks + [("instrumen", awalan, y, b) for y in tahun for b in besaran]

        for m in _RE_IKU.finditer(kalimat):
            kode = f"IKU{m.group(1)}" if f"IKU{m.group(1)}" in self.kode_iku else (
                self.kode_iku[int(m.group(1)) - 1] if 0 < int(m.group(1)) <= len(self.kode_iku) else None)
            if kode:
                out.append((m.start(), iku(kode), False, True))
        for kode in self.kode_iku:
            if len(kode) > 2 and not kode.isdigit():
                out += [(m.start(), iku(kode), False, True) for m in re.finditer(rf"\b{re.escape(kode)}\b", kalimat)]
        for pola, awalan, besaran in ((r"\bIKM\b", "ikm", ("ikm",)), (r"\bNSPK\b", "nspk", ()),
                                      (r"sistem\s+merit", "sistem_merit", ("total_verifikasi", "total_mandiri")),
                                      (r"\bIP\s*ASN\b", "ip_asn", ())):
            out += [(m.start(), instrumen(awalan, besaran), False, True) for m in re.finditer(pola, kalimat, re.I)]
        out += [(m.start(), [("total", "", t, "serapan")], False, False)
                for m in re.finditer(r"\bserapan\b", kalimat, re.I)]
        for tingkat in ("output", "outcome"):
            out += [(m.start(), [("total", "", t, f"efisiensi_{tingkat}"), ("total", "", t, f"rata_capaian_{tingkat}")],
                     False, False) for m in re.finditer(rf"\b{tingkat}\b", kalimat, re.IGNORECASE)]
        out += [(m.start(), [("iku", k, t, b) for k in self.kode_iku for b in ("capaian", "efisiensi")], True, True)
                for m in _SEMUA.finditer(kalimat)]
        if kunci_narasi.startswith("iku_"):
            kode = next((k for k in self.kode_iku if k.lower() == kunci_narasi[4:].lower()), None)
            if kode:
                out.append((-1, iku(kode), False, True))
        return out

    def angka(self, kalimat: str) -> list[tuple[int, list[tuple], bool, bool]]:
        """(posisi, kunci besaran yang cocok pada presisi tercetak, False, False) setiap bilangan dalam kalimat."""
        out = []
        for m in _BIL.finditer(kalimat):
            teks = m.group(1)
            if _BUKAN_ANGKA.search(kalimat[:m.start()]) or (re.fullmatch(r"(?:19|20)\d\d", teks) and not m.group(2)):
                continue
            if any(r.start(1) == m.start() for r in (*_RE_IKU.finditer(kalimat), *RE_CACAH.finditer(kalimat))):
                continue  # "IKU 1" rujukan; "12 indikator" cacah, bukan besaran berkategori
            try:
                v = baca_angka(teks.replace("−", "-")).nilai
            except AngkaError:
                continue
            if v is None or ("," not in teks and not m.group(2) and abs(v) < 10):
                continue
            tol = toleransi(teks)
            kunci = [k for p, _, k in self.pool if k is not None and abs(p - v) <= tol]
            out.append((m.start(), list(dict.fromkeys(kunci)), False, False))
        return out


def _klaim(kalimat: str, kx: _Konteks) -> list[tuple[int, int, list[str]]]:
    """Kelompok label (awal, akhir, [label]) yang dinyatakan sebagai label; label yang dihubungkan
    'atau' / '/' satu kelompok (cukup salah satunya benar)."""
    calon = [(m.start(), m.end(), m.group(1), True) for m in kx.re_label.finditer(kalimat)]
    for m in _HURUF.finditer(kalimat):
        g = next(i for i in (1, 2, 3) if m.group(i))
        calon.append((m.start(), m.end(), m.group(g), False))
    calon.sort()
    out: list[tuple[int, int, list[str]]] = []
    akhir_klaim = None
    for n, (s, e, teks, kata) in enumerate(calon):
        if n + 1 < len(calon) and not kalimat[e:calon[n + 1][0]].strip():
            continue  # "kurang efisien": kata pertama keterangan label berikutnya, bukan label sendiri
        sebelum = kalimat[:s]
        rantai = akhir_klaim is not None and _RANTAI.match(kalimat[akhir_klaim:s])
        if kata and not rantai and not _PENANDA.search(sebelum):
            kapital = all(w[0].isupper() for w in teks.split())
            kata_lalu = re.findall(r"[\w-]+", sebelum)
            if not (kapital and kata_lalu and not kata_lalu[-1][0].isupper()
                    and not re.match(r"\s+[A-Z]\w", kalimat[e:])):
                akhir_klaim = None
                continue
        if rantai and rantai.group(1).lower() in ("atau", "/"):
            out[-1] = (out[-1][0], e, out[-1][2] + [teks])
        else:
            out.append((s, e, [teks]))
        akhir_klaim = e
    return out


def _klausa(kalimat: str) -> list[int]:
    """Batas klausa: kata penghubung pertentangan ("…, tetapi …"); bila kalimat diawali olehnya
    ("Walaupun …, …"), koma pertama sesudahnya juga batas."""
    batas = []
    for m in _KONTRAS.finditer(kalimat):
        batas.append(m.start())
        if not re.search(r"\w", kalimat[:m.start()]) and (k := kalimat.find(",", m.end())) >= 0:
            batas.append(k)
    return batas


def _calon(s: int, e: int, akhir: int, angka, rujukan, batas: list[int]):
    """(urutan calon besaran sebuah label [s, e), rujukan bernama di klausanya). Urutan: angka/rujukan
    terdekat sebelumnya dalam klausanya, lalu sesudahnya (sampai label berikutnya ``akhir``), lalu rujukan
    bernama di mana pun dalam kalimat, lalu IKU berkas ini."""
    lo = max([b for b in batas if b <= s], default=0)
    hi = min([b for b in batas if b >= e] + [akhir])
    semua = angka + [r for r in rujukan if r[0] >= 0]
    out = sorted([c for c in semua if lo <= c[0] < s], key=lambda c: -c[0])
    out += sorted([c for c in semua if e <= c[0] < hi], key=lambda c: c[0])
    kuat = [r for r in rujukan if r[0] >= 0 and r[3]]
    out += sorted([c for c in kuat if c not in out], key=lambda c: abs(c[0] - s))
    return out + [r for r in rujukan if r[0] < 0], [r for r in kuat if lo <= r[0] < hi and not r[2]]


def _nilai_klaim(kx: _Konteks, label: list[str], calon, pendukung=()):
    """None bila benar; 'tak' bila tak ada besaran yang dapat dikaitkan; selain itu
    (kunci, jenis, dihitung, uraian) besaran yang menolak kelompok label ini. Label juga benar bila sesuai
    dengan besaran rujukan bernama di klausanya (``pendukung``) yang bukan besaran angka terdekatnya."""
    def benar(c):
        return any(norm_label(c[1][i]) == norm_label(w) for w in label for i in kx.ragam(c[0], w))

    def hitung(k, c):
        return c[1][(kx.ragam(c[0], label[0]) or [0])[0]]

    def sejenis(kunci):
        return [(k, c) for k in kunci if (c := kx.kelas(k)) and any(kx.ragam(c[0], w) for w in label)]

    for _, kunci, semua, _ in calon:
        cocok = sejenis(kunci)
        if not cocok:
            continue
        bernama = {k for r in pendukung for k in r[1]}
        if not semua and not bernama & {k for k, _ in cocok} and any(benar(c) for _, c in sejenis(bernama)):
            return None  # angka tak sesuai rujukan bernama di klausanya (kebetulan sama): tidak dipakai
        # "semua IKU berkategori X (atau Y)": setiap IKU; selain itu: cukup satu besaran calon yang sesuai
        salah = [(k, c) for k, c in cocok if not benar(c)] if semua else ([] if any(benar(c) for _, c in cocok)
                                                                          else cocok[:1])
        if not salah:
            return None
        uraian = "; ".join(f"{kx.nama.get(k, ' '.join(map(str, k[1:])))} = {_fmt(c[2])} → {hitung(k, c)}"
                           for k, c in salah)
        dihitung = "; ".join(f"{k[1]} {hitung(k, c)}" for k, c in salah) if semua else hitung(*salah[0])
        return salah[0][0], salah[0][1][0], dihitung, uraian
    return "tak"


def audit_narasi_label(h: HasilKinerja) -> list[Temuan]:
    kx = _Konteks(h)
    out: list[Temuan] = []
    for kunci, teks in sorted(h.data.narasi.items()):
        lokasi = f"narasi/{kunci}.md"
        teks = _BARIS_LUNAK.sub(" ", teks)  # kalimat Markdown yang terbungkus beberapa baris (panjang tetap)
        for km in _KALIMAT.finditer(teks):
            kalimat = km.group(0)
            klaim = _klaim(kalimat, kx)
            if not klaim:
                continue
            angka, rujukan, batas = kx.angka(kalimat), kx.rujukan(kalimat, kunci), _klausa(kalimat)
            for j, (s, e, label) in enumerate(klaim):
                akhir = klaim[j + 1][0] if j + 1 < len(klaim) else len(kalimat)
                calon, pendukung = _calon(s, e, akhir, angka, rujukan, batas)
                tertulis = kalimat[s:e]
                pola = rf"(?<![\w-]){re.escape(tertulis)}(?![\w-])"
                ke = len(re.findall(pola, teks[:km.start() + s])) + 1
                dasar = dict(lokasi=lokasi, dilaporkan=tertulis, sumber=f"{lokasi} (kemunculan ke-{ke})")
                hasil = _nilai_klaim(kx, label, calon, pendukung)
                if hasil is None:
                    continue
                if hasil == "tak":
                    out.append(Temuan("info", "tak_teraudit", besaran="label", pesan=(
                        f"label kategori '{tertulis}' tidak dapat dikaitkan dengan besaran hasil hitung; tidak "
                        "diperiksa (sebut angkanya, atau IKU/IKM/Sistem Merit/serapan/efisiensi output/outcome, "
                        "di kalimat yang sama)"), **dasar))
                    continue
                k, jenis, dihitung, uraian = hasil
                out.append(Temuan("galat", "narasi_label", objek=k[0], kode=k[1], besaran=_BESARAN[jenis],
                                  dihitung=dihitung, pesan=f"label '{tertulis}' berbeda dengan kategori hasil "
                                                           f"hitung: {uraian}", **dasar))
    return out


def tandai_label(html: str, dilaporkan: str, sumber: str, judul: str) -> str:
    """Tandai kemunculan ke-n label ``dilaporkan`` (n dari ``sumber``) pada teks HTML (di luar tag)."""
    m = re.search(r"kemunculan ke-(\d+)", sumber or "")
    ke = int(m.group(1)) if m else 1
    pola = re.compile(rf"(?<![\w-]){re.escape(dilaporkan)}(?![\w-])")
    bagian = re.split(r"(<[^>]+>)", html)
    for i, b in enumerate(bagian):
        if b.startswith("<"):
            continue
        for x in pola.finditer(b):
            ke -= 1
            if ke == 0:
                bagian[i] = (b[:x.start()] + f'<mark class="angka-ditolak penanda-draf" title="{judul}">'
                             f"{x.group(0)}</mark>" + b[x.end():])
                return "".join(bagian)
    return html


__all__ = ["audit_narasi_label", "tandai_label"]
