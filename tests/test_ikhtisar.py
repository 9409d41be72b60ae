"""Ikhtisar kabupaten (``outputs/index.html``): matriks SKPD × tahun dari folder laporan palsu yang
berbentuk sama dengan keluaran build (manifest.json + ringkasan.json + audit.csv), kelengkapan,
ekspor CSV/xlsx, dan halaman di Chromium headless (saring, urut, tanpa galat konsol) pada 50 × 3."""

from __future__ import annotations

import csv
import json
import re
import shutil
import subprocess
import time
from pathlib import Path

import pytest

from lkj_lib.batch.ikhtisar import hitung_akar, kelengkapan, tautan_manifest
from lkj_lib.batch.indeks import tulis_indeks
from lkj_lib.batch.jalankan import HasilLaporan

KOLOM_AUDIT = ["tingkat", "besaran", "lokasi", "pesan"]


def palsu_laporan(root: Path, slug: str, tahun: str, capaian: float | None, serapan: float | None,
                  efisiensi: float | None = None, temuan: list[dict] | None = None, nama: str = "",
                  berkas: tuple[str, ...] = ("html", "pdf", "audit.csv")) -> Path:
    """Folder laporan berbentuk keluaran build (isi HTML/PDF hanya penanda)."""
    f = root / slug / tahun
    f.mkdir(parents=True, exist_ok=True)
    (f / ".lkj-keluaran").write_text("lkj\n")
    nama_dasar = f"LKj-{slug}-{tahun}"
    keluaran = {}
    peta = {"html": f"{nama_dasar}.html", "pdf": f"{nama_dasar}.pdf", "docx": f"{nama_dasar}.docx",
            "audit.csv": "audit.csv", "audit.html": "audit.html", "nb": "notebooks/01_pendahuluan.html",
            "nb2": "notebooks/02_perencanaan.html", "reviu": "reviu/reviu.html"}
    temuan = temuan or []
    kolom = sorted({k for t in temuan for k in t} | set(KOLOM_AUDIT), key=lambda k: (k not in KOLOM_AUDIT, k))
    for b in berkas:
        rel = peta[b]
        (f / rel).parent.mkdir(parents=True, exist_ok=True)
        if b == "audit.csv":
            with open(f / rel, "w", newline="", encoding="utf-8") as fh:
                w = csv.DictWriter(fh, fieldnames=kolom)
                w.writeheader()
                w.writerows(temuan)
        else:
            (f / rel).write_text(f"<p>{rel}</p>", encoding="utf-8")
        keluaran[rel] = "0" * 64
    hitung = {t: sum(1 for x in temuan if x["tingkat"] == t) for t in ("galat", "peringatan", "info")}
    ring = {"skpd": nama or slug, "slug": slug, "tahun": int(tahun), "capaian_iku": capaian, "serapan": serapan,
            "efisiensi": {"nilai": efisiensi, "simpulan": "Efisien", "metode": "selisih", "dasar": "outcome"},
            "audit": hitung, "sintetis": False}
    (f / "ringkasan.json").write_text(json.dumps(ring), encoding="utf-8")
    keluaran["ringkasan.json"] = "0" * 64
    (f / "manifest.json").write_text(json.dumps({"skpd": nama or slug, "keluaran": keluaran}), encoding="utf-8")
    return f


def hasil(slug: str, tahun: str, status: str = "tersimpan", **kw) -> HasilLaporan:
    return HasilLaporan(slug, tahun, status, html=f"LKj-{slug}-{tahun}.html", **kw)


def _sel(html: str) -> dict[str, str]:
    """{id sel matriks: isi HTML}."""
    return dict(re.findall(r'<td id="([^"]+)" class="sel[^"]*"[^>]*>(.*?)</td>', html, re.S))


def _teks(pola: str, isi: str) -> str:
    m = re.search(pola, isi, re.S)
    return m.group(1).strip() if m else ""


# ---------------------------------------------------------------------- bagian-bagian
def test_akar_temuan_hanya_baris_tanpa_akar(tmp_path):
    p = tmp_path / "audit.csv"
    p.write_text("tingkat,besaran,akar\ngalat,a,\ngalat,b,T1\nperingatan,c,\nperingatan,d, \ninfo,e,\n"
                 "peringatan,f,T3\n", encoding="utf-8")
    assert hitung_akar(p) == {"galat": 1, "peringatan": 2}  # baris ber-akar adalah turunan
    p.write_text("tingkat,besaran\ngalat,a\ngalat,b\nperingatan,c\ninfo,e\n", encoding="utf-8")
    assert hitung_akar(p) == {"galat": 2, "peringatan": 1}  # tanpa kolom akar: semua dihitung
    assert hitung_akar(tmp_path / "tidak-ada.csv") is None


