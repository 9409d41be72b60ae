"""Keluaran tidak pernah menghapus masukan atau berkas yang bukan milik lkj, tidak membocorkan jalur
mesin, tidak mengambil apa pun dari luar; draf dan kegagalan build (isu 14, isu 9 butir 6, 8, 9)."""

from __future__ import annotations

import copy
import hashlib
import http.server
import json
import os
import re
import shutil
import subprocess
import sys
import threading
from concurrent.futures import ThreadPoolExecutor
from html.parser import HTMLParser
from pathlib import Path

import nbformat
import pandas as pd
import pytest

from lkj_lib.bangun import KeluaranError, _pindahkan, bangun
from lkj_lib.bangun.aman import PENANDA, sapu_sisa, tandai
from lkj_lib.bangun.parameter import daftar_notebook
from lkj_lib.bangun.rakit import rakit
from lkj_lib.cli import main
from lkj_lib.errors import BuildError
from lkj_lib.masukan import muat
from mini import TABEL, tulis_mini

PNG_1PX = bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010806000000"
                        "1f15c4890000000d49444154789c63f8cfc0f01f0005000201a1f5d84a0000000049454e44ae426082")


def _sidik_pohon(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


# ---------------------------------------------------------------------- cepat (tanpa kernel)
@pytest.mark.parametrize("tempat", ["akar", "skpd", "sama", "di_dalam"])
def test_keluaran_tumpang_tindih_dengan_masukan_ditolak(mini, tempat, capsys):
    root = mini.parent.parent
    keluaran = {"akar": root, "skpd": mini.parent, "sama": mini, "di_dalam": mini / "keluaran"}[tempat]
    sebelum = _sidik_pohon(root)
    assert main(["build", "--tanpa-pdf", str(mini), "--keluaran", str(keluaran)]) == 1
    assert "folder masukan" in capsys.readouterr().err
    assert _sidik_pohon(root) == sebelum and not (mini / "keluaran").exists()
    assert sorted(p.name for p in root.rglob(".*")) == []


def test_batch_keluaran_di_akar_params_ditolak(tmp_path, capsys):
    root = tmp_path / "params"
    a = tulis_mini(root / "dinas-a" / "2024")
    tulis_mini(root / "dinas-b" / "2024")
    sebelum = _sidik_pohon(root)
    for keluaran in (root, root / "hasil", a):
        assert main(["batch", str(root), "--keluaran", str(keluaran), "--tanpa-pdf", "--jobs", "1"]) == 1
        assert "folder masukan" in capsys.readouterr().err
        assert _sidik_pohon(root) == sebelum
    assert not (root / "hasil").exists() and not (root / "index.html").exists()


def test_folder_tanpa_penanda_atau_tautan_tidak_diganti(mini, tmp_path):
    out = tmp_path / "out"
    milik_orang = out / "dinas-contoh" / "2024"
    milik_orang.mkdir(parents=True)
    (milik_orang / "penting.xlsx").write_bytes(b"data analis")
    with pytest.raises(KeluaranError, match="bukan keluaran lkj"):
        bangun(mini, out, pdf=False, log=None)
    assert (milik_orang / "penting.xlsx").read_bytes() == b"data analis"
    # tautan simbolik ke folder lain: tidak diganti, tujuannya tidak disentuh
    shutil.rmtree(milik_orang)
    lain = tmp_path / "lain"
    lain.mkdir()
    (lain / "berkas.txt").write_text("x")
    tandai(lain)
    milik_orang.symlink_to(lain, target_is_directory=True)
    with pytest.raises(KeluaranError, match="tautan simbolik"):
        bangun(mini, out, pdf=False, log=None)
    assert (lain / "berkas.txt").read_text() == "x" and milik_orang.is_symlink()


def test_pindahkan_serentak_600_tanpa_galat(tmp_path):
    root = tmp_path / "out"
    tujuan = root / "dinas" / "2024"
    kerja = []
    for i in range(600):
        s = root / f".dinas-2024.kerja-{i}"
        s.mkdir(parents=True)
        tandai(s)
        (s / "isi.txt").write_text(str(i))
        kerja.append(s)
    galat = []

    def satu(s):
        try:
            _pindahkan(s, tujuan)
        except Exception as e:  # noqa: BLE001
            galat.append(repr(e))

    with ThreadPoolExecutor(32) as ex:
        list(ex.map(satu, kerja))
    assert galat == []
    assert int((tujuan / "isi.txt").read_text()) in range(600)
    assert sorted(p.name for p in root.iterdir()) == [".lkj-kunci-dinas-2024", "dinas"]
    assert [p.name for p in (root / "dinas").iterdir()] == ["2024"]


def _pindah_banyak(arg) -> list[str]:
    """Dijalankan di proses lain: ``n`` pemindahan ke tujuan yang sama; kembalikan galatnya."""
    root, awal, n = arg
    tujuan = Path(root) / "dinas" / "2024"
    galat = []
    for i in range(awal, awal + n):
        s = Path(root) / f".dinas-2024.kerja-p{i}"
        s.mkdir(parents=True)
        tandai(s)
        (s / "isi.txt").write_text(str(i))
        try:
            _pindahkan(s, tujuan)
        except Exception as e:  # noqa: BLE001
            galat.append(repr(e))
    return galat


def test_pindahkan_serentak_antar_proses(tmp_path):
    import multiprocessing

    root = tmp_path / "out"
    with multiprocessing.get_context("spawn").Pool(4) as pool:
        galat = pool.map(_pindah_banyak, [(str(root), k * 50, 50) for k in range(4)])
    assert galat == [[], [], [], []]
    assert int((root / "dinas" / "2024" / "isi.txt").read_text()) in range(200)
    assert sorted(p.name for p in root.iterdir()) == [".lkj-kunci-dinas-2024", "dinas"]


def test_sapu_sisa_hanya_folder_kerja_bertanda_laporan_ini(tmp_path):
    root = tmp_path / "out"
    sisa = root / ".dinas-2024.kerja-abc"
    draf = root / ".dinas-2024-draf.kerja-def"   # laporan lain (draf): tidak disapu
    asing = root / ".dinas-2024.kerja-xyz"        # tanpa penanda: bukan buatan lkj
    lama = root / "dinas" / ".2024.lama-123"
    for p in (sisa, draf, asing, lama):
        p.mkdir(parents=True)
        (p / "a.txt").write_text("a")
    for p in (sisa, draf, lama):
        tandai(p)
    assert sorted(sapu_sisa(root, "dinas", "2024")) == sorted([sisa, lama])
    assert draf.exists() and asing.exists() and not sisa.exists() and not lama.exists()


def test_bersihkan_hanya_bertanda_dan_tidak_mengikuti_tautan(tmp_path, capsys):
    root = tmp_path / "outputs"
    laporan = root / "dinas" / "2024"
    gagal = root / "dinas" / "2023-gagal"
    kerja = root / ".dinas-2024.kerja-k1"
    audit = root / "audit"
    for p in (laporan, gagal, kerja, audit):
        p.mkdir(parents=True)
        (p / "x.txt").write_text("x")
        tandai(p)
    tandai(root)
    (root / "index.html").write_text("<p>")
    (root / "README.md").write_text("bukan milik lkj")
    masukan = root / "dinas" / "2022"               # folder tanpa penanda (mis. masukan keliru)
    masukan.mkdir()
    (masukan / "lkj.yaml").write_text("tahun: 2022")
    penting = tmp_path / "penting"
    (penting / "sub").mkdir(parents=True)
    (penting / "sub" / "data.csv").write_text("a,b")
    tandai(penting)
    (root / "tautan").symlink_to(penting, target_is_directory=True)
    (root / "dinas" / "2021").symlink_to(penting, target_is_directory=True)

    assert main(["bersihkan", str(root)]) == 0
    out = capsys.readouterr().out
    assert "dibiarkan" in out
    assert not laporan.exists() and not gagal.exists() and not kerja.exists() and not audit.exists()
    assert not (root / "index.html").exists() and (root / "README.md").exists()
    assert (masukan / "lkj.yaml").exists()
    assert (penting / "sub" / "data.csv").read_text() == "a,b" and (penting / PENANDA).exists()
    assert (root / "tautan").is_symlink() and (root / "dinas" / "2021").is_symlink()


def test_makefile_clean_memakai_lkj_bersihkan():
    teks = (Path(__file__).resolve().parents[1] / "Makefile").read_text(encoding="utf-8")
    resep = teks.split("\nclean:", 1)[1].split("\n\n", 1)[0]
    assert "lkj bersihkan outputs" in resep and "rm -rf outputs" not in resep


def test_daftar_isi_tidak_meng_escape_dua_kali(mini):
    from markupsafe import escape

    nama = "Sasaran <script>alert(1)</script> & Layanan"
    potongan = {"01_x": f'<h1 class="bab" id="bab-1">BAB I</h1><h2 id="b1-s">{escape(nama)}</h2>'
                        f'<p class="judul-tabel" id="tabel-1-1">Tabel 1.1 {escape(nama)}</p>'
                        f'<figure><figcaption id="gambar-1-1">Gambar 1.1 {escape(nama)}</figcaption></figure>'}
    html = rakit(potongan, muat(mini).profil, False, {"galat": 0, "peringatan": 0, "info": 0}).render("layar")
    toc = html.split('id="daftar-isi"', 1)[1].split('<div class="isi-hal">', 1)[0]
    assert "&amp;lt;" not in toc and "&amp;amp;" not in toc
    assert toc.count("Sasaran &lt;script&gt;alert(1)&lt;/script&gt; &amp; Layanan") == 3  # isi, tabel, gambar


def test_audit_terminal_melipat_tidak_memotong(capsys):
    from lkj_lib.cli.laporan import _cetak_temuan

    lokasi = "Tabel 3.12 Lampiran Renja Program Penunjang Urusan Pemerintahan"
    kode = "5.01.01.2.01.0001#12-indikator-panjang"
    df = pd.DataFrame([{"tingkat": "galat", "lokasi": lokasi, "objek": "renja_indikator", "kode": kode,
                        "besaran": "capaian", "dilaporkan": "12,5", "dihitung": "13,0", "pesan": "beda"}])
    _cetak_temuan(df)
    baris = capsys.readouterr().out.splitlines()[1:]
    assert len(baris) > 1  # dilipat, bukan dipotong

    def kolom(awal, lebar):
        return " ".join(b[awal:awal + lebar].strip() for b in baris if b[awal:awal + lebar].strip())

    assert kolom(13, 26) == lokasi
    assert kolom(40, 22).replace(" ", "") == f"renja_indikator{kode}"
    assert baris[0].endswith(" beda")


def test_berkas_koneksi_kernel_sisa_lkj_disapu(tmp_path):
    from lkj_lib.bangun.eksekusi import sapu_koneksi

    p = subprocess.Popen([sys.executable, "-c", "pass"])
    p.wait()  # pid proses yang sudah selesai
    mati = tmp_path / f"kernel-lkj-{p.pid}-0a1b.json"
    hidup = tmp_path / f"kernel-lkj-{os.getpid()}-2c3d.json"
    lain = tmp_path / "kernel-1f2e3d.json"            # kernel Jupyter Lab / pengguna lain
    for f in (mati, hidup, lain):
        f.write_text("{}")
    assert sapu_koneksi(tmp_path) == [mati]
    assert hidup.exists() and lain.exists()


def test_pengambil_pdf_menolak_jaringan_dan_berkas_luar(tmp_path):
    from weasyprint import HTML

    from lkj_lib.cetak.pdf import pengambil_terbatas as _pengambil

    permintaan = []

    class Penangan(http.server.BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802
            permintaan.append(self.path)
            self.send_response(200)
            self.send_header("Content-Type", "image/png")
            self.end_headers()
            self.wfile.write(PNG_1PX)

        def log_message(self, *a):
            pass

    srv = http.server.HTTPServer(("127.0.0.1", 0), Penangan)
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    kerja = tmp_path / "kerja"
    kerja.mkdir()
    (kerja / "ok.png").write_bytes(PNG_1PX)
    rahasia = tmp_path / "rahasia.png"
    rahasia.write_bytes(PNG_1PX)
    try:
        f = _pengambil([kerja])
        html = (f'<img src="http://127.0.0.1:{srv.server_port}/a.png"><img src="{rahasia.as_uri()}">'
                f'<img src="ok.png"><img src="data:image/png;base64,iVBORw0KGgo=">')
        HTML(string=html, base_url=kerja.as_uri() + "/", url_fetcher=f).render()
    finally:
        srv.shutdown()
    assert permintaan == []
    assert sorted(f.ditolak) == sorted([f"http://127.0.0.1:{srv.server_port}/a.png", rahasia.as_uri()])


# ---------------------------------------------------------------------- build nyata
class _Sumber(HTMLParser):
    def __init__(self):
        super().__init__()
        self.url: list[str] = []
        self.img: list[dict] = []
        self.tautan: list[str] = []  # href <a> (tidak dimuat peramban; hanya bila diklik)

    def handle_starttag(self, tag, attrs):
        self.url += [v or "" for k, v in attrs if k in ("src", "href", "srcset", "poster", "data")]
        if tag == "img":
            self.img.append(dict(attrs))
        if tag == "a":
            self.tautan += [v or "" for k, v in attrs if k == "href"]


def _berkas_sendiri(folder, href: str) -> bool:
    """Tautan relatif ke berkas yang ada di folder laporan itu sendiri (notebooks/*.html, audit.html, reviu)."""
    jalur = href.split("#", 1)[0]
    return bool(jalur) and ":" not in jalur and not jalur.startswith(("/", "\\")) and ".." not in jalur \
        and (folder / jalur).is_file()


def _url_luar(html: str, folder=None) -> list[str]:
    p = _Sumber()
    p.feed(html)
    boleh = [u for u in p.url if u.startswith(("#", "data:"))]
    if folder is not None:
        boleh += [u for u in p.tautan if _berkas_sendiri(folder, u)]
    return [u for u in p.url if u not in boleh] + re.findall(r"url\((?!['\"]?(?:data:|#))[^)]*\)", html)


@pytest.mark.slow
def test_build_narasi_gambar_tanpa_pengambilan_luar(tmp_path):
    tabel = copy.deepcopy(TABEL)
    tabel["indikator"][0]["indikator"] = "Indeks <script>Kepuasan</script> & Layanan"  # judul "Gambar 3.2 Tren …"
    mini = tulis_mini(tmp_path / "params" / "dinas-contoh" / "2024", tabel)
    (mini / "narasi" / "gambar").mkdir()
    (mini / "narasi" / "gambar" / "bagan.png").write_bytes(PNG_1PX)
    (mini / "narasi" / "gambar" / "palsu.png").write_text("<svg onload=x>")
    rahasia = tmp_path / "rahasia.png"
    rahasia.write_bytes(PNG_1PX)
    (mini / "narasi" / "latar_belakang.md").write_text(
        "Bagan: ![bagan](gambar/bagan.png)\n\nLuar: ![a](http://127.0.0.1:9/a.png) "
        f"![b]({rahasia}) ![c](gambar/palsu.png) ![d](gambar/../../lkj.yaml) "
        "[situs](https://contoh.go.id) [bab](#bab-1)\n", encoding="utf-8")
    out = tmp_path / "out"
    sisa = out / ".dinas-contoh-2024.kerja-mati"   # sisa build yang dibunuh
    sisa.mkdir(parents=True)
    tandai(sisa)
    h = bangun(mini, out, log=None)
    html = h.html.read_text(encoding="utf-8")
    b64 = __import__("base64").b64encode(PNG_1PX).decode()
    p = _Sumber()
    p.feed(html)
    assert [i for i in p.img if i.get("class") == "gambar-narasi"] == [
        {"class": "gambar-narasi", "src": f"data:image/png;base64,{b64}", "alt": "bagan"}]
    for src in ("http://127.0.0.1:9/a.png", str(rahasia), "gambar/palsu.png", "gambar/../../lkj.yaml"):
        assert f"[gambar tidak dimuat: {src}" in html
    assert _url_luar(html, h.folder) == []  # tautan <a> hanya ke berkas laporan ini sendiri
    assert 'href="audit.html"' in html and _url_luar(html) != []  # (tanpa folder: tautan itu terhitung)
    assert json.loads((h.folder / "manifest.json").read_text())["pdf"]["url_ditolak"] == 0
    # Daftar Gambar: nama indikator di-escape tepat sekali
    toc = html.split('id="daftar-isi"', 1)[1].split('<div class="isi-hal">', 1)[0]
    assert "Tren Indeks &lt;script&gt;Kepuasan&lt;/script&gt; &amp; Layanan</span>" in toc
    assert "&amp;lt;" not in toc and "&amp;amp;" not in toc
    # mode folder normal menurut umask, sisa build lama disapu
    umask = os.umask(0)
    os.umask(umask)
    assert (h.folder.stat().st_mode & 0o777) == (0o777 & ~umask)
    assert not sisa.exists() and (h.folder / PENANDA).is_file() and (out / PENANDA).is_file()


@pytest.mark.slow
def test_dua_salinan_di_jalur_berbeda_hasil_sama(mini, tmp_path):
    from lkj_lib.batch.kernel import PelaksanaHangat

    b = tmp_path / "salinan" / "jauh" / "lain" / "dinas-contoh" / "2024"
    shutil.copytree(mini, b)
    with PelaksanaHangat() as pel:
        ha = bangun(mini, tmp_path / "out-a", pdf=False, log=None, pelaksana=pel)
        hb = bangun(b, tmp_path / "keluaran" / "b", pdf=False, log=None, pelaksana=pel)
    ma, mb = (json.loads((h.folder / "manifest.json").read_text()) for h in (ha, hb))
    for m in (ma, mb):
        del m["dibuat"], m["waktu_detik"]
        # notebook tereksekusi memuat waktu eksekusi sel (metadata Papermill): sidiknya memang berbeda
        m["keluaran"] = {k: v for k, v in m["keluaran"].items() if not k.endswith(".ipynb")}
    assert ma == mb and "data/tabel-2-1-tujuan.csv" in ma["keluaran"] and ma["parameter"]["folder_skpd"] == "dinas-contoh/2024"
    assert ha.html.read_bytes() == hb.html.read_bytes()
    for nb in daftar_notebook():
        na, nb_ = (nbformat.read(h.folder / "notebooks" / nb.name, as_version=4) for h in (ha, hb))
        pa, pb = ([c for c in n.cells if "injected-parameters" in c.metadata.get("tags", [])] for n in (na, nb_))
        assert len(pa) == 1 and pa[0].id == "injected-parameters"
        tanpa_waktu = [({k: v for k, v in c.items() if k != "metadata"}, c.metadata.tags) for c in (pa[0], pb[0])]
        assert tanpa_waktu[0] == tanpa_waktu[1]  # id, sumber, keluaran, tag (metadata selain tag = waktu)
        assert 'folder_skpd = "dinas-contoh/2024"' in pa[0].source
        for k in ("parameters", "input_path", "output_path"):
            assert na.metadata.papermill[k] == nb_.metadata.papermill[k]
        teks = json.dumps(na)
        assert str(tmp_path) not in teks and ".kerja-" not in teks


@pytest.mark.slow
def test_draf_tidak_mengganti_final_dan_isinya_normal(mini, tmp_path):
    pypdf = pytest.importorskip("pypdf")
    from lkj_lib.batch.kernel import PelaksanaHangat

    (mini / "narasi" / "saran.md").unlink()
    out = tmp_path / "out"
    with PelaksanaHangat() as pel:
        final = bangun(mini, out, log=None, pelaksana=pel)
        pdf_final = shutil.copy(final.pdf, tmp_path / "final.pdf")
        sidik = _sidik_pohon(final.folder)
        draf = bangun(mini, out, draf=True, log=None, pelaksana=pel)
        assert _sidik_pohon(final.folder) == sidik                       # final tidak disentuh
        assert draf.html.name == "LKj-dinas-contoh-2024-DRAF.html" and draf.pdf.name.endswith("-DRAF.pdf")
        assert draf.folder == out / "dinas-contoh" / "2024-draf"
        sidik_draf = _sidik_pohon(draf.folder)
        bangun(mini, out, pdf=False, log=None, pelaksana=pel)            # final lagi: draf tetap
        assert _sidik_pohon(draf.folder) == sidik_draf
    html = draf.html.read_text(encoding="utf-8")
    assert 'class="tanda-air-draf"' in html and "penanda-draf" in html and 'class="sampul-draf"' in html
    assert not re.search(r"(^|[\s}])\.draf\s*\{", html)  # tidak ada gaya untuk kelas body 'draf'
    rf, rd = pypdf.PdfReader(str(pdf_final)), pypdf.PdfReader(str(draf.pdf))
    assert abs(len(rd.pages) - len(rf.pages)) <= 1                     # tidak berlipat
    assert all("DRAF" in p.extract_text() for p in rd.pages)            # tanda air di setiap halaman
    assert not any("DRAF" in p.extract_text() for p in rf.pages)


@pytest.mark.slow
def test_galat_build_dijelaskan_lalu_gagal_lama_dihapus(mini, tmp_path):
    nbdir = tmp_path / "nb"
    nbdir.mkdir()
    for p in daftar_notebook():
        shutil.copy(p, nbdir / p.name)
    nb = nbformat.read(nbdir / "02_bab2_perencanaan.ipynb", as_version=4)
    nb.cells.insert(4, nbformat.v4.new_code_cell("baris = {'nama': 'x'}\nbaris['kode']"))
    nbformat.write(nb, nbdir / "02_bab2_perencanaan.ipynb")
    out = tmp_path / "out"
    with pytest.raises(BuildError) as e:
        bangun(mini, out, pdf=False, log=None, notebooks=sorted(nbdir.glob("*.ipynb")))
    pesan = str(e.value)
    assert "notebook 02_bab2_perencanaan.ipynb gagal di sel kode ke-" in pesan
    assert "`baris = {'nama': 'x'}`" in pesan and "KeyError: 'kode'" in pesan and "saran:" in pesan
    gagal = out / "dinas-contoh" / "2024-gagal"
    galat = (gagal / "galat.txt").read_text(encoding="utf-8")
    assert "Traceback" in galat and "baris['kode']" in galat and "\x1b[" not in galat
    assert "KeyError" in galat and "saran:" in galat
    assert not (out / "dinas-contoh" / "2024").exists()
    h = bangun(mini, out, pdf=False, log=None)
    assert h.html.is_file() and not gagal.exists()


@pytest.mark.slow
def test_kernel_lkj_menulis_koneksi_bernama_lkj_di_runtime(tmp_path, monkeypatch):
    from lkj_lib.bangun.eksekusi import PelaksanaSegar

    runtime = tmp_path / "runtime"
    monkeypatch.setenv("JUPYTER_RUNTIME_DIR", str(runtime))
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell("from ipykernel import get_connection_file\nprint(get_connection_file())")]
    nbformat.write(nb, tmp_path / "k.ipynb")
    hasil = PelaksanaSegar().jalankan(tmp_path / "k.ipynb", tmp_path / "k-out.ipynb", {})
    berkas = Path(hasil.cells[0].outputs[0]["text"].strip())
    assert berkas.parent == runtime and re.fullmatch(rf"kernel-lkj-{os.getpid()}-[0-9a-f]+\.json", berkas.name)
    assert not berkas.exists()  # kernel dimatikan normal: berkasnya dibersihkan
