"""Blok laporan dari notebook tereksekusi (keluaran MIME ``application/vnd.lkj+json``).

Aturan pilih sama dengan perakit HTML (:mod:`lkj_lib.bangun.rakit`): sel bertag ``penjelasan``,
``parameters``, ``injected-parameters`` dan keluaran bertag ``jejak-lkj`` tidak ikut laporan.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from ..errors import LkjError
from ..sajian.blok import MIME, VERSI

TAG_SEL_DIBUANG = {"penjelasan", "parameters", "injected-parameters"}
TAG_KELUARAN_DIBUANG = {"jejak-lkj"}
# karakter yang tidak sah di XML 1.0 (mis. \x0b dari sel Excel): HTML menampilkannya, Word tidak dapat menyimpannya
_TAK_SAH_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _bersih(x):
    if isinstance(x, str):
        return _TAK_SAH_XML.sub("", x)
    if isinstance(x, list):
        return [_bersih(v) for v in x]
    if isinstance(x, dict):
        return {k: _bersih(v) for k, v in x.items()}
    return x


def blok_notebook(nb: dict) -> list[dict]:
    """Semua blok satu notebook (dict JSON nbformat), berurutan sesuai tampilannya."""
    out: list[dict] = []
    for sel in nb.get("cells", []):
        if sel.get("cell_type") != "code" or TAG_SEL_DIBUANG & set(sel.get("metadata", {}).get("tags", [])):
            continue
        for k in sel.get("outputs", []):
            if TAG_KELUARAN_DIBUANG & set(k.get("metadata", {}).get("tags", [])):
                continue
            isi = k.get("data", {}).get(MIME)
            if isi is None:
                continue
            if isi.get("versi") != VERSI:
                raise LkjError(f"keluaran {MIME} versi {isi.get('versi')} tidak dikenal (lkj ini versi {VERSI}); "
                               "jalankan ulang notebook dengan lkj yang sama")
            out.extend(_bersih(isi.get("blok", [])))
    return out


def baca_blok(notebooks: list[Path]) -> tuple[list[dict], list[dict]]:
    """(blok bagian depan, blok isi) dari notebook tereksekusi berurutan; ``00_*`` = bagian depan."""
    depan, isi = [], []
    for p in notebooks:
        nb = json.loads(Path(p).read_text(encoding="utf-8"))
        (depan if Path(p).name.startswith("00_") else isi).extend(blok_notebook(nb))
    return depan, isi
