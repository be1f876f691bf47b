"""Extract stage: figures."""
from __future__ import annotations

from diplograph.extract.context import Context


def run(ctx: Context) -> None:
    return None
