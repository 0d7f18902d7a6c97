"""People as a register names them: a cell that lists several, and one person written many ways.

A Dutch register writes a person as `Jan Jansen`, `J. Jansen`, `Jansen, Jan`, `Jansen, J.`,
`Vries, Anna de`, `jan.jansen@zeist.nl`, `Jan Jansen (jan.jansen@zeist.nl)` or `Jan Jansen
(eigenaar)`, and lists several separated by a semicolon, a new line, `en`, `&`, `+`, `/`, or a
comma. The comma is the hard one: it also stands inside a name written surname first. The rule
(README, SEC002): a comma separates two people, except that a part which is a surname (one word,
with its tussenvoegsels) followed by a part which is a first name or initials (one word, with
tussenvoegsels after it) is one person written surname first: `Jansen, Jan` is one person,
`Jansen, Jan, Pietersen, Piet` two, `Jan Jansen, Piet Pietersen` two. Where the register already
knows the people, that knowledge decides: `Anna, Piet` are two when Anna and Piet are each
someone known and `Piet Anna` is nobody.

Two mentions are the same person when they share an address, or the same surname with first
names that agree (equal, or one an initial of the other, or one not given), or when a single
word is the other's first name or surname. An address is read as a name too: `jan.jansen@`,
`j.jansen@`, `jjansen@`, `a.devries@` (for Anna de Vries).
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

# Dutch surname prefixes (tussenvoegsels), and the like in names common in the Netherlands.
SURNAME_PREFIXES = {
    "de",
    "der",
    "den",
    "van",
    "von",
    "het",
    "t",
    "te",
    "ten",
    "ter",
    "in",
    "op",
    "aan",
    "bij",
    "onder",
    "uit",
    "voor",
    "la",
    "le",
    "du",
    "da",
    "di",
    "del",
    "della",
    "dos",
    "el",
    "al",
    "vd",
}
# Words before a name that are no part of it (`Dhr.`, `ir.`; `de heer` as `heer`).
TITLES = {"dhr", "mevr", "mw", "mevrouw", "meneer", "heer", "drs", "dr", "ir", "ing", "mr", "prof"}

EMAIL = re.compile(r"[\w.+'-]+@[\w-]+(?:\.[\w-]+)+", re.UNICODE)
_BRACKETS = re.compile(r"\(([^)]*)\)|<([^>]*)>|\[([^\]]*)\]")
# `v/d Berg`, `v.d. Berg`: abbreviated prefixes whose slash or dots are no separator.
_ABBREVIATED = [
    (re.compile(r"\bv\s*/\s*d\b\.?", re.IGNORECASE), "van de "),
    (re.compile(r"\bv\s*/\s*h\b\.?", re.IGNORECASE), "van het "),
    (re.compile(r"\bv\.\s*d\.", re.IGNORECASE), "van de "),
]
_STRONG = re.compile(r"[;\n\r|&+/\t•]|\s+(?:en|and)\s+|(?:^|\s)\d{1,2}[.)]\s+", re.IGNORECASE)
# `J.Jansen`: an initial written against the surname (not inside an address, `j.jansen@`).
_INITIAL_AGAINST = re.compile(r"(?<![@.\w])([^\W\d_])\.(?=[^\W\d_]{2,}\b(?![@.\w]))")
_INITIALS = re.compile(r"(?:[^\W\d_]\.-?)+[^\W\d_]?\.?|[^\W\d_]")


# `Jansen, P. (Piet)`, as a mail program writes a colleague: the name they go by in brackets
# after their initials. Read as the first name only where it begins with the first initial
# and is no word for a role: `(projectleider)` beside `Jansen, P.` stays a remark.
_CALLED = re.compile(r",\s*((?:[^\W\d_]\.\s*-?)+)\s*\(\s*([^\W\d_][^\W\d_'’-]+)\s*\)")


_ROLE_ENDINGS = re.compile(
    r"(?:leider|eigenaar|beheerder|vervanger|adviseur|medewerker|manager|hoofd|coordinator"
    r"|owner|lead|officer|stagiair|intern|secretaris|voorzitter|woordvoerder|redacteur)$"
)


def with_first_name(text: str) -> str:
    """`Jansen, P. (Piet)` → `Jansen, Piet`: the bracket names the person, not a role."""

    def given(match: re.Match) -> str:
        initials, name = match.groups()
        word = letters(name)
        if (
            word[:1] == letters(initials)[:1]
            and name[:1].isupper()
            and not _ROLE_ENDINGS.search(word)
        ):
            return f", {name}"
        return match[0]

    return _CALLED.sub(given, text)


# Kept per text: a register's few hundred names are compared tens of thousands of times over
# a run (every check, pack and list that names people).
@lru_cache(maxsize=1 << 16)
def letters(value: str) -> str:
    """A name's letters alone, folded, accents off: `Müller` and `muller` are one name."""
    decomposed = unicodedata.normalize("NFKD", value.casefold())
    return "".join(c for c in decomposed if c.isalpha() and not unicodedata.combining(c))


