"""A small hand-built audit for the report tests: three departments, every kind of finding."""

from __future__ import annotations

import datetime as dt
from typing import Any

from pydantic import create_model

from auditor.activity.frame import LedgerEntry, RejectedRow
from auditor.engine import CheckMeta, Evidence, PolicyRef, finding_id, shared
from auditor.messages import AccountRef, Message, PersonRef
from auditor.models import Finding, FindingStatus, Period, Platform, Severity, Skipped
from auditor.result import AccountResult, AuditResult, DepartmentResult

SCRIPT = "<script>alert(1)</script>"
IMG = "<img src=x onerror=alert(1)>"
FORMULAS = ('=HYPERLINK("http://x","y")', "+cmd|' /C calc'!A0", "@SUM(1+1)", "-2+3")


def _meta(check_id, name, severity, title, quote, section, extra=False) -> CheckMeta:
    # Titles and texts are the catalogue's, under the check's id; the sample shares every
    # evidence field it gives.
    return CheckMeta(
        id=check_id,
        name=name,
        family=name.split("-")[0],
        severity=severity,
        policy=PolicyRef(section=section, quote=quote),
        extra=extra,
        evidence=create_model(
            f"{check_id}Evidence",
            __base__=Evidence,
            **{key: (Any, shared()) for key in SHARED.get(check_id, ())},
        ),
    )


SHARED = {
    "OWN002": ("substitute",),
    "RSP001": ("median_hours", "limit", "first_seen", "note"),
    "DOC003": ("content_strategy",),
    "STY004": ("images", "without_alt", "share"),
    "CON001": ("candidate", "owner"),
}
S2, S3 = "2. Hoe organiseren we het gebruik?", "3. Algemene spelregels"
CHECKS: dict[str, CheckMeta] = {
    m.id: m
    for m in [
        _meta(
            "OWN002",
            "substitute-named",
            Severity.HIGH,
            ("Geen vervanger", "No substitute"),
            "Zorg ook voor vervanging bij ziekte en vakantie.",
            S3,
        ),
        _meta(
            "OWN004",
            "people-current",
            Severity.MEDIUM,
            ("Beheerder niet in dienst", "Owner not on staff"),
            "Duidelijk moet zijn wie die rol heeft.",
            S3,
        ),
        _meta(
            "REG001",
            "one-main-account",
            Severity.HIGH,
            ("Niet één hoofdaccount", "Not one main account"),
            "Op elk social mediaplatform waar we actief zijn ... werken we met een "
            "'hoofdaccount' en 'nevenaccounts'.",
            S2,
        ),
        _meta(
            "REG002",
            "unregistered-account",
            Severity.CRITICAL,
            ("Account niet in het register", "Account not in the register"),
            "Het team houdt overzicht over de accounts die namens de gemeente worden gestart",
            S2,
        ),
        _meta(
            "DOC003",
            "content-strategy",
            Severity.LOW,
            ("Geen contentstrategie", "No content strategy"),
            "Bepaal een contentstrategie voor het account",
            S3,
        ),
        _meta(
            "RSP001",
            "response-time",
            Severity.MEDIUM,
            ("Reactietijd te lang", "Reply time too long"),
            "... en snel reageert op berichten van anderen",
            S3,
        ),
        _meta(
            "STY004",
            "alt-text",
            Severity.INFO,
            ("Afbeeldingen zonder alt-tekst", "Images without alt text"),
            "conform de huisstijl in te richten",
            S3,
            extra=True,
        ),
        _meta(
            "CON001",
            "consolidation-candidate",
            Severity.INFO,
            ("Kandidaat om samen te voegen", "Candidate to merge"),
            "dan zou je bij een andere account kunnen aansluiten.",
            S2,
        ),
    ]
}

PERIOD = Period(label="2026-Q3", start=dt.date(2026, 7, 1), end=dt.date(2026, 9, 30))


def _account(platform, handle, department, owner, email, **extra) -> AccountResult:
    return AccountResult(
        account_id=f"{platform}:{handle}",
        platform=platform,
        handle=handle,
        department=department,
        owner_name=owner,
        owner_email=email,
        status=extra.pop("status", "active"),
        type=extra.pop("type", "secondary"),
        **extra,
    )


