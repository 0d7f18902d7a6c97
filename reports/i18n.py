"""Every word the reports print, in Dutch and English.

Templates and the Excel writer ask `t("key")`; an unknown key is an error, not a blank, and a
test checks that every key has both languages.
"""

from __future__ import annotations

from collections.abc import Callable

from auditor.models import Lang

STRINGS: dict[str, dict[str, str]] = {
    # page furniture
    "skip_link": {"nl": "Direct naar de inhoud", "en": "Skip to content"},
    "contents": {"nl": "Inhoud van dit rapport", "en": "Contents of this report"},
    "overview_title": {"nl": "Social media-audit", "en": "Social media audit"},
    "overview_lead": {
        "nl": "Overzicht voor team Communicatie van alle social media-accounts, getoetst aan "
        "de visie op social media.",
        "en": "Overview for the communications team of every social media account, checked "
        "against the social media policy.",
    },
    "department_title": {"nl": "Afdelingsrapport", "en": "Department report"},
    "department_lead": {
        "nl": "De social media-accounts van uw afdeling, getoetst aan de visie op social media. "
        "Dit rapport bevat alleen de accounts van deze afdeling.",
        "en": "Your department's social media accounts, checked against the social media "
        "policy. This report holds this department's accounts only.",
    },
    "owner_title": {"nl": "Actielijst voor de beheerder", "en": "Action list for the owner"},
    "owner_lead": {
        "nl": "Wat er bij uw accounts beter moet, waarom, en hoe u het oplost.",
        "en": "What needs fixing on your accounts, why, and how to fix it.",
    },
    "period": {"nl": "Periode", "en": "Period"},
    "generated": {"nl": "Gemaakt op", "en": "Generated on"},
    "tool_version": {"nl": "Versie auditor", "en": "Auditor version"},
    "manager": {"nl": "Leidinggevende", "en": "Manager"},
    "back_to_overview": {"nl": "Terug naar het overzicht", "en": "Back to the overview"},
    "footer": {
        "nl": "Dit rapport is automatisch gemaakt uit het accountregister en de "
        "activiteitsexports. Vragen? Neem contact op met team Communicatie.",
        "en": "This report was made automatically from the account register and the activity "
        "exports. Questions? Contact the communications team.",
    },
    "print_hint": {"nl": "Afdrukken", "en": "Print"},
    # headline
    "headline": {"nl": "Kerncijfers", "en": "Key figures"},
    "accounts": {"nl": "Accounts", "en": "Accounts"},
    "active_accounts": {"nl": "Actieve accounts", "en": "Active accounts"},
    "accounts_registered": {
        "nl": "in het register, waarvan {active} actief",
        "en": "in the register, {active} of them active",
    },
    "share_compliant": {"nl": "Zonder open bevindingen", "en": "Without open findings"},
    "share_compliant_note": {
        "nl": "{compliant} van {total} actieve accounts",
        "en": "{compliant} of {total} active accounts",
    },
    "open_findings": {"nl": "Open bevindingen", "en": "Open findings"},
    "waived_findings": {"nl": "Met uitzondering", "en": "Waived"},
    "waived_note": {
        "nl": "goedgekeurde uitzonderingen, niet meegeteld",
        "en": "approved exceptions, not counted",
    },
    "none": {"nl": "geen", "en": "none"},
    "verdict_good": {
        "nl": "Alle actieve accounts voldoen aan het beleid.",
        "en": "Every active account meets the policy.",
    },
    "verdict_attention": {
        "nl": "{n} van {total} actieve accounts hebben open bevindingen.",
        "en": "{n} of {total} active accounts have open findings.",
    },
    "verdict_attention_one": {
        "nl": "{n} van {total} actieve accounts heeft open bevindingen.",
        "en": "{n} of {total} active accounts has open findings.",
    },
    "verdict_urgent": {
        "nl": "Er zijn bevindingen met ernst hoog of kritiek: pak die eerst op.",
        "en": "There are high or critical findings: deal with those first.",
    },
    # sections
    "trend": {"nl": "Ontwikkeling", "en": "Trend"},
    "trend_lead": {
        "nl": "Kerncijfers van deze en eerdere audits.",
        "en": "Key figures of this and earlier audits.",
    },
    "trend_compared": {
        "nl": "Vergeleken met de audit van {previous}.",
        "en": "Compared with the {previous} audit.",
    },
    "trend_first": {
        "nl": "Dit is de eerste audit in de historie. Vanaf de volgende audit ziet u hier wat "
        "nieuw is, wat blijft en wat is opgelost.",
        "en": "This is the first audit in the history. From the next audit on, this shows what "
        "is new, what persists and what was fixed.",
    },
    "trend_new": {"nl": "Nieuw", "en": "New"},
    "trend_new_note": {"nl": "bevindingen sinds vorige audit", "en": "findings since last audit"},
    "trend_persisting": {"nl": "Blijvend", "en": "Persisting"},
    "trend_persisting_note": {"nl": "stonden er vorige keer ook", "en": "were there last time too"},
    "trend_resolved": {"nl": "Opgelost", "en": "Fixed"},
    "trend_resolved_note": {"nl": "sinds vorige audit", "en": "since the last audit"},
    "trend_chart_title": {
        "nl": "Aandeel actieve accounts zonder open bevindingen per audit",
        "en": "Share of active accounts without open findings per audit",
    },
    "trend_caption": {"nl": "Kerncijfers per audit", "en": "Key figures per audit"},
    "trend_reply_median": {
        "nl": "Mediane reactietijd (werkuren)",
        "en": "Median reply time (business hours)",
    },
    "resolved_title": {"nl": "Opgelost sinds {previous}", "en": "Fixed since {previous}"},
    "resolved_caption": {
        "nl": "Bevindingen van vorige keer die nu niet meer voorkomen",
        "en": "Findings of last time that no longer occur",
    },
    "answers_title": {"nl": "Antwoorden van beheerders", "en": "Owners' answers"},
    "answers_lead": {
        "nl": "Antwoorden op de audit van {period}: {answered} beantwoord, "
        "{untouched} onaangeroerd, {unmatched} niet te koppelen, "
        "{contradictions} in tegenspraak met deze audit.",
        "en": "Answers to the {period} audit: {answered} answered, {untouched} untouched, "
        "{unmatched} could not be matched, {contradictions} contradicted by this audit.",
    },
    "answers_lead_short": {
        "nl": "Antwoorden op de audit van {period}: {answered} bevindingen beantwoord, "
        "{contradictions} in tegenspraak met deze audit.",
        "en": "Answers to the {period} audit: {answered} findings answered, "
        "{contradictions} contradicted by this audit.",
    },
    "contradictions_caption": {
        "nl": "Gemeld als opgelost, maar de controle vindt het nog steeds",
        "en": "Reported as fixed, but the check still finds it",
    },
    "unmatched_caption": {
        "nl": "Antwoorden die niet bij een bevinding horen",
        "en": "Answers that match no finding",
    },
    "sheet": {"nl": "Blad", "en": "Sheet"},
    "comment": {"nl": "Toelichting", "en": "Comment"},
    "answer_label": {
        "nl": "Antwoord van de beheerder ({period})",
        "en": "Owner's answer ({period})",
    },
    "contradiction_text": {
        "nl": "Gemeld als opgelost, maar de controle vindt het nog steeds. Kijk nog eens goed.",
        "en": "Reported as fixed, but the check still finds it. Please take another look.",
    },
    "per_department": {"nl": "Per afdeling", "en": "By department"},
    "per_platform": {"nl": "Per platform", "en": "By platform"},
    "per_check": {"nl": "Per controle", "en": "By check"},
    "compliance_chart_desc": {
        "nl": "Staafdiagram: aandeel actieve accounts zonder open bevindingen. "
        "Dezelfde cijfers staan in de tabel hieronder.",
        "en": "Bar chart: share of active accounts without open findings. "
        "The same figures are in the table below.",
    },
    "compliance_caption_department": {
        "nl": "Actieve accounts zonder open bevindingen, per afdeling",
        "en": "Active accounts without open findings, by department",
    },
    "compliance_caption_platform": {
        "nl": "Actieve accounts zonder open bevindingen, per platform",
        "en": "Active accounts without open findings, by platform",
    },
    "department": {"nl": "Afdeling", "en": "Department"},
    "no_department": {"nl": "(geen afdeling)", "en": "(no department)"},
    "platform": {"nl": "Platform", "en": "Platform"},
    "compliant": {"nl": "Zonder open bevindingen", "en": "Without open findings"},
    "share": {"nl": "Aandeel", "en": "Share"},
    "report_link": {"nl": "Rapport", "en": "Report"},
    "check": {"nl": "Controle", "en": "Check"},
    "check_caption": {"nl": "Bevindingen per controle", "en": "Findings per check"},
    "accounts_affected": {"nl": "Accounts", "en": "Accounts"},
    "not_run": {"nl": "niet uitgevoerd", "en": "not run"},
    "scorecard": {"nl": "Scorekaart", "en": "Scorecard"},
    "scorecard_caption": {
        "nl": "Per account en controle de zwaarste open bevinding",
        "en": "Per account and check the most severe open finding",
    },
    "scorecard_lead": {
        "nl": "Elke cel toont de zwaarste open bevinding van die controle op dat account. "
        "De kop van elke kolom leidt naar de uitleg van de controle.",
        "en": "Each cell shows the most severe open finding of that check on that account. "
        "Each column heading leads to the check's explanation.",
    },
    "legend": {"nl": "Legenda", "en": "Legend"},
    "short_critical": {"nl": "K", "en": "C"},
    "short_high": {"nl": "H", "en": "H"},
    "short_medium": {"nl": "M", "en": "M"},
    "short_low": {"nl": "L", "en": "L"},
    "short_info": {"nl": "I", "en": "I"},
    "short_waived": {"nl": "U", "en": "W"},
    "score_passed": {"nl": "geen bevinding", "en": "no finding"},
    "score_waived": {"nl": "uitz.", "en": "waived"},
    "score_waived_long": {"nl": "uitzondering", "en": "waived"},
    "all_findings": {"nl": "Alle bevindingen", "en": "All findings"},
    "findings_caption": {
        "nl": "Alle bevindingen, zwaarste eerst",
        "en": "All findings, most severe first",
    },
    "no_findings": {"nl": "Geen bevindingen.", "en": "No findings."},
    "filter": {"nl": "Bevindingen filteren", "en": "Filter findings"},
    "filter_all": {"nl": "alle", "en": "all"},
    "filter_text": {"nl": "Zoek in de tekst", "en": "Search the text"},
    "filter_reset": {"nl": "Filters wissen", "en": "Clear filters"},
    "filter_count": {
        "nl": "{shown} van {total} bevindingen zichtbaar",
        "en": "{shown} of {total} findings shown",
    },
    "sort_by": {"nl": "Sorteer op", "en": "Sort by"},
    "severity": {"nl": "Ernst", "en": "Severity"},
    "account": {"nl": "Account", "en": "Account"},
    "finding": {"nl": "Bevinding", "en": "Finding"},
    "status": {"nl": "Status", "en": "Status"},
    "owner": {"nl": "Beheerder", "en": "Owner"},
    "owners": {"nl": "Beheerders", "en": "Owners"},
    "owner_list_caption": {
        "nl": "Beheerders en hun actielijsten",
        "en": "Owners and their action lists",
    },
    "substitute": {"nl": "Vervanger", "en": "Substitute"},
    "email": {"nl": "E-mail", "en": "E-mail"},
    "type": {"nl": "Soort", "en": "Type"},
    "account_status": {"nl": "Status account", "en": "Account status"},
    "fix_list": {"nl": "Actielijst", "en": "Action list"},
    "platform_finding": {"nl": "hele platform", "en": "whole platform"},
    "unregistered": {"nl": "Niet geregistreerde accounts", "en": "Unregistered accounts"},
    "unregistered_lead": {
        "nl": "Deze accounts komen voor in de activiteitsexports maar niet (of als gesloten) in "
        "het register. Ze staan alleen in dit overzicht.",
        "en": "These accounts appear in the activity exports but not in the register (or as "
        "closed). They appear in this overview only.",
    },
    "platform_findings": {"nl": "Bevindingen per platform", "en": "Platform findings"},
    "out_of_hours": {"nl": "Buiten kantoortijden", "en": "Outside office hours"},
    "out_of_hours_lead": {
        "nl": "Het beleid laat open of de gemeente buiten kantoortijden reageert. De audit "
        "oordeelt daar niet over, maar laat zien wat die keuze nodig heeft: hoeveel berichten "
        "buiten kantoortijden binnenkwamen en hoe lang ze wachtten (kalenderuren).",
        "en": "The policy leaves open whether the municipality answers outside office hours. "
        "The audit does not judge it, but shows what that decision needs: how many messages "
        "arrived outside office hours and how long they waited (calendar hours).",
    },
    "ooh_caption": {
        "nl": "Binnenkomende berichten buiten kantoortijden",
        "en": "Incoming messages outside office hours",
    },
    "ooh_inbound": {"nl": "Binnengekomen", "en": "Incoming"},
    "ooh_outside": {"nl": "Buiten kantoortijden", "en": "Outside office hours"},
    "ooh_share": {"nl": "Aandeel", "en": "Share"},
    "ooh_wait": {"nl": "Mediane wachttijd (uur)", "en": "Median wait (hours)"},
    "ooh_none": {
        "nl": "Geen binnenkomende berichten in de exports.",
        "en": "No incoming messages in the exports.",
    },
    "total": {"nl": "Totaal", "en": "Total"},
    "total_median_note": {
        "nl": "Een mediaan over alle accounts samen is niet uit de medianen per account af te "
        "leiden; daarom staat er bij het totaal geen wachttijd.",
        "en": "A median over all accounts together cannot be derived from the per-account "
        "medians, so the total shows no waiting time.",
    },
    "ledger": {"nl": "Invoer", "en": "Inputs"},
    "ledger_lead": {
        "nl": "Elke ingelezen rij is verantwoord: gelezen = gebruikt + dubbel + afgewezen.",
        "en": "Every row read is accounted for: read = used + duplicate + rejected.",
    },
    "ledger_caption": {"nl": "Ingelezen bestanden", "en": "Files read"},
    "file": {"nl": "Bestand", "en": "File"},
    "format": {"nl": "Formaat", "en": "Format"},
    "rows_read": {"nl": "Gelezen", "en": "Read"},
    "rows_used": {"nl": "Gebruikt", "en": "Used"},
    "rows_duplicate": {"nl": "Dubbel", "en": "Duplicate"},
    "rows_rejected": {"nl": "Afgewezen", "en": "Rejected"},
    "rejected_caption": {"nl": "Afgewezen rijen", "en": "Rejected rows"},
    "row": {"nl": "Rij", "en": "Row"},
    "reason": {"nl": "Reden", "en": "Reason"},
    "rejected_more": {
        "nl": "en nog {n} afgewezen rijen; zie findings.json.",
        "en": "and {n} more rejected rows; see findings.json.",
    },
    "no_inputs": {"nl": "Geen activiteitsbestanden ingelezen.", "en": "No activity files read."},
    "problems": {"nl": "Meldingen bij het inlezen", "en": "Warnings while reading"},
    "skipped": {"nl": "Niet uitgevoerde controles", "en": "Checks not run"},
    "skipped_lead": {
        "nl": "Deze controles konden niet draaien. Dat is geen goedkeuring: er is niets getoetst.",
        "en": "These checks could not run. That is no pass: nothing was checked.",
    },
    "skipped_caption": {"nl": "Controles die niet draaiden", "en": "Checks that did not run"},
    "no_skipped": {"nl": "Alle controles zijn uitgevoerd.", "en": "Every check ran."},
    "catalogue": {"nl": "De controles", "en": "The checks"},
    "catalogue_lead": {
        "nl": "Wat elke controle toetst, waarom (met de zin uit de visie op social media) en "
        "hoe u een bevinding oplost.",
        "en": "What each check tests, why (with the sentence from the social media policy) and "
        "how to fix a finding.",
    },
    "what": {"nl": "Wat", "en": "What"},
    "why": {"nl": "Waarom", "en": "Why"},
    "how_to_fix": {"nl": "Zo lost u het op", "en": "How to fix it"},
    "policy": {"nl": "Uit het beleid", "en": "From the policy"},
    "default_severity": {"nl": "Standaard ernst", "en": "Default severity"},
    "extra_check": {
        "nl": "Extra: gaat verder dan de tekst van het beleid",
        "en": "Extra: goes beyond the policy text",
    },
    "metrics": {"nl": "Cijfers per account", "en": "Figures per account"},
    "metrics_caption": {
        "nl": "Activiteit en reactietijden in de periode",
        "en": "Activity and reply times in the period",
    },
    "your_accounts": {"nl": "Uw accounts", "en": "Your accounts"},
    "accounts_caption": {"nl": "Accounts van deze afdeling", "en": "This department's accounts"},
    "owner_accounts_caption": {"nl": "Uw accounts", "en": "Your accounts"},
    "findings_for_account": {"nl": "Bevindingen", "en": "Findings"},
    "account_ok": {
        "nl": "Geen open bevindingen: dit account voldoet.",
        "en": "No open findings: this account meets the policy.",
    },
    "owner_summary_good": {
        "nl": "U hoeft niets te doen: uw accounts voldoen aan het beleid.",
        "en": "Nothing to do: your accounts meet the policy.",
    },
    "owner_summary_todo": {
        "nl": "U heeft {n} punten om op te lossen. Begin bij de zwaarste.",
        "en": "You have {n} points to fix. Start with the most severe.",
    },
    "owner_summary_todo_one": {
        "nl": "U heeft 1 punt om op te lossen.",
        "en": "You have 1 point to fix.",
    },
    "owner_return": {
        "nl": "Klaar of een uitzondering nodig? Zet dat in de kolommen Status en Toelichting van "
        "het Excel-bestand van uw afdeling en stuur het terug naar team Communicatie.",
        "en": "Done, or need an exception? Put it in the Status and Toelichting columns of your "
        "department's Excel file and send it back to the communications team.",
    },
    "waiver": {"nl": "Uitzondering", "en": "Exception"},
    "waiver_text": {
        "nl": "Goedgekeurd door {by}, geldig tot {until}. Reden: {reason}",
        "en": "Approved by {by}, valid until {until}. Reason: {reason}",
    },
    "unknown": {"nl": "onbekend", "en": "unknown"},
    "yes": {"nl": "ja", "en": "yes"},
    "no": {"nl": "nee", "en": "no"},
    "finding_id": {"nl": "Kenmerk", "en": "Reference"},
    # severities
    "sev_critical": {"nl": "kritiek", "en": "critical"},
    "sev_high": {"nl": "hoog", "en": "high"},
    "sev_medium": {"nl": "middel", "en": "medium"},
    "sev_low": {"nl": "laag", "en": "low"},
    "sev_info": {"nl": "info", "en": "info"},
    # finding status
    "st_open": {"nl": "open", "en": "open"},
    "st_waived": {"nl": "uitzondering", "en": "waived"},
    "st_new": {"nl": "nieuw", "en": "new"},
    "st_persisting": {"nl": "blijvend", "en": "persisting"},
    # account types and statuses
    "type_main": {"nl": "hoofdaccount", "en": "main account"},
    "type_secondary": {"nl": "nevenaccount", "en": "secondary account"},
    "acst_active": {"nl": "actief", "en": "active"},
    "acst_closed": {"nl": "gesloten", "en": "closed"},
    "acst_planned": {"nl": "gepland", "en": "planned"},
    # metrics
    "m_posts": {"nl": "Posts", "en": "Posts"},
    "m_replies": {"nl": "Reacties", "en": "Replies"},
    "m_posts_per_week": {"nl": "Posts per week", "en": "Posts per week"},
    "m_last_post": {"nl": "Laatste post", "en": "Last post"},
    "m_days_since_last_post": {"nl": "Dagen sinds laatste post", "en": "Days since last post"},
    "m_longest_gap_days": {"nl": "Langste stilte (dagen)", "en": "Longest silence (days)"},
    "m_inbound": {"nl": "Binnengekomen", "en": "Incoming"},
    "m_answered": {"nl": "Beantwoord", "en": "Answered"},
    "m_unanswered": {"nl": "Onbeantwoord", "en": "Unanswered"},
    "m_pending": {"nl": "Nog binnen termijn", "en": "Still within limit"},
    "m_unanswered_share": {"nl": "Aandeel onbeantwoord", "en": "Share unanswered"},
    "m_reply_median_business_hours": {
        "nl": "Mediane reactietijd (werkuren)",
        "en": "Median reply time (business hours)",
    },
    "m_reply_p90_business_hours": {
        "nl": "90e percentiel reactietijd (werkuren)",
        "en": "90th percentile reply time (business hours)",
    },
    "m_reply_median_calendar_hours": {
        "nl": "Mediane reactietijd (kalenderuren)",
        "en": "Median reply time (calendar hours)",
    },
    "m_reply_p90_calendar_hours": {
        "nl": "90e percentiel reactietijd (kalenderuren)",
        "en": "90th percentile reply time (calendar hours)",
    },
    "m_out_of_hours_inbound": {
        "nl": "Binnengekomen buiten kantoortijden",
        "en": "Incoming outside office hours",
    },
    "m_out_of_hours_reply_median_calendar_hours": {
        "nl": "Mediane wachttijd buiten kantoortijden (kalenderuren)",
        "en": "Median wait outside office hours (calendar hours)",
    },
    "m_covered": {"nl": "Exports dekken de periode", "en": "Exports cover the period"},
    "m_first_post": {"nl": "Eerste post", "en": "First post"},
    "m_longest_gap_start": {"nl": "Langste stilte vanaf", "en": "Longest silence from"},
    "m_longest_gap_end": {"nl": "Langste stilte tot en met", "en": "Longest silence up to"},
    "m_answered_late": {"nl": "Te laat beantwoord", "en": "Answered late"},
    "m_image_posts": {"nl": "Posts met afbeelding", "en": "Posts with an image"},
    "m_image_posts_alt_known": {
        "nl": "Waarvan alt-tekst bekend",
        "en": "Of which alt text known",
    },
    "m_image_posts_without_alt": {"nl": "Zonder alt-tekst", "en": "Without alt text"},
    "metrics_more": {
        "nl": "De belangrijkste cijfers; alle cijfers staan in audit.xlsx, blad Metrics.",
        "en": "The main figures; every figure is in audit.xlsx, sheet Metrics.",
    },
    # platforms
    "pf_x": {"nl": "X", "en": "X"},
    "pf_facebook": {"nl": "Facebook", "en": "Facebook"},
    "pf_instagram": {"nl": "Instagram", "en": "Instagram"},
    "pf_linkedin": {"nl": "LinkedIn", "en": "LinkedIn"},
    "pf_youtube": {"nl": "YouTube", "en": "YouTube"},
    "pf_tiktok": {"nl": "TikTok", "en": "TikTok"},
    "pf_mastodon": {"nl": "Mastodon", "en": "Mastodon"},
    "pf_bluesky": {"nl": "Bluesky", "en": "Bluesky"},
    "pf_threads": {"nl": "Threads", "en": "Threads"},
    "pf_whatsapp": {"nl": "WhatsApp", "en": "WhatsApp"},
    "pf_other": {"nl": "Overig", "en": "Other"},
    # Excel
    "xl_summary": {"nl": "Samenvatting", "en": "Summary"},
    "xl_findings": {"nl": "Bevindingen", "en": "Findings"},
    "xl_scorecard": {"nl": "Scorecard", "en": "Scorecard"},
    "xl_metrics": {"nl": "Metrics", "en": "Metrics"},
    "xl_ledger": {"nl": "Invoer", "en": "Inputs"},
    "xl_checks": {"nl": "Controles", "en": "Checks"},
    "xl_title": {"nl": "Titel", "en": "Title"},
    "xl_trend": {"nl": "Ontwikkeling", "en": "Trend"},
    "xl_answer": {"nl": "Eerder antwoord", "en": "Earlier answer"},
    "xl_answer_comment": {"nl": "Eerdere toelichting", "en": "Earlier comment"},
    "xl_audit_status": {"nl": "Auditstatus", "en": "Audit status"},
    "xl_message": {"nl": "Bevinding", "en": "Finding"},
    "xl_fix": {"nl": "Oplossing", "en": "Fix"},
    "xl_evidence_all": {"nl": "Bewijs", "en": "Evidence"},
    "xl_evidence_sheet": {"nl": "Bewijs", "en": "Evidence"},
    "xl_evidence_key": {"nl": "Gegeven", "en": "Item"},
    "xl_value": {"nl": "Waarde", "en": "Value"},
    "xl_organisation": {"nl": "Organisatie", "en": "Organisation"},
    "xl_scope": {"nl": "Bereik", "en": "Scope"},
    "xl_scope_all": {"nl": "Alle afdelingen", "en": "All departments"},
    "xl_start": {"nl": "Begin periode", "en": "Period start"},
    "xl_end": {"nl": "Einde periode", "en": "Period end"},
    "xl_status_prompt": {
        "nl": "Kies: open, in behandeling, opgelost of uitzondering aangevraagd.",
        "en": "Choose: open, in progress, resolved or waiver requested.",
    },
    "xl_status_title": {"nl": "Status van de bevinding", "en": "Status of the finding"},
    "xl_comment_prompt": {
        "nl": "Licht hier toe wat u heeft gedaan of waarom u een uitzondering vraagt.",
        "en": "Explain what you did or why you ask for an exception (Toelichting = comment).",
    },
    "xl_name": {"nl": "Naam", "en": "Name"},
    "xl_family": {"nl": "Familie", "en": "Family"},
    "xl_section": {"nl": "Beleidsparagraaf", "en": "Policy section"},
    "xl_quote": {"nl": "Citaat uit het beleid", "en": "Policy quote"},
    "xl_extra": {"nl": "Extra", "en": "Extra"},
    "xl_ran": {"nl": "Uitgevoerd", "en": "Ran"},
    "xl_sha256": {"nl": "SHA-256", "en": "SHA-256"},
    "xl_display_name": {"nl": "Weergavenaam", "en": "Display name"},
    "xl_handle": {"nl": "Handle", "en": "Handle"},
}


def translator(lang: str | Lang) -> Callable[..., str]:
    """`t("key")` in the report language; `t("key", n=3)` fills `{n}`."""
    code = Lang(lang).value

    def t(key: str, **values: object) -> str:
        text = STRINGS[key][code]
        return text.format(**values) if values else text

    return t
