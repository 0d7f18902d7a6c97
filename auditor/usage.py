"""Mistakes on the command line (an option left out, one that does not exist, a value that is
none of the choices, a misspelt command) said in the user's language like every other error;
click says them in English, around whatever we give it."""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Mapping
from typing import IO, Any

import click

from auditor.messages import Message

EXIT_USAGE = 2
# Since click 8.2 a command given nothing shows its help by raising this usage error: the help
# is what the user needs then, not an error.
_HELP_INSTEAD = getattr(click.exceptions, "NoArgsIsHelpError", ())


class Told(click.ClickException):
    """A usage error already put in the user's words: shown as it is, exit 2."""

    exit_code = EXIT_USAGE

    def show(self, file: IO[Any] | None = None) -> None:
        click.echo(self.message, err=True)


class Choice(click.Choice):
    """A choice that also takes the words the reports use (`hoog` for `high`), and keeps a value
    it refused, so that the refusal can be said with it."""

    def __init__(self, choices: Iterable[str], spoken: Mapping[str, str] | None = None):
        super().__init__(list(choices))
        self.spoken = {word.casefold(): value for word, value in (spoken or {}).items()}

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None):
        if isinstance(value, str) and value.strip().casefold() in self.spoken:
            return self.spoken[value.strip().casefold()]
        try:
            return super().convert(value, param, ctx)
        except click.BadParameter as exc:
            exc.refused = value  # type: ignore[attr-defined]
            raise


class Command(click.Command):
    """A command whose words left over (an export named without `-a`) are said as such."""

    allow_extra_args = True

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        rest = super().parse_args(ctx, args)
        if ctx.args and not ctx.resilient_parsing:
            raise ExtraArguments(ctx.args, ctx)
        return rest


class ExtraArguments(click.UsageError):
    def __init__(self, words: list[str], ctx: click.Context):
        super().__init__(f"Got unexpected extra arguments ({' '.join(words)})", ctx)
        self.words = list(words)


class UnknownCommand(click.UsageError):
    def __init__(self, name: str, commands: Iterable[str], ctx: click.Context):
        super().__init__(f"No such command {name!r}.", ctx)
        self.name = name
        self.suggestion = _closest(name, commands)


def told(
    exc: click.UsageError, lang: str, fallback: click.Context | None = None
) -> click.ClickException:
    """The error in `lang`, with where to read how the command is used. `fallback` is the
    group's context, for an error click raised without its command's. A command given
    nothing keeps showing its help."""
    if isinstance(exc, _HELP_INSTEAD):
        return exc
    help_ = _help(exc.ctx, fallback)
    what: Message
    if isinstance(exc, UnknownCommand):
        what = _maybe("cli.usage.unknown_command", exc.suggestion, name=exc.name, help=help_)
    elif isinstance(exc, ExtraArguments):
        takes_files = exc.ctx is not None and any(
            p.name == "activity" for p in exc.ctx.command.params
        )
        key = "cli.usage.extra_files" if takes_files else "cli.usage.extra"
        what = Message(key, words=" ".join(exc.words), help=help_)
    elif isinstance(exc, click.MissingParameter) and isinstance(exc.param, click.Argument):
        name = exc.param.metavar or str(exc.param.name).upper()
        what = Message("cli.usage.missing_argument", name=name, help=help_)
    elif isinstance(exc, click.MissingParameter) and exc.param is not None:
        what = Message("cli.usage.missing", option=_option(exc.param), help=help_)
    elif isinstance(exc, click.NoSuchOption):
        suggestion = _closest(exc.option_name, exc.possibilities or ())
        what = _maybe("cli.usage.unknown_option", suggestion, option=exc.option_name, help=help_)
    elif isinstance(exc, click.BadOptionUsage):
        what = Message("cli.usage.needs_value", option=exc.option_name, help=help_)
    elif isinstance(exc, click.BadParameter) and hasattr(exc, "refused") and exc.param:
        kind = exc.param.type
        words = [w for w in getattr(kind, "spoken", {}) if w not in kind.choices]
        what = Message(
            "cli.usage.not_one_of_or" if words else "cli.usage.not_one_of",
            option=_option(exc.param),
            value=str(exc.refused),
            choices=", ".join(kind.choices),
            words=", ".join(words),
        )
    else:
        what = Message("cli.usage.other", text=exc.format_message(), help=help_)
    return Told(Message("cli.error", what=what)(lang))


def _help(ctx: click.Context | None, fallback: click.Context | None) -> str:
    if ctx is not None:
        return f"{ctx.command_path} --help"
    if fallback is not None:
        command = f"{fallback.command_path} {fallback.invoked_subcommand or ''}".strip()
        return f"{command} --help"
    return "auditor --help"


def _maybe(key: str, suggestion: str | None, **params: Any) -> Message:
    if suggestion is None:
        return Message(key, **params)
    return Message(f"{key}_like", suggestion=suggestion, **params)


def _option(param: click.Parameter) -> str:
    return max(param.opts, key=len) if param.opts else str(param.name)


def _closest(word: str, candidates: Iterable[str]) -> str | None:
    # Closer than difflib's default: `--bogus` is not taken for `--out`.
    found = difflib.get_close_matches(word, list(candidates), n=1, cutoff=0.75)
    return found[0] if found else None
