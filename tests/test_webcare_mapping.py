"""An unknown inbox export read through a column mapping alone: brands' customer care on X.

The real sample (`webcare_twitter_customer_support_2017.csv`, research use only, never copied
here) names each tweet's author, not the account it belongs to; a brand's answer names the
tweet it answers with an id written as a float. Its reply times are checked against a plain
calculation over the raw CSV written out below, not against the product's own code. A small
file of the same shape, written here, tests the same mapping keys when the sample is absent.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import re
from pathlib import Path
from zoneinfo import ZoneInfo

import pandas as pd
import pytest
from click.testing import CliRunner

from auditor.cli import cli
from auditor.config import InboxMapping
from auditor.problems import InputError
from auditor.settings import load_config
from tests.helpers import compliant_account, main_account, write_register
from tests.test_activity_load import SAMPLES

SAMPLE = "webcare_twitter_customer_support_2017.csv"

# The mapping the README shows as its worked example.
MAPPING = """\
[activity.mappings.customer_care]
detect = ["tweet_id", "author_id", "inbound", "in_response_to_tweet_id"]
item_id = "tweet_id"
timestamp = "created_at"
timestamp_format = "%a %b %d %H:%M:%S %z %Y"
direction = "inbound"
inbound = ["True"]
outbound = ["False"]
in_reply_to = "in_response_to_tweet_id"
author = "author_id"
text = "text"
platform_value = "x"
"""

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
OPENS, CLOSES = dt.time(8, 30), dt.time(17, 0)  # the default office hours, Monday to Friday
# Dutch public holidays from October 2017 to the end of the sample (none before Christmas).
HOLIDAYS = {dt.date(2017, 12, 25), dt.date(2017, 12, 26)}
LIMIT_HOURS = 2 * 8.5  # unanswered after two business days of 8.5 hours
HEADER = [
    "",
    "tweet_id",
    "author_id",
    "inbound",
    "created_at",
    "text",
    "response_tweet_id",
    "in_response_to_tweet_id",
]


def run(register: Path, export: Path, config: Path, out: Path, *period: str):
    result = CliRunner().invoke(
        cli,
        [
            "run",
            "--inventory",
            str(register),
            "--activity",
            str(export),
            "--config",
            str(config),
            "--out",
            str(out),
            "--history",
            str(out.parent / "history.sqlite"),
            "--lang",
            "en",
            *period,
        ],
    )
    assert result.exit_code == 0, result.output
    return result


def metrics_of(findings: dict) -> dict[str, dict]:
    return {a["account_id"]: a["metrics"] for a in findings["accounts"]}


# ---------------------------------------------------------------- an independent calculation


def business_hours(start: dt.datetime, end: dt.datetime) -> float:
    """Hours the office is open between two instants, day by day on the Amsterdam clock."""
    total = 0.0
    day = start.astimezone(AMSTERDAM).date()
    while day <= end.astimezone(AMSTERDAM).date():
        if day.weekday() < 5 and day not in HOLIDAYS:
            opens = dt.datetime.combine(day, OPENS, AMSTERDAM)
            closes = dt.datetime.combine(day, CLOSES, AMSTERDAM)
            overlap = min(end, closes) - max(start, opens)
            total += max(overlap.total_seconds(), 0) / 3600
        day += dt.timedelta(days=1)
    return total


def plain_reading(path: Path) -> pd.DataFrame:
    """The sample's records as Python's csv module reads them. A record broken over two lines
    by carriage returns in an unquoted text is no record: its pieces are left out."""
    with path.open(newline="", encoding="utf-8") as handle:
        header, *records = csv.reader(handle)
    whole = [r for r in records if len(r) == len(header)]
    frame = pd.DataFrame(whole, columns=header)
    frame["at"] = [
        dt.datetime.strptime(t, "%a %b %d %H:%M:%S %z %Y").astimezone(dt.UTC)
        for t in frame["created_at"]
    ]
    return frame


def expected_figures(frame: pd.DataFrame, registered: set[str], start: dt.date, end: dt.date):
    """Per brand: its inbound tweets of the period, those answered within the limit, and the
    reply times in business and calendar hours (median and 90th percentile)."""
    brands_out = frame[frame["inbound"] == "False"]
    answers = brands_out[brands_out["in_response_to_tweet_id"] != ""].copy()
    answers["answers"] = [str(int(float(v))) for v in answers["in_response_to_tweet_id"]]
    earliest = answers.sort_values("at", kind="stable").drop_duplicates("answers")
    brand_and_time = zip(earliest["author_id"], earliest["at"], strict=True)
    answer = dict(zip(earliest["answers"], brand_and_time, strict=True))
    own = {a.lower() for a in brands_out["author_id"]} | {h.lower() for h in registered}

    def addressed_to(text: str) -> str | None:
        opening = re.match(r"\s*((?:@\w+[\s,:;]*)+)", text)
        for handle in re.findall(r"@(\w+)", opening.group(1)) if opening else []:
            if handle.lower() in own:
                return handle.lower()
        return None

    data_end = frame["at"].max()
    figures: dict[str, dict] = {}
    for _, tweet in frame[frame["inbound"] == "True"].iterrows():
        replied = answer.get(tweet["tweet_id"])
        brand = replied[0].lower() if replied else addressed_to(tweet["text"])
        if brand is None or not start <= tweet["at"].astimezone(AMSTERDAM).date() <= end:
            continue
        mine = figures.setdefault(brand, {"inbound": 0, "answered": 0, "pending": 0, "b": []})
        mine["inbound"] += 1
        mine.setdefault("c", [])
        if replied:
            worked = business_hours(tweet["at"], replied[1])
            mine["b"].append(worked)
            mine["c"].append(max((replied[1] - tweet["at"]).total_seconds(), 0) / 3600)
            mine["answered"] += worked <= LIMIT_HOURS
        if not (replied and worked <= LIMIT_HOURS):
            mine["pending"] += business_hours(tweet["at"], data_end) < LIMIT_HOURS
    return figures


# ---------------------------------------------------------------- the real sample

# Quick ones (answers at night, Amsterdam time: no business hours), ones whose answers wait
# into office hours, one with late answers (ATVIAssist) and one with messages still pending.
BRANDS = ("AppleSupport", "AmazonHelp", "Tesco", "British_Airways", "ATVIAssist", "Uber_Support")
START, END = dt.date(2017, 10, 1), dt.date(2017, 12, 3)


@pytest.fixture(scope="module")
def sample() -> Path:
    path = SAMPLES / SAMPLE
    if not path.is_file():
        pytest.skip(f"no sample export at {path}")
    return path


@pytest.fixture(scope="module")
def sample_audit(sample: Path, tmp_path_factory) -> tuple[Path, object]:
    folder = tmp_path_factory.mktemp("webcare")
    register = write_register(
        folder / "register.xlsx",
        [compliant_account(b, display_name=f"{b} Zeist", audience=b) for b in BRANDS],
    )
    config = folder / "auditor.toml"
    config.write_text(MAPPING, encoding="utf-8")
    out = folder / "audit"
    result = run(register, sample, config, out, "--from", str(START), "--to", str(END))
    return out, result


def test_reply_times_of_the_real_sample_match_a_plain_calculation(sample, sample_audit):
    out, _ = sample_audit
    metrics = metrics_of(json.loads((out / "findings.json").read_text(encoding="utf-8")))
    expected = expected_figures(plain_reading(sample), set(BRANDS), START, END)
    for brand in BRANDS:
        got, want = metrics[f"x:{brand.lower()}"], expected[brand.lower()]
        assert len(want["b"]) > 20, brand  # enough answered tweets to make figures of
        counts = {k: got[k] for k in ("inbound", "answered", "pending")}
        assert counts == {k: want[k] for k in ("inbound", "answered", "pending")}, brand
        for name, values in (("business", want["b"]), ("calendar", want["c"])):
            series = pd.Series(values)
            assert got[f"reply_median_{name}_hours"] == pytest.approx(series.median(), abs=0.006)
            assert got[f"reply_p90_{name}_hours"] == pytest.approx(
                series.quantile(0.9), abs=0.006
            ), (brand, name)


def test_the_real_sample_is_used_row_by_row_and_no_citizen_becomes_an_account(sample, sample_audit):
    out, _ = sample_audit
    findings = json.loads((out / "findings.json").read_text(encoding="utf-8"))
    [entry] = [i for i in findings["inputs"] if i["format"].startswith("inbox:")]
    assert entry["format"] == "inbox:customer_care"
    assert (
        entry["rows_read"] == entry["rows_used"] + entry["rows_duplicate"] + entry["rows_rejected"]
    )
    reasons = [r["reason"] for r in entry["rejected"]]
    # The record broken by carriage returns: its two pieces, each with too few fields.
    assert [r for r in reasons if "fields" in r] == [
        "has 6 fields, the header has 8",
        "has 3 fields, the header has 8",
    ]
    # Every other rejected row is a tweet no brand answered or was addressed in, mostly
    # between citizens.
    others = {r for r in reasons if "fields" not in r}
    assert others == {
        "an inbound message no one answered in this file that does not start with the "
        "@handle of one of the organisation's accounts"
    }
    # Citizens' author ids are numbers; the brands are the only accounts.
    accounts = {a["account_id"] for a in findings["accounts"]}
    assert len(accounts) == 76
    assert not [a for a in accounts if re.fullmatch(r"x:\d+", a)]
    assert entry["rows_used"] > 4500


# ---------------------------------------------------------------- a file of the same shape


def tweet(n, author, inbound, at, text, answers="", responds_to=""):
    """One record as the sample writes it: an index, ids, True/False and Twitter's time."""
    stamp = dt.datetime.fromisoformat(at).astimezone(dt.UTC)
    return [n - 1, n, author, inbound, stamp.strftime("%a %b %d %H:%M:%S +0000 %Y"), text,
            answers, responds_to]  # fmt: skip


