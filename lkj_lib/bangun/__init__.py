"""``lkj build``: dari folder SKPD-tahun ke HTML, PDF, notebook tereksekusi, CSV dan manifest.

Urutan (setiap langkah satu panggilan bernama):
periksa parameter → muat + hitung + audit → jalankan notebook (Papermill) di folder sementara →
satu nilai per besaran di tabel tercetak (:mod:`lkj_lib.audit.konsistensi`) →
rakit HTML (nbconvert; notebook HTML untuk auditor) → PDF (WeasyPrint) → audit.csv, audit.html, kertas kerja
reviu (:mod:`lkj_lib.auditor`) + manifest.json → pindahkan ke tempatnya.
Bila ada yang gagal, keluaran lama tetap utuh dan notebook gagal disimpan di ``<tahun>-gagal/``.
Keamanan folder keluaran (penanda, kunci, tumpang tindih dengan masukan): lihat :mod:`.aman`.
"""

from __future__ import annotations

import contextlib
import json
import math
import shutil
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from .. import auditor
from ..audit import audit, konsistensi, periksa_fatal, periksa_narasi_final, ringkasan
from ..ekspor import tulis_csv
from ..errors import BuildError, InputError
from ..ukur.keadaan import NAMA_BERKAS as NAMA_KEADAAN
from ..ukur.keadaan import sidik_masukan, simpan_keadaan
from ..masukan import muat
from ..sajian.kelengkapan import periksa_narasi
from ..ukur.hasil import hitung
from .aman import (KeluaranError, awalan_kerja, hapus_bertanda, kunci_laporan, mode_normal,
                   pastikan_boleh_diganti, periksa_tumpang_tindih, pindahkan, sapu_sisa, tandai)
from .eksekusi import PelaksanaSegar, baca, normalkan_notebook, sel_gagal
from .hangat import PelaksanaHangat
from .galat import Penjelasan, jelaskan
from .manifest import tulis_manifest, versi_git
from .parameter import ParameterBuild, daftar_notebook, periksa_parameter
from .pdf import penyusun_pdf, tata_depan
from .rakit import html_notebook, kerangka_isi, rakit, siapkan_eksportir

__all__ = ["HasilBangun", "KeluaranError", "bangun", "periksa_parameter", "ParameterBuild", "PelaksanaHangat",
           "PelaksanaSegar"]


@dataclass
class HasilBangun:
    folder: Path
    html: Path
    pdf: Path | None
    waktu: dict = field(default_factory=dict)
    audit: dict = field(default_factory=dict)
    docx: Path | None = None


def _pindahkan(sementara: Path, tujuan: Path) -> None:
    """Ganti ``tujuan`` (folder laporan bertanda lkj) dengan ``sementara`` di bawah kunci laporannya."""
    root = tujuan.parent.parent
    pindahkan(sementara, tujuan, root, f"{tujuan.parent.name}-{tujuan.name}")


def _simpan_gagal(par: ParameterBuild, e: BuildError) -> tuple[Path, Penjelasan]:
    """Salin notebook gagal + galat.txt (traceback lengkap) ke ``<tahun>-gagal/`` (bertanda lkj)."""
    penjelasan = jelaskan(e.notebook, e.notebook_gagal, e.sel, e.nama_galat, e.nilai_galat)
    gagal = par.folder_gagal
    pastikan_boleh_diganti(gagal)
    if gagal.exists():
        shutil.rmtree(gagal)
    gagal.mkdir(parents=True)
    tandai(gagal)
    sumber = Path(e.notebook_gagal) if e.notebook_gagal else None
    if sumber and sumber.exists():
        shutil.copy2(sumber, gagal / sumber.name)
    (gagal / "galat.txt").write_text(penjelasan.lengkap(), encoding="utf-8")
    return gagal, penjelasan


def _periksa_keluaran(par: ParameterBuild) -> None:
    """Keamanan folder keluaran, diperiksa SEBELUM apa pun ditulis: tidak tumpang tindih dengan
    masukan, dan folder yang akan diganti adalah keluaran lkj."""
    periksa_tumpang_tindih([par.root_keluaran, par.folder_keluaran, par.folder_gagal], [par.folder_skpd])
    pastikan_boleh_diganti(par.folder_keluaran)
    pastikan_boleh_diganti(par.folder_gagal)


