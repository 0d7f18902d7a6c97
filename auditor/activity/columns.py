"""Column helpers on Arrow-backed pandas data: text cells read off their buffers, coded
(categorical) columns, ids as numbers, and conversions on two threads. Shared by the adapters,
matching, loading and the metrics; nothing here knows an export format."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
from pandas.api.types import union_categoricals

from auditor.compat import arrow_types

ASCII_WHITESPACE = " \t\n\v\f\r"
_ASCII_SPACE = np.zeros(256, dtype=bool)
_ASCII_SPACE[[9, 10, 11, 12, 13, 32]] = True  # what ascii_trim_whitespace removes


@dataclass
class _Cells:
    """One chunk of an Arrow text array as numpy views: each cell is data[starts:ends]."""

    starts: np.ndarray
    ends: np.ndarray
    data: np.ndarray  # uint8
    valid: Callable[[], np.ndarray]  # bool per cell, unpacked only when asked for


def _cells(arr: pa.Array | pa.ChunkedArray) -> list[_Cells] | None:
    """The text chunks' buffers, read in place; None for another layout."""
    chunks = arr.chunks if isinstance(arr, pa.ChunkedArray) else [arr]
    out = []
    for chunk in chunks:
        if chunk.type not in (pa.string(), pa.large_string()):
            return None
        if len(chunk) == 0:
            continue
        bitmap, offsets, data = chunk.buffers()
        width = np.int64 if chunk.type == pa.large_string() else np.int32
        bounds = np.frombuffer(offsets, dtype=width)[chunk.offset : chunk.offset + len(chunk) + 1]
        raw = np.frombuffer(data, dtype=np.uint8) if data is not None else np.zeros(0, np.uint8)
        valid = partial(_validity, bitmap, chunk.offset, len(chunk))
        out.append(_Cells(bounds[:-1], bounds[1:], raw, valid))
    return out


def _validity(bitmap: pa.Buffer | None, offset: int, n: int) -> np.ndarray:
    if bitmap is None:
        return np.ones(n, dtype=bool)
    bits = np.unpackbits(np.frombuffer(bitmap, dtype=np.uint8), bitorder="little")
    return bits[offset : offset + n].astype(bool)


def padding(arr: pa.Array | pa.ChunkedArray) -> tuple[bool, bool]:
    """(whether any cell may start or end with whitespace, whether any present cell is
    empty), read off the Arrow buffers without building a trimmed copy to compare."""
    chunks = _cells(arr)
    if chunks is None:
        return True, True  # another layout: trimming is the safe answer
    padded = empty = False
    for cells in chunks:
        # Ids and most text hold no byte up to the space at all: one pass tells.
        used = cells.data[cells.starts[0] : cells.ends[-1]]
        if not padded and (used <= 32).any():
            filled = cells.ends > cells.starts
            starts, ends = cells.starts[filled], cells.ends[filled]
            padded = bool(
                _ASCII_SPACE[cells.data[starts]].any() or _ASCII_SPACE[cells.data[ends - 1]].any()
            )
        if not empty:
            zero = cells.ends == cells.starts
            empty = bool(zero.any() and (zero & cells.valid()).any())
    return padded, empty


# pandas keeps its text columns as Arrow large_string: building them in that type avoids a copy.
TEXT = pa.large_string()


def as_text(values: pd.Series) -> pd.Series:
    """Values as text with missing ones left missing: before pandas 3, `astype("str")`
    writes a missing value as the text 'nan'."""
    return values.astype("str").where(values.notna())


def na_strings(n: int) -> pd.Series:
    return pa.nulls(n, TEXT).to_pandas(types_mapper=arrow_types())


def na_booleans(n: int) -> pd.Series:
    return pd.Series(pd.arrays.BooleanArray(np.zeros(n, dtype=bool), np.ones(n, dtype=bool)))


def take_strings(codes: np.ndarray, values: Sequence[str | None]) -> pd.Series:
    """values[code] per row (-1 → NA), built in Arrow so millions of rows stay cheap."""
    dictionary = pa.array(list(values), type=TEXT)
    indices = pa.array(codes.astype(np.int32), mask=codes < 0)
    return (
        pa.DictionaryArray.from_arrays(indices, dictionary)
        .dictionary_decode()
        .to_pandas(types_mapper=arrow_types())
    )


