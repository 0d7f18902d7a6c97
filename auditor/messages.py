"""Words at the edge: a message is a key with typed values, rendered per language from one
catalogue.

Every sentence the auditor prints — check findings and metadata, report furniture, input
problems, the CLI — is an entry of `auditor/locale/<language>/*.toml`. A check yields
`Message("OWN002.no_substitute", ...)` with the values it measured (numbers, dates, accounts,
people); the report, the CLI or `explain` renders it in the chosen language. Adding a language
is adding a folder of catalogue files: the languages are the folders found.

An entry is a `str.format` template. Values are formatted by Babel in the language's locale:
numbers with its separators (`{hours}` is `25,5` in Dutch; `{hours:2}` keeps two decimals,
`{share:%}` is a percentage, `{row:d}` a row number, `{rate:r}` a rate), dates in the
catalogue's `format.date` pattern, lists joined with `format.list_separator`, accounts and
people by their name, and a nested message rendered in the same language. An entry written
as a table of plural forms (`one`, `other`, ...) is chosen by Babel's plural rule for the
language on the value `count`.
"""

from __future__ import annotations

import datetime as dt
import math
import string
import tomllib
from collections.abc import Mapping
from functools import cache, lru_cache
from importlib import resources
from typing import Annotated, Any, Literal

from babel import Locale
from babel.dates import format_date
from babel.numbers import NumberPattern, parse_pattern
from pydantic import BaseModel, BeforeValidator, ConfigDict, PlainSerializer, model_serializer

DEFAULT_LANG = "nl"
# The key of a sentence kept as the text an older version wrote, one per language.
STORED_TEXT = "history.stored_text"
# The value a sentence names the communications department by
# (`[organisation] communications_department`).
TEAM = "team"
# The value a sentence names the customer contact centre by (`[organisation] kcc`).
KCC = "kcc"


class AccountRef(BaseModel):
    """An account a message or evidence refers to, with the department it belongs to: what a
    department's pack may show is decided on this, before any sentence exists."""

    model_config = ConfigDict(frozen=True)
    account_id: str
    department: str | None = None

    @model_serializer
    def _as_id(self) -> str:
        return self.account_id


class PersonRef(BaseModel):
    """A person (owner, substitute, colleague) a message or evidence refers to."""

    model_config = ConfigDict(frozen=True)
    name: str
    department: str | None = None

    @model_serializer
    def _as_name(self) -> str:
        return self.name


class Hidden(BaseModel):
    """What stands where a department's pack meets another department's account or person."""

    model_config = ConfigDict(frozen=True)
    kind: Literal["account", "person"] = "account"

    @model_serializer
    def _as_null(self) -> None:
        return None


class Message(BaseModel):
    """A sentence as data: its catalogue key and the typed values it is made from."""

    model_config = ConfigDict(frozen=True, arbitrary_types_allowed=True)
    key: str
    params: dict[str, Any] = {}

    def __init__(self, key: str, /, **params: Any) -> None:
        super().__init__(key=key, params=params)

    def __call__(self, lang: str) -> str:
        return render(self, lang)

    def map(self, func) -> Message:
        """The same message with `func` applied to every value, nested ones included."""
        params = {k: map_values(v, func) for k, v in self.params.items()}
        # A department's pack maps every finding's messages and most come back unchanged: the
        # message itself then serves (it is frozen), with no copy made.
        if all(params[k] is v for k, v in self.params.items()):
            return self
        # Built without validation: the values were validated when the message was made.
        return Message.model_construct(key=self.key, params=params)

    def params_json(self) -> dict[str, Any]:
        """The values as findings.json gives them: dates in ISO, accounts by id, people by name."""
        return {k: to_json(v) for k, v in self.params.items()}

    def to_store(self) -> dict[str, Any]:
        """A lossless JSON form, so a stored message renders again in any language."""
        return {"key": self.key, "params": {k: _tag(v) for k, v in self.params.items()}}

    @classmethod
    def from_store(cls, data: Mapping[str, Any]) -> Message:
        return cls(data["key"], **{k: _untag(v) for k, v in data.get("params", {}).items()})


