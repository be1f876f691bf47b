"""The statements stage: quotations, reporting frames and speakers, on the seed, the BBC dev
golds and short reports written for these tests (other quoting conventions)."""
from __future__ import annotations

import json

import pytest

from diplograph.extract.statements.quotes import find_quotes
from tests.conftest import require_shared

# -- quotation marks -------------------------------------------------------------------


def _quotes(text: str) -> list[str]:
    return [q.text(text) for q in find_quotes(text)]


@pytest.mark.parametrize("text, expected", [
    ("He said, «We are ready.» Then he left.", ["We are ready."]),
    ("He said: “We are ready.” Then he left.", ["We are ready."]),
    ("Er sagte: „Wir sind bereit.“ Dann ging er.", ["Wir sind bereit."]),
    ('He said: "We are ready." Then he left.', ["We are ready."]),
    ("'We are ready,' the minister said.", ["We are ready,"]),
    ("He called it ‘a new stage’ of ties.", ["a new stage"]),
])
def test_each_quoting_style_gives_the_words_inside_the_marks(text: str, expected: list[str]) -> None:
    assert _quotes(text) == expected


def test_apostrophes_are_not_quotation_marks() -> None:
    text = "Kazakhstan’s exports and the members' budgets grew; Russia's did not."
    assert _quotes(text) == []


def test_a_nested_quotation_belongs_to_the_outer_one() -> None:
    text = "He said: «The “Middle Corridor” is open.» Then he left."
    assert _quotes(text) == ["The “Middle Corridor” is open."]


def test_a_quotation_running_on_into_a_new_mark_is_one_quotation() -> None:
    text = 'He added: "We must move. "Children are waiting." The talks went on.'
    quotes = find_quotes(text)
    assert len(quotes) == 1
    assert quotes[0].text(text) == "We must move. Children are waiting."


def test_a_quotation_continued_in_the_next_paragraph_is_one_quotation() -> None:
    text = 'She said: "We will not give in.\n\n"The rebate stays." Then the talks ended.'
    assert _quotes(text) == ["We will not give in. The rebate stays."]


def test_an_unclosed_quotation_ends_at_its_paragraph() -> None:
    text = 'He said: "We will see.\n\nThe talks ended on Friday.'
    assert _quotes(text) == ["We will see."]


# -- the seed --------------------------------------------------------------------------


def _by_text(record: dict, fragment: str) -> dict:
    hits = [s for s in record["statements"] if fragment in s["text"]]
    assert hits, f"no statement contains {fragment!r}: {[s['text'][:60] for s in record['statements']]}"
    return hits[0]


def test_seed_direct_quotation_with_attribution_before_it(seed_record: dict) -> None:
    s = _by_text(seed_record, "on the threshold of a qualitatively new stage")
    assert s["kind"] == "direct"
    assert s["speaker_name"] == "Roman Vassilenko"
    assert s["cue"] == "said"
    assert s["text"].startswith("Kazakhstan, Central Asia, and the European Union")
    assert "«" not in s["text"] and "»" not in s["text"]


def test_seed_quotation_after_attribution_keeps_inner_punctuation(seed_record: dict) -> None:
    s = _by_text(seed_record, "humanitarian assistance to the Afghan people")
    assert (s["kind"], s["speaker_name"]) == ("direct", "Roman Vassilenko")
    assert s["text"].endswith("in that country,")


def test_seed_partial_quotation_resolves_a_delegation_head(seed_record: dict) -> None:
    s = _by_text(seed_record, "reliable partner for Central Asia")
    assert s["kind"] == "partial"
    assert s["cue"] == "reassured"
    assert s["speaker_name"] == "Enrique Mora"
    assert s["text"].startswith("the EU has been")


def test_seed_indirect_speech_keeps_the_subject_across_a_chain(seed_record: dict) -> None:
    s = _by_text(seed_record, "efforts in developing cooperation in the region")
    assert (s["kind"], s["cue"], s["speaker_name"]) == ("indirect", "briefed on", "Roman Vassilenko")
    assert "articulated a number of specific initiatives" in s["text"]
    called = _by_text(seed_record, "the participants to jointly and fully implement")
    assert (called["cue"], called["speaker_name"]) == ("called on", "Roman Vassilenko")


def test_seed_according_to_a_description_of_the_speaker(seed_record: dict) -> None:
    s = _by_text(seed_record, "harmonization of transport standards")
    assert s["cue"] == "According to"
    assert s["speaker_name"] == "Roman Vassilenko"
    assert not s["text"].startswith("According")


def test_seed_collective_speakers_are_the_participants(seed_record: dict) -> None:
    s = _by_text(seed_record, "would serve mutual interests")
    assert (s["speaker"], s["speaker_name"], s["cue"]) == (None, "participants", "agreed")


def test_seed_names_in_quotation_marks_are_not_statements(seed_record: dict) -> None:
    texts = {s["text"] for s in seed_record["statements"]}
    assert "Central Trans-Caspian Transport Network" not in texts
    assert "most sustainable option" not in texts


def test_seed_statements_are_numbered_in_text_order_with_evidence(seed_record: dict) -> None:
    sts = seed_record["statements"]
    assert [s["id"] for s in sts] == [f"s{i}" for i in range(1, len(sts) + 1)]
    starts = [s["evidence"][0]["start"] for s in sts]
    assert starts == sorted(starts)
    text = seed_record["document"]["text"]
    for s in sts:
        ev = text[s["evidence"][0]["start"]:s["evidence"][0]["end"]]
        assert s["text"].split()[0].strip("«»\"") in ev
    ids = {e["id"] for e in seed_record["entities"]}
    assert all(s["speaker"] in ids for s in sts if s["speaker"] is not None)
    main = [e["id"] for e in seed_record["events"] if e["main"]]
    if main:
        assert all(s["event"] == main[0] for s in sts)


