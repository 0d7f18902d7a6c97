"""Scale benchmark: activity ingest and per-account metrics against the bare CSV read.

    python bench/bench_activity.py --rows 2000000 --accounts 50

Writes N rows of the canonical activity format for A accounts (posts, inbound messages and
replies naming them), then measures in separate processes, so each has its own peak memory:

- floor: `pyarrow.csv.read_csv` of the same file, the timestamp column parsed as a timestamp;
- metrics alone: the canonical frame built straight from that arrow table, then
  `compute_metrics` — the metrics' own cost, whatever the reader does;
- audit path: `load_activity([file], Config(), accounts)` then `compute_metrics(...)`.

Config, register accounts and the business calendar (its holiday tables) are made before the
clock starts: they cost the same for ten rows as for ten million.

Peak memory is the stage process's own peak resident set (VmHWM on Linux), imports included.
`--profile DIR` writes a cProfile file per stage for `python -m pstats`.
"""

from __future__ import annotations

import argparse
import cProfile
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.data import handles, write_activity  # noqa: E402

GiB = 1024**3


def generate(path: Path, rows: int, accounts: int, seed: int = 2026) -> None:
    """A year of posts, inbound messages and replies of X accounts, with numeric ids."""
    write_activity(
        path, rows, accounts, text_ids=False, start="2026-01-01", days=365, seed=seed,
        platforms=("x",),
    )  # fmt: skip


def register_accounts(accounts: int):
    from auditor.identity import make_account_id
    from auditor.models import Account, AccountType

    return [
        Account(
            account_id=make_account_id(platform, handle),
            platform=platform,
            handle=handle,
            type=AccountType.MAIN if i == 0 else AccountType.SECONDARY,
            source_row=i + 2,
        )
        for i, (platform, handle) in enumerate(handles(accounts, ("x",)))
    ]


def stage_floor(path: Path) -> dict:
    import pyarrow as pa
    import pyarrow.csv as pacsv

    start = time.perf_counter()
    table = pacsv.read_csv(
        path,
        convert_options=pacsv.ConvertOptions(
            column_types={"timestamp": pa.timestamp("s", tz="UTC")}
        ),
    )
    return {"seconds": time.perf_counter() - start, "rows": table.num_rows}


def stage_metrics(path: Path, accounts: int) -> dict:
    """The canonical frame made directly from the arrow table, then the metrics on it."""
    import pandas as pd
    import pyarrow as pa
    import pyarrow.csv as pacsv

    from auditor.activity.calendar import BusinessCalendar
    from auditor.activity.frame import COLUMNS
    from auditor.activity.metrics import compute_metrics
    from auditor.config import Config
    from auditor.period import parse_period

    table = pacsv.read_csv(
        path,
        convert_options=pacsv.ConvertOptions(
            column_types={"timestamp": pa.timestamp("ns", tz="UTC"), "in_reply_to": pa.string()},
            # An empty cell is no value, as the loader reads it: an empty `in_reply_to`
            # would otherwise name a reply target on every post.
            strings_can_be_null=True,
        ),
    )
    frame = table.to_pandas()
    frame["handle"] = frame["account"].str.lstrip("@")
    frame["account_id"] = "x:" + frame["handle"]
    frame["registered"] = True
    frame["conversation_id"] = pd.Series(pd.NA, index=frame.index, dtype="string")
    frame["source"] = str(path)
    frame["source_row"] = np.arange(2, len(frame) + 2)
    frame = frame[list(COLUMNS)].astype(COLUMNS)

    config = Config()
    ids = [a.account_id for a in register_accounts(accounts)]
    calendar = BusinessCalendar.from_config(config)
    start = time.perf_counter()
    metrics = compute_metrics(frame, parse_period("2026-Q3"), calendar, account_ids=ids)
    return {"seconds": time.perf_counter() - start, "rows": len(frame), "accounts": len(metrics)}


def stage_audit(path: Path, accounts: int) -> dict:
    from auditor.activity.calendar import BusinessCalendar
    from auditor.activity.load import load_activity
    from auditor.activity.metrics import compute_metrics
    from auditor.config import Config
    from auditor.period import parse_period

    config = Config()
    register = register_accounts(accounts)
    calendar = BusinessCalendar.from_config(config)
    start = time.perf_counter()
    loaded = load_activity([path], config, register)
    loaded_at = time.perf_counter()
    metrics = compute_metrics(
        loaded.frame,
        parse_period("2026-Q3"),
        calendar,
        account_ids=[a.account_id for a in register],
    )
    end = time.perf_counter()
    return {
        "seconds": end - start,
        "load_seconds": loaded_at - start,
        "metrics_seconds": end - loaded_at,
        "rows": len(loaded.frame),
        "accounts": len(metrics),
    }


STAGES = {"floor": stage_floor, "metrics": stage_metrics, "audit": stage_audit}