def bangun(folder_skpd, root_keluaran="outputs", draf: bool = False, pelaksana=None, pdf: bool = True,
           log: Callable[[str], None] | None = print, notebooks: list[Path] | None = None,
           sebelum_pindah: Callable[[Path], None] | None = None, docx: bool = True,
           pdf_sejajar: bool | None = None) -> HasilBangun:
    """Bangun satu laporan. Naikkan InputError (masukan), ParameterError, KeluaranError, BuildError
    atau LkjError.

    ``notebooks``: daftar notebook lain (bawaan: ``notebooks/[0-9][0-9]_*.ipynb`` proyek).
    Draf (``draf=True``) ditulis ke ``<skpd>/<tahun>-draf/LKj-<skpd>-<tahun>-DRAF.*``: tidak pernah
    mengganti atau menghapus laporan final, dan sebaliknya.
    ``sebelum_pindah(folder_kerja)``: dipanggil di bawah kunci laporan tepat sebelum folder kerja yang
    lengkap dipindahkan ke tempatnya (``lkj batch`` menulis catatan cache-nya di sini, jadi laporan
    dan catatannya muncul bersamaan).
    ``pdf_sejajar``: tata letak PDF di proses pembantu, bab demi bab sejajar dengan kernel
    (:mod:`lkj_lib.cetak.sejajar`); bawaan: ya bila build ini memiliki kernelnya sendiri (``lkj build``),
    tidak bila ``pelaksana`` diberikan (``lkj batch``: kedua inti sudah dipakai pekerja).
    """
    log = log or (lambda s: None)
    t_mulai = time.perf_counter()
    par = periksa_parameter(folder_skpd, root_keluaran, draf)
    _periksa_keluaran(par)
    sidik = sidik_masukan(par.folder_skpd)  # sebelum dimuat: berkas yang berubah sesudahnya tidak cocok
    data = muat(par.folder_skpd)
    if not par.draf and (kurang := periksa_narasi(data)):  # build final: narasi wajib harus ada
        raise InputError(kurang)
    milik_sendiri = pelaksana is None
    if milik_sendiri:  # masukan sah: satu kernel hangat untuk semua notebook build ini; prosesnya dimulai
        pelaksana = PelaksanaHangat()  # sekarang, siap (dan mengimpor) sejajar dengan hitung + audit
        pelaksana.luncurkan()
    penyusun = None
    try:
        if pdf:  # proses tata letak PDF mengimpor WeasyPrint sejajar juga
            penyusun = penyusun_pdf(milik_sendiri if pdf_sejajar is None else pdf_sejajar)
        waktu, ring = _bangun_terkunci(par, sidik, data, pelaksana, notebooks, penyusun, log, t_mulai,
                                       milik_sendiri, sebelum_pindah, docx)
    finally:
        if penyusun is not None:
            penyusun.tutup()
        if milik_sendiri:
            pelaksana.tutup()
    tujuan = par.folder_keluaran
    return HasilBangun(tujuan, tujuan / f"{par.nama_berkas}.html",
                       (tujuan / f"{par.nama_berkas}.pdf") if pdf else None, waktu, ring,
                       (tujuan / f"{par.nama_berkas}.docx") if docx else None)


def _angka_json(v) -> float | None:
    try:
        v = float(v)
    except (TypeError, ValueError):
        return None
    return None if math.isnan(v) or math.isinf(v) else round(v, 6)


def _tulis_ringkasan(path: Path, par: ParameterBuild, data, hasil, ring: dict) -> None:
    """``ringkasan.json``: angka utama laporan untuk ikhtisar kabupaten (``lkj batch``), dari hasil
    hitung yang sama dengan laporan: capaian IKU rata-rata, pagu/realisasi/serapan total, efisiensi
    outcome (metode SKPD), jumlah temuan audit."""
    tot = hasil.total
    ef = hasil.ringkas("outcome")
    m = {"skpd": data.profil.judul_skpd, "slug": par.slug, "tahun": data.profil.tahun,
         "capaian_iku": _angka_json(hasil.rata_capaian_iku), "jumlah_iku": int(hasil.iku["capaian"].notna().sum()),
         "pagu": _angka_json(tot["pagu"]), "realisasi_anggaran": _angka_json(tot["realisasi"]),
         "serapan": _angka_json(tot["serapan"]),
         "efisiensi": {"nilai": _angka_json(ef["efisiensi"]), "simpulan": str(ef["simpulan_efisiensi"]),
                       "metode": data.profil.pengaturan.metode_efisiensi, "dasar": "outcome"},
         "audit": dict(ring), "sintetis": bool(data.profil.sintetis or data.profil.skm_sintetis)}
    path.write_text(json.dumps(m, indent=2, ensure_ascii=False), encoding="utf-8")