# -- quality gate on the golds ---------------------------------------------------------

# Floors on the statements F1 (shared/tools/score.py), pinned a little under what the stage
# scores today (seed and all eight BBC golds 1.00; 469 was 0.67 while entities typed de Rato
# as an organization) so that
# a regression fails and noise in others' stages does not.
FLOORS = {
    "kazinform-hlpsd-2023": 0.85,
    "bbc-business-178": 0.80, "bbc-business-241": 0.85, "bbc-business-424": 0.80,
    "bbc-business-469": 0.60, "bbc-politics-015": 0.80, "bbc-politics-139": 0.80,
    "bbc-politics-209": 0.85, "bbc-politics-373": 0.85,
}


@pytest.fixture(scope="module")
def scorer(shared_score):
    return shared_score


@pytest.mark.parametrize("name", sorted(FLOORS))
def test_statements_f1_on_gold_records(name: str, extractor, scorer) -> None:
    from diplograph.ingest import RawInput
    from diplograph.pipeline import read_document

    gold = json.loads(require_shared("gold", f"{name}.json").read_text(encoding="utf-8"))
    src = require_shared("seeds" if name.startswith("kazinform") else "dev/texts", f"{name}.txt")
    record = extractor.extract(read_document(RawInput(str(src), src.read_bytes(), "text"))).to_dict()
    result = scorer.score(gold, record)["statements"]
    assert result["f1"] >= FLOORS[name], (name, result)


# -- reports written for these tests ---------------------------------------------------

GERMAN = """Germany and Uzbekistan hold consultations

BERLIN - Germany and Uzbekistan held political consultations in Berlin on Tuesday.

„We see great potential in renewable energy,“ said State Secretary Thomas Bagger after the talks. Uzbek Deputy Foreign Minister Bakhromjon Aloyev noted that bilateral trade had doubled since 2019.

Bagger also called for closer cooperation on vocational training. „Our companies are ready to invest.“
"""

SINGLE = """Uzbek and Tajik ministers meet

TASHKENT - The foreign ministers of Uzbekistan and Tajikistan met in Tashkent on Monday.

'Our relations have reached a new level,' Foreign Minister Bakhtiyor Saidov told journalists after the meeting. He added: 'We agreed to open two new border crossings this year.'

Tajik Foreign Minister Sirojiddin Muhriddin said the sides would work on the so-called 'water-energy nexus' and praised the 'constructive spirit' of the talks.
"""

COLON = """EU and Kazakhstan sign raw materials memorandum

ASTANA - The European Union and Kazakhstan signed a memorandum on critical raw materials.

According to the ministry's press service, the document covers exploration, processing and training. The parties stressed the importance of transparent supply chains.

EU Commissioner Maros Sefcovic was clear: "Kazakhstan is a key partner for Europe." The documentary "Steppe Roads" was shown at the reception. A senior EU official said the Commission would propose a battery value chain partnership in the spring.
"""


def _statements(extract_text, text: str) -> list[dict]:
    return extract_text(text)["statements"]


def test_german_quotation_marks_and_a_quotation_continuing_the_speaker(extract_text) -> None:
    sts = _statements(extract_text, GERMAN)
    first = next(s for s in sts if "renewable energy" in s["text"])
    assert (first["kind"], first["speaker_name"]) == ("direct", "Thomas Bagger")
    assert "„" not in first["text"] and "“" not in first["text"]
    noted = next(s for s in sts if "bilateral trade had doubled" in s["text"])
    assert (noted["kind"], noted["cue"], noted["speaker_name"]) == ("indirect", "noted", "Bakhromjon Aloyev")
    assert noted["text"].startswith("bilateral trade")  # "that" dropped
    follow = next(s for s in sts if "ready to invest" in s["text"])
    assert (follow["kind"], follow["speaker_name"]) == ("direct", "Thomas Bagger")


def test_single_quotes_listener_in_cue_pronoun_and_scare_quotes(extract_text) -> None:
    sts = _statements(extract_text, SINGLE)
    told = next(s for s in sts if "new level" in s["text"])
    assert (told["kind"], told["cue"], told["speaker_name"]) == ("direct", "told journalists", "Bakhtiyor Saidov")
    added = next(s for s in sts if "border crossings" in s["text"])
    assert (added["cue"], added["speaker_name"]) == ("added", "Bakhtiyor Saidov")
    said = next(s for s in sts if "would work on" in s["text"])
    assert said["kind"] == "indirect"  # a so-called name does not make it a quotation
    assert said["speaker_name"] == "Sirojiddin Muhriddin"
    praised = next(s for s in sts if "constructive spirit" in s["text"])
    assert (praised["kind"], praised["cue"]) == ("partial", "praised")
    assert not any(s["text"] == "water-energy nexus" for s in sts)


