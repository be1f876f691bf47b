"""Events on real text: the seed, the BBC dev reports, and reports written for these tests."""
from __future__ import annotations

import json
import sys

import pytest

from tests.conftest import require_shared

COOPERATION_COUNCIL = """EU and Uzbekistan hold Cooperation Council in Brussels

BRUSSELS, 12 May 2024 - The 19th meeting of the EU-Uzbekistan Cooperation Council took place in Brussels on Monday. The EU delegation was headed by High Representative Josep Borrell, while Foreign Minister Bakhtiyor Saidov led the delegation of Uzbekistan. The sides discussed trade, energy and water cooperation, as well as border security. The next Cooperation Council will be held in Tashkent in 2025."""

C5_SUMMIT = """Leaders meet in New York for C5+1 summit

The presidents of Kazakhstan, Kyrgyzstan, Tajikistan, Turkmenistan and Uzbekistan met US President Joe Biden at the first C5+1 summit in New York on 19 September 2023. The leaders discussed regional security, critical minerals and counter-terrorism cooperation. A C5+1 foreign ministers' meeting is planned for next spring."""

PLANNED_TALKS = """Ministers to meet in Astana

Officials said the upcoming round of EU-Kazakhstan consultations will be held in Astana on 14 November 2023. Deputy foreign ministers will lead the delegations. The talks are expected to cover transport corridors and energy."""


def _by_name(record: dict, word: str) -> dict:
    return next(e for e in record["events"] if word.lower() in e["name"].lower())


def test_seed_main_event(seed_record: dict) -> None:
    main = [e for e in seed_record["events"] if e["main"]]
    assert len(main) == 1
    m = main[0]
    assert m["name"] == "Central Asia-European Union High-level Political and Security Dialogue"
    assert (m["series"], m["acronym"], m["ordinal"]) == ("High-level Political and Security Dialogue", "HLPSD", 10)
    assert m["status"] == "held" and m["type"] == "meeting"
    assert m["location"] == {"name": "Astana", "country": "KZ"}
    assert set(m["participants"]) == {"KZ", "KG", "TJ", "UZ", "TM", "EU"}
    titles = {d["party"]: d["title"] for d in m["delegations"]}
    assert titles["KG"] == "Deputy Foreign Minister" and titles["TM"] == "Ambassador"
    assert any(d["party"] == "EU" and d["head"] == "Enrique Mora" for d in m["delegations"])


def test_seed_referred_events_have_their_own_place_date_and_status(seed_record: dict) -> None:
    ev = seed_record["events"]
    assert len(ev) == 7
    cons = _by_name(seed_record, "Consultative Meeting")
    assert (cons["type"], cons["ordinal"], cons["status"]) == ("summit", 2, "held")
    assert cons["date"]["start"] == "2023-06-02" and cons["location"]["name"] == "Cholpon-Ata"
    assert _by_name(seed_record, "Economic Forum")["location"]["name"] == "Almaty"
    assert _by_name(seed_record, "Special Representatives")["location"]["name"] == "Ashgabat"
    assert _by_name(seed_record, "conference")["location"]["name"] == "Doha"
    mini = _by_name(seed_record, "Ministerial")
    assert (mini["type"], mini["status"]) == ("ministerial", "planned")
    assert (mini["date"]["start"], mini["date"]["end"]) == ("2023-09", "2023-11")
    summit = _by_name(seed_record, "CA-EU Summit")
    assert summit["status"] == "planned" and summit["date"]["start"] == "2024"
    assert [e["id"] for e in ev] == [f"v{i}" for i in range(1, 8)]
    text = seed_record["document"]["text"]
    assert all(text[s["start"]:s["end"]] for e in ev for s in e["evidence"])


def test_generic_references_are_evidence_not_events(seed_record: dict) -> None:
    names = [e["name"].lower() for e in seed_record["events"]]
    assert not any(n in ("event", "the event", "dialogue", "the dialogue", "other events") for n in names)
    main = next(e for e in seed_record["events"] if e["main"])
    text = seed_record["document"]["text"]
    assert any(text[s["start"]:s["end"]] == "The event" for s in main["evidence"])


