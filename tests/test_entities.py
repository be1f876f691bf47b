"""The entities stage on real text (the seed, the BBC dev texts) and on reports written here."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest

from tests.conftest import require_shared

KYRGYZ = """EU and Kyrgyzstan hold cooperation council in Brussels

BRUSSELS - The European Union and the Kyrgyz Republic held their annual Cooperation Council in Brussels on Monday. Josep Borrell, High Representative of the Union for Foreign Affairs and Security Policy, chaired the meeting. The Kyrgyz delegation was led by Jeenbek Kulubaev, Minister of Foreign Affairs of the Kyrgyz Republic.

The sides welcomed the work of the Central Asia Water and Energy Programme (CAWEP) and agreed that CAWEP should be extended. The minister thanked the European Investment Bank for its support. Mr Kulubaev also met officials of the European Commission.
"""

TASHKENT = """Japanese foreign minister visits Tashkent

TASHKENT - Japanese Foreign Minister Yoko Kamikawa arrived in Tashkent on Tuesday for talks with Uzbek Foreign Minister Bakhtiyor Saidov. The two ministers discussed trade and the Japan International Cooperation Agency (JICA) projects in Samarkand. She also met officials of the Uzbek foreign ministry. Saidov said Uzbekistan valued Japan's support.
"""


def _by_name(rec: dict) -> dict[str, dict]:
    return {e["name"]: e for e in rec["entities"]}


def test_seed_entities(seed_record: dict) -> None:
    ents = _by_name(seed_record)
    text = seed_record["document"]["text"]
    assert ents["Kazakhstan"]["code"] == "KZ" and ents["Kazakhstan"]["type"] == "country"
    assert ents["European Union"]["code"] == "EU" and ents["European Union"]["type"] == "organization"
    mora = ents["Enrique Mora"]
    assert mora["country"] == "EU"
    assert mora["roles"][0] == {"title": "Deputy Secretary General for Political Affairs",
                                "organization": "European External Action Service"}
    vas = ents["Roman Vassilenko"]
    assert vas["country"] == "KZ" and "Vassilenko" in vas["aliases"]
    assert {"title": "Deputy Foreign Minister",
            "organization": "Ministry of Foreign Affairs of Kazakhstan"} in vas["roles"]
    mfa = ents["Ministry of Foreign Affairs of Kazakhstan"]
    assert mfa["country"] == "KZ" and "Kazakh MFA" in mfa["aliases"]
    ebrd = ents["European Bank for Reconstruction and Development"]
    assert ebrd["acronym"] == "EBRD" and len(ebrd["mentions"]) == 3
    assert ents["Cholpon-Ata"]["country"] == "KG" and ents["Doha"]["country"] == "QA"
    assert {"LEICA", "CADAP", "BOMCA"} <= {e["acronym"] for e in seed_record["entities"]}
    # no Kazakh person, no "US" from "US dollars", nothing spaCy mistakes for a name
    assert "Kazakh" not in ents and "United States" not in ents
    for e in seed_record["entities"]:
        for m in e["mentions"]:
            assert text[m["start"]:m["end"]].strip() == text[m["start"]:m["end"]]
    ids = [e["id"] for e in seed_record["entities"]]
    assert ids == [f"e{i}" for i in range(1, len(ids) + 1)]
    firsts = [e["mentions"][0]["start"] for e in seed_record["entities"]]
    assert firsts == sorted(firsts)


@pytest.mark.parametrize("name", ["kazinform-hlpsd-2023", "bbc-business-241", "bbc-politics-015",
                                  "bbc-politics-139", "bbc-politics-373"])
def test_entity_f1_floor(name: str, extractor, tmp_path) -> None:
    """Entity F1 against the gold records stays at or above 0.9 (measured 0.96-1.00)."""
    gold = require_shared("gold", f"{name}.json")
    src = require_shared("seeds" if name.startswith("kazinform") else "dev/texts", f"{name}.txt")
    scorer = require_shared("tools", "score.py")
    from diplograph.ingest import RawInput
    from diplograph.pipeline import read_document

    rec = extractor.extract(read_document(RawInput(str(src), src.read_bytes(), "text"))).to_dict()
    pred = tmp_path / "pred.json"
    pred.write_text(json.dumps(rec))
    out = subprocess.run([sys.executable, str(scorer), str(gold), str(pred)],
                         capture_output=True, text=True, check=True).stdout
    line = next(ln for ln in out.splitlines() if ln.startswith("entities"))
    f1 = float(line.split("f1=")[1].split()[0])
    assert f1 >= 0.9, line


def test_cooperation_council_report(extract_text) -> None:
    rec = extract_text(KYRGYZ)
    ents = _by_name(rec)
    assert ents["Kyrgyzstan"]["code"] == "KG" and "Kyrgyz Republic" in ents["Kyrgyzstan"]["aliases"]
    assert ents["Brussels"]["country"] == "BE"
    kul = ents["Jeenbek Kulubaev"]
    assert kul["country"] == "KG"
    assert kul["roles"][0]["organization"] == "Ministry of Foreign Affairs of Kyrgyzstan"
    cawep = next(e for e in rec["entities"] if e["acronym"] == "CAWEP")
    assert cawep["type"] == "initiative" and len(cawep["mentions"]) == 3  # long form, (ACR), ACR
    assert ents["European Investment Bank"]["type"] == "organization"
    text = rec["document"]["text"]
    mentions = [text[m["start"]:m["end"]] for m in kul["mentions"]]
    assert "Mr Kulubaev" in mentions or "Kulubaev" in mentions


def test_visit_report(extract_text) -> None:
    rec = extract_text(TASHKENT)
    ents = _by_name(rec)
    kam = ents["Yoko Kamikawa"]
    assert kam["country"] == "JP" and kam["roles"][0]["title"] == "Foreign Minister"
    assert kam["roles"][0]["organization"] == "Ministry of Foreign Affairs of Japan"
    sai = ents["Bakhtiyor Saidov"]
    assert sai["country"] == "UZ"
    assert ents["Ministry of Foreign Affairs of Uzbekistan"]["country"] == "UZ"
    assert ents["Samarkand"]["country"] == "UZ"
    jica = next(e for e in rec["entities"] if e["acronym"] == "JICA")
    assert jica["name"] == "Japan International Cooperation Agency"
    assert not any(e["type"] == "person" and e["name"] in ("Japanese", "Uzbek") for e in rec["entities"])


# -- reports written here in the styles of other outlets (invented people and meetings) ------

KABAR = """Kyrgyzstan and Kazakhstan agree on water and energy projects