@dataclass(frozen=True)
class Name:
    """One way of writing a person: first name (or ""), its initial, surname with its prefixes
    (letters only), or a single word that may be either (`alone`)."""

    given: str = ""
    initial: str = ""
    surname: str = ""
    alone: str = ""
    # An address's one word (`jjansen@`, `sport@`) says too little to find a name in text.
    address_word: bool = False


@dataclass
class Person:
    """A person as one mention gives them: the ways of writing them and their addresses."""

    text: str
    names: list[Name] = field(default_factory=list)
    emails: set[str] = field(default_factory=set)

    def is_same(self, other: Person) -> bool:
        if self.emails & other.emails:
            return True
        return any(_same(a, b) for a in self.names for b in other.names)

    def merge(self, other: Person) -> None:
        self.names += [n for n in other.names if n not in self.names]
        self.emails |= other.emails

    @property
    def name_text(self) -> str:
        """The mention without its addresses: what to test for a team or placeholder."""
        return " ".join(EMAIL.sub(" ", self.text).split())


def _same(a: Name, b: Name) -> bool:
    if a.alone or b.alone:
        word, other = (a.alone, b) if a.alone else (b.alone, a)
        if other.alone:
            return word == other.alone
        # `jjansen@` or `janjansen@` for Jan Jansen; `Piet` or `Pietersen` for Piet Pietersen.
        return word in {
            other.given,
            other.surname,
            other.initial + other.surname,
            other.given + other.surname,
        } - {""}
    if a.surname != b.surname:
        return False
    if not a.initial or not b.initial:
        return True
    if a.initial != b.initial:
        return False
    return not a.given or not b.given or a.given == b.given


def read_person(text: str) -> Person | None:
    """One mention of a person; None when it holds no letters at all."""
    text = with_first_name(" ".join(text.split()))
    emails = {e.casefold() for e in EMAIL.findall(text)}
    rest = " ".join(EMAIL.sub(" ", text).split()).strip(" ,.:-")
    rest = _INITIAL_AGAINST.sub(r"\1. ", rest)
    names = [n for n in (_read_name(rest), *(_email_name(e) for e in emails)) if n]
    if not names and not emails:
        return None
    return Person(text, names, emails)


def _words(text: str) -> list[str]:
    words = [w for w in re.split(r"[\s]+", text) if letters(w)]
    while len(words) > 1 and letters(words[0]) in TITLES:
        words = words[1:]
    return words


def _is_initials(word: str) -> bool:
    return bool(_INITIALS.fullmatch(word)) and ("." in word or len(word) == 1)


@lru_cache(maxsize=1 << 14)  # a Name is frozen: one reading may be shared
def _read_name(text: str) -> Name | None:
    if "," in text:
        surname, _, given = text.partition(",")
        return _surname_first(_words(surname), _words(given))
    words = _words(text)
    if not words:
        return None
    if len(words) == 1:
        return Name(alone=letters(words[0]))
    if _is_initials(words[-1]) and not _is_initials(words[0]):  # `Jansen J.`
        return _surname_first(words[:-1], words[-1:])
    given, rest = words[0], words[1:]
    surname = _surname(rest)
    return _name(given, surname)


def _surname(words: list[str]) -> str:
    """The last word with the prefixes before it: `Peter van der Berg` → `vanderberg`."""
    kept = [words[-1]]
    for word in reversed(words[:-1]):
        if not _before_surname(word):
            break
        kept.insert(0, word)
    return letters("".join(kept))


def _surname_first(surname: list[str], given: list[str]) -> Name | None:
    """`Jansen, Jan`; `Vries, Anna de` (the prefixes after the first name belong to the
    surname); `Jansen, J.P.`."""
    if not surname:
        return None
    if not given:
        return (
            Name(alone=letters("".join(surname)))
            if len(surname) == 1
            else _read_name(" ".join(surname))
        )
    prefixes = [w for w in given[1:] if letters(w) in SURNAME_PREFIXES]
    return _name(given[0], letters("".join(prefixes + surname)))