CITIZENS = ("7719305", "7719306", "7719307", "7719308", "7719309")
TEXTS = {
    "asked": "@GemeenteZeist waar staat de milieustraat tegenwoordig",
    "weekend": "@GemeenteZeist mijn container is niet geleegd,\nkunt u kijken",
    "to_team": "@7719309 @ZeistWerkt is er nog plek op de banenmarkt",
    "between": "@7719305 ben het helemaal met je eens buurman",
    "broken": "@GemeenteZeist eerste regel\r\rtweede regel van een kapot record",
    "late": "@GemeenteZeist hallo, iemand thuis daar bij de gemeente",
}


def write_shaped_export(path: Path) -> Path:
    """Ten tweets the way the sample writes them, each case of the mapping once."""
    c = CITIZENS
    rows = [
        # Monday 09:00 in Amsterdam, answered at 11:00: 2 business hours, 2 calendar hours.
        tweet(1, c[0], "True", "2026-09-07T09:00:00+02:00", TEXTS["asked"], "2"),
        tweet(
            2,
            "GemeenteZeist",
            "False",
            "2026-09-07T11:00:00+02:00",
            "@7719305 Bij de Bunsenweg.",
            "",
            "1.0",
        ),
        # Friday 16:00 → Monday 09:30: 1 + 1 business hours, 65.5 calendar hours; the answer
        # names a tweet the text also addresses another account in: the answer's author wins.
        tweet(3, c[1], "True", "2026-09-11T16:00:00+02:00", TEXTS["weekend"], "4"),
        tweet(
            4,
            "GemeenteZeist",
            "False",
            "2026-09-14T09:30:00+02:00",
            "@7719306 We kijken ernaar.",
            "",
            "3.0",
        ),
        # Unanswered, addressed to a registered account after a citizen's handle.
        tweet(5, c[2], "True", "2026-09-01T10:00:00+02:00", TEXTS["to_team"]),
        # Between citizens: nobody's account, rejected.
        tweet(6, c[3], "True", "2026-09-02T10:00:00+02:00", TEXTS["between"]),
        # Unanswered in the file, addressed to the main account in lower case.
        tweet(8, c[4], "True", "2026-09-03T10:00:00+02:00", TEXTS["late"].replace("@G", "@g")),
        # The main account's own posts, no reply ids.
        tweet(9, "GemeenteZeist", "False", "2026-07-06T10:00:00+02:00", "Welkom op ons account"),
        tweet(10, "ZeistWerkt", "False", "2026-07-07T10:00:00+02:00", "Vacatures deze week"),
        tweet(11, "GemeenteZeist", "False", "2026-09-28T10:00:00+02:00", "Fijne week!"),
        tweet(12, "ZeistWerkt", "False", "2026-09-29T10:00:00+02:00", "Banenmarkt vol"),
    ]
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADER)
        writer.writerows(rows[:6])
        # A record broken by carriage returns in a text nobody quoted, as in the sample.
        handle.write(
            "6,7," + c[0] + ",True,Thu Sep 03 08:00:00 +0000 2026," + TEXTS["broken"] + ",,\r\n"
        )
        writer.writerows(rows[6:])
    return path


