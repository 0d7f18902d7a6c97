"""Account identity: platform names and handles as people write them, made canonical."""

from __future__ import annotations

import re
from urllib.parse import ParseResult, parse_qs, unquote, urlparse

from auditor.models import Platform

PLATFORM_ALIASES: dict[str, Platform] = {
    "x": Platform.X,
    "twitter": Platform.X,
    "xtwitter": Platform.X,
    "twitterx": Platform.X,
    "facebook": Platform.FACEBOOK,
    "fb": Platform.FACEBOOK,
    "meta": Platform.FACEBOOK,
    "instagram": Platform.INSTAGRAM,
    "ig": Platform.INSTAGRAM,
    "insta": Platform.INSTAGRAM,
    "linkedin": Platform.LINKEDIN,
    "youtube": Platform.YOUTUBE,
    "yt": Platform.YOUTUBE,
    "tiktok": Platform.TIKTOK,
    "mastodon": Platform.MASTODON,
    "bluesky": Platform.BLUESKY,
    "bsky": Platform.BLUESKY,
    "threads": Platform.THREADS,
    "whatsapp": Platform.WHATSAPP,
    "whatsappkanaal": Platform.WHATSAPP,
    "whatsappchannel": Platform.WHATSAPP,
    "other": Platform.OTHER,
    "overig": Platform.OTHER,
    "anders": Platform.OTHER,
}

_HOSTS: dict[str, Platform] = {
    "x.com": Platform.X,
    "twitter.com": Platform.X,
    "facebook.com": Platform.FACEBOOK,
    "fb.com": Platform.FACEBOOK,
    "instagram.com": Platform.INSTAGRAM,
    "linkedin.com": Platform.LINKEDIN,
    "youtube.com": Platform.YOUTUBE,
    "tiktok.com": Platform.TIKTOK,
    "bsky.app": Platform.BLUESKY,
    "threads.net": Platform.THREADS,
    "threads.com": Platform.THREADS,
    "whatsapp.com": Platform.WHATSAPP,
}

# Path segments that come before the handle rather than being it.
_PREFIXES = {
    "company",
    "showcase",
    "school",
    "in",
    "channel",
    "c",
    "user",
    "pages",
    "pg",
    "profile",
    "people",
    "users",  # Mastodon's actor URL, https://instance/users/name
    "web",  # Mastodon's web app as a logged-in browser shows it, https://instance/web/@name
    "@",
}
_NOT_HANDLES = {"status", "posts", "videos", "photos", "about", "feed", "reel", "p"}


def _key(value: str) -> str:
    return re.sub(r"[^a-z0-9]", "", value.casefold())


def parse_platform(value: object) -> Platform | None:
    """`Twitter`, ` X `, `Facebook-pagina`… → Platform; None when unknown."""
    if value is None:
        return None
    key = _key(str(value))
    if not key:
        return None
    if key in PLATFORM_ALIASES:
        return PLATFORM_ALIASES[key]
    for alias, platform in PLATFORM_ALIASES.items():
        if len(alias) > 3 and key.startswith(alias):
            return platform
    return None


def platform_key(value: object) -> str | None:
    """A platform's name as the register keeps it: a known platform's value (`Twitter` → `x`),
    else the name as written, folded (`Flickr` → `flickr`); None when it is no name at all."""
    known = parse_platform(value)
    if known is not None:
        return known.value
    key = _key(str(value)) if value is not None else ""
    # A platform is a word, not a number, a sentence or a formula's debris.
    if not key or len(key) > 30 or not re.search(r"[a-z]", key):
        return None
    return key


def parse_url(url: str) -> ParseResult | None:
    """A URL's parts; None for text urllib cannot split (a `[` opens an IPv6 host that a
    register cell or a bio never closes)."""
    try:
        return urlparse(_with_scheme(url.strip()))
    except ValueError:
        return None


def platform_from_url(url: str) -> Platform | None:
    parsed = parse_url(url)
    if parsed is None:
        return None
    host = (parsed.hostname or "").removeprefix("www.").removeprefix("m.")
    for suffix, platform in _HOSTS.items():
        if host == suffix or host.endswith("." + suffix):
            return platform
    return None


def _with_scheme(value: str) -> str:
    return value if "://" in value else "https://" + value


def looks_like_url(value: str) -> bool:
    v = value.strip().casefold()
    return v.startswith(("http://", "https://", "www.")) or bool(
        re.match(r"^[a-z0-9.-]+\.[a-z]{2,}/", v)
    )


def handle_from_url(url: str) -> str | None:
    """The account's handle in a profile or post URL (x.com/name/status/1 → name)."""
    parsed = parse_url(url)
    if parsed is None:
        return None
    segments = [unquote(s) for s in parsed.path.split("/") if s]
    if segments and segments[0].casefold() == "profile.php":  # facebook.com/profile.php?id=1
        ids = parse_qs(parsed.query).get("id")
        return ids[0] if ids and ids[0].strip() else None
    if parsed.hostname and parsed.hostname.endswith(".social") and segments:
        if segments[0].casefold() in ("users", "web") and len(segments) > 1:
            segments = segments[1:]  # mastodon.social/users/name (the actor), /web/@name
        return segments[0].lstrip("@") or None  # mastodon.social/@name
    for seg in segments:
        low = seg.casefold()
        if low in _PREFIXES:
            continue
        if low in _NOT_HANDLES:
            return None
        if seg.startswith("@"):
            return seg[1:] or None
        return seg
    return None


def profile_path(url: str) -> str | None:
    """The first part of a URL's path that is no common prefix (`photos`, `user`, `@`)."""
    parsed = parse_url(url)
    if parsed is None:
        return None
    for segment in (unquote(s) for s in parsed.path.split("/") if s):
        if segment.casefold() not in _PREFIXES | _NOT_HANDLES and segment.lstrip("@"):
            return segment.lstrip("@")
    return None


def normalize_handle(value: object) -> str | None:
    """`@GemeenteZeist`, `gemeentezeist `, `https://x.com/GemeenteZeist` → `gemeentezeist`."""
    if value is None:
        return None
    text = str(value).strip()
    if not text:
        return None
    if looks_like_url(text):
        handle = handle_from_url(text)
        if handle is None:
            return None
        text = handle
    text = text.strip().lstrip("@").strip()
    # A Mastodon-style address `name@server` keeps its server: it is part of the identity.
    text = re.sub(r"\s+", "", text)
    return text.casefold() or None


def make_account_id(platform: Platform | str, handle: str) -> str:
    return f"{platform}:{handle.casefold().lstrip('@')}"
