"""Build penuh kedua contoh (Papermill → nbconvert → WeasyPrint) dan pemeriksaan hasilnya."""

import json
import re
import shutil
import subprocess

import nbformat
import pytest

from conftest import BALANGAN, HSS
from lkj_lib.bangun import bangun
from lkj_lib.bangun.parameter import daftar_notebook
from lkj_lib.errors import BuildError, InputError, ParameterError

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def keluaran(tmp_path_factory):
    root = tmp_path_factory.mktemp("outputs")
    hasil = {nama: bangun(folder, root, log=None) for nama, folder in (("hss", HSS), ("balangan", BALANGAN))}
    return root, hasil


def _tabel(html: str, ident: str) -> str:
    m = re.search(rf'<div class="tabel-lkj[^"]*" data-tabel="{ident}">(.*?)</table>', html, re.S)
    assert m, f"tabel {ident} tidak ada"
    return m.group(1)


def test_angka_di_tabel_html_yang_tepat(keluaran):
    _, hasil = keluaran
    hss = hasil["hss"].html.read_text(encoding="utf-8")
    ang = _tabel(hss, "anggaran")
    for teks in ("14.644.589.858", "11.965.651.021", "81,71", "2.630.836.150", "64,82", "1.263.950"):
        assert teks in ang
    cap = _tabel(hss, "capaian_sasaran")
    assert "87,60" in cap and "219" in cap and "103,03" in cap
    bal = hasil["balangan"].html.read_text(encoding="utf-8")
    assert "17.124.936.792" in _tabel(bal, "anggaran") and "16.084.901.751" in _tabel(bal, "anggaran")
    ef = _tabel(bal, "efisiensi_renja")
    assert re.search(r"Rata-rata output.*?-0,18.*?Tidak Efisien", ef, re.S)
    assert "9.390.046.056" in _tabel(bal, "anggaran_sasaran")


def test_html_mandiri_tanpa_kode(keluaran):
    _, hasil = keluaran
    html = hasil["hss"].html.read_text(encoding="utf-8")
    assert "<script" not in html.lower()
    assert "tampil.buka" not in html and "In&nbsp;[" not in html and "lap.tabel" not in html
    assert not re.search(r'src="(?!data:)', html), "semua gambar harus tertanam"
    # penomoran berurutan per BAB
    nomor = re.findall(r'<p class="judul-tabel" id="tabel-3-(\d+)"', html)
    assert [int(n) for n in nomor] == list(range(1, len(nomor) + 1))


def test_keluaran_lengkap_dan_manifest(keluaran):
    _, hasil = keluaran
    f = hasil["hss"].folder
    assert sorted(p.name for p in (f / "notebooks").glob("*.ipynb")) == [p.name for p in daftar_notebook()]
    nb = nbformat.read(f / "notebooks" / "03_bab3_akuntabilitas.ipynb", as_version=4)
    assert "papermill" in nb.metadata and any("injected-parameters" in c.metadata.get("tags", []) for c in nb.cells)
    html = hasil["hss"].html.read_text(encoding="utf-8")
    assert len(list((f / "data").glob("*.csv"))) == html.count('class="judul-tabel"')
    assert len(list((f / "figures").glob("*.png"))) == html.count("<figcaption")
    m = json.loads((f / "manifest.json").read_text())
    assert m["masukan_sha256"]["data/renja.csv"] and len(m["masukan_sha256"]["lkj.yaml"]) == 64
    assert set(m["waktu_detik"]) >= {p.stem for p in daftar_notebook()} | {"pdf", "total"}
    assert m["audit"]["galat"] > 0 and m["paket"]["papermill"]
    assert (f / "audit.csv").read_text(encoding="utf-8").startswith("tingkat,aturan,lokasi")
    # setiap berkas laporan terdaftar dengan SHA-256 yang benar; manifest dan keadaan build tidak
    import hashlib

    berkas = {p.relative_to(f).as_posix() for p in f.rglob("*") if p.is_file() and not p.name.startswith(".")}
    assert set(m["keluaran"]) == berkas - {"manifest.json"}
    assert {"audit.csv", f"{hasil['hss'].pdf.name}", f"{hasil['hss'].html.name}"} <= set(m["keluaran"])
    for rel in ("audit.csv", hasil["hss"].pdf.name):
        assert m["keluaran"][rel] == hashlib.sha256((f / rel).read_bytes()).hexdigest()