def test_cooperation_council_in_brussels(extract_text) -> None:
    r = extract_text(COOPERATION_COUNCIL)
    main = next(e for e in r["events"] if e["main"])
    assert main["name"] == "EU-Uzbekistan Cooperation Council" and main["ordinal"] == 19
    assert main["location"]["name"] == "Brussels" and main["status"] == "held"
    assert main["date"]["start"] == "2024-05-06"  # the Monday before the dateline's 12 May 2024
    heads = {d["party"]: d["head"] for d in main["delegations"]}
    assert heads == {"EU": "Josep Borrell", "UZ": "Bakhtiyor Saidov"}
    nxt = [e for e in r["events"] if not e["main"]]
    assert len(nxt) == 1 and nxt[0]["status"] == "planned"
    assert nxt[0]["location"]["name"] == "Tashkent" and nxt[0]["date"]["start"] == "2025"


def test_c5_summit_and_a_planned_ministerial(extract_text) -> None:
    r = extract_text(C5_SUMMIT)
    main = next(e for e in r["events"] if e["main"])
    assert main["type"] == "summit" and main["location"]["name"] == "New York"
    assert main["date"]["start"] == "2023-09-19"
    assert {"KZ", "KG", "TJ", "TM", "UZ", "US"} <= set(main["participants"])
    mini = next(e for e in r["events"] if not e["main"])
    assert mini["type"] == "ministerial" and mini["status"] == "planned"
    assert (mini["date"]["start"], mini["date"]["end"]) == ("2024-03", "2024-05")
    assert r["document"]["date_estimate"] == {"earliest": "2023-09-19", "latest": "2024-05-31"}


def test_planned_consultations(extract_text) -> None:
    r = extract_text(PLANNED_TALKS)
    assert len(r["events"]) == 1, r["events"]
    main = r["events"][0]
    assert main["status"] == "planned" and main["type"] == "meeting"
    assert main["location"]["name"] == "Astana" and main["date"]["start"] == "2023-11-14"


@pytest.mark.parametrize("name,floor_f1,floor_attr", [
    ("kazinform-hlpsd-2023", 0.95, 0.9),
    ("bbc-politics-209", 0.9, 0.7),
    ("bbc-politics-373", 0.9, 0.6),
    ("bbc-business-241", 0.8, 0.6),
])
def test_event_scores_hold_their_floor(extractor, name: str, floor_f1: float, floor_attr: float) -> None:
    from diplograph.ingest import RawInput
    from diplograph.pipeline import read_document

    gold_path = require_shared("gold", f"{name}.json")
    inp = require_shared("seeds" if name.startswith("kazinform") else "dev/texts", f"{name}.txt")
    score_py = require_shared("tools", "score.py")
    rec = extractor.extract(read_document(RawInput(str(inp), inp.read_bytes(), "text"))).to_dict()
    sys.path.insert(0, str(score_py.parent))
    try:
        import score  # type: ignore[import-not-found]
    finally:
        sys.path.pop(0)
    d = score.score(json.loads(gold_path.read_text()), rec)
    assert d["events"]["f1"] >= floor_f1, d["events"]
    assert d["events"]["attr_acc"] >= floor_attr, d["events"]


VERB_EVENTS = """Ministers meet in Luxembourg

LUXEMBOURG, 21 October 2024 - The foreign ministers of Kazakhstan and Kyrgyzstan met in Luxembourg on Monday. The Kyrgyz foreign minister will visit Berlin next week. Leaders of the five Central Asian states gathered in Samarkand in April 2024."""

SIGNINGS = """EU and Uzbekistan sign memorandum

TASHKENT, 14 March 2024 - The 20th meeting of the EU-Uzbekistan Cooperation Council was held in Brussels on 13 March 2024. The parties reviewed the implementation of the Enhanced Partnership and Cooperation Agreement. On the sidelines of the Council, the sides signed a memorandum of understanding on cooperation in green hydrogen."""

SUMMIT_HEADS = """Leaders meet in Bishkek

BISHKEK, 6 June 2024 - Uzbek President Shavkat Mirziyoyev held a summit with Kyrgyz President Sadyr Japarov in the Kyrgyz capital on Thursday. The presidents discussed water and energy. The sides agreed to prepare a full-fledged CA-EU Summit, which is expected to take place in 2025."""


def test_verbs_tell_events(extract_text) -> None:
    r = extract_text(VERB_EVENTS)
    main = next(e for e in r["events"] if e["main"])
    assert main["type"] == "ministerial" and main["name"].startswith("meeting of the foreign ministers")
    assert (main["location"]["name"], main["date"]["start"], main["status"]) == ("Luxembourg", "2024-10-21", "held")
    assert set(main["participants"]) == {"KZ", "KG"}  # Luxembourg is where, not who
    visit = next(e for e in r["events"] if e["type"] == "visit")
    assert visit["name"] == "visit to Berlin" and visit["status"] == "planned"
    assert visit["date"]["start"] == "2024-10-28" and visit["location"]["name"] == "Berlin"
    gathering = next(e for e in r["events"] if e["location"] and e["location"]["name"] == "Samarkand")
    assert gathering["date"]["start"] == "2024-04" and gathering["status"] == "held"


