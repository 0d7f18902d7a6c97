"""The command line in the user's language: its help (`auditor run --help`) from the
catalogue, and mistakes on it (an option left out, one that does not exist, a value that is
none of the choices, a misspelt command) said like every other error; click says both in
English."""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Mapping
from typing import IO, Any

import click

from auditor.messages import DEFAULT_LANG, Message, has, languages

# Where a command keeps the language it speaks: `--lang` (read first), else the configuration's.
LANG_KEY = "auditor.lang"

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


class Spoken:
    """Help from the catalogue, in the language settled so far (`--lang` given before
    `--help`, else Dutch): the command's text, each option's, and the headings."""

    def format_help(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        self.help = _help_text(ctx, "about", self.help)  # type: ignore[attr-defined]
        super().format_help(ctx, formatter)  # type: ignore[misc]

    def format_usage(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        lang = _lang(ctx)
        pieces = self.collect_usage_pieces(ctx)  # type: ignore[attr-defined]
        words = " ".join(_placeholder(word, lang) for word in " ".join(pieces).split(" "))
        prefix = Message("cli.help.usage")(lang) + " "
        formatter.write_usage(ctx.command_path, words, prefix=prefix)

    def format_options(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        lang = _lang(ctx)
        required = f"[{Message('cli.help.required')(lang)}]"
        # Click writes `[default: …]` in English whatever the help's language.
        default = f"[{Message('cli.help.default')(lang)}: "
        rows = []
        for param in self.get_params(ctx):  # type: ignore[attr-defined]
            # Arguments are named in the usage line; click 8.5 lists them here too, without
            # a word of help.
            if not isinstance(param, click.Option):
                continue
            param.help = _help_text(ctx, _param_name(ctx, param), param.help)
            record = _help_record(ctx, param, lang)
            if record is not None:
                said = record[1].replace("[required]", required)
                rows.append((record[0], said.replace("[default: ", default)))
        if rows:
            with formatter.section(Message("cli.help.options")(lang)):
                formatter.write_dl(rows)
        if isinstance(self, click.Group):
            self.format_commands(ctx, formatter)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        assert isinstance(self, click.Group)
        commands = [
            (name, command)
            for name in self.list_commands(ctx)
            if (command := self.get_command(ctx, name)) is not None and not command.hidden
        ]
        if not commands:
            return
        limit = formatter.width - 6 - max(len(name) for name, _ in commands)
        rows = []
        for name, command in commands:
            command.help = _help_text(ctx, "about", command.help, name)
            rows.append((name, command.get_short_help_str(limit)))
        with formatter.section(Message("cli.help.commands")(_lang(ctx))):
            formatter.write_dl(rows)


def _placeholder(word: str, lang: str) -> str:
    """A placeholder of the help (`[OPTIONS]`, `PATH`, `CHECK_ID`, `[ARGS]...`) in the user's
    language, its brackets and dots kept; anything else (`[en|nl]`, `-i`) as it is."""
    core = word.strip("[].")
    key = f"cli.help.placeholder.{core.casefold()}"
    if not core or not has(key, lang):
        return word
    return word.replace(core, Message(key)(lang), 1)


def _help_record(ctx: click.Context, param: click.Option, lang: str):
    """The option's line of help with its placeholder in the user's language. Click names the
    placeholder after the value's type (`PATH`); it is put back after, since the same option
    shows its help in the other language too."""
    if param.is_flag or param.metavar is not None:
        return param.get_help_record(ctx)
    try:
        written = param.make_metavar(ctx)  # type: ignore[call-arg]
    except TypeError:  # click before 8.2 takes no context
        written = param.make_metavar()  # type: ignore[call-arg]
    own = f"cli.help.placeholder.{param.name}"
    if has(own, lang):  # what the value is (`PERIODE`) says more than its type (`TEKST`)
        param.metavar = Message(own)(lang)
    else:
        param.metavar = " ".join(_placeholder(word, lang) for word in written.split(" "))
    try:
        return param.get_help_record(ctx)
    finally:
        param.metavar = None


def _param_name(ctx: click.Context, param: click.Parameter) -> str:
    """The option's name in the catalogue; the help option's is `help` (click 8.5 names it
    `_click_default_help`)."""
    return "help" if set(param.opts) & set(ctx.help_option_names) else str(param.name)


def _lang_in(args: list[str]) -> str | None:
    """The catalogue language `--lang` names among the words, if it names one."""
    for index, word in enumerate(args):
        if word == "--":
            break
        value = None
        if word == "--lang" and index + 1 < len(args):
            value = args[index + 1]
        elif word.startswith("--lang="):
            value = word.partition("=")[2]
        if value in languages():
            return value
    return None


def _lang(ctx: click.Context) -> str:
    return ctx.meta.get(LANG_KEY, DEFAULT_LANG)


def _help_text(ctx: click.Context, name: str, written: str | None, command: str | None = None):
    """The catalogue's text for an option (or `about` a command) of this command, else the
    one every command shares; the group's own under `cli.help`."""
    command = command or (ctx.command.name if ctx.parent is not None else None)
    lang = _lang(ctx)
    own = f"cli.help.{command}.{name}" if command else f"cli.help.{name}"
    for key in (own, f"cli.help.any.{name}"):
        if has(key, lang):
            return Message(key)(lang)
    return written


class Command(Spoken, click.Command):
    """A command whose help is in the user's language, and whose words left over (an export
    named without `-a`) are said as such."""

    allow_extra_args = True

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        # `--help --lang en` asks for English help as `--lang en --help` does: the language
        # is settled before any eager option acts, wherever it stands.
        if (lang := _lang_in(args)) is not None:
            ctx.meta[LANG_KEY] = lang
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
