"""An account row's identity: its platform, handle and profile URL as people type them.

A cell holds `@GemeenteZeist`, `Twitter: @GemeenteZeist`, `https://x.com/Zeist (oud)`, a
display name, a short link, an emoji beside a link, or a profile on a server no list holds; this
makes of them the platform and handle that name the account, or says why none can be made.
"""

from __future__ import annotations

import re
import unicodedata

from auditor.identity import (
    channel_id_as_written,
    home_addresses,
    looks_like_url,
    normalize_handle,
    parse_platform,
    parse_url,
    platform_key,
    profile_path,
    unwrapped,
)
from auditor.identity import platform_from_url as url_platform
from auditor.messages import Message, platform_name
from auditor.models import HOSTED_PLATFORMS, Platform
from auditor.problems import Level
from auditor.register import cells
from auditor.register.cells import key
from auditor.register.sheet import SheetReader


def row_identity(
    reader: SheetReader, values: dict, row: int
) -> tuple[str, str, str | None, str | None, bool] | None:
    """The account's platform, handle, profile URL, when the handle column held a name
    rather than a handle, that name, and whether the handle is a name folded (`Gemeente Zeist`
    with no URL); None after reporting why the row cannot be an account.

    A profile URL names the account exactly, so its handle is the identity; a handle column
    that disagrees (often holding the display name) is reported, not used.
    """
    raw_platform = cells.text(values.get("platform")) or reader.implied_platform
    raw_handle = _as_typed(reader, cells.text(values.get("handle")), row, "handle")
    raw_url = _as_typed(reader, cells.text(values.get("url")), row, "url")
    raw_url = raw_url or _profile_url(values.get("website"))
    name_beside = None
    if raw_url and not looks_like_url(raw_url):
        if raw_handle is None:
            raw_handle, raw_url = raw_url, None  # a bare handle typed in the URL column
        elif HANDLE_TYPED.fullmatch(raw_url) and re.search(r"\s", raw_handle):
            # `@bunnikjong` in the link column beside `Bunnik Jong`: the link column names
            # the account, the other its name as people know it.
            name_beside, raw_handle, raw_url = raw_handle, raw_url, None
        else:
            reader.notice(
                "not_a_url", Message("register.not_a_url", value=raw_url), row=row, column="url"
            )
            raw_url = None
    url = raw_url or (raw_handle if raw_handle and looks_like_url(raw_handle) else None)
    if raw_handle and raw_handle == url:
        raw_handle = None
    from_url = url_platform(url) if url else None
    platform = platform_key(raw_platform) if raw_platform else None
    if raw_platform and platform is None and from_url is None:
        reader.problem(
            Message("register.not_a_platform", value=raw_platform), row=row, column="platform"
        )
        return None
    if from_url is not None and platform != from_url.value:
        if platform is not None:
            reader.notice(
                "platform_from_url",
                Message(
                    "register.platform_from_url",
                    value=raw_platform,
                    platform=platform_name(from_url.value),
                ),
                row=row,
                column="platform",
            )
        platform = from_url.value
    if platform is None and url and raw_platform is None:
        platform = _platform_of_host(url)
        if platform is not None:
            reader.problem(
                Message("register.platform_from_host", url=url, platform=platform),
                row=row,
                column="platform",
                level=Level.WARNING,
            )
    if platform is None:
        reader.problem(Message("register.no_platform"), row=row, column="platform")
        return None
    url_handle = None
    if url and (from_url is not None or platform not in HOSTED_PLATFORMS):
        url_handle = profile_handle(platform, url)
    # Another site's address, or one on the platform that names no account (a video's, a
    # short link).
    if url and url_handle is None and raw_handle is None and _short_link(url):
        column = _holding(values, url)
        reader.problem(Message("register.short_link", url=url), row=row, column=column)
        return None
    if url and url_handle is None and (from_url is not None or platform in HOSTED_PLATFORMS):
        if raw_handle is None:
            # Nothing else names the account: one error that says why, not a warning that
            # the account name is used followed by one that there is none.
            column = _holding(values, url)
            reader.problem(
                Message("register.not_a_profile_no_handle", url=url, platform=platform),
                row=row,
                column=column,
            )
            return None
        reader.notice(
            "not_a_profile",
            Message("register.not_a_profile", url=url, platform=platform),
            row=row,
            column="url",
        )
    typed = normalize_handle(raw_handle) if raw_handle else None
    if typed is not None and not any(ch.isalnum() for ch in typed):
        # `????????`: what a file's encoding left of a name whose letters it could not hold.
        # No platform has such a handle, and `verify` could never find it.
        reader.problem(
            Message(
                "register.no_letters_url" if url_handle else "register.no_letters",
                # As the cell has it: the cleaning took trailing question marks for punctuation.
                value=cells.text(values.get("handle")) or raw_handle,
            ),
            row=row,
            column="handle",
            level=Level.WARNING if url_handle else Level.ERROR,
        )
        if url_handle is None:
            return None
        typed = None
    name_in_handle = None
    same = typed == url_handle or (
        platform == Platform.MASTODON and typed in home_addresses(url_handle or "")
    )
    if url_handle and typed and not same:
        reader.notice(
            "name_not_handle",
            Message(
                "register.name_not_handle",
                value=raw_handle,
                # A channel's id as the link writes it: folded, it reads as a name.
                handle=channel_id_as_written(platform, url_handle, url) or url_handle,
            ),
            row=row,
            column="handle",
        )
        if re.search(r"[\s,]", raw_handle):  # a display name, not a mistyped handle
            name_in_handle = raw_handle
    elif url_handle and same and re.search(r"\s", raw_handle or ""):
        # `Brookfield Council` beside facebook.com/brookfieldcouncil: the page's name, which
        # folds to its handle; the name people see, as a different one beside a URL is.
        name_in_handle = raw_handle
    handle = url_handle or typed
    if handle is None:
        reader.problem(
            Message("register.no_handle"),
            row=row,
            column="handle" if "handle" in reader.positions else "url",
        )
        return None
    from_name = url_handle is None and bool(raw_handle and re.search(r"\s", raw_handle))
    if from_name:
        reader.notice(
            "looks_like_name",
            Message("register.looks_like_name", value=raw_handle),
            row=row,
            column="handle",
        )
    return platform, handle, url, name_in_handle or name_beside, from_name