def test_press_service_colon_quotation_titles_and_unnamed_officials(extract_text) -> None:
    sts = _statements(extract_text, COLON)
    acc = next(s for s in sts if "exploration, processing and training" in s["text"])
    assert acc["cue"] == "According to"
    assert "press service" in acc["speaker_name"]
    assert acc["text"].startswith("the document covers")
    parties = next(s for s in sts if "transparent supply chains" in s["text"])
    assert (parties["speaker"], parties["speaker_name"]) == (None, "participants")
    colon = next(s for s in sts if "key partner for Europe" in s["text"])
    assert (colon["kind"], colon["speaker_name"]) == ("direct", "Maros Sefcovic")
    assert not any("Steppe Roads" in s["text"] for s in sts)
    official = next(s for s in sts if "battery value chain" in s["text"])
    assert (official["speaker"], official["speaker_name"]) == (None, "senior EU official")


def test_no_statement_without_a_speaker_or_a_reporting_frame(extract_text) -> None:
    text = ("Trade grows\n\nTrade between the two countries grew by 12% in 2023. "
            "The \"Green Corridor\" project will open next year, the report said nothing more. "
            "It was \"a good year\".\n")
    sts = _statements(extract_text, text)
    assert not any("Green Corridor" == s["text"] or "a good year" == s["text"] for s in sts)
    assert not any("grew by 12%" in s["text"] for s in sts)


def test_unbalanced_marks_do_not_break_the_stage(extract_text) -> None:
    text = "Odd marks\n\n«He said »» “ ” „ ' ' \" and then: «\n\n\"\n"
    record = extract_text(text)
    assert isinstance(record["statements"], list)


# -- the coreference seam: speakers through ctx.entity_at ------------------------------


def test_descriptive_mentions_from_coreference_name_the_speaker(nlp) -> None:
    from diplograph.extract import statements
    from diplograph.extract.context import Context
    from diplograph.model import Document, Entity

    text = ("Ambassador Lina Perez opened the talks. The diplomat stressed that the border "
            "crossings would reopen in May.")
    ctx = Context(document=Document(text=text), doc=nlp(text))
    perez = Entity(id="e1", type="person", name="Lina Perez")
    ctx.entities.append(perez)
    ctx.add_mention(text.index("Lina Perez"), text.index("Lina Perez") + 10, perez)
    start = text.index("The diplomat")
    ctx.add_mention(start, start + len("The diplomat"), perez, "descriptive")
    statements.run(ctx)
    [s] = ctx.statements
    assert (s.speaker, s.speaker_name, s.kind, s.cue) == ("e1", "Lina Perez", "indirect", "stressed")
    assert s.text == "the border crossings would reopen in May"
    assert s.evidence and text[s.evidence[0].start:s.evidence[0].end].startswith("The diplomat")


# -- other outlets' conventions (reports written for these tests) -----------------------

REUTERS = """Kazakhstan seeks EU investment in green hydrogen, minister says

ASTANA, March 5 (Reuters) - Kazakhstan wants European companies to invest in its green hydrogen projects and is ready to offer long-term supply contracts, Energy Minister Almas Sapargaliyev told Reuters on Tuesday.

"We have the wind, the land and the pipelines to Europe. What we need is capital and technology," he told Reuters in an interview.

The ministry announced the decision in Astana on Thursday.

Kazakhstan will also double its rare earth output by 2030, according to a statement issued by the Ministry of Industry.

"Europe is our natural market," Sapargaliyev said, adding that talks with German and Dutch utilities were at an advanced stage.
"""

MFA = """Kazakh Foreign Minister holds talks with EU Special Representative

ASTANA. MFA of Kazakhstan - Minister of Foreign Affairs of Kazakhstan Murat Nurtleu met with the EU Special Representative for Central Asia Terhi Hakala on 14 February.

The Minister stressed that Kazakhstan attaches great importance to its Enhanced Partnership and Cooperation Agreement with the European Union. He underlined the importance of the Trans-Caspian International Transport Route for both sides.

Ms Hakala, in turn, noted that the EU is Kazakhstan's largest trade and investment partner.

In a joint statement, the ministers reaffirmed their commitment to the full implementation of the Joint Roadmap.
"""

TASS = """Russian diplomat says Moscow open to talks with Central Asian states on water

MOSCOW, June 10. /TASS/. Russia is ready to share its experience in water management with the Central Asian states, Russian Deputy Foreign Minister Mikhail Galuzin said on Monday.

"Water is becoming a question of security for the whole region," he stressed. According to him, Moscow will host a conference on the topic in the autumn.

The diplomat pointed out that Russia and Kazakhstan had already signed an agreement on the Irtysh and Ural rivers.
"""

INTERVIEW = """Ambassador: EU and Tajikistan must build more bridges

DUSHANBE, 3 April 2024 - In an interview with Asia-Plus, EU Ambassador to Tajikistan Raimundas Karoblis spoke about the priorities of the bloc's cooperation with the country.

Question: What are the main results of the past year?

Karoblis: "We have launched three new programmes on border management and on energy. The most important result, however, is trust."

Question: What comes next?

The ambassador said the EU would increase the number of Erasmus+ scholarships for Tajik students.
"""


def _one(sts: list[dict], fragment: str) -> dict:
    hits = [s for s in sts if fragment in s["text"]]
    assert len(hits) == 1, (fragment, [s["text"][:60] for s in sts])
    return hits[0]