def _bangun_terkunci(par: ParameterBuild, sidik: str, data, pelaksana, notebooks, penyusun, log, t_mulai,
                     kernel_sendiri: bool = False, sebelum_pindah=None, docx: bool = True):
    """Hitung + audit sekali (sementara kernel yang baru diluncurkan bersiap), lalu bangun di folder
    kerja di bawah kunci laporan. ``kernel_sendiri``: kernel ``pelaksana`` milik build ini (``lkj build``),
    bukan kernel yang dipakai ulang antarlaporan (``lkj batch``)."""
    hasil = hitung(data)
    temuan = audit(hasil)
    if kernel_sendiri:  # tunggu kernel siap; impor modul laporannya berjalan sejajar di bawah
        pelaksana.panaskan()
    if not par.draf:  # laporan final tidak mencetak angka narasi yang ditolak audit
        periksa_narasi_final(temuan, sintetis=data.profil.sintetis)
    notebooks = list(notebooks) if notebooks else daftar_notebook()
    par.root_keluaran.mkdir(parents=True, exist_ok=True)
    tandai(par.root_keluaran)
    with kunci_laporan(par.root_keluaran, par.nama_kunci, log):
        sapu_sisa(par.root_keluaran, par.slug, par.nama_folder)
        sementara = Path(tempfile.mkdtemp(prefix=awalan_kerja(par.slug, par.nama_folder), dir=par.root_keluaran))
        tandai(sementara)
        try:
            simpan_keadaan(sementara, sidik, hasil, temuan)  # dipakai ulang oleh setiap notebook
            _tulis_ringkasan(sementara / "ringkasan.json", par, data, hasil, ringkasan(temuan))
            waktu, ring, _ = _bangun_di(sementara, par, data, temuan, notebooks, pelaksana, penyusun, log,
                                        t_mulai, kernel_sendiri, docx)
            (sementara / NAMA_KEADAAN).unlink()
            mode_normal(sementara)
            if sebelum_pindah is not None:
                sebelum_pindah(sementara)
            _pindahkan(sementara, par.folder_keluaran)
            hapus_bertanda(par.folder_gagal)  # kegagalan lama sudah tidak berlaku
        except BuildError as e:
            gagal, penjelasan = _simpan_gagal(par, e)
            raise BuildError(f"{penjelasan.ringkas()}\n  keluaran sebelumnya tidak diubah; notebook gagal dan "
                             f"traceback lengkap (galat.txt) di {gagal}", e.notebook, e.sel, e.nama_galat,
                             e.nilai_galat, e.notebook_gagal) from None
        finally:
            if hasattr(pelaksana, "tunggu_svg"):  # gagal di tengah: kernel berhenti menulis SVG sebelum dihapus
                with contextlib.suppress(Exception):
                    pelaksana.tunggu_svg()
            if sementara.exists():
                shutil.rmtree(sementara, ignore_errors=True)
    return waktu, ring