# What a handle or URL cell says when there is none: typed, it would become an account that
# anyone could then create under that name.
_PLACEHOLDER = re.compile(
    r"leeg|volgt|onbekend|unknown|nb|ntb|nnb|tbd|todo|nvt|na|geen|none|nietbekend"
    r"|nogniet|nogaanmaken|nogaantemaken|nogtemaken|aanvragen|aangevraagd|zieboven|idem"
)


def _as_typed(reader: SheetReader, raw: str | None, row: int, column: str) -> str | None:
    """A handle or profile URL cell without what was typed around it: brackets and quotes, a
    full stop after it, a platform's name before it (`Twitter: @GemeenteZeist`), a note after a
    link (`https://x.com/Zeist (oud: …)`). A cell with two links is read by its first, and
    says so."""
    if raw is None:
        return None
    # Wide forms an East Asian keyboard or a PDF gives (`＠zeist`) are the plain characters.
    raw = unicodedata.normalize("NFKC", raw)
    # An emoji or sign beside it (`instagram.com/zeist 🎉`, `📷 @zeist`) is no part of it.
    text = unwrapped(" ".join(t for t in raw.split() if not _only_symbols(t)) or raw)
    if _PLACEHOLDER.fullmatch(key(text)) or key(text).startswith(("nogaan", "nognie", "nogte")):
        return None  # `(nog aanmaken)`, `volgt`, `onbekend`: no handle yet, not one called so
    text = split_former(text)[0]  # `@SportInZeist (voorheen @ZeistSport)`: the first
    tokens = [unwrapped(t) for t in text.split()]
    links = [t for t in tokens if t and looks_like_url(t)]
    # A profile before a site: `https://www.zeist.nl/sport https://x.com/zeistsport`.
    links.sort(key=lambda link: url_platform(link) is None)
    if len(links) > 1:
        reader.problem(
            Message("register.several_links", value=raw, used=links[0]),
            row=row,
            column=column,
            level=Level.WARNING,
        )
        return links[0]
    if links and (not looks_like_url(text) or re.search(r"\s[(\[–-]|[,;]\s", text)):
        # `Twitter: https://x.com/Zeist`, `https://x.com/Zeist (oud)`, and a SharePoint list's
        # link column, which gives the address and the text it shows: `https://x.com/Zeist,
        # Zeist op X` (the account was `x:zeist,zeistopx`).
        return links[0]
    label, colon, rest = text.partition(":")
    rest = rest.strip()
    if colon and rest and " " not in rest and not rest.startswith("//") and parse_platform(label):
        return rest  # `Twitter: @GemeenteZeist`, and the id form `x:gemeentezeist`
    handles = [t for t in tokens if HANDLE_TYPED.fullmatch(t)]
    if len(tokens) > 1 and len(handles) == 1:
        # `@GemeenteZeist (Gemeente Zeist)`, `@zeist op X`, `Gemeente Zeist (@zeist)`: the one
        # @handle among words. Taken whole, the words became the account (`x:zeistopx`).
        return handles[0]
    return text or None


