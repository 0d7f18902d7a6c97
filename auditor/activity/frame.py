"""The canonical activity frame every later stage reads, and the ledger of input rows.

One row per activity item, whatever file it came from:

| column          | dtype                      | meaning                                          |
|-----------------|----------------------------|--------------------------------------------------|
| platform        | category                   | Platform value (`x`, `facebook`, ...)            |
| handle          | category                   | the organisation's own account, canonical handle |
| account_id      | category                   | register id when matched, else platform:handle   |
| registered      | bool                       | the account is in the register                   |
| item_id         | string                     | post/message id, unique within platform+account  |
| timestamp       | datetime64[ns, UTC]        | when it happened                                 |
| direction       | category                   | `out` (own post/reply) or `in` (to the account)  |
| kind            | category                   | post, reply, comment, message, mention           |
| in_reply_to     | string (nullable)          | for an `out` reply: item_id of the `in` item     |
| conversation_id | string (nullable)          | inbox exports: pairs in/out in one conversation  |
| has_image       | boolean (nullable)         | the post carries an image                        |
| has_alt_text    | boolean (nullable)         | that image has alt text                          |
| source          | category                   | input file (as given on the command line)        |
| source_row      | int64                      | row number in that file (1-based, header = 1)    |

Columns with a handful of distinct values are categoricals of text: one small integer a row
instead of a string, on millions of rows. Compare them (`eq`, `isin`) like text; filling them
with a value that is not one of their categories needs `.astype("string")` first.

Author names and message texts are personal data: adapters may read them to derive a
column (an X reply is recognised by its leading `@`) but never put them in the frame.
"""

from __future__ import annotations

from typing import Any

import pandas as pd
from pydantic import BaseModel, Field, model_validator
from pydantic.json_schema import SkipJsonSchema

from auditor.messages import Message, StoredMessage

COLUMNS: dict[str, str] = {
    "platform": "category",
    "handle": "category",
    "account_id": "category",
    "registered": "bool",
    "item_id": "string",
    "timestamp": "datetime64[ns, UTC]",
    "direction": "category",
    "kind": "category",
    "in_reply_to": "string",
    "conversation_id": "string",
    "has_image": "boolean",
    "has_alt_text": "boolean",
    "source": "category",
    "source_row": "int64",
}


def empty_frame() -> pd.DataFrame:
    return pd.DataFrame({name: pd.Series(dtype=dtype) for name, dtype in COLUMNS.items()})


# A row that could not be used. `reason` is the English text findings.json and the history
# keep; `message` the same reason for a report in any language, where known (not for a ledger
# read back from JSON). Given a Message as `reason`, the row keeps both. (No docstring: it
# would become the description in findings.json's published schema.)
class RejectedRow(BaseModel):
    row: int
    reason: str
    # Not part of the published ledger (findings.json, its schema, the history).
    message: SkipJsonSchema[Message | None] = Field(default=None, exclude=True, repr=False)

    @model_validator(mode="before")
    @classmethod
    def _reason_as_message(cls, data: Any) -> Any:
        if isinstance(data, dict) and isinstance(data.get("reason"), Message):
            return {**data, "reason": data["reason"]("en"), "message": data["reason"]}
        return data

    def as_message(self) -> Message:
        """The reason to render: its message, or the text as recorded."""
        return self.message or Message("activity.reason.recorded", reason=self.reason)


class LedgerEntry(BaseModel):
    """What became of every row of one input file: read = used + duplicate + rejected."""

    path: str
    format: str
    sha256: str
    rows_read: int = 0
    rows_used: int = 0
    rows_duplicate: int = 0
    rows_rejected: int = 0
    rejected: list[RejectedRow] = Field(default_factory=list)
    note: StoredMessage | None = None  # how the file was attributed, when its rows do not say

    def balanced(self) -> bool:
        return self.rows_read == self.rows_used + self.rows_duplicate + self.rows_rejected
