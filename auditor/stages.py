"""The stages of a run, timed: progress on stderr for a person at a terminal, and the figures
for `--timings` and the benchmark. Nothing is shown when stderr is not a terminal.

At a terminal a stage is a live line (rich): a spinner, its words, the seconds so far and,
when it knows how much work it has (pages, workbooks), a bar with the count done. When the
stage ends the live line goes; a stage that took longer than `SHOW_AFTER` leaves a line with
its seconds, so the screen keeps where the time went.

A stage's name is its key in `--timings` (stable, whatever the language); the words a terminal
shows are the catalogue entry `cli.stage.<name>` in the language set with `speaking()`."""

from __future__ import annotations

import gc
import re
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from auditor.messages import DEFAULT_LANG, has, text

# Stages shorter than this leave no line behind; longer ones say how long they took.
SHOW_AFTER = 1.0

_times: ContextVar[dict[str, float] | None] = ContextVar("stage_times", default=None)
_lang: ContextVar[str] = ContextVar("stage_lang", default=DEFAULT_LANG)
_live: ContextVar[bool] = ContextVar("stage_live", default=False)
_settling: ContextVar[bool] = ContextVar("stage_settling", default=False)


class Step:
    """What a stage's code tells the display: `advance()` after each unit of known work."""

    def __init__(self, progress: Any = None, task: Any = None):
        self._progress, self._task = progress, task

    def expect(self, total: int) -> None:
        """The stage has learnt how many units of work it has."""
        if self._progress is not None:
            self._progress.update(self._task, total=total)

    def advance(self, units: int = 1) -> None:
        if self._progress is not None:
            self._progress.advance(self._task, units)


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
def settling() -> Iterator[None]:
    """A whole run: what is alive when a stage begins (the register, the activity, the
    findings) stays until the run ends, so it is frozen for the cyclic collector, which then
    walks only what the stage makes. Its passes over all of it grew with the audit, and came
    at whatever moment a stage had made enough objects: a stage could take twice as long for
    a little more work. All is given back to the collector at the end (of the outermost
    too: within a run, the next stage freezes again)."""
    token = _settling.set(True)
    try:
        yield
    finally:
        _settling.reset(token)
        gc.unfreeze()


@contextmanager
def stage(name: str, total: int | None = None) -> Iterator[Step]:
    """One stage: shown live at a terminal, and its seconds added to the enclosing `timed()`.
    `total` is the number of units it will `advance()` through, when it knows."""
    lang = _lang.get()
    if _settling.get():
        gc.freeze()
    # A stage inside another is part of the outer one's line.
    show = sys.stderr.isatty() and not _live.get()
    start = time.perf_counter()
    token = _live.set(True) if show else None
    try:
        if show:
            with _display(_announce(name, lang), total) as step:
                yield step
        else:
            yield Step()
    finally:
        if token is not None:
            _live.reset(token)
        seconds = time.perf_counter() - start
        times = _times.get()
        if times is not None:
            times[name] = times.get(name, 0.0) + seconds
        if show and seconds >= SHOW_AFTER:
            tail = text("cli.stage.seconds", lang, seconds=seconds)
            print(f"… {_announce(name, lang)} {tail}", file=sys.stderr, flush=True)


@contextmanager
def _display(words: str, total: int | None) -> Iterator[Step]:
    # rich is only imported at a terminal: a run in a script or a test never pays for it.
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        SpinnerColumn,
        TextColumn,
        TimeElapsedColumn,
    )
    from rich.text import Text

    class Count(MofNCompleteColumn):
        # "3/41" once the amount of work is known (`total` or `Step.expect`), else nothing.
        def render(self, task):
            return super().render(task) if task.total is not None else Text("")

    columns = [SpinnerColumn(), TextColumn("{task.description}"), BarColumn(), Count()]
    columns.append(TimeElapsedColumn())
    console = Console(file=sys.stderr, highlight=False)
    with Progress(*columns, console=console, transient=True) as progress:
        yield Step(progress, progress.add_task(words, total=total or None))
