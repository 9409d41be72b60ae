"""``lkj build``: dari folder SKPD-tahun ke HTML, PDF, notebook tereksekusi, CSV dan manifest.

Urutan (setiap langkah satu panggilan bernama):
periksa parameter → muat + hitung + audit → jalankan notebook (Papermill) di folder sementara →
rakit HTML (nbconvert) → PDF (WeasyPrint) → audit.csv + manifest.json → pindahkan ke tempatnya.
Bila ada yang gagal, keluaran lama tetap utuh dan notebook gagal disimpan di ``<tahun>-gagal/``.
"""

from __future__ import annotations

import shutil
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from ..audit import audit, periksa_fatal, ringkasan
from ..ekspor import tulis_csv
from ..errors import BuildError
from ..masukan import muat
from ..ukur.hasil import hitung
from .eksekusi import PelaksanaSegar, baca, sel_gagal
from .manifest import tulis_manifest, versi_git
from .parameter import ParameterBuild, daftar_notebook, periksa_parameter
from .pdf import tulis_pdf
from .rakit import html_notebook, rakit

__all__ = ["HasilBangun", "bangun", "periksa_parameter", "ParameterBuild", "PelaksanaSegar"]


@dataclass
class HasilBangun:
    folder: Path
    html: Path
    pdf: Path | None
    waktu: dict = field(default_factory=dict)
    audit: dict = field(default_factory=dict)


def _pindahkan(sementara: Path, tujuan: Path) -> None:
    """Ganti ``tujuan`` dengan ``sementara`` nyaris atomik (rename di sistem berkas yang sama)."""
    tujuan.parent.mkdir(parents=True, exist_ok=True)
    lama = None
    if tujuan.exists():
        lama = tujuan.with_name(f".{tujuan.name}-lama-{int(time.time() * 1000)}")
        tujuan.rename(lama)
    sementara.rename(tujuan)
    if lama is not None:
        shutil.rmtree(lama, ignore_errors=True)


def _simpan_gagal(par: ParameterBuild, sementara: Path, e: BuildError) -> Path:
    gagal = par.folder_keluaran.with_name(f"{par.tahun}-gagal")
    shutil.rmtree(gagal, ignore_errors=True)
    gagal.mkdir(parents=True)
    sumber = Path(e.notebook_gagal) if e.notebook_gagal else None
    if sumber and sumber.exists():
        shutil.copy2(sumber, gagal / sumber.name)
    (gagal / "galat.txt").write_text(str(e) + "\n", encoding="utf-8")
    return gagal


def bangun(folder_skpd, root_keluaran="outputs", draf: bool = False, pelaksana=None, pdf: bool = True,
           log: Callable[[str], None] | None = print, notebooks: list[Path] | None = None) -> HasilBangun:
    """Bangun satu laporan. Naikkan InputError (masukan), ParameterError, BuildError atau LkjError.

    ``notebooks``: daftar notebook lain (bawaan: ``notebooks/[0-9][0-9]_*.ipynb`` proyek).
    """
    log = log or (lambda s: None)
    t_mulai = time.perf_counter()
    par = periksa_parameter(folder_skpd, root_keluaran, draf)
    data = muat(par.folder_skpd)
    temuan = audit(hitung(data))
    notebooks = list(notebooks) if notebooks else daftar_notebook()
    par.root_keluaran.mkdir(parents=True, exist_ok=True)
    sementara = Path(tempfile.mkdtemp(prefix=f".{par.slug}-{par.tahun}-", dir=par.root_keluaran))
    milik_sendiri = pelaksana is None
    pelaksana = pelaksana or PelaksanaSegar()
    waktu: dict[str, float] = {}
    try:
        (sementara / "notebooks").mkdir()
        for i, nb in enumerate(notebooks, start=1):
            t0 = time.perf_counter()
            keluar = sementara / "notebooks" / nb.name
            hasil = pelaksana.jalankan(nb, keluar, par.untuk_notebook(sementara))
            sel, nama, nilai = sel_gagal(hasil) if hasil is not None else (None, "", "")
            if nama:
                raise BuildError(f"notebook {nb.name} gagal di sel {sel}: {nama}: {nilai}", notebook=nb.name,
                                 sel=sel, nama_galat=nama, nilai_galat=nilai, notebook_gagal=str(keluar))
            waktu[nb.stem] = round(time.perf_counter() - t0, 3)
            log(f"  [{i}/{len(notebooks)}] {nb.name} {waktu[nb.stem]:.1f} s")
        t0 = time.perf_counter()
        potongan = {nb.stem: html_notebook(baca(sementara / "notebooks" / nb.name)) for nb in notebooks}
        ring = ringkasan(temuan)
        commit = versi_git()
        rakitan = rakit(potongan, data.profil, par.draf, ring, commit)
        nama = f"LKj-{par.slug}-{par.tahun}"
        html = sementara / f"{nama}.html"
        html.write_text(rakitan.render("layar"), encoding="utf-8")
        waktu["html"] = round(time.perf_counter() - t0, 3)
        info_pdf = {}
        if pdf:
            t0 = time.perf_counter()
            info_pdf = tulis_pdf(rakitan, sementara / f"{nama}.pdf", base_url=str(sementara))
            waktu["pdf"] = round(time.perf_counter() - t0, 3)
            log(f"  PDF {info_pdf['halaman_depan']} + {info_pdf['halaman_isi']} halaman, {waktu['pdf']:.1f} s")
        tulis_csv(temuan, sementara / "audit.csv")
        waktu["total"] = round(time.perf_counter() - t_mulai, 3)
        tulis_manifest(sementara / "manifest.json", data, par, waktu, ring, info_pdf, commit,
                       getattr(pelaksana, "nama", type(pelaksana).__name__))
        periksa_fatal(temuan, data.profil.pengaturan.audit_fatal)
        _pindahkan(sementara, par.folder_keluaran)
    except BuildError as e:
        gagal = _simpan_gagal(par, sementara, e)
        raise BuildError(f"{e} — keluaran sebelumnya tidak diubah; notebook gagal disimpan di {gagal}",
                         e.notebook, e.sel, e.nama_galat, e.nilai_galat, e.notebook_gagal) from None
    finally:
        if milik_sendiri:
            pelaksana.tutup()
        if sementara.exists():
            shutil.rmtree(sementara, ignore_errors=True)
    tujuan = par.folder_keluaran
    return HasilBangun(tujuan, tujuan / f"LKj-{par.slug}-{par.tahun}.html",
                       (tujuan / f"LKj-{par.slug}-{par.tahun}.pdf") if pdf else None, waktu, ring)

