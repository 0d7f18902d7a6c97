"""A person as the cells of a row name them: a name and an e-mail address, as people type and
copy them (`Anna de Vries (a.devries@zeist.nl)`, `"Bert Jansen" <b.jansen@wsrl.nl>`,
`Dhr. J. Jansen (Communicatie)`), or a vacancy or a pointer elsewhere that names no one.

Telling one person written many ways from another is `people`'s job; this reads the cells."""

from __future__ import annotations

import re

from auditor.messages import Message
from auditor.problems import Level
from auditor.register import cells
from auditor.register.cells import MISSING, CellError, key
from auditor.register.people import EMAIL, TITLES, split_mentions, with_first_name
from auditor.register.sheet import SheetReader

# An address among other words, in angle brackets as Outlook copies it: the one pattern of an
# address that `people` reads names and listings by.
_ADDRESS = re.compile(rf"<?\b({EMAIL.pattern})\b>?", re.IGNORECASE)


def people_columns(reader: SheetReader, values: dict, row: int) -> dict[str, str | None]:
    """The owner and the substitute, where the owner's cell may name the substitute too."""
    values = _substitute_in_owner_cell(reader, values, row)
    return {
        **person_columns(reader, values, "owner", row),
        **person_columns(reader, values, "substitute", row),
    }


# The words that mark a person as the one who stands in (`Jan Jansen (vervanger)`).
_STANDS_IN = r"(?:plaats)?vervang(?:er|ster|ing)|back-?up|reserve|substitute|deputy|stand-?in"
_MARKED = re.compile(rf"[(\[]\s*(?:{_STANDS_IN})\s*[)\]]", re.IGNORECASE)
# `Anna de Vries (vervanger: Jan Jansen)`: the substitute named in the owner's remark.
_NAMED_IN_REMARK = re.compile(
    rf"[(\[]\s*(?:{_STANDS_IN})\s*:?\s+(?P<name>[^()\[\]]+?)\s*[)\]]\s*$", re.IGNORECASE
)
_A_NAME = re.compile(r"[A-Z][\w.'-]*(?:\s+(?:[a-z']{1,3}|[A-Z][\w.'-]*))*")


def _substitute_in_owner_cell(reader: SheetReader, values: dict, row: int) -> dict:
    """`Anna de Vries, Jan Jansen (vervanger)` or `Anna de Vries (vervanger: Jan Jansen)` in
    the owner's cell, the substitute's left empty: Jan Jansen is the substitute, said so. He
    was a second owner, and the account had no substitute (OWN002) though the register
    names one."""
    raw = values.get("owner_name")
    if not isinstance(raw, str) or any(
        cells.text(values.get(c)) for c in ("substitute_name", "substitute_email")
    ):
        return values
    if (named := _NAMED_IN_REMARK.search(raw)) and _A_NAME.fullmatch(named["name"]):
        owners, substitute = [raw[: named.start()].strip()], named["name"]
    elif len(marks := list(_MARKED.finditer(raw))) == 1:
        everyone = split_mentions(raw)
        before = split_mentions(raw[: marks[0].start()])
        if len(everyone) < 2 or not before or before[-1] not in everyone:
            return values  # `Jan Jansen (vervanger)` alone: who owns it, the register says not
        substitute = before[-1]
        owners = [m for m in everyone if m != substitute]
    else:
        return values
    reader.problem(
        Message("register.substitute_in_owner", value=cells.text(raw), substitute=substitute),
        row=row,
        column="owner_name",
        level=Level.WARNING,
    )
    return {**values, "owner_name": "; ".join(owners), "substitute_name": substitute}


def person_columns(reader: SheetReader, values: dict, role: str, row: int) -> dict[str, str | None]:
    """A person's name and e-mail address; an address typed in the name cell, as in
    `Anna de Vries (a.devries@zeist.nl)`, is taken as the address when none is given."""
    # One a line (Alt+Enter) stays apart: `Jan Jansen; Piet Smit`, not one `Jan Jansen Piet Smit`.
    name = _no_one(reader, reader.parse(values, f"{role}_name", cells.listing, row), role, row)
    email = email_address(reader, values, f"{role}_email", row)
    if name is None and email is not None:
        # The name an address was copied with is the person's: `"Anna Smit" <a.smit@…>`.
        raw = re.sub(r"(?i)mailto:", "", cells.text(values.get(f"{role}_email")) or "")
        shown = _ADDRESS.sub("", raw).strip(" \"'<>()[],;")
        name = _no_one(reader, shown, role, row) if re.search(r"[^\W\d_]", shown) else None
    if name:
        # `mailto:a.devries@zeist.nl`, as a linked address is copied: the address; the name
        # before it was `mailto:`, a person with an action list of their own.
        name = re.sub(r"(?i)mailto:\s*", "", name).strip() or None
    found = _ADDRESS.search(name) if name else None
    if found and (listed := _names_before_addresses(name)) is not None:
        # `Jan Jansen <j.jansen@…>; Piet Pieters <p.pieters@…>`, as Outlook copies two: both,
        # as a cell of two names is, the first address the first one's. Cut at the first
        # address, Piet Pieters was lost without a word.
        return {
            f"{role}_name": listed,
            f"{role}_email": email or found[1].casefold(),
            f"{role}_unnamed": None,
        }
    if found:
        email = email or found[1].casefold()
        # The name before the address; an address alone still names the person.
        name = cells.text(name[: found.start()].strip(" ,;-([<")) or name
    return {
        f"{role}_name": bare_name(name) if name else name,
        f"{role}_email": email,
        f"{role}_unnamed": _unnamed(values.get(f"{role}_name")) if not (name or email) else None,
    }


