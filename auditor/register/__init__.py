"""The account register: the workbook Communicatie keeps by hand."""

from auditor.register.contents import Register
from auditor.register.reader import load_register

__all__ = ["Register", "load_register"]