@pytest.fixture(scope="module")
def shaped_audit(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("shaped")
    register = write_register(
        folder / "register.xlsx",
        [main_account("x", "GemeenteZeist"), compliant_account("ZeistWerkt")],
    )
    config = folder / "auditor.toml"
    config.write_text(MAPPING, encoding="utf-8")
    export = write_shaped_export(folder / "care.csv")
    out = folder / "audit"
    run(register, export, config, out, "--period", "2026-Q3")
    return out


def test_the_mapping_reads_a_file_of_the_samples_shape(shaped_audit):
    findings = json.loads((shaped_audit / "findings.json").read_text(encoding="utf-8"))
    metrics = metrics_of(findings)
    main, team = metrics["x:gemeentezeist"], metrics["x:zeistwerkt"]
    # Float reply ids met their tweets; the answers' author is the account of the question.
    assert (main["inbound"], main["answered"], main["unanswered"]) == (3, 2, 1)
    assert main["reply_median_business_hours"] == 2
    assert main["reply_p90_business_hours"] == pytest.approx(2)
    assert main["reply_median_calendar_hours"] == pytest.approx((2 + 65.5) / 2)
    assert (main["posts"], main["replies"]) == (2, 2)
    # A registered account named after a citizen's handle, never answering.
    assert (team["inbound"], team["answered"], team["unanswered"]) == (1, 0, 1)
    assert set(metrics) == {"x:gemeentezeist", "x:zeistwerkt"}


def test_rows_no_account_claims_are_rejected_with_their_reason(shaped_audit):
    findings = json.loads((shaped_audit / "findings.json").read_text(encoding="utf-8"))
    [entry] = [i for i in findings["inputs"] if i["format"].startswith("inbox:")]
    assert (entry["rows_read"], entry["rows_used"], entry["rows_rejected"]) == (13, 10, 3)
    assert [(r["row"], r["reason"]) for r in entry["rejected"]] == [
        (8, "an inbound message no one answered in this file that does not start with the "
            "@handle of one of the organisation's accounts"),
        (9, "has 6 fields, the header has 8"),  # line 10 is the empty one between the returns
        (11, "has 3 fields, the header has 8"),
    ]  # fmt: skip


def test_no_citizen_reaches_the_outputs(shaped_audit):
    words = ["milieustraat", "niet geleegd", "kunt u kijken", "plek op de banenmarkt"]
    words += ["eens buurman", "kapot record", "iemand thuis"]
    assert all(any(w in t for t in TEXTS.values()) for w in words)
    personal = [*CITIZENS, *words]
    for path in shaped_audit.rglob("*"):
        if path.suffix in {".json", ".html"}:
            content = path.read_text(encoding="utf-8")
            leaked = [p for p in personal if p in content]
            assert leaked == [], f"{path.name} shows personal data: {leaked}"


# ---------------------------------------------------------------- the mapping's keys


def test_account_comes_from_one_place(tmp_path: Path):
    config = tmp_path / "auditor.toml"
    config.write_text(MAPPING + 'account = "author_id"\n', encoding="utf-8")
    with pytest.raises(InputError) as raised:
        load_config(config)
    assert raised.value.render("en").endswith(
        "activity.mappings.customer_care: give the account column (account) or the author "
        "column (author), not both"
    )


def test_text_is_read_only_with_author():
    with pytest.raises(ValueError, match="text is only read together with author"):
        InboxMapping(detect=["a"], item_id="a", timestamp="b", direction="c", account="d", text="e")


def test_a_value_cannot_mean_inbound_and_outbound():
    with pytest.raises(ValueError, match="'true' is in both inbound and outbound"):
        InboxMapping(
            detect=["a"], item_id="a", timestamp="b", direction="c", inbound=["True"],
            outbound=["true", "False"], account="d",
        )  # fmt: skip


def test_obi4wan_says_uit_for_outbound():
    from auditor.activity.adapters.inbox import BUILTIN_MAPPINGS

    assert "uit" in BUILTIN_MAPPINGS["obi4wan"].outbound


def test_every_mapping_key_is_documented():
    from auditor.docs import README
    from auditor.template import render_config_template

    readme = README.read_text(encoding="utf-8")
    table = readme[readme.index("### Mapping an unknown inbox export") :]
    table = table[table.index("| key | meaning |") : table.index("## Configuration")]
    template = render_config_template()
    for key in InboxMapping.model_fields:
        assert f"`{key}`" in table, key
        assert f"#   {key}: " in template, key


def test_without_text_only_answers_name_an_inbound_messages_account(tmp_path: Path):
    from auditor.activity.load import load_activity

    config = tmp_path / "auditor.toml"
    config.write_text(MAPPING.replace('text = "text"\n', ""), encoding="utf-8")
    export = write_shaped_export(tmp_path / "care.csv")
    loaded = load_activity([export], load_config(config), [])
    frame, [entry] = loaded.frame, loaded.ledger
    inbound = frame[frame["direction"] == "in"]
    assert sorted(inbound["item_id"]) == ["1", "3"]  # the answered ones
    assert set(inbound["handle"].astype(str)) == {"gemeentezeist"}
    assert sorted(frame.loc[frame["direction"] == "out", "in_reply_to"].dropna()) == ["1", "3"]
    not_answered = "an inbound message no one answered in this file: no author names its account"
    assert [r.reason for r in entry.rejected].count(not_answered) == 3
