"""Social media governance auditor: checks a register of accounts against the policy."""

from auditor import compat as _compat  # noqa: F401  (sets pandas up before any frame is made)

__version__ = "0.1.0"