def test_wire_lead_told_the_outlet_adding_and_an_issued_statement(extract_text) -> None:
    sts = _statements(extract_text, REUTERS)
    lead = _one(sts, "green hydrogen projects")
    assert (lead["kind"], lead["cue"], lead["speaker_name"]) == ("indirect", "told Reuters", "Almas Sapargaliyev")
    assert lead["text"].startswith("Kazakhstan wants")  # the dateline is not what he said
    quote = _one(sts, "capital and technology")
    assert (quote["kind"], quote["speaker_name"]) == ("direct", "Almas Sapargaliyev")
    adding = _one(sts, "Dutch utilities")
    assert (adding["kind"], adding["speaker_name"]) == ("indirect", "Almas Sapargaliyev")
    assert adding["text"].startswith("talks with")
    issued = _one(sts, "rare earth output")
    assert (issued["cue"], issued["speaker_name"]) == ("according to", "Ministry of Industry")
    # a decision announced somewhere on some day says nothing by itself
    assert not any("the decision" in s["text"] for s in sts)


def test_press_release_titles_pronouns_of_either_gender_and_joint_statements(extract_text) -> None:
    sts = _statements(extract_text, MFA)
    stressed = _one(sts, "attaches great importance")
    assert (stressed["cue"], stressed["speaker_name"]) == ("stressed", "Murat Nurtleu")
    underlined = _one(sts, "Trans-Caspian International Transport Route")
    assert (underlined["cue"], underlined["speaker_name"]) == ("underlined", "Murat Nurtleu")
    assert underlined["text"].startswith("the importance of")
    noted = _one(sts, "largest trade and investment partner")
    assert noted["speaker_name"] == "Terhi Hakala"
    joint = _one(sts, "full implementation of the Joint Roadmap")
    assert (joint["speaker"], joint["speaker_name"]) == (None, "participants")


def test_agency_style_stressed_according_to_him_and_the_diplomat(extract_text) -> None:
    sts = _statements(extract_text, TASS)
    assert all(s["speaker_name"] == "Mikhail Galuzin" for s in sts), sts
    assert {s["cue"] for s in sts} >= {"said", "stressed", "According to", "pointed out"}
    lead = _one(sts, "share its experience")
    assert lead["text"].startswith("Russia is ready")
    quote = _one(sts, "question of security")
    assert quote["kind"] == "direct"


def test_interview_answers_speak_for_the_labelled_interviewee(extract_text) -> None:
    sts = _statements(extract_text, INTERVIEW)
    answer = _one(sts, "three new programmes")
    assert (answer["kind"], answer["speaker_name"]) == ("direct", "Raimundas Karoblis")
    said = _one(sts, "Erasmus+ scholarships")
    assert said["speaker_name"] == "Raimundas Karoblis"
    assert not any("main results" in s["text"] for s in sts)  # the outlet's questions


# -- quotations around their attribution -----------------------------------------------

SPLIT = """Uzbekistan and EU talks

TASHKENT - The EU and Uzbekistan held talks on Monday.

“Uzbekistan is ready,” Foreign Minister Bakhtiyor Saidov said, “to take our partnership with the European Union to a new level.”

"We will open two new border crossings," Saidov said. "Trade has doubled since 2019."

Deputy Minister Lola Karimova said the talks had been "open and useful" and called on the EU to simplify visas for students.
"""


def test_a_quotation_resuming_in_its_sentence_is_one_statement(extract_text) -> None:
    sts = _statements(extract_text, SPLIT)
    whole = _one(sts, "Uzbekistan is ready")
    assert whole["text"] == "Uzbekistan is ready, to take our partnership with the European Union to a new level."
    assert (whole["kind"], whole["cue"], whole["speaker_name"]) == ("direct", "said", "Bakhtiyor Saidov")


def test_a_quotation_after_the_attributions_full_stop_goes_on_with_its_cue(extract_text) -> None:
    sts = _statements(extract_text, SPLIT)
    first = _one(sts, "border crossings")
    second = _one(sts, "Trade has doubled")
    assert first is not second
    assert (second["kind"], second["cue"], second["speaker_name"]) == ("direct", "said", "Bakhtiyor Saidov")


def test_quoted_words_in_reported_speech_are_partial_and_a_call_stays_a_call(extract_text) -> None:
    sts = _statements(extract_text, SPLIT)
    partial = _one(sts, "open and useful")
    assert (partial["kind"], partial["speaker_name"]) == ("partial", "Lola Karimova")
    assert partial["text"].startswith("the talks had been open and useful")
    call = _one(sts, "simplify visas")
    assert (call["kind"], call["cue"], call["speaker_name"]) == ("indirect", "called on", "Lola Karimova")


def test_a_pronoun_takes_the_last_subject_of_its_gender(extract_text) -> None:
    text = ("Talks in Vienna\n\nThe OSCE conference opened in Vienna on Monday. Ms Katarina Holm "
            "welcomed the delegates. Mr Tomas Ferreira presented the UNODC report on synthetic "
            "drugs. She said that no country could secure its borders alone.\n")
    s = _one(_statements(extract_text, text), "secure its borders")
    assert s["speaker_name"] == "Katarina Holm"


# -- third pass: categories the held-out reports miss (reports written for these tests) --

YONHAP = """S. Korea to expand aid to Central Asia, FM says

SEOUL, Nov. 14 (Yonhap) -- South Korean Foreign Minister Cho Tae-yul said Tuesday the government would allocate US$30 million next year for digital and health projects in Central Asia.

Speaking at the Korea-Central Asia Cooperation Forum in Seoul, Cho said over the past three years the forum had become a key channel for dialogue with the region.

Kyrgyz Foreign Minister Jeenbek Kulubaev said his country had proposed a joint centre for critical minerals. Uzbek Deputy Foreign Minister Gulnora Ibrohimova said the parties had adopted a roadmap for 2024-2026.

Turkmen Deputy Foreign Minister Şahsenem Muradowa said Ashgabat could host the next meeting of the forum.
"""

