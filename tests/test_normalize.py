"""Normalisation on real text (the seed, the BBC dev texts, Russian news) and our own reports."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from diplograph.ingest import Ingested, RawInput
from diplograph.ingest.reader import load
from diplograph.ingest.sources import read_path
from diplograph.model import Document
from diplograph.normalize import boilerplate, dateline, homoglyphs, language, normalize, title
from diplograph.normalize.text import fix
from tests.conftest import require_shared

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"


def _doc(text: str, name: str = "r.txt") -> Document:
    return normalize(load(RawInput(name, text.encode("utf-8"), "text")))


def _file(path: Path) -> Document:
    raw = read_path(str(path))
    assert isinstance(raw, RawInput), raw
    return normalize(load(raw))


# -- the seed and the dev texts -------------------------------------------------------

def test_seed_document_section() -> None:
    path = require_shared("seeds", "kazinform-hlpsd-2023.txt")
    gold = json.loads(require_shared("gold", "kazinform-hlpsd-2023.json").read_text("utf-8"))["document"]
    doc = _file(path)
    assert doc.source == gold["source"] == "Kazinform"
    assert doc.dateline == gold["dateline"] == "Astana"
    assert doc.title == gold["title"]
    assert doc.language == "en"
    for s in gold["text_must_contain"]:
        assert s in doc.text
    for s in gold["text_must_not_contain"]:
        assert s not in doc.text
    assert doc.text.startswith("ASTANA. KAZINFORM - ")  # the dateline stays in the text
    assert "Currently, the implementation" in doc.text  # a body sentence, not the widget


@pytest.mark.parametrize("name", [
    "bbc-business-178", "bbc-business-241", "bbc-business-424", "bbc-business-469",
    "bbc-politics-015", "bbc-politics-139", "bbc-politics-209", "bbc-politics-373"])
def test_bbc_titles_and_text(name: str) -> None:
    gold = json.loads(require_shared("gold", f"{name}.json").read_text("utf-8"))["document"]
    doc = _file(require_shared("dev", "texts", f"{name}.txt"))
    assert doc.title == gold["title"]
    assert all(s in doc.text for s in gold["text_must_contain"])
    assert not any(s in doc.text for s in gold["text_must_not_contain"])
    assert doc.dateline is None


# -- our own reports ------------------------------------------------------------------

def test_wire_report() -> None:
    doc = _file(FIXTURES / "wire-report.txt")
    assert doc.title == "EU and Kyrgyzstan open talks on a new partnership agreement"
    assert (doc.dateline, doc.source, doc.published) == ("Bishkek", "AKIpress", "2024-03-14")
    assert doc.text.startswith("BISHKEK, 14 March 2024 (AKIpress) - The European Union")
    assert "Participants discussed trade" in doc.text
    assert doc.text.endswith("meet again in Brussels in the autumn.")
    for furniture in ("Share", "Read also", "Photo:", "Follow us", "©"):
        assert furniture not in doc.text


def test_report_without_title_keeps_first_paragraph() -> None:
    doc = _file(FIXTURES / "no-title.txt")
    assert doc.title is None
    assert doc.text.startswith("The foreign ministers of the five Central Asian states met")


def test_offsets_index_final_text() -> None:
    doc = _file(FIXTURES / "wire-report.txt")
    start = doc.text.index("Participants")
    assert doc.text[start:start + len("Participants")] == "Participants"
    assert doc.id == _file(FIXTURES / "wire-report.txt").id


# -- title ----------------------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("EU and Tajikistan hold talks\n\nBody sentence one.", "EU and Tajikistan hold talks"),
    ("Will the EU deliver on its Central Asia promises?\n\nBody.", "Will the EU deliver on its Central Asia promises?"),
    ("The ministers met in Astana on Monday.\n\nThey agreed on a plan.", None),
    ("Short lead sentence without a break\nSecond line of the same paragraph.\n\nMore.", None),
    ("A single paragraph that is the whole report", None),
    ("The trade deficit widened by more than expected in October, hitting record levels after "
     "higher oil prices raised import costs, figures have shown\n\nMore.", None),
    ("Will the visit, announced on Monday by the foreign ministry, bring the long-awaited "
     "agreement any closer?\n\nMore.", None),
    ('The minister said the talks would "achieve further progress."\n\nMore.', None),
])
def test_title_by_shape(text: str, expected: str | None) -> None:
    assert title.split(text)[0] == expected


def test_title_with_single_newlines_only() -> None:
    head, body = title.split("EU and Tajikistan hold talks\nThe talks were held.\nThey ended.")
    assert head == "EU and Tajikistan hold talks"
    assert body.startswith("The talks were held.")


def test_dateline_only_first_line_is_not_a_title() -> None:
    doc = _doc("ASTANA, 3 June 2023 (Kazinform) -\n\nThe ministers met on Saturday in the capital.")
    assert doc.title is None


# -- dateline -------------------------------------------------------------------------

@pytest.mark.parametrize("line, place, source, published", [
    ("ASTANA. KAZINFORM - The tenth meeting", "Astana", "Kazinform", None),
    ("BRUSSELS (Reuters) - The EU said", "Brussels", "Reuters", None),
    ("Tashkent, 12 June (UzA) -- Talks were held", "Tashkent", "UzA", None),
    ("ALMATY, June 3 /Trend/ - The forum opened", "Almaty", "Trend", None),
    ("NUR-SULTAN, Kazakhstan — The president", "Nur-Sultan", None, None),
    ("BEIJING, June 3, 2023 (Xinhua) -- China and", "Beijing", "Xinhua", "2023-06-03"),
    ("ST. PETERSBURG, 12.06.2023 (TASS) - Russia", "St. Petersburg", "TASS", "2023-06-12"),
    ("ASHGABAT, Dec 3 (AFP) - The gas", "Ashgabat", "AFP", None),
    ("LONDON (AP) — Britain", "London", "AP", None),
    ("Bishkek, 2024-03-14 (Kabar) - Kyrgyzstan", "Bishkek", "Kabar", "2024-03-14"),
    ("DUSHANBE (Asia-Plus) - Tajikistan", "Dushanbe", "Asia-Plus", None),
    ("MOSCOW, June 3. /TASS/. Russia and", "Moscow", "TASS", None),
    ("Washington, D.C. (AP) — The", "Washington", "AP", None),
    ("Baku, Azerbaijan, June 3, 2023 (Trend) - The", "Baku", "Trend", "2023-06-03"),
    ("ASTANA (TCA) — Kazakhstan", "Astana", "Times of Central Asia", None),
    ("KABUL (Pajhwok) - Afghan", "Kabul", "Pajhwok", None),
    ("NEW DELHI: India and the EU", "New Delhi", None, None),
    # AFP brackets the country before its credit
    ("Xi'an (China) (AFP) - Chinese President", "Xi'an", "AFP", None),
    ("ALMATY (Kazakhstan), May 3, 2024 (AFP) - The talks", "Almaty", "AFP", "2024-05-03"),
])
def test_dateline_shapes(line: str, place: str, source: str | None, published: str | None) -> None:
    dl = dateline.parse(line)
    assert dl is not None
    assert (dl.place, dl.source, dl.published) == (place, source, published)


@pytest.mark.parametrize("line", [
    "EU - Central Asia relations are growing",
    "The EU - Central Asia forum opened",
    "Kazakhstan - the largest country in the region - said",
    "NATO - the alliance - said",
    "EXCLUSIVE - Talks on gas stall",
    "Astana. The talks - held on Friday - ended.",
    "Central Asia’s growing engagement with external partners continues.",
    "Mr. Smith. He said - no more talks",
    "The U.S. - led coalition met",
    "DEAR READER: the talks",
    "NOTE: the talks were held",
    "Astana (Kazakhstan) hosted the talks - and more",
])
def test_not_datelines(line: str) -> None:
    assert dateline.parse(line) is None


def test_metadata_date_wins_over_dateline() -> None:
    ing = Ingested("p.html", "ASTANA, 3 June 2023 (Kazinform) - The ministers met in the capital "
                   "of Kazakhstan on Saturday to discuss water.", "html",
                   title="Ministers meet", published="2023-06-04", source="inform.kz")
    doc = normalize(ing)
    assert (doc.published, doc.source, doc.dateline) == ("2023-06-04", "Kazinform", "Astana")


# -- boilerplate ----------------------------------------------------------------------

@pytest.mark.parametrize("line", [
    "Currently reading", "Read also", "Read more: EU unveils new Central Asia strategy", "Share",
    "Share on Facebook", "Subscribe to our Telegram channel", "Follow us on X and Facebook",
    "Photo: Kazinform", "Photo credit: EEAS", "© 2023 Kazinform. All rights reserved.",
    "Copyright 2024 The Example Times", "Advertisement", "Tags: EU, Central Asia", "3 min read",
    "If you find an error in the text, select it and press Ctrl+Enter",
])
def test_boilerplate_lines_removed(line: str) -> None:
    text = f"The ministers met on Monday.\n\n{line}\n\nThey agreed on water."
    out, dropped = boilerplate.strip(text)
    assert dropped == 1
    assert out == "The ministers met on Monday.\n\nThey agreed on water."


@pytest.mark.parametrize("line", [
    "Read more about the strategy in the annex, the ministry said.",
    "Share prices in Almaty rose by 3% after the talks.",
    "Photographs of the meeting were not released, officials said.",
    "Copyright law was also discussed by the delegations.",
    "Advertisement spending in Kazakhstan grew in 2023.",
    "Currently, the implementation of the programme continues.",
    "Follow-up talks are planned for the autumn.",
])
def test_body_sentences_kept(line: str) -> None:
    text = f"The ministers met on Monday.\n\n{line}"
    assert boilerplate.strip(text) == (text, 0)


def test_related_list_removed_to_the_next_sentence() -> None:
    text = ("The talks ended on Friday.\n\nRelated articles\nEU and Uzbekistan sign memorandum\n"
            "Kazakh minister visits Brussels\n\nThe next round is due in June.")
    out, _ = boilerplate.strip(text)
    assert out == "The talks ended on Friday.\n\nThe next round is due in June."


# -- homoglyphs and Unicode -----------------------------------------------------------

def test_homoglyphs_repaired_inside_mixed_words() -> None:
    assert homoglyphs.repair("Рarticipants agreed") == "Participants agreed"  # Cyrillic Р
    assert homoglyphs.repair("the Mοscow talks") == "the Moscow talks"  # Greek ο
    assert homoglyphs.repair("Казахстaн и ЕС, EU") == "Казахстан и ЕС, EU"  # Latin a


def test_genuine_cyrillic_untouched() -> None:
    rows = require_shared("data", "news-ru", "articles.jsonl").read_text("utf-8").splitlines()
    changed = 0
    for line in rows[:120]:
        text = json.loads(line)["text"]
        out = homoglyphs.repair(text)
        assert len(out) == len(text)
        changed += sum(a != b for a, b in zip(out, text))
    assert changed <= 3  # only genuinely mixed words (a Latin letter typed in a Russian word)


def test_mojibake_and_whitespace() -> None:
    assert fix("KazakhstanвЂ™s role") == "Kazakhstan’s role"
    assert fix("cafÃ© talks") == "café talks"
    assert fix("a\r\nb\rc") == "a\nb\nc"
    assert fix("  two  spaces\u00a0here \n\n\n\nnext\u200b para  ") == "two spaces here\n\nnext para"
    assert fix("«quoted» “curly” ‘single’") == "«quoted» “curly” ‘single’"


# -- language -------------------------------------------------------------------------

def test_russian_news_detected() -> None:
    rows = require_shared("data", "news-ru", "articles.jsonl").read_text("utf-8").splitlines()
    for line in rows[:40]:
        doc = _doc(json.loads(line)["text"])
        assert doc.language == "ru"
        assert any("'ru'" in w for w in doc.warnings)


def test_english_detected_and_short_text_defaults() -> None:
    assert language.detect((FIXTURES / "no-title.txt").read_text("utf-8")) == "en"
    assert language.detect("Astana.") == "en"


# -- publication stamps ---------------------------------------------------------------

@pytest.mark.parametrize("text, title_, published", [
    ("EU and Kazakhstan sign water deal\n12 June 2023, 14:35\n\nThe deal was signed.",
     "EU and Kazakhstan sign water deal", "2023-06-12"),
    ("14:35, 03.06.2023\nEU and Kazakhstan sign water deal\n\nThe deal was signed.",
     "EU and Kazakhstan sign water deal", "2023-06-03"),
    ("EU and Kazakhstan sign water deal\nPublished: June 12, 2023 at 2:35 pm EST\n\nThe deal was signed.",
     "EU and Kazakhstan sign water deal", "2023-06-12"),
    ("EU and Kazakhstan sign water deal\nUpdated 14 June 2023\n\nThe deal was signed.",
     "EU and Kazakhstan sign water deal", None),
])
def test_header_stamp_gives_published(text: str, title_: str, published: str | None) -> None:
    doc = _doc(text)
    assert (doc.title, doc.published, doc.text) == (title_, published, "The deal was signed.")


def test_dates_in_the_body_are_not_stamps() -> None:
    text = ("EU and Kazakhstan sign water deal\n\nThe deal was signed on Monday.\n\nTimeline:\n"
            "The talks began in spring.\n\n12 June 2023")
    doc = _doc(text)
    assert doc.published is None and doc.text.endswith("12 June 2023")


# -- outlet credits in the lead -------------------------------------------------------

@pytest.mark.parametrize("lead, source", [
    ("The ministers met in Astana, Kazinform refers to the press service of the ministry.", "Kazinform"),
    ("An AKIpress correspondent reports that the talks in Bishkek ended on Friday.", "AKIpress"),
    ("Trend reports citing the foreign ministry that the talks will resume in May.", "Trend"),
    ("The talks resumed, the minister told Reuters on Monday.", None),
    ("The talks resumed on Monday, The New York Times reported.", None),
])
def test_credit_in_lead(lead: str, source: str | None) -> None:
    assert _doc(f"Talks resume\n\n{lead}\n\nMore talks are planned.").source == source


def test_no_credit_in_bbc_corpus() -> None:
    """BBC reports cite other outlets ("told Reuters", "the FT reported"); none is a credit.
    Only the BBC's own correspondents ("BBC correspondents said") name it."""
    rows = require_shared("data", "news-en", "articles.jsonl").read_text("utf-8").splitlines()
    from diplograph.normalize.source import credited

    found = [credited(json.loads(r)["text"]) for r in rows[:800]]
    assert set(found) == {None, "BBC"}
    assert found.count("BBC") == 1  # bbc-business-241


