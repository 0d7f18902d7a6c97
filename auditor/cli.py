"""The `auditor` command. Thin: each command parses its options and calls the core."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import sys
import traceback
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING

import click

from auditor import __version__
from auditor.messages import DEFAULT_LANG, Message, languages
from auditor.models import Severity
from auditor.problems import InputError, Level, os_input_error, os_reason, readable
from auditor.stages import speaking, timed
from auditor.usage import LANG_KEY, Choice, Command, Spoken, UnknownCommand, told

if TYPE_CHECKING:  # imported where used: `auditor --help` need not load openpyxl
    from auditor.template import NewOrganisation

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


# Where a command keeps the language it speaks, for the error that may end it.
_LANG = LANG_KEY


def _say(lang: str, key: str, *, err: bool = False, indent: str = "", **params) -> None:
    """One line of the catalogue, in `lang`."""
    click.echo(indent + Message(key, **params)(lang), err=err)


def _lang_now(ctx: click.Context | None = None) -> str:
    """The language settled so far: --lang, else the configuration's once read, else Dutch."""
    ctx = ctx or click.get_current_context(silent=True)
    return ctx.meta.get(_LANG, DEFAULT_LANG) if ctx is not None else DEFAULT_LANG


def _given_lang(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    # Eager, so a bad value of another option is already told in this language.
    if value:
        ctx.meta[_LANG] = value
    return value


def _speak(lang: str | None, config_file: Path | None = None) -> str:
    """The command's language, for everything it says from here on, errors included: --lang,
    else the `language` of the configuration file in use, else Dutch."""
    chosen = lang or _language_in(config_file) or DEFAULT_LANG
    click.get_current_context().meta[_LANG] = chosen
    return chosen


def _language_in(config_file: Path | None) -> str | None:
    """The language a configuration file asks for, read leniently: a file with mistakes still
    says in which language its mistakes are to be told."""
    if config_file is None:
        return None
    from auditor.toml_file import read_toml

    try:
        value = read_toml(config_file).get("language")
    except InputError:
        return None
    value = value.strip().lower() if isinstance(value, str) else value
    return value if value in languages() else None


def _config_near(path: Path | None) -> Path | None:
    from auditor.config import find_config

    return find_config(None, path)


def _severity_words() -> dict[str, str]:
    """A severity as the reports name it, in every language (`hoog` → high)."""
    return {
        Message(f"cli.severity.{s.value}")(lang): s.value for s in Severity for lang in languages()
    }


def _lang_option(func):
    return click.option("--lang", type=Choice(languages()), callback=_given_lang, is_eager=True)(
        func
    )


def _progress(message: str) -> None:
    if sys.stderr.isatty():
        click.echo(f"… {message}", err=True)


def _date(ctx: click.Context, param: click.Parameter, value: str | None) -> dt.date | None:
    from auditor.period import parse_date

    if value is None:
        return None
    return parse_date(value, "start" if param.name == "date_from" else "end")


class GivenPath(click.Path):
    """A path option or argument; an empty one (`-a "$EXPORTS"` with nothing in it) is told,
    not read as the working folder."""

    def convert(self, value, param, ctx):
        if isinstance(value, str) and not value.strip():
            name = param.opts[0] if param is not None and param.opts else "PATH"
            if param is not None and param.param_type_name == "argument":
                name = param.human_readable_name
            raise InputError(None, Message("cli.empty_path", option=name))
        return super().convert(value, param, ctx)


class AuditorGroup(Spoken, click.Group):
    """Turns input errors into one line and exit 2, and crashes into exit 3, for every command;
    a mistake on the command line is said in the user's language too."""

    command_class = Command

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        args = self._language_first(ctx, list(args))
        try:
            return super().parse_args(ctx, args)
        except click.UsageError as exc:  # `auditor --bogus`: before any command
            raise told(exc, _lang_now(ctx), ctx) from None

    def _language_first(self, ctx: click.Context, args: list[str]) -> list[str]:
        """`auditor --lang en run …`, the language given before the command as global options
        are: the command's `--lang` (an unknown option before, told in Dutch)."""
        if args[:1] == ["--lang"] and len(args) > 1:
            value, rest = args[1], args[2:]
        elif args[:1] and args[0].startswith("--lang="):
            value, rest = args[0].partition("=")[2], args[1:]
        else:
            return args
        if value not in languages():
            return args  # told as it was
        ctx.meta[_LANG] = value
        command = self.get_command(ctx, rest[0]) if rest and not rest[0].startswith("-") else None
        if command is not None and any(p.name == "lang" for p in command.params):
            return [rest[0], "--lang", value, *rest[1:]]
        return rest

    def resolve_command(self, ctx: click.Context, args: list[str]):
        name = args[0] if args else None
        if name is not None and not name.startswith("-") and self.get_command(ctx, name) is None:
            raise UnknownCommand(name, self.list_commands(ctx), ctx)
        return super().resolve_command(ctx, args)

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except InputError as exc:
            _say(_lang_now(ctx), "cli.error", err=True, what=exc.as_message())
            ctx.exit(EXIT_BAD_INPUT)
        except click.UsageError as exc:
            raise told(exc, _lang_now(ctx), ctx) from None
        except (click.exceptions.Exit, click.ClickException, click.Abort):
            raise
        except KeyboardInterrupt:
            ctx.exit(EXIT_INTERRUPTED)
        except BrokenPipeError:
            _stdout_to_devnull()
            ctx.exit(EXIT_BROKEN_PIPE)
        except OSError as exc:
            told_error = os_input_error(exc)
            if told_error is None:
                click.echo(traceback.format_exc(), err=True)
                _say(_lang_now(ctx), "cli.crashed", err=True)
                ctx.exit(EXIT_CRASH)
            _say(_lang_now(ctx), "cli.error", err=True, what=told_error.as_message())
            ctx.exit(EXIT_BAD_INPUT)
        except Exception:
            click.echo(traceback.format_exc(), err=True)
            _say(_lang_now(ctx), "cli.crashed", err=True)
            ctx.exit(EXIT_CRASH)


@click.group(cls=AuditorGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="auditor")
def cli() -> None:
    """Audit the municipality's social media accounts against its social media policy."""


@cli.command()
@click.option("--inventory", "-i", required=True, type=GivenPath(path_type=Path))
@click.option("--activity", "-a", multiple=True, type=GivenPath(path_type=Path))
@click.option("--config", "config_path", type=GivenPath(path_type=Path))
@_lang_option
def validate(
    inventory: Path, activity: tuple[Path, ...], config_path: Path | None, lang: str | None
) -> None:
    """Check the inputs only, and list every problem with its place."""
    from auditor.register import load_register

    config, settings, lang = _settings(config_path, inventory, lang)
    register = load_register(inventory, config.waivers)
    problems = list(register.problems)
    for problem in problems:
        _say(lang, f"cli.{problem.level.value}", what=problem.as_message())
    ledger = list(register.ledger)
    if activity:
        from auditor.activity.load import load_activity

        loaded = load_activity(list(activity), config, register.accounts)
        ledger += loaded.ledger
        activity_warnings = loaded.warnings()
        for line in activity_warnings:
            _say(lang, "cli.warning", what=line)
        for entry in loaded.ledger:
            # Exports carry junk rows as a matter of course; the ledger accounts for them.
            # Rows rejected for one reason (a whole file no account is known for, an
            # archive's boosts) are one line, not hundreds.
            for rows in _by_reason(entry.rejected):
                _say(
                    lang,
                    "cli.warning",
                    what=Message(
                        "problem.at", place=_rows_place(entry.path, rows), what=rows[0].as_message()
                    ),
                )
    else:
        activity_warnings = []
    n_errors = sum(p.level is Level.ERROR for p in problems)
    n_warnings = (
        sum(p.level is Level.WARNING for p in problems)
        + sum(len(_by_reason(e.rejected)) for e in ledger if e.format != "register")
        + len(activity_warnings)
    )
    counts = [Message("cli.validate.accounts", count=len(register.accounts))]
    if register.staff is not None:
        counts.append(Message("cli.validate.staff", count=len(register.staff)))
    if register.departments is not None:
        counts.append(Message("cli.validate.departments", count=len(register.departments)))
    counts.append(Message("cli.validate.waivers", count=len(register.waivers)))
    _say(
        lang,
        "cli.validate.summary",
        file=readable(inventory.name),
        counts=counts,
        errors=Message("cli.validate.errors", count=n_errors),
        warnings=Message("cli.validate.warnings", count=n_warnings),
    )
    for entry in ledger:
        _say(
            lang,
            "cli.validate.ledger",
            indent="  ",
            path=entry.path,
            read=entry.rows_read,
            used=entry.rows_used,
            duplicate=entry.rows_duplicate,
            rejected=entry.rows_rejected,
        )
    click.echo(settings(lang))
    if n_errors:
        _say(lang, "cli.validate.next_errors", count=n_errors)
        sys.exit(EXIT_BAD_INPUT)
    _say(
        lang,
        "cli.validate.next_run",
        command=_run_command(inventory, activity, config_path, lang),
    )


def _run_command(
    inventory: Path, activity: tuple[Path, ...], config_path: Path | None, lang: str
) -> str:
    """The `auditor run` of the inputs just checked, to copy: with their own paths (a name
    that is no UTF-8 as Windows wrote it), or a placeholder for the exports where none were
    given; the settings given, as the run would not find them by itself."""
    words = [f'--inventory "{readable(str(inventory))}"']
    if activity:
        words += [f'--activity "{readable(str(path))}"' for path in activity]
    else:
        words.append("--activity " + Message("cli.validate.exports_placeholder")(lang))
    if config_path is not None:
        words.append(f'--config "{readable(str(config_path))}"')
    return "auditor run " + " ".join(words)


def _by_reason(rejected: list) -> list[list]:
    """Rejected rows grouped by their reason, in the order the reasons first occur."""
    groups: dict[str, list] = {}
    for row in rejected:
        groups.setdefault(row.reason, []).append(row)
    return list(groups.values())


_ROWS_SHOWN = 3


def _rows_place(path: str, rows: list) -> Message:
    numbers = [row.row for row in rows]
    if len(numbers) == 1:
        return Message("problem.place.file_row", file=path, row=numbers[0])
    if len(numbers) <= _ROWS_SHOWN + 1:
        return Message("problem.place.file_rows", file=path, rows=numbers)
    return Message(
        "problem.place.file_rows_more",
        file=path,
        rows=numbers[:_ROWS_SHOWN],
        count=len(numbers) - _ROWS_SHOWN,
    )


def _settings(config_path: Path | None, inventory: Path | None = None, lang: str | None = None):
    """The configuration in use, the line that names it in a summary (nobody should have to
    wonder which thresholds applied), and the language the command speaks."""
    from auditor.config import find_config
    from auditor.settings import load_config

    path = find_config(config_path, inventory)
    lang = _speak(lang, path)
    config = load_config(path)
    # Without a file the defaults are one municipality's (its name, its house style): said,
    # so that another's register does not wonder where that name comes from.
    said = (
        Message("cli.settings", path=str(path))
        if path
        else Message("cli.settings_default", organisation=config.organisation.name)
    )
    return config, said, lang


def _run_options(func):
    options = [
        click.option("--inventory", "-i", required=True, type=GivenPath(path_type=Path)),
        click.option("--activity", "-a", multiple=True, type=GivenPath(path_type=Path)),
        click.option("--period"),
        click.option("--from", "date_from", callback=_date),
        click.option("--to", "date_to", callback=_date),
        click.option("--config", "config_path", type=GivenPath(path_type=Path)),
        click.option("--out", type=GivenPath(path_type=Path)),
        _lang_option,
        click.option("--history", "history_path", type=GivenPath(path_type=Path)),
        click.option("--responses", multiple=True, type=GivenPath(path_type=Path)),
        click.option("--fail-on", type=Choice([s.value for s in Severity], _severity_words())),
        click.option("--force", is_flag=True),
        click.option("--timings", type=GivenPath(path_type=Path)),
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
    config, settings, lang = _settings(config_path, inventory, lang)
    if timings:  # told before the audit, not after it has been written
        _writable_file(timings)
    with speaking(lang), timed() as times:
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
                try:
                    # Its folder may be the audit's own, made by this run (`--timings
                    # audit-2026-Q3/timings.json`).
                    timings.parent.mkdir(parents=True, exist_ok=True)
                    timings.write_text(json.dumps(times, indent=2) + "\n", encoding="utf-8")
                except OSError as exc:
                    raise InputError(timings, os_reason(exc)) from None


def _writable_file(path: Path) -> None:
    """A file the command will write: not a folder, nor under a file."""
    if path.is_dir():
        raise InputError(path, Message("cli.run.is_a_folder"))
    folder = next((p for p in path.parents if p.exists()), None)
    if folder is not None and not folder.is_dir():
        raise InputError(folder, Message("cli.run.not_a_folder_for_file"))


def _audit(
    config,
    inventory,
    activity,
    *,
    period=None,
    start=None,
    end=None,
    out=None,
    lang=DEFAULT_LANG,
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
    _summary(result, out_dir, lang, audit.period_reason, audit.warnings)
    if settings:
        click.echo(settings(lang))
    if fail_on:
        threshold = Severity(fail_on).rank
        if any(f.severity.rank >= threshold for f in result.open_findings()):
            sys.exit(EXIT_FAIL_ON)
    return out_dir


def _summary(
    result, out_dir: Path, lang: str, period_reason: Message | None = None, warnings=()
) -> None:
    findings = result.open_findings()
    by_sev = result.by_severity()
    accounts = [a for a in result.accounts if a.registered]
    severities = [
        Message("cli.run.severity_count", count=n, severity=Message(f"cli.severity.{s}"))
        for s, n in by_sev.items()
    ]
    _say(
        lang,
        "cli.run.summary",
        period=result.period.label,
        start=result.period.start,
        end=result.period.end,
        accounts=Message("cli.run.accounts", count=len(accounts)),
        findings=Message("cli.run.open_findings", count=len(findings)),
        severities=Message("cli.run.severities", counts=severities) if severities else "",
        waived=Message("cli.run.waived", count=len(result.findings) - len(findings)),
        skipped=Message("cli.run.skipped", count=len(result.skipped)),
    )
    if period_reason:
        _say(lang, "cli.run.period", period=result.period.label, reason=period_reason)
    from auditor.compare import changes_said

    # What changed since last quarter: the second audit's first question, answered here as
    # well as in the report.
    for line in changes_said(getattr(result, "history", None)):
        click.echo(line(lang))
    # Which checks did not run and what they lacked: the count alone sent a new user to look
    # for the reason in the report.
    not_run: dict[str, list[str]] = {}
    for skipped in result.skipped:
        not_run.setdefault(skipped.reason(lang), []).append(skipped.check_id)
    for reason, check_ids in not_run.items():
        _say(lang, "cli.run.not_run", indent="  ", checks=check_ids, reason=reason)
    # What the audit could not see changes what its findings mean: said here, not only in
    # the report's input section.
    for line in warnings:
        _say(lang, "cli.warning", err=True, what=line)
    weight = {s: 1 + s.rank**2 for s in Severity}
    scores: dict[str, int] = {}
    for finding in findings:
        if finding.account_id:
            scores[finding.account_id] = (
                scores.get(finding.account_id, 0) + weight[finding.severity]
            )
    worst = sorted(scores.items(), key=lambda kv: (-kv[1], kv[0]))[:5]
    if worst:
        from auditor.reports.i18n import account_name, translator

        # By the name people know an account by; the id where the register does not name it.
        t = translator(lang)
        named = {
            a.account_id: account_name(a, t)
            for a in result.accounts
            if getattr(a, "account_id", None) in scores
        }
        _say(lang, "cli.run.attention")
        for account_id, _ in worst:
            # Ranked by weight, the worst severities first: each line says its severities,
            # or 7 findings would seem to be listed above 10 for no reason.
            own = Counter(f.severity for f in findings if f.account_id == account_id)
            counts = [
                Message(
                    "cli.run.severity_count",
                    count=own[s],
                    severity=Message(f"cli.severity.{s.value}"),
                )
                for s in sorted(own, key=lambda s: -s.rank)
            ]
            findings_of = Message(
                "cli.run.open_findings_by_severity",
                findings=Message("cli.run.open_findings", count=own.total()),
                severities=Message("cli.run.severities", counts=counts),
            )
            _say(
                lang,
                "cli.run.attention_account",
                indent="  ",
                account=named.get(account_id, account_id),
                findings=findings_of,
            )
    if result.problems:
        _say(lang, "cli.run.input_problems", count=len(result.problems))
    _say(lang, "cli.run.report", path=str((out_dir / "index.html").resolve()))


@cli.command()
@click.option(
    "--out", type=GivenPath(path_type=Path), default=Path("audit-demo"), show_default=True
)
@_lang_option
def demo(out: Path, lang: str | None) -> None:
    """Audit the bundled Zeist example, four quarters in a row, into a fresh history."""
    from auditor.demo import run_demo
    from auditor.reports import write_reports

    lang = _speak(lang, _config_near(None))
    with speaking(lang):
        index = run_demo(out, write=write_reports, lang=lang, progress=_progress)
    _say(lang, "cli.demo.report", path=str(index.resolve()))
    _say(lang, "cli.demo.next")


@cli.command()
@click.argument("directory", type=GivenPath(path_type=Path), default=Path("."))
@click.option("--force", is_flag=True)
@click.option("--organisation", "--organization")
@click.option("--domain")
@_lang_option
def init(
    directory: Path, force: bool, organisation: str | None, domain: str | None, lang: str | None
) -> None:
    """Write a template register workbook and a commented auditor.toml."""
    from auditor.register.beside import TEMPLATE_NAME, registers_in
    from auditor.template import write_config_template, write_register_template

    lang = _speak(lang, _config_near(directory / TEMPLATE_NAME))
    own = _new_organisation(organisation, domain)
    directory.mkdir(parents=True, exist_ok=True)
    register = directory / TEMPLATE_NAME
    config = directory / "auditor.toml"
    kept = [] if force else [p for p in (register, config) if p.exists()]
    # A register kept under its own name (`Register sociale media Gemeente X.xlsx`): a template
    # beside it would be a second register, and the one an audit is then given by mistake.
    others = [] if force or register.exists() else registers_in(directory)
    if others:
        _init_beside(others, config, lang, own)
        return
    if len(kept) == 2:
        raise InputError(register, Message("cli.init.exists"))
    # One of the two there already (a register kept for years, wanting its auditor.toml):
    # the other is written and the one there kept; `--force` was the only way, and it
    # replaced the register with the template.
    if register not in kept:
        write_register_template(register, own, lang)
    if config not in kept:
        write_config_template(config, lang, own)
    if kept:
        written = config if register in kept else register
        _say(lang, "cli.init.wrote_one", written=str(written), kept=str(kept[0]))
    else:
        _say(lang, "cli.init.wrote", register=str(register), config=str(config))
    if own is not None and config not in kept:
        _said_organisation(own, config, lang)
    if register not in kept:
        # What a new user does next: the template's example rows are to be replaced, or they
        # are audited (and the example waiver names an account the register no longer has).
        _say(lang, "cli.init.next", register=readable(str(register)))


def _new_organisation(name: str | None, domain: str | None) -> NewOrganisation | None:
    """`--organisation` and `--domain` as the organisation the files are written for."""
    from auditor.template import NewOrganisation, site_host

    if domain is not None and not re.fullmatch(r"[a-z0-9-]+(\.[a-z0-9-]+)+", site_host(domain)):
        raise InputError(None, Message("cli.init.not_a_site", domain=domain))
    if name is None or not name.strip():
        if domain is None:
            return None
        name = "Gemeente Zeist"  # a site alone: the example's name, the given site
    return NewOrganisation.named(name, domain)


def _said_organisation(own: NewOrganisation, config: Path, lang: str) -> None:
    _say(lang, "cli.init.organisation", name=own.name, place=own.place, domain=own.domain)
    if own.domain_guessed:
        _say(lang, "cli.init.domain_guessed", domain=own.domain, config=str(config))


def _init_beside(
    registers: list[Path], config: Path, lang: str, own: NewOrganisation | None = None
) -> None:
    """Beside a register of another name: the settings only, and how to audit that register
    with them (an auditor.toml beside the register is the one a run uses)."""
    from auditor.template import write_config_template

    wrote = not config.exists()
    if wrote:
        write_config_template(config, lang, own)
    params = {"config": str(config), "register": str(registers[0])}
    if len(registers) > 1:
        key = "cli.init.registers_beside" if wrote else "cli.init.registers_beside_kept"
        params["registers"] = [str(r) for r in registers]
    else:
        key = "cli.init.register_beside" if wrote else "cli.init.register_beside_kept"
    _say(lang, key, **params)
    if wrote and own is not None:
        _said_organisation(own, config, lang)
    _say(lang, "cli.init.use_register", register=str(registers[0]))


@cli.command("checks")
@click.option("--format", "fmt", type=Choice(["table", "json"]), default="table")
@_lang_option
@click.option("--config", "config_path", type=GivenPath(path_type=Path))
def checks_command(fmt: str, lang: str | None, config_path: Path | None) -> None:
    """The check catalogue."""
    from auditor import catalogue

    config, _, lang = _settings(config_path, lang=lang)
    if fmt == "json":
        click.echo(json.dumps(catalogue.checks_json(config), ensure_ascii=False, indent=2))
    else:
        click.echo(catalogue.render_checks_table(lang, config))


@cli.command()
def schema() -> None:
    """The JSON Schema of findings.json (also shipped as auditor/findings.schema.json)."""
    from auditor.findings_schema import schema_text

    click.echo(schema_text(), nl=False)


@cli.command()
@click.argument("check_id")
@_lang_option
@click.option("--config", "config_path", type=GivenPath(path_type=Path))
def explain(check_id: str, lang: str | None, config_path: Path | None) -> None:
    """One check in full: what, why (the policy quote), how to fix, thresholds.

    CHECK_ID is an id (RSP001, RSP-001), a name (response-time) or a title (Slow replies).
    """
    from auditor import catalogue

    config, _, lang = _settings(config_path, lang=lang)
    check = catalogue.find_check(check_id, config)
    click.echo(catalogue.render_explain(check.meta.id, config, lang))


@cli.command()
@click.option(
    "--history",
    "history_path",
    type=GivenPath(path_type=Path),
    default=Path("audit-history.sqlite"),
)
@click.option("--format", "fmt", type=Choice(["table", "json"]), default="table")
@_lang_option
def history(history_path: Path, fmt: str, lang: str | None) -> None:
    """Past audits with their headline figures."""
    from auditor.cycle import history_listing

    lang = _speak(lang, _config_near(history_path))
    click.echo(history_listing(history_path, fmt, lang))


def _inventory_option(func):
    return click.option("--inventory", "-i", required=True, type=GivenPath(path_type=Path))(func)


def _today(config) -> dt.date:
    from zoneinfo import ZoneInfo

    return dt.datetime.now(ZoneInfo(config.timezone)).date()


def _register_problems(register, lang: str, *, errors_only: bool = False) -> None:
    """The register's problems on stderr, each with its place, as `validate` names them; not
    those that matter to the audit's checks only."""
    for problem in register.problems:
        if problem.audit_only or (errors_only and problem.level is not Level.ERROR):
            continue
        _say(lang, f"cli.{problem.level.value}", err=True, what=problem.as_message())


@cli.command()
@_inventory_option
@click.option(
    "--out",
    type=GivenPath(path_type=Path),
    default=Path("social-media-accounts"),
    show_default=True,
)
@click.option("--config", "config_path", type=GivenPath(path_type=Path))
@_lang_option
@click.option("--force", is_flag=True)
def publish(
    inventory: Path, out: Path, config_path: Path | None, lang: str | None, force: bool
) -> None:
    """Write the public list of official accounts: a web page, CSV and JSON, no personal data."""
    from auditor.models import AccountStatus
    from auditor.publish import PAGE_FILE, public_list, write_public
    from auditor.register import load_register
    from auditor.reports.public import write_public_page

    config, _, lang = _settings(config_path, inventory, lang)
    if out.exists() and not out.is_dir():  # --force would not help: said first
        raise InputError(out.resolve(), Message("publish.not_a_folder"))
    if out.exists() and not force:  # said before the register is read
        raise InputError(out, Message("publish.folder_exists"))
    if out.exists():
        _replaceable(out, inventory)
    register = load_register(inventory)
    _register_problems(register, lang)
    public = public_list(register, config.organisation.name, _today(config))
    if not public.accounts:  # an empty page would replace the website's list with nothing
        raise InputError(inventory, Message("publish.nothing"))
    write_public(public, out, write_page=write_public_page, lang=lang, force=force)
    _say(
        lang,
        "publish.summary",
        active=Message("publish.active", count=len(public.active)),
        closed=Message("publish.closed", count=len(public.closed)),
        path=str(out),
    )
    planned = sum(a.status == AccountStatus.PLANNED for a in register.accounts)
    if planned:
        _say(lang, "publish.planned", count=planned)
    _say(lang, "publish.page_written", path=str((out / PAGE_FILE).resolve()))


def _replaceable(out: Path, inventory: Path) -> None:
    """`--force` replaces a folder like the one `publish` writes, never a file, the register's
    own folder, the working folder or one above it, or a folder with folders in it: `--out .`
    would otherwise take the register, and more, with it."""
    if not out.is_dir():
        raise InputError(out.resolve(), Message("publish.not_a_folder"))
    here, folder = Path.cwd().resolve(), out.resolve()
    inside = sorted(p.name for p in out.iterdir() if p.is_dir())
    if inventory.resolve().is_relative_to(folder):
        inside = [inventory.name]
    elif here.is_relative_to(folder):
        inside = inside or [here.name]
    if inside:
        raise InputError(folder, Message("publish.not_ours", example=inside[0]))


@cli.command()
@click.argument("queries", nargs=-1, required=True, metavar="HANDLE_OR_URL...")
@_inventory_option
@click.option("--platform")
@click.option("--format", "fmt", type=Choice(["text", "json"]), default="text")
@click.option("--config", "config_path", type=GivenPath(path_type=Path))
@_lang_option
def verify(
    queries: tuple[str, ...],
    inventory: Path,
    platform: str | None,
    fmt: str,
    config_path: Path | None,
    lang: str | None,
) -> None:
    """Say for each handle or profile URL whether it is an official account of the
    organisation: in use, closed, or not in the register.

    Exit status: 0 when every one is an official account in use; 1 when one or more is closed,
    planned or not in the register; 2 when one is no handle or URL at all, or the register
    cannot be read.
    """
    from auditor.publish import people_named
    from auditor.register import load_register
    from auditor.verify import Verdict
    from auditor.verify import verify as look_up

    config, _, lang = _settings(config_path, inventory, lang)
    register = load_register(inventory)
    _register_problems(register, lang, errors_only=True)
    answers = look_up(register.accounts, queries, platform)
    organisation = config.organisation.name
    people = people_named(register)  # never said as an account's name
    if fmt == "json":
        said = _answers_json(answers, organisation, people)
        click.echo(json.dumps(said, ensure_ascii=False, indent=2))
    else:
        for answer in answers:
            _say(
                lang,
                f"verify.{answer.verdict.value}",
                query=answer.query,
                organisation=organisation,
                accounts=[_account_said(a, answer.verdict, people) for a in answer.accounts],
            )
    verdicts = {a.verdict for a in answers}
    if verdicts & {Verdict.UNREADABLE, Verdict.NAME}:
        sys.exit(EXIT_BAD_INPUT)
    if verdicts != {Verdict.ACTIVE}:
        sys.exit(EXIT_FAIL_ON)


def _account_said(account, verdict, people) -> Message:
    """An account found, as people know it; one whose status differs from the answer's (a
    handle in use on one platform and closed on another) says its own."""
    from auditor.messages import platform_name
    from auditor.publish import PublicAccount, public_name
    from auditor.reports.public import handle_label

    handle = account.channel_id or handle_label(
        PublicAccount.model_construct(
            # As the register spells it (`@RijnwoudeNL`); it was found free of case.
            platform=account.platform,
            handle=account.handle_as_written or account.handle,
            url=account.url,
        )
    )
    name = platform_name(account.platform)
    said = (
        Message("verify.account_named", name=shown, platform=name, handle=handle)
        if (shown := public_name(account, people))
        else Message("verify.account", platform=name, handle=handle)
    )
    if account.status.value != verdict.value:
        return Message(
            "verify.account_status",
            account=said,
            status=Message(f"verify.status.{account.status.value}"),
        )
    return said


def _public(account, people) -> dict:
    from auditor.publish import public_account

    return public_account(account, people).model_dump(mode="json")


def _answers_json(answers, organisation: str, people) -> dict:
    """What `verify --format json` prints: per query its verdict and the accounts it names,
    as the public list gives them (no person)."""
    return {
        "organisation": organisation,
        "all_active": all(a.verdict == "active" for a in answers),
        "results": [
            {
                "query": answer.query,
                "verdict": answer.verdict.value,
                "accounts": [
                    {"account_id": a.account_id, **_public(a, people)} for a in answer.accounts
                ],
            }
            for answer in answers
        ],
    }


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
    except SystemExit as done:  # click ends every command this way, with its exit status
        if done.code is None or isinstance(done.code, int):
            _leave(done.code or 0)
        raise


def _leave(code: int) -> None:
    """End the process once everything is written, without freeing object by object what a
    large audit built (0.17 s of a 4.5 s run went to that after the last report was written);
    the system takes the memory back at once. Nothing of ours waits for exit handlers."""
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    finally:
        os._exit(code)
