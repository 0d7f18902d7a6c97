"""The HTML pages: overview, department packs and owners' action lists.

Each page is one self-contained file: CSS and the small filter script are inlined and a
Content-Security-Policy forbids every network request, so a page opened from a mail
attachment or a file share looks the same and leaks nothing.
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache, lru_cache, partial
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from jinja2.runtime import Macro
from markupsafe import Markup, escape

from auditor.engine import CheckMeta
from auditor.models import Finding, Severity
from auditor.numbers import fmt_date, fmt_num, fmt_pct
from auditor.reports import charts, scope
from auditor.reports.i18n import (
    account_id_name,
    format_label,
    has,
    platform_label,
    sayer,
    translator,
)
from auditor.reports.view import (
    DATE_METRICS,
    SHARE_METRICS,
    Actor,
    Report,
    Share,
    as_date,
    history,
    is_active,
    is_open,
    metric_keys,
)
from auditor.responses import OWNER_STATUS_LABELS, OwnerStatus
from auditor.result import AccountResult, AuditResult, DepartmentResult
from auditor.stages import Step

# A table with more rows than this makes its section one the browser lays out only when it
# comes into view (`section--long` in report.css).
LONG_ROWS = 200

HERE = Path(__file__).parent
TEMPLATES = HERE / "templates"
STATIC = HERE / "static"


@cache
def _environment(lang: str) -> Environment:
    """One environment per language: its helpers are globals, so imported macros see them."""
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=True,  # every page, every template: input text is never markup
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        # The templates are the package's own and do not change during a run: without this,
        # every include (one per finding on a page) looks at the file's modification time.
        auto_reload=False,
    )
    env.globals.update(_page_globals(lang))
    env.filters["id_name"] = env.globals["id_name"]
    # The macros are globals too, made once. Imported in each partial instead, they were made
    # anew for every include (Jinja does, when the includer passes variables).
    env.globals.update(_macros(env, "_macros.html"))
    # Macros of one of a few values (a severity, a status, a score) read the same each time: a
    # scorecard calls them once per account and check.
    for name in ("badge", "status_badge", "score_cell"):
        env.globals[name] = lru_cache(maxsize=64)(env.globals[name])

    # Why a check exists reads the same under each of its findings: rendered once per check.
    @lru_cache(maxsize=256)
    def why(meta: CheckMeta) -> Markup:
        return Markup(env.get_template("_why.html").render(meta=meta))

    env.globals["why"] = why
    # A finding as an article, once per finding on a page: a macro, as an include it was set
    # up anew each time. Made last, as it uses every helper above.
    env.globals.update(_macros(env, "_finding.html"))
    return env


def _macros(env: Environment, name: str) -> dict[str, Macro]:
    """The macros of a template, which see the environment's globals as they are now."""
    module = env.get_template(name).module
    return {k: v for k, v in vars(module).items() if isinstance(v, Macro)}


@cache
def _asset(name: str) -> str:
    return (STATIC / name).read_text(encoding="utf-8")


