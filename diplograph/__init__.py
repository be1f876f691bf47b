"""diplograph: read reports of international dialogue, build an evidence-linked record."""
__version__ = "0.1.0"

from diplograph.model import (  # noqa: E402
    SCHEMA_ID, Delegation, Document, Entity, Event, EventDate, Figure, Location, Period, Record,
    Role, Span, Statement,
)

__all__ = [
    "SCHEMA_ID", "Delegation", "Document", "Entity", "Event", "EventDate", "Figure", "Location",
    "Period", "Record", "Role", "Span", "Statement", "__version__",
]
