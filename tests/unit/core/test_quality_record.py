"""quality.json reads back into its typed record and is written again key for key."""

import json

import pytest

from santenum.core.quality import QualityReport
from tests.helpers import GOLDEN

SNAPSHOT = GOLDEN / "clean__quality.json"


@pytest.fixture
def written() -> dict:
    """The demo's quality.json as `santenum clean` wrote it (the snapshot drops the version)."""
    return {"santenum_version": "9.9", **json.loads(SNAPSHOT.read_text(encoding="utf-8"))}


def test_a_written_report_reads_back_to_the_same_text(written):
    report = QualityReport.from_json(written)
    text = json.dumps(written, ensure_ascii=False, indent=2)
    assert json.dumps(report.to_json(), ensure_ascii=False, indent=2) == text


def test_how_a_file_was_read_is_kept_apart_from_its_counts(written):
    report = QualityReport.from_json(written)
    first = report.sources[0]
    assert first.reading["format"] == "csv" and "encoding" in first.reading
    assert "kept" not in first.reading and first.source == written["sources"][0]["source"]
    assert first.rows_read == first.kept + first.merged + first.rejected
    assert report.total.companies == written["total"]["companies"]


def test_identification_appears_only_when_a_register_was_given(written):
    report = QualityReport.from_json(written)
    assert (report.identification is None) == ("identification" not in written)
    without = QualityReport.from_json({k: v for k, v in written.items() if k != "identification"})
    assert without.identification is None and "identification" not in without.to_json()


def test_a_quality_file_santenum_did_not_write_is_one_clear_error(tmp_path):
    from santenum.core.errors import SchemaError
    from santenum.core.table.store import read_quality

    (tmp_path / "quality.json").write_text('{"as_of": "2023-06-30"}', encoding="utf-8")
    with pytest.raises(SchemaError, match="quality.json: not a quality report .*santenum_version"):
        read_quality(tmp_path / "companies.parquet")