def map_values(value: Any, func) -> Any:
    if isinstance(value, Message):
        return value.map(func)
    if isinstance(value, list | tuple):
        mapped = [map_values(v, func) for v in value]
        same = isinstance(value, list) and all(m is v for m, v in zip(mapped, value, strict=True))
        return value if same else mapped
    if isinstance(value, dict):
        mapped_dict = {k: map_values(v, func) for k, v in value.items()}
        return value if all(mapped_dict[k] is v for k, v in value.items()) else mapped_dict
    return func(value)


def to_json(value: Any) -> Any:
    if isinstance(value, Message):
        return {"key": value.key, "params": value.params_json()}
    if isinstance(value, AccountRef | PersonRef | Hidden):
        return value.model_dump()
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return [to_json(v) for v in value]
    if isinstance(value, dict):
        return {k: to_json(v) for k, v in value.items()}
    return value


_TAGS = {"message": Message, "account": AccountRef, "person": PersonRef, "hidden": Hidden}


def _tag(value: Any) -> Any:
    if isinstance(value, Message):
        return {"$message": value.to_store()}
    if isinstance(value, AccountRef):
        return {"$account": {"account_id": value.account_id, "department": value.department}}
    if isinstance(value, PersonRef):
        return {"$person": {"name": value.name, "department": value.department}}
    if isinstance(value, Hidden):
        return {"$hidden": {"kind": value.kind}}
    if isinstance(value, dt.datetime):
        return {"$datetime": value.isoformat()}
    if isinstance(value, dt.date):
        return {"$date": value.isoformat()}
    if isinstance(value, list | tuple):
        return [_tag(v) for v in value]
    return value


def _untag(value: Any) -> Any:
    if isinstance(value, list):
        return [_untag(v) for v in value]
    if isinstance(value, dict) and len(value) == 1:
        ((tag, data),) = value.items()
        if tag == "$message":
            return Message.from_store(data)
        if tag == "$date":
            return dt.date.fromisoformat(data)
        if tag == "$datetime":
            return dt.datetime.fromisoformat(data)
        if tag.startswith("$") and tag[1:] in _TAGS:
            return _TAGS[tag[1:]](**data)
    return value


def _read_stored(value: Any) -> Any:
    if isinstance(value, dict) and "key" not in value and {"nl", "en"} <= value.keys():
        # The bilingual text a message was before it was data (histories of older versions).
        return Message(STORED_TEXT, nl=value["nl"], en=value["en"])
    return Message.from_store(value) if isinstance(value, dict) else value


# A Message field of a model that is written out and read back (the history's models): dumped
# in the lossless stored form, so its typed values survive JSON and `model_dump`.
StoredMessage = Annotated[
    Message, BeforeValidator(_read_stored), PlainSerializer(lambda m: m.to_store())
]


# --- the catalogue -------------------------------------------------------------------------


class UnknownKey(KeyError):
    """A key no catalogue of the language holds: a programming error, never a blank."""


@cache
def languages() -> tuple[str, ...]:
    """The report languages: one folder of catalogue files each."""
    root = resources.files("auditor.locale")
    return tuple(sorted(p.name for p in root.iterdir() if p.is_dir() and p.name.isalpha()))


@cache
def catalogue(lang: str) -> dict[str, Any]:
    """Every entry of one language, keyed `section.entry`; a key in two files is an error."""
    if lang not in languages():
        raise ValueError(f"no catalogue for language {lang!r}; have {', '.join(languages())}")
    entries: dict[str, Any] = {}
    for file in sorted(_toml_files(resources.files("auditor.locale").joinpath(lang))):
        for key, value in _flatten(tomllib.loads(file.read_text(encoding="utf-8"))):
            if key in entries:
                raise ValueError(f"catalogue {lang}: key {key!r} in two files ({file.name})")
            entries[key] = value
    return entries


def _toml_files(folder) -> list:
    found = []
    for entry in folder.iterdir():
        if entry.is_dir():
            found.extend(_toml_files(entry))
        elif entry.name.endswith(".toml"):
            found.append(entry)
    return found


_PLURAL_FORMS = {"zero", "one", "two", "few", "many", "other"}


def _flatten(table: Mapping[str, Any], prefix: str = ""):
    for key, value in table.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict) and not (value and set(value) <= _PLURAL_FORMS):
            yield from _flatten(value, name + ".")
        else:
            yield name, value


