"""docs/mulai.md dari ujung ke ujung: lkj template → isi Excel seperti orang mengetik → validate →
audit → build --draf → build final (HTML; PDF diuji di tempat lain).

Isian: rupiah sebagai teks "1.250.000", bilangan bulat sebagai angka, realisasi persen sebagai
sel angka berformat persen (0,753 tampil 75,30%), kode sebagai teks.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest

from lkj_lib.masukan import muat
from lkj_lib.ukur.hasil import hitung

ROOT = Path(__file__).resolve().parents[1]


def lkj(*argv) -> subprocess.CompletedProcess:
    """Jalankan ``lkj`` di proses terpisah, seperti pengguna di terminal (lkj_lib proyek ini)."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")])}
    kode = "import sys; from lkj_lib.cli import main; sys.exit(main(sys.argv[1:]))"
    return subprocess.run([sys.executable, "-c", kode, *map(str, argv)], capture_output=True,
                          text=True, env=env, timeout=900)

YAML = """\
skpd:
  nama: Dinas Pariwisata, Kepemudaan dan Olahraga
  singkatan: Disparpora
  pemerintah_daerah: Kabupaten Riam Kanan
  provinsi: Kalimantan Selatan
  alamat: Jalan Wisata No. 7, Aranio
tahun: 2024
renstra:
  mulai: 2021
  akhir: 2026
kepala:
  nama: Ahmad Fauzi, S.Sos
  nip: 19780301 200501 1 002
  pangkat: Pembina
  jabatan: Kepala Dinas
laporan:
  tempat: Aranio
  tanggal: 2025-01-20
visi: Riam Kanan yang Maju dan Berdaya Saing
misi: [Memperkuat perekonomian daerah berbasis pariwisata]
misi_terkait: [1]
sintetis: true
pengaturan:
  rumus_negatif: 2T-R
  batas_capaian: null
  metode_efisiensi: rasio
  penimbang_ikm: 1/9
  audit_fatal: []
"""

# Baris per lembar seperti diketik di Excel. Angka bertipe str = sel teks; int/float = sel angka;
# (nilai, format) = sel angka dengan format tampilan Excel.
ISIAN = {
    "tujuan": [["T1", "Meningkatnya kontribusi pariwisata terhadap perekonomian daerah"]],
    "sasaran": [["S1", "T1", "Meningkatnya kunjungan wisatawan"]],
    "indikator": [
        {"kode_indikator": "IKU1", "level": "sasaran", "kode_induk": "S1",
         "indikator": "Jumlah kunjungan wisatawan", "satuan": "orang", "polaritas": "positif",
         "target_akhir": 150000},
        {"kode_indikator": "IKU2", "level": "sasaran", "kode_induk": "S1",
         "indikator": "Tingkat hunian kamar hotel", "satuan": "%", "polaritas": "positif",
         "target_akhir": "85%"},
    ],
    "target_renstra": [["IKU1", 2024, 120000], ["IKU2", 2024, "80%"]],
    "perjanjian_kinerja": [["IKU1", 2024, 120000], ["IKU2", 2024, "80%"], ["IKU1", 2023, 110000]],
    "realisasi": [
        ["IKU1", 2024, "126.000", "final"],            # teks dengan titik ribuan
        ["IKU1", 2023, 104500, "final"],              # angka
        ["IKU2", 2024, (0.753, "0.00%"), "final"],    # sel berformat persen: tampil 75,30%
    ],
    "renja": [
        {"kode": "1", "jenis": "program", "nama": "Program Peningkatan Daya Tarik Destinasi Pariwisata"},
        {"kode": "1.1", "jenis": "kegiatan", "nama": "Pengelolaan Daya Tarik Wisata Kabupaten"},
        {"kode": "1.1.1", "jenis": "sub_kegiatan", "nama": "Pembangunan Fasilitas Pendukung Daya Tarik Wisata",
         "pagu_murni": "1.250.000.000", "pagu_perubahan": "1.250.000.000", "realisasi_anggaran": "1.187.500.000"},
        {"kode": "1.1.2", "jenis": "sub_kegiatan", "nama": "Promosi Daya Tarik Wisata",
         "pagu_murni": 450000000, "pagu_perubahan": 400000000, "realisasi_anggaran": 372000000},
    ],
    "indikator_renja": [
        {"kode": "1", "urutan": 1, "indikator": "Jumlah daya tarik wisata yang dikelola", "satuan": "lokasi",
         "target": "12 lokasi", "realisasi": "12 lokasi"},
        {"kode": "1.1", "urutan": 1, "indikator": "Jumlah paket wisata yang dipromosikan", "satuan": "paket",
         "target": "5 paket", "realisasi": "4 paket"},
        {"kode": "1.1.2", "urutan": 1, "indikator": "Jumlah event promosi", "satuan": "event", "target": 8,
         "realisasi": 6, "target_tw1": 2, "target_tw2": 4, "target_tw3": 6, "target_tw4": 8,
         "realisasi_tw1": 1, "realisasi_tw2": 3, "realisasi_tw3": 5, "realisasi_tw4": 6},
    ],
    "sasaran_program": [["S1", "1"]],
}