def test_tautan_dari_manifest_bukan_tebakan():
    keluaran = {rel: "0" * 64 for rel in (
        "LKj-a b-2024.html", "LKj-a b-2024.pdf", "LKj-a b-2024.docx", "audit.csv", "audit.html",
        "notebooks/01_x.ipynb", "notebooks/01_x.html", "notebooks/02_y.html", "reviu/reviu.html",
        "data/iku.csv", "figures/g.png", "ringkasan.json")}
    assert tautan_manifest(keluaran, "a%20b/2024/") == [
        ("HTML", "a%20b/2024/LKj-a%20b-2024.html"), ("PDF", "a%20b/2024/LKj-a%20b-2024.pdf"),
        ("DOCX", "a%20b/2024/LKj-a%20b-2024.docx"), ("notebook 1", "a%20b/2024/notebooks/01_x.html"),
        ("notebook 2", "a%20b/2024/notebooks/02_y.html"), ("audit", "a%20b/2024/audit.html"),
        ("audit.csv", "a%20b/2024/audit.csv"), ("reviu", "a%20b/2024/reviu/reviu.html")]
    assert tautan_manifest({"LKj-a-2024.html": "x", "notebooks/01.html": "y"}, "") == [
        ("HTML", "LKj-a-2024.html"), ("notebook", "notebooks/01.html")]


def test_kelengkapan_folder_tanpa_lkj_yaml_dan_skpd_tanpa_tahun(tmp_path):
    for rel in ("a/2024", "b/2023", "b/2024", "c/catatan", ".tersembunyi/2024"):
        (tmp_path / rel).mkdir(parents=True)
    for rel in ("a/2024", "b/2023"):
        (tmp_path / rel / "lkj.yaml").write_text("tahun: 2024\n")
    (tmp_path / "d").mkdir()
    hasil = kelengkapan(tmp_path, {"a/2024", "b/2023"})
    assert [(s.skpd, s.tahun, s.status) for s in hasil] == [
        ("b", "2024", "tidak lengkap"), ("c", "", "tidak lengkap"), ("d", "", "tidak lengkap")]
    assert "b/2024/lkj.yaml tidak ada" in hasil[0].pesan and "tidak berisi folder tahun" in hasil[1].pesan
    assert kelengkapan(tmp_path / "b", set()) == []  # akar = satu SKPD: bukan akar params
    assert kelengkapan(None, set()) == []


# ---------------------------------------------------------------------- halaman + ekspor
@pytest.fixture
def kabupaten(tmp_path):
    """2 SKPD × 2 tahun + satu gagal (keluaran lama ada) + folder params tidak lengkap."""
    out, params = tmp_path / "outputs", tmp_path / "params"
    t_akar = [{"tingkat": "galat", "besaran": "b", "lokasi": "l", "pesan": "p", "akar": ""},
              {"tingkat": "galat", "besaran": "b", "lokasi": "l", "pesan": "p", "akar": "A1"},
              {"tingkat": "peringatan", "besaran": "b", "lokasi": "l", "pesan": "p", "akar": ""},
              {"tingkat": "info", "besaran": "b", "lokasi": "l", "pesan": "p", "akar": ""}]
    palsu_laporan(out, "dinas-a", "2023", 101.25, 88.5, 12.75, nama="Dinas A")
    palsu_laporan(out, "dinas-a", "2024", 97.5, 91.0, 6.5, t_akar, nama="Dinas A",
                  berkas=("html", "docx", "audit.csv", "nb"))
    palsu_laporan(out, "dinas-b", "2023", 80.0, 70.0, -10.0, nama="=HYPERLINK(\"http://x\")")
    palsu_laporan(out, "dinas-b", "2024", 120.0, 95.0, 25.0, nama="Dinas B")  # keluaran lama dari build sebelumnya
    (out / "dinas-a" / "2024" / "LKj-dinas-a-2024.pdf").write_text("pdf di disk, tidak ada di manifest")
    for rel in ("dinas-a/2023", "dinas-a/2024", "dinas-b/2023", "dinas-b/2024", "dinas-c/2024"):
        (params / rel).mkdir(parents=True)
        if rel != "dinas-c/2024":
            (params / rel / "lkj.yaml").write_text("tahun: 2024\n")
    h = [hasil("dinas-a", "2023"), hasil("dinas-a", "2024", "berhasil", waktu=3.25),
         hasil("dinas-b", "2023"),
         HasilLaporan("dinas-b", "2024", "gagal", pesan="masukan tidak sah (2 galat): realisasi.csv baris 3 "
                      "kolom realisasi: 'delapan' tidak sesuai tipe angka", rincian=["[GALAT] x", "[GALAT] y"])]
    return out, params, h


