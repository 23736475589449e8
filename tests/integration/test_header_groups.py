"""Small files that share their first line are read as one table (readers.together) and their
columns' roles told once: the outputs are those of reading each file alone, byte for byte, on
real public files cut into pieces, with pieces the group must leave to be read alone."""

from pathlib import Path

import pytest

from santenum.clean import sources
from santenum.clean.readers import together
from santenum.clean.reasons import EMPTY_ROW, TOTAL_ROW
from tests.helpers import DATA, santenum_in_process

REAL = DATA / "real"
# Real files (tests/data/real, each with its PROVENANCE.md): CRLF UTF-8, Windows-1252 with a
# header over six lines, LF UTF-8 without identifiers, a register with people's names beside.
# folder -> (file, the lines its header record takes: a quoted header cell may hold a break,
# whether its pieces are read together: cut between lines, the register's multi-line quoted
# values leave ragged pieces, which are read each alone).
FILES = {
    "maine_et_loire_conventions": (
        "224900019_conventions-de-subventions-du-departement-de-maine-et-loire.csv",
        1,
        True,
    ),
    "sarthe_assos_2018_csv": ("sub_asso_2018_Sarthe.csv", 6, True),
    "funding_tracker_no_siren": ("companies-no-siren.csv", 1, True),
    "lobbying_an_2017": ("registre-lobbying-AN-v2-170805.csv", 1, False),
}
PIECES = 12


def _pieces(source: Path, header_lines: int, raw: Path) -> None:
    """The file cut into PIECES files of whole lines, each with the header line; then pieces a
    group must read alone or handle as alone: one ending in blank rows, one with a total line,
    one with the header only, one re-encoded."""
    data = source.read_bytes()
    lines = data.rstrip(b"\r\n").split(b"\n")
    header, lines = b"\n".join(lines[:header_lines]), lines[header_lines:]
    size = max(1, len(lines) // PIECES)
    for number in range(PIECES):
        chunk = lines[number * size : (number + 1) * size if number < PIECES - 1 else None]
        (raw / f"part-{number:02d}.csv").write_bytes(header + b"\n" + b"\n".join(chunk) + b"\n")
    eol = b"\r\n" if header.endswith(b"\r") else b"\n"
    first = lines[0].rstrip(b"\r")
    width = header.count(b";") if header.count(b";") > header.count(b",") else header.count(b",")
    separator = b";" if header.count(b";") > header.count(b",") else b","
    blank = separator * width
    (raw / "zz-blank-end.csv").write_bytes(header + b"\n" + first + eol + blank + eol + blank + eol)
    total = b"Total" + separator + separator * (width - 1)
    (raw / "zz-total.csv").write_bytes(header + b"\n" + first + eol + total + eol)
    (raw / "zz-header-only.csv").write_bytes(header + b"\n")
    text = (header + b"\n" + first + eol).decode("cp1252" if b"\xe9" in data else "utf-8")
    other = "cp1252" if b"\xe9" not in data else "utf-8"
    try:
        (raw / "zz-other-encoding.csv").write_bytes(
            (text + "Société Ï" + eol.decode()).encode(other)
        )
    except UnicodeEncodeError:
        pass


def _clean(raw: Path, out: Path) -> tuple:
    done = santenum_in_process("clean", str(raw), "--out", str(out), "--quiet")
    files = {p.name: p.read_bytes() for p in sorted(out.iterdir())} if out.exists() else {}
    return done.returncode, done.stderr.replace(str(out), "OUT"), files


@pytest.mark.slow
@pytest.mark.parametrize("folder", FILES)
def test_files_sharing_a_header_clean_as_each_alone(folder, tmp_path, monkeypatch):
    raw = tmp_path / "raw"
    raw.mkdir()
    name, header_lines, read_as_one = FILES[folder]
    _pieces(REAL / folder / name, header_lines, raw)
    read_together = []
    spy = together.read_together

    def counted(paths, options):
        found = spy(paths, options)
        read_together.extend(t for t in found.tables if t is not None)
        return found

    monkeypatch.setattr(sources, "read_together", counted)
    grouped = _clean(raw, tmp_path / "grouped")
    assert (len(read_together) >= PIECES) == read_as_one
    monkeypatch.setattr(together, "MAX_BYTES", 0)  # every file alone
    alone = _clean(raw, tmp_path / "alone")
    assert grouped[0] == alone[0]
    assert grouped[1] == alone[1]
    assert grouped[2].keys() == alone[2].keys()
    for name in alone[2]:
        assert grouped[2][name] == alone[2][name], name


def test_a_group_gives_each_file_its_own_line_numbers(tmp_path):
    first = tmp_path / "a.csv"
    second = tmp_path / "b.csv"
    first.write_bytes(b"nom;siren\r\nAlpha SAS;732829320\r\nBeta SARL;552100554\r\n")
    second.write_bytes(b"nom;siren\r\n;\r\nGamma SA;\r\nTotal;\r\n;\r\n\r\n")
    found = together.read_together([first, second], {})
    assert found.tables[0].rows.tolist() == [2, 3]
    assert found.tables[1].rows.tolist() == [3]
    malformed = [(line, why) for line, why, _ in found.tables[1].malformed]
    assert malformed == [(2, EMPTY_ROW), (4, TOTAL_ROW)]  # the blank rows after it are no data
    assert len(found.frame) == 3


def test_a_ragged_group_is_read_file_by_file(tmp_path):
    first = tmp_path / "a.csv"
    second = tmp_path / "b.csv"
    first.write_bytes(b"nom;siren\nAlpha SAS;732829320\n")
    second.write_bytes(b"nom;siren\nBeta SARL;552100554;en trop\n")
    assert together.read_together([first, second], {}).tables == [None, None]


def test_a_large_group_is_read_by_runs_of_bounded_size(tmp_path, monkeypatch):
    """Ten files of the same header, runs of at most three files' bytes: three runs read together
    and the tenth file alone, with the outputs of reading each alone."""
    raw = tmp_path / "raw"
    raw.mkdir()
    for number in range(10):
        (raw / f"p{number}.csv").write_text(f"nom;code postal\nSociété {number} SAS;3400{number}\n")
    monkeypatch.setattr(sources, "GROUP_BYTES", 3 * (raw / "p0.csv").stat().st_size)
    reads = []
    spy = together.read_together
    monkeypatch.setattr(sources, "read_together", lambda p, o: reads.append(len(p)) or spy(p, o))
    grouped = _clean(raw, tmp_path / "grouped")
    assert reads == [3, 3, 3]
    monkeypatch.setattr(together, "MAX_BYTES", 0)
    assert _clean(raw, tmp_path / "alone") == grouped