BISHKEK (Kabar) - The Kyrgyz government and the government of Kazakhstan signed an agreement on the joint use of the Chu and Talas rivers at a meeting in Bishkek on Tuesday.

The Kyrgyz delegation was led by Minister of Energy Taalaibek Ibraev, the Kazakh side by Vice Minister of Ecology and Natural Resources Serik Akhmetov. Officials of the State Agency for Environmental Protection and Forestry and the Ministry of Water Resources of Kazakhstan also attended.

The parties discussed the Kambar-Ata-1 hydropower plant and the reconstruction of irrigation canals in the Chui region. Ibraev said the plant would supply electricity to both countries. He added that Astana had agreed to share the costs.

Deputy Chairwoman of the Cabinet of Ministers Edil Baisalova visited the Orto-Tokoy reservoir on Wednesday. She said the Kazakh-Kyrgyz water commission would meet again in Almaty.
"""

XINHUA = """China, Turkmenistan pledge to expand gas cooperation

BEIJING, Sept. 4 (Xinhua) -- Chinese Premier Zhang Weiming held talks with Turkmen President Berdy Annayev in Beijing on Monday, pledging to expand natural gas cooperation under the Belt and Road Initiative.

Zhang said China is willing to work with Turkmenistan to build Line D of the Central Asia-China gas pipeline and to deepen cooperation in Xinjiang Uygur Autonomous Region. Annayev said Ashgabat regards Beijing as a reliable partner.

The two sides signed documents on energy, transport and culture. Zhang also met officials of the National Development and Reform Commission of China.
"""

TASS = """CIS foreign ministers meet in Minsk

MINSK, April 7. /TASS/. Foreign ministers of the Commonwealth of Independent States (CIS) met in Minsk on Friday to discuss regional security and migration.