def test_ikhtisar_matriks_angka_tautan_dan_masalah(kabupaten):
    out, params, h = kabupaten
    html = tulis_indeks(out, h, root_params=params).read_text(encoding="utf-8")
    sel = _sel(html)
    assert set(sel) == {"dinas-a-2023", "dinas-a-2024", "dinas-b-2023", "dinas-b-2024", "dinas-c-2024"}
    a24 = sel["dinas-a-2024"]
    assert _teks(r'<span class="capaian">(.*?)</span>', a24) == "97,50%"
    assert _teks(r'<span class="serapan">(.*?)</span>', a24) == "91,00%"
    assert _teks(r'<span class="efisiensi">(.*?)</span>', a24) == "6,50"
    assert _teks(r'<span class="jumlah-akar">(.*?)</span>', a24) == "2"  # 1 galat + 1 peringatan tanpa akar
    assert "(1 galat, 1 peringatan)" in a24 and "semua temuan: 2 galat, 1 peringatan, 1 catatan" in a24
    berkas = _teks(r'<div class="berkas">(.*?)</div>', a24)
    assert re.findall(r">([^<]+)</a>", berkas) == ["HTML", "DOCX", "notebook", "audit.csv"]  # PDF tidak di manifest
    # gagal: angka laporan lama tidak dipakai, tautannya ditandai keluaran lama, galat pertama tampil
    b24 = sel["dinas-b-2024"]
    assert 'class="capaian"' not in b24 and "keluaran lama:" in b24 and "delapan" in b24
    # daftar "perlu ditindaklanjuti": yang gagal dan folder tanpa lkj.yaml, dengan galat pertama
    masalah = re.search(r'<table id="masalah">(.*?)</table>', html, re.S).group(1)
    baris = re.findall(r'<tr class="st-([a-z-]+)" data-skpd="([^"]+)">(.*?)</tr>', masalah, re.S)
    assert [(st, s) for st, s, _ in baris] == [("gagal", "dinas-b"), ("tidak-lengkap", "dinas-c")]
    assert "realisasi.csv baris 3" in baris[0][2] and "2 masalah" in baris[0][2]
    assert "dinas-c/2024/lkj.yaml tidak ada" in baris[1][2]
    # baris matriks membawa angka mentah untuk saring/urut, teks ter-escape
    assert 'data-capaian-2024="97.5"' in html and 'data-akar-2024="2"' in html and 'data-capaian-2023="80.0"' in html
    assert "=HYPERLINK(&#34;http://x&#34;)" in html and '=HYPERLINK("' not in html
    # grafik lintas SKPD per tahun (SVG sebaris) dan tren lintas tahun per SKPD
    assert html.count('data-grafik-tahun="') == 2 and "<title>Dinas A: 97,50%</title>" in html
    assert html.count('class="tren"') == 2  # dinas-a dan dinas-b; dinas-c tanpa angka: tanpa tren
    assert "<title>capaian 2023: 101,25%, 2024: 97,50%; serapan 2023: 88,50%, 2024: 91,00%</title>" in html
    assert "<title>capaian 2023: 80,00%, 2024: -; serapan 2023: 70,00%, 2024: -</title>" in html  # gagal: tanpa titik
    # berdiri sendiri: tidak ada sumber luar (skrip, gaya, gambar, font)
    assert not re.search(r'(src|href)="(https?:)?//|@import|url\(', html)


