"""Account identity: platform names and handles as people write them, made canonical."""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import ParseResult, parse_qs, unquote, urlparse

from auditor.models import Platform

PLATFORM_ALIASES: dict[str, Platform] = {
    "x": Platform.X,
    "twitter": Platform.X,
    "xtwitter": Platform.X,
    "twitterx": Platform.X,
    "xcom": Platform.X,
    "tw": Platform.X,
    "facebook": Platform.FACEBOOK,
    "fb": Platform.FACEBOOK,
    "meta": Platform.FACEBOOK,
    "instagram": Platform.INSTAGRAM,
    "ig": Platform.INSTAGRAM,
    "insta": Platform.INSTAGRAM,
    "linkedin": Platform.LINKEDIN,
    "li": Platform.LINKEDIN,
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
    "fb.me": Platform.FACEBOOK,
    "instagram.com": Platform.INSTAGRAM,
    "instagr.am": Platform.INSTAGRAM,
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
    "groups",  # facebook.com/groups/name, linkedin.com/groups/123
    "add",  # snapchat.com/add/name
    "s",  # t.me/s/name, a Telegram channel's web preview
    "@",
}
_NOT_HANDLES = {"status", "posts", "videos", "photos", "about", "feed", "reel", "p"}
# A video's address names no channel (`youtube.com/watch?v=…`, `/shorts/…`, `/live/…`).
_NOT_HANDLES |= {"watch", "shorts", "live", "embed", "playlist", "results"}
# Short links name a video, not its account, until they are followed (`vm.tiktok.com/ZM…`).
_SHORT_LINK_HOSTS = {"vm.tiktok.com", "vt.tiktok.com"}
# The platforms' own pages, which no account is: x.com/i/lists/1, x.com/hashtag/zeist,
# instagram.com/explore/tags/zeist, youtube.com/watch?v=…, facebook.com/sharer/….
_NOT_HANDLES |= {"i", "intent", "hashtag", "search", "explore", "watch", "share", "sharer"}
_NOT_HANDLES |= {"login", "home", "settings", "notifications", "messages", "results", "category"}
# A platform's own pages where an account's name would stand, one platform at a time (a word
# that is a page on one may be an account's name on another): Facebook's link redirect
# (`l.facebook.com/l.php?u=…`) and a post's, photo's or event's address, an Instagram reel's
# or a LinkedIn article's, TikTok's discovery pages, WhatsApp's link to send a message.
_SITE_PAGES: dict[Platform, set[str]] = {
    Platform.FACEBOOK: {
        *("l.php", "story.php", "permalink.php", "photo.php", "video.php", "photo", "media"),
        *("events", "marketplace", "help", "gaming", "dialog", "plugins", "watch", "reel"),
    },
    Platform.INSTAGRAM: {"reels", "tv", "accounts", "direct"},
    Platform.LINKEDIN: {"pulse", "authwall", "jobs", "learning", "events", "checkpoint", "uas"},
    Platform.TIKTOK: {"discover", "foryou", "following", "tag", "music", "t"},
    Platform.WHATSAPP: {"send"},
    Platform.YOUTUBE: {"feed", "hashtag", "redirect"},
}
# Where such a page names its account after it: instagram.com/stories/name/123.
_SITE_PREFIXES: dict[Platform, set[str]] = {Platform.INSTAGRAM: {"stories"}}


