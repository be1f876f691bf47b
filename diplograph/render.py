"""Render records for people: a compact, readable summary of one report."""
from __future__ import annotations

import textwrap
from typing import Any


def _date(d: dict[str, Any] | None) -> str:
    if not d:
        return "date ?"
    s, e = d.get("start"), d.get("end")
    if s and e and s != e:
        return f"{s}..{e}"
    return s or e or (d.get("text") or "date ?")


def _amount(value: float) -> str:
    for scale, word in ((1e12, "trillion"), (1e9, "billion"), (1e6, "million")):
        if abs(value) >= scale:
            return f"{value / scale:,.3g} {word}"
    return f"{value:,.6g}"


def record_table(rec: dict[str, Any], width: int = 100) -> str:
    doc = rec["document"]
    out: list[str] = []
    head = doc.get("title") or "(untitled)"
    out.append(f"== {head}")
    meta = [f"source: {doc.get('source') or '?'}", f"dateline: {doc.get('dateline') or '?'}"]
    if doc.get("published"):
        meta.append(f"published: {doc['published']}")
    elif doc.get("date_estimate"):
        est = doc["date_estimate"]
        meta.append(f"dated: {est.get('earliest') or '?'}..{est.get('latest') or '?'}")
    meta.append(f"language: {doc.get('language')}")
    out.append("   " + " | ".join(meta))
    names = {e["id"]: e["name"] for e in rec.get("entities", [])}
    if rec.get("events"):
        out.append("Events")
        for ev in rec["events"]:
            loc = (ev.get("location") or {}).get("name") or "place ?"
            rnd = f" round {ev['ordinal']}" if ev.get("ordinal") else ""
            flag = "*" if ev.get("main") else " "
            out.append(f" {flag} [{ev['status']}] {_date(ev.get('date'))} {loc}: {ev['name']}"
                       f" ({ev['type']}{rnd})")
            if ev.get("participants"):
                out.append(f"     parties: {', '.join(ev['participants'])}")
            for d in ev.get("delegations", []):
                out.append(f"     {d['party']} led by {d.get('head') or '(unnamed)'}"
                           f"{', ' + d['title'] if d.get('title') else ''}")
    if rec.get("statements"):
        out.append("Statements")
        for st in rec["statements"]:
            who = names.get(st.get("speaker") or "", st["speaker_name"])
            body = textwrap.shorten(st["text"], width=width - 8, placeholder=" …")
            out.append(f"   {who} ({st['kind']}, {st.get('cue') or '-'}): {body}")
    if rec.get("figures"):
        out.append("Figures")
        for f in rec["figures"]:
            approx = "~" if f.get("approximate") else ""
            period = (f.get("period") or {}).get("text") or ""
            parties = ", ".join(f.get("parties") or [])
            out.append(f"   {approx}{_amount(f['value'])} {f['unit']}  {f['measure']}"
                       f"{' ' + f['change'] if f.get('change') else ''}"
                       f"{'  [' + parties + ']' if parties else ''}{'  ' + period if period else ''}")
    if rec.get("topics"):
        out.append("Topics: " + ", ".join(rec["topics"]))
    return "\n".join(out)