def test_pdf_bagian_daftar_isi_dan_bookmark(keluaran):
    pypdf = pytest.importorskip("pypdf")
    _, hasil = keluaran
    r = pypdf.PdfReader(str(hasil["hss"].pdf))
    teks = [p.extract_text() for p in r.pages]
    semua = "\n".join(teks)
    for bagian in ("KATA PENGANTAR", "IKHTISAR EKSEKUTIF", "DAFTAR ISI", "PENDAHULUAN", "PERENCANAAN KINERJA",
                   "AKUNTABILITAS KINERJA", "PENUTUP", "LAMPIRAN", "DAFTAR TABEL"):
        assert bagian in semua, bagian
    assert not re.search(r"^\s*i\s*$", teks[0], re.M), "sampul tanpa nomor halaman"
    assert re.search(r"^\s*ii\s*$", teks[1], re.M), "halaman depan kedua bernomor ii"
    isi = next(t for t in teks if "DAFTAR ISI" in t and "PENDAHULUAN" in t)
    assert re.search(r"BAB I PENDAHULUAN\s*1\b", isi)
    assert re.search(r"KATA PENGANTAR\s*iii?\b", isi)
    assert re.search(r"BAB III AKUNTABILITAS KINERJA\s*\d+", isi)
    judul = [o.title for o in r.outline if not isinstance(o, list)]
    assert any("BAB III" in j for j in judul) and any("DAFTAR ISI" in j for j in judul)
    lebar = {round(float(p.mediabox.width)) for p in r.pages}
    assert lebar == {595, 842}  # A4 tegak dan lanskap


def test_isi_pdf_per_bab_sama_dengan_tata_letak_utuh(keluaran, tmp_path):
    """Isi PDF HSS ditata per bab di proses pembantu (lkj_lib.cetak), sejajar dengan kernel. Hasilnya
    harus sama, halaman demi halaman, dengan isi yang ditata sebagai satu dokumen dari notebook
    tereksekusi yang sama. Nomor halaman juga harus berurutan tanpa celah."""
    pypdf = pytest.importorskip("pypdf")
    from lkj_lib.bangun.rakit import html_notebook, rakit
    from lkj_lib.cetak.pdf import impor_weasyprint
    from lkj_lib.masukan import muat

    _, hasil = keluaran
    h = hasil["hss"]
    potongan = {p.stem: html_notebook(nbformat.read(str(p), 4))
                for p in sorted((h.folder / "notebooks").glob("[0-9][0-9]_*.ipynb"))}
    r = rakit(potongan, muat(HSS).profil, False, {"galat": 0, "peringatan": 0, "info": 0})
    impor_weasyprint().HTML(string=r.render("isi"), base_url=h.folder.as_uri() + "/").write_pdf(
        str(tmp_path / "utuh.pdf"))

    def teks(path):
        return [re.sub(r"\s+", " ", p.extract_text()).strip() for p in pypdf.PdfReader(str(path)).pages]

    utuh, laporan = teks(tmp_path / "utuh.pdf"), teks(h.pdf)
    m = json.loads((h.folder / "manifest.json").read_text(encoding="utf-8"))
    assert m["pdf"]["halaman_isi"] == len(utuh) >= 30 and m["pdf"]["halaman_depan"] >= 4
    assert len(laporan) == m["pdf"]["halaman_depan"] + len(utuh)
    assert laporan[m["pdf"]["halaman_depan"]:] == utuh
    nomor = [int(re.search(r"(\d+)$", t).group(1)) for t in utuh[1:]]  # halaman isi pertama tanpa nomor
    assert nomor == list(range(2, len(utuh) + 1))


def test_tidak_ada_subjudul_yatim_di_dasar_halaman(keluaran):
    """Subjudul tepat di atas tabel lanskap ikut ke halaman lanskap (HSS: 'Perbandingan dengan Tahun
    Lalu...' dulu tertinggal di dasar halaman 19): tidak ada halaman yang teksnya berakhir dengan subjudul."""
    pypdf = pytest.importorskip("pypdf")
    from html import unescape

    _, hasil = keluaran
    for nama in ("hss", "balangan"):
        html = hasil[nama].html.read_text(encoding="utf-8")
        judul = {re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", "", j))).strip()
                 for j in re.findall(r"<h[23][^>]*>(.*?)</h[23]>", html, re.S)}
        assert len(judul) > 10
        for i, hal in enumerate(pypdf.PdfReader(str(hasil[nama].pdf)).pages, start=1):
            baris = [b.strip() for b in hal.extract_text().splitlines() if b.strip()]
            kepala = re.compile(r"[0-9ivxlc]+|.* — Laporan Kinerja Tahun \d{4}")  # nomor halaman, kepala
            while baris and kepala.fullmatch(baris[-1]):
                baris.pop()
            akhir = re.sub(r"\s+", " ", " ".join(baris[-2:]))
            yatim = [j for j in judul if j and akhir.endswith(j)]
            assert not yatim, f"{nama} halaman {i} berakhir dengan subjudul {yatim}"


