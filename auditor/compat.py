"""pandas 2.3 and older pyarrow set up to behave as the code expects (pandas 3, pyarrow 23).

The code is written for pandas 3: text in its Arrow-backed `str` dtype, copy-on-write, no
silent downcasting, and `observed=True` for groupings by a categorical. pandas 2.3 has the
first three as opt-in options, set here once when the package is imported (groupings pass
`observed=True` themselves).
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

if int(pd.__version__.split(".")[0]) < 3:
    pd.set_option("future.infer_string", True)
    pd.set_option("future.no_silent_downcasting", True)
    pd.set_option("mode.copy_on_write", True)

# pandas 3's `str` dtype (pandas 2.3 with `future.infer_string`).
TEXT_DTYPE = pd.StringDtype("pyarrow", na_value=np.nan)

# pyarrow before 19 turns Arrow text into Python strings and leaves the dtype to pandas, which
# keeps object for a column without any value: naming the dtype spares that and the copy.
_TEXT_TYPES = {pa.string(): TEXT_DTYPE, pa.large_string(): TEXT_DTYPE}


# pyarrow before 23 reads a text time beyond the nanosecond range (year 1000, 2300) as another,
# wrong time, without an error. Read at microseconds first, the cast to nanoseconds then checks.
_TIMES_WRAP = int(pa.__version__.split(".")[0]) < 23


def nanosecond_times(arr, tz: str | None = None):
    """Text cast to Arrow nanosecond times; ArrowInvalid for a time it cannot hold."""
    if _TIMES_WRAP:
        arr = pc.cast(arr, pa.timestamp("us", tz))
    return pc.cast(arr, pa.timestamp("ns", tz))


def arrow_types(extra: dict[pa.DataType, object] | None = None):
    """A `types_mapper` for `to_pandas` that gives text columns the `str` dtype."""
    mapping = _TEXT_TYPES | (extra or {})
    return mapping.get
