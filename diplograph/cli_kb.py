"""Commands registered on the ``diplograph`` group (see ``diplograph.cli``)."""
from __future__ import annotations

from diplograph.cli import cli  # noqa: F401
