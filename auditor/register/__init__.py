"""The account register: the workbook Communicatie keeps by hand."""

from auditor.register.reader import Register, load_register

__all__ = ["Register", "load_register"]