# A note after a handle or link of the name the account had before: `(voorheen @ZeistSport)`,
# `, oude naam @ZeistCultuur`, `(was: x.com/WijkZeist)`; an @handle or a link, so that a name
# (`Museum Oud Zeist`) keeps its words.
_FORMER_NOTE = re.compile(
    r"[\s,;]*[(\[]?\s*(?:voorheen|vroeger|eerder|oude\s+naam|oud|was|formerly|previously|old)"
    r"\b\s*:?\s*(?P<former>@[^()\[\]\s]+|[^()\[\]\s]*[./][^()\[\]\s]*)\s*[)\]]?\s*$",
    re.IGNORECASE,
)


def split_former(text: str) -> tuple[str, str | None]:
    """A cell's account, and the one a note after it says it was before (else None)."""
    found = _FORMER_NOTE.search(text)
    if found is None or not text[: found.start()].strip():
        return text, None
    return text[: found.start()].strip(), unwrapped(found.group("former")) or None


# Hosts of short links and link pages: an address there says nothing of the account it
# leads to, and the auditor does not follow it (it reads no web).
_SHORTENERS = {
    *("bit.ly", "t.co", "tinyurl.com", "ow.ly", "buff.ly", "lnkd.in", "goo.gl", "is.gd"),
    *("rebrand.ly", "s.id", "shorturl.at", "cutt.ly", "tiny.cc", "linktr.ee", "fb.me"),
    *("youtu.be", "vm.tiktok.com", "instagr.am", "bit.do", "rb.gy"),
}


def _holding(values: dict, url: str) -> str:
    """The column whose cell holds the address: URL, or Account or Website where it was typed."""
    return next(
        (c for c in ("url", "handle", "website") if url in (cells.text(values.get(c)) or "")),
        "url",
    )


def _short_link(url: str) -> bool:
    parsed = parse_url(url)
    host = (parsed.hostname or "").casefold().removeprefix("www.") if parsed else ""
    # TikTok's share button gives `tiktok.com/t/ZT…` besides vm.tiktok.com.
    on_tiktok_t = host == "tiktok.com" and bool(parsed) and parsed.path.startswith("/t/")
    return host in _SHORTENERS or on_tiktok_t