def test_a_verb_that_is_no_event() -> None:
    from diplograph.extract.events.mentions import cue_type

    assert cue_type("Deputy Foreign Minister Roman Vassilenko took part") is None
    assert cue_type("foreign ministers met") == "ministerial"


def test_signings_only_where_the_text_signs(extract_text) -> None:
    r = extract_text(SIGNINGS)
    signings = [e for e in r["events"] if e["type"] == "signing"]
    assert [s["name"] for s in signings] == [
        "signing of a memorandum of understanding on cooperation in green hydrogen"]
    s = signings[0]
    assert s["location"]["name"] == "Brussels" and s["date"]["start"] == "2024-03-13"
    assert set(s["participants"]) == {"EU", "UZ"}
    assert r["events"][0]["main"] and r["events"][0]["type"] == "meeting"


def test_summit_heads_and_the_capital(extract_text) -> None:
    r = extract_text(SUMMIT_HEADS)
    main = next(e for e in r["events"] if e["main"])
    assert main["type"] == "summit" and main["location"] == {"name": "Bishkek", "country": "KG"}
    heads = {d["party"]: d["head"] for d in main["delegations"]}
    assert heads == {"UZ": "Shavkat Mirziyoyev", "KG": "Sadyr Japarov"}
    assert all(p in ("UZ", "KG") for p in main["participants"])
    summit = next(e for e in r["events"] if not e["main"])
    assert summit["name"] == "CA-EU Summit" and summit["status"] == "planned"


def test_a_round_and_the_next_one_share_their_format(extract_text) -> None:
    text = ("Working group meets\n\nBERLIN, 4 March 2024 - The 12th meeting of the Kazakhstan-Germany Working Group "
            "on Energy Cooperation was held in Berlin. The parties agreed to hold the next meeting of the working "
            "group in Astana in early 2025.")
    r = extract_text(text)
    main, nxt = r["events"][0], r["events"][1]
    assert main["series"] == "Working Group on Energy Cooperation" and main["ordinal"] == 12
    assert nxt["series"] == main["series"] and nxt["status"] == "planned"


COMMISSION = """Kazakhstan and Korea hold intergovernmental commission in Seoul

SEOUL, 14 May 2025 - The 19th meeting of the Kazakhstan-Korea Intergovernmental Commission on Trade and Economic Cooperation was held in Seoul on 12-13 May. The commission was co-chaired by Deputy Prime Minister Serik Zhumangarin and Korean Minister of Economy and Finance Choi Sangmok.

The sides discussed energy, transport and critical minerals. The previous meeting of the commission took place in Astana in 2023.

The parties agreed to hold the 20th meeting in Astana in the first half of 2026. The first Korea-Central Asia summit, which had been due to take place in Seoul in 2025, has been postponed to 2026."""

FORMAT_MINISTERIAL = """EU and Central Asia ministers meet

BRUSSELS, 3 February 2025 - EEAS Press Release

The 20th EU-Central Asia Ministerial Meeting took place today in Brussels. It was chaired by the High Representative and brought together the foreign ministers of the five Central Asian states.

The British side was headed by Minister of State Clara Penrose, and the Japanese delegation by Vice-Minister Kenji Ota, who attended as guests."""

TWO_LEGS = """EU and Turkmenistan continue talks

ASHGABAT, 10 March 2025 - Turkmen Foreign Minister Rashid Meredov held talks with EU Special Representative for Central Asia Terhi Hakala in Ashgabat on Monday. The first round of the talks was held in Brussels last month."""


def test_rounds_of_a_commission_share_its_format_parties_and_numbering(extract_text) -> None:
    r = extract_text(COMMISSION)
    main, prev, nxt = r["events"][0], r["events"][1], r["events"][2]
    assert main["series"] == "Intergovernmental Commission on Trade and Economic Cooperation" and main["ordinal"] == 19
    assert (main["date"]["start"], main["date"]["end"]) == ("2025-05-12", "2025-05-13")
    assert set(main["participants"]) == {"KZ", "KR"}
    # co-chairs: the Korean minister is Korean, so the Deputy Prime Minister leads the other side
    assert {d["party"]: d["head"] for d in main["delegations"]}["KZ"] == "Serik Zhumangarin"
    assert (prev["ordinal"], prev["status"], prev["series"]) == (18, "held", main["series"])
    assert (nxt["ordinal"], nxt["status"], nxt["series"]) == (20, "planned", main["series"])
    assert set(prev["participants"]) == set(nxt["participants"]) == {"KZ", "KR"}
    assert (nxt["date"]["start"], nxt["date"]["end"]) == ("2026-01", "2026-06")