def _name(given: str, surname: str) -> Name:
    first = letters(given)
    if _is_initials(given):
        return Name(initial=first[:1], surname=surname)
    # `Jan-Willem` is written `Jan Willem` too, whose first name reads as `Jan`.
    return Name(given=letters(given.split("-")[0]) or first, initial=first[:1], surname=surname)


def _email_name(address: str) -> Name | None:
    """`jan.jansen@` → Jan Jansen; `j.jansen@` → J. Jansen; `a.devries@` → A. de Vries;
    `jjansen@` → one word, matched whole against a person's initial, first name and surname."""
    local = address.split("@", 1)[0]
    parts = [letters(p) for p in re.split(r"[._-]+", local) if letters(p)]
    if not parts:
        return None
    if len(parts) == 1:
        return Name(alone=parts[0], address_word=True)
    first, rest = parts[0], "".join(parts[1:])
    if len(first) == 1:
        return Name(initial=first, surname=rest)
    return Name(given=first, initial=first[:1], surname=rest)


def split_mentions(text: str, known: Iterable[Person] = ()) -> list[str]:
    """The mentions of people in a cell that lists them, each as written (roles in brackets
    dropped, an address in brackets kept with its name)."""
    text = with_first_name(text)
    if not letters(_BRACKETS.sub(" ", text)):  # `2 (Jan Jansen, Piet Pietersen)`: the names
        text = " ; ".join(g for m in _BRACKETS.finditer(text) for g in m.groups() if g)
    text = _INITIAL_AGAINST.sub(r"\1. ", _BRACKETS.sub(_bracketed, text))
    for pattern, written in _ABBREVIATED:
        text = pattern.sub(written, text)
    known = list(known)
    mentions: list[str] = []
    for segment in (d for s in _STRONG.split(text) for d in _at_dashes(s)):
        for piece in _split_at_addresses(segment):
            mentions += _join_surname_first([p.strip() for p in piece.split(",")], known)
    return [m for m in (" ".join(m.split()) for m in mentions) if letters(m)]


_DASH = re.compile(r"\s[-–—]\s")


def _at_dashes(segment: str) -> list[str]:
    """`Jan Jansen - Piet Pietersen` is two; `Jan Jansen - jan@zeist.nl` one, with its address."""
    parts = _DASH.split(segment)
    out = [parts[0]]
    for part in parts[1:]:
        if EMAIL.fullmatch(part.strip()):
            out[-1] += " " + part
        else:
            out.append(part)
    return out


def _bracketed(match: re.Match) -> str:
    """`(jan@zeist.nl)` stays with its name; `(eigenaar)`, `(tot 1 maart)` go."""
    inside = next(g for g in match.groups() if g is not None)
    return " " + " ".join(EMAIL.findall(inside)) + " "


def _split_at_addresses(segment: str) -> list[str]:
    """`Jan Jansen jan@zeist.nl Piet p@zeist.nl` (brackets gone): a person ends at their address."""
    if len(EMAIL.findall(segment)) < 2:
        return [segment]
    pieces, start = [], 0
    for found in EMAIL.finditer(segment):
        pieces.append(segment[start : found.end()])
        start = found.end()
    pieces.append(segment[start:])
    return [p for p in pieces if p.strip(" ,")]


def _join_surname_first(parts: list[str], known: list[Person]) -> list[str]:
    parts = [p for p in parts if p]
    out: list[str] = []
    i = 0
    while i < len(parts):
        if i + 1 < len(parts) and _surname_first_pair(parts[i], parts[i + 1], known):
            out.append(f"{parts[i]}, {parts[i + 1]}")
            i += 2
        else:
            out.append(parts[i])
            i += 1
    return out


def _surname_first_pair(left: str, right: str, known: list[Person]) -> bool:
    if "@" in left or "@" in right:
        return False
    joined = read_person(f"{left}, {right}")
    if joined is not None and any(joined.is_same(k) for k in known if _full(k)):
        return True
    one, two = read_person(left), read_person(right)
    if one and two and any(one.is_same(k) for k in known) and any(two.is_same(k) for k in known):
        return False
    return _surname_shaped(left) and _given_shaped(right)


def _full(person: Person) -> bool:
    """A known person written with first name (or initial) and surname."""
    return any(n.surname and n.initial for n in person.names)


def _surname_shaped(part: str) -> bool:
    words = _words(part)
    return (
        bool(words) and not _is_initials(words[-1]) and all(_before_surname(w) for w in words[:-1])
    )


def _before_surname(word: str) -> bool:
    """A prefix (`van`, `de`), or the first half of a double surname whose second half has one
    (`Bakker-de` of `Bakker-de Wit`)."""
    if letters(word) in SURNAME_PREFIXES:
        return True
    first, dash, prefix = word.rpartition("-")
    return bool(dash and letters(first) and letters(prefix) in SURNAME_PREFIXES)


