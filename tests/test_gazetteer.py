"""The gazetteer: names, aliases and demonyms to canonical entries."""
from __future__ import annotations

import pytest

from diplograph.knowledge import gazetteer as gz


@pytest.mark.parametrize("text,name,code", [
    ("Kazakhstan", "Kazakhstan", "KZ"), ("the UK", "United Kingdom", "GB"),
    ("Britain", "United Kingdom", "GB"), ("US", "United States", "US"),
    ("Kyrgyz Republic", "Kyrgyzstan", "KG"), ("Kazakh", "Kazakhstan", "KZ"),
    ("Turkmen", "Turkmenistan", "TM"), ("French", "France", "FR"), ("Afghan", "Afghanistan", "AF"),
    ("Russian Federation", "Russia", "RU"), ("Kazakhstan's", "Kazakhstan", "KZ"),
])
def test_country(text: str, name: str, code: str) -> None:
    c = gz.country(text)
    assert c is not None and (c.name, c.code) == (name, code)


def test_party_codes_and_non_countries() -> None:
    assert gz.party_code("European") == "EU" and gz.party_code("EU") == "EU"
    assert gz.party_code("Uzbek") == "UZ"
    assert gz.country("Scotland") is None and gz.region("Scotland").country == "GB"
    assert gz.country("Hong Kong") is None and gz.place("Hong Kong").country == "HK"
    assert gz.country("Central Asia") is None


def test_places_capitals_regions() -> None:
    assert gz.place("Nur-Sultan").name == "Astana"
    assert gz.place("Cholpon Ata").country == "KG"
    assert gz.capital_of("KZ") == "Astana" and gz.capital_of("TJ") == "Dushanbe"
    assert gz.place(gz.capital_of("QA") or "").country == "QA"
    assert gz.region("the Middle East").name == "Middle East"
    assert gz.region("South Caucasus") is not None


def test_organizations() -> None:
    assert gz.organization("EBRD").name == "European Bank for Reconstruction and Development"
    eu = gz.organization("the European Union")
    assert eu.code == "EU" and eu.acronym == "EU"
    assert gz.organization("EEAS").country == "EU"
    assert gz.organization("World Trade Organisation").acronym == "WTO"
    assert gz.organization("Ministry") is None


@pytest.mark.parametrize("text", [
    "Kazakh MFA", "Kazakh Ministry of Foreign Affairs", "the foreign ministry of Kazakhstan",
    "Ministry of Foreign Affairs of the Republic of Kazakhstan", "Kazakhstan's Foreign Ministry",
])
def test_ministry(text: str) -> None:
    m = gz.ministry(text)
    assert m is not None and m.name == "Ministry of Foreign Affairs of Kazakhstan" and m.country == "KZ"


def test_ministry_needs_a_country() -> None:
    assert gz.ministry("the Foreign Ministry") is None
    assert gz.ministry("Ministry of Defence of Japan").name == "Ministry of Defence of Japan"


def test_initiatives() -> None:
    assert gz.initiative("BOMCA").acronym == "BOMCA"
    assert gz.initiative("EU Strategy for Central Asia").name == "EU Strategy on Central Asia"


def test_numbered_sessions_rivers_and_residences() -> None:
    cop = gz.organization("COP29")
    assert cop is not None and cop.name == "Conference of the Parties"
    assert gz.organization("COP 30") is cop and gz.organization("COP") is cop
    assert gz.region("Tien Shan").name == "Tian Shan" and gz.region("Amudarya").name == "Amu Darya"
    assert gz.place("Akorda").country == "KZ" and gz.organization("Akorda") is None
    assert gz.organization("Turkic Investment Fund") is not None
    assert gz.initiative("Team Europe") is None  # a label, not a programme
    assert gz.region("Central Asian region").name == "Central Asia"