def take_categories(codes: np.ndarray, values: Sequence[str | None]) -> pd.Series:
    """values[code] per row (-1 or a None value → NA) as a categorical: a handful of distinct
    values cost one small integer per row instead of a string."""
    # Sorted, so that grouping and sorting by the column order its values as text would.
    names = sorted({v for v in values if v is not None})
    rank = {name: i for i, name in enumerate(names)}
    small = np.int8 if len(names) < 127 else np.int32  # the width pandas keeps codes in
    lookup = np.asarray([-1 if v is None else rank[v] for v in values] + [-1], dtype=small)
    categories = pd.Index(names, dtype="str")
    # numpy indexes with its own integer width: narrower codes would be widened per row.
    codes = np.asarray(codes, dtype=np.intp)
    return pd.Series(
        pd.Categorical.from_codes(lookup[codes], categories=categories, validate=False)
    )


def as_categories(values: pd.Series) -> pd.Series:
    """A text column as a categorical (kept as it is when it already is one)."""
    if isinstance(values.dtype, pd.CategoricalDtype):
        return values.reset_index(drop=True)
    codes, uniques = factorize(values)
    return take_categories(codes, uniques)


def id_numbers(values: pd.Series) -> np.ndarray | None:
    """Ids as int64 when every present one is a plain decimal integer, else None.

    Only ids whose text is exactly the number's own notation qualify (`7`, not `07` or `+7`),
    so equal numbers mean equal ids: hashing integers is several times cheaper than hashing
    millions of strings. Missing ids come back as 0; callers mask them.
    """
    if not isinstance(values.dtype, pd.StringDtype):
        return None
    arr = pa.array(values)
    if not _digits_only(arr):
        return None  # Arrow would find that out too, at far more cost than a pass over bytes
    present = None
    if arr.null_count:
        present = pc.is_valid(arr).to_numpy(zero_copy_only=False)
        arr = arr.drop_null()
    try:
        numbers = pc.cast(arr, pa.int64()).to_numpy(zero_copy_only=False)
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
        return None
    if _leading_zero(arr):
        return None
    if present is None:
        return numbers.astype(np.int64, copy=False)
    out = np.zeros(len(present), dtype=np.int64)
    out[present] = numbers
    return out


# Texts of up to this many bytes fit in an int64.
SHORT = 8


def short_ids(values: pd.Series) -> np.ndarray | None:
    """Each id packed into one int64 when every present one has at most `SHORT` bytes and
    none holds a NUL byte, else None. The bytes are the number, so equal numbers mean equal
    texts (within one column; `p12` is not the number 12 here): without NUL bytes, padding
    with zeros tells `ab` from any longer text. Missing ids come back as -1, all bytes 0xFF,
    which no UTF-8 text holds.

    Hashing integers is several times cheaper than hashing millions of strings; text ids such
    as `p1509868` are this short. The loop runs over the byte positions, not the rows."""
    if not isinstance(values.dtype, pd.StringDtype):
        return None
    chunks = _cells(pa.array(values))
    if chunks is None:
        return None
    out = np.empty(len(values), dtype=np.int64)
    at = 0
    for cells in chunks:
        lengths = cells.ends - cells.starts
        n = len(lengths)
        if n and int(lengths.max()) > SHORT:
            return None
        windows, offsets, used = _words(cells)
        if (used == 0).any():
            return None
        packed = windows[offsets] & _LOW_BYTES[lengths]
        numbers = packed.astype(np.uint64, copy=False).view(np.int64)
        numbers[~cells.valid()] = -1
        out[at : at + n] = numbers
        at += n
    return out


def _words(cells) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The eight bytes from every byte position of a chunk's cells as one little-endian number
    (windows one byte apart over a zero-padded copy), each cell's offset among them, and the
    bytes the cells use: a cell's first eight bytes are one gather for all rows instead of one
    per byte position; cut them to the cell's length with `_LOW_BYTES`."""
    n = len(cells.starts)
    first = int(cells.starts[0]) if n else 0
    used = cells.data[first : cells.ends[-1]] if n else cells.data[:0]
    padded = np.zeros(len(used) + SHORT, dtype=np.uint8)
    padded[: len(used)] = used
    windows = np.ndarray((len(used) + 1,), dtype="<u8", buffer=padded, strides=(1,))
    return windows, cells.starts - first, used


# The masks keeping a number's lowest 0, 1, …, 8 bytes.
_LOW_BYTES = np.array([(1 << (8 * k)) - 1 for k in range(SHORT + 1)], dtype=np.uint64)


