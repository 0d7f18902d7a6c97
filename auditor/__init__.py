"""Social media governance auditor: checks a register of accounts against the policy."""

__version__ = "0.1.0"