def _csp_hash(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


def _page_globals(lang: str) -> dict[str, Any]:
    css, js = _asset("report.css"), _asset("report.js")
    csp = (
        "default-src 'none'; "
        f"style-src {_csp_hash(css)}; script-src {_csp_hash(js)}; "
        "img-src data:; base-uri 'none'; form-action 'none'"
    )
    t = translator(lang)
    return {
        "lang": lang,
        "t": _page_sentences(t),
        "css": Markup(css),  # our own file, trusted
        "js": Markup(js),
        "csp": csp,
        "num": lambda v, d=1: fmt_num(v, lang, d),
        "pct": lambda v, d=0: fmt_pct(v, lang, d),
        "date": lambda v: fmt_date(as_date(v) if not hasattr(v, "hour") else v, lang),
        "sev_label": lambda s: t(f"sev_{Severity(s).value}"),
        "platform_label": lambda p: platform_label(t, p),
        "id_name": lambda account_id, p=None: account_id_name(t, account_id, p),
        "format_label": lambda f: format_label(t, f),
        "metric": lambda key, value: _metric(key, value, lang),
        "metric_label": lambda key: _metric_label(key, t),
        "type_label": lambda v: _optional_label(t, "type_", v),
        "account_status_label": lambda v: _optional_label(t, "acst_", v),
        "status_label": lambda v: _optional_label(t, "st_", v),
        "severities": [s.value for s in reversed(Severity)],
        "long_rows": LONG_ROWS,
        "owner_status_label": lambda v: _owner_status(v, lang),
    }


def _optional_label(t, prefix: str, value: Any) -> str:
    if value is None:
        return "–"
    key = f"{prefix}{getattr(value, 'value', value)}"
    return t(key) if has(key) else str(value)


def _owner_status(value: Any, lang: str) -> str:
    try:
        return OWNER_STATUS_LABELS[OwnerStatus(value)](lang)
    except ValueError:
        return str(value or "–")


def _metric_label(key: str, t) -> str:
    return t(f"m_{key}") if has(f"m_{key}") else key


def _metric(key: str, value: Any, lang: str) -> str:
    if value is None:
        return "–"
    if key in DATE_METRICS:
        return fmt_date(as_date(value), lang)
    if key in SHARE_METRICS and isinstance(value, int | float):
        return fmt_pct(value, lang, 1)
    if isinstance(value, bool):
        return translator(lang)("yes" if value else "no")
    if isinstance(value, int | float):
        return fmt_num(value, lang)
    return str(value)


def _render(
    template: str, lang: str, report: Report, shared: dict[str, Any] | None, **context: Any
) -> str:
    """Every page gets the report, its history (or None), findings by id, the checks its
    catalogue describes and `say`, which renders a finding's sentence for a reader."""
    context.setdefault("described", report.checks)
    shared = shared if shared is not None else page_context(report)
    return (
        _environment(lang)
        .get_template(template)
        .render(result=report.result, report=report, **shared, **context)
    )


def page_context(report: Report) -> dict[str, Any]:
    """What every page of one report shows alike. The overview and every owner's page come
    from one report: made once for all of them, it costs accounts, not owners × accounts."""
    result = report.result
    lang = str(result.lang)
    past = history(result)
    trend_chart = None
    if past is not None:
        trend_chart = charts.share_chart(
            [(row.period, row.compliance, fmt_pct(row.compliance, lang)) for row in past.rows]
        )
    say = sayer(result.accounts, lang)
    return {
        "history": past,
        "trend_chart": trend_chart,
        "findings_by_id": {f.finding_id: f for f in result.findings},
        "say": lambda message: _for_a_page(say(message)),
    }


# A date as the catalogues write one (`03-01-2027`, `2027-01-03`): Chromium breaks a line at
# its hyphens, which on paper left "03-01-" at a line's end and "2027" on the next.
_DATE = re.compile(r"\b(?:\d{2}-\d{2}-\d{4}|\d{4}-\d{2}-\d{2})\b")


def _for_a_page(sentence: str) -> Markup:
    """A sentence as a page shows it: escaped, each date in it kept on one line. Every
    sentence a page makes with values (a finding's, the catalogue's with a date to answer by)
    comes through here; none stands in an attribute, where the date's mark-up would not hold."""
    text = str(escape(sentence))
    if "-" in text:
        text = _DATE.sub(r'<span class="date">\g<0></span>', text)
    return Markup(text)


def _page_sentences(t: Callable[..., str]) -> Callable[..., str]:
    """`t` for a page: a sentence with values (where a date may be) through `_for_a_page`; a
    word or label without values as it is."""

    def page_t(key: str, **values: object) -> str:
        return _for_a_page(t(key, **values)) if values else t(key)

    page_t.lang = t.lang  # type: ignore[attr-defined]
    return page_t


@dataclass(frozen=True)
class Figure:
    """A chart as a page shows it, or why there is none."""

    chart: charts.BarChart | None
    title: str
    desc: str
    note: str | None = None


def _share_figure(shares: list[Share], kind: str, lang: str) -> Figure:
    """The share of accounts without open findings; when that is nil everywhere the bars would
    all be blank, so the share without serious findings is shown instead, and when that is nil
    too, a sentence says why there is no chart."""
    t = translator(lang)

    def name(share: Share) -> str:
        if kind == "platform":
            return platform_label(t, share.label)
        return share.label or t("no_department")

    rows = [(name(s), s.share, fmt_pct(s.share, lang)) for s in shares]
    chart = charts.share_chart(rows)
    if not chart.empty or not shares:
        return Figure(chart, t(f"compliance_caption_{kind}"), t("compliance_chart_desc"))
    rows = [(name(s), s.share_no_serious, fmt_pct(s.share_no_serious, lang)) for s in shares]
    serious = charts.share_chart(rows)
    if not serious.empty:
        title = t(f"serious_caption_{kind}")
        return Figure(serious, title, t("serious_chart_desc"), t("chart_switched"))
    return Figure(None, t(f"compliance_caption_{kind}"), "", t("chart_empty"))


def render_index(
    report: Report,
    departments: list[DepartmentResult],
    owner_slugs: dict[str, str],
    shared: dict[str, Any] | None = None,
) -> str:
    result = report.result
    lang = str(result.lang)
    findings = result.findings
    return _render(
        "index.html",
        lang,
        report,
        shared,
        departments=departments,
        without_accounts=_without_accounts(report, departments),
        owner_slugs=owner_slugs,
        owner_prefix="",
        owners=_actors(report),
        department_figure=_share_figure(report.per_department, "department", lang),
        platform_figure=_share_figure(report.per_platform, "platform", lang),
        metric_keys=metric_keys(report.accounts, page=True),
        filters=_filter_options(findings, report),
        accounts_by_id={a.account_id: a for a in result.accounts},
        scorecard_checks=report.scorecard_checks,
        pack_of_a_department=False,
    )


def _without_accounts(
    report: Report, departments: list[DepartmentResult]
) -> list[DepartmentResult]:
    """The departments the register lists with no account of their own: the table of
    departments counts active accounts and leaves them out, their packs say so."""
    held = {a.department for a in report.accounts}
    return [d for d in departments if d.name not in held]


def render_department(report: Report, department: DepartmentResult, owner_slugs: dict) -> str:
    result = report.result
    return _render(
        "department.html",
        str(result.lang),
        report,
        None,
        department=department,
        owner_slugs=owner_slugs,
        owner_prefix="../",
        owners=_actors(report),
        metric_keys=metric_keys(report.accounts, page=True),
        accounts_by_id={a.account_id: a for a in result.accounts},
        described=report.concerned(),
        scorecard_checks=report.pack_scorecard_checks(),
        pack_of_a_department=True,
    )


def render_owner(
    report: Report,
    owner: str,
    accounts: list[AccountResult],
    shared: dict[str, Any] | None = None,
    owner_slugs: dict[str, str] | None = None,
    stands_in: dict[str, list[AccountResult]] | None = None,
) -> str:
    result = report.result
    todo = [
        f
        for a in accounts
        for f in report.findings_by_account.get(a.account_id, [])
        if f.status != "waived"
    ]
    # The accounts this person takes over when their owner is away: named, with whose list
    # holds their findings (the substitute is the one to post there then).
    mine = {a.account_id for a in accounts}
    stands_in = substitutes(report) if stands_in is None else stands_in
    covering = [
        (a, report.actor(a.account_id))
        for a in stands_in.get(owner, [])
        if a.account_id not in mine
    ]
    return _render(
        "owner.html",
        str(result.lang),
        report,
        shared,
        owner=owner,
        accounts=accounts,
        todo=len(todo),
        covering=covering,
        owner_slugs=owner_slugs or {},
    )


def _actors(report: Report) -> list[tuple[str, str | None, list[tuple[AccountResult, Actor]]]]:
    """(name, e-mail, [(account, how they act on it)]) per person who must act on an account,
    for the owners' table: an owner who has left is not among them, whoever stands in is."""
    by_name: dict[str, list[tuple[AccountResult, Actor]]] = {}
    for account in report.accounts:
        if not is_active(account) and not any(
            is_open(f) for f in report.findings_by_account.get(account.account_id, [])
        ):
            # A closed or planned account is not judged: with no finding on it (a closed
            # one still posting has one) nobody has anything to do for it.
            continue
        who = report.actors.get(account.account_id)
        if who is not None and who.name:
            by_name.setdefault(who.name, []).append((account, who))
            for other in who.also:  # named beside them in the same cell: theirs as well
                by_name.setdefault(other, []).append((account, who))
    return [
        (name, next((who.email for _, who in acts if who.email), None), acts)
        for name, acts in sorted(by_name.items())
    ]


def _filter_options(findings: list[Finding], report: Report) -> dict[str, list[str]]:
    return {
        "severity": [s.value for s in reversed(Severity) if any(f.severity == s for f in findings)],
        "check": sorted({f.check_id for f in findings}),
        "department": sorted({f.department for f in findings if f.department}),
        "platform": sorted({f.platform for f in findings if f.platform}),
        "status": sorted({f.status.value for f in findings}),
    }


def write_pages(
    result: AuditResult,
    out_dir: Path,
    checks: dict | None = None,
    packs: dict[str, AuditResult] | None = None,
    step: Step | None = None,
) -> list[Path]:
    """index.html, departments/<slug>.html and owners/<slug>.html; returns the paths.
    `packs` are the departments' cut results, when the caller has them already; `step` is
    told how many pages there are and when each is written."""
    tasks = pages(result, out_dir, checks, packs)
    step = step or Step()
    step.expect(len(tasks))
    for _, write in tasks:
        write()
        step.advance()
    return [path for path, _ in tasks]


def substitutes(report: Report) -> dict[str, list[AccountResult]]:
    """The active accounts each person is the substitute of, by the name their action list
    has: made once for all the lists (asked per list, it cost owners × accounts)."""
    found: dict[str, list[AccountResult]] = {}
    for account in report.accounts:
        if is_active(account) and account.substitute_name:
            name = report.people.get(account.substitute_name, account.substitute_name)
            found.setdefault(name, []).append(account)
    return found


def pages(
    result: AuditResult,
    out_dir: Path,
    checks: dict | None = None,
    packs: dict[str, AuditResult] | None = None,
) -> list[tuple[Path, Callable[[], None]]]:
    """Every page to write, as its path and the call that writes it: the overview, the
    departments' pages and the action lists. What they share is made here, once; each call
    renders one page, so the pages can be shared out over processes."""
    from auditor.reports.view import build

    packs = scope.department_results(result, checks) if packs is None else packs
    depts = scope.departments(result)
    dept_slugs = {d.name: d.slug for d in depts}
    report = build(result, checks, dept_slugs)
    actors = _actors(report)
    owner_slugs = scope.unique_slugs([name for name, _, _ in actors], fallback="beheerder")
    shared = page_context(report)
    stands_in = substitutes(report)
    (out_dir / "departments").mkdir(parents=True, exist_ok=True)
    (out_dir / "owners").mkdir(parents=True, exist_ok=True)

    def index() -> None:
        page = render_index(report, depts, owner_slugs, shared)
        (out_dir / "index.html").write_text(page, encoding="utf-8")

    def department(dept: DepartmentResult, path: Path) -> None:
        pack = build(packs[dept.name], report.checks, {dept.name: dept.slug}, report.people)
        path.write_text(render_department(pack, dept, owner_slugs), encoding="utf-8")

    def owner(name: str, accounts: list[AccountResult], path: Path) -> None:
        page = render_owner(report, name, accounts, shared, owner_slugs, stands_in)
        path.write_text(page, encoding="utf-8")

    tasks: list[tuple[Path, Callable[[], None]]] = [(out_dir / "index.html", index)]
    for dept in depts:
        path = out_dir / "departments" / f"{dept.slug}.html"
        tasks.append((path, partial(department, dept, path)))
    for name, _, acts in actors:
        path = out_dir / "owners" / f"{owner_slugs[name]}.html"
        tasks.append((path, partial(owner, name, [a for a, _ in acts], path)))
    return tasks
