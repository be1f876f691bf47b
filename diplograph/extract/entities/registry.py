"""The entities of one document while they are being found: one per canonical key, with
their mentions; ``finalize`` numbers them in first-mention order and writes the context."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from diplograph.extract.context import Context, MentionKind
from diplograph.extract.entities import persons
from diplograph.knowledge import gazetteer as gz
from diplograph.model import Entity, EntityType, Role

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from diplograph.extract.entities.runs import Run
    from diplograph.extract.entities.scan import Hit


@dataclass(slots=True)
class _Item:
    key: str
    entity: Entity
    spans: list[tuple[int, int, MentionKind]] = field(default_factory=list)


class Registry:
    def __init__(self, text: str) -> None:
        self.text = text
        self.items: dict[str, _Item] = {}
        self.by_fold: dict[str, str] = {}        # folded name/alias/acronym -> key
        self.surnames: dict[str, str] = {}       # folded surname or full name -> person key
        self.acronyms: dict[str, str] = {}       # acronym as written -> key
        self.given: dict[str, str | None] = {}   # folded given name -> person key (None: shared)

    # -- creation ---------------------------------------------------------------------

    def _get(self, key: str, type_: EntityType, name: str, **fields: Any) -> _Item:
        item = self.items.get(key)
        if item is None:
            item = _Item(key, Entity(id="", type=type_, name=name, **fields))
            self.items[key] = item
            self.by_fold.setdefault(gz.fold(name), key)
        return item

    def _mention(self, item: _Item, start: int, end: int, kind: MentionKind) -> None:
        surface = self.text[start:end]
        item.spans.append((start, end, kind))
        e = item.entity
        if kind in ("name", "alias", "acronym") and surface != e.name and surface not in e.aliases:
            if surface != e.acronym and surface != e.code:
                e.aliases.append(surface)
        for k in (surface, *e.aliases):
            self.by_fold.setdefault(gz.fold(k), item.key)

    def add_hit(self, h: "Hit") -> None:
        o = h.obj
        surface = self.text[h.start:h.end]
        if h.kind == "country":
            item = self._get(f"country:{o.code}", "country", o.name, code=o.code)
        elif h.kind in ("organization", "ministry"):
            item = self._get(f"org:{o.name}", "organization", o.name, code=o.code,
                             acronym=o.acronym, country=o.country)
            if o.acronym:
                self.acronyms.setdefault(o.acronym, f"org:{o.name}")
        elif h.kind == "place":
            item = self._get(f"place:{o.name}", "place", o.name, country=o.country)
        elif h.kind == "region":
            item = self._get(f"region:{o.name}", "region", o.name, country=o.country)
        elif h.kind == "initiative":
            item = self._get(f"initiative:{o.name}", "initiative", o.name, acronym=o.acronym)
            if o.acronym:
                self.acronyms.setdefault(o.acronym, f"initiative:{o.name}")
        else:
            return
        e = item.entity
        kind: MentionKind = "acronym" if surface in (e.acronym, e.code) and surface != e.name \
            else "name" if gz.fold(surface) == gz.fold(e.name) else "alias"
        self._mention(item, h.start, h.end, kind)

    def add_metonym(self, start: int, end: int, code: str) -> None:
        """A capital standing for its state ("Moscow said"): an alias of the country or EU."""
        if code == gz.EU_CODE:
            o = gz.organization("European Union")
            if o is None:
                return
            item = self._get(f"org:{o.name}", "organization", o.name, code=o.code,
                             acronym=o.acronym, country=o.country)
        else:
            c = gz.country_by_code(code)
            if c is None:
                return
            item = self._get(f"country:{c.code}", "country", c.name, code=c.code)
        self._mention(item, start, end, "alias")

    def add_government(self, name: str, code: str, start: int, end: int) -> None:
        item = self._get(f"org:{name}", "organization", name, country=code)
        self._mention(item, start, end, "name" if self.text[start:end] == name else "alias")

    def add_demonym(self, h: "Hit") -> None:
        item = self.items.get(f"country:{h.obj.code}")
        if item is None:
            c = gz.country_by_code(h.obj.code)
            if c is None:
                return
            item = self._get(f"country:{c.code}", "country", c.name, code=c.code)
        item.spans.append((h.start, h.end, "demonym"))

    def add_initiative(self, name: str, start: int, end: int, acronym: str | None = None) -> None:
        key = self.by_fold.get(gz.fold(name))
        item = self.items[key] if key else self._get(f"initiative:{name}", "initiative", name,
                                                     acronym=acronym)
        if acronym:
            self.acronyms.setdefault(acronym, item.key)
        self._mention(item, start, end, "acronym" if acronym else "name")

    def add_named(self, kind: str, name: str, start: int, end: int) -> None:
        """An entity spaCy found and the gazetteer does not know."""
        key = self.by_fold.get(gz.fold(name))
        if key is None:
            key = self.acronyms.get(name)
        if key is not None:
            self._mention(self.items[key], start, end, "alias")
            return
        type_: EntityType = kind  # type: ignore[assignment]
        acronym = name if name.isupper() and 2 <= len(name) <= 8 and kind == "organization" else None
        item = self._get(f"{kind}:{name}", type_, name, acronym=acronym)
        if acronym:
            self.acronyms.setdefault(acronym, f"{kind}:{name}")
        self._mention(item, start, end, "name")

    def add_run(self, r: "Run") -> None:
        """A name found by its head word; its bare form, when given, is an alias."""
        self.add_named(r.kind, r.name, r.start, r.end)
        key = self.by_fold.get(gz.fold(r.name))
        if key is None:
            return
        e = self.items[key].entity
        if e.country is None and r.country:
            e.country = r.country
        if r.bare is not None:
            bare = self.text[r.bare[0]:r.bare[1]]
            if bare not in e.aliases and bare != e.name:
                e.aliases.append(bare)
            self.by_fold.setdefault(gz.fold(bare), key)

    def add_defined(self, kind: str, long_form: str, acr: str, start: int, end: int,
                    astart: int, aend: int) -> None:
        key = self.by_fold.get(gz.fold(long_form)) or f"{kind}:{long_form}"
        type_: EntityType = kind  # type: ignore[assignment]
        item = self.items.get(key) or self._get(key, type_, long_form)
        item.entity.acronym = item.entity.acronym or acr
        self.acronyms.setdefault(acr, key)
        self._mention(item, start, end, "name")
        self._mention(item, astart, aend, "acronym")

    def attach_acronym_before(self, before: int, acr: str, astart: int, aend: int) -> bool:
        """Give ``acr`` to the organization or initiative whose mention ends at ``before``."""
        for key, item in self.items.items():
            if item.entity.type not in ("organization", "initiative"):
                continue
            if any(e == before for _, e, _k in item.spans):
                if item.entity.acronym in (None, acr):
                    item.entity.acronym = acr
                    self.acronyms.setdefault(acr, key)
                    if not any(s == astart for s, _, _k in item.spans):
                        self._mention(item, astart, aend, "acronym")
                    return True
        return False

    # -- persons ----------------------------------------------------------------------

    def note_person(self, name: str) -> None:
        key = f"person:{name}"
        if key in self.items:
            return
        # "George Bush" after "George W Bush": the same person
        sur = gz.fold(persons.surname(name))
        other = self.surnames.get(sur)
        if other and self.items[other].entity.name.split()[0] == name.split()[0]:
            self.surnames[gz.fold(name)] = other
            return
        self._get(key, "person", name)
        first = gz.fold(name.split()[0])
        if first != sur:
            # "Li" for Li Wenhao, "Hafiz" for Hafiz Rahman; unusable once two persons share it
            self.given[first] = key if self.given.get(first, key) == key else None
        self.surnames.setdefault(gz.fold(name), key)
        self.surnames.setdefault(sur, key)
        last = name.split()[-1]
        self.surnames.setdefault(gz.fold(last), key)

    def person_by_surname(self, name: str) -> str | None:
        return self.surnames.get(gz.fold(name))

    def person_by_given(self, name: str) -> str | None:
        return self.given.get(gz.fold(name))

    def set_country(self, key: str, code: str) -> None:
        e = self.items[key].entity
        e.country = e.country or code

    def add_person(self, name: str, start: int, end: int) -> None:
        key = self.surnames.get(gz.fold(name))
        if key is None:
            self.note_person(name)
            key = self.surnames.get(gz.fold(name), f"person:{name}")
        self.add_person_mention(key, start, end, "name")

    def add_person_mention(self, key: str, start: int, end: int, kind: MentionKind) -> None:
        item = self.items[key]
        surface = persons.clean_name(self.text[start:end])
        item.spans.append((start, end, "name" if surface == item.entity.name else kind))
        if surface != item.entity.name and surface not in item.entity.aliases:
            item.entity.aliases.append(surface)

    def person_name_mentions(self) -> list[tuple[str, int, int]]:
        out = []
        for key, item in self.items.items():
            if item.entity.type == "person":
                out.extend((key, s, e) for s, e, _k in item.spans)
        return sorted(out, key=lambda x: x[1])

    def add_role(self, key: str, r: "persons.RoleReading") -> None:
        e = self.items[key].entity
        if not any(x.title.lower() == r.title.lower() for x in e.roles):
            e.roles.append(Role(r.title, r.organization))
        if e.country is None and r.country:
            e.country = r.country
        if e.country is None and r.organization:
            org = gz.organization(r.organization)
            if org and (org.code or org.country):
                e.country = org.code or org.country
            else:
                item = self.items.get(f"org:{r.organization}")
                if item and (item.entity.code or item.entity.country):
                    e.country = item.entity.code or item.entity.country

    # -- bare mentions ---------------------------------------------------------------

    def add_acronym_mentions(self, doc: "Doc", taken: Any) -> None:
        if not self.acronyms:
            return
        for tok in doc:
            key = self.acronyms.get(tok.text)
            if key and not taken.overlaps(tok.idx, tok.idx + len(tok.text)):
                self._mention(self.items[key], tok.idx, tok.idx + len(tok.text), "acronym")
                taken.add(tok.idx, tok.idx + len(tok.text))

    def add_surname_mentions(self, doc: "Doc", taken: Any) -> None:
        """Surnames spaCy did not tag ("Straw" tagged ORG or nothing at all)."""
        if not self.surnames:
            return
        for tok in doc:
            if not tok.text[:1].isupper():
                continue
            key = self.surnames.get(gz.fold(tok.text))
            if key and not taken.overlaps(tok.idx, tok.idx + len(tok.text)):
                self.add_person_mention(key, tok.idx, tok.idx + len(tok.text), "alias")
                taken.add(tok.idx, tok.idx + len(tok.text))

    def known_bodies(self) -> dict[str, str]:
        out: dict[str, str] = {}
        for item in self.items.values():
            e = item.entity
            if e.type != "organization":
                continue
            for k in (e.name, e.acronym, *e.aliases):
                if k:
                    out[gz.fold(k)] = e.name
        return out

    # -- output -----------------------------------------------------------------------

    def _short_forms(self, items: list[_Item]) -> list[_Item]:
        """A body named by one word that opens the name of a body the report named before
        is that body: "the Commonwealth" after "the Commonwealth of Independent States" is
        the CIS, not the gazetteer's Commonwealth of Nations."""
        orgs = [i for i in items if i.entity.type == "organization"]
        out = []
        for item in items:
            words = {self.text[s:e] for s, e, _k in item.spans}
            first = min(s for s, _e, _k in item.spans)
            target = None
            if item.entity.type == "organization" and len(words) == 1:
                (w,) = words
                if " " not in w and w[:1].isupper():
                    target = next((o for o in orgs if o is not item
                                   and o.entity.name.lower().startswith(w.lower() + " ")
                                   and min(s for s, _e, _k in o.spans) < first), None)
            if target is None:
                out.append(item)
                continue
            target.spans += [(s, e, "alias") for s, e, _k in item.spans]
            for s, e, _k in item.spans:
                if self.text[s:e] not in target.entity.aliases:
                    target.entity.aliases.append(self.text[s:e])
        return out

    def finalize(self, ctx: Context) -> None:
        items = self._short_forms([i for i in self.items.values() if i.spans])
        for item in items:
            e = item.entity
            if e.type == "person" and e.name.split()[-1] not in e.aliases and len(e.name.split()) > 1:
                sur = persons.surname(e.name)
                if sur not in e.aliases:
                    e.aliases.append(sur)
            if e.acronym and e.acronym not in e.aliases and e.acronym != e.name:
                e.aliases.append(e.acronym)
        items.sort(key=lambda i: min(s for s, _, _k in i.spans))
        for n, item in enumerate(items, 1):
            item.entity.id = f"e{n}"
            ctx.entities.append(item.entity)
            for s, e, k in sorted(set(item.spans)):
                ctx.add_mention(s, e, item.entity, k)