Russian Foreign Minister Nikolai Sokolov said Moscow was ready to help partners fight terrorism. The Russian government will also allocate funds to the CIS Anti-Terrorism Center, he said.

Deputy Secretary General of the CIS Executive Committee Irina Petrova presented a report on labour migration. She said that more than five million migrants from Central Asia work in Russia. Mr Sokolov thanked her for the report.

Belarusian President Viktor Lenko received the ministers at the Palace of Independence.
"""


def _mentions(rec: dict, name: str) -> list[str]:
    text = rec["document"]["text"]
    e = _by_name(rec)[name]
    return [text[m["start"]:m["end"]] for m in e["mentions"]]


def test_central_asian_ministries_report(extract_text) -> None:
    rec = extract_text(KABAR)
    ents = _by_name(rec)
    # governments named by demonym or "of"; the country keeps its own entity
    assert ents["Government of Kyrgyzstan"]["country"] == "KG"
    assert ents["Government of Kazakhstan"]["country"] == "KZ"
    # a body's name taken whole across "for ... and ...", a second body after "and the"
    assert ents["State Agency for Environmental Protection and Forestry"]["type"] == "organization"
    assert ents["Ministry of Water Resources of Kazakhstan"]["country"] == "KZ"
    # names after capitalised titles; the delegation gives the party and the ministry
    ibr = ents["Taalaibek Ibraev"]
    assert ibr["country"] == "KG"
    assert ibr["roles"][0] == {"title": "Minister of Energy", "organization": "Ministry of Energy of Kyrgyzstan"}
    assert ents["Serik Akhmetov"]["country"] == "KZ"
    assert ents["Edil Baisalova"]["roles"][0]["title"] == "Deputy Chairwoman of the Cabinet of Ministers"
    # a site and a region named with their lower-case heads
    assert ents["Kambar-Ata-1 hydropower plant"]["type"] == "place"
    assert ents["Chui region"]["type"] == "region"
    # "Astana had agreed": the capital stands for its state
    assert "Astana" in _mentions(rec, "Kazakhstan") and "Astana" not in ents
    # pronouns agree: "She" is Baisalova (-ova, chairwoman), "He" is Ibraev
    assert "She" in _mentions(rec, "Edil Baisalova") and "He" in _mentions(rec, "Taalaibek Ibraev")


def test_chinese_state_media_report(extract_text) -> None:
    rec = extract_text(XINHUA)
    ents = _by_name(rec)
    zhang = ents["Zhang Weiming"]
    assert zhang["country"] == "CN" and zhang["roles"][0]["title"] == "Prime Minister"
    assert "Zhang" in _mentions(rec, "Zhang Weiming")  # family name first
    assert ents["Xinjiang Uygur Autonomous Region"]["country"] == "CN"
    assert ents["National Development and Reform Commission of China"]["country"] == "CN"
    assert "European Commission" not in ents and "Line" not in ents
    # "Ashgabat regards Beijing as ...": both capitals stand for their states; "in Beijing" is the city
    assert "Ashgabat" in _mentions(rec, "Turkmenistan")
    assert "Beijing" in _mentions(rec, "China") and ents["Beijing"]["type"] == "place"


def test_cis_report(extract_text) -> None:
    rec = extract_text(TASS)
    ents = _by_name(rec)
    assert ents["Commonwealth of Independent States"]["acronym"] == "CIS" or \
        "CIS" in ents["Commonwealth of Independent States"]["aliases"]
    assert ents["Government of Russia"]["country"] == "RU"
    assert "Moscow" in _mentions(rec, "Russia") and "Moscow" not in ents
    assert ents["CIS Executive Committee"]["type"] == "organization"
    pet = ents["Irina Petrova"]
    assert pet["roles"][0] == {"title": "Deputy Secretary General", "organization": "CIS Executive Committee"}
    assert "She" in _mentions(rec, "Irina Petrova")
    assert "he" in _mentions(rec, "Nikolai Sokolov")
    assert ents["Nikolai Sokolov"]["roles"][0]["organization"] == "Ministry of Foreign Affairs of Russia"


def test_pronoun_gender_on_bbc_text(extractor) -> None:
    """"He said" after "... secured by Margaret Thatcher" is Jack Straw, not Thatcher."""
    from diplograph.ingest import RawInput
    from diplograph.pipeline import read_document

    src = require_shared("dev/texts", "bbc-politics-373.txt")
    rec = extractor.extract(read_document(RawInput(str(src), src.read_bytes(), "text"))).to_dict()
    text = rec["document"]["text"]
    thatcher = _by_name(rec)["Margaret Thatcher"]
    assert all(text[m["start"]:m["end"]].lower() not in ("he", "his") for m in thatcher["mentions"])


@pytest.mark.parametrize("text,kind,name", [
    ("Ships crossed the South China Sea on Monday.", "region", "South China Sea"),
    ("Officials of the OSCE Transnational Threats Department met.", "organization",
     "OSCE Transnational Threats Department"),
    ("He chairs the Federal Ministry for Economic Affairs and Climate Action in Berlin.",
     "organization", "Federal Ministry for Economic Affairs and Climate Action"),
    ("They backed the Chevening scholarship programme for students.", "initiative",
     "Chevening scholarship programme"),
    ("The leaders signed a Declaration on Allied Relations in Bishkek.", "initiative",
     "Declaration on Allied Relations"),
])
def test_names_typed_by_head(extract_text, text: str, kind: str, name: str) -> None:
    rec = extract_text("Report\n\n" + text + "\n")
    ents = _by_name(rec)
    assert name in ents and ents[name]["type"] == kind
    assert "China" not in ents and "European Commission" not in ents


def test_luxembourg_city_and_country(extract_text) -> None:
    rec = extract_text("Report\n\nLUXEMBOURG - Ministers met in Luxembourg on Monday.\n")
    assert _by_name(rec)["Luxembourg"]["type"] == "place"
    rec = extract_text("Report\n\nLuxembourg's foreign minister welcomed the plan.\n")
    assert _by_name(rec)["Luxembourg"]["type"] == "country"


# -- reports written here for error kinds seen on unseen reports (invented people) ------------
# types of sites, links, rivers and funds; names across spaced dashes; persons the NER misses;
# labels, dateline credits and cut brackets that name nothing; bodies and regions by name

ASIA_PLUS = """Tajikistan and ADB discuss hydropower and rail projects

