"""The `auditor` command. Thin: each command parses its options and calls the core."""

from __future__ import annotations

import datetime as dt
import json
import os
import sys
import traceback
from pathlib import Path

import click

from auditor import __version__
from auditor.models import Lang, Severity
from auditor.problems import InputError, Level
from auditor.stages import timed

EXIT_FAIL_ON = 1
EXIT_BAD_INPUT = 2
EXIT_CRASH = 3
# As a shell reports a command ended by a signal: 128 + the signal's number.
EXIT_INTERRUPTED = 130  # SIGINT, Ctrl-C
EXIT_BROKEN_PIPE = 141  # SIGPIPE: the reader went away (`auditor … | head`)


def _stdout_to_devnull() -> None:
    """Python's recipe for a closed pipe: what is still buffered for stdout, and anything
    written at exit, goes nowhere instead of raising again while the interpreter shuts down."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):  # stdout is not a file (a test runner's buffer)
        pass


def _progress(message: str) -> None:
    if sys.stderr.isatty():
        click.echo(f"… {message}", err=True)


def _date(ctx: click.Context, param: click.Parameter, value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date (YYYY-MM-DD)") from None


class AuditorGroup(click.Group):
    """Turns input errors into one line and exit 2, and crashes into exit 3, for every command."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except InputError as exc:
            click.echo(f"error: {exc}", err=True)
            ctx.exit(EXIT_BAD_INPUT)
        except (click.exceptions.Exit, click.ClickException, click.Abort):
            raise
        except KeyboardInterrupt:
            ctx.exit(EXIT_INTERRUPTED)
        except BrokenPipeError:
            _stdout_to_devnull()
            ctx.exit(EXIT_BROKEN_PIPE)
        except Exception:
            click.echo(traceback.format_exc(), err=True)
            click.echo(
                "internal error: the auditor crashed (see above); please report it.", err=True
            )
            ctx.exit(EXIT_CRASH)


@click.group(cls=AuditorGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="auditor")
def cli() -> None:
    """Audit the municipality's social media accounts against its social media policy."""


@cli.command()
@click.option(
    "--inventory",
    "-i",
    required=True,
    type=click.Path(path_type=Path),
    help="The account register (.xlsx or .csv).",
)
@click.option(
    "--activity",
    "-a",
    multiple=True,
    type=click.Path(path_type=Path),
    help="Activity export file or folder; repeatable.",
)
@click.option(
    "--config",
    "config_path",
    type=click.Path(path_type=Path),
    help="auditor.toml (default: the one beside the register, else in this folder).",
)
def validate(inventory: Path, activity: tuple[Path, ...], config_path: Path | None) -> None:
    """Check the inputs only, and list every problem with its place."""
    from auditor.register import load_register

    config, settings = _settings(config_path, inventory)
    register = load_register(inventory, config.waivers)
    problems = list(register.problems)
    for problem in problems:
        click.echo(f"{problem.level.value}: {problem}")
    ledger = list(register.ledger)
    if activity:
        from auditor.activity.load import load_activity

        loaded = load_activity(list(activity), config, register.accounts)
        ledger += loaded.ledger
        activity_warnings = loaded.warnings()
        for line in activity_warnings:
            click.echo(f"warning: {line}")
        for entry in loaded.ledger:
            for rejected in entry.rejected:
                # Exports carry junk rows as a matter of course; the ledger accounts for them.
                click.echo(f"warning: {entry.path} › row {rejected.row} › {rejected.reason}")
    else:
        activity_warnings = []
    n_errors = sum(p.level is Level.ERROR for p in problems)
    n_warnings = (
        sum(p.level is Level.WARNING for p in problems)
        + sum(len(e.rejected) for e in ledger if e.format != "register")
        + len(activity_warnings)
    )
    click.echo(
        f"{inventory.name}: {len(register.accounts)} accounts"
        + (f", {len(register.staff)} staff" if register.staff is not None else "")
        + (f", {len(register.departments)} departments" if register.departments is not None else "")
        + f", {len(register.waivers)} waivers; {n_errors} errors, {n_warnings} warnings"
    )
    for entry in ledger:
        click.echo(
            f"  {entry.path}: read {entry.rows_read}, used {entry.rows_used}, "
            f"duplicate {entry.rows_duplicate}, rejected {entry.rows_rejected}"
        )
    click.echo(settings)
    if n_errors:
        sys.exit(EXIT_BAD_INPUT)


