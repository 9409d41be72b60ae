"""Pelaksana notebook DALAM PROSES untuk fuzz: sel kode notebook dijalankan dengan ``exec``.

Protokolnya sama dengan ``lkj_lib.bangun.eksekusi.PelaksanaSegar`` (``jalankan(masukan, keluaran,
parameter) -> NotebookNode`` dan ``tutup()``), sehingga ``bangun(..., pelaksana=PelaksanaDalamProses())``
menjalankan jalur build yang sama (muat → audit → notebook → nbconvert → rakit HTML → audit.csv →
manifest → pindahkan) tanpa kernel Jupyter. Perbedaannya dengan kernel:

- parameter disuntikkan sebagai sel ``injected-parameters`` setelah sel ``parameters`` (seperti
  Papermill), lalu setiap sel kode dijalankan berurutan dalam satu namespace;
- ``IPython.display.display`` diganti penangkap: objek dengan ``_repr_html_`` menjadi keluaran
  ``display_data`` ``text/html``; nilai ekspresi terakhir sel menjadi ``execute_result``;
- galat sel TIDAK dibungkus BuildError: pengecualian aslinya diteruskan (dengan jejaknya) agar
  fuzz dapat membedakan galat lkj yang berlokasi dari traceback.
"""

from __future__ import annotations

import ast
import os
from pathlib import Path


class _Penangkap:
    def __init__(self):
        self.keluaran: list = []

    def tampilkan(self, *objs, **_kw):
        for o in objs:
            self.keluaran.append(_keluaran(o, "display_data"))


def _keluaran(o, jenis: str, nomor: int | None = None):
    from nbformat.v4 import new_output

    data = {"text/plain": repr(o)[:2000]}
    html = getattr(o, "_repr_html_", None)
    if callable(html):
        data["text/html"] = html()
    if jenis == "execute_result":
        return new_output("execute_result", data=data, execution_count=nomor)
    return new_output("display_data", data=data)


def _jalankan_sel(kode: str, ns: dict, nama: str):
    """exec semua pernyataan; ekspresi terakhir dievaluasi dan dikembalikan (seperti IPython)."""
    pohon = ast.parse(kode, filename=nama)
    akhir = None
    if pohon.body and isinstance(pohon.body[-1], ast.Expr):
        akhir = ast.Expression(pohon.body.pop().value)
    exec(compile(pohon, nama, "exec"), ns)
    if akhir is not None:
        return eval(compile(akhir, nama, "eval"), ns)
    return None


class PelaksanaDalamProses:
    nama = "fuzz-dalam-proses"

    def jalankan(self, masukan: Path, keluaran: Path, parameter: dict):
        import IPython.display
        import nbformat
        from nbformat.v4 import new_code_cell

        nb = nbformat.read(str(masukan), as_version=4)
        sel = list(nb.cells)
        i_param = next((i for i, c in enumerate(sel) if "parameters" in c.get("metadata", {}).get("tags", [])), -1)
        suntik = new_code_cell("\n".join(f"{k} = {v!r}" for k, v in parameter.items()),
                               metadata={"tags": ["injected-parameters"]})
        sel.insert(i_param + 1, suntik)
        nb.cells = sel
        penangkap = _Penangkap()
        asli = IPython.display.display
        IPython.display.display = penangkap.tampilkan
        cwd = os.getcwd()
        os.chdir(masukan.parent)
        ns: dict = {"__name__": "__main__"}
        try:
            nomor = 0
            for c in nb.cells:
                if c.cell_type != "code":
                    continue
                nomor += 1
                penangkap.keluaran = []
                hasil = _jalankan_sel(c.source, ns, f"{masukan.name}[{nomor}]")
                if hasil is not None:
                    penangkap.keluaran.append(_keluaran(hasil, "execute_result", nomor))
                c.outputs = penangkap.keluaran
                c.execution_count = nomor
        finally:
            IPython.display.display = asli
            os.chdir(cwd)
            import matplotlib.pyplot as plt

            plt.close("all")
        nbformat.write(nb, str(keluaran))
        return nb

    def tutup(self) -> None:
        pass