DUSHANBE, March 3 (Asia-Plus) — Tajik Minister of Energy and Water Resources Daler Jumazoda met a delegation of the Asian Development Bank led by its country director, Kim Dong-hyun, on Monday.

The sides discussed the Rogun hydropower plant, the Sebzor Dam and the rehabilitation of the Dushanbe – Bokhtar railway. Kim Dong-hyun said the bank would also co-finance the CASA-1000 transmission line.

Jumazoda noted that the Vakhsh and the Panj feed the Amu Darya, and that glaciers of the Pamir supply most of the water used in the Central Asian region.
"""

TASS_ASTANA = """Russia and Kazakhstan to expand transport links

ASTANA, October 10. /TASS/. Russian Deputy Prime Minister Alexei Overchuk and Kazakh President Kassym-Jomart Tokayev met at the Akorda on Thursday to discuss the North – South corridor.

Overchuk said traffic along the corridor had doubled. The Turkic Investment Fund and the Eurasian Development Bank are ready to finance new terminals, he told reporters.

Tokayev also received Zhang Lijun, the Chinese ambassador, who conveyed greetings from Beijing.
"""

EU_RELEASE = """EU and Central Asia step up cooperation on water and climate

Brussels, 14 November 2024

Energy

The European Union will mobilise EUR 50 million under the Team Europe approach to support water management in the Central Asian region, the EU Delegation announced at the EU – Central Asia Economic Forum in Almaty.

The programme will be implemented with the International Fund for Saving the Aral Sea (IFAS) and presented at COP29 in Baku. It follows commitments made at the United Nations General Assembly in September.

"Water does not stop at borders," said Elena Marković, the EU Special Representative for Central Asia.
"""

YONHAP = """Korea, Central Asia agree to boost critical minerals partnership