# Hashing reads ids up to this many bytes; longer ones are coded exactly instead.
HASHED = 64
_MIX = np.uint64(0x9E3779B97F4A7C15)  # 2^64 / φ, odd (Knuth's multiplicative hashing)


def text_hashes(values: pd.Series) -> np.ndarray | None:
    """A 64-bit hash of every text (missing ones alike), or None when a text is longer than
    `HASHED` bytes or the column is no text. Equal texts have equal hashes; unequal ones
    almost never do, so a hash met once is a text met once, and only texts whose hash
    repeats need comparing exactly. Read off the buffers eight bytes at a time (see
    `short_ids`): a few passes over the rows, where hashing the texts one by one into a
    table of millions cost several times more."""
    if not isinstance(values.dtype, pd.StringDtype):
        return None
    chunks = _cells(pa.array(values))
    if chunks is None:
        return None
    out = np.empty(len(values), dtype=np.uint64)
    at = 0
    for cells in chunks:
        lengths = cells.ends - cells.starts
        n = len(lengths)
        longest = int(lengths.max()) if n else 0
        if longest > HASHED:
            return None
        windows, offsets, used = _words(cells)
        # The length first, so that texts padded with NUL bytes differ from shorter ones.
        hashed = lengths.astype(np.uint64) * _MIX
        for k in range(0, longest, SHORT):
            part = np.clip(lengths - k, 0, SHORT)
            word = windows[np.minimum(offsets + k, len(used))] & _LOW_BYTES[part]
            mixed = (hashed ^ word.astype(np.uint64, copy=False)) * _MIX
            mixed ^= mixed >> np.uint64(29)
            # A text is mixed as many times as it has words, however long its neighbours.
            hashed = np.where(part > 0, mixed, hashed)
        hashed[~cells.valid()] = 0
        out[at : at + n] = hashed
        at += n
    return out


def may_hold(arr: pa.Array | pa.ChunkedArray, byte: str) -> bool:
    """Whether some cell may hold the ASCII character `byte`: one pass over the buffers
    (True for a layout they cannot be read in)."""
    chunks = _cells(arr)
    if chunks is None:
        return True
    code = ord(byte)
    return any(
        bool((cells.data[cells.starts[0] : cells.ends[-1]] == code).any())
        for cells in chunks
        if len(cells.starts)
    )


def _digits_only(arr: pa.Array | pa.ChunkedArray) -> bool:
    """Whether the cells hold no byte but digits and minus signs: anything else (`p12`,
    `urn:…`) is no plain number, and most text ids show it in their first byte."""
    chunks = _cells(arr)
    if chunks is None:
        return True  # another layout: let the cast decide
    for cells in chunks:
        if not len(cells.starts):
            continue
        used = cells.data[cells.starts[0] : cells.ends[-1]]
        if ((used < ord("0")) & (used != ord("-")) | (used > ord("9"))).any():
            return False
    return True


def _leading_zero(arr: pa.Array | pa.ChunkedArray) -> bool:
    """Whether a cell starts with `0` and is more than `0`, or starts with `-0`.

    Arrow reads `07`, `-07` and `0x7` as 7 as well (no signs `+`, spaces or exponents): such
    a leading zero marks a text that is not the number's own. Read off the buffers: the
    first two bytes of every cell."""
    chunks = _cells(arr)
    if chunks is None:
        zero = pc.and_(pc.starts_with(arr, "0"), pc.greater(pc.binary_length(arr), 1))
        return bool(pc.any(pc.or_(zero, pc.starts_with(arr, "-0"))).as_py())
    for cells in chunks:
        long = (cells.ends - cells.starts) > 1  # `0` alone is the number's own text
        starts = cells.starts[long]
        first, second = cells.data[starts], cells.data[starts + 1]
        if ((first == ord("0")) | ((first == ord("-")) & (second == ord("0")))).any():
            return True
    return False


