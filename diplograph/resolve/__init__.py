"""Resolution across reports: which reports describe one event, which events form one
recurring series, which announced events were held, which names are one entity, and what
the reports disagree on.

Pure functions over record dicts; the knowledge base (``diplograph.kb``) calls them.
"""
from __future__ import annotations

from diplograph.resolve.cluster import cluster_events, evaluate_clusters, merge_facts
from diplograph.resolve.disagreements import merge_values
from diplograph.resolve.entities import entity_key, person_key, same_entity, same_person
from diplograph.resolve.events import Match, match_events
from diplograph.resolve.facts import EventFacts, event_facts, record_facts
from diplograph.resolve.plans import plan_outcome
from diplograph.resolve.rounds import order_rounds
from diplograph.resolve.series import compatible_keys, series_display, series_key

__all__ = [
    "EventFacts", "Match", "event_facts", "record_facts", "match_events", "series_key", "series_display",
    "compatible_keys", "person_key", "same_person", "entity_key", "same_entity",
    "plan_outcome", "merge_values", "cluster_events", "evaluate_clusters", "order_rounds",
    "merge_facts",
]