def _key(value: str) -> str:
    # Compatibility forms first: `𝕏`, the letter X's own logo is written with, is an X, and
    # was "not a platform name"; `Ｘ` typed full width alike.
    folded = unicodedata.normalize("NFKD", value).casefold()
    return re.sub(r"[^a-z0-9]", "", folded)


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
    # A platform named among other words: `X (voorheen Twitter)`, `Kanaal: YouTube`.
    words = [_key(w) for w in re.split(r"[^\w]+", str(value)) if _key(w)]
    found = {PLATFORM_ALIASES[w] for w in words if len(w) > 3 and w in PLATFORM_ALIASES}
    found.discard(Platform.OTHER)
    return found.pop() if len(found) == 1 else None


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
    segments = _segments(parsed)
    if (parsed.hostname or "").casefold() in _SHORT_LINK_HOSTS:
        return None
    if _is_profile_php(segments):
        return _profile_id(parsed)
    if page_id := _page_id(parsed, segments):
        return page_id
    if parsed.hostname and parsed.hostname.endswith(".social") and segments:
        if segments[0].casefold() in ("users", "web") and len(segments) > 1:
            segments = segments[1:]  # mastodon.social/users/name (the actor), /web/@name
        return segments[0].lstrip("@") or None  # mastodon.social/@name
    platform = platform_from_url(url)
    first = segments[0].casefold() if segments and platform else ""
    if platform and first in _SITE_PREFIXES.get(platform, set()):
        segments = segments[1:]
    elif platform and first in _SITE_PAGES.get(platform, set()):
        return None
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


def _segments(parsed: ParseResult) -> list[str]:
    """The parts of a URL's path; of its fragment in twitter.com/#!/name, as registers begun
    before 2012 wrote an X account; of the page a login wall sends on to, as a link copied
    while logged out reads (`x.com/i/flow/login?redirect_after_login=%2Fname`)."""
    path = parsed.path
    query = {k.casefold(): v for k, v in parse_qs(parsed.query).items()}
    walled = bool(re.search(r"login|authwall", path.casefold()))
    for name in ("redirect_after_login", "next", "redirect", "continue", "sessionredirect"):
        target = (query.get(name) or [""])[0] if walled else ""
        if target.startswith("/") and not target.startswith("//"):
            path = urlparse(target).path
            break
        # The whole address of the page (Facebook's `login/?next=https://…`, LinkedIn's
        # `authwall?sessionRedirect=https://…`): only on the same platform.
        if target.startswith(("https://", "http://")) and platform_from_url(target) == (
            platform_from_url(parsed.geturl())
        ):
            path = urlparse(target).path
            break
    if path.strip("/") == "" and parsed.fragment.startswith("!/"):
        path = parsed.fragment[1:]
    return [unquote(s) for s in path.split("/") if s]


def _on_facebook(parsed: ParseResult) -> bool:
    return platform_from_url(parsed.geturl()) == Platform.FACEBOOK


def _trailing_id(segment: str) -> str | None:
    """The page id ending `Gemeente-Zeist-100064012345678`, or a segment of digits alone."""
    found = re.search(r"(?:^|-)(\d{5,})$", segment)
    return found[1] if found else None


def _page_id(parsed: ParseResult, segments: list[str]) -> str | None:
    """The id of a Facebook page in `/p/Name-1…`, `/pages/Name/1…`, `/people/Name/1…` or
    `/Name-1…`:
    the page is its id, the name is decoration (an impostor's page may carry the same)."""
    if segments and "-" in segments[0] and _on_facebook(parsed):
        # `/Gemeente-Zeist-100064012345678`, a page as Facebook named it before usernames:
        # a username holds no hyphen, so this is a name and the page's id.
        return _trailing_id(segments[0]) if "-" in segments[0].rstrip("0123456789") else None
    if len(segments) < 2 or segments[0].casefold() not in ("p", "pages", "people"):
        return None
    if not _on_facebook(parsed):
        return None
    return next((i for s in reversed(segments[1:4]) if (i := _trailing_id(s))), None)


def _is_profile_php(segments: list[str]) -> bool:
    return bool(segments) and segments[0].casefold() == "profile.php"


def _profile_id(parsed: ParseResult) -> str | None:
    """The id in `facebook.com/profile.php?id=1`, whatever the case of `id`."""
    query = {k.casefold(): v for k, v in parse_qs(parsed.query).items()}
    found = (query.get("id") or [""])[0].strip().rstrip("/")  # `?id=1/`: a slash typed after
    return found or None


