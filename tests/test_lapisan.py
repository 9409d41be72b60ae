"""Arsitektur berlapis: modul hanya mengimpor (di tingkat modul) lapisan di bawahnya atau setara.

1 errors, batas, berkas, paths, angka, fmt, schema · 2 profil · 3 masukan · 4 ukur, instrumen, audit ·
5 sajian, grafik, templat_excel, dokumen · 6 tampil · 7 bangun · 8 batch, cli (dan setiap *.cli)
"""

import ast
from pathlib import Path

PAKET = Path(__file__).resolve().parents[1] / "lkj_lib"
LAPIS = {"errors": 1, "batas": 1, "berkas": 1, "ekspor": 1, "angka": 1, "fmt": 1, "schema": 1, "paths": 1, "profil": 2, "masukan": 3, "ukur": 4, "instrumen": 4,
         "audit": 4, "sajian": 5, "grafik": 5, "templat_excel": 5, "dokumen": 5, "tampil": 6, "bangun": 7,
         "batch": 8, "cli": 8, "cli_laporan": 8, "__init__": 0}


def _lapis(modul: str) -> int:
    if modul.split(".")[-1] == "cli":  # antarmuka baris perintah setiap paket ada di lapisan teratas
        return 8
    return LAPIS[modul.split(".")[0]]


def _impor_tingkat_modul(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    rel = path.relative_to(PAKET).with_suffix("")
    paket = list(rel.parts[:-1]) if rel.name != "__init__" else list(rel.parts[:-1])
    out = []
    for node in tree.body:
        if isinstance(node, ast.ImportFrom):
            if node.level:
                dasar = paket[: len(paket) - (node.level - 1)] if node.level > 1 else paket
                nama = ".".join([*dasar, node.module] if node.module else dasar)
                if not nama:
                    out += [a.name for a in node.names]
                else:
                    out.append(nama)
            elif node.module and node.module.startswith("lkj_lib."):
                out.append(node.module[len("lkj_lib."):])
    return [m for m in out if m]


def test_tidak_ada_impor_ke_lapisan_atas():
    salah = []
    for p in PAKET.rglob("*.py"):
        rel = p.relative_to(PAKET).with_suffix("")
        sendiri = _lapis(".".join(rel.parts)) if rel.parts[0] != "__init__" else 0
        for m in _impor_tingkat_modul(p):
            if m.split(".")[0] in LAPIS and _lapis(m) > sendiri and sendiri != 0:
                salah.append(f"{'.'.join(rel.parts)} → {m}")
    assert not salah, salah


def test_modul_kecil():
    besar = {str(p.relative_to(PAKET)): n for p in PAKET.rglob("*.py")
             if (n := len(p.read_text(encoding="utf-8").splitlines())) > 400}
    assert not besar, besar
