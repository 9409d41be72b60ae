"""Satu nilai per besaran di seluruh laporan (lkj_lib.audit.konsistensi): indeks dari blok tabel tercetak
notebook tereksekusi, temuan galat bila satu besaran tercetak dengan dua nilai, gagal pada build final."""

import copy
import csv
import json
import re
import shutil

import openpyxl
import pytest

from conftest import HSS, ROOT
from lkj_lib.audit import konsistensi as k
from lkj_lib.auditor.reviu import Isi, susun_butir
from lkj_lib.bangun import bangun
from lkj_lib.errors import LkjError
from lkj_lib.masukan import muat
from lkj_lib.sajian import blok

@pytest.fixture(scope="module")
def hss(tmp_path_factory):
    """Satu build final HSS (HTML saja) untuk seluruh modul: (HasilBangun, notebook JSON, DataSKPD)."""
    root = tmp_path_factory.mktemp("outputs")
    h = bangun(HSS, root, pdf=False, docx=False, log=None)
    nbs = [json.loads(p.read_text(encoding="utf-8")) for p in sorted((h.folder / "notebooks").glob("*.ipynb"))]
    return h, nbs, muat(HSS)


def _cetak(idx, kunci):
    return [(c.tabel, c.kolom, c.teks) for c in idx[kunci]]


def _ubah_sel(nbs, nomor: str, pilih, kolom: str, teks: str):
    """Salinan notebook dengan satu sel blok tabel ``nomor`` diganti (baris: ``pilih(baris)``)."""
    nbs = copy.deepcopy(nbs)
    for b in k.tabel_tercetak(nbs):
        if b["nomor"] == nomor:
            j = [x["judul"] for x in b["kolom"]].index(kolom)
            r = next(r for r in b["baris"] if pilih(r))
            r["sel"][j]["teks"] = teks
            return nbs
    raise AssertionError(nomor)


# ---------------------------------------------------------------- (a) indeks pada contoh nyata
@pytest.mark.slow
def test_indeks_hss_besaran_sama_di_beberapa_tabel(hss):
    h, nbs, data = hss
    hasil = k.periksa(nbs, data)
    idx = hasil.indeks
    # capaian IKU1 2022: tabel pengukuran, tren, perbandingan antar tahun, efisiensi IKU
    assert _cetak(idx, (("indikator", "IKU1"), 2022, "capaian")) == [
        ("3.2", "Capaian (%)", "87,60"), ("3.4", "Capaian (%)", "87,60"), ("3.8", "Capaian (%) 2022", "87,60"),
        ("3.10", "Capaian (%)", "87,60")]
    # target IKU1 2022: BAB II (IKU, PK), pengukuran, tren, lampiran PK
    assert [c[0] for c in _cetak(idx, (("indikator", "IKU1"), 2022, "target"))] == ["2.2", "2.5", "3.2", "3.4", "L.1"]
    assert {c.teks for c in idx[(("indikator", "IKU1"), 2022, "target")]} == {"250,0"}
    # pagu Program 1 di Renja (BAB II) dan realisasi anggaran (BAB III)
    assert _cetak(idx, (("renja", "1"), 2022, "pagu")) == [
        ("2.4", "Pagu (Rp) Setelah Perubahan", "2.630.836.150"), ("3.13", "Pagu Perubahan (Rp)", "2.630.836.150")]
    # IP ASN 2022 (kasus issue 12): riwayat indikator ber-instrumen ip_asn = total daerah sendiri di lampiran
    assert _cetak(idx, (("indikator", "IPASN_BKN"), 2022, "realisasi")) == [
        ("3.3", "Realisasi 2022", "59,12"), ("L.4", "Total", "59,12")]
    # realisasi NSPK 2021: 79,00 di tren dan perbandingan tahun, 79 di tabel pembanding daerah = sama
    assert _cetak(idx, (("indikator", "IKU2"), 2021, "realisasi")) == [
        ("3.6", "Realisasi", "79,00"), ("3.7", "Nilai", "79"), ("3.8", "Realisasi 2021", "79,00")]
    # target indikator Renja: Renja BAB II, efisiensi Renja, tabel triwulan (dipetakan dari nama program)
    kunci = (("renja_indikator", "1.1", "jumlah formasi asn yang disusun untuk pengadaan casn"), 2022, "target")
    assert [c[0] for c in _cetak(idx, kunci)] == ["2.4", "3.11", "3.12"]
    # serapan: efisiensi IKU = serapan sasarannya; efisiensi Renja = serapan node kode_anggaran indikatornya
    kunci = (("sasaran", "meningkatnya kualitas asn"), 2022, "serapan")
    assert [(c.tabel, c.teks) for c in idx[kunci]] == [("3.10", "81,71"), ("3.10", "81,71"), ("3.14", "81,71")]
    assert {(c.tabel, c.teks) for c in idx[(("renja", "1"), 2022, "serapan")]} == {("3.11", "64,82"), ("3.13", "64,82")}
    assert hasil.temuan == []
    assert len(hasil.ganda) >= 100  # 116 besaran (302 sel) tercetak di ≥ 2 tempat pada contoh HSS 2022


