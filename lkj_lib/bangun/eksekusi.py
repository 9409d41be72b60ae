"""Menjalankan notebook dengan Papermill (kernel segar per notebook).

Pelaksana lain (mis. kernel hangat untuk batch) cukup menyediakan metode
``jalankan(masukan, keluaran, parameter) -> NotebookNode`` dan ``tutup()``.
"""

from __future__ import annotations

from pathlib import Path

from ..errors import BuildError


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