def _ketik(ws, baris: int, kolom: int, nilai) -> None:
    sel = ws.cell(row=baris, column=kolom)
    if isinstance(nilai, tuple):
        sel.value, sel.number_format = nilai
    else:
        sel.value = nilai


def isi_templat(folder: Path) -> None:
    """Isi data.xlsx hasil ``lkj template`` dan lkj.yaml seperti pengguna."""
    p = folder / "data.xlsx"
    wb = openpyxl.load_workbook(p)
    for nama, baris in ISIAN.items():
        ws = wb[nama]
        judul = [c.value for c in ws[1]]
        for i, b in enumerate(baris, start=2):
            pasangan = b.items() if isinstance(b, dict) else zip(judul, b)
            for k, v in pasangan:
                _ketik(ws, i, judul.index(k) + 1, v)
    wb.save(p)
    (folder / "lkj.yaml").write_text(YAML, encoding="utf-8")
    (folder / "narasi" / "simpulan.md").write_text(
        "Kunjungan wisatawan melampaui target, anggaran terserap 94,52%.\n", encoding="utf-8")


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    f = tmp_path_factory.mktemp("mulai") / "dinas-pariwisata" / "2024"
    assert lkj("template", f).returncode == 0
    assert {p.name for p in f.iterdir()} == {"data.xlsx", "lkj.yaml", "narasi"}
    # templat kosong belum sah: lkj.yaml masih berisi <...>
    r = lkj("validate", f)
    assert r.returncode == 2 and "belum diisi" in r.stdout
    isi_templat(f)
    return f


def test_validate_dan_nilai_terbaca(folder):
    r = lkj("validate", folder)
    assert r.returncode == 0 and ": sah —" in r.stdout, r.stdout
    h = hitung(muat(folder))
    iku1 = h.iku.set_index("kode_indikator").loc["IKU1"]
    # "126.000" (teks) / 120000 (angka) = 105 %
    assert iku1["realisasi"] == 126000 and iku1["capaian"] == pytest.approx(105.0)
    # rupiah teks dan angka bercampur: pagu 1.250.000.000 + 400.000.000 = 1.650.000.000;
    # realisasi 1.187.500.000 + 372.000.000 = 1.559.500.000 → serapan 94,5152 %
    assert h.total["pagu"] == 1_650_000_000 and h.total["realisasi"] == 1_559_500_000
    assert h.total["serapan"] == pytest.approx(1_559_500_000 / 1_650_000_000 * 100)
    assert h.total["pagu_murni"] == 1_700_000_000  # 1.250.000.000 + 450.000.000
    ir = h.capaian_renja.set_index("kode")
    assert ir.at["1.1.2", "capaian"] == pytest.approx(75.0)  # 6 / 8 event


