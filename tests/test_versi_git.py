"""versi_git membaca commit HEAD dari berkas .git tanpa menjalankan git (biasa, packed-refs, worktree, detached)."""

import subprocess

import pytest

from lkj_lib.bangun.manifest import versi_git


def _git(folder, *a):
    return subprocess.run(["git", "-C", str(folder), *a], capture_output=True, text=True, check=True).stdout.strip()


@pytest.fixture
def repo(tmp_path):
    r = tmp_path / "r"
    r.mkdir()
    _git(r, "init", "-q", "-b", "utama")
    (r / "a.txt").write_text("a")
    _git(r, "add", "a.txt")
    _git(r, "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "a")
    return r


def test_ref_biasa_packed_worktree_detached(repo, tmp_path):
    sha = _git(repo, "rev-parse", "HEAD")[:12]
    assert versi_git(repo) == sha
    _git(repo, "pack-refs", "--all")  # ref pindah ke packed-refs
    assert not (repo / ".git" / "refs" / "heads" / "utama").exists()
    assert versi_git(repo) == sha
    wt = tmp_path / "wt"
    _git(repo, "worktree", "add", "-q", "-b", "cabang", str(wt))
    (wt / "b.txt").write_text("b")
    _git(wt, "add", "b.txt")
    _git(wt, "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "b")
    assert versi_git(wt) == _git(wt, "rev-parse", "HEAD")[:12] != sha
    _git(repo, "checkout", "-q", "--detach")
    assert versi_git(repo) == sha
    assert versi_git(tmp_path) == ""  # bukan checkout git
