"""File names for departments and owners: stable, readable, ASCII, and short enough for any
file system (most allow 255 bytes a name; Windows paths 260 characters in all)."""

from __future__ import annotations

import hashlib
import re
import unicodedata

MAX_LENGTH = 60
# Names Windows keeps for devices: `con.html` cannot be created there.
_RESERVED = frozenset(
    {"con", "prn", "aux", "nul"} | {f"{d}{n}" for d in ("com", "lpt") for n in range(1, 10)}
)


def slugify(value: str) -> str:
    folded = unicodedata.normalize("NFKD", value).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", folded.casefold()).strip("-")
    if len(slug) > MAX_LENGTH:
        # Cut at a word and add a digest of the whole name: two long names that start alike
        # still get two files, and the same name gets the same file every quarter.
        digest = hashlib.sha256(value.encode("utf-8", "surrogatepass")).hexdigest()[:8]
        head = slug[: MAX_LENGTH - len(digest) - 1]
        head = head.rsplit("-", 1)[0] if "-" in head else head
        slug = f"{head}-{digest}"
    if slug in _RESERVED:
        slug = f"{slug}-1"
    return slug or "onbekend"
