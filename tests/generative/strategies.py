"""Hypothesis strategies for the inputs people make: registers and activity exports.

Each strategy draws a *spec* (plain data: header, rows, merges, encoding …); `write_*` puts a
spec on disk as the real file a municipality would hand over. Keeping the two apart lets a
failing example be printed, shrunk and copied into a regression test as plain data.
Cells live in `cells`, registers in `register_files`, exports in `export_files`.
"""

from tests.generative.cells import any_cell
from tests.generative.export_files import (
    FORMATS,
    ExportSpec,
    export_sets,
    exports,
    write_export_spec,
)
from tests.generative.register_files import (
    RegisterSpec,
    SheetSpec,
    registers,
    sheet,
    write_register_spec,
)

__all__ = [
    "FORMATS",
    "ExportSpec",
    "RegisterSpec",
    "SheetSpec",
    "any_cell",
    "export_sets",
    "exports",
    "registers",
    "sheet",
    "write_export_spec",
    "write_register_spec",
]
