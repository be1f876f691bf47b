"""Outlets' header and footer conventions: datelines, bylines, issuer lines, title kickers and
furniture, on reports written for these tests (tests/fixtures/ingest) and the BBC corpus."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from diplograph.ingest import RawInput
from diplograph.ingest.reader import load
from diplograph.ingest.sources import read_path
from diplograph.model import Document
from diplograph.normalize import boilerplate, byline, dateline, normalize, title
from tests.conftest import require_shared

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"


def _file(name: str) -> Document:
    raw = read_path(str(FIXTURES / name))
    assert isinstance(raw, RawInput), raw
    return normalize(load(raw))


def _doc(text: str) -> Document:
    return normalize(load(RawInput("r.txt", text.encode("utf-8"), "text")))


# -- whole reports --------------------------------------------------------------------

def test_press_release_without_issuer_has_no_source() -> None:
    doc = _file("press-release.txt")
    assert (doc.source, doc.dateline, doc.published) == (None, "Brussels", "2024-05-03")
    assert doc.text.startswith("Brussels, 3 May 2024 – The Council today approved")
    assert doc.text.endswith("open civil society in the region.")
    for furniture in ("further information", "Anna Virtanen", "+32", "@example.eu", "Press contacts",
                      "Related documents"):
        assert furniture not in doc.text


def test_feature_byline_gives_the_date_not_the_source() -> None:
    doc = _file("feature-byline.txt")
    assert doc.title == "Kazakh and Kyrgyz museums agree to share Silk Road collections"
    assert (doc.source, doc.dateline, doc.published) == (None, "Astana", "2024-03-12")
    assert doc.text.startswith("ASTANA – The National Museum of Kazakhstan")
    assert doc.text.endswith('said museum director Nurlan Bekov.')
    for furniture in ("Saparova", "Tags:", "Related news", "Turkic museums", "Also read"):
        assert furniture not in doc.text


def test_reuters_wire_loses_byline_and_credits() -> None:
    doc = _file("reuters-wire.txt")
    assert (doc.source, doc.dateline, doc.published) == ("Reuters", "Almaty", None)
    assert doc.text.startswith("ALMATY, Oct 5 (Reuters) - Kazakhstan and China agreed")
    assert doc.text.endswith("in the first nine months of the year, it said.")
    assert "Ivanov" not in doc.text and "Trust Principles" not in doc.text


def test_tass_wire() -> None:
    doc = _file("tass-wire.txt")
    assert (doc.source, doc.dateline, doc.published) == ("TASS", "Moscow", None)
    assert doc.text.endswith("in Tashkent early next year.")


def test_trend_dateline_and_lead_credit() -> None:
    doc = _file("trend-wire.txt")
    assert (doc.source, doc.dateline, doc.published) == ("Trend", "Baku", None)
    assert doc.text.startswith("BAKU, Azerbaijan, Jan. 21. Azerbaijan and Turkmenistan")
    assert doc.text.endswith("working group on tariffs.")


def test_html_opinion_page() -> None:
    doc = _file("opinion-page.html")
    assert doc.title == "Why Central Asia needs a water council"
    assert (doc.source, doc.published) == ("Kazinform", "2024-04-02")  # JSON-LD datePublished
    assert doc.text.startswith("The five states of Central Asia share two great rivers")
    for furniture in ("Opinion |", "Author:", "cookies", "Telegram", "All rights reserved"):
        assert furniture not in doc.text


def test_our_gold_reports_document_section() -> None:
    """The document section of every report in tests/reports matches its gold record."""
    root = Path(__file__).parent
    for gold_path in sorted((root / "gold").glob("*.json")):
        gold = json.loads(gold_path.read_text("utf-8"))["document"]
        report = next((root / "reports").glob(gold_path.stem + ".*"))
        doc = normalize(load(read_path(str(report))))  # type: ignore[arg-type]
        got = {"source": doc.source, "dateline": doc.dateline, "title": doc.title}
        assert got == {k: gold[k] for k in got}, report.name
        assert all(s in doc.text for s in gold.get("text_must_contain", [])), report.name
        assert not any(s in doc.text for s in gold.get("text_must_not_contain", [])), report.name
        if gold.get("published") and doc.published:
            assert doc.published == gold["published"], report.name


# -- datelines ------------------------------------------------------------------------

@pytest.mark.parametrize("line, place, source, published", [
    ("BAKU, Azerbaijan, May 21. Azerbaijan and Georgia", "Baku", None, None),
    ("TASHKENT, March 14 (UzA) — The talks", "Tashkent", "UzA", None),
    ("DUSHANBE, 12.03.2024 (Khovar) – The talks", "Dushanbe", "Khovar", "2024-03-12"),
    ("BISHKEK (AKIpress) - The talks", "Bishkek", "AKIpress", None),
    ("RIYADH (SPA) -- The kingdom", "Riyadh", "SPA", None),
    ("TOKYO, March 3 (Kyodo) - Japan", "Tokyo", "Kyodo", None),
    ("KUALA LUMPUR, May 14 (Bernama) -- Malaysia", "Kuala Lumpur", "Bernama", None),
    ("ABU DHABI, 3rd June, 2024 (WAM) -- The UAE", "Abu Dhabi", "WAM", "2024-06-03"),
    ("MOSCOW, March 14 - RIA Novosti. Russia and", "Moscow", "RIA Novosti", None),
    ("ASHGABAT, 14 March 2024 – TDH. Turkmenistan", "Ashgabat", "TDH", "2024-03-14"),
    ("Tashkent, March 14 (UzA). Uzbekistan", "Tashkent", "UzA", None),
    ("DUSHANBE, 12.03.2024 /NIAT Khovar/. Tajikistan", "Dushanbe", "Khovar", "2024-03-12"),
    ("Brussels, 23/10/2023 – The EU", "Brussels", None, "2023-10-23"),
    ("ASTANA, 5 January 2024, 14:35 (Kazinform) - The", "Astana", "Kazinform", "2024-01-05"),
    ("XI'AN, May 19 (Xinhua) -- China", "Xi'an", "Xinhua", None),
])
def test_wire_datelines(line: str, place: str, source: str | None, published: str | None) -> None:
    dl = dateline.parse(line)
    assert dl is not None
    assert (dl.place, dl.source, dl.published) == (place, source, published)


@pytest.mark.parametrize("line", [
    "Baku, May 21. Azerbaijan and Georgia met.",  # title case needs a dash or a credit
    "IN 2023. The talks were held.",
    "COVID-19. The pandemic slowed trade.",
    "Astana (Kazakhstan). The talks were held.",
])
def test_full_stop_closes_only_dated_capital_datelines(line: str) -> None:
    assert dateline.parse(line) is None


def test_text_after_a_dash_stays_unless_an_outlet() -> None:
    dl = dateline.parse("BRUSSELS - EU ministers met. Then they left.")
    assert dl is not None and (dl.source, dl.end) == (None, len("BRUSSELS - "))


# -- bylines --------------------------------------------------------------------------

@pytest.mark.parametrize("line, date", [
    ("By Aigerim Saparova in Culture on 12 March 2024", "2024-03-12"),
    ("By Dana Omarova", None),
    ("Author: Saule Akhmetova", None),
    ("By A. K. Bekov and Jane Doe | June 3, 2024", "2024-06-03"),
    ("Written by Maria de la Cruz, staff correspondent", None),
    ("By RFE/RL's Tajik Service", None),
    ("By Nikolaj Dahl, Brussels, 24. Jul 2025, 09:14", "2025-07-24"),
])
def test_bylines(line: str, date: str | None) -> None:
    assert byline.is_byline(line)
    text, published = byline.take(f"Talks open\n\n{line}\n\nASTANA – The talks opened.")
    assert text == "Talks open\n\nASTANA – The talks opened."
    assert published == date


@pytest.mark.parametrize("line", [
    "By the end of the year, trade had doubled",
    "By rail and road to Tashkent",
    "By 2030 the corridor will carry 10 million tonnes.",
    "By Tuesday the delegations had agreed on a text.",
])
def test_not_bylines(line: str) -> None:
    assert not byline.is_byline(line)


def test_byline_is_never_the_source_and_first_line_needs_a_label() -> None:
    doc = _doc("By Rail To Tashkent\n\nBy John Smith\n\nTASHKENT – The new line opened.")
    assert doc.title == "By Rail To Tashkent"
    assert doc.source is None
    assert doc.text == "TASHKENT – The new line opened."


# -- issuers and furniture ------------------------------------------------------------

@pytest.mark.parametrize("line, issuer", [
    ("EEAS Press Release", "EEAS"),
    ("Press release - European Commission", "European Commission"),
    ("For further information, contact the OSCE Press Office.", "OSCE"),
    ("Please contact the Delegation of the European Union to Kazakhstan press office", "Delegation of the European Union to Kazakhstan"),
    ("Joint Press Release", None),
    ("Kazakh Ministry Issues Press Release", None),
    ("Press Release: Kazakhstan And EU Sign Deal", None),
    ("OSCE PRESS RELEASE", "OSCE"),
    ("For further information, contact the Press Office.", None),
    ("The press office declined to comment.", None),
])
def test_issuer_lines(line: str, issuer: str | None) -> None:
    assert boilerplate.issuer(line) == issuer


def test_issuer_gives_source_after_a_dateline() -> None:
    doc = _doc("Talks held\n\nLUXEMBOURG, 23 October 2023 – EEAS Press Release\n\n"
               "The ministers met in Luxembourg today.")
    assert (doc.source, doc.dateline, doc.published) == ("EEAS", "Luxembourg", "2023-10-23")
    doc = _doc("Talks held\n\nVIENNA, 16 April 2024 – The conference opened today.\n\n"
               "For further information, contact the OSCE Press Office.")
    assert doc.source == "OSCE" and "Press Office" not in doc.text


@pytest.mark.parametrize("line", [
    "Follow the latest news on our Telegram channel",
    "Follow the latest news on Azerbaijan's economy on Trend's Telegram channel",
    "For further information, please contact: press@example.eu",
    "Tel.: +7 7172 00 00 00", "+998 71 000 00 00", "press.office@example.eu",
    "Source: Kazinform", "(Reporting by Olga Ivanova; Editing by Mark Potter)",
    "Additional reporting by Joseph Hudak", "Photo credit Akorda",
    "We use cookies to improve your experience. By continuing you agree to our cookie policy.",
    "Accept all cookies", "Press release", "Enditem", "___",
])
def test_furniture_lines(line: str) -> None:
    out, dropped = boilerplate.strip(f"The ministers met on Monday.\n\n{line}\n\nThey agreed.")
    assert (out, dropped) == ("The ministers met on Monday.\n\nThey agreed.", 1)


@pytest.mark.parametrize("line", [
    "Mobile phones in the UK are celebrating their 20th anniversary this weekend.",
    "Telecom analysts welcomed the move.",
    "Sources close to the talks said a deal was near.",
    "Contacts between the two ministries will intensify.",
    "Reporting by state media suggested the talks had stalled.",
])
def test_sentences_like_furniture_kept(line: str) -> None:
    text = f"The ministers met on Monday.\n\n{line}"
    assert boilerplate.strip(text) == (text, 0)


def test_list_entry_ending_in_a_quotation_is_a_sentence() -> None:
    text = ('The talks ended.\n\nRelated news\nEU and Uzbekistan sign memorandum\n'
            '"We will be back," he said.”')
    out, _ = boilerplate.strip(text)
    assert out == 'The talks ended.\n\n"We will be back," he said.”'


# -- titles ---------------------------------------------------------------------------

@pytest.mark.parametrize("raw, site, expected, outlet", [
    ("Opinion | Why water matters - Kazinform", "Kazinform", "Why water matters", "Kazinform"),
    ("ANALYSIS: China courts Central Asia", None, "China courts Central Asia", None),
    ("World | Talks resume - inform.kz", "Kazinform", "Talks resume", "Kazinform"),
    ("Talks resume | The Astana Times", None, "Talks resume", "The Astana Times"),
    ("Central Asia: EU pledges aid", None, "Central Asia: EU pledges aid", None),
    ("Talks resume - Reuters", "Trend", "Talks resume - Reuters", None),
])
def test_title_kickers_and_site_names(raw: str, site: str | None, expected: str,
                                      outlet: str | None) -> None:
    assert title.clean(raw, site) == (expected, outlet)


def test_plain_text_title_with_site_suffix_names_the_outlet() -> None:
    doc = _doc("Kazakhstan and EU sign raw materials roadmap | The Astana Times\n\n"
               "ASTANA – Kazakhstan and the EU signed a roadmap on Monday.")
    assert doc.title == "Kazakhstan and EU sign raw materials roadmap"
    assert doc.source == "The Astana Times"


def test_bbc_corpus_headers_untouched() -> None:
    """No BBC report loses a body line to the byline or furniture rules, or gains a source
    other than the BBC."""
    rows = require_shared("data", "news-en", "articles.jsonl").read_text("utf-8").splitlines()
    for row in rows[::5]:
        art = json.loads(row)
        doc = _doc(art["title"] + "\n\n" + art["text"])
        assert doc.source in (None, "BBC"), art["id"]
        first = " ".join(art["text"].split("\n", 1)[0].split())
        assert doc.text.startswith(first[:40]) or "&#" in first, art["id"]


def test_html_text_opening_with_a_byline() -> None:
    from diplograph.ingest import Ingested

    ing = Ingested("p.html", "By Dana Omarova\nASTANA – The ministers met on Monday to discuss "
                   "water sharing on the Syr Darya.", "html", title="Ministers meet")
    doc = normalize(ing)
    assert doc.text.startswith("ASTANA – The ministers met")
    assert doc.source is None


def test_a_header_layout_with_standfirst_stamp_and_a_dateline_on_its_own_line() -> None:
    d = _doc("Leaders meet in Bishkek\n\nThe president says the group must grow\n\n"
             "06.11.2024\n\nBISHKEK\n\nThe leaders of the Organization of Turkic States met "
             "on Wednesday.\n")
    assert (d.published, d.dateline) == ("2024-11-06", "Bishkek")
    assert "06.11.2024" not in d.text


def test_a_byline_gives_its_place_and_date_and_a_signed_desk_leaves_the_text() -> None:
    d = _doc("Summit postponed\n\nBy Nikolaj Dahl, Brussels, 24. Jul 2025, 09:14\n\n"
             "Tehran has postponed the summit, a diplomat said.\n")
    assert (d.published, d.dateline) == ("2025-07-24", "Brussels")
    d = _doc("EU presses Tajikistan\n\nBy RFE/RL's Tajik Service\nJanuary 22, 2025\n\n"
             "BRUSSELS -- The European Union and Tajikistan held talks.\n")
    assert (d.published, d.dateline) == ("2025-01-22", "Brussels")
    assert d.text.startswith("BRUSSELS --")
