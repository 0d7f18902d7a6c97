"""The fast paths of the activity stage give what the general ones give: item ids compared as
numbers where that is exact (duplicates, replies), yes/no cells read by Arrow where it can."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow as pa
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from auditor.activity.adapters.base import booleans
from auditor.activity.calendar import BusinessCalendar
from auditor.activity.columns import SHORT, id_numbers, padding, short_ids
from auditor.activity.load import load_activity
from auditor.activity.metrics import compute_metrics
from auditor.config import Config
from auditor.period import period_from_dates

HEADER = "platform,account,item_id,timestamp,direction,in_reply_to\n"
JUNE = period_from_dates("2026-06-01", "2026-06-30")


def load(tmp_path, *lines: str):
    path = tmp_path / "activity.csv"
    path.write_text(HEADER + "".join(line + "\n" for line in lines), encoding="utf-8")
    result = load_activity([path], Config(), [])
    (entry,) = result.ledger
    assert entry.balanced(), entry
    return result, entry


@pytest.mark.parametrize(
    ("ids", "numbers"),
    [
        (["7", "12", None, "7"], [7, 12, 0, 7]),
        (["-7", "0", "9223372036854775807"], [-7, 0, 9223372036854775807]),
        (["7", "07"], None),
        (["7", "0x7"], None),
        (["7", "-07"], None),
        (["7", "+7"], None),
        (["7", "00"], None),
        (["7", "urn:li:share:7"], None),
    ],
)
def test_id_numbers_only_for_ids_written_as_their_own_number(ids, numbers):
    found = id_numbers(pd.Series(ids, dtype="string"))
    assert (found if found is None else found.tolist()) == numbers


def test_id_numbers_read_the_cells_of_a_slice_only():
    ids = pd.Series(["07", "7", "8", "00"], dtype="string")
    assert id_numbers(ids.iloc[1:3]).tolist() == [7, 8]
    assert id_numbers(ids.iloc[:2]) is None
    assert id_numbers(ids.iloc[2:]) is None


def test_id_numbers_over_several_chunks():
    chunked = pa.chunked_array([["1", "2"], ["3"]], type=pa.large_string())
    assert id_numbers(pd.Series(pd.arrays.ArrowStringArray(chunked))).tolist() == [1, 2, 3]
    chunked = pa.chunked_array([["1", "2"], ["03"]], type=pa.large_string())
    assert id_numbers(pd.Series(pd.arrays.ArrowStringArray(chunked))) is None


def _with_null_bytes(data: bytes, offsets: list[int], valid: list[bool]) -> pa.Array:
    """Text cells where a null slot may hold bytes, as Arrow allows."""
    bits = sum(1 << i for i, v in enumerate(valid)).to_bytes(1, "little")
    return pa.Array.from_buffers(
        pa.string(),
        len(valid),
        [
            pa.py_buffer(bits),
            pa.py_buffer(pa.array(offsets, pa.int32()).buffers()[1]),
            pa.py_buffer(data),
        ],
        null_count=valid.count(False),
    )


@pytest.mark.parametrize(
    ("cells", "expected"),
    [
        (pa.chunked_array([["a", "b"], ["c"]]), (False, False)),
        (pa.chunked_array([["a", " b"], ["c"]]), (True, False)),
        (pa.chunked_array([["a"], ["c\t"]]), (True, False)),
        (pa.chunked_array([["a"], ["", None]]), (False, True)),
        (pa.chunked_array([["a", None]]), (False, False)),
        (pa.array(["a b", "c"]), (False, False)),  # a space inside a cell is no padding
        (pa.array([" a", "b", "c"]).slice(1), (False, False)),
        (pa.array(["", "b", "c"]).slice(1), (False, False)),
        (_with_null_bytes(b"x", [0, 1, 1], [False, True]), (False, True)),
        (_with_null_bytes(b"xy", [0, 1, 2], [False, True]), (False, False)),
    ],
)
def test_padding_and_empty_cells_read_off_the_buffers(cells, expected):
    assert padding(cells) == expected


@pytest.mark.parametrize(("second", "duplicates"), [("7", 1), ("07", 0)])
def test_ids_of_two_files_compare_as_written(tmp_path, second, duplicates):
    first = tmp_path / "a.csv"
    first.write_text(HEADER + "x,zeist,7,2026-06-01T09:00:00Z,out,\n", encoding="utf-8")
    other = tmp_path / "b.csv"
    other.write_text(HEADER + f"x,zeist,{second},2026-06-01T09:00:00Z,out,\n", encoding="utf-8")
    result = load_activity([first, other], Config(), [])
    assert [e.rows_duplicate for e in result.ledger] == [0, duplicates]
    assert len(result.frame) == 2 - duplicates


@pytest.mark.parametrize("other", ["07", "0x7", "-07", "00"])
def test_ids_that_read_as_the_same_number_are_different_items(tmp_path, other):
    result, entry = load(
        tmp_path,
        "x,zeist,7,2026-06-01T09:00:00Z,out,",
        f"x,zeist,{other},2026-06-01T10:00:00Z,out,",
        "x,zeist,8,2026-06-01T11:00:00Z,out,",
    )
    assert (entry.rows_used, entry.rows_duplicate) == (3, 0)
    assert list(result.frame["item_id"]) == ["7", other, "8"]


@pytest.mark.parametrize(
    "first",
    ["1", "1861234567890123456", "post-1"],
    ids=["numbered-ids", "far-apart-ids", "text-ids"],
)
def test_a_repeated_item_is_a_duplicate_only_on_the_same_account(tmp_path, first):
    result, entry = load(
        tmp_path,
        f"x,zeist,{first},2026-06-01T09:00:00Z,out,",
        "x,zeist,5,2026-06-01T10:00:00Z,out,",
        f"x,jongeren,{first},2026-06-01T11:00:00Z,out,",
        f"x,zeist,{first},2026-06-01T09:00:00Z,out,",
        f"x,zeist,{first},2026-06-02T09:00:00Z,out,",  # another time: a conflict
    )
    assert (entry.rows_used, entry.rows_duplicate, entry.rows_rejected) == (3, 1, 1)
    [conflict] = entry.rejected
    assert conflict.row == 6
    assert conflict.reason.startswith(f"conflicts with {entry.path} row 2: ")
    # The first occurrence is the one kept.
    kept = result.frame[result.frame["item_id"].eq(first)]
    assert list(kept["timestamp"].dt.day) == [1, 1]


@pytest.mark.parametrize(
    ("asked", "named", "answered"),
    [
        ("7", "7", 1),
        ("7", "07", 0),
        ("1861234567890123456", "1861234567890123456", 1),
        ("in-7", "in-7", 1),
    ],
)
def test_a_reply_answers_the_item_it_names_exactly(tmp_path, asked, named, answered):
    result, _ = load(
        tmp_path,
        f"x,zeist,{asked},2026-06-02T09:00:00Z,in,",
        f"x,zeist,900,2026-06-02T10:00:00Z,out,{named}",
        # The same id on another account is another item: its reply does not count here.
        f"x,jongeren,{asked},2026-06-02T09:00:00Z,in,",
    )
    figures = compute_metrics(result.frame, JUNE, BusinessCalendar.from_config(Config()))
    assert figures.loc["x:zeist", "answered"] == answered
    assert figures.loc["x:jongeren", "answered"] == 0


@pytest.mark.parametrize(
    ("cells", "expected"),
    [
        (["true", "FALSE", "1", "0", None], [True, False, True, False, None]),
        (["ja", "True", " 0", "misschien", None], [True, True, False, None, None]),
    ],
    ids=["arrow-reads-them", "read-one-by-one"],
)
def test_yes_no_cells_mean_the_same_on_either_path(cells, expected):
    flags = booleans(pd.Series(cells, dtype="string"))
    assert str(flags.dtype) == "boolean"
    assert [None if pd.isna(f) else bool(f) for f in flags] == expected


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.one_of(st.none(), st.text(max_size=4), st.text("p0123456789\x00", max_size=9))),
    st.integers(min_value=1, max_value=4),
)
def test_short_ids_are_equal_exactly_when_the_texts_are(ids, chunks):
    """Packed ids stand in for the texts: equal numbers for equal texts, whatever the
    chunking of the column; ids too long to pack leave the texts to be compared."""
    size = max(1, -(-len(ids) // chunks))
    parts = [ids[i : i + size] for i in range(0, len(ids), size)] or [[]]
    column = pd.Series(pd.arrays.ArrowStringArray(pa.chunked_array(parts, type=pa.large_string())))
    packed = short_ids(column)
    if any(i is not None and (len(i.encode()) > SHORT or "\x00" in i) for i in ids):
        assert packed is None
        return
    assert packed is not None and len(packed) == len(ids)
    for a, x in zip(ids, packed, strict=True):
        for b, y in zip(ids, packed, strict=True):
            if a is not None and b is not None:
                assert (x == y) == (a == b)
        assert (x == -1) == (a is None)


def test_duplicates_are_found_among_short_text_ids(tmp_path):
    _, entry = load(
        tmp_path,
        "x,@a,p1,2026-06-01T10:00:00Z,out,",
        "x,@a,p10,2026-06-01T10:00:00Z,out,",
        "x,@a,p1,2026-06-01T10:00:00Z,out,",
        "x,@b,p1,2026-06-01T10:00:00Z,out,",
    )
    assert (entry.rows_used, entry.rows_duplicate) == (3, 1)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.one_of(
            st.integers(min_value=-(2**63), max_value=2**63 - 1),
            st.integers(min_value=0, max_value=50),
        ),
        max_size=300,
    )
)
def test_repeated_ids_are_found_exactly_however_wide_they_spread(values):
    """The bucketed count is a shortcut: it finds exactly the values that occur again."""
    from auditor.activity.load import _occur_again

    array = np.array(values, dtype=np.int64)
    expected = pd.Series(array).duplicated(keep=False).to_numpy()
    assert _occur_again(array).tolist() == expected.tolist()


ids = st.one_of(
    st.none(),
    st.sampled_from(["7", "07", "p1", "p12", "i7", "x"]),  # short, packed into numbers
    st.sampled_from(["urn:li:share:7", "a-rather-long-item-id"]),  # too long to pack
    st.integers(min_value=0, max_value=20).map(str),
)


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.tuples(st.integers(0, 2), ids, st.integers(0, 50)), max_size=40),
    st.lists(st.tuples(st.integers(0, 2), ids, st.integers(0, 50)), max_size=40),
)
def test_replies_are_matched_as_a_plain_lookup_matches_them(inbound, replies):
    """Per inbound item the earliest own reply naming it on the same account, whatever mix of
    ids (numbers, short and long texts, missing) the two sides hold."""
    from auditor.activity.metrics import _NAT, _earliest_named, _keys

    accounts = np.array([a for a, _, _ in inbound] + [a for a, _, _ in replies], dtype=np.int64)
    left = pd.Series([i for _, i, _ in inbound], dtype="string")
    right = pd.Series([i for _, i, _ in replies], dtype="string")
    n = len(inbound)
    asked, named = _keys(
        accounts,
        pd.concat([left, right], ignore_index=True),
        np.arange(n),
        pd.concat([left, right], ignore_index=True),
        np.arange(n, n + len(replies)),
    )
    at = np.array([t for _, _, t in replies], dtype=np.int64)
    found = _earliest_named(asked, named, at)
    for k, (account, item, _) in enumerate(inbound):
        times = [t for a, i, t in replies if item is not None and a == account and i == item]
        assert found[k] == (min(times) if times else _NAT)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.one_of(
            st.integers(-2, 40),
            st.integers(-(2**63), 2**63 - 1),
            st.integers(2**40, 2**40 + 5),
        ),
        min_size=1,
        max_size=80,
    )
)
def test_values_are_put_in_order_with_their_positions_however_wide_they_spread(values):
    """One sort of value-and-position words where they fit, argsort where they do not: either
    way the positions put the values in order, and the values come back unchanged."""
    from auditor.activity.columns import dense_codes, in_order

    array = np.array(values, dtype=np.int64)
    order, ordered = in_order(array)
    assert sorted(order.tolist()) == list(range(len(array)))
    assert array[order].tolist() == ordered.tolist() == sorted(values)
    codes, count = dense_codes(array)
    assert count == len(set(values))
    assert (
        pd.Series(codes).rank(method="dense").tolist()
        == pd.Series(values).rank(method="dense").tolist()
    )


long_ids = st.one_of(
    st.none(),
    st.sampled_from(["i-facebook-1", "i-facebook-12", "urn:li:share:7", "dQw4w9WgXcQ", "é" * 9]),
    st.text(min_size=9, max_size=70),
)


def _first_earlier(accounts, ids):
    """The plain meaning of `repeated_items`: the first earlier row with the same pair."""
    seen: dict = {}
    out = []
    for row, pair in enumerate(zip(accounts, ids, strict=True)):
        out.append(seen.get(pair, -1))
        seen.setdefault(pair, row)
    return out


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 2), long_ids), max_size=60), st.booleans())
def test_repeated_long_ids_are_found_exactly_even_when_hashes_collide(monkeypatch_rows, weak_hash):
    """Long text ids are hashed to find which may repeat; the pairs are then compared as
    texts, so even a hash that collides all the time (the length alone) finds exactly the
    repeats."""
    from auditor.activity import load as load_module
    from auditor.activity.columns import text_hashes

    accounts = np.array([a for a, _ in monkeypatch_rows], dtype=np.int64)
    ids = pd.Series([i for _, i in monkeypatch_rows], dtype="string")

    def length_only(values):
        return values.str.len().fillna(-1).to_numpy(dtype=np.int64).view(np.uint64)

    original = load_module.text_hashes
    load_module.text_hashes = length_only if weak_hash else text_hashes
    try:
        found = load_module.repeated_items(accounts, ids)
    finally:
        load_module.text_hashes = original
    plain = [None if pd.isna(i) else i for i in ids]
    assert found.tolist() == _first_earlier(accounts.tolist(), plain)


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.tuples(st.integers(0, 3), st.integers(0, 6)), min_size=1, max_size=60),
    st.sampled_from([1, 7, 10**15, 2**40 + 3]),
)
def test_ids_numbered_per_account_repeat_only_on_their_own_account(rows, scale):
    """Exports that number items per account (1, 2, 3 … on every account) repeat nearly every
    id across accounts: only the same id on the same account is a repeat, whether the ids are
    a narrow run of numbers or spread wide."""
    from auditor.activity.load import repeated_items

    accounts = np.array([a for a, _ in rows], dtype=np.int64)
    numbers = np.array([i * scale for _, i in rows], dtype=np.int64)
    ids = pd.Series([str(n) for n in numbers.tolist()], dtype="string")
    found = repeated_items(accounts, ids, numbers)
    assert found.tolist() == _first_earlier(accounts.tolist(), numbers.tolist())


@settings(max_examples=100, deadline=None)
@given(
    st.integers(1, 600),
    st.lists(st.tuples(st.integers(0, 599), st.integers(0, 599)), max_size=40),
    st.booleans(),
)
def test_values_that_occur_again_are_found_with_few_or_many_repeats(size, copies, wide):
    """Ids packed from text spread over all of int64, ids numbered in a run do not; a few
    repeats and many (overlapping exports) are found alike."""
    from auditor.activity.load import _occur_again

    rng = np.random.default_rng(size)
    values = rng.integers(-(2**62), 2**62, size) if wide else np.arange(size) * 3 + 7
    for source, target in copies:
        values[target % size] = values[source % size]
    counts = pd.Series(values).value_counts()
    assert _occur_again(values).tolist() == (counts[values].to_numpy() > 1).tolist()


def test_text_hashes_are_equal_for_equal_texts_across_chunks():
    from auditor.activity.columns import text_hashes

    texts = ["i-facebook-1", "i-facebook-12", None, "x" * 64, "i-facebook-1"]
    chunked = pd.Series(
        pd.arrays.ArrowStringArray(pa.chunked_array([texts[:2], texts[2:]], pa.large_string()))
    )
    hashes = text_hashes(chunked)
    assert hashes[0] == hashes[4] and len(set(hashes[[0, 1, 3]].tolist())) == 3
    assert text_hashes(pd.Series(["x" * 65], dtype="string")) is None