def test_a_postponed_event_is_planned_for_its_new_date(extract_text) -> None:
    summit = _by_name(extract_text(COMMISSION), "Korea-Central Asia")
    assert (summit["status"], summit["date"]["start"], summit["ordinal"]) == ("planned", "2026", 1)
    assert summit["series"] == "Korea-Central Asia summit"
    assert set(summit["participants"]) == {"KR", "KZ", "KG", "TJ", "TM", "UZ"}


def test_a_region_format_takes_part_as_its_members(extract_text) -> None:
    r = extract_text(FORMAT_MINISTERIAL)
    main = r["events"][0]
    assert main["series"] == "EU-Central Asia Ministerial Meeting" and main["ordinal"] == 20
    assert {"EU", "KZ", "KG", "TJ", "TM", "UZ"} <= set(main["participants"])
    heads = {d["head"] for d in main["delegations"]}
    assert {"Clara Penrose", "Kenji Ota"} <= heads  # "the X side was headed by", "and the Y delegation by"


def test_two_legs_of_talks_share_their_parties(extract_text) -> None:
    r = extract_text(TWO_LEGS)
    main, first = r["events"][0], r["events"][1]
    assert set(main["participants"]) == {"EU", "TM"}  # "for Central Asia" is a portfolio
    assert first["location"]["name"] == "Brussels" and first["ordinal"] == 1
    assert set(first["participants"]) == {"EU", "TM"}


DASHED_FORMATS = """Council meets in Luxembourg

Luxembourg, 21 October 2024 – The 20th meeting of the Partnership Council between the European Union and the Republic of Moldova took place in Luxembourg on 20 October 2024. The Partnership Council reviewed reform progress.

The next round of the EU–Moldova Human Rights Dialogue will take place in Chisinau in the spring. The sides also looked forward to the third EU – Eastern Partnership Business Forum, planned in Brussels in March 2025, after the first EU – Eastern Partnership Business Forum took place in Riga in May 2022."""


def test_a_format_cut_at_its_dash_keeps_its_parties_and_round(extract_text) -> None:
    r = extract_text(DASHED_FORMATS)
    main = r["events"][0]
    assert main["location"] == {"name": "Luxembourg", "country": "LU"}  # a noun the parser hangs on the dateline
    assert main["ordinal"] == 20 and main["series"] == "EU-Republic of Moldova Partnership Council"
    assert len([e for e in r["events"] if "Partnership Council" in e["name"]]) == 1
    dialogue = _by_name(r, "Human Rights Dialogue")
    assert dialogue["name"].startswith("EU") and dialogue["status"] == "planned"
    forums = sorted((e["ordinal"], e["location"]["name"], e["status"]) for e in r["events"] if "Forum" in e["name"])
    assert forums == [(1, "Riga", "held"), (3, "Brussels", "planned")]


SESSIONS = """Ministers gather on the margins of the General Assembly

Speaking at a side event on the margins of the UN General Assembly in New York on Wednesday, Mongolia's foreign minister called for action on desertification. The event followed the close of the UN Biodiversity Conference, held on 20-21 September 2025, and comes ahead of COP30 in Belem in November.

The General Assembly adopted a resolution on the matter last year."""


def test_sessions_of_bodies_are_events_where_placed_or_dated(extract_text) -> None:
    r = extract_text(SESSIONS)
    main = r["events"][0]
    assert main["location"]["name"] == "New York" and main["date"]["start"] == "2025-09-24"  # the Wednesday after the last date told
    unga = [e for e in r["events"] if "general assembly" in e["name"].lower()]
    assert len(unga) == 1 and unga[0]["type"] == "other" and not unga[0]["main"]
    cop = _by_name(r, "COP30")
    assert (cop["type"], cop["status"], cop["date"]["start"], cop["location"]["name"]) == (
        "conference", "planned", "2025-11", "Belem")
    assert r["document"]["date_estimate"]["latest"] == "2025-11-30"


