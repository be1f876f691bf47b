"""Language of a report (ISO 639-1), by py3langid restricted to the languages news comes in.

Unrestricted, langid's 97 languages make short English texts come out as Latin, Maltese or
Esperanto now and then; the reports diplograph reads are in English, the languages of the
regions it covers, and the major news languages.
"""
from __future__ import annotations

import functools
import re
from typing import Any

LANGUAGES = (
    "en", "ru", "kk", "ky", "uz", "tg", "tk", "az", "tr", "fa", "ar", "zh", "ja", "ko", "hi", "ur",
    "de", "fr", "es", "it", "pt", "nl", "pl", "cs", "ro", "hu", "sv", "el", "bg", "sr", "hr",
    "uk", "be", "ka", "hy", "mn", "he", "id",
)
# Characters looked at: langid is linear in length and a paragraph decides it (1,200 chars
# classify all 254 Russian texts of shared/data/news-ru and the 181 benchmark pages right).
SAMPLE = 1200
# Below this many letters a guess is noise; the default stands.
MIN_LETTERS = 40
# Probability under which a non-English guess is not trusted (normalised langid scores;
# English news text scores above 0.99, the Russian news texts of shared/data above 0.99).
MIN_CONFIDENCE = 0.9
DEFAULT = "en"
_LETTER = re.compile(r"[^\W\d_]")


@functools.lru_cache(maxsize=1)
def _identifier() -> Any:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    ident = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    ident.set_languages(list(LANGUAGES))
    return ident


def detect(text: str) -> str:
    sample = text[:SAMPLE]
    if len(_LETTER.findall(sample)) < MIN_LETTERS:
        return DEFAULT
    lang, prob = _identifier().classify(sample)
    if lang != DEFAULT and prob < MIN_CONFIDENCE:
        return DEFAULT
    return str(lang)
