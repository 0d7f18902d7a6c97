"""Work handed to a second thread only where it pays.

Arrow, numpy and hashlib let go of the interpreter on large arrays, so a large export's
columns, line count and digest are worked out on the second core. On a small file the
thread costs more than the work it would overlap, and a folder of exports is often hundreds
of small files (one a month per account): there the work is done in turn, in this thread.
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import Executor, Future, ThreadPoolExecutor
from typing import Any

# Below these sizes work is done in turn (a canonical export row is about 80 bytes).
WORTH_A_THREAD_BYTES = 8 << 20
WORTH_A_THREAD_ROWS = 100_000


class InTurn(Executor):
    """An executor that does each task as it is handed in: the same `Future`s and errors as a
    thread pool's, without a thread."""

    def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Future:
        future: Future = Future()
        try:
            future.set_result(fn(*args, **kwargs))
        except BaseException as exc:  # raised by `result()`, as a pool's future would
            future.set_exception(exc)
        return future


def helpers(worth_it: bool, workers: int = 1) -> Executor:
    """A pool of `workers` threads when the work is worth it, else work in turn."""
    return ThreadPoolExecutor(max_workers=workers) if worth_it else InTurn()


def in_parallel(tasks: dict[str, Callable[[], Any]], rows: int) -> dict[str, Any]:
    """Independent conversions of columns of `rows` rows, on two threads when there are
    enough rows to pay for them; errors come back as if the tasks had run in turn."""
    with helpers(rows >= WORTH_A_THREAD_ROWS, workers=2) as pool:
        futures = {name: pool.submit(task) for name, task in tasks.items()}
        return {name: future.result() for name, future in futures.items()}