@pytest.mark.parametrize("name, canonical", [
    ("KAZINFORM", "Kazinform"), ("Trend News Agency", "Trend"), ("https://www.reuters.com/world/", "Reuters"),
    ("Radio Free Europe/Radio Liberty", "RFE/RL"), ("https://www.example-news.kz", "example-news.kz"),
    ("BERNAMA", "Bernama"), ("Example Daily", "Example Daily"),
])
def test_outlet_names(name: str, canonical: str) -> None:
    from diplograph.normalize.source import canonical_source

    assert canonical_source(name) == canonical


def test_overlong_text_is_cut_at_a_paragraph_with_a_warning(monkeypatch: pytest.MonkeyPatch) -> None:
    import diplograph.normalize as norm

    monkeypatch.setattr(norm, "MAX_CHARS", 1000)
    para = "The ministers met again in Astana to discuss water, energy and transport links."
    doc = _doc("Talks go on\n\n" + "\n\n".join([para] * 40))
    assert len(doc.text) <= 1000 and doc.text.endswith(para)
    assert any("cut" in w for w in doc.warnings)


def test_source_from_a_saved_reports_file_name():
    from diplograph.ingest import Ingested
    from diplograph.normalize import normalize

    body = "Ministers met in Astana on Monday to discuss transit.\n"
    named = normalize(Ingested("saved/eurasianet-border-talks.txt", "Border talks\n\n" + body, "text"))
    assert named.source == "Eurasianet"
    unknown = normalize(Ingested("saved/my-notes.txt", "Border talks\n\n" + body, "text"))
    assert unknown.source is None
    stdin = normalize(Ingested("-", "Border talks\n\n" + body, "text"))
    assert stdin.source is None


def test_a_bracketed_date_in_a_dateline_is_not_an_outlet():
    from diplograph.ingest import Ingested
    from diplograph.normalize import normalize

    doc = normalize(Ingested("r.txt", "Ministers meet\n\nBISHKEK, KYRGYZ REPUBLIC (21 November 2025)"
                             " — Ministers from 11 countries met on Friday.\n", "text"))
    assert (doc.dateline, doc.source) == ("Bishkek", None)
    wire = normalize(Ingested("r.txt", "Talks\n\nBISHKEK (24.kg) — Ministers met on Friday.\n", "text"))
    assert wire.source == "24.kg"
