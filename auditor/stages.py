"""The stages of a run, timed: progress on stderr for a person at a terminal, and the figures
for `--timings` and the benchmark. Nothing is shown when stderr is not a terminal."""

from __future__ import annotations

import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

# Stages shorter than this pass without a word; longer ones say how long they took.
SHOW_AFTER = 1.0

_times: ContextVar[dict[str, float] | None] = ContextVar("stage_times", default=None)


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
def stage(name: str) -> Iterator[None]:
    """One stage: announced at a terminal, and its seconds added to the enclosing `timed()`."""
    show = sys.stderr.isatty()
    if show:
        print(f"… {name}", end="", file=sys.stderr, flush=True)
    start = time.perf_counter()
    try:
        yield
    finally:
        seconds = time.perf_counter() - start
        times = _times.get()
        if times is not None:
            times[name] = times.get(name, 0.0) + seconds
        if show:
            tail = f" ({seconds:.1f} s)" if seconds >= SHOW_AFTER else ""
            print(tail, file=sys.stderr, flush=True)
