"""Waivers: an approved exception that has expired no longer covers its finding.

The engine applies only waivers that still hold at the end of the period (`waiver_applies`);
this check makes the ones it dropped visible, so nobody wonders why a waived finding is back.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from auditor.engine import (
    AuditContext,
    CheckMeta,
    CheckParams,
    Evidence,
    Flag,
    PolicyRef,
    register,
    shared,
    waiver_applies,
)
from auditor.messages import Message
from auditor.models import Severity

SECTION_2 = "2. Hoe organiseren we het gebruik?"


class Wvr001Evidence(Evidence):
    check_id: str | None = shared()
    until: dt.date | None = shared()
    period_end: dt.date | None = shared()
    reason: str | None = shared()
    approved_by: str | None = shared()
    source: str | None = shared()
    source_row: int | None = shared()


@register(
    CheckMeta(
        id="WVR001",
        name="waiver-expired",
        family="waivers",
        severity=Severity.INFO,
        extra=True,
        judges_inactive=True,  # a waiver expires whatever became of its account
        policy=PolicyRef(
            section=SECTION_2, quote="Het bewaakt de afspraken rond social media-accounts."
        ),
        # All of it is the department's own waiver: who approved it and the file and sheet it
        # stands in (organisation-level, but this one entry of it is theirs) included.
        evidence=Wvr001Evidence,
    )
)
def waiver_expired(ctx: AuditContext, p: CheckParams) -> Iterable[Flag]:
    for waiver in ctx.waivers:
        if waiver_applies(waiver, ctx.period):
            continue
        until = waiver.until
        assert until is not None  # a waiver without end date always applies
        yield Flag(
            waiver.account_id,
            Message(
                "WVR001.expired",
                check=waiver.check_id,
                until=until,
                period_end=ctx.period.end,
            ),
            evidence={
                "check_id": waiver.check_id,
                "until": until.isoformat(),
                "period_end": ctx.period.end.isoformat(),
                "reason": waiver.reason,
                "approved_by": waiver.approved_by,
                "source": waiver.source,
                "source_row": waiver.source_row,
            },
            subject=waiver.check_id,
        )