def _only_symbols(token: str) -> bool:
    """An emoji or a sign (`🎉`, `✅`, `👉`), with the joiners that build one; not `?`."""
    return all(unicodedata.category(ch).startswith("S") or ch in "\u200d\ufe0f" for ch in token)


def _platform_of_host(url: str) -> str | None:
    """The platform a profile address names when the Platform cell is empty and the auditor
    does not know its host: a fediverse server's `/@name` is Mastodon; a platform's host, its
    name (`www.flickr.com/photos/zeist` → `flickr`, `t.me/zeist` → `telegram`)."""
    parsed = parse_url(url)
    host = (parsed.hostname or "") if parsed else ""
    if not host or profile_path(url) is None:
        return None
    segments = [s for s in parsed.path.split("/") if s] if parsed else []
    if segments and segments[0].startswith("@"):
        return Platform.MASTODON.value
    labels = host.casefold().removeprefix("www.").removeprefix("m.").split(".")
    # Only a host that is a platform: the municipality's own site (zeist.nl/sport) is none.
    return _OTHER_PLATFORMS.get(labels[-2]) if len(labels) >= 2 else None


# Platforms the auditor has no adapter for, by the name in their host.
_OTHER_PLATFORMS = {
    name: name
    for name in (
        *("flickr", "pinterest", "snapchat", "vimeo", "soundcloud", "twitch", "reddit"),
        *("medium", "tumblr", "nextdoor", "discord", "spotify", "telegram", "strava", "issuu"),
        *("substack", "hyves", "vk", "weibo", "wechat", "line"),
    )
} | {"t": "telegram"}


def aliases(values: dict, handle: str, name_in_handle: str | None) -> list[str]:
    """A handle typed beside a profile URL that names the account otherwise: a YouTube
    channel has an @name and a channel id, and `verify` must know it by either."""
    typed = cells.text(values.get("handle"))
    if typed is None or name_in_handle is not None or looks_like_url(typed):
        return []
    alias = normalize_handle(typed)
    return [alias] if alias and alias != handle and not re.search(r"\s", typed) else []


def _profile_url(website: object) -> str | None:
    """A platform profile typed in a Link/Website column of a register without a URL column:
    it names the account, whatever else it fails to be. So does an `@handle`, a profile on a
    server of the fediverse (`https://indieweb.social/@name`), whose host no list holds, and
    one on another platform's host (`flickr.com/photos/zeist`)."""
    raw = cells.text(website)
    if not raw:
        return None
    if looks_like_url(raw) and (shown := re.match(r"(\S+?)[,;]\s", raw)):
        raw = shown[1]  # a SharePoint link column's `address, text it shows`
    if HANDLE_TYPED.fullmatch(raw):
        return raw
    if looks_like_url(raw) and (
        url_platform(raw) is not None or _on_fediverse(raw) or _platform_of_host(raw)
    ):
        return raw
    return None


# An @handle as typed; a fediverse one with its server (`@name@server`).
HANDLE_TYPED = re.compile(r"@[\w.]+(@[\w.-]+)?")


def _on_fediverse(url: str) -> bool:
    parsed = parse_url(url)
    return parsed is not None and re.fullmatch(r"/@[\w.]+/?", parsed.path or "") is not None


_KNOWN = {p.value for p in Platform}


def profile_handle(platform: str, url: str) -> str | None:
    """The handle a profile URL names; a Mastodon account keeps its server (`name@server`);
    on a platform the auditor does not know, the first part of the path that is no prefix
    (`flickr.com/photos/gemeentezeist` → `gemeentezeist`)."""
    if platform not in _KNOWN:
        return normalize_handle(profile_path(url))
    handle = normalize_handle(url)
    if handle and platform == Platform.MASTODON and "@" not in handle:
        parsed = parse_url(url)
        host = parsed.hostname if parsed else None
        if host:
            return f"{handle}@{host.casefold()}"
    return handle