def _settings(config_path: Path | None, inventory: Path | None = None):
    """The configuration in use, and the line that names it in a summary: nobody should have to
    wonder which thresholds applied."""
    from auditor.config import find_config, load_config

    path = find_config(config_path, inventory)
    said = f"Settings: {path}" if path else "Settings: defaults (no auditor.toml found)"
    return load_config(path), said


def _run_options(func):
    options = [
        click.option(
            "--inventory",
            "-i",
            required=True,
            type=click.Path(path_type=Path),
            help="The account register (.xlsx or .csv).",
        ),
        click.option(
            "--activity",
            "-a",
            multiple=True,
            type=click.Path(path_type=Path),
            help="Activity export file or folder; repeatable.",
        ),
        click.option(
            "--period",
            help="Audit period, e.g. 2026-Q3 (default: the latest "
            "complete quarter in the activity data).",
        ),
        click.option("--from", "date_from", callback=_date, help="Start date (YYYY-MM-DD)."),
        click.option("--to", "date_to", callback=_date, help="End date, inclusive."),
        click.option(
            "--config",
            "config_path",
            type=click.Path(path_type=Path),
            help="auditor.toml with thresholds and settings (default: the one beside the "
            "register, else in this folder).",
        ),
        click.option(
            "--out",
            type=click.Path(path_type=Path),
            help="Output folder (default: audit-<period>).",
        ),
        click.option(
            "--lang",
            type=click.Choice([lang.value for lang in Lang]),
            help="Report language (default nl).",
        ),
        click.option(
            "--history",
            "history_path",
            type=click.Path(path_type=Path),
            help="History database (default: audit-history.sqlite beside the output).",
        ),
        click.option(
            "--responses",
            multiple=True,
            type=click.Path(path_type=Path),
            help="Returned audit.xlsx or department workbooks with owners' answers.",
        ),
        click.option(
            "--fail-on",
            type=click.Choice([s.value for s in Severity]),
            help="Exit 1 when an open finding of at least this severity exists.",
        ),
        click.option("--force", is_flag=True, help="Replace an existing audit folder."),
        click.option(
            "--timings",
            type=click.Path(path_type=Path),
            help="Write the seconds each stage took to this JSON file.",
        ),
    ]
    for option in reversed(options):
        func = option(func)
    return func


@cli.command()
@_run_options
def run(
    inventory,
    activity,
    period,
    date_from,
    date_to,
    config_path,
    out,
    lang,
    history_path,
    responses,
    fail_on,
    force,
    timings,
) -> None:
    """Run the quarterly audit and write the reports."""
    config, settings = _settings(config_path, inventory)
    with timed() as times:
        try:
            _audit(
                config,
                inventory,
                activity,
                period=period,
                start=date_from,
                end=date_to,
                out=out,
                lang=lang,
                history_path=history_path,
                responses=responses,
                force=force,
                fail_on=fail_on,
                settings=settings,
            )
        finally:
            if timings:  # also when the run stops early: the stages so far
                timings.write_text(json.dumps(times, indent=2) + "\n", encoding="utf-8")


def _audit(
    config,
    inventory,
    activity,
    *,
    period=None,
    start=None,
    end=None,
    out=None,
    lang=None,
    history_path=None,
    responses=(),
    force=False,
    fail_on=None,
    settings=None,
) -> Path:
    from auditor.cycle import audit_cycle
    from auditor.reports import write_reports

    audit, out_dir = audit_cycle(
        config,
        inventory,
        activity,
        write=write_reports,
        period=period,
        start=start,
        end=end,
        out=out,
        lang=lang,
        history_path=history_path,
        responses=responses,
        force=force,
    )
    result = audit.result
    _summary(result, out_dir, audit.period_reason, audit.warnings)
    if settings:
        click.echo(settings)
    if fail_on:
        threshold = Severity(fail_on).rank
        if any(f.severity.rank >= threshold for f in result.open_findings()):
            sys.exit(EXIT_FAIL_ON)
    return out_dir


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