def test_a_wire_lead_dates_its_main_meeting(extract_text) -> None:
    """The lead's one past day ("on Tuesday", after a year-less dateline) dates the held main
    event the report names without a date of its own; a dated reference keeps its own."""
    r = extract_text(
        "Ministers agree on a water fund\n\n"
        "DUSHANBE, March 12 (Reuters) - The five Central Asian states on Tuesday agreed to "
        "set up a regional water fund, Tajik Foreign Minister Sirojiddin Muhriddin told "
        "reporters after a ministerial meeting in Dushanbe.\n\n"
        "The meeting was the first since a summit held in Astana in September 2023.")
    main = r["events"][0]
    assert main["main"] and main["status"] == "held"
    assert main["date"] == {"start": "2024-03-12", "end": "2024-03-12", "text": "on Tuesday"}
    summit = next(e for e in r["events"] if e["type"] == "summit")
    assert summit["date"]["start"] == "2023-09"


def test_a_lead_that_names_no_day_dates_nothing(extract_text) -> None:
    r = extract_text(
        "Ministers agree on a water fund\n\n"
        "The five Central Asian states agreed to set up a regional water fund, the Tajik "
        "foreign minister told reporters after a ministerial meeting in Dushanbe in 2024.\n\n"
        "Details will follow.")
    assert r["events"][0]["date"] is None or r["events"][0]["date"]["start"] == "2024"


def test_afp_dateline_city_nickname_and_demonym_heads(extract_text) -> None:
    """The country bracketed in an AFP dateline is no credit and the outlet no participant;
    "the ancient Silk Road city of Xi'an" is in Xi'an; "chaired by Tajik Prime Minister X"
    is led by X, not by "Tajik" (which the parser may read as a name)."""
    r = extract_text(
        "Leaders meet in Xi'an\n\n"
        "Xi'an (China) (AFP) - Chinese President Xi Jinping on Friday hosted the first "
        "China-Central Asia Summit in the ancient Silk Road city of Xi'an.\n\n"
        "The session was chaired by Tajik Prime Minister Kokhir Rasulzoda.")
    assert r["document"]["source"] == "AFP"
    main = r["events"][0]
    assert main["location"] == {"name": "Xi'an", "country": "CN"}
    assert "Agence France-Presse" not in main["participants"]
    assert all(d["head"] != "Tajik" for e in r["events"] for d in e["delegations"])
    assert "Agence France-Presse" not in {e["name"] for e in r["entities"]}


@pytest.mark.parametrize("text, heads", [
    ("Border talks between Kyrgyzstan and Tajikistan were held in Batken on 11-13 March. "
     "The Kyrgyz delegation was headed by the Chairman of the GKNB, Kamchybek Tashiev, and "
     "the Tajik delegation by the Chairman of the State Committee for National Security of "
     "Tajikistan, Saimumin Yatimov.",
     {("KG", "Kamchybek Tashiev"), ("TJ", "Saimumin Yatimov")}),
    ("Transport ministers met in Aktau on Thursday. Azerbaijan was represented by Minister of "
     "Digital Development and Transport Rashad Nabiyev, Georgia by Economy Minister Levan "
     "Davitashvili, and Kazakhstan by Minister of Transport Marat Karabayev.",
     {("AZ", "Rashad Nabiyev"), ("GE", "Levan Davitashvili"), ("KZ", "Marat Karabayev")}),
])
def test_gapped_delegation_heads(extract_text, text: str, heads: set) -> None:
    """"..., and the Tajik delegation by the Chairman ..., X" and "A was represented by X,
    B by Y": the verb the text leaves out still gives each side its head."""
    r = extract_text("Report\n\n" + text)
    got = {(d["party"], d["head"]) for d in r["events"][0]["delegations"]}
    assert heads <= got
    assert all(not (d["title"] or "").endswith(" of") for d in r["events"][0]["delegations"])


def test_the_next_round_that_was_held_is_over(extract_text) -> None:
    """"The next round ... was held from 3 to 5 June" is next in its series and over: held,
    dated in the past; "the Tajik one by X" gives the Tajik side its head."""
    r = extract_text(
        "Border agreed\n\nBISHKEK, 7 June 2024 - 24.kg news agency. Delegations of Kyrgyzstan "
        "and Tajikistan have agreed on another 24 kilometers of the border.\n\n"
        "The next round of talks on the delimitation of the Kyrgyz-Tajik border was held from "
        "3 to 5 June in Batken. The Kyrgyz delegation was headed by Foreign Minister Jeenbek "
        "Kulubaev, the Tajik one by Foreign Minister Sirojiddin Muhriddin.")
    main = r["events"][0]
    assert main["status"] == "held"
    assert main["date"]["start"] == "2024-06-03"
    heads = {(d["party"], d["head"]) for d in main["delegations"]}
    assert ("TJ", "Sirojiddin Muhriddin") in heads
