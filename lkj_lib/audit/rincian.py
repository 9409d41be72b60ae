"""Objek ``rincian`` pada ``angka_dilaporkan``: hitungan yang tercetak di prosa (mis. "409 orang (20 + 211 +
179)" atau "53,22% = 91/171") diperiksa seperti angka turunan lain: kode = ungkapan tanpa spasi, nilai =
hasil tercetak. Setiap operand bertanda presisi tercetaknya, sehingga aturan selang pembulatan berlaku."""

from __future__ import annotations

import ast
import operator
import re

from ..angka import AngkaError, baca_angka
from .dilaporkan import TakDikenal

_RE_OPERAND = re.compile(r"\d[\d.,]*")
_OP = {ast.Add: operator.add, ast.Sub: operator.sub, ast.Mult: operator.mul, ast.Div: operator.truediv}


def _pohon(kode: str) -> tuple[ast.AST, list[tuple[float, float]]]:
    """Pohon ungkapan dengan operand x0, x1, ... dan (nilai, setengah satuan) setiap operand."""
    teks = (kode or "").replace("×", "*").replace("x", "*").replace("X", "*").replace(":", "/").replace("−", "-")
    operand: list[tuple[float, float]] = []

    def ganti(m):
        try:
            b = baca_angka(m.group(0))
        except AngkaError as e:
            raise TakDikenal(f"operand {m.group(0)!r} bukan bilangan") from e
        operand.append((float(b.nilai), 0.5 * 10.0 ** (-b.desimal) if b.desimal else 0.0))
        return f"x{len(operand) - 1}"

    py = _RE_OPERAND.sub(ganti, teks)
    if not re.fullmatch(r"[x\d+\-*/() ]+", py):
        raise TakDikenal(f"rincian {kode!r}: hanya bilangan dan + − × / ( ) yang dikenal")
    try:
        pohon = ast.parse(py, mode="eval").body
    except SyntaxError as e:
        raise TakDikenal(f"rincian {kode!r} tidak dapat dibaca") from e
    for n in ast.walk(pohon):
        if not isinstance(n, (ast.BinOp, ast.Name, ast.Load, ast.UnaryOp, ast.USub, *_OP)):
            raise TakDikenal(f"rincian {kode!r}: unsur {type(n).__name__} tidak dikenal")
    return pohon, operand


def _nilai(n: ast.AST, x: list[float]) -> float:
    if isinstance(n, ast.Name):
        return x[int(n.id[1:])]
    if isinstance(n, ast.UnaryOp):
        return -_nilai(n.operand, x)
    return _OP[type(n.op)](_nilai(n.left, x), _nilai(n.right, x))


def nilai_rincian(kode: str) -> tuple:
    """(fungsi operand → nilai, daftar selang operand) untuk dipakai audit."""
    pohon, operand = _pohon(kode)
    return (lambda *x: _nilai(pohon, list(x))), [(v - s, v + s) for v, s in operand]
