"""Limits enforced before work (issue 29, item 6), reading side: workbooks whose XML makes
calamine build billions of cells are refused from a count of their XML, in one line, before
calamine opens them. Run as a command: on the old code calamine aborted the process (exit 134)."""

import re
import subprocess
import sys
import zipfile
from pathlib import Path

import openpyxl
import pytest

SANTENUM = str(Path(sys.executable).with_name("santenum"))
NAMESPACES = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"'
)
MANIFEST = (
    '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest '
    'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
    '<manifest:file-entry manifest:full-path="/" '
    'manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
    '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
    "</manifest:manifest>"
)
HEADER = (
    '<table:table-row><table:table-cell office:value-type="string"><text:p>Raison sociale'
    '</text:p></table:table-cell><table:table-cell office:value-type="string"><text:p>Code postal'
    "</text:p></table:table-cell></table:table-row>"
)


def write_ods(path: Path, rows: str) -> Path:
    """An .ods whose one sheet has the header, then `rows` (table:table-row elements)."""
    content = (
        f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {NAMESPACES} '
        'office:version="1.2"><office:body><office:spreadsheet><table:table table:name="S">'
        f"{HEADER}{rows}</table:table></office:spreadsheet></office:body></office:document-content>"
    )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as book:
        book.writestr(
            zipfile.ZipInfo("mimetype"),
            "application/vnd.oasis.opendocument.spreadsheet",
            compress_type=zipfile.ZIP_STORED,
        )
        book.writestr("content.xml", content)
        book.writestr("META-INF/manifest.xml", MANIFEST)
    return path


def _clean(tmp_path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [SANTENUM, "clean", str(tmp_path / "raw"), "--out", str(tmp_path / "out"), "--quiet"],
        capture_output=True,
        text=True,
        timeout=120,
    )


def _refused(done, *words) -> None:
    assert done.returncode == 2, done.stderr[-500:]
    assert done.stderr.count("\n") == 1 and "Traceback" not in done.stderr
    for word in words:
        assert word in done.stderr


@pytest.mark.slow
@pytest.mark.parametrize("order", ['s="1" r="XFD1048576"', "r='XFD1048576' s=\"1\""])
def test_a_far_cell_after_another_attribute_is_refused(tmp_path, order):
    """The check read `<c r="…"` only: a cell whose r came after another attribute passed, and
    calamine asked for 512 GB and aborted (exit 134)."""
    book = openpyxl.Workbook()
    book.active.append(["Raison sociale", "Code postal"])
    book.active.append(["Télé Santé Sud", "34000"])
    (tmp_path / "raw").mkdir()
    saved = tmp_path / "saved.xlsx"
    book.save(saved)
    far = f'<row r="1048576"><c {order} t="inlineStr"><is><t>loin</t></is></c></row></sheetData>'
    with zipfile.ZipFile(saved) as source, zipfile.ZipFile(tmp_path / "raw" / "e.xlsx", "w") as out:
        for entry in source.infolist():
            data = source.read(entry)
            if entry.filename.startswith("xl/worksheets/"):
                data = re.sub(rb'<row r="1048576"', b"<row", data)
                data = data.replace(b"</sheetData>", far.encode())
                data = re.sub(rb"<dimension [^>]*/>", b'<dimension ref="A1:B2"/>', data)
            out.writestr(entry, data)
    _refused(_clean(tmp_path), "e.xlsx", "16384 columns")


@pytest.mark.slow
def test_repeated_ods_rows_are_counted_before_reading(tmp_path):
    """An 875-byte .ods of repeated rows took 1.6 GB and 55 s."""
    (tmp_path / "raw").mkdir()
    cell = '<table:table-cell table:number-columns-repeated="1024" office:value-type="string">'
    rows = f'<table:table-row table:number-rows-repeated="1048575">{cell}<text:p>x</text:p>'
    path = write_ods(tmp_path / "raw" / "e.ods", rows + "</table:table-cell></table:table-row>")
    assert path.stat().st_size < 1000
    _refused(_clean(tmp_path), "e.ods", "at most 20000000")


@pytest.mark.slow
def test_empty_rows_before_a_last_line_count_and_trailing_ones_do_not(tmp_path):
    (tmp_path / "raw").mkdir()
    empty = (
        '<table:table-row table:number-rows-repeated="1048570">'
        '<table:table-cell table:number-columns-repeated="1024"/></table:table-row>'
    )
    last = (
        '<table:table-row><table:table-cell office:value-type="string"><text:p>Bip</text:p>'
        '</table:table-cell><table:table-cell office:value-type="string"><text:p>31000</text:p>'
        "</table:table-cell></table:table-row>"
    )
    write_ods(tmp_path / "raw" / "e.ods", last + empty + last)
    _refused(_clean(tmp_path), "e.ods")
    write_ods(tmp_path / "raw" / "e.ods", last + empty)  # LibreOffice's trailing formatted rows
    assert _clean(tmp_path).returncode == 0