VNA = """Vietnam, Kazakhstan look to double trade

HANOI (VNA) - Deputy Prime Minister Trần Hồng Hà said Vietnam would open a trade office in Almaty before the end of the year.

Kazakh Ambassador Nurlan Zhalgasbayev said that bilateral trade might reach 1 billion USD by 2030 if direct flights were launched. Vice Minister of Industry and Trade Phan Thị Thắng noted the two sides should make better use of the Eurasian Economic Union free trade agreement.

Chinese Assistant Foreign Minister Hua Chunying-Liu said Beijing supported the initiative.
"""


def test_modal_reported_clauses_and_names_the_parse_splits_or_the_dateline_hides(extract_text) -> None:
    sts = _statements(extract_text, YONHAP)
    lead = _one(sts, "allocate US$30 million")
    # the dateline 'SEOUL, Nov. 14 (Yonhap) --' is not the speaker; the hyphenated name is whole
    assert (lead["kind"], lead["speaker_name"]) == ("indirect", "Cho Tae-yul")
    assert lead["text"].startswith("the government would allocate")
    assert _one(sts, "key channel for dialogue")["speaker_name"] == "Cho Tae-yul"
    assert _one(sts, "adopted a roadmap")["speaker_name"] == "Gulnora Ibrohimova"
    assert _one(sts, "host the next meeting")["speaker_name"] == "Şahsenem Muradowa"


def test_vietnamese_names_after_a_dateline_and_inside_a_ministry_span(extract_text) -> None:
    sts = _statements(extract_text, VNA)
    assert _one(sts, "trade office in Almaty")["speaker_name"] == "Trần Hồng Hà"
    # spaCy tags 'Industry and Trade Phan Thị Thắng' as one organisation
    assert _one(sts, "make better use")["speaker_name"] == "Phan Thị Thắng"
    assert _one(sts, "1 billion USD")["text"].startswith("bilateral trade might reach")


TREND = """Middle Corridor volumes keep rising, says deputy minister

BAKU, Azerbaijan, May 21. "The Middle Corridor is no longer a plan on paper. Freight volumes have tripled since 2022. We now need common digital customs procedures along the whole route," said Azerbaijani Deputy Minister of Digital Development and Transport Rahman Hummatov.

"Georgia's ports are ready to handle twice the present cargo. Our new terminal at Anaklia will open in 2027, and we are talking to European investors about the second phase," Georgian Deputy Economy Minister Mariam Kvrivishvili said.

Hummatov also noted that Kazakhstan and Azerbaijan had agreed to create a joint logistics company.
"""


def test_several_sentence_quotations_closed_by_said_and_a_titled_name(extract_text) -> None:
    sts = _statements(extract_text, TREND)
    first = _one(sts, "no longer a plan on paper")
    assert (first["kind"], first["speaker_name"]) == ("direct", "Rahman Hummatov")
    assert "common digital customs procedures" in first["text"]  # all three sentences
    second = _one(sts, "Anaklia")
    assert (second["kind"], second["speaker_name"]) == ("direct", "Mariam Kvrivishvili")
    assert "second phase" in second["text"]
    assert _one(sts, "joint logistics company")["speaker_name"] == "Rahman Hummatov"


DASH_INTERVIEW = """EU envoy: Central Asia is a partner, not a battleground

The EU's Special Representative for Central Asia, Eduards Stiprais, answered questions from our correspondent.

- How do you assess the results of the Samarkand summit?

- "It was a turning point. For the first time the leaders agreed on a strategic partnership. Now the work of implementation starts."

- What about the Global Gateway projects?

- "We have identified 12 billion euros in investments. Transport and critical raw materials come first."
"""


def test_dashed_interview_answers_are_the_interviewees_and_questions_are_not(extract_text) -> None:
    sts = _statements(extract_text, DASH_INTERVIEW)
    assert len(sts) == 2, sts
    turning = _one(sts, "turning point")
    assert (turning["kind"], turning["speaker_name"]) == ("direct", "Eduards Stiprais")
    assert "implementation starts" in turning["text"] and not turning["text"].startswith('"')
    assert _one(sts, "12 billion euros")["speaker_name"] == "Eduards Stiprais"
    assert not any("?" in s["text"] for s in sts)


KABAR = """Kyrgyzstan calls on EU to open market for farm products

BISHKEK (Kabar) - Minister of Economy and Commerce Daniyar Amangeldiev called on the European Union to open its market to Kyrgyz agricultural products.

He said the GSP+ regime had helped exporters, adding that more certification laboratories were needed. He also said the country would simplify the registration of European companies.

Amangeldiev urged international financial institutions to finance the Kambarata-1 hydropower plant. The minister proposed to hold the next meeting of the business council in Bishkek in October.

He also noted that the number of European tourists had grown by 40 percent.
"""


def test_calls_urges_proposals_and_adding_are_statements_of_their_own(extract_text) -> None:
    sts = _statements(extract_text, KABAR)
    assert all(s["speaker_name"] == "Daniyar Amangeldiev" for s in sts), sts
    call = _one(sts, "open its market")
    assert (call["cue"], call["text"]) == ("called on", "the European Union to open its market to Kyrgyz agricultural products")
    said = _one(sts, "GSP+ regime")
    assert said["text"] == "the GSP+ regime had helped exporters"  # the participle is cut off …
    added = _one(sts, "certification laboratories")  # … and said on its own
    assert (added["cue"], added["text"]) == ("adding", "more certification laboratories were needed")
    assert _one(sts, "simplify the registration")["cue"] == "said"
    assert _one(sts, "Kambarata-1")["cue"] == "urged"
    assert _one(sts, "next meeting of the business council")["text"].startswith("to hold")
    assert _one(sts, "European tourists")["cue"] == "noted"