@pytest.mark.slow
def test_build_hss_tanpa_temuan_konsistensi_dan_reviu_menyebut_pemeriksaan(hss):
    h, nbs, data = hss
    with open(h.folder / "audit.csv", encoding="utf-8") as f:
        assert not [r for r in csv.DictReader(f) if r["aturan"] == "konsistensi"]
    ws = openpyxl.load_workbook(next(h.folder.glob("reviu-*.xlsx")))["Kertas Kerja Reviu"]
    judul = next(r for r in ws.iter_rows(values_only=True) if r[0] == "No")
    c2 = next(dict(zip(judul, r)) for r in ws.iter_rows(values_only=True) if r[0] == "C.2")
    n = len(k.periksa(nbs, data).ganda)
    assert f"pemeriksaan satu nilai per besaran: {n} besaran tercetak di dua tempat atau lebih" in c2["Bukti"]
    assert "0 berbeda nilai" in c2["Bukti"]


# ---------------------------------------------------------------- (b) ketidaksesuaian yang disisipkan
@pytest.mark.slow
def test_ip_asn_lampiran_berbeda_dengan_riwayat_adalah_galat_dengan_kedua_lokasi(hss):
    _, nbs, data = hss
    ubah = _ubah_sel(nbs, "L.4", lambda r: r["kelas"] == "sendiri", "Total", "59,75")
    t = k.periksa(ubah, data).temuan
    assert len(t) == 1
    t = t[0]
    assert (t.tingkat, t.aturan, t.objek, t.kode, t.besaran) == ("galat", "konsistensi", "indikator", "IPASN_BKN",
                                                                  "realisasi 2022")
    assert t.lokasi == "Tabel 3.3; Tabel L.4" and t.dilaporkan == "59,12 / 59,75"
    assert "59,12 (Tabel 3.3 (Target, Realisasi dan Capaian Indikator dari Tahun ke Tahun), baris" in t.pesan
    assert "59,75 (Tabel L.4 (Dimensi Indeks Profesionalitas ASN Tahun 2022), baris \u201cKab. Hulu Sungai " \
           "Selatan\u201d, kolom \u201cTotal\u201d)" in t.pesan
    assert t.id  # id tetap, seperti temuan audit lain


