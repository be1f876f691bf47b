"""Topics: phrase patterns over real text, masks for look-alikes, per-event topics."""
from __future__ import annotations

import json

import pytest

from diplograph.extract.topics import find
from tests.conftest import require_shared


def _codes(text: str) -> set[str]:
    return {c for _, c in find(text)}


def test_seed_topics_are_exactly_the_gold(seed_record: dict) -> None:
    gold = json.loads(require_shared("gold", "kazinform-hlpsd-2023.json").read_text())
    assert set(seed_record["topics"]) == set(gold["topics"])
    main = next(e for e in seed_record["events"] if e["main"])
    assert set(main["topics"]) == set(gold["topics"])


@pytest.mark.parametrize("text,codes", [
    ("They discussed water security and illegal migration.", {"water", "migration"}),
    ("Both sides stressed counter-terrorism and religious extremism.", {"terrorism"}),
    ("The EU investigated state aid to Airbus.", set()),
    ("European defence and aerospace firms welcomed it.", set()),
    ("A bus link and a rail link were announced.", {"transport"}),
    ("They talked about rare earth metals and digitalization.", {"critical_raw_materials", "digital"}),
    ("Debt relief and HIV/Aids were on the agenda.", {"finance", "humanitarian_aid", "health"}),
    ("Farmers need healthy soil, not promises.", {"agriculture"}),
    ("A wind farm and a coal plant will be built.", {"energy"}),
    ("Donors pledged climate finance for mountain villages.", {"environment"}),
    ("The commission agreed the delimitation of the state border.", {"border_management"}),
    ("The rebels signed a peace agreement ending the civil war.", {"security"}),
    ("He proposed a green belt of forests around the sea.", {"environment"}),
])
def test_phrases(text: str, codes: set[str]) -> None:
    assert _codes(text) == codes


def test_an_event_name_is_masked() -> None:
    text = "The Political and Security Dialogue met. Security was not discussed."
    assert find(text, [(4, 39)]) == [(41, "security")]


@pytest.mark.parametrize("name", ["bbc-politics-015", "bbc-business-469", "bbc-politics-139"])
def test_bbc_topics_match_gold(extract_text, name: str) -> None:
    gold = json.loads(require_shared("gold", f"{name}.json").read_text())
    text = require_shared("dev", "texts", f"{name}.txt").read_text()
    assert set(extract_text(text)["topics"]) == set(gold["topics"])


def test_a_plain_event_description_still_counts(extract_text) -> None:
    record = extract_text("Envoys from six countries met in Istanbul on Wednesday for talks on security. "
                          "The meeting was hosted by the Turkish Foreign Ministry.")
    assert "security" in record["topics"]