def _summary(result, out_dir: Path, period_reason: str = "", warnings=()) -> None:
    findings = result.open_findings()
    by_sev = result.by_severity()
    accounts = [a for a in result.accounts if a.registered]
    click.echo(
        f"Audit {result.period.label} ({result.period.start} – {result.period.end}): "
        f"{_count(len(accounts), 'account')}, {_count(len(findings), 'open finding')}"
        + (f" ({', '.join(f'{n} {s}' for s, n in by_sev.items())})" if by_sev else "")
        + f", {len(result.findings) - len(findings)} waived, "
        f"{len(result.skipped)} checks skipped."
    )
    if period_reason:
        click.echo(f"Period {result.period.label}: {period_reason}.")
    # What the audit could not see changes what its findings mean: said here, not only in
    # the report's input section.
    for line in warnings:
        click.echo(f"warning: {line}", err=True)
    weight = {s: 1 + s.rank**2 for s in Severity}
    scores: dict[str, int] = {}
    for finding in findings:
        if finding.account_id:
            scores[finding.account_id] = (
                scores.get(finding.account_id, 0) + weight[finding.severity]
            )
    worst = sorted(scores.items(), key=lambda kv: (-kv[1], kv[0]))[:5]
    if worst:
        click.echo("Accounts needing most attention:")
        for account_id, _ in worst:
            n = sum(f.account_id == account_id for f in findings)
            click.echo(f"  {account_id}: {_count(n, 'open finding')}")
    if result.problems:
        click.echo(f"{len(result.problems)} input problems (see the report's input section).")
    click.echo(f"Report: {(out_dir / 'index.html').resolve()}")


@cli.command()
@click.option(
    "--out",
    type=click.Path(path_type=Path),
    default=Path("audit-demo"),
    show_default=True,
    help="Output folder.",
)
@click.option("--lang", type=click.Choice([lang.value for lang in Lang]), default="nl")
def demo(out: Path, lang: str) -> None:
    """Audit the bundled Zeist example, four quarters in a row, into a fresh history."""
    from auditor.demo import run_demo
    from auditor.reports import write_reports

    index = run_demo(out, write=write_reports, lang=lang, progress=_progress)
    click.echo(f"Demo report: {index.resolve()}")


@cli.command()
@click.argument("directory", type=click.Path(path_type=Path), default=Path("."))
@click.option("--force", is_flag=True, help="Overwrite existing files.")
def init(directory: Path, force: bool) -> None:
    """Write a template register workbook and a commented auditor.toml."""
    from auditor.template import write_config_template, write_register_template

    directory.mkdir(parents=True, exist_ok=True)
    register = directory / "register.xlsx"
    config = directory / "auditor.toml"
    for path in (register, config):
        if path.exists() and not force:
            raise InputError(path, "already exists; use --force to overwrite")
    write_register_template(register)
    write_config_template(config)
    click.echo(f"Wrote {register} and {config}.")


@cli.command("checks")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table")
@click.option("--lang", type=click.Choice([lang.value for lang in Lang]), default="nl")
@click.option("--config", "config_path", type=click.Path(path_type=Path))
def checks_command(fmt: str, lang: str, config_path: Path | None) -> None:
    """The check catalogue."""
    from auditor import catalogue

    config, _ = _settings(config_path)
    if fmt == "json":
        click.echo(json.dumps(catalogue.checks_json(config), ensure_ascii=False, indent=2))
    else:
        click.echo(catalogue.render_checks_table(lang))


@cli.command()
@click.argument("check_id")
@click.option("--lang", type=click.Choice([lang.value for lang in Lang]), default="nl")
@click.option("--config", "config_path", type=click.Path(path_type=Path))
def explain(check_id: str, lang: str, config_path: Path | None) -> None:
    """One check in full: what, why (the policy quote), how to fix, thresholds.

    CHECK_ID is an id (RSP001) or a name (response-time).
    """
    from auditor import catalogue

    check = catalogue.find_check(check_id)
    config, _ = _settings(config_path)
    click.echo(catalogue.render_explain(check.meta.id, config, lang))


@cli.command()
@click.option(
    "--history",
    "history_path",
    type=click.Path(path_type=Path),
    default=Path("audit-history.sqlite"),
    show_default=True,
)
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table")
def history(history_path: Path, fmt: str) -> None:
    """Past audits with their headline figures."""
    from auditor.cycle import history_listing

    click.echo(history_listing(history_path, fmt))


def main() -> None:
    try:
        try:
            cli()
        finally:
            # A pipe's output waits in a buffer; a reader that left shows here, not in `cli`.
            sys.stdout.flush()
    except KeyboardInterrupt:  # before or after a command runs, e.g. while Python imports
        sys.exit(EXIT_INTERRUPTED)
    except BrokenPipeError:
        _stdout_to_devnull()
        sys.exit(EXIT_BROKEN_PIPE)
