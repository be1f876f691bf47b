"""Shared fixtures. Tests that read ../shared skip with a reason where it is absent (a user's
fresh clone); CI sets DIPLOGRAPH_REQUIRE_SHARED=1, which turns that skip into a failure."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("DIPLOGRAPH_SHARED", ROOT.parent / "shared"))
SEED = SHARED / "seeds" / "kazinform-hlpsd-2023.txt"


def require_shared(*parts: str) -> Path:
    path = SHARED.joinpath(*parts)
    if not path.exists():
        if os.environ.get("DIPLOGRAPH_REQUIRE_SHARED") == "1":
            pytest.fail(f"{path} is missing and DIPLOGRAPH_REQUIRE_SHARED=1 (CI needs ../shared)")
        pytest.skip(f"{path} not found: ../shared is not beside this checkout")
    return path


@pytest.fixture(scope="session")
def shared() -> Path:
    return require_shared()


@pytest.fixture(scope="session")
def nlp():
    from diplograph.annotate import load_nlp

    return load_nlp()


@pytest.fixture(scope="session")
def extractor(nlp):
    from diplograph.pipeline import Extractor

    return Extractor(nlp)


@pytest.fixture(scope="session")
def seed_record(extractor):
    from diplograph.ingest import RawInput
    from diplograph.pipeline import read_document

    path = require_shared("seeds", "kazinform-hlpsd-2023.txt")
    doc = read_document(RawInput(str(path), path.read_bytes(), "text"))
    return extractor.extract(doc).to_dict()


@pytest.fixture(scope="session")
def extract_text(extractor):
    """Extract a record (as a dict) from a report given as a string (title line, blank, body)."""
    from diplograph.ingest import RawInput
    from diplograph.pipeline import read_document

    def run(text: str, name: str = "report.txt") -> dict:
        doc = read_document(RawInput(name, text.encode("utf-8"), "text"))
        return extractor.extract(doc).to_dict()

    return run


@pytest.fixture(scope="session")
def shared_score():
    """``../shared/tools/score.py`` imported as a module: the reference scorer."""
    import importlib.util

    path = require_shared("tools", "score.py")
    spec = importlib.util.spec_from_file_location("shared_score", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