# Where a platform keeps names apart: a LinkedIn person (`/in/name`) is not the company page of
# the same name, nor a Facebook group (`/groups/name`) the page. Company and showcase pages
# share their names (LinkedIn sends `/company/name` on to `/showcase/name`).
_KINDS = {
    Platform.LINKEDIN: {
        "company": "page",
        "showcase": "page",
        "in": "person",
        "pub": "person",
        "school": "school",
        "groups": "group",
    },
    Platform.FACEBOOK: {"groups": "group"},
}
_USUAL_KIND = {Platform.LINKEDIN: "page", Platform.FACEBOOK: "page"}


def profile_kind(url: str | None, platform: str) -> str | None:
    """What kind of profile a URL on a platform with several is (`page`, `person`, `group`);
    without a URL, the kind an organisation's account usually is; None elsewhere."""
    kinds = _KINDS.get(platform)  # type: ignore[call-overload]
    if kinds is None:
        return None
    parsed = parse_url(url) if url else None
    if parsed is None or platform_from_url(url or "") != platform:
        return _USUAL_KIND[platform]  # type: ignore[index]
    segments = _segments(parsed)
    first = segments[0].casefold() if segments else ""
    return kinds.get(first, _USUAL_KIND[platform])  # type: ignore[index]


def profile_path(url: str) -> str | None:
    """The first part of a URL's path that is no common prefix (`photos`, `user`, `@`); a
    Facebook page's id where its URL gives one (`profile.php?id=1`, `/pages/Name/1`), since
    the rest of such a path is the same for every page or chosen freely."""
    parsed = parse_url(url)
    if parsed is None:
        return None
    segments = _segments(parsed)
    if _is_profile_php(segments):
        return _profile_id(parsed)
    if page_id := _page_id(parsed, segments):
        return page_id
    named = [s for s in segments if s.casefold() not in _PREFIXES | _NOT_HANDLES and s.lstrip("@")]
    if len(named) > 1 and named[0].casefold().endswith("-detail"):
        # `nextdoor.nl/agency-detail/utrecht/gemeente-utrecht/`: a kind of page and where it
        # is, the account last.
        return named[-1].lstrip("@")
    return named[0].lstrip("@") if named else None


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


def home_addresses(address: str) -> list[str]:
    """The addresses a Mastodon account served from `server` may also go by: its name on each
    domain above the server (`name@social.zeist.nl` → `name@zeist.nl`). A server may give its
    accounts the organisation's own domain (`@name@zeist.nl`, served from social.zeist.nl);
    an archive names the server, the register often the address. Only upwards: whoever holds
    zeist.nl holds social.zeist.nl, not the other way round."""
    name, at, server = address.partition("@")
    labels = server.split(".")
    if not at or not name:
        return []
    return [f"{name}@{'.'.join(labels[i:])}" for i in range(1, len(labels) - 1)]


# A channel known by its id, which its address names: a YouTube channel's (`UC` and 22
# characters, in a channel/ address), a WhatsApp channel's (`0029Va…`, letters among the
# digits: `00299…` alone is a phone number in Greenland), a Facebook page's without a username
# (`profile.php?id=1000…`: digits only, which no username is). No handle, and not free of case
# as handles are. The account's id folds it all the same (exports and `[activity.accounts]`
# match on it); only what is shown and linked keeps it as written.
_CHANNEL_IDS = {
    Platform.YOUTUBE: re.compile(r"uc[\w-]{22}", re.IGNORECASE),
    Platform.WHATSAPP: re.compile(r"0029(?=\d*[a-z])[a-z0-9]{10,40}", re.IGNORECASE),
    Platform.FACEBOOK: re.compile(r"[0-9]{5,20}"),
}
_CHANNEL_ADDRESSES = {
    Platform.YOUTUBE: "https://www.youtube.com/channel/{id}",
    Platform.WHATSAPP: "https://whatsapp.com/channel/{id}",
    Platform.FACEBOOK: "https://www.facebook.com/profile.php?id={id}",
}


def is_channel_id(platform: str | None, handle: str) -> bool:
    pattern = _CHANNEL_IDS.get(platform)  # type: ignore[call-overload]
    return pattern is not None and pattern.fullmatch(handle) is not None


