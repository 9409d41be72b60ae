"""Parameter build diperiksa tipenya sebelum kernel mana pun dijalankan."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..errors import ParameterError
from ..paths import NOTEBOOK_DIR


@dataclass(frozen=True)
class ParameterBuild:
    folder_skpd: Path
    root_keluaran: Path
    draf: bool = False

    @property
    def slug(self) -> str:
        return self.folder_skpd.parent.name

    @property
    def tahun(self) -> str:
        return self.folder_skpd.name

    @property
    def nama_folder(self) -> str:
        """``<tahun>``, atau ``<tahun>-draf`` untuk draf (draf tidak pernah mengganti laporan final)."""
        return nama_folder_laporan(self.tahun, self.draf)

    @property
    def nama_berkas(self) -> str:
        """Nama dasar HTML/PDF: ``LKj-<slug>-<tahun>`` atau ``LKj-<slug>-<tahun>-DRAF``."""
        return f"LKj-{self.slug}-{self.tahun}" + ("-DRAF" if self.draf else "")

    @property
    def nama_kunci(self) -> str:
        return f"{self.slug}-{self.nama_folder}"

    @property
    def folder_keluaran(self) -> Path:
        return self.root_keluaran / self.slug / self.nama_folder

    @property
    def folder_gagal(self) -> Path:
        return self.root_keluaran / self.slug / f"{self.nama_folder}-gagal"

    def untuk_notebook(self, folder_keluaran: Path) -> dict:
        """Parameter Papermill: hanya str/bool sederhana, jalur absolut."""
        return {"folder_skpd": str(self.folder_skpd), "folder_keluaran": str(folder_keluaran),
                "draf": bool(self.draf)}

    def untuk_catatan(self) -> dict:
        """Parameter seperti dicatat di manifest dan notebook tereksekusi: jalur relatif, sama di
        setiap mesin. ``folder_skpd`` relatif terhadap akar params (``<skpd>/<tahun>``),
        ``folder_keluaran`` relatif terhadap folder ``notebooks/`` laporan (``..``)."""
        return {"folder_skpd": f"{self.slug}/{self.tahun}", "folder_keluaran": "..", "draf": bool(self.draf)}


def nama_folder_laporan(tahun: str, draf: bool = False) -> str:
    return f"{tahun}-draf" if draf else str(tahun)


def periksa_parameter(folder_skpd, root_keluaran="outputs", draf=False) -> ParameterBuild:
    if not isinstance(folder_skpd, (str, Path)) or not str(folder_skpd).strip():
        raise ParameterError(f"folder_skpd harus jalur folder, bukan {folder_skpd!r}")
    if not isinstance(root_keluaran, (str, Path)) or not str(root_keluaran).strip():
        raise ParameterError(f"folder keluaran harus jalur folder, bukan {root_keluaran!r}")
    if not isinstance(draf, bool):
        raise ParameterError(f"draf harus True/False, bukan {draf!r}")
    f = Path(folder_skpd).resolve()
    if not f.is_dir():
        raise ParameterError(f"folder SKPD-tahun tidak ada: {folder_skpd}")
    if not f.name.isdigit() or len(f.name) != 4:
        raise ParameterError(f"folder harus berpola params/<skpd>/<tahun>, bukan {folder_skpd}")
    return ParameterBuild(f, Path(root_keluaran).resolve(), draf)


def daftar_notebook() -> list[Path]:
    nbs = sorted(NOTEBOOK_DIR.glob("[0-9][0-9]_*.ipynb"))
    if not nbs:
        raise ParameterError(f"tidak ada notebook di {NOTEBOOK_DIR}")
    return nbs
