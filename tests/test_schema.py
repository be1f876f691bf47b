"""Every record the extractor prints validates against the public JSON Schema, on every
fixture we have: the seed, the BBC dev texts, our own reports and examples, HTML pages."""
from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from tests.conftest import ROOT, require_shared

OWN_INPUTS = sorted(
    p for pattern in ("examples/*.txt", "tests/reports*/*.txt", "tests/reports*/*.html",
                      "tests/resolution/reports/*.txt")
    for p in ROOT.glob(pattern)
)


@pytest.fixture(scope="module")
def validator():
    import jsonschema

    path = require_shared("schema", "record.schema.json")
    schema = json.loads(path.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def _record(extractor, path: Path, data: bytes | None = None) -> dict:
    from diplograph.ingest import RawInput
    from diplograph.ingest.sources import kind_of
    from diplograph.pipeline import read_document

    data = path.read_bytes() if data is None else data
    doc = read_document(RawInput(str(path), data, kind_of(path.name, data)))
    return extractor.extract(doc).to_dict()


def _check(validator, rec: dict) -> None:
    errors = sorted(validator.iter_errors(rec), key=lambda e: list(e.path))
    assert not errors, "; ".join(f"{list(e.path)}: {e.message}" for e in errors[:5])
    text = rec["document"]["text"]
    for section in ("entities", "events", "statements", "figures"):
        for item in rec[section]:
            for span in item.get("mentions", []) + item.get("evidence", []):
                assert 0 <= span["start"] < span["end"] <= len(text), (section, item, span)


def test_seed_validates(validator, seed_record):
    _check(validator, seed_record)


def test_dev_texts_validate(validator, extractor):
    texts = sorted(require_shared("dev", "texts").glob("*.txt"))
    assert texts
    for path in texts:
        _check(validator, _record(extractor, path))


@pytest.mark.parametrize("path", OWN_INPUTS, ids=lambda p: str(p.relative_to(ROOT)))
def test_own_reports_validate(validator, extractor, path):
    _check(validator, _record(extractor, path))


def test_html_pages_validate(validator, extractor):
    from diplograph.errors import InputError

    pages = sorted(require_shared("data", "article-extraction", "html").glob("*.html.gz"))[:12]
    checked = 0
    for path in pages:
        try:
            rec = _record(extractor, path, gzip.decompress(path.read_bytes()))
        except InputError:
            continue  # a page with no article is reported, not validated
        _check(validator, rec)
        checked += 1
    assert checked >= 8


def test_news_sample_validates(validator, extractor):
    from diplograph.ingest import RawInput
    from diplograph.pipeline import read_document

    path = require_shared("data", "news-en", "articles.jsonl")
    with path.open(encoding="utf-8") as fh:
        rows = [json.loads(next(fh)) for _ in range(40)]
    docs = [read_document(RawInput(r["id"], f"{r['title']}\n\n{r['text']}".encode(), "text"))
            for r in rows]
    for rec in extractor.pipe(docs):
        _check(validator, rec.to_dict())