def channel_id_as_written(platform: str, handle: str, *cells: str | None) -> str | None:
    """The channel id a YouTube or WhatsApp account's folded handle is, as the first of the
    register's `cells` that holds it writes it (`UCabc…`, `0029Va…`); None for any other
    handle."""
    if not is_channel_id(platform, handle):
        return None
    for cell in cells:
        for found in _CHANNEL_IDS[platform].finditer(cell or ""):  # type: ignore[index]
            if found[0].casefold() == handle:
                return found[0]
    return handle


def handle_as_written(handle: str, *cells: str | None) -> str | None:
    """The handle as the first of the register's `cells` that holds it spells it
    (`RijnwoudeNL` for `rijnwoudenl`), when that is not how the folded handle reads; else
    None. Accounts are matched folded; they are shown as their owners write them."""
    if not handle:
        return None
    pattern = re.compile(r"(?<![\w.@])@?(" + re.escape(handle) + r")(?![\w])", re.IGNORECASE)
    for cell in cells:
        found = pattern.search(cell or "")
        if found:
            return found[1] if found[1] != handle else None
    return None


def channel_address(platform: str, channel_id: str) -> str:
    """A channel's own address, its id in its own case (not `youtube.com/@UC…`)."""
    return _CHANNEL_ADDRESSES[platform].format(id=channel_id)  # type: ignore[index]


def handle_shown(
    platform: str | None, handle: str, channel_id: str | None = None, written: str | None = None
) -> str:
    """A handle as the reports and messages show it: `@gemeentezeist`, in the register's
    spelling when it has one (`written`: `@RijnwoudeNL`); a channel's id without @ and as
    written (`UCabc…`, `0029Va…`), since it is no @name."""
    if channel_id or is_channel_id(platform, handle):
        return channel_id or handle
    return f"@{written or handle}"


def make_account_id(platform: Platform | str, handle: str) -> str:
    return f"{platform}:{handle.casefold().lstrip('@')}"


# What stands around a handle or link copied from a sentence or a mail.
_QUOTES = "\"'“”‘’«»„‹›"
_AFTER = ".,;:!?"
_PAIRS = {"(": ")", "[": "]", "{": "}", "<": ">"}


def unwrapped(text: str) -> str:
    """Text without quotes around it, a bracket pair around it or a full stop after it; a
    bracket that closes one opened inside (`x.com/zeist_(oud)`) stays."""
    text = text.strip().strip(_QUOTES).rstrip(_AFTER).strip(_QUOTES)
    while text[:1] in _PAIRS and text.endswith(_PAIRS[text[:1]]):
        text = text[1:-1].strip().strip(_QUOTES).rstrip(_AFTER)
    if text[:1] in _PAIRS and _PAIRS[text[:1]] not in text:  # `(https://x.com/a),` cut short
        text = text[1:]
    openers = {v: k for k, v in _PAIRS.items()}
    if text[-1:] in openers and openers[text[-1:]] not in text:  # `https://x.com/a)`
        text = text[:-1].rstrip(_AFTER)
    return text


_ONE_HANDLE = re.compile(r"@[\w.]+(?:@[\w.-]+)?")


def account_as_written(text: str, platform: str | None = None) -> str:
    """An account as a person or an inbox tool writes it beside others' words, without them:
    `Twitter: @zeist` and `X - @zeist` (a platform named before it), `@zeist (X)` and
    `Gemeente Zeist (X)` (a remark in brackets after it), `@zeist op X` (the one @handle
    among words). A URL or a plain handle is returned as it is; a platform named before it
    that is not `platform` stays (`x:zeist` on a Facebook row is no Facebook account)."""
    text = unicodedata.normalize("NFKC", text).strip()
    if looks_like_url(text):
        return text
    parts = re.split(r"\s*(?::|\s[-–]\s)\s*", text, maxsplit=1)
    named = parse_platform(parts[0]) if len(parts) == 2 and parts[1] else None
    if named is not None and platform in (None, named.value):
        text = parts[1]
    text = re.sub(r"\s*[(\[][^()\[\]]*[)\]]$", "", text).strip() or text
    handles = _ONE_HANDLE.findall(text)
    if len(handles) == 1 and len(text.split()) > 1:
        return handles[0]
    return text
