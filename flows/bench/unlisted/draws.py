"""What the unlisted issuers' certificates share: their issuers, the line type, draws of a
document's own."""

from __future__ import annotations

import random

ACADEMIES = ["Caspian Digital Academy", "Aktau IT School", "Mangystau Skills Hub"]
Line = tuple[str, float, str]


def drawn_of(*fields: str) -> random.Random:
    """Draws of a document's own, seeded by what it holds: an axis added later leaves every
    other document of a corpus's seed as it was."""
    return random.Random("/".join(fields))


def ordinal(day: int) -> str:
    return f"{day}{'th' if 11 <= day <= 13 else {1: 'st', 2: 'nd', 3: 'rd'}.get(day % 10, 'th')}"