BODIES = """OSCE warns of rising drug trafficking along Afghan border

VIENNA - The Organization for Security and Co-operation in Europe said on Wednesday that drug seizures on the Tajik-Afghan border had doubled in 2023.

The organisation said it would train 200 more border guards next year. Member states said the mandate of the Dushanbe Border Management Staff College should be extended.

The Kazakh Foreign Ministry said in a statement that Astana supported the extension. The European Commission said it was ready to fund additional equipment.
"""

GOV_RELEASE = """Press release: EU and Turkmenistan hold human rights dialogue

Ashgabat, 12 June 2024

The European Union and Turkmenistan held their annual Human Rights Dialogue in Ashgabat on 11 June.

The EU welcomed the adoption of the national action plan on gender equality. It urged Turkmenistan to allow independent monitoring of places of detention and to release persons detained for exercising their freedom of expression.

The Turkmen side informed the EU about the reform of the judicial system. Turkmen officials said the new Criminal Code would enter into force in January 2025.

The EU delegation was led by Kajsa Lindqvist, Head of Division for Central Asia at the European External Action Service. The Turkmen delegation was headed by Deputy Foreign Minister Vepa Hajiyev.

Both sides agreed that the next round of the dialogue will take place in Brussels in 2025.
"""


def test_organisations_member_states_ministries_and_sides_speak(extract_text) -> None:
    sts = _statements(extract_text, BODIES)
    org = "Organization for Security and Co-operation in Europe"
    assert _one(sts, "drug seizures")["speaker_name"] == org
    assert _one(sts, "200 more border guards")["speaker_name"] == org  # 'The organisation'
    assert _one(sts, "Staff College")["speaker_name"].lower() == "member states"
    ministry = _one(sts, "supported the extension")  # 'said in a statement that …'
    assert ministry["speaker_name"] == "Ministry of Foreign Affairs of Kazakhstan"
    assert ministry["text"] == "Astana supported the extension"
    assert _one(sts, "additional equipment")["speaker_name"] == "European Commission"
    sts = _statements(extract_text, GOV_RELEASE)
    assert _one(sts, "judicial system")["speaker_name"] == "Turkmenistan"  # 'The Turkmen side'
    assert _one(sts, "independent monitoring")["speaker_name"] == "European Union"  # 'It urged'


PRECISION = """Uzbekistan and EU hold business forum

TASHKENT - A business forum held on March 1 in Tashkent brought together 300 companies from Uzbekistan and the EU, the ministry said.

The next meeting of the Cooperation Council will take place in Brussels in the autumn, according to the Foreign Ministry.

Foreign Minister Bakhtiyor Saidov described the forum as "a new chapter" in relations. He said the agreement "opens the door for European investors".

Uzbek officials said the EU had promised to support Uzbekistan's accession to the World Trade Organization.
"""


def test_event_descriptions_are_not_statements_and_quoted_words_are_partial(extract_text) -> None:
    sts = _statements(extract_text, PRECISION)
    assert not any("300 companies" in s["text"] for s in sts)  # what the forum was, the ministry said
    assert not any("take place in Brussels" in s["text"] for s in sts)  # according to the ministry
    described = _one(sts, "new chapter")
    assert (described["kind"], described["cue"], described["speaker_name"]) == ("partial", "described", "Bakhtiyor Saidov")
    door = _one(sts, "opens the door")
    assert door["kind"] == "partial"
    assert _one(sts, "World Trade Organization")["speaker_name"] == "Uzbek officials"
    # a decision about an event stays what the parties said
    agreed = _one(_statements(extract_text, GOV_RELEASE), "next round of the dialogue")
    assert (agreed["speaker_name"], agreed["cue"]) == ("participants", "agreed")


# -- institutional press releases and wires: speakers by title and country, by apposition,
# -- and quotations with no attribution of their own

UN_RELEASE = """Security Council Hears Briefing on Afghanistan and Central Asia

NEW YORK, 12 March - The Security Council today heard a briefing on the situation in Afghanistan and its impact on neighbouring Central Asian States.

Rosa Otunbayeva, Special Representative of the Secretary-General and Head of the United Nations Assistance Mission in Afghanistan, said the humanitarian situation remained dire, with 23 million people in need of assistance.

The Under-Secretary-General for Political and Peacebuilding Affairs, Rosemary DiCarlo, told the Council that regional cooperation on water and energy could reduce tensions.

Speaking on behalf of the Group of 77 and China, the representative of Uganda said developing countries needed predictable financing for climate adaptation.

The representative of Kazakhstan said his country had delivered 300,000 tonnes of wheat to Afghanistan.

Uzbekistan's representative stressed that the Termez logistics hub had become a lifeline for humanitarian deliveries.

The Under-Secretary-General added that the Mission would continue to engage with all sides.
"""


