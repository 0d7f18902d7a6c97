"""The stages of a run, timed: progress on stderr for a person at a terminal, and the figures
for `--timings` and the benchmark. Nothing is shown when stderr is not a terminal.

A stage's name is its key in `--timings` (stable, whatever the language); the words a terminal
shows are the catalogue entry `cli.stage.<name>` in the language set with `speaking()`."""

from __future__ import annotations

import re
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from auditor.messages import DEFAULT_LANG, has, text

# Stages shorter than this pass without a word; longer ones say how long they took.
SHOW_AFTER = 1.0

_times: ContextVar[dict[str, float] | None] = ContextVar("stage_times", default=None)
_lang: ContextVar[str] = ContextVar("stage_lang", default=DEFAULT_LANG)


@contextmanager
def timed() -> Iterator[dict[str, float]]:
    """Collects the seconds of every stage run inside, by name, in order."""
    times: dict[str, float] = {}
    token = _times.set(times)
    try:
        yield times
    finally:
        _times.reset(token)


@contextmanager
def speaking(lang: str) -> Iterator[None]:
    """Stages run inside are announced in `lang`."""
    token = _lang.set(lang)
    try:
        yield
    finally:
        _lang.reset(token)


def stage_key(name: str) -> str:
    """The catalogue entry of a stage: `cli.stage.reading_the_register` for `reading the
    register`."""
    return "cli.stage." + re.sub(r"[^a-z0-9]+", "_", name.lower()).strip("_")


def _announce(name: str, lang: str) -> str:
    # A stage without an entry is shown by its name: progress never stops a run.
    key = stage_key(name)
    return text(key, lang) if has(key, lang) else name


@contextmanager
def stage(name: str) -> Iterator[None]:
    """One stage: announced at a terminal, and its seconds added to the enclosing `timed()`."""
    show = sys.stderr.isatty()
    lang = _lang.get()
    if show:
        print(f"… {_announce(name, lang)}", end="", file=sys.stderr, flush=True)
    start = time.perf_counter()
    try:
        yield
    finally:
        seconds = time.perf_counter() - start
        times = _times.get()
        if times is not None:
            times[name] = times.get(name, 0.0) + seconds
        if show:
            tail = " " + text("cli.stage.seconds", lang, seconds=seconds)
            print(tail if seconds >= SHOW_AFTER else "", file=sys.stderr, flush=True)