@pytest.mark.slow
def test_nilai_daerah_sendiri_di_pembanding_berbeda_menyebut_lembar_pembanding(hss):
    _, nbs, data = hss
    ubah = _ubah_sel(nbs, "3.5", lambda r: r["kelas"] == "sendiri", "Nilai", "150")
    hasil = k.periksa(ubah, data)
    t = hasil.temuan
    # nilai ketikan lembar pembanding, bukan nilai hitung lkj: peringatan (masukan), build final tidak gagal
    assert [(x.tingkat, x.kode, x.besaran, x.lokasi, x.dilaporkan) for x in t] == [
        ("peringatan", "IKU1", "realisasi 2021", "Tabel 3.4; Tabel 3.5; Tabel 3.8", "148,5 / 150")]
    assert t[0].pesan.endswith("nilai diketik di lembar pembanding berbeda dengan nilai laporan: samakan ketikannya")
    k.gagal_final(hasil)
    assert hasil.ringkas().endswith("0 berbeda nilai, 1 berbeda dengan nilai ketikan")


def _notebook_sisip(tujuan):
    """Salinan notebook lampiran yang mencetak target PK IKU1 251 (hasil hitung: 250): tabel yang salah."""
    nb = json.loads((ROOT / "notebooks" / "05_lampiran.ipynb").read_text(encoding="utf-8"))
    for c in nb["cells"]:
        src = "".join(c["source"])
        if "tabel.tabel_pk(h)" in src:
            c["source"] = ("t = tabel.tabel_pk(h)\nt.baris[0] = {**t.baris[0], 'target': 251.0}\n"
                           + src.replace("tabel.tabel_pk(h)", "t"))
    p = tujuan / "05_lampiran.ipynb"
    p.write_text(json.dumps(nb), encoding="utf-8")
    shutil.copy(ROOT / "notebooks" / "02_bab2_perencanaan.ipynb", tujuan / "02_bab2_perencanaan.ipynb")
    return [tujuan / "02_bab2_perencanaan.ipynb", p]


@pytest.mark.slow
def test_build_final_gagal_draf_mencatat_galat(tmp_path):
    (tmp_path / "nb").mkdir()
    nb = _notebook_sisip(tmp_path / "nb")
    out = tmp_path / "out"
    with pytest.raises(LkjError) as e:
        bangun(HSS, out, pdf=False, docx=False, log=None, notebooks=nb)
    pesan = str(e.value)
    assert "dua nilai berbeda (cacat lkj dalam menyusun laporan, bukan angka masukan yang salah)" in pesan
    assert re.search(r"250,0 \(Tabel 2\.5 .*\); 251,0 \(Tabel L\.1 ", pesan)
    assert not (out / HSS.parent.name / "2022").exists()  # laporan final tidak ditulis
    h = bangun(HSS, out, draf=True, pdf=False, docx=False, log=None, notebooks=nb)
    with open(h.folder / "audit.csv", encoding="utf-8") as f:
        baris = [r for r in csv.DictReader(f) if r["aturan"] == "konsistensi"]
    assert [(r["tingkat"], r["kode"], r["besaran"], r["lokasi"], r["dilaporkan"]) for r in baris] == [
        ("galat", "IKU1", "target 2022", "Tabel 2.2; Tabel 2.5; Tabel L.1", "250,0 / 251,0")]
    assert h.audit["galat"] >= 1 and baris[0]["id"] in (h.folder / "audit.html").read_text(encoding="utf-8")
    ws = openpyxl.load_workbook(next(h.folder.glob("reviu-*.xlsx")))["Kertas Kerja Reviu"]
    judul = next(r for r in ws.iter_rows(values_only=True) if r[0] == "No")
    c2 = next(dict(zip(judul, r)) for r in ws.iter_rows(values_only=True) if r[0] == "C.2")
    assert c2["Status usulan lkj"] == "tidak" and baris[0]["id"] in c2["Id temuan audit"]


