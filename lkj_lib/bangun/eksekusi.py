"""Menjalankan notebook dengan Papermill (kernel segar per notebook).

Pelaksana lain (mis. kernel hangat untuk batch) cukup menyediakan metode
``jalankan(masukan, keluaran, parameter) -> NotebookNode`` dan ``tutup()``.

Berkas koneksi kernel yang dibuat lkj bernama ``kernel-lkj-<pid>-<acak>.json`` di folder runtime
Jupyter; berkas milik proses lkj yang sudah mati (build yang dibunuh) dihapus saat lkj mulai lagi.
Berkas kernel lain (Jupyter Lab, pengguna lain) tidak disentuh.
"""

from __future__ import annotations

import functools
import json
import os
import re
import uuid
from pathlib import Path

from ..errors import BuildError
from ..paths import AKAR_PAKET

AWALAN_KONEKSI = "kernel-lkj-"
_RE_KONEKSI = re.compile(rf"^{AWALAN_KONEKSI}(\d+)-[0-9a-f]+\.json$")


# ---------------------------------------------------------------------- berkas koneksi kernel
def folder_runtime() -> Path:
    from jupyter_core.paths import jupyter_runtime_dir

    p = Path(jupyter_runtime_dir())
    p.mkdir(parents=True, exist_ok=True, mode=0o700)
    return p


def berkas_koneksi_baru() -> str:
    return str(folder_runtime() / f"{AWALAN_KONEKSI}{os.getpid()}-{uuid.uuid4().hex}.json")


def _proses_hidup(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def sapu_koneksi(folder: Path | None = None) -> list[Path]:
    """Hapus berkas koneksi ``kernel-lkj-<pid>-*.json`` yang proses lkj-nya sudah tidak hidup."""
    folder = folder or folder_runtime()
    dihapus = []
    for p in folder.glob(f"{AWALAN_KONEKSI}*.json"):
        m = _RE_KONEKSI.match(p.name)
        if m and not p.is_symlink() and not _proses_hidup(int(m.group(1))):
            p.unlink(missing_ok=True)
            dihapus.append(p)
    return dihapus


@functools.lru_cache(maxsize=1)
def kelas_manajer_kernel():
    """AsyncKernelManager yang menulis berkas koneksinya dengan nama berawalan lkj; sekali per proses
    juga menyapu berkas koneksi sisa build yang dibunuh."""
    from jupyter_client import AsyncKernelManager
    from traitlets import default

    sapu_koneksi()

    class ManajerKernelLkj(AsyncKernelManager):
        @default("connection_file")
        def _berkas_koneksi_lkj(self):
            return berkas_koneksi_baru()

    return ManajerKernelLkj


# ---------------------------------------------------------------------- pelaksana
class PelaksanaSegar:
    """Satu kernel baru per notebook melalui API Python Papermill."""

    nama = "papermill"

    def __init__(self, kernel: str = "python3", batas_waktu: int = 600):
        self.kernel = kernel
        self.batas_waktu = batas_waktu

    def jalankan(self, masukan: Path, keluaran: Path, parameter: dict):
        import papermill as pm
        from papermill.exceptions import PapermillExecutionError

        try:
            return pm.execute_notebook(
                str(masukan), str(keluaran), parameters=parameter, kernel_name=self.kernel,
                cwd=str(masukan.parent), progress_bar=False, log_output=False,
                execution_timeout=self.batas_waktu, shutdown_kernel="immediate",
                kernel_manager_class=kelas_manajer_kernel(),
                extra_arguments=["--IPKernelApp.log_level=ERROR"])
        except PapermillExecutionError as e:
            raise BuildError(
                f"notebook {masukan.name} gagal di sel {e.exec_count}: {e.ename}: {e.evalue}",
                notebook=masukan.name, sel=e.exec_count, nama_galat=e.ename, nilai_galat=e.evalue,
                notebook_gagal=str(keluaran)) from None

    def tutup(self) -> None:
        pass


def sel_gagal(nb) -> tuple[int | None, str, str]:
    """Cari sel pertama berkeluaran error pada notebook tereksekusi: (nomor, nama, nilai)."""
    for c in nb.cells:
        for o in c.get("outputs", []):
            if o.get("output_type") == "error":
                return c.get("execution_count"), o.get("ename", ""), o.get("evalue", "")
    return None, "", ""


def baca(path: Path):
    import nbformat  # impor lambat: nbformat memuat jsonschema (~1 s)

    return nbformat.read(str(path), as_version=4)


# ---------------------------------------------------------------------- jejak yang sama di setiap mesin
def _jalur_catatan(notebook: Path) -> str:
    """Jalur notebook sumber relatif terhadap proyek (``notebooks/03_x.ipynb``), atau namanya saja."""
    try:
        return Path(notebook).resolve().relative_to(AKAR_PAKET.parent).as_posix()
    except ValueError:
        return Path(notebook).name


def normalkan_notebook(path: Path, sumber: Path, parameter: dict) -> None:
    """Tulis ulang sel parameter dan metadata Papermill notebook tereksekusi dengan jalur relatif
    (``parameter`` = :meth:`ParameterBuild.untuk_catatan`) dan id sel tetap ``injected-parameters``."""
    import nbformat

    nb = baca(path)
    baris = [f"{k} = {json.dumps(v) if isinstance(v, str) else repr(v)}" for k, v in parameter.items()]
    for c in nb.cells:
        if "injected-parameters" in c.get("metadata", {}).get("tags", []):
            c["id"] = "injected-parameters"
            c["source"] = ("# Parameters (jalur relatif: folder_skpd terhadap akar params, "
                           "folder_keluaran terhadap folder notebook ini)\n" + "\n".join(baris) + "\n")
    pm = nb.metadata.get("papermill")
    if pm is not None:
        pm["parameters"] = dict(parameter)
        pm["input_path"] = _jalur_catatan(sumber)
        pm["output_path"] = f"notebooks/{Path(path).name}"
    nbformat.write(nb, str(path))


__all__ = ["PelaksanaSegar", "baca", "kelas_manajer_kernel", "normalkan_notebook", "sapu_koneksi",
           "sel_gagal"]