def has(key: str, lang: str = DEFAULT_LANG) -> bool:
    return key in catalogue(lang)


def text(key: str, lang: str, **params: Any) -> str:
    """One entry rendered: `text("report.period", "nl")`. (A report asks for hundreds of
    thousands of words: they are rendered without first becoming a Message.)"""
    return _render(key, params, lang)


def render(message: Message, lang: str) -> str:
    return _render(message.key, message.params, lang)


def _render(key: str, params: dict[str, Any], lang: str) -> str:
    entry = catalogue(lang).get(key)
    if entry is None:
        raise UnknownKey(f"{key} (language {lang})")
    if isinstance(entry, dict):
        count = params.get("count")
        form = _plural(lang)(abs(count) if count is not None else 0)
        entry = entry.get(form, entry["other"])
    if TEAM not in params and "{team}" in entry:
        # A sentence that names the communications department, made without it: a message
        # stored by an older version, a check's title looked up by words. It names the
        # default department, as the settings do when they name none.
        params = {**params, TEAM: catalogue(lang)["common.communications_department"]}
    if KCC not in params and "{kcc}" in entry:
        # Likewise the customer contact centre (OWN006), named as the settings name it.
        params = {**params, KCC: catalogue(lang)["common.kcc"]}
    if not params:
        return entry
    parts = []
    for literal, name, spec in _template(entry):
        parts.append(literal)
        if name is not None:
            parts.append(show(params[name], lang, spec))
    return "".join(parts)


@cache
def _template(entry: str) -> tuple[tuple[str, str | None, str], ...]:
    # Parsed once per entry: a report renders the same few hundred entries hundreds of
    # thousands of times. Entries name plain fields (`{hours:2}`), never `{a.b}` or `{a[0]}`.
    return tuple(
        (literal, name, spec or "") for literal, name, spec, _ in string.Formatter().parse(entry)
    )


@cache
def _plural(lang: str):
    return Locale.parse(lang).plural_form


def show(value: Any, lang: str, spec: str = "") -> str:
    """One value as the language writes it."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    if isinstance(value, Message):
        return render(value, lang)
    if isinstance(value, Hidden):
        return text("common.other_department", lang)
    if isinstance(value, AccountRef):
        return value.account_id
    if isinstance(value, PersonRef):
        return value.name
    if isinstance(value, bool):
        return text("common.yes" if value else "common.no", lang)
    if isinstance(value, int | float):
        return number(value, lang, spec)
    if isinstance(value, dt.datetime | dt.date):
        day = value.date() if isinstance(value, dt.datetime) else value
        return format_date(day, catalogue(lang)["format.date"], locale=lang)
    if isinstance(value, list | tuple):
        separator = catalogue(lang)["format.list_separator"]
        return separator.join(show(v, lang, spec) for v in value)
    return format(value, spec) if spec else str(value)


def number(value: float, lang: str, spec: str = "") -> str:
    """`spec`: empty for up to one decimal, a digit for that many, `%` for a percentage of a
    share (0.25 → 25 %), `d` for an ordinal such as a row number (no thousands separator),
    `r` for a rate that may be small (two decimals below one, so 0.15 does not read 0.1)."""
    if spec == "r":
        spec = "2" if 0 < abs(value) < 1 else ""
    if spec == "d":
        return str(int(value))
    if spec == "%":
        return catalogue(lang)["format.percent"].format(number(value * 100, lang, "0"))
    return _decimal(value, lang, spec)


@lru_cache(maxsize=1 << 16)
def _decimal(value: float, lang: str, spec: str) -> str:
    # Reports show the same counts and hours over and over; Babel parses its pattern and
    # locale on every call.
    if spec.isdigit():
        decimals = int(spec)
        pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
    else:
        pattern = "#,##0.#"
    return _pattern(pattern).apply(value, _locale(lang))


@cache
def _pattern(pattern: str) -> NumberPattern:
    return parse_pattern(pattern)


@cache
def _locale(lang: str) -> Locale:
    return Locale.parse(lang)


def platform_name(code: str) -> Message | str:
    """A platform as people write it (X, LinkedIn, TikTok); one the catalogue does not know,
    capitalised as the register names it."""
    key = f"platform.{code}"
    return Message(key) if has(key) else str(code).capitalize()