def test_representatives_of_countries_are_not_an_earlier_holder_of_a_similar_title(extract_text) -> None:
    sts = _statements(extract_text, UN_RELEASE)
    assert _one(sts, "remained dire")["speaker_name"] == "Rosa Otunbayeva"
    assert _one(sts, "predictable financing")["speaker_name"] == "Representative of Uganda"
    assert _one(sts, "tonnes of wheat")["speaker_name"] == "Representative of Kazakhstan"
    assert _one(sts, "lifeline")["speaker_name"] == "Representative of Uzbekistan"
    assert _one(sts, "reduce tensions")["cue"] == "told the Council"
    assert _one(sts, "engage with all sides")["speaker_name"] == "Rosemary DiCarlo"


APPOSITIONS = """EU and Central Asia leaders meet in Samarkand

SAMARKAND, April 4 - Leaders of the European Union and the five Central Asian states met in Samarkand on Friday.

According to the President of the European Council, Antonio Costa, the summit showed that Europe and Central Asia are reliable partners in a time of turbulence.

The President of the European Commission, Marta Kos, announced a Global Gateway package of 12 billion euros for transport and energy.

Kyrgyz President, who hosted the dinner, said the region "has never been more open" to European investors.

According to Japarov, Kyrgyzstan's trade with the European Union grew by a third last year.

"The corridor is no longer a project on paper," said one of the negotiators, a senior European official who asked not to be named, "but the financing is not yet there."

According to a Kazakh diplomat, the next summit could take place in Astana. Kazakhstan is ready to host a regional hub for critical raw materials, the diplomat said.
"""


def test_according_to_a_title_with_the_name_in_apposition(extract_text) -> None:
    sts = _statements(extract_text, APPOSITIONS)
    costa = _one(sts, "reliable partners")
    assert costa["speaker_name"] == "Antonio Costa"
    assert costa["text"].startswith("the summit showed")  # the apposition is not what was said
    assert _one(sts, "Global Gateway package")["speaker_name"] != "Antonio Costa"
    assert _one(sts, "never been more open")["speaker_name"] == "President of Kyrgyzstan"
    assert _one(sts, "by a third")["speaker_name"].endswith("Japarov")  # a flat 'According to X,'
    split = _one(sts, "project on paper")
    assert (split["speaker_name"], split["kind"]) == ("senior European official", "direct")
    assert "financing is not yet there" in split["text"]
    assert _one(sts, "regional hub")["speaker_name"] == "Kazakh diplomat"  # 'the diplomat'


WIRE = """Azerbaijan, Kazakhstan discuss Middle Corridor capacity

BAKU, Azerbaijan, May 14. Azerbaijan and Kazakhstan have discussed expanding the capacity of the Middle Corridor, Trend reports.

The issue was discussed at a meeting between Azerbaijani Minister of Digital Development and Transport Rashad Nabiyev and Kazakh Minister of Transport Marat Karabayev in Baku.

Karabayev addressed the participants of the meeting.

"Kazakhstan plans to double the container fleet on the Caspian Sea by 2027. Our companies are ready for joint projects with Azerbaijani partners."

The ministers also discussed the Trans-Caspian corridor, for which the EU announced 10 billion euros in investment in January.

The Ministry of Transport reported that container traffic had grown by 40 percent. The Kazakh side proposed adding a ferry line between Kuryk and Alat.

Energy Minister Sherali Kabirzoda told reporters that the dam, at 335 metres the world's tallest, "will not take a single drop of water that belongs to our neighbours".
"""


def test_quotations_without_attribution_credit_lines_and_partial_quotations(extract_text) -> None:
    sts = _statements(extract_text, WIRE)
    assert not any(s["cue"] and "report" in s["cue"] and "Trend" in s["speaker_name"] for s in sts)
    fleet = _one(sts, "container fleet")
    assert (fleet["speaker_name"], fleet["kind"]) == ("Marat Karabayev", "direct")
    assert _one(sts, "container traffic")["cue"] == "reported"
    assert not any("10 billion" in s["text"] for s in sts)  # background in a relative clause
    assert _one(sts, "ferry line")["text"].startswith("adding a ferry line")
    dam = _one(sts, "single drop")
    assert (dam["kind"], dam["speaker_name"]) == ("partial", "Sherali Kabirzoda")
    assert dam["text"].startswith("the dam")


DEBATE = """Council hears regional envoy on Caspian water

The head of the United Nations Office for Caspian Affairs (UNOCA) today urged the Council to support a regional water-sharing compact.

"The sea is shrinking faster than our agreements," said Ingrid Solberg, Special Representative of the Secretary-General and Head of UNOCA.

Norway's delegate highlighted the decline of sturgeon fisheries in the northern Caspian. Oil revenues had fallen by a fifth since 2022, she said.

The representative of Azerbaijan, noting that his country would host a donor conference in May, said Baku intended to fund desalination plants.

The representative of Iran recalled his country's offer to share satellite data on sea levels. He also said shipping routes should stay open to all littoral states.
"""


def test_delegates_titles_named_later_and_participles_after_the_subject(extract_text) -> None:
    sts = _statements(extract_text, DEBATE)
    # 'the head of X' before the text names X's head
    assert _one(sts, "water-sharing compact")["speaker_name"] == "Ingrid Solberg"
    assert _one(sts, "Oil revenues")["speaker_name"] == "Delegate of Norway"
    assert _one(sts, "donor conference")["speaker_name"] == "Representative of Azerbaijan"
    assert _one(sts, "satellite data")["speaker_name"] == "Representative of Iran"
    assert _one(sts, "shipping routes")["speaker_name"] == "Representative of Iran"