SEOUL, June 14 (Yonhap) -- South Korea and the five Central Asian nations agreed on Friday to expand cooperation on critical minerals, the foreign ministry said.

First Vice Foreign Minister Kim Dong-hyun led the Korean delegation at the talks in Seoul. Uzbek Deputy Foreign Minister Bakhrom Aloyev and Kyrgyz envoy Aibek Moldogaziev also attended.

Park Soo-min, a researcher at the Korea Institute for International Economic Policy, said the deal would diversify supply chains. Akylbek Japarov stressed that Kyrgyzstan needs investment, while Goldman Sachs said the outlook was bright.
"""

BALKAN = """Serbia seeks EU support for rail link to the Adriatic

BELGRADE — Serbian Minister of Construction Goran Vesić met European Commissioner Dragana Jovanović in Belgrade on Tuesday to discuss the Belgrade – Bar railway and the Pan-European Corridor X.

"The line will cut travel times by half," Vesić told reporters. Elena Marković said funding would come from the Western Balkans Investment Framework.

Tomáš Novák, an economist at the Vienna Institute, said the project was overdue.
"""

NARYN = """Kyrgyzstan, Uzbekistan agree on Naryn cascade

BISHKEK (Kabar) - Kyrgyz Chairman of the Cabinet of Ministers Adylbek Kasymaliev and Uzbek Prime Minister Abdulla Aripov agreed to build the Kambarata-1 hydropower plant on the Naryn river, which flows from the Tian Shan into the Syr Darya.

Zhyldyz Bakirova, spokeswoman for the Ministry of Energy, said the plant would supply the Fergana Valley. Kasymaliev thanked the World Bank.
"""

TERMEZ = """Uzbekistan, Afghanistan sign rail deal

TERMEZ, Uzbekistan, July 17 (UzDaily) — Uzbek Minister of Transport Ilkhom Makhkamov and Afghan acting Minister of Public Works Mohammad Isa Thani signed a framework agreement on the Termez – Mazar-i-Sharif – Kabul – Peshawar railway in Termez on Wednesday.

"This corridor will connect Central Asia with the ports of the Indian Ocean," Makhkamov told journalists. Thani said the Taliban administration would guarantee security along the route.

The Islamic Development Bank and the Abu Dhabi Fund for Development are considering financing. Observers from the Organisation of Islamic Cooperation attended the ceremony at the Termez Cargo Centre.
"""

CLIMATE = """Kazakhstan hosts climate talks ahead of COP

ALMATY — Kazakhstan's Minister of Ecology Yerlan Nyssanbayev opened a regional climate dialogue in Almaty on Monday, ahead of COP 30.

Representatives of the UN Development Programme, the Green Climate Fund and the Regional Environmental Centre for Central Asia discussed glacier loss in the Tien Shan and the drying of the Aral Sea basin.

