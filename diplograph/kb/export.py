"""Export resolved events (all, or a timeline query) as JSON Lines, CSV or GraphML.

JSON Lines carries the timeline shape one event per line; CSV flattens it to one row per
event (lists joined with ";"); GraphML is a graph for Gephi: events, parties, persons and
series as nodes, participation, delegation heads, rounds and plan outcomes as edges.
"""
from __future__ import annotations

import csv
import json
from typing import IO, Any
from xml.sax.saxutils import quoteattr

from diplograph.kb.db import Database
from diplograph.kb.query import plans, timeline

CSV_COLUMNS = ("id", "date_start", "date_end", "type", "name", "series", "acronym", "ordinal",
               "status", "location", "location_country", "participants", "heads", "topics",
               "reports", "documents", "urls", "disagreements")


def export(db: Database, fmt: str, out: IO[str], **query: Any) -> int:
    """Write the events of ``query`` (timeline options) to ``out``; returns how many."""
    events = timeline(db, **query)
    if fmt == "jsonl":
        for ev in events:
            out.write(json.dumps(ev, ensure_ascii=False) + "\n")
    elif fmt == "csv":
        writer = csv.writer(out)
        writer.writerow(CSV_COLUMNS)
        for ev in events:
            writer.writerow(_csv_row(ev))
    elif fmt == "graphml":
        ids = {ev["id"] for ev in events}
        links = [(p["planned"]["id"], p["held"]["id"], "; ".join(p["reasons"]))
                 for p in plans(db) if p["held"] and p["planned"]["id"] in ids
                 and p["held"]["id"] in ids]
        _graphml(events, links, out)
    else:
        raise ValueError(f"unknown export format {fmt!r}")
    return len(events)


def _csv_row(ev: dict[str, Any]) -> list[Any]:
    date = ev.get("date") or {}
    loc = ev.get("location") or {}
    return [ev["id"], date.get("start"), date.get("end"), ev["type"], ev["name"], ev["series"],
            ev["acronym"], ev["ordinal"], ev["status"], loc.get("name"), loc.get("country"),
            ";".join(ev["participants"]),
            ";".join(f"{d['party']}={d['head']}" for d in ev["delegations"] if d.get("head")),
            ";".join(ev["topics"]), len(ev["sources"]),
            ";".join(s["document"] for s in ev["sources"]),
            ";".join(s["url"] for s in ev["sources"] if s.get("url")),
            json.dumps(ev["disagreements"], ensure_ascii=False) if ev["disagreements"] else ""]


_NODE_KEYS = (("kind", "string"), ("label", "string"), ("date", "string"),
              ("ordinal", "int"), ("reports", "int"))
_EDGE_KEYS = (("relation", "string"), ("detail", "string"))


def _graphml(events: list[dict[str, Any]], links: list[tuple[str, str, str]],
             out: IO[str]) -> None:
    nodes: dict[str, dict[str, Any]] = {}
    edges: list[tuple[str, str, str, str]] = []
    for ev in events:
        nodes[ev["id"]] = {"kind": "event", "label": ev["name"],
                           "date": (ev.get("date") or {}).get("start"),
                           "ordinal": ev.get("ordinal"), "reports": len(ev["sources"])}
        if ev.get("series") or ev.get("acronym"):
            sid = "series:" + (ev.get("acronym") or ev["series"])
            nodes.setdefault(sid, {"kind": "series", "label": ev.get("series")
                                   or ev.get("acronym")})
            edges.append((ev["id"], sid, "round_of", str(ev.get("ordinal") or "")))
        for party in ev["participants"]:
            nodes.setdefault("party:" + party, {"kind": "party", "label": party})
            edges.append(("party:" + party, ev["id"], "participant", ""))
        for d in ev["delegations"]:
            if d.get("head"):
                pid = "person:" + d["head"]
                nodes.setdefault(pid, {"kind": "person", "label": d["head"]})
                edges.append((pid, ev["id"], "head_of_delegation", d["party"]))
    edges += [(a, b, "became", why) for a, b, why in links]
    out.write('<?xml version="1.0" encoding="UTF-8"?>\n'
              '<graphml xmlns="http://graphml.graphdrawing.org/xmlns">\n')
    for name, typ in _NODE_KEYS:
        out.write(f'  <key id="{name}" for="node" attr.name="{name}" attr.type="{typ}"/>\n')
    for name, typ in _EDGE_KEYS:
        out.write(f'  <key id="{name}" for="edge" attr.name="{name}" attr.type="{typ}"/>\n')
    out.write('  <graph id="diplograph" edgedefault="directed">\n')
    for nid, attrs in nodes.items():
        out.write(f"    <node id={quoteattr(nid)}>{_data(attrs)}</node>\n")
    for i, (a, b, rel, detail) in enumerate(edges):
        out.write(f'    <edge id="x{i}" source={quoteattr(a)} target={quoteattr(b)}>'
                  f'{_data({"relation": rel, "detail": detail})}</edge>\n')
    out.write("  </graph>\n</graphml>\n")


def _data(attrs: dict[str, Any]) -> str:
    from xml.sax.saxutils import escape

    return "".join(f'<data key="{k}">{escape(str(v))}</data>' for k, v in attrs.items()
                   if v not in (None, ""))