WIRE_NAMES = """Border commission meets in Dushanbe

DUSHANBE, May 4. The fifth meeting of the joint border commission was held in Dushanbe, the agency reports with reference to the Tajik Foreign Ministry. Commission chairman Said Karim Rahmonov and Kyrgyz deputy premier Edil Baisalov signed the protocol on Friday, ending two years of deadlock.

According to the ministry, both delegations approved a map of the disputed section near Vorukh.

The Kyrgyz side assured the commission that the checkpoints would reopen before the harvest season.

"This map," Rahmonov told journalists after the session, "will end a dispute that has lasted thirty years."

A spokesperson for the Kyrgyz Foreign Ministry, Aibek Usenov, rejected reports of a delay. "The new road to the enclave will open on schedule in August," he told journalists.
"""


def test_addressees_bodies_named_before_split_quotations_and_names_that_look_like_cues(extract_text) -> None:
    sts = _statements(extract_text, WIRE_NAMES)
    # 'the ministry' is the ministry mentioned before, though it has not spoken yet
    assert "Tajik" in _one(sts, "approved a map")["speaker_name"] or \
        "Tajikistan" in _one(sts, "approved a map")["speaker_name"]
    # a that-clause after the addressee is what was said, whatever the parse hangs it on
    assert _one(sts, "checkpoints would reopen")["speaker_name"] == "Kyrgyzstan"
    # the quotation resumes after the cue's own adjunct ('after the session')
    quote = _one(sts, "This map")
    assert "thirty years" in quote["text"]
    assert quote["speaker_name"] == "Said Karim Rahmonov"
    # 'Said' in a name is not a cue
    assert not any(s["cue"] == "Said" for s in sts)
    # 'he' is the person named in apposition to the last subject, not the last speaker
    assert _one(sts, "open on schedule")["speaker_name"] == "Aibek Usenov"


@pytest.mark.parametrize("text, speaker, content", [
    ("Talks on the new agreement resumed in Bishkek on Monday.\n\nIn the words of Foreign "
     "Minister Murat Nurtleu, the two countries are natural partners.",
     "Murat Nurtleu", "the two countries are natural partners"),
    ("Officials met for two days.\n\nThe talks went well. In the words of one diplomat, "
     "it was a breakthrough for the region.", "one diplomat", "it was a breakthrough for the region"),
])
def test_in_the_words_of_attributes_the_rest_of_its_sentence(extract_text, text: str,
                                                             speaker: str, content: str) -> None:
    rec = extract_text("Report\n\n" + text)
    found = [(s["speaker_name"], s["text"]) for s in rec["statements"]]
    assert (speaker, content) in found


def test_in_the_words_of_a_song_names_no_speaker(extract_text) -> None:
    rec = extract_text("Report\n\nThe choir sang at the opening. In the words of the song, all "
                       "you need is love.")
    assert not [s for s in rec["statements"] if s["cue"] and "words" in s["cue"].lower()]


def test_inverted_attribution_with_an_adding_clause_gives_two_statements(extract_text) -> None:
    rec = extract_text(
        "Report\n\nAnalysts said the timing was no accident. \"Beijing is showing that it, "
        "too, can hold court,\" said Niva Yau, a researcher at the Atlantic Council, adding "
        "that Moscow, bogged down in Ukraine, had little choice but to watch.")
    found = {(s["speaker_name"], s["cue"], s["text"]) for s in rec["statements"]}
    assert ("Niva Yau", "said", "Beijing is showing that it, too, can hold court,") in found
    assert ("Niva Yau", "adding",
            "Moscow, bogged down in Ukraine, had little choice but to watch") in found


def test_in_the_words_of_a_titled_name_speaks_for_the_name(extract_text) -> None:
    rec = extract_text(
        "Report\n\nIn the words of the Minister of Foreign Affairs of the Kyrgyz Republic "
        "Jeenbek Kulubaev, who was quoted by the spokeswoman, the consultative meetings have "
        "become an effective platform for trust in the region.")
    [st] = [s for s in rec["statements"] if "words" in (s["cue"] or "").lower()]
    assert st["speaker_name"] == "Jeenbek Kulubaev"


@pytest.mark.parametrize("text, cue, speaker", [
    # a passive clause's agent is the antecedent of "he"
    ("Russian Prime Minister Mikhail Mishustin said the talks had gone well. The meeting was "
     "chaired by Tajik Prime Minister Kokhir Rasulzoda. In his opening address, he stressed "
     "the importance of joint work to ensure food security.", "stressed", "Kokhir Rasulzoda"),
    # "the Kazakh leader": the last person of that country, here by the side they lead
    ("President Kassym-Jomart Tokayev of Kazakhstan hosted German Chancellor Olaf Scholz at a "
     "summit in Astana on Friday. Scholz praised the talks. The Kazakh leader stressed the "
     "importance of developing the Middle Corridor.", "stressed", "Kassym-Jomart Tokayev"),
    # "the Head of State": the last person named with a head of state's title
    ("President Kassym-Jomart Tokayev received German Chancellor Olaf Scholz in Astana. "
     "Opening the meeting, the Head of State recalled that the first summit in this format "
     "had become a historic milestone for the region.", "recalled", "Kassym-Jomart Tokayev"),
])
def test_descriptions_and_pronouns_resolve_to_the_person_meant(extract_text, text: str,
                                                               cue: str, speaker: str) -> None:
    [st] = [s for s in extract_text("Report\n\n" + text)["statements"] if s["cue"] == cue]
    assert st["speaker_name"] == speaker