def test_ekspor_csv_dan_xlsx_aman_injeksi(kabupaten):
    import openpyxl

    out, params, h = kabupaten
    tulis_indeks(out, h, root_params=params)
    with open(out / "ikhtisar.csv", newline="", encoding="utf-8") as f:
        baris = {(r["skpd"], r["tahun"]): r for r in csv.DictReader(f)}
    assert len(baris) == 5
    a24 = baris[("dinas-a", "2024")]
    assert (a24["capaian_iku_persen"], a24["serapan_persen"], a24["efisiensi"]) == ("97.5", "91.0", "6.5")
    assert (a24["akar_galat"], a24["akar_peringatan"], a24["temuan_galat"]) == ("1", "1", "2")
    assert a24["html"] == "dinas-a/2024/LKj-dinas-a-2024.html"
    assert baris[("dinas-b", "2023")]["nama_skpd"] == "'=HYPERLINK(\"http://x\")"  # dinetralkan
    assert baris[("dinas-b", "2024")]["status"] == "gagal" and baris[("dinas-b", "2024")]["capaian_iku_persen"] == ""
    assert baris[("dinas-c", "2024")]["status"] == "tidak lengkap"
    ws = openpyxl.load_workbook(out / "ikhtisar.xlsx").active
    kolom = [c.value for c in ws[1]]
    rows = {(r[0], r[2]): dict(zip(kolom, r)) for r in ws.iter_rows(min_row=2, values_only=True)}
    assert rows[("dinas-a", "2024")]["capaian_iku_persen"] == 97.5  # angka tetap angka
    sel = next(c for c in ws["B"] if c.value and str(c.value).startswith("=HYPERLINK"))
    assert sel.data_type == "s"  # teks, bukan rumus


# ---------------------------------------------------------------------- Chromium headless, 50 SKPD × 3 tahun
UJI_JS = """<script>
(function () {
  var hasil = {};
  function tampil() {
    return Array.prototype.filter.call(document.querySelectorAll("#matriks tbody tr"),
      function (tr) { return !tr.hidden; }).map(function (tr) { return tr.getAttribute("data-skpd"); });
  }
  function ubah(id, v) { var e = document.getElementById(id); e.value = v; e.dispatchEvent(new Event("change")); }
  hasil.awal = tampil();
  ubah("f-status", "masalah"); hasil.masalah = tampil();
  hasil.teks = document.getElementById("jumlah-tampil").textContent;
  ubah("f-status", "");
  document.getElementById("f-akar").click(); hasil.akar = tampil(); document.getElementById("f-akar").click();
  ubah("f-tahun", "2023");
  hasil.kolom = Array.prototype.map.call(document.querySelectorAll("#matriks th[data-kolom-tahun]"),
    function (th) { return th.hidden; });
  ubah("urut", "capaian-turun"); hasil.urut = tampil();
  var c = document.getElementById("cari"); c.value = "NOMOR 4"; c.dispatchEvent(new Event("input"));
  hasil.cari = tampil();
  ubah("g-tahun", "2022");
  hasil.grafik = Array.prototype.map.call(document.querySelectorAll("[data-grafik-tahun]"),
    function (d) { return d.hidden; });
  hasil.ms = performance.now();
  var pre = document.createElement("pre"); pre.id = "hasil-uji"; pre.textContent = JSON.stringify(hasil);
  document.body.appendChild(pre);
}());
</script>
"""


def kabupaten_besar(out: Path, n: int = 50, tahun=("2022", "2023", "2024"), seed: int = 1):
    """n SKPD × tahun folder laporan palsu; beberapa gagal, satu tidak lengkap. Kembalikan (hasil, fakta)."""
    import random

    rng = random.Random(seed)
    h, fakta = [], {"capaian": {}, "akar": set(), "masalah": set()}
    for i in range(n):
        slug = f"dinas-{i:02d}"
        for t in tahun:
            if i % 17 == 3 and t == tahun[-1]:
                h.append(HasilLaporan(slug, t, "gagal", pesan=f"masukan tidak sah (1 galat): {slug} baris {i}"))
                fakta["masalah"].add(slug)
                continue
            temuan = [{"tingkat": rng.choice(["galat", "peringatan", "info"]), "besaran": "x", "lokasi": "y",
                       "pesan": "z", "akar": rng.choice(["", "A1", "A2"])} for _ in range(rng.randint(0, 3))]
            capaian = round(rng.uniform(60, 130), 2) if i % 11 else None  # sebagian tanpa capaian IKU
            palsu_laporan(out, slug, t, capaian, round(rng.uniform(50, 100), 2), round(rng.uniform(-30, 30), 2),
                          temuan, nama=f"Dinas Nomor {i} Kabupaten Contoh",
                          berkas=("html", "pdf", "audit.csv", "nb", "nb2", "docx", "audit.html"))
            h.append(hasil(slug, t))
            fakta["capaian"][(slug, t)] = capaian
            if any(x["tingkat"] in ("galat", "peringatan") and not x["akar"] for x in temuan):
                fakta["akar"].add(slug)
    return h, fakta