def test_halaman_pdf_tidak_kosong(keluaran, tmp_path):
    if not shutil.which("pdftoppm"):
        pytest.skip("pdftoppm (poppler-utils) tidak terpasang")
    from PIL import Image, ImageStat

    _, hasil = keluaran
    subprocess.run(["pdftoppm", "-r", "20", "-png", str(hasil["balangan"].pdf), str(tmp_path / "h")], check=True)
    halaman = sorted(tmp_path.glob("h-*.png"))
    assert len(halaman) > 20
    for p in halaman:
        stat = ImageStat.Stat(Image.open(p).convert("L"))
        assert stat.stddev[0] > 3, f"{p.name} kosong"


def test_html_di_chromium_tanpa_galat_konsol(keluaran, tmp_path):
    exe = shutil.which("chromium") or shutil.which("chromium-browser")
    if not exe:
        pytest.skip("chromium tidak terpasang (.ci/run memasangnya)")
    from PIL import Image, ImageStat

    _, hasil = keluaran
    shot = tmp_path / "layar.png"
    r = subprocess.run([exe, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                        "--disable-background-networking", "--disable-component-update", "--disable-sync",
                        f"--user-data-dir={tmp_path / 'profil'}", "--enable-logging=stderr", "--v=0",
                        "--window-size=1200,1600", f"--screenshot={shot}", hasil["hss"].html.as_uri()],
                       capture_output=True, text=True, timeout=120)
    konsol = [b for b in r.stderr.splitlines() if "CONSOLE" in b or "Uncaught" in b]
    assert not konsol, konsol
    assert shot.exists()
    assert ImageStat.Stat(Image.open(shot).convert("L")).stddev[0] > 5


def test_narasi_script_di_escape(mini, tmp_path):
    (mini / "narasi" / "latar_belakang.md").write_text("Awal <script>alert('x')</script> akhir **tebal**",
                                                       encoding="utf-8")
    h = bangun(mini, tmp_path / "out", pdf=False, log=None)
    html = h.html.read_text(encoding="utf-8")
    assert "<script>alert" not in html and "&lt;script&gt;alert" in html and "<strong>tebal</strong>" in html


def test_notebook_gagal_keluaran_lama_utuh(mini, tmp_path):
    out = tmp_path / "out"
    pertama = bangun(mini, out, pdf=False, log=None)
    manifest_lama = (pertama.folder / "manifest.json").read_text()
    nbdir = tmp_path / "nb"
    nbdir.mkdir()
    for p in daftar_notebook():
        shutil.copy(p, nbdir / p.name)
    nb = nbformat.read(nbdir / "03_bab3_akuntabilitas.ipynb", as_version=4)
    nb.cells.insert(4, nbformat.v4.new_code_cell("raise ValueError('sengaja gagal')"))
    nbformat.write(nb, nbdir / "03_bab3_akuntabilitas.ipynb")
    with pytest.raises(BuildError) as e:
        bangun(mini, out, pdf=False, log=None, notebooks=sorted(nbdir.glob("*.ipynb")))
    assert e.value.notebook == "03_bab3_akuntabilitas.ipynb" and e.value.nama_galat == "ValueError"
    assert e.value.sel is not None and "sengaja gagal" in str(e.value)
    assert (pertama.folder / "manifest.json").read_text() == manifest_lama
    gagal = pertama.folder.with_name("2024-gagal")
    assert (gagal / "03_bab3_akuntabilitas.ipynb").exists()
    assert not [p for p in out.rglob(".*") if p.name.startswith(".dinas-contoh")]


def test_parameter_dan_masukan_diperiksa_sebelum_kernel(mini, tmp_path):
    with pytest.raises(ParameterError):
        bangun(mini, tmp_path / "o", draf="ya", log=None)
    with pytest.raises(ParameterError):
        bangun(tmp_path / "tidak-ada" / "2024", tmp_path / "o", log=None)
    (mini / "data" / "renja.csv").write_text("kode,jenis,nama\n1,program,P\n1.1.1,sub_kegiatan,S\n", encoding="utf-8")
    with pytest.raises(InputError):
        bangun(mini, tmp_path / "o", log=None)
    assert not (tmp_path / "o" / "dinas-contoh").exists()


def test_notebook_jalan_dengan_parameter_bawaan(tmp_path):
    """Analis membuka notebook di Jupyter lalu Run All: parameter bawaan menunjuk contoh HSS."""
    from lkj_lib.bangun.eksekusi import PelaksanaSegar

    nb = next(p for p in daftar_notebook() if p.name.startswith("02_"))
    hasil = PelaksanaSegar().jalankan(nb, tmp_path / nb.name, {})
    html = "".join(o.get("data", {}).get("text/html", "") for c in hasil.cells for o in c.get("outputs", []))
    assert "Tabel 2.1" in html and "14.644.589.858" in html and "penanda-draf" not in html