# ---------------------------------------------------------------- (c) presisi cetak
@pytest.mark.slow
def test_nilai_sama_pada_presisi_berbeda_bukan_temuan(hss):
    _, nbs, data = hss
    pilih = lambda r: r["sel"][1]["teks"] == "Indeks Sistem Merit ASN"  # noqa: E731
    assert k.periksa(_ubah_sel(nbs, "3.2", pilih, "Capaian (%)", "87,6"), data).temuan == []
    assert k.periksa(_ubah_sel(nbs, "3.2", pilih, "Capaian (%)", "87,599"), data).temuan == []
    beda = k.periksa(_ubah_sel(nbs, "3.2", pilih, "Capaian (%)", "87,7"), data).temuan
    assert [(t.kode, t.besaran, t.dilaporkan) for t in beda] == [("IKU1", "capaian 2022", "87,7 / 87,60")]


def _blok(nomor, kepala, baris):
    return {"jenis": "tabel", "nomor": nomor, "id": "x", "judul": f"T{nomor}",
            "kepala": [[{"teks": j, "colspan": 1, "rowspan": 1} for j in kepala]],
            "kolom": [{"judul": j} for j in kepala], "baris": [{"kelas": "", "sel": [{"teks": s} for s in b]}
                                                               for b in baris]}


def test_aturan_presisi_dan_pembanding():
    def temuan(a, b):
        t = [_blok("3.1", ["Indikator", "Target"], [["A", a]]), _blok("3.2", ["Indikator", "Target 2024"], [["A", b]])]
        return k.bandingkan(k.indeks(t, 2024))

    assert temuan("103,5", "103,50") == [] and temuan("103,5", "103,46") == [] and temuan("100%", "100,00%") == []
    assert temuan("103,5", "103,56") != [] and temuan("59,75", "59,12") != []
    assert temuan("≥ 26", "26") != []  # pembanding ikut dicetak: nilai berbeda
    assert temuan("-", "12") == []     # tanpa angka: tidak dibandingkan


def test_kunci_ganda_dalam_satu_tabel_dilewati_dan_kolom_lain_diabaikan():
    t = [_blok("3.1", ["Indikator", "Target", "Rasio"], [["A", "10", "1,0"], ["A", "11", "2,0"]]),
         _blok("3.2", ["Indikator", "Target", "Rasio"], [["A", "12", "3,0"]])]
    idx = k.indeks(t, 2024)
    assert list(idx) == [(("indikator", "A"), 2024, "target")] and len(idx[list(idx)[0]]) == 1


def test_pemetaan_kolom():
    assert k.besaran_kolom("", "Target 2022", 2024) == ("target", 2022)
    assert k.besaran_kolom("Realisasi", "2021", 2024) == ("realisasi", 2021)
    assert k.besaran_kolom("Realisasi", "Selisih", 2024) is None
    assert k.besaran_kolom("Pagu (Rp)", "Setelah Perubahan", 2024) == ("pagu", 2024)
    assert k.besaran_kolom("", "Target Akhir Renstra (2026)", 2024) == ("target_akhir", 2026)
    assert k.besaran_kolom("Efisiensi", "Serapan (%)", 2024) == ("serapan", 2024)
    assert k.besaran_kolom("Target kumulatif s.d.", "TW IV", 2024) is None
    assert k.MIME == blok.MIME  # audit tidak mengimpor sajian: salinan konstanta harus sama


def test_reviu_c2_tidak_bila_ada_temuan_konsistensi():
    t = {"tingkat": "galat", "aturan": "konsistensi", "lokasi": "Tabel 3.3; Tabel L.4", "objek": "indikator",
         "kode": "X", "besaran": "realisasi 2022", "id": "K9", "akar": ""}
    b = {x.nomor: x for x in susun_butir(Isi("LKj-x.html", [], {}, set(), [t]))}
    assert (b["C.2"].status, b["C.2"].temuan) == ("tidak", ["K9"])
    assert b["C.1"].status == "terpenuhi" and not b["C.1"].temuan  # tidak dihitung dua kali
    b = {x.nomor: x for x in susun_butir(Isi("LKj-x.html", [], {}, set(), [dict(t, tingkat="peringatan")]))}
    assert (b["C.2"].status, b["C.2"].temuan) == ("perlu diperiksa", ["K9"])