def _finding(check_id, account, message, *, evidence=None, status=FindingStatus.OPEN, **kw):
    meta = CHECKS[check_id]
    return Finding(
        finding_id=finding_id(check_id, account.account_id if account else None, None),
        check_id=check_id,
        severity=kw.pop("severity", meta.severity),
        account_id=account.account_id if account else None,
        platform=Platform(account.platform if account else kw.pop("platform")),
        department=account.department if account else None,
        status=status,
        message=message if isinstance(message, Message) else _recorded(*message),
        evidence=evidence or {},
        fix=meta.fix,
        **kw,
    )


def _recorded(nl: str, en: str) -> Message:
    """A sentence given in both languages, as the history keeps one written by an older version."""
    return Message("history.stored_text", nl=nl, en=en)


def sample_result(lang: str = "nl", hostile: bool = False) -> AuditResult:
    """Communicatie (main accounts), Ruimte (two), Sociaal Domein (one), one unregistered."""
    display = SCRIPT if hostile else "Zeist Bouwt"
    ruimte_owner = FORMULAS[1] if hostile else "Bram Jansen"
    main_x = _account(
        "x",
        "gemeentezeist",
        "Communicatie",
        "Anne de Vries",
        "anne.devries@zeist.nl",
        type="main",
        display_name="Gemeente Zeist",
        substitute_name="Kees Mulder",
        metrics={
            "posts": 118,
            "replies": 240,
            "posts_per_week": 9.1,
            "last_post": "2026-09-29",
            "longest_gap_days": 4,
            "inbound": 310,
            "answered": 296,
            "unanswered": 9,
            "pending": 5,
            "unanswered_share": 0.029,
            "reply_median_business_hours": 2.5,
            "reply_p90_business_hours": 7.25,
            "out_of_hours_inbound": 84,
            "out_of_hours_reply_median_calendar_hours": 14.5,
        },
    )
    main_fb = _account(
        "facebook",
        "gemeentezeist",
        "Communicatie",
        "Anne de Vries",
        "anne.devries@zeist.nl",
        type="main",
        display_name="Gemeente Zeist",
        substitute_name="Kees Mulder",
        metrics={
            "posts": 64,
            "posts_per_week": 4.9,
            "inbound": 122,
            "answered": 120,
            "out_of_hours_inbound": 40,
            "out_of_hours_reply_median_calendar_hours": 11.0,
            "last_post": "2026-09-28",
        },
    )
    bouwt = _account(
        "x",
        "zeistbouwt",
        "Ruimte",
        ruimte_owner,
        "bram.jansen@zeist.nl",
        display_name=display,
        substitute_name=None,
        metrics={
            "posts": 11,
            "posts_per_week": 0.8,
            "last_post": "2026-08-02",
            "days_since_last_post": 59,
            "longest_gap_days": 38,
            "inbound": 26,
            "answered": 15,
            "unanswered_share": 0.42,
            "reply_median_business_hours": 25.5,
            "reply_p90_business_hours": 61.0,
            "out_of_hours_inbound": 9,
            "out_of_hours_reply_median_calendar_hours": 40.0,
        },
    )
    slot = _account(
        "instagram",
        "slotzeistcentrum",
        "Ruimte",
        "Carla Smit",
        "carla.smit@zeist.nl",
        display_name=FORMULAS[0] if hostile else "Centrum Zeist",
        substitute_name="Bram Jansen",
        metrics={"posts": 30, "posts_per_week": 2.3, "last_post": "2026-09-20"},
    )
    jong = _account(
        "facebook",
        "jongzeist",
        "Sociaal Domein",
        IMG if hostile else "Daan Bakker",
        "daan.bakker@zeist.nl",
        display_name="Jong Zeist",
        substitute_name="Eva Visser",
        metrics={
            "posts": 40,
            "posts_per_week": 3.1,
            "inbound": 12,
            "answered": 12,
            "out_of_hours_inbound": 5,
            "last_post": "2026-09-25",
        },
    )
    stray = _account(
        "x",
        "zeistevenementen",
        None,
        None,
        None,
        registered=False,
        status=None,
        type=None,
        metrics={"posts": 7},
    )
    findings = [
        _finding(
            "REG002",
            stray,
            (
                "Account @zeistevenementen plaatst berichten maar staat niet in het register.",
                "Account @zeistevenementen posts but is not in the register.",
            ),
        ),
        _finding(
            "OWN002",
            bouwt,
            ("Geen vervanger aangewezen.", "No substitute named."),
            evidence={"substitute": None},
        ),
        _finding(
            "REG001",
            None,
            (
                "Instagram heeft 1 actief account maar geen hoofdaccount.",
                "Instagram has 1 active account but no main account.",
            ),
            platform="instagram",
            evidence={"main_accounts": 0, "active_accounts": 1},
        ),
        _finding(
            "RSP001",
            bouwt,
            (
                "Mediaan reactietijd 25,5 werkuren (norm ≤ 8).",
                "Median reply time 25.5 business hours (target ≤ 8).",
            ),
            evidence={
                "median_hours": 25.5,
                "limit": 8,
                "first_seen": "2026-07-14",
                "note": FORMULAS[2] if hostile else "x",
            },
        ),
        _finding(
            "DOC003",
            slot,
            ("Geen contentstrategie vastgelegd.", "No content strategy recorded."),
            evidence={"content_strategy": FORMULAS[3] if hostile else None},
        ),
        _finding(
            "DOC003",
            jong,
            ("Geen contentstrategie vastgelegd.", "No content strategy recorded."),
            status=FindingStatus.WAIVED,
            waiver={
                "reason": "Nieuw account, strategie volgt in Q4",
                "approved_by": "Femke de Groot",
                "until": "2026-12-31",
            },
        ),
        _finding(
            "STY004",
            main_x,
            (
                "12 van 40 afbeeldingen zonder alt-tekst (30 %, norm ≤ 10 %).",
                "12 of 40 images without alt text (30 %, limit ≤ 10 %).",
            ),
            evidence={"images": 40, "without_alt": 12, "share": 0.3},
        ),
        _finding(
            "CON001",
            slot,
            Message(
                "CON001.advice",
                rate=0.5,
                minimum=1.0,
                candidates=Message(
                    "CON001.either",
                    first=AccountRef(account_id="x:gemeentezeist", department="Communicatie"),
                    rest=PersonRef(name="Anne de Vries", department="Communicatie"),
                ),
            ),
            evidence={
                "candidate": AccountRef(account_id="x:gemeentezeist", department="Communicatie"),
                "owner": PersonRef(name="anne.devries@zeist.nl", department="Communicatie"),
            },
        ),
    ]
    findings.sort(key=lambda f: (-f.severity.rank, f.check_id, f.account_id or ""))
    return AuditResult(
        tool_version="0.1.0",
        generated_at=dt.datetime(2026, 10, 2, 9, 30),
        lang=lang,
        organisation="Gemeente Zeist",
        period=PERIOD,
        inputs=[
            LedgerEntry(
                path="exports/x_2026q3.csv",
                format="x-analytics",
                sha256="ab" * 32,
                rows_read=410,
                rows_used=404,
                rows_duplicate=5,
                rows_rejected=1,
                rejected=[
                    RejectedRow(
                        row=17, reason=SCRIPT if hostile else "timestamp '31-02-2026' is no date"
                    )
                ],
            ),
            LedgerEntry(
                path="exports/webcare.xlsx",
                format="webcare",
                sha256="cd" * 32,
                rows_read=520,
                rows_used=520,
            ),
        ],
        accounts=[main_x, main_fb, bouwt, slot, jong, stray],
        departments=[
            DepartmentResult(
                name="Communicatie",
                slug="communicatie",
                manager_name="Femke de Groot",
                manager_email="femke@zeist.nl",
            ),
            DepartmentResult(
                name="Ruimte",
                slug="ruimte",
                manager_name="Gert Hoekstra",
                manager_email="gert.hoekstra@zeist.nl",
            ),
            DepartmentResult(
                name="Sociaal Domein",
                slug="sociaal-domein",
                manager_name="Hanna Willems",
                manager_email="hanna@zeist.nl",
            ),
        ],
        findings=findings,
        skipped=[
            Skipped(
                check_id="OWN004",
                reason=_recorded("geen personeelslijst opgegeven", "no staff list given"),
            )
        ],
    )