def _given_shaped(part: str) -> bool:
    words = _words(part)
    return bool(words) and all(letters(w) in SURNAME_PREFIXES for w in words[1:])


def distinct(people: Iterable[Person]) -> list[Person]:
    """The people among mentions, each once: a mention of someone already met joins them."""
    found: list[Person] = []
    for person in people:
        same = next((p for p in found if p.is_same(person)), None)
        if same is None:
            found.append(Person(person.text, list(person.names), set(person.emails)))
        else:
            same.merge(person)
    return found


def mentioned(text: str | None, known: Iterable[Person] = ()) -> list[Person]:
    """Everyone a cell that lists people names, in the order written."""
    if not text:
        return []
    return [p for m in split_mentions(text, known) if (p := read_person(m))]


def staff_key(key: str) -> str:
    """A name as the staff list is matched on it (given a folded, single-spaced `key`), written
    first name first: `vries, anna de` (as an HR list writes it) is `anna de vries`, the `Anna
    de Vries` of the other side; a surname-first name was "not in the staff list" that holds
    her."""
    surname, comma, given = key.partition(",")
    if not comma or "," in given or "@" in key or len(mentioned(key)) != 1:
        return key
    given_words = given.split()
    if not given_words or not surname.strip():
        return key
    # The prefixes written after the first name belong to the surname (`Vries, Anna de`).
    prefixes = [w for w in given_words[1:] if letters(w) in SURNAME_PREFIXES]
    first = [w for w in given_words if w not in prefixes]
    return " ".join([*first, *prefixes, *surname.split()])


def initial_key(text: str, initial_only: bool) -> str:
    """`a|devries` for `A. de Vries` (and, of the staff, for `Anna de Vries`); "" when the
    name gives no initial and surname, or (`initial_only`) gives the first name in full."""
    person = read_person(text)
    name = person.names[0] if person is not None and person.names else None
    if name is None or not name.initial or not name.surname or (initial_only and name.given):
        return ""
    return f"{name.initial}|{name.surname}"


def several_people(text: str | None) -> list[Person]:
    """The people a cell names when it names two or more, each written out whole (`Jan
    Jansen / Piet Smit`); none for a cell of one person, or of names too short to tell who
    (`Jan en Piet`): such a cell is read as written."""
    listed = mentioned(text)
    if len(listed) < 2 or any(len(p.name_text.split()) < 2 for p in listed):
        return []
    return listed


# A telephone number: nine to fifteen digits, with the spaces, dashes, dots and brackets people
# type (`06-12345678`, `+31 (0)30 123 45 67`); a date or a year has fewer.
_PHONE = re.compile(r"(?<![\w])(?:\+|00)?\(?\d[\d\s().-]{7,}\d(?![\w])")


def has_contact_details(text: str) -> bool:
    """Whether text holds an e-mail address or a telephone number."""
    if EMAIL.search(text):
        return True
    return any(9 <= len(re.sub(r"\D", "", m)) <= 15 for m in _PHONE.findall(text))


class KnownPeople:
    """Everyone a register names, arranged to find them in text: by surname, and by the
    words that name them alone (a first name, a surname, `jjansen`). Built once for a register;
    every display name is then looked up in it."""

    def __init__(self, people: Iterable[Person]):
        self.people = list(people)
        self.by_surname: dict[str, list[Name]] = {}
        self.words: set[str] = set()
        self.addresses: set[str] = set()  # an address's one word: `jjansen`
        for name in (n for p in self.people for n in p.names):
            if name.address_word:
                self.addresses.add(name.alone)
            elif name.alone:
                self.words.add(name.alone)
            else:
                self.by_surname.setdefault(name.surname, []).append(name)
                self.words |= {
                    name.given,
                    name.surname,
                    name.initial + name.surname,
                    name.given + name.surname,
                } - {""}

    def __iter__(self):
        return iter(self.people)

    def __len__(self) -> int:
        return len(self.people)

    def written_out(self, name: Name) -> bool:
        """Whether a name with a surname is someone's, or the one word of their address."""
        if any(_same(name, k) for k in self.by_surname.get(name.surname, [])):
            return True
        return bool({name.initial + name.surname, name.given + name.surname} & self.addresses)