def _bangun_di(sementara: Path, par: ParameterBuild, data, temuan, notebooks, pelaksana, penyusun, log, t_mulai,
               kernel_sendiri: bool = False, docx: bool = True):
    """Semua berkas laporan di folder kerja ``sementara``: notebook → HTML → PDF → audit + manifest.

    Setiap notebook isi yang selesai langsung diubah ke HTML dan diserahkan ke ``penyusun`` PDF (bila
    ada), yang dapat menatanya sementara kernel menjalankan notebook berikutnya."""
    waktu: dict[str, float] = {}
    (sementara / "notebooks").mkdir()
    commit = versi_git()
    if penyusun is not None:
        penyusun.siapkan(kerangka_isi(data.profil, par.draf, commit), sementara)
    siapkan_eksportir()  # impor nbconvert + templat (±0,3 s) selagi kernel baru masih mengimpor modul laporan
    # build tunggal (kernel milik build ini): SVG figures/ ditulis sesudah notebook terakhir, sejajar dengan
    # PDF. Batch tidak: kedua inti sudah sibuk (tak ada yang dipercepat), dan figur yang diantre menahan
    # ±30 MB di kernel tepat saat pekerja di puncak memorinya
    tunda_svg = kernel_sendiri and hasattr(pelaksana, "tunda_svg")
    if tunda_svg:
        pelaksana.tunda_svg()
    nbs, potongan = {}, {}
    for i, nb in enumerate(notebooks, start=1):
        t0 = time.perf_counter()
        keluar = sementara / "notebooks" / nb.name
        hasil = pelaksana.jalankan(nb, keluar, par.untuk_notebook(sementara))
        sel, nama, nilai = sel_gagal(hasil) if hasil is not None else (None, "", "")
        if nama:
            raise BuildError(f"notebook {nb.name} gagal di sel {sel}: {nama}: {nilai}", notebook=nb.name,
                             sel=sel, nama_galat=nama, nilai_galat=nilai, notebook_gagal=str(keluar))
        normalkan_notebook(keluar, nb, par.untuk_catatan())
        waktu[nb.stem] = round(time.perf_counter() - t0, 3)
        log(f"  [{i}/{len(notebooks)}] {nb.name} {waktu[nb.stem]:.1f} s")
        nbs[nb.stem] = baca(keluar)
        potongan[nb.stem] = html_notebook(nbs[nb.stem])
        if penyusun is not None and not nb.stem.startswith("00_"):
            penyusun.tambah_bab(nb.stem, potongan[nb.stem])
    if tunda_svg:  # SVG yang ditunda ditulis kernel sejajar dengan HTML/PDF/DOCX; ditunggu sebelum
        pelaksana.tulis_svg()  # manifest (dan sebelum folder kerja dihapus bila gagal)
    if not kernel_sendiri and hasattr(pelaksana, "rehat"):  # batch: kernel tidak diperlukan lagi untuk laporan
        pelaksana.rehat()  # ini; bebaskan memorinya tanpa menunggu, kernel siap untuk laporan berikutnya
    t0 = time.perf_counter()
    satu_nilai = konsistensi.periksa(nbs.values(), data)  # satu nilai per besaran di tabel tercetak
    if not par.draf:
        konsistensi.gagal_final(satu_nilai)  # cacat lkj, bukan masukan: laporan final tidak ditulis
    temuan = konsistensi.gabung(temuan, satu_nilai)
    t_auditor = time.perf_counter()  # notebook HTML untuk auditor; jangkarnya dipakai tautan judul tabel
    html = sementara / f"{par.nama_berkas}.html"
    xlsx_reviu = auditor.nama_xlsx(par.slug, par.tahun, par.draf)
    jangkar = auditor.tulis_notebook_html(sementara / "notebooks", nbs, html.name)
    waktu["auditor"] = time.perf_counter() - t_auditor
    ring = ringkasan(temuan)
    rakitan = rakit(potongan, data.profil, par.draf, ring, commit, auditor.tautan_laporan(jangkar, xlsx_reviu))
    teks_html = rakitan.render("layar")
    html.write_text(teks_html, encoding="utf-8")
    waktu["html"] = round(time.perf_counter() - t0 - waktu["auditor"], 3)
    tulis_csv(temuan, sementara / "audit.csv")  # tidak bergantung pada PDF: selagi bab terakhir ditata
    t_auditor = time.perf_counter()
    auditor.tulis_halaman(sementara, temuan, data, html.name, teks_html, xlsx_reviu, len(nbs), satu_nilai)
    waktu["auditor"] = round(waktu["auditor"] + time.perf_counter() - t_auditor, 3)
    nbs.clear()  # sudah di disk (DOCX membacanya dari sana): lepas sebelum puncak memori tata letak PDF
    del teks_html
    info_pdf, halaman_pdf = {}, {}  # halaman_pdf: jangkar → label halaman PDF (untuk daftar DOCX)
    if penyusun is not None:  # nomor halaman isi → bagian depan; PDF ditulis sejajar dengan DOCX bila bisa
        t0 = time.perf_counter()
        halaman_pdf = tata_depan(penyusun, rakitan)
        penyusun.tulis(sementara / f"{par.nama_berkas}.pdf")
        waktu["pdf"] = time.perf_counter() - t0
    if docx:  # dari blok terstruktur notebook tereksekusi (bukan dari HTML); lihat docs/docx.md
        from ..dokumen_word import tulis_docx

        t0 = time.perf_counter()
        info = tulis_docx([sementara / "notebooks" / nb.name for nb in notebooks], data.profil,
                          sementara / f"{par.nama_berkas}.docx", par.draf, halaman_pdf, data.profil.templat_docx)
        waktu["docx"] = round(time.perf_counter() - t0, 3)
        log(f"  DOCX {info['tabel']} tabel, {info['gambar']} gambar, {waktu['docx']:.1f} s")
    if penyusun is not None:
        t0 = time.perf_counter()
        info_pdf = penyusun.selesai()
        waktu["pdf"] = round(waktu["pdf"] + time.perf_counter() - t0, 3)
        log(f"  PDF {info_pdf['halaman_depan']} + {info_pdf['halaman_isi']} halaman, {waktu['pdf']:.1f} s")
    if tunda_svg:
        pelaksana.tunggu_svg()
    if kernel_sendiri:  # build tunggal: kernel dimatikan sesudah SVG-nya tertulis
        pelaksana.tutup()
    waktu["total"] = round(time.perf_counter() - t_mulai, 3)
    tulis_manifest(sementara / "manifest.json", data, par, waktu, ring, info_pdf, commit,
                   getattr(pelaksana, "nama", type(pelaksana).__name__), kecuali={NAMA_KEADAAN})
    periksa_fatal(temuan, data.profil.pengaturan.audit_fatal)
    return waktu, ring, info_pdf
