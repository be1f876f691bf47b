"""The extract command as a user runs it: formats, order, exit status, one-line errors."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT

EXAMPLES = sorted((ROOT / "examples").glob("*.txt"))


def run(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([sys.executable, "-m", "diplograph", *args], input=stdin,
                          capture_output=True, timeout=300, cwd=ROOT)


def test_single_input_prints_one_json_record():
    res = run("extract", str(EXAMPLES[0]))
    assert res.returncode == 0, res.stderr
    rec = json.loads(res.stdout)
    assert rec["schema"] == "diplograph/record@1"


def test_several_inputs_print_json_lines_in_input_order():
    paths = [str(p) for p in reversed(EXAMPLES)]
    res = run("extract", *paths, "--workers", "2")
    assert res.returncode == 0, res.stderr
    lines = res.stdout.decode().splitlines()
    assert len(lines) == len(paths)
    titles = [json.loads(line)["document"]["title"] for line in lines]
    expected = [Path(p).read_text(encoding="utf-8").splitlines()[0] for p in paths]
    assert titles == expected


def test_stdin_and_table():
    res = run("extract", "-", "--format", "table", stdin=EXAMPLES[0].read_bytes())
    assert res.returncode == 0, res.stderr
    out = res.stdout.decode()
    assert out.startswith("== ")


def test_missing_file_is_one_line_and_batch_goes_on(tmp_path):
    res = run("extract", str(EXAMPLES[0]), str(tmp_path / "missing.txt"), "--format", "jsonl")
    assert res.returncode == 1
    assert len(res.stdout.decode().splitlines()) == 1
    err = res.stderr.decode().strip().splitlines()
    assert len(err) == 1 and "missing.txt" in err[0] and "Traceback" not in res.stderr.decode()


@pytest.mark.parametrize("args", [["extract"], ["extract", "x", "--format", "xml"], ["nope"]])
def test_usage_errors_exit_2(args):
    res = run(*args)
    assert res.returncode == 2
    assert b"Traceback" not in res.stderr


def test_public_api_is_exactly_all():
    import types

    import diplograph

    public = {n for n, v in vars(diplograph).items()
              if not n.startswith("_") and not isinstance(v, types.ModuleType)}
    assert public == set(diplograph.__all__) - {"__version__"}


def test_directory_walk_skips_the_folders_own_readme(tmp_path):
    (tmp_path / "README.md").write_text("# Reports\n\nWhat this folder holds.\n")
    (tmp_path / ".hidden.txt").write_text("Not a report\n\nHidden file.\n")
    (tmp_path / "a.txt").write_text("Talks in Astana\n\nThe ministers met in Astana on Monday.\n")
    res = run("extract", str(tmp_path), "--format", "jsonl")
    assert res.returncode == 0, res.stderr
    assert len(res.stdout.decode().splitlines()) == 1