def _unnamed(value: object) -> str | None:
    """What a cell that names no one says (`n.t.b.`, `vacature`, `?`), a dash aside: the
    finding shows it rather than claim the cell is empty."""
    written = str(value).strip() if value is not None else ""
    return written if written.strip("-–—_ ") else None


def _names_before_addresses(cell: str) -> str | None:
    """The people a cell lists each with an address after their name (`Jansen, Jan
    <j.jansen@…>; Pieters, Piet <p.pieters@…>`), one a `;`, an address alone standing for
    its person; None for a cell of one address, or with words after its last one."""
    found = list(_ADDRESS.finditer(cell))
    if len(found) < 2 or re.search(r"[^\W\d_]", cell[found[-1].end() :]):
        return None
    people, start = [], 0
    for address in found:
        name = cell[start : address.start()].strip(" ,;-([<>)]\"'\t\n")
        people.append(name if re.search(r"[^\W\d_]", name) else address[1].casefold())
        start = address.end()
    return "; ".join(people)


# What is written around a person's name: a remark in brackets after it (`Jan Jansen
# (Communicatie)`, `(06-12345678)`), a title before it (`Dhr.`, `ir.`). Kept, `Jan Jansen
# (Communicatie)` was not the Jan Jansen of the staff list (OWN004 failed) and had an action
# list of his own. A remark after a dash stays: `Anna de Groot - Janssen` is one name.
_REMARK_AFTER = re.compile(r"\s*(?:\([^()]*\)|\[[^\[\]]*\])\s*$")


_TITLE_BEFORE = re.compile(
    rf"^(?:(?:de\s+)?(?:{'|'.join(sorted(TITLES, key=len, reverse=True))})\.?\s+)+",
    re.IGNORECASE,
)


def bare_name(name: str) -> str:
    """A person's name without a remark after it or a title before it, given name first."""
    bare = _TITLE_BEFORE.sub("", _REMARK_AFTER.sub("", with_first_name(name))).strip()
    return bare if re.search(r"[^\W\d_]", bare) else name


# What an owner or substitute cell says when nobody fills the post: a vacancy, a name still
# to be given. Kept as a name, it would be an owner with reports addressed to "vacature".
NOBODY = {
    *("vacature", "vacant", "vacancy", "ntb", "nnb", "nntb", "tbd", "nb", "onbekend"),
    *("unknown", "nietbekend", "nognietbekend", "nogniet", "nogtebepalen", "tebepalen"),
    *("volgt", "nogniemand", "niemand", "nobody", "noginvullen", "noinvullen", "leeg"),
}
# The words for a missing value (`n.v.t.`, `geen`) name nobody either, where a frame made
# elsewhere than by the register reader (which reads them as empty) still holds them.
_MISSING_WORDS = {k for m in MISSING if (k := key(m))}


def names_no_one(name: str) -> bool:
    """Whether a name cell names no one: a vacancy or a name still to come (`vacature`,
    `n.t.b.`, `niemand`), or a word for a missing value (`n.v.t.`, `geen`)."""
    folded = key(name)
    return folded in NOBODY or folded in _MISSING_WORDS


# A pointer to somewhere else (`zie tabblad Contacten`, `idem`, `zie boven`): the auditor does
# not follow it, so it names nobody either.
_POINTER = re.compile(r"(zie|see|idem|dito|ditto|〃|″|\")\b.*|zelfdeals.*|alsboven.*", re.I)


def _no_one(reader: SheetReader, name: str | None, role: str, row: int) -> str | None:
    """The name, or None, with a warning, when the cell names no one but a vacancy or points
    elsewhere: the account then has no owner (or substitute), as OWN001 and OWN002 say."""
    if name is None:
        return None
    if key(name) in NOBODY:
        kind, message = "nobody", Message("register.nobody", value=name)
    elif _POINTER.fullmatch(name.strip()):
        kind, message = "pointer", Message("register.pointer", value=name)
    else:
        return name
    reader.notice(kind, message, row=row, column=f"{role}_name")
    return None


def email_address(reader: SheetReader, values: dict, column: str, row: int) -> str | None:
    raw = cells.text(values.get(column))
    several = _ADDRESS.findall(re.sub(r"(?i)mailto:", " ", raw)) if raw else []
    if len(several) > 1:
        reader.problem(
            Message("register.several_addresses", value=raw, count=len(several)),
            row=row,
            column=column,
            level=Level.WARNING,
        )
    if several:
        # `"Bert Jansen" <b.jansen@wsrl.nl>`, as Outlook copies an address: the address.
        return several[0].casefold()
    try:
        return cells.email(values.get(column))
    except CellError as exc:
        reader.problem(exc.message, row=row, column=column, level=Level.WARNING)
        return None
