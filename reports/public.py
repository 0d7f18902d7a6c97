"""The public page of official accounts: one self-contained HTML file for the municipality's
website, readable without script, at any width, with a screen reader (WCAG 2.1 AA)."""

from __future__ import annotations

import base64
import hashlib
from functools import cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from auditor.identity import channel_id_as_written, is_channel_id
from auditor.messages import show, text
from auditor.models import Platform
from auditor.publish import CSV_FILE, JSON_FILE, PAGE_FILE, SCHEMA_FILE, PublicAccount, PublicList

HERE = Path(__file__).parent

# Platforms where an account is written as @name.
_AT = {
    Platform.X,
    Platform.INSTAGRAM,
    Platform.TIKTOK,
    Platform.YOUTUBE,
    Platform.THREADS,
    Platform.MASTODON,
    Platform.BLUESKY,
}


@cache
def _environment() -> Environment:
    return Environment(
        loader=FileSystemLoader(HERE / "templates"),
        autoescape=True,  # register text is never markup
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        # The templates are the package's own and do not change during a run: without this,
        # every include (one per finding on a page) looks at the file's modification time.
        auto_reload=False,
    )


@cache
def _css() -> str:
    return (HERE / "static" / "public.css").read_text(encoding="utf-8")


def handle_label(account: PublicAccount) -> str:
    """The handle as the platform writes it: `@gemeentezeist`, `@zeist@mastodon.social`; a
    YouTube channel known only by its id has no @name, and its id is shown as written."""
    if is_channel_id(account.platform, account.handle):
        # Its case, lost in the handle, is kept in the link (`youtube.com/channel/UCabc…`).
        return channel_id_as_written(account.platform, account.handle, account.url) or ""
    return f"@{account.handle}" if account.platform in _AT else account.handle


def render_public_page(public: PublicList, lang: str) -> str:
    css = _css()
    digest = base64.b64encode(hashlib.sha256(css.encode()).digest()).decode()

    def t(key: str, **values: object) -> str:
        return text(f"publish.page.{key}", lang, **values)

    def goals(account: PublicAccount) -> str:
        return show([text(f"publish.goal.{g}", lang) for g in account.goals], lang)

    return (
        _environment()
        .get_template("public.html")
        .render(
            lang=lang,
            page=t,
            css=Markup(css),  # our own file, inlined as written: its hash is in the CSP
            csp=f"default-src 'none'; style-src 'sha256-{digest}'; base-uri 'none'; "
            "form-action 'none'",
            public=public,
            organisation=public.organisation,
            date=lambda value: show(value, lang),
            platform=lambda account: (
                text(f"platform.{account.platform}", lang)
                if account.platform in set(Platform)
                else account.platform_name
            ),
            handle=handle_label,
            goals=goals,
            files={"csv": CSV_FILE, "json": JSON_FILE, "schema": SCHEMA_FILE},
        )
    )


def write_public_page(public: PublicList, folder: Path, lang: str) -> Path:
    path = Path(folder) / PAGE_FILE
    path.write_text(render_public_page(public, lang), encoding="utf-8")
    return path