def run_stage(name: str, path: Path, accounts: int, profile: Path | None) -> dict:
    """Runs in the child process; prints one JSON line for the parent."""
    args = (path,) if name == "floor" else (path, accounts)
    if profile:
        profiler = cProfile.Profile()
        result = profiler.runcall(STAGES[name], *args)
        profiler.dump_stats(profile / f"{name}.prof")
    else:
        result = STAGES[name](*args)
    result["peak_rss"] = peak_rss()
    return result


def peak_rss() -> int:
    """This process's peak resident memory in bytes.

    Linux's ru_maxrss carries over the peak of the process that started this one (it is kept
    across fork and exec), so the parent's generated data would count here too; the memory
    map's own high-water mark (VmHWM) starts afresh with the program.
    """
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) * 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


def in_child(name: str, path: Path, accounts: int, profile: Path | None) -> dict:
    command = [sys.executable, __file__, "--stage", name, "--file", str(path)]
    command += ["--accounts", str(accounts)]
    if profile:
        command += ["--profile", str(profile)]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        return {"error": done.stderr.strip().splitlines()[-1] if done.stderr else "failed"}
    return json.loads(done.stdout.strip().splitlines()[-1])


def fastest(runs: list[dict]) -> dict:
    """The fastest run's times, the median time; the highest peak memory of all runs."""
    done = [run for run in runs if "error" not in run]
    if not done:
        return runs[0]
    best = dict(min(done, key=lambda run: run["seconds"]))
    best["peak_rss"] = max(run["peak_rss"] for run in done)
    best["median_seconds"] = statistics.median(run["seconds"] for run in done)
    return best


def table_row(label: str, rows: int, result: dict, floor: float | None) -> str:
    if "error" in result:
        return f"| {label} | failed: {result['error']} | | | |"
    seconds = result["seconds"]
    ratio = f"{seconds / floor:.1f}×" if floor else "1.0×"
    return (
        f"| {label} | {seconds:.1f} s | {rows / seconds / 1e6:.2f} M | "
        f"{result['peak_rss'] / GiB:.2f} GiB | {ratio} |"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=2_000_000)
    parser.add_argument("--accounts", type=int, default=50)
    parser.add_argument("--dir", type=Path, help="where to write the CSV (default: a temp dir)")
    parser.add_argument("--profile", type=Path, help="write cProfile stats per stage here")
    parser.add_argument("--skip", action="append", default=[], choices=sorted(STAGES))
    parser.add_argument(
        "--repeat", type=int, default=1, help="runs per stage; the fastest counts (shared machines)"
    )
    parser.add_argument("--stage", choices=sorted(STAGES), help=argparse.SUPPRESS)
    parser.add_argument("--file", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()

    if args.stage:
        print(json.dumps(run_stage(args.stage, args.file, args.accounts, args.profile)))
        return 0

    if args.profile:
        args.profile.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=args.dir) as tmp:
        path = Path(tmp) / "activity.csv"
        start = time.perf_counter()
        generate(path, args.rows, args.accounts)
        size = path.stat().st_size
        print(
            f"generated {args.rows:,} rows for {args.accounts} accounts "
            f"({size / 1e6:.0f} MB) in {time.perf_counter() - start:.1f} s",
            file=sys.stderr,
        )
        results = {}
        for name in ("floor", "metrics", "audit"):
            if name in args.skip:
                continue
            runs = [in_child(name, path, args.accounts, args.profile) for _ in range(args.repeat)]
            for run in runs:
                print(f"{name}: {run}", file=sys.stderr)
            results[name] = fastest(runs)

    floor = results.get("floor", {}).get("seconds")
    cpus = os.cpu_count()
    print(
        f"\n{args.rows:,} rows, {args.accounts} accounts, CSV {size / 1e6:.0f} MB, {cpus} cores, "
        f"fastest of {args.repeat}\n"
    )
    print("| stage | time | rows/s | peak RSS | × floor |")
    print("|---|---|---|---|---|")
    labels = {
        "floor": "floor: pyarrow read_csv",
        "metrics": "compute_metrics alone",
        "audit": "load_activity + compute_metrics",
    }
    for name, result in results.items():
        print(table_row(labels[name], args.rows, result, floor))
    medians = {name: result.get("median_seconds") for name, result in results.items()}
    if args.repeat > 1 and medians.get("floor") and medians.get("audit"):
        print(
            f"\nmedians of {args.repeat}: floor {medians['floor']:.2f} s, "
            f"load_activity + compute_metrics {medians['audit']:.2f} s "
            f"({medians['audit'] / medians['floor']:.1f}× floor)"
        )
    audit = results.get("audit", {})
    if "load_seconds" in audit:
        print(
            f"\naudit path split: load_activity {audit['load_seconds']:.1f} s, "
            f"compute_metrics {audit['metrics_seconds']:.1f} s"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