def _chromium(args: list[str], profil: Path, timeout: int = 120) -> subprocess.CompletedProcess:
    exe = shutil.which("chromium") or shutil.which("chromium-browser")
    if not exe:
        pytest.skip("chromium tidak terpasang (.ci/run memasangnya)")
    return subprocess.run([exe, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                           "--no-first-run", "--disable-component-update", "--disable-sync",
                           f"--user-data-dir={profil}", "--enable-logging=stderr", "--v=0", *args],
                          capture_output=True, text=True, timeout=timeout)


def test_halaman_50_skpd_3_tahun_di_chromium_saring_urut_cetak(tmp_path):
    out, params = tmp_path / "outputs", tmp_path / "params"
    h, fakta = kabupaten_besar(out)
    (params / "dinas-99" / "2024").mkdir(parents=True)  # folder ada, lkj.yaml tidak
    for x in h:
        (params / x.skpd / x.tahun).mkdir(parents=True, exist_ok=True)
        (params / x.skpd / x.tahun / "lkj.yaml").write_text("tahun: 2024\n")
    t0 = time.perf_counter()
    indeks = tulis_indeks(out, h, root_params=params)
    print(f"\nindeks 50×3 ditulis dalam {time.perf_counter() - t0:.2f} s, {indeks.stat().st_size / 1024:.0f} KiB")
    uji = out / "index-uji.html"
    uji.write_text(indeks.read_text(encoding="utf-8").replace("</body>", UJI_JS + "</body>"), encoding="utf-8")

    r = _chromium(["--dump-dom", uji.as_uri()], tmp_path / "profil")
    konsol = [b for b in r.stderr.splitlines() if "CONSOLE" in b or "Uncaught" in b]
    assert not konsol, konsol
    hasil_uji = json.loads(re.search(r'<pre id="hasil-uji">(.*?)</pre>', r.stdout, re.S).group(1)
                           .replace("&quot;", '"').replace("&amp;", "&"))
    print(f"Chromium: skrip halaman + uji selesai {hasil_uji['ms']:.0f} ms setelah navigasi dimulai")
    semua = sorted(f"dinas-{i:02d}" for i in range(50)) + ["dinas-99"]
    assert sorted(hasil_uji["awal"]) == semua
    assert hasil_uji["awal"][:3] == ["dinas-00", "dinas-01", "dinas-02"]  # urut alami menurut nama
    # saring "bermasalah": yang gagal dan yang tidak lengkap saja
    assert sorted(hasil_uji["masalah"]) == sorted(fakta["masalah"] | {"dinas-99"})
    assert hasil_uji["teks"] == f"{len(fakta['masalah']) + 1} dari 51 SKPD"
    # klik "hanya yang punya akar temuan": baris berubah menjadi tepat SKPD yang punya akar temuan
    assert sorted(hasil_uji["akar"]) == sorted(fakta["akar"]) and 0 < len(fakta["akar"]) < 50
    # tahun 2023: kolom lain disembunyikan; urut capaian 2023 menurun, tanpa angka di akhir
    assert hasil_uji["kolom"] == [True, False, True]
    c23 = {s: fakta["capaian"].get((s, "2023")) for s in semua}
    harap = sorted((s for s in semua if c23[s] is not None), key=lambda s: -c23[s])
    assert hasil_uji["urut"][:len(harap)] == harap
    assert set(hasil_uji["urut"][len(harap):]) == {s for s in semua if c23[s] is None}
    assert sorted(hasil_uji["cari"]) == ["dinas-04", "dinas-40", "dinas-41", "dinas-42", "dinas-43", "dinas-44",
                                         "dinas-45", "dinas-46", "dinas-47", "dinas-48", "dinas-49"]
    assert hasil_uji["grafik"] == [False, True, True]  # grafik 2022 tampil, 2023/2024 tersembunyi

    # cetak: PDF berisi matriks, tanpa kontrol saring
    pdf = tmp_path / "ikhtisar.pdf"
    r = _chromium([f"--print-to-pdf={pdf}", "--no-pdf-header-footer", indeks.as_uri()], tmp_path / "profil2")
    assert pdf.is_file(), r.stderr[-2000:]
    teks = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True).stdout
    assert "Ikhtisar Laporan Kinerja Kabupaten" in teks and "Dinas Nomor 49 Kabupaten" in teks
    assert "Cari SKPD" not in teks and "Urutkan" not in teks