def test_sel_persen_excel_dibaca_sebagai_persen(folder):
    iku2 = hitung(muat(folder)).iku.set_index("kode_indikator").loc["IKU2"]
    assert iku2["realisasi"] == pytest.approx(75.3)           # tampil 75,30% di Excel
    assert iku2["capaian"] == pytest.approx(75.3 / 80 * 100)  # 94,125 %


def test_satuan_kosong_diambil_dari_target(folder, tmp_path):
    import shutil

    salinan = tmp_path / "dinas-pariwisata" / "2024"
    shutil.copytree(folder, salinan)
    wb = openpyxl.load_workbook(salinan / "data.xlsx")
    ws = wb["indikator_renja"]
    judul = [c.value for c in ws[1]]
    baris = next(r for r in range(2, ws.max_row + 1) if ws.cell(r, 1).value == "1.1")
    ws.cell(baris, judul.index("satuan") + 1).value = None  # pengguna tidak mengisi satuan
    wb.save(salinan / "data.xlsx")
    ir = hitung(muat(salinan)).capaian_renja.set_index("kode")
    assert ir.at["1.1", "satuan"] == "paket"  # docs/masukan.md: "bila kosong diambil dari isian target"
    assert ir.at["1.1", "capaian"] == pytest.approx(80.0)  # 4 / 5 paket


def test_audit_lalu_draf_lalu_final(folder, tmp_path):
    from lkj_lib.schema import NARASI

    keluar = tmp_path / "outputs"
    r = lkj("audit", folder, "--keluaran", keluar)
    assert r.returncode == 0 and "0 galat" in r.stdout
    assert (keluar / "audit" / "dinas-pariwisata-2024.csv").exists()
    r = lkj("build", "--draf", "--tanpa-pdf", "--keluaran", keluar, folder)
    assert r.returncode == 0, r.stderr
    (draf_html,) = keluar.rglob("LKj-dinas-pariwisata-2024*.html")  # lokasi draf dicetak oleh perintah
    draf = draf_html.read_text(encoding="utf-8")
    assert "DRAF" in draf and 'class="penanda-draf"' in draf
    assert "DINAS PARIWISATA, KEPEMUDAAN DAN OLAHRAGA" in draf and "Jumlah kunjungan wisatawan" in draf
    # setelah draf dibaca: tulis narasi yang masih kosong, lalu bangun versi final
    for kunci in [*NARASI, "iku_iku1", "iku_iku2"]:
        p = folder / "narasi" / f"{kunci}.md"
        if not p.exists():
            p.write_text("Uraian analis untuk bagian ini.\n", encoding="utf-8")
    r = lkj("audit", folder, "--keluaran", keluar)
    assert r.returncode == 0 and "0 galat, 0 peringatan" in r.stdout, r.stdout
    r = lkj("build", "--tanpa-pdf", "--keluaran", keluar, folder)
    assert r.returncode == 0, r.stderr
    final = (keluar / "dinas-pariwisata" / "2024" / "LKj-dinas-pariwisata-2024.html").read_text(encoding="utf-8")
    assert 'class="penanda-draf"' not in final and "Uraian analis untuk bagian ini." in final
    assert "NIP. 19780301 200501 1 002" in final and "Ahmad Fauzi, S.Sos" in final


def test_panduan_menyebut_setiap_langkah_dan_lembar():
    teks = (ROOT / "docs" / "mulai.md").read_text(encoding="utf-8")
    for langkah in ("lkj template", "lkj validate", "lkj audit", "lkj build --draf", "lkj build params"):
        assert langkah in teks
    from lkj_lib.schema import TABEL

    for t in TABEL:
        assert f"`{t.nama}`" in teks, t.nama
    assert "docs/mulai.md" in (ROOT / "README.md").read_text(encoding="utf-8")
