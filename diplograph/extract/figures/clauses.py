"""Clauses around a figure, read off the dependency parse spaCy already made.

A figure's attributes (what it measures, who it is about, when) are looked for first in its own
clause, then in the clause that governs it, and so on up to the sentence root: "trade between A
and B increased by 61% and amounted to 49 billion" finds A and B for the 49 billion one level
up, through the coordinated verb, while "the EU invested X, while trade Y" keeps the clauses apart.
"""
from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Token

_CLAUSE_DEPS = frozenset({"advcl", "conj", "ccomp", "xcomp", "relcl", "acl", "parataxis", "csubj", "pcomp"})
_VERBAL = frozenset({"VERB", "AUX"})
_SUBJECTS = frozenset({"nsubj", "nsubjpass", "csubj", "csubjpass", "expl"})


def is_clause_head(tok: "Token") -> bool:
    return tok.dep_ == "ROOT" or (tok.pos_ in _VERBAL and tok.dep_ in _CLAUSE_DEPS)


def clause_head(tok: "Token") -> "Token":
    while not is_clause_head(tok) and tok.head.i != tok.i:
        tok = tok.head
    return tok


def own_tokens(head: "Token") -> list["Token"]:
    """The tokens of ``head``'s clause, without the clauses embedded in it."""
    out: list[Token] = []
    stack = [head]
    while stack:
        t = stack.pop()
        out.append(t)
        stack.extend(c for c in t.children if not is_clause_head(c))
    return out


def levels(tok: "Token") -> Iterator[tuple["Token", list["Token"]]]:
    """(head, tokens) of the clause holding ``tok``, then of each governing clause up to the root.

    The first holds the whole phrase ``tok`` heads too, clauses hanging from it included
    ("£50m originally allocated from the aid budget").
    """
    head = clause_head(tok)
    first = own_tokens(head)
    seen = {t.i for t in first}
    yield head, first + [t for t in tok.subtree if t.i not in seen]
    while True:
        if head.head.i == head.i:
            return
        head = clause_head(head.head)
        yield head, own_tokens(head)


def subject(head: "Token") -> list["Token"]:
    """The tokens of the subject of ``head``'s clause (empty when it has none of its own)."""
    for c in head.children:
        if c.dep_ in _SUBJECTS:
            return list(c.subtree)
    return []