def category_codes(values: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """A categorical's codes as int64 (-1 for NA), and which categories some row uses:
    categories outlive the rows that were filtered away."""
    small = values.cat.codes.to_numpy()
    k = len(values.cat.categories)
    codes = small.astype(np.int64)
    # NA counted along in bin 0: cheaper than a pass to leave it out.
    counts = np.bincount(codes + 1, minlength=k + 1)
    return codes, counts[1:] > 0


def factorize(values: pd.Series) -> tuple[np.ndarray, list]:
    """(code per row, distinct values); NA → -1. Arrow's dictionary encoding beats
    pandas' factorize on Arrow-backed text by about half."""
    if isinstance(values.dtype, pd.CategoricalDtype):
        # A categorical carries its codes: only categories no row uses are left out.
        codes, present = category_codes(values)
        renumber = np.append(np.cumsum(present) - 1, -1)
        return renumber[codes], list(values.cat.categories[present])
    if not isinstance(values.dtype, pd.StringDtype):
        codes, uniques = pd.factorize(values)
        return codes.astype(np.int64), list(uniques)
    array = pa.array(values)
    if isinstance(array, pa.ChunkedArray):
        # One chunk first: unifying the dictionaries of many encoded chunks grows with the
        # square of their number when most values are distinct (text item ids).
        array = array.combine_chunks()
    encoded = pc.dictionary_encode(array)
    # int32 as Arrow made them: millions of codes are worth not widening.
    codes = encoded.indices.fill_null(-1).to_numpy(zero_copy_only=False)
    return codes, encoded.dictionary.to_pylist()


def distinct_codes(values: pd.Series) -> tuple[np.ndarray, int]:
    """(code per row, NA → -1; how many distinct values): `factorize` without its list of
    values, which for millions of distinct ids costs a Python string each."""
    if isinstance(values.dtype, pd.StringDtype):
        array = pa.array(values)
        if isinstance(array, pa.ChunkedArray):
            array = array.combine_chunks()  # see `factorize`
        encoded = pc.dictionary_encode(array)
        codes = encoded.indices.fill_null(-1).to_numpy(zero_copy_only=False)
        return codes.astype(np.int64), len(encoded.dictionary)  # a copy: callers may write
    codes, uniques = factorize(values)
    return np.asarray(codes, dtype=np.int64), len(uniques)


def in_order(values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The positions that put `values` in order, and the values so ordered.

    Where the values' range leaves room for a row's position beside each in 64 bits, one
    plain sort of those words does it: numpy sorts plain integers several times faster than
    it finds the order of them (`argsort`), and the difference grew with the rows."""
    n = len(values)
    low = int(values.min())
    bits = max(n - 1, 1).bit_length()
    if int(values.max()) - low >= 1 << (63 - bits):
        order = np.argsort(values)
        return order, values[order]
    words = values - low
    words <<= bits
    words |= np.arange(n, dtype=np.int64)
    words.sort()
    order = words & ((1 << bits) - 1)
    words >>= bits
    words += low
    return order, words


def dense_codes(values: np.ndarray) -> tuple[np.ndarray, int]:
    """0, 1, 2, … for the distinct values, equal for equal values, and how many there are.
    Sorting costs less than hashing once the values outgrow the cache (see
    `metrics._earliest_named`)."""
    if not len(values):
        return np.zeros(0, dtype=np.int64), 0
    order, ordered = in_order(values)
    new = np.empty(len(values), dtype=np.int64)
    new[0] = 0
    np.not_equal(ordered[1:], ordered[:-1], out=new[1:])
    codes = np.empty(len(values), dtype=np.int64)
    codes[order] = np.cumsum(new)
    return codes, int(codes[order[-1]]) + 1


def concat_frames(frames: list[pd.DataFrame]) -> pd.DataFrame:
    """Frames of the same columns one after the other; categoricals of different frames
    merged, not turned into text (which concatenating them as frames would do)."""
    if len(frames) == 1:
        return frames[0]
    columns = {}
    for name in frames[0].columns:
        pieces = [frame[name] for frame in frames]
        if all(isinstance(piece.dtype, pd.CategoricalDtype) for piece in pieces):
            arrays = [piece.array for piece in pieces]
            if len({array.categories.dtype for array in arrays}) > 1:
                # A column empty in one file comes from Arrow with categories of no type.
                arrays = [
                    pd.Categorical.from_codes(a.codes, categories=a.categories.astype("str"))
                    for a in arrays
                ]
            columns[name] = pd.Series(union_categoricals(arrays, sort_categories=True))
            continue
        if len({piece.dtype for piece in pieces}) > 1:  # text in one file, categories in another
            pieces = [_text(piece) for piece in pieces]
        columns[name] = pd.concat(pieces, ignore_index=True)
    return pd.DataFrame(columns)


def _text(values: pd.Series) -> pd.Series:
    if isinstance(values.dtype, pd.CategoricalDtype):
        codes = values.cat.codes.to_numpy().astype(np.int64)
        return take_strings(codes, [str(v) for v in values.cat.categories])
    return values if isinstance(values.dtype, pd.StringDtype) else take_strings(*factorize(values))
