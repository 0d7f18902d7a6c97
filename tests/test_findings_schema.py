"""findings.json has a published JSON Schema: the shipped file is the models' schema, and what
an audit writes validates against those models."""

from __future__ import annotations

import json
from importlib import resources

from click.testing import CliRunner

from auditor.cli import cli as main
from auditor.findings_schema import SCHEMA_FILE, FindingsFile, schema_text
from tests.helpers import compliant_account, main_account
from tests.sample_audit import sample_result


def _normal(schema):
    """The schema's contract without what pydantic versions spell differently: titles and
    descriptions of referenced types, an open dict's `additionalProperties: true`, and the type
    beside a constant."""
    if isinstance(schema, dict):
        return {
            k: _normal(v)
            for k, v in schema.items()
            if k not in ("title", "description")
            and not (k == "additionalProperties" and v is True)
            and not (k == "type" and "const" in schema)
        }
    if isinstance(schema, list):
        return [_normal(v) for v in schema]
    return schema


def test_the_shipped_schema_is_the_models_schema():
    shipped = resources.files("auditor").joinpath(SCHEMA_FILE).read_text(encoding="utf-8")
    assert _normal(json.loads(shipped)) == _normal(json.loads(schema_text())), (
        "run: auditor schema > auditor/findings.schema.json"
    )
    printed = CliRunner().invoke(main, ["schema"])
    assert printed.exit_code == 0 and json.loads(printed.output) == json.loads(schema_text())


def test_an_audits_findings_json_validates(make_register, tmp_path):
    register = make_register(
        [
            main_account("x", "gemeentezeist"),
            compliant_account("sport", substitute_name=None, substitute_email=None),
        ]
    )
    out = tmp_path / "audit"
    result = CliRunner().invoke(main, ["run", "--inventory", str(register), "--out", str(out)])
    assert result.exit_code in (0, 1), result.output
    document = json.loads((out / "findings.json").read_text(encoding="utf-8"))
    parsed = FindingsFile.model_validate(document)
    assert any(
        f.check_id == "OWN002" and f.message_key.startswith("OWN002.") for f in parsed.findings
    )


def test_the_sample_audit_validates_with_history_and_waivers():
    for lang in ("nl", "en"):
        FindingsFile.model_validate(json.loads(json.dumps(sample_result(lang).to_json())))
