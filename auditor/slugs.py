"""File names for departments and owners: stable, readable, ASCII."""

from __future__ import annotations

import re
import unicodedata


def slugify(value: str) -> str:
    folded = unicodedata.normalize("NFKD", value).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", folded.casefold()).strip("-")
    return slug or "onbekend"