def names_someone(text: str, known: Iterable[Person]) -> bool:
    """Whether text (a display name, a department) names one of the people known, in any way
    they are written (`Jan Jansen`, `Jansen, Jan`, `J. Jansen`, the name in their address), or
    holds an address or telephone number. A single word counts when it is someone's first name
    or surname; in longer text, a first name or initial and surname next to each other."""
    if has_contact_details(text):
        return True
    people = known if isinstance(known, KnownPeople) else KnownPeople(known)
    text = _BRACKETS.sub(" ", _INITIAL_AGAINST.sub(r"\1. ", text))
    words = _words(text.replace(",", " "))
    if not words:
        return False
    if len(words) == 1:
        return letters(words[0]) in people.words
    if "," in text:
        # Surname first, with words before it: `Wethouder Berg, J. van der`.
        left, _, right = text.partition(",")
        before, after = _words(left), _words(right)
        for size in range(1, min(len(before), 4) + 1):
            found = _surname_first(before[-size:], after)
            if found and not found.alone and people.written_out(found):
                return True
    for size in (2, 3, 4):
        for start in range(len(words) - size + 1):
            window = _read_name(" ".join(words[start : start + size]))
            if window is not None and not window.alone and people.written_out(window):
                return True
    return False


def one_way_each(written: Iterable[tuple[str, str | None]]) -> dict[str, str]:
    """The one way to show each person among names as written (with an address when known):
    `de Wit, Sanne`, `Wit, Sanne de` and `Sanne de Wit` are one person; `s.dewit@zeist.nl`
    alone is the person whose name is given with that address. Only what cannot be someone
    else joins: `S. de Wit` stays as written beside `Sanne de Wit` (it may be Sven); two names
    that differ stay two people though they share an address (a team mailbox, a copied cell);
    a single word or a cell naming several people stays as written. The form shown is the most
    written one, else the written-out one (first name first, no address). Linear in the names:
    they are compared only within a surname or an address."""
    counts: dict[str, int] = {}
    addresses: dict[str, set[str]] = {}
    for name, email in written:
        counts[name] = counts.get(name, 0) + 1
        if email:
            addresses.setdefault(name, set()).add(email.casefold())
    joined = {name: name for name in counts}

    def root(name: str) -> str:
        while joined[name] != name:
            joined[name] = joined[joined[name]]
            name = joined[name]
        return name

    def join(a: str, b: str) -> None:
        joined[root(a)] = root(b)

    # The names as written, without what an address says: an address tells whose it is only
    # where no name is written beside it.
    forms: dict[str, list[Name]] = {}
    by_surname: dict[str, list[tuple[str, Name]]] = {}
    by_address: dict[str, list[str]] = {}
    alone: dict[str, set[str]] = {}  # an address written without a name
    for name in counts:
        people = mentioned(name)
        if len(people) != 1:
            continue
        person = read_person(EMAIL.sub(" ", people[0].text))
        forms[name] = [n for n in (person.names if person else []) if n.surname]
        for form in set(forms[name]):
            by_surname.setdefault(form.surname, []).append((name, form))
        emails = people[0].emails | addresses.get(name, set())
        for address in emails:
            by_address.setdefault(address, []).append(name)
        if not forms[name] and emails:
            alone[name] = emails
    for same_surname in by_surname.values():
        first_seen: dict[str, str] = {}
        for name, form in same_surname:
            key = form.given or (f"{form.initial}." if form.initial else "")
            if key:
                join(name, first_seen.setdefault(key, name))
    for names in by_address.values():
        named = [n for n in names if forms[n]]
        for a, b in itertools.combinations(named, 2):
            if any(_same(x, y) for x in forms[a] for y in forms[b]):
                join(a, b)
        if len({root(n) for n in named}) <= 1:
            for bare in (n for n in names if not forms[n]):
                join(bare, names[0] if not named else named[0])
    # `anna.devries@…` alone, an address no row gives beside a name, where `Anna de Vries` is
    # written: an address that spells out a first name and a surname is that person's, when
    # the names written hold one person with both.
    for name, emails in alone.items():
        if any(by_address[address] != [name] for address in emails):
            continue
        spelled = [n for n in map(_email_name, emails) if n and len(n.given) > 1 and n.surname]
        matches = {
            root(other)
            for form in spelled
            for other, written in by_surname.get(form.surname, [])
            if written.given == form.given
        }
        if len(matches) == 1:
            join(name, matches.pop())
    clusters: dict[str, list[str]] = {}
    for name in counts:
        clusters.setdefault(root(name), []).append(name)
    shown: dict[str, str] = {}
    for names in clusters.values():
        best = max(names, key=lambda n: (counts[n], "@" not in n, "," not in n, len(n), n))
        shown.update(dict.fromkeys(names, best))
    return shown
