"""pandas 2.3 and pyarrow before 19 set up to behave as the code expects (pandas 3).

The code is written for pandas 3: text in its Arrow-backed `str` dtype, copy-on-write, no
silent downcasting, and `observed=True` for groupings by a categorical. pandas 2.3 has the
first three as opt-in options, set here once when the package is imported (groupings pass
`observed=True` themselves).
"""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pyarrow as pa

if int(pd.__version__.split(".")[0]) < 3:
    pd.set_option("future.infer_string", True)
    pd.set_option("future.no_silent_downcasting", True)
    pd.set_option("mode.copy_on_write", True)
    # An index made from an object column: pandas 2.3 infers text, pandas 3 keeps object, and
    # the code works with either. The warning would reach the user's terminal dozens of times.
    warnings.filterwarnings(
        "ignore", message="Dtype inference on a pandas object", category=FutureWarning
    )

# pandas 3's `str` dtype (pandas 2.3 with `future.infer_string`).
TEXT_DTYPE = pd.StringDtype("pyarrow", na_value=np.nan)

# pyarrow before 19 turns Arrow text into Python strings and leaves the dtype to pandas, which
# keeps object for a column without any value: naming the dtype spares that and the copy.
_TEXT_TYPES = {pa.string(): TEXT_DTYPE, pa.large_string(): TEXT_DTYPE}


def arrow_types(extra: dict[pa.DataType, object] | None = None):
    """A `types_mapper` for `to_pandas` that gives text columns the `str` dtype."""
    mapping = _TEXT_TYPES | (extra or {})
    return mapping.get
