"""Pembangkit masukan mutan untuk fuzz ``lkj``: dari dua contoh (HSS, Balangan) ke folder SKPD-tahun rusak.

Mutan ke-``i`` untuk benih ``seed`` selalu sama (``random.Random(f"{seed}:{i}")``), sehingga setiap
temuan dapat diulang dengan ``fuzz_masukan.py --seed S --ulang I``. Jenis mutasi:

- sel: kosong, teks 10 000 karakter, bilangan 40 digit, rumus/teks berbahaya, unicode, karakter
  kendali, ``nan``/``inf``, tanggal, format persen/ribuan; juga sel teks yang sampai ke grafik
  (nama indikator/program/aspek) dan sel bertipe (xlsx: int raksasa, float nan, datetime, bool);
- struktur: baris/kolom/lembar dibuang atau digandakan, judul kolom diubah, baris terpotong/berlebih,
  ribuan baris, lembar tak dikenal/kosong/nol bait, lembar ganda (beda huruf besar);
- pengodean CSV: BOM UTF-8, UTF-16, cp1252, tab/titik koma, CR saja, NUL, bait tak sah, kutip
  terbuka, berkas terpotong;
- YAML: tipe salah, kunci hilang/asing, tanggal tak sah, alias (bom kecil), sarang dalam, tag Python,
  sintaks rusak, bukan UTF-8;
- narasi: teks raksasa, HTML/skrip, tautan gambar keluar folder, bukan UTF-8, nama asing, folder `.md`;
- sistem berkas: symlink keluar folder (data, lkj.yaml, narasi), folder di tempat berkas, berkas di
  tempat folder, data.xlsx dan data/ sekaligus, symlink putus, FIFO, bom zip (.xlsx).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import random
from dataclasses import dataclass, field
from pathlib import Path

import yaml

INDUK = {"hss": "params/bkpsdm-hulu-sungai-selatan/2022", "balangan": "params/bkpsdm-balangan/2022"}
SLUG = {"hss": "bkpsdm-hulu-sungai-selatan", "balangan": "bkpsdm-balangan"}

TEKS_JAHAT = [
    '=HYPERLINK("http://x","klik")', "=cmd|' /C calc'!A0", "+1+1", "-2+3", "@SUM(A1)", "\t=1+1", "\r=1+1",
    "=1/0", "\uff1d1+1", r"$\foo{x}$", "$x$", "50%", "_a^b", "a\nb", "a\r\nb", "\\n", "é漢字🙂👍🏽", "\u202egnp.exe",
    "\u200b", "\x00", "\x07", "\x1b[31mmerah", "\ud800".encode("utf-8", "surrogatepass").decode("utf-8", "replace"),
    "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "{{7*7}}", "${7*7}", "%s%n%x", "../../etc/passwd",
    "' OR 1=1 --", "None", "null", "TRUE", "-", " ", "", "  x  ", "x" * 10_000, "ä" * 5000, "\n" * 300,
]
ANGKA_ANEH = [
    "9" * 40, "-" + "9" * 40, "1e308", "1e309", "-1e400", "1e-400", "nan", "NaN", "inf", "-inf", "Infinity", "0",
    "-0", "-0,0", "1/0", "0/0", "12,5%", "%", "1.000.000,00", "1,000,000.00", "1.2.3", "(1.234)", "≥ 26", "≤",
    "-0,18", "1.058.998.350,00", "63,32 %", "8 dokumen", "1e5", "0x10", "١٢٣", "１２３", "½", "1_000", "Rp 1.000",
    "100%%", "-%", "99999999999999999999999999999999999999%", "2022-13-45", "31/12/2022", "2022-02-29",
    "2022", "20221", "-2022", "2022.5", "MMXXII", "tw1",
]
KOLOM_TEKS = {"indikator": ["indikator", "satuan"], "renja": ["nama"], "indikator_renja": ["indikator", "satuan"],
              "sistem_merit": ["aspek", "indikator"], "tujuan": ["tujuan"], "sasaran": ["sasaran"],
              "nspk": ["elemen"], "pembanding": ["wilayah"]}


@dataclass
class Masukan:
    induk: str
    format: str  # csv | xlsx
    yaml_teks: str | bytes
    lembar: dict[str, list[list]]  # nama berkas/lembar → baris (baris 0 = judul)
    narasi: dict[str, str | bytes]
    enc: str = "utf-8"
    pemisah: str = ","
    eol: str = "\r\n"
    mentah: dict[str, bytes] = field(default_factory=dict)  # berkas CSV yang ditulis apa adanya
    fs: list[str] = field(default_factory=list)  # operasi sistem berkas setelah ditulis
    catatan: list[str] = field(default_factory=list)


def muat_induk(akar: Path) -> dict[str, Masukan]:
    """Baca kedua contoh sekali (di proses induk sebelum fork)."""
    out = {}
    for k, rel in INDUK.items():
        d = akar / rel
        lembar = {}
        for p in sorted((d / "data").glob("*.csv")):
            with open(p, newline="", encoding="utf-8-sig") as f:
                lembar[p.stem] = [list(r) for r in csv.reader(f)]
        narasi = {p.name: p.read_text(encoding="utf-8") for p in sorted((d / "narasi").glob("*.md"))}
        out[k] = Masukan(k, "csv", (d / "lkj.yaml").read_text(encoding="utf-8"), lembar, narasi)
    return out


def _salin(m: Masukan) -> Masukan:
    return Masukan(m.induk, m.format, m.yaml_teks, {k: [list(r) for r in v] for k, v in m.lembar.items()},
                   dict(m.narasi))


# ---------------------------------------------------------------- mutasi sel
def _sel_acak(r: random.Random, m: Masukan):
    nama = r.choice(sorted(m.lembar))
    rows = m.lembar[nama]
    if len(rows) < 2 or not rows[0]:
        return nama, 0, 0
    i = r.randrange(1, len(rows))
    return nama, i, r.randrange(len(rows[i]) or 1)


def _set(m: Masukan, nama: str, i: int, j: int, v) -> None:
    rows = m.lembar[nama]
    while len(rows) <= i:
        rows.append([])
    row = rows[i]
    while len(row) <= j:
        row.append("")
    row[j] = v


def mut_sel(r, m):
    nama, i, j = _sel_acak(r, m)
    v = r.choice(TEKS_JAHAT + ANGKA_ANEH)
    _set(m, nama, i, j, v)
    m.catatan.append(f"sel {nama}[{i},{j}] = {v[:40]!r}")


def mut_sel_teks(r, m):
    """Teks yang sampai ke tabel, grafik dan CSV keluaran (nama indikator/program/aspek)."""
    pilihan = [(n, k) for n, ks in KOLOM_TEKS.items() if m.lembar.get(n) for k in ks if k in m.lembar[n][0]]
    if not pilihan:  # lembar teks sudah dibuang/dikosongkan mutasi sebelumnya
        return mut_sel(r, m)
    nama, kol = r.choice(pilihan)
    rows = m.lembar[nama]
    j = rows[0].index(kol)
    v = r.choice(TEKS_JAHAT[:24] + ["x" * 10_000, "a\nb\nc", "50% _a^b $\\foo{x}$"])
    for i in r.sample(range(1, len(rows)), min(len(rows) - 1, r.choice([1, 1, 3, 1000]))):
        _set(m, nama, i, j, v)
    m.catatan.append(f"teks {nama}.{kol} = {v[:40]!r}")


def mut_sel_angka(r, m):
    nama, i, j = _sel_acak(r, m)
    v = r.choice(ANGKA_ANEH)
    _set(m, nama, i, j, v)
    m.catatan.append(f"angka {nama}[{i},{j}] = {v[:40]!r}")


def mut_sel_tipe(r, m):
    """Sel bertipe (hanya bermakna di xlsx; di CSV menjadi teksnya)."""
    nama, i, j = _sel_acak(r, m)
    v = r.choice([10**40, -(10**40), 2**63, float("nan"), float("inf"), -0.0, 1e-320, True, False,
                  dt.datetime(2022, 12, 31, 23, 59), dt.date(1900, 1, 1), dt.time(12, 0), 0.1 + 0.2, -5, 1e308])
    _set(m, nama, i, j, v)
    m.catatan.append(f"tipe {nama}[{i},{j}] = {v!r}")


# ---------------------------------------------------------------- mutasi struktur
def mut_struktur(r, m):
    nama = r.choice(sorted(m.lembar))
    rows = m.lembar[nama]
    op = r.choice(["buang_baris", "ganda_baris", "buang_kolom", "ganda_kolom", "judul", "judul_kosong",
                   "judul_ganda", "potong_baris", "lebih_baris", "acak_baris", "buang_lembar", "ganda_lembar",
                   "lembar_asing", "hanya_judul", "nol_bait", "banyak_baris", "tukar_kolom", "baris_kosong"])
    n = len(rows)
    if op == "buang_baris" and n > 1:
        del rows[r.randrange(1, n)]
    elif op == "ganda_baris" and n > 1:
        rows.insert(r.randrange(1, n), list(rows[r.randrange(1, n)]))
    elif op in ("buang_kolom", "ganda_kolom", "tukar_kolom") and rows and rows[0]:
        j = r.randrange(len(rows[0]))
        for row in rows:
            if j < len(row):
                if op == "buang_kolom":
                    del row[j]
                elif op == "ganda_kolom":
                    row.append(row[j])
                else:
                    row[0], row[j] = row[j], row[0]
    elif op == "judul" and rows and rows[0]:
        j = r.randrange(len(rows[0]))
        rows[0][j] = r.choice([rows[0][j].upper(), f" {rows[0][j]} ", rows[0][j].replace("_", " "),
                               rows[0][j] + "\u200b", "kolom_asing", "=1+1", "x" * 5000, "No.", rows[0][j] + "\n"])
    elif op == "judul_kosong" and rows:
        rows[0] = [""] * len(rows[0])
    elif op == "judul_ganda" and rows and len(rows[0]) > 1:
        rows[0][1] = rows[0][0]
    elif op == "potong_baris" and n > 1:
        i = r.randrange(1, n)
        rows[i] = rows[i][: r.randrange(len(rows[i]) or 1)]
    elif op == "lebih_baris" and n > 1:
        rows[r.randrange(1, n)].extend(["lebih", "", "9"])
    elif op == "acak_baris" and n > 2:
        isi = rows[1:]
        r.shuffle(isi)
        rows[1:] = isi
    elif op == "buang_lembar":
        del m.lembar[nama]
    elif op == "ganda_lembar":
        m.lembar[nama.upper() if r.random() < 0.5 else f"{nama} "] = [list(x) for x in rows]
    elif op == "lembar_asing":
        m.lembar[r.choice(["asing", "Sheet1", "..", "petunjuk2", "_x", "lembar dengan spasi"])] = [["a", "b"], ["1", "2"]]
    elif op == "hanya_judul":
        del rows[1:]
    elif op == "nol_bait":
        rows.clear()
    elif op == "banyak_baris" and n > 1:
        k = r.choice([2000, 5000, 20000])
        rows.extend(list(rows[1 + (x % (n - 1))]) for x in range(k))
    elif op == "baris_kosong":
        rows.insert(r.randrange(1, n + 1) if n else 0, [""] * (len(rows[0]) if rows else 1))
    m.catatan.append(f"struktur {op} {nama}")


# ---------------------------------------------------------------- mutasi pengodean (CSV)
def mut_enc(r, m):
    op = r.choice(["utf-8-sig", "utf-16", "utf-16-le", "cp1252", "latin-1", "tab", "titik_koma", "cr", "lf",
                   "nul", "bait_rusak", "kutip_terbuka", "terpotong", "campur_pemisah"])
    if op in ("utf-8-sig", "utf-16", "utf-16-le", "cp1252", "latin-1"):
        m.enc = op
    elif op == "tab":
        m.pemisah = "\t"
    elif op == "titik_koma":
        m.pemisah = ";"
    elif op in ("cr", "lf"):
        m.eol = "\r" if op == "cr" else "\n"
    else:
        nama = r.choice(sorted(m.lembar))
        teks = csv_teks(m.lembar[nama], m.pemisah, m.eol).encode("utf-8")
        if op == "nul":
            k = r.randrange(len(teks) + 1)
            teks = teks[:k] + b"\x00" + teks[k:]
        elif op == "bait_rusak":
            k = r.randrange(len(teks) + 1)
            teks = teks[:k] + b"\xff\xfe\xc3(" + teks[k:]
        elif op == "kutip_terbuka":
            teks = teks.replace(b",", b',"', 1)
        elif op == "terpotong":
            teks = teks[: r.randrange(len(teks) + 1)]
        else:
            teks = teks.replace(b",", b";", len(teks) // 40)
        m.mentah[nama] = teks
    m.catatan.append(f"enc {op}")


def csv_teks(rows, pemisah=",", eol="\r\n") -> str:
    buf = io.StringIO()
    w = csv.writer(buf, delimiter=pemisah, lineterminator=eol)
    for row in rows:
        w.writerow(["" if v is None else v for v in row])
    return buf.getvalue()


# ---------------------------------------------------------------- mutasi YAML
def _jalur(d, r):
    """Pilih (wadah, kunci) acak di dalam dict YAML."""
    wadah, kunci = d, r.choice(list(d))
    while isinstance(wadah[kunci], dict) and wadah[kunci] and r.random() < 0.6:
        wadah, kunci = wadah[kunci], r.choice(list(wadah[kunci]))
    return wadah, kunci


def mut_yaml(r, m):
    op = r.choice(["tipe", "tipe", "hapus", "asing", "tanggal", "tahun", "renstra", "alias", "dalam", "tag",
                   "rusak", "kosong", "daftar", "biner", "utf16", "ganda", "teks_raksasa"])
    d = None
    if op in ("tipe", "hapus", "asing", "tanggal", "tahun", "renstra", "teks_raksasa"):
        try:
            d = yaml.safe_load(m.yaml_teks)
        except (yaml.YAMLError, RecursionError):  # YAML sudah dirusak mutasi sebelumnya
            pass
        if not isinstance(d, dict) or not d:
            op = "ganda"
    if d is not None and op != "ganda":
        if op == "tipe":
            wadah, k = _jalur(d, r)
            wadah[k] = r.choice([[1, 2], {"a": 1}, 10**40, -1, 1.5, True, None, "", "teks", [], {}, "2T-R; x",
                                 float("nan"), "=1+1", r"$\foo{x}$"])
        elif op == "hapus":
            wadah, k = _jalur(d, r)
            del wadah[k]
        elif op == "asing":
            wadah, _ = _jalur(d, r)
            wadah["kunci_asing"] = "x"
        elif op == "tanggal":
            d.setdefault("laporan", {})["tanggal"] = r.choice(
                ["2022-02-30", "30-12-2022", 20221231, "kemarin", dt.date(1, 1, 1), "9999-12-31", ""])
        elif op == "tahun":
            d["tahun"] = r.choice([2021, "2022", 0, -2022, 10**6, "dua ribu", 2022.5])
        elif op == "renstra":
            d["renstra"] = r.choice([{"mulai": 2030, "akhir": 2018}, {"mulai": "a"}, [2018, 2023], "2018-2023"])
        else:
            wadah, k = _jalur(d, r)
            wadah[k] = "x" * 100_000
        m.yaml_teks = yaml.safe_dump(d, allow_unicode=True, sort_keys=False)
    elif isinstance(m.yaml_teks, bytes):
        m.yaml_teks = m.yaml_teks + b"\n: : :\n"
    elif op == "alias":
        lapis = r.choice([3, 5, 7])
        baris = ["a0: &a0 [" + ", ".join(["x"] * 10) + "]"]
        baris += [f"a{k}: &a{k} [" + ", ".join([f"*a{k - 1}"] * 10) + "]" for k in range(1, lapis)]
        m.yaml_teks = m.yaml_teks + "\n" + "\n".join(baris) + f"\nvisi: *a{lapis - 1}\n"
    elif op == "dalam":
        k = r.choice([100, 5000])
        m.yaml_teks = m.yaml_teks + "\nmisi: " + "[" * k + "]" * k + "\n"
    elif op == "tag":
        m.yaml_teks = m.yaml_teks + "\nvisi: !!python/object/apply:os.system ['echo x']\n"
    elif op == "rusak":
        m.yaml_teks = m.yaml_teks.replace(":", "", 3) + "\n\t- : [\n"
    elif op == "kosong":
        m.yaml_teks = r.choice(["", "   \n", "~\n", "# hanya komentar\n"])
    elif op == "daftar":
        m.yaml_teks = "- a\n- b\n"
    elif op == "biner":
        m.yaml_teks = bytes(r.randrange(256) for _ in range(200))
    elif op == "utf16":
        m.yaml_teks = m.yaml_teks.encode("utf-16")
    elif op == "ganda":
        m.yaml_teks = m.yaml_teks + (b"\ntahun: 2021\n" if isinstance(m.yaml_teks, bytes) else "\ntahun: 2021\n")
    m.catatan.append(f"yaml {op}")


# ---------------------------------------------------------------- mutasi narasi
def mut_narasi(r, m):
    op = r.choice(["raksasa", "html", "gambar_luar", "gambar_url", "bukan_utf8", "asing", "kosong", "tabel"])
    nama = r.choice(sorted(m.narasi)) if m.narasi else "latar_belakang.md"
    if op == "raksasa":
        m.narasi[nama] = "Paragraf panjang. " * 200_000
    elif op == "html":
        m.narasi[nama] = "<script>alert(1)</script>\n\n<iframe src='http://x'></iframe> [x](javascript:alert(1))"
    elif op == "gambar_luar":
        m.narasi[nama] = "![rahasia](../../../../luar/rahasia.png)\n\n![x](/etc/passwd)\n"
    elif op == "gambar_url":
        m.narasi[nama] = "![x](http://127.0.0.1:9/x.png) ![y](file:///etc/passwd) <img src='http://x/y.png'>"
    elif op == "bukan_utf8":
        m.narasi[nama] = "Teks cp1252: ©®".encode("cp1252") + b"\xff\xfe"
    elif op == "asing":
        m.narasi["tidak_dikenal.md"] = "x"
    elif op == "kosong":
        m.narasi[nama] = ""
    else:
        m.narasi[nama] = "| a | b |\n|---|---|\n" + "| 1 | 2 |\n" * 5000
    m.catatan.append(f"narasi {op} {nama}")


# ---------------------------------------------------------------- mutasi sistem berkas
def mut_fs(r, m):
    op = r.choice(["symlink_data", "symlink_yaml", "symlink_narasi", "symlink_dir_narasi", "dir_data_berkas",
                   "dir_yaml", "data_berkas", "xlsx_dan_data", "symlink_putus", "fifo", "bom_zip", "xlsx_rusak",
                   "symlink_data_dir", "dir_md"])
    if op == "fifo" and r.random() < 0.7:  # mahal bila belum ditangani (menunggu batas waktu): jarang
        op = "symlink_putus"
    if op == "bom_zip" and r.random() < 0.7:
        op = "xlsx_rusak"
    if op in ("bom_zip", "xlsx_rusak"):
        m.format = "xlsx"
    m.fs.append(op)
    m.catatan.append(f"fs {op}")


MUTASI = [(mut_sel, 20), (mut_sel_teks, 14), (mut_sel_angka, 12), (mut_sel_tipe, 4), (mut_struktur, 18),
          (mut_enc, 8), (mut_yaml, 12), (mut_narasi, 5), (mut_fs, 5)]


def buat(induk: dict[str, Masukan], seed: int, i: int) -> Masukan:
    r = random.Random(f"{seed}:{i}")
    m = _salin(induk[r.choice(sorted(induk))])
    m.format = "xlsx" if r.random() < 0.35 else "csv"
    m.catatan.append(f"{m.induk} {m.format}")
    if r.random() < 0.04:
        m.catatan.append("tanpa mutasi")
        return m
    fungsi = [f for f, _ in MUTASI]
    bobot = [b for _, b in MUTASI]
    for _ in range(r.choice([1, 1, 1, 2, 2, 3])):
        f = r.choices(fungsi, bobot)[0]
        if f is mut_enc and m.format == "xlsx":
            f = mut_sel_tipe
        f(r, m)
    return m
