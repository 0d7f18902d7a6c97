"""A `Message` field of a model that is written out and read back (the history's models):
dumped as `Message.to_store()`, so its typed values survive JSON and `model_dump`, and read
back from that form, or from the `{"nl": ..., "en": ...}` texts a message was before."""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import BeforeValidator, PlainSerializer

from auditor.messages import Message


def _read(value: Any) -> Any:
    if isinstance(value, dict) and "key" not in value and {"nl", "en"} <= value.keys():
        # The bilingual text a message was before it was data.
        return Message("history.stored_text", nl=value["nl"], en=value["en"])
    return Message.from_store(value) if isinstance(value, dict) else value


def _write(message: Message) -> dict[str, Any]:
    return message.to_store()


StoredMessage = Annotated[Message, BeforeValidator(_read), PlainSerializer(_write)]
