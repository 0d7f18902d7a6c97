"""Hypothesis profiles for the generative tests.

`ci`, the default, draws a few hundred inputs in all and takes a few minutes on a small
machine; `HYPOTHESIS_PROFILE=thorough pytest tests/generative` draws thousands.
Tests here make their files in `tempfile` folders, one per example, never in pytest's
function-scoped `tmp_path` (which one example would share with the next).
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

_COMMON = {
    # An end-to-end example writes files and reports: its time follows the machine's load.
    "deadline": None,
    # Drawing a workbook is slow next to drawing an integer, and that is expected here.
    "suppress_health_check": [HealthCheck.too_slow, HealthCheck.data_too_large],
    "print_blob": True,
}
settings.register_profile("ci", max_examples=150, **_COMMON)
settings.register_profile("thorough", max_examples=2500, **_COMMON)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))