Gulmira Sadykova, a hydrologist at Al-Farabi Kazakh National University, warned that the Ili and Irtysh could lose a fifth of their flow by 2050. The meeting was organised by the Akimat of Almaty and Team Europe partners.
"""


def _types(rec: dict) -> dict[str, str]:
    return {e["name"]: e["type"] for e in rec["entities"]}


def test_sites_links_rivers_and_funds_are_typed_by_what_they_are(extract_text) -> None:
    types = _types(extract_text(ASIA_PLUS))
    assert types["Rogun hydropower plant"] == "place" and types["Sebzor Dam"] == "place"
    assert types["Dushanbe – Bokhtar railway"] == "initiative"
    assert types["CASA-1000 transmission line"] == "initiative"
    for river in ("Vakhsh", "Panj", "Amu Darya", "Pamir"):
        assert types[river] == "region", river
    types = _types(extract_text(NARYN))
    assert types["Tian Shan"] == "region" and types["Syr Darya"] == "region"
    assert types["Kambarata-1 hydropower plant"] == "place"
    types = _types(extract_text(TASS_ASTANA))
    assert types["Turkic Investment Fund"] == "organization"
    assert types["Akorda"] == "place"  # the presidential residence
    types = _types(extract_text(TERMEZ))
    assert types["Abu Dhabi Fund for Development"] == "organization"


def test_names_across_spaced_dashes(extract_text) -> None:
    rec = extract_text(TASS_ASTANA)
    assert _types(rec)["North – South corridor"] == "initiative" and "South corridor" not in _types(rec)
    types = _types(extract_text(BALKAN))
    assert types["Belgrade – Bar railway"] == "initiative" and "Bar railway" not in types
    assert "Pan-European Corridor X" in types  # the sentence's full stop is not the name's
    rec = extract_text(TERMEZ)
    types = _types(rec)
    assert types["Termez – Mazar-i-Sharif – Kabul – Peshawar railway"] == "initiative"
    # the stops are places the gazetteer knows: each stays a mention
    assert "Kabul" in _mentions(rec, "Kabul") and types["Peshawar"] == "place"
    # a name the NER splits at the dash is not a person
    assert not any(t == "person" and n in ("Bokhtar", "Bar") for n, t in
                   _types(extract_text(ASIA_PLUS)).items())


def test_persons_with_names_the_ner_misses(extract_text) -> None:
    rec = extract_text(YONHAP)
    ents = _by_name(rec)
    assert ents["Kim Dong-hyun"]["roles"][0]["title"] == "First Vice Foreign Minister"
    assert ents["Park Soo-min"]["type"] == "person"
    assert ents["Akylbek Japarov"]["type"] == "person"  # subject of "stressed"
    assert ents["Goldman Sachs"]["type"] == "organization"  # "said" alone makes no person
    # two titled names in one run; a title does not reach back over another person
    assert ents["Aibek Moldogaziev"]["roles"] == [{"title": "Envoy", "organization": None}]
    assert ents["Aibek Moldogaziev"]["country"] == "KG"
    ents = _by_name(extract_text(NARYN))
    assert ents["Adylbek Kasymaliev"]["roles"][0]["title"] == "Chairman of the Cabinet of Ministers"
    assert ents["Abdulla Aripov"]["country"] == "UZ"
    ents = _by_name(extract_text(TASS_ASTANA))
    assert ents["Kassym-Jomart Tokayev"]["country"] == "KZ" and "Tokayev" not in ents
    assert ents["Zhang Lijun"]["type"] == "person"
    types = _types(extract_text(BALKAN))
    for name in ("Goran Vesić", "Dragana Jovanović", "Elena Marković", "Tomáš Novák"):
        assert types[name] == "person", name
    ents = _by_name(extract_text(TERMEZ))
    assert ents["Mohammad Isa Thani"]["country"] == "AF"
    assert _by_name(extract_text(CLIMATE))["Gulmira Sadykova"]["type"] == "person"


def test_labels_credits_and_cut_brackets_name_nothing(extract_text) -> None:
    rec = extract_text(EU_RELEASE)
    names = {e["name"] for e in rec["entities"]}
    assert not names & {"Team Europe", "Europe", "EU Delegation", "Energy"}
    assert not any("(" in n for n in names)
    assert _by_name(rec)["International Fund for Saving the Aral Sea"]["acronym"] == "IFAS"
    # outlets in a dateline credit are the source, not entities of the story
    assert "Asia" not in _types(extract_text(ASIA_PLUS))
    assert "Kabar" not in _types(extract_text(NARYN))
    assert "Yonhap" not in _types(extract_text(YONHAP))
    types = _types(extract_text(CLIMATE))
    assert "Team Europe" not in types and "Akimat of Almaty" in types


def test_bodies_and_regions_by_name(extract_text) -> None:
    rec = extract_text(EU_RELEASE)
    ents = _by_name(rec)
    assert "COP29" in ents["Conference of the Parties"]["aliases"]
    assert ents["United Nations General Assembly"]["type"] == "organization"
    assert "Central Asian region" in _mentions(rec, "Central Asia")
    rec = extract_text(ASIA_PLUS)
    assert "Central Asian region" in _mentions(rec, "Central Asia")
    rec = extract_text(CLIMATE)
    assert "COP 30" in _mentions(rec, "Conference of the Parties")
    assert "Tien Shan" in _mentions(rec, "Tian Shan")
    assert _by_name(rec)["United Nations Development Programme"]["acronym"] == "UNDP"


FORUMS = """Leaders gather for Astana forum

