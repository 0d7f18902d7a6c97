"""A folder of small exports of one format is converted as one batch (`Adapter.batch_key`):
whatever the files hold, the audit's rows, ledger and coverage are those of converting each
file alone. The files here share a header, as one export a month or an account does, with
messy cells, times in several notations (which keep a file out of a batch), empty files and
the same rows under two names."""

from __future__ import annotations

import tempfile
from pathlib import Path
from unittest import mock

import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from auditor.activity.adapters.canonical import Canonical
from auditor.activity.load import load_activity
from auditor.config import Config
from auditor.register import load_register
from tests.generative.cells import cells_for
from tests.generative.export_files import ExportSpec, _iso, moments, write_export_spec
from tests.helpers import compliant_account, write_register

HANDLES = ["gemeentezeist", "sportzeist", "cultuurzeist"]


def _cells(style: int, messy: bool) -> list[tuple[str, st.SearchStrategy]]:
    """Canonical columns whose times a typed read takes (one notation a folder, with or
    without offsets); a messy file's cells are anything, which reads it as text alone."""

    def m(plausible: st.SearchStrategy) -> st.SearchStrategy:
        return cells_for(plausible, messy)

    ids = m(st.one_of(st.integers(1, 40).map(str), st.integers(1, 10**19).map(str)))
    return [
        ("platform", m(st.sampled_from(["x", "twitter", "facebook", "myspace", ""]))),
        ("account", m(st.sampled_from([*HANDLES, "wijkteamzeist", "", "@…"]))),
        ("item_id", ids),
        ("timestamp", m(st.builds(lambda moment: _iso(moment, style), moments))),
        ("direction", m(st.sampled_from(["in", "out", "uit", "sideways"]))),
        ("kind", m(st.sampled_from(["post", "reply", "message", "story", ""]))),
        ("in_reply_to", st.one_of(st.none(), ids)),
        ("has_image", m(st.sampled_from(["true", "false", ""]))),
        ("text", m(st.sampled_from(["Hallo @een_inwoner", "=1+1", ""]))),
    ]


@st.composite
def folders(draw) -> list[ExportSpec]:
    """Files of one header, mostly tidy (read typed: a batch), now and then one messy (read
    as text: converted alone, between batches), sometimes one again under another name."""
    style = draw(st.sampled_from([1, 2, 4]))  # `Z`, `+02:00`, or wall-clock time
    tidy, messy = _cells(style, messy=False), _cells(style, messy=True)
    order = draw(st.permutations(range(len(tidy))))[: draw(st.integers(6, len(tidy)))]
    if not {0, 1, 2, 3, 4} <= set(order):
        order = [*range(5), *(i for i in order if i > 4)]
    header = [tidy[i][0] for i in order]
    files = []
    for number in range(draw(st.integers(1, 7))):
        cells = messy if draw(st.integers(0, 4)) == 0 else tidy
        records = [[draw(cells[i][1]) for i in order] for _ in range(draw(st.integers(0, 6)))]
        files.append(ExportSpec(name=f"zeist_{number:03d}.csv", rows=[header, *records]))
    if draw(st.booleans()):
        again = draw(st.sampled_from(files))
        files.append(ExportSpec(name=again.name.replace(".csv", " (1).csv"), rows=again.rows))
    return files


def _register(folder: Path) -> list:
    path = write_register(
        folder / "register.xlsx",
        [compliant_account(h, id=f"A{i}") for i, h in enumerate(HANDLES)],
    )
    return load_register(path).accounts


def _loaded(folder: Path, accounts: list, *, batched: bool):
    if batched:
        return load_activity([folder], Config(), accounts)
    with mock.patch.object(Canonical, "batch_key", return_value=None):
        return load_activity([folder], Config(), accounts)


def _same(one, other) -> None:
    pd.testing.assert_frame_equal(one.frame, other.frame)
    assert [e.model_dump() for e in one.ledger] == [e.model_dump() for e in other.ledger]
    assert one.coverage.files == other.coverage.files
    assert one.coverage.accounts == other.coverage.accounts
    assert one.conflicts == other.conflicts
    assert [m("en") for m in one.warnings()] == [m("en") for m in other.warnings()]


@settings(max_examples=max(1, settings.default.max_examples // 2))
@given(files=folders())
def test_a_batch_reads_as_its_files_one_by_one(files: list[ExportSpec]):
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        accounts = _register(root)
        exports = root / "exports"
        exports.mkdir()
        for spec in files:
            write_export_spec(spec, exports)
        batched = _loaded(exports, accounts, batched=True)
        _same(batched, _loaded(exports, accounts, batched=False))
        for entry in batched.ledger:
            assert entry.balanced()


def test_a_spreadsheets_rounded_ids_are_judged_per_file(tmp_path):
    """One download saved again by a spreadsheet (every long id rounded to 15 digits) beside
    others that were not: its ids are rejected as rounded, the others' used."""
    accounts = _register(tmp_path)
    exports = tmp_path / "exports"
    exports.mkdir()
    header = ["platform", "account", "item_id", "timestamp", "direction"]
    rounded = [f"12202072720453{i}0000" for i in range(3, 7)]
    exact = [f"1220207272045399{i:03d}" for i in range(1, 5)]
    for name, ids in (("a.csv", exact), ("b.csv", rounded), ("c.csv", exact[:2])):
        rows = [
            ["x", "@gemeentezeist", item, f"2026-07-0{n + 1}T10:00:00Z", "out"]
            for n, item in enumerate(ids)
        ]
        write_export_spec(ExportSpec(name=name, rows=[header, *rows]), exports)
    convert = Canonical.convert
    with mock.patch.object(Canonical, "convert", autospec=True, side_effect=convert) as spy:
        loaded = load_activity([exports], Config(), accounts)
    assert spy.call_count == 1  # the three files were one batch
    ledger = {entry.path: entry for entry in loaded.ledger}
    assert ledger["exports/a.csv"].rows_used == 4
    assert ledger["exports/b.csv"].rows_used == 0
    assert all(
        r.message is not None and r.message.key == "activity.reason.id_to_15_digits"
        for r in ledger["exports/b.csv"].rejected
    )
    assert ledger["exports/c.csv"].rows_duplicate == 2


def test_two_folders_of_one_name_keep_their_files_apart(tmp_path):
    """`a/exports` and `b/exports` name their files alike (`exports/x.csv`); each keeps its
    own ledger entry and rows."""
    header = ["platform", "account", "item_id", "timestamp", "direction"]
    given = []
    for parent, items in (("a", ["1", "2"]), ("b", ["3", "4", "5"])):
        folder = tmp_path / parent / "exports"
        folder.mkdir(parents=True)
        rows = [["x", "@sportzeist", i, "2026-07-01T10:00:00Z", "out"] for i in items]
        write_export_spec(ExportSpec(name="x.csv", rows=[header, *rows]), folder)
        given.append(folder)
    loaded = load_activity(given, Config(), _register(tmp_path))
    assert [(e.path, e.rows_read, e.rows_used) for e in loaded.ledger] == [
        ("exports/x.csv", 2, 2),
        ("exports/x.csv", 3, 3),
    ]
    assert sorted(loaded.frame["item_id"]) == ["1", "2", "3", "4", "5"]