ASTANA, Kazakhstan (AP) — Leaders from Central Asia gathered on Friday, a week after the Tashkent International Investment Forum. Saida Mirziyoyeva met Kaja Kallas on the sidelines.

The Caspian Economic Forum was also discussed. The Kazakh side proposed a Trans-Caspian Corridor Coordination Committee and the Trans-Caspian gas pipeline.
"""


def test_event_names_and_prefixed_words_name_no_region(extract_text) -> None:
    rec = extract_text(FORUMS)
    types = _types(rec)
    assert not any(t in ("region", "place") and "Caspian" in n for n, t in types.items())
    assert not any("Forum" in n for n in types)  # events belong to the events stage
    assert types["Trans-Caspian gas pipeline"] == "initiative"
    assert types["Saida Mirziyoyeva"] == "person" and types["Kaja Kallas"] == "person"
    assert "AP" not in types and "Associated Press" not in types  # the dateline's credit
    # a city named only inside an event's name is the event's, not a place of the story
    assert "Tashkent" not in types and "Kazakh side" not in types


def test_family_name_particles_and_framed_titles(extract_text):
    rec = extract_text(
        "Leaders meet\n\nEuropean Commission President Ursula von der Leyen arrived in "
        "Samarkand on Friday. According to the President of the European Council, Antonio "
        "Costa, the talks went well. Von der Leyen said the package was ready.\n")
    people = {e["name"]: e for e in rec["entities"] if e["type"] == "person"}
    assert "Ursula von der Leyen" in people
    assert "Von der Leyen" in people["Ursula von der Leyen"]["aliases"] or \
        "von der Leyen" in people["Ursula von der Leyen"]["aliases"]
    assert people["Antonio Costa"]["roles"][0]["title"] == "President"



ROUTES = """The two governments agreed to open the fourth road crossing between the countries,
Karabulak – Yining, by 2028. The project is financed by the company Orbitrex, with an
estimated cost of $2 billion."""


def test_declared_and_route_classes(extract_text) -> None:
    """Names the NER mistypes take their class from the text: a dash-joined end of a route
    (the NER reads 'Karabulak' as a person) is a place, 'the company X' makes a body."""
    ents = _by_name(extract_text(ROUTES))
    assert ents["Karabulak"]["type"] == "place"
    assert ents["Orbitrex"]["type"] == "organization"


def test_names_end_before_a_modifier_or_a_party_chain(extract_text) -> None:
    rec = extract_text(
        "Kyrgyz bank opens credit line\n\n"
        "BISHKEK, 3 May. The Development Bank of Mongolia for Kyrgyz importers opened a credit "
        "line of $50 million on Friday. Freight on the Southern Route between Kyrgyzstan's "
        "border posts and Iran doubled. The Board of the Kazakhstan–Kyrgyzstan–Tajikistan "
        "power line project met in Bishkek.\n")
    names = {e["name"] for e in rec["entities"]}
    assert "Development Bank of Mongolia" in names
    assert not any("Kyrgyz importers" in n or n.endswith(" for Kyrgyz") for n in names)
    assert not any(n.endswith("between Kyrgyzstan") for n in names)
    assert not any(n.endswith("of the Kazakhstan") for n in names)


def test_link_acronym_between_stops_and_head(extract_text) -> None:
    rec = extract_text(
        "Pipeline talks\n\n"
        "ASTANA, 4 June. Ministers discussed the Kazakhstan-Uzbekistan-Kyrgyzstan (KUK) power "
        "line, which is due to open next year.\n")
    ini = {e["name"] for e in rec["entities"] if e["type"] == "initiative"}
    assert "Kazakhstan-Uzbekistan-Kyrgyzstan power line" in ini


def test_apposition_class_outranks_programme_word(extract_text) -> None:
    rec = extract_text(
        "Rights groups urge EU\n\n"
        "BRUSSELS, 2 March. \"Words are not enough,\" said Anna Berg of the Nordic Partnership "
        "for Civic Rights (NPCR), a Oslo-based NGO, after the talks.\n")
    kinds = {e["name"]: e["type"] for e in rec["entities"]}
    assert kinds.get("Nordic Partnership for Civic Rights") == "organization"


def test_a_programme_name_stops_at_its_acronym_bracket(extract_text) -> None:
    rec = extract_text("Corridor talks\n\nASTANA - Transport ministers of Kazakhstan, "
                       "Azerbaijan and Georgia met in Aktau on Thursday for the third meeting "
                       "on the Trans-Caspian International Transport Route (TITR), better known "
                       "as the Middle Corridor, and signed a roadmap.")
    names = {e["name"] for e in rec["entities"]}
    assert not any("(" in n for n in names)
    route = _by_name(rec)["Trans-Caspian International Transport Route"]
    assert route["acronym"] == "TITR"


def test_a_one_word_short_form_is_the_body_named_before(extract_text) -> None:
    rec = extract_text("CIS premiers meet\n\nThe heads of government of the Commonwealth of "
                       "Independent States (CIS) met in Dushanbe on Friday. Mutual trade within "
                       "the Commonwealth exceeded $100 billion in 2024.")
    names = {e["name"]: e for e in rec["entities"]}
    assert "Commonwealth of Nations" not in names
    cis = names["Commonwealth of Independent States"]
    assert "Commonwealth" in cis["aliases"] and len(cis["mentions"]) >= 3


def test_capitals_compared_with_a_state_stand_for_their_states(extract_text) -> None:
    rec = extract_text("Korea's pitch\n\nAnalysts in Tashkent say Seoul carries less "
                       "geopolitical baggage than Moscow, Beijing or Washington.")
    names = {e["name"]: e for e in rec["entities"]}
    assert "Moscow" not in names and "Beijing" not in names
    assert "Moscow" in names["Russia"]["aliases"] and "Beijing" in names["China"]["aliases"]
    assert names["Tashkent"]["type"] == "place"


def test_a_country_named_only_by_its_demonym_is_an_entity(extract_text) -> None:
    rec = extract_text("CIS premiers meet\n\nBelarusian Prime Minister Roman Golovchenko and "
                       "Uzbek Deputy Prime Minister Jamshid Khodjaev addressed the meeting in "
                       "Dushanbe.")
    names = {e["name"]: e for e in rec["entities"]}
    assert names["Belarus"]["type"] == "country" and names["Uzbekistan"]["code"] == "UZ"
    assert names["Belarus"]["mentions"] and names["Uzbekistan"]["mentions"]


def test_a_body_named_after_its_country_stops_before_the_next_name(extract_text) -> None:
    rec = extract_text(
        "Border talks\n\nThe Tajik delegation was led by the Chairman of the State Committee "
        "for National Security of Tajikistan Saimumin Yatimzoda. The Ministry of Economy and "
        "Commerce of the Kyrgyz Republic hosted the talks.")
    names = {e["name"]: e["type"] for e in rec["entities"]}
    assert names.get("State Committee for National Security of Tajikistan") == "organization"
    assert names.get("Saimumin Yatimzoda") == "person"
    assert "Ministry of Economy and Commerce of the Kyrgyz Republic" in names


def test_coordinated_names_before_a_plural_region_word_are_regions(extract_text) -> None:
    rec = extract_text("Border talks\n\nTopographic working groups will continue field work in "
                       "the Leilek and Batken districts in the second half of June.")
    kinds = {e["name"]: e["type"] for e in rec["entities"]}
    assert kinds.get("Leilek district") == "region"
    assert kinds.get("Batken district") == "region"
    assert "person" not in kinds.values()


def test_outlets_the_story_cites_are_organizations_not_its_own_credit(extract_text) -> None:
    rec = extract_text(
        "Aral talks\n\nTashkent, 14 May 2025 (Daryo) - The board of the fund met in Dushanbe, "
        "Daryo reports citing the ministry. \"We need predictable rules,\" the envoy told "
        "Eurasianet after the session.")
    kinds = {e["name"]: e for e in rec["entities"]}
    assert kinds["Daryo"]["type"] == "organization" and kinds["Eurasianet"]["type"] == "organization"
    daryo_starts = [m["start"] for m in kinds["Daryo"]["mentions"]]
    assert all(start > rec["document"]["text"].index("Dushanbe") for start in daryo_starts)
