"""Writing files safely: staged directories replaced in one step, file hashes, reproducible .xlsx workbooks."""

import errno
import hashlib
import io
import json
import os
import re
import shutil
import stat
import tempfile
import zipfile
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from santenum.core.errors import InputError
from santenum.core.text import CONTROL_CHARACTERS

# openpyxl stamps the save time into docProps/core.xml and into every zip entry; both are pinned.
FIXED_TIME = datetime(2000, 1, 1)
_ZIP_TIME = (1980, 1, 1, 0, 0, 0)
_MODIFIED = re.compile(rb"<dcterms:modified([^>]*)>[^<]*</dcterms:modified>")
SHEET_NAME_MAX = 31  # Excel's limit
# Text that a spreadsheet would run as a formula (OWASP, "CSV injection": = + - @ tab and carriage
# return; ASVS 1.2.10 adds NUL, which no CSV santenum writes holds), unless it is a number. Looked
# for after leading whitespace too: OWASP's list is of first characters, but LibreOffice's CSV
# import can trim spaces before it evaluates a cell, so « =1+1» is treated as « =1+1 ».
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"[-+]?(\d+([.,]\d*)?|[.,]\d+)([eE][-+]?\d+)?")


def _formula_like(text: str) -> bool:
    start = text.lstrip(" \u00a0\u202f\n")
    return text.startswith(FORMULA_START) or (
        start.startswith(FORMULA_START) and not _NUMBER.fullmatch(start)
    )


def neutralise(value):
    """A text cell that would start a formula gets a leading apostrophe; numbers and the rest stay."""
    if isinstance(value, str) and not _NUMBER.fullmatch(value) and _formula_like(value):
        return "'" + value
    return value


def restore_text(value):
    """The text neutralise() was given (for cells written as typed strings, where no apostrophe is needed)."""
    if isinstance(value, str) and value.startswith("'") and _formula_like(value[1:]):
        return value[1:]
    return value


def csv_text(value):
    """A text cell as the CSV writer writes it: control characters dropped (NUL, escapes; tab and
    line breaks kept), every line break a line feed (which the writer quotes: a lone carriage
    return was written bare and split the record), then neutralised."""
    if not isinstance(value, str):
        return value
    value = re.sub(CONTROL_CHARACTERS, "", value).replace("\r\n", "\n").replace("\r", "\n")
    return neutralise(value)


@contextmanager
def naming(path):
    """An OSError while writing `path` names it (a full disk's error names no file)."""
    try:
        yield
    except OSError as exc:
        if not exc.filename:
            exc.filename = str(path)
        raise


def _csv_column(cells: pd.Series) -> pd.Series:
    """csv_text over a column: vectorised for a text column (a million names in about a second)."""
    if not isinstance(cells.dtype, pd.StringDtype):
        return cells.map(csv_text)
    # only a cell that holds a control character or a carriage return can change, and only one
    # whose first visible character starts a formula can need neutralise(): Arrow's RE2 finds
    # them in one pass, and the rest is done on those alone
    maybe = np.flatnonzero(_found(cells, f"{CONTROL_CHARACTERS}|\r|{_FORMULA_FIRST}"))
    if not len(maybe):
        return cells
    changed = cells.iloc[maybe].str.replace(CONTROL_CHARACTERS, "", regex=True)
    changed = changed.str.replace("\r\n", "\n", regex=False).str.replace("\r", "\n")
    values = changed.to_numpy(dtype=object)
    suspect = np.flatnonzero(_found(changed, _FORMULA_FIRST))
    values[suspect] = [neutralise(value) for value in values[suspect]]
    cells = cells.copy()
    cells.iloc[maybe] = values
    return cells


# A text whose first character but " \u00a0\u202f\n" is one of FORMULA_START, as RE2 reads it
# (the characters themselves in the class, "-" last).
_FORMULA_FIRST = "^[ \u00a0\u202f\n]*[" + "".join(sorted(FORMULA_START, key="-".__eq__)) + "]"


def _found(cells: pd.Series, pattern: str) -> np.ndarray:
    """True where the (RE2) pattern is found in a text cell; False on missing ones."""
    found = pc.match_substring_regex(pa.array(cells.array), pattern)
    return pc.fill_null(found, False).to_numpy(zero_copy_only=False)


def write_csv(frame: pd.DataFrame, path) -> Path:
    """The one CSV writer (every CSV santenum writes): UTF-8, comma-separated, text cells and
    headers through csv_text; the same frame gives the same bytes. A table of text and whole
    numbers is written by Arrow (_csv_lines: pandas' bytes, ten times faster), any other by
    pandas."""
    text = frame.select_dtypes(include=["object", "string"]).columns
    safe = frame.assign(**{column: _csv_column(frame[column]) for column in text})
    safe.columns = [csv_text(str(column)) for column in frame.columns]
    with naming(path):
        lines = _csv_lines(safe)
        if lines is None:
            safe.to_csv(path, index=False, encoding="utf-8", lineterminator="\n")
        else:
            with open(path, "wb") as out:
                out.writelines(lines)
    return Path(path)


_CSV_ROWS = 200_000  # rows joined at once by _csv_lines (its memory is a few of these)


def _csv_lines(frame: pd.DataFrame) -> list | None:
    """The bytes pandas' to_csv writes for `frame` (Python's csv: a cell is quoted when it holds
    a comma, a quote or a line feed, its quotes doubled; missing values empty), built by Arrow, or
    None for a table it does not cover: one column (an empty cell is written « "" » there), a
    column neither text nor whole numbers, a carriage return (csv_text leaves none)."""
    if len(frame.columns) < 2:
        return None
    cells = [_csv_cells(frame[column]) for column in frame.columns]
    if any(column is None for column in cells):
        return None
    header = ",".join(_csv_quoted(str(column)) for column in frame.columns) + "\n"
    lines = [header.encode("utf-8")]
    separator, end = pa.scalar(",", pa.large_string()), pa.scalar("", pa.large_string())
    for start in range(0, len(frame), _CSV_ROWS):
        chunk = [column.slice(start, _CSV_ROWS) for column in cells]
        rows = pc.binary_join_element_wise(*chunk, separator)
        rows = pc.binary_join_element_wise(rows, end, pa.scalar("\n", pa.large_string()))
        offsets = np.frombuffer(rows.buffers()[1], dtype=np.int64)
        offsets = offsets[rows.offset : rows.offset + len(rows) + 1]
        lines.append(memoryview(rows.buffers()[2])[offsets[0] : offsets[-1]])
    return lines


def _csv_cells(values: pd.Series) -> pa.Array | None:
    """A column's cells as CSV text, quoted where Python's csv quotes them; None when the column
    is neither text nor whole numbers, or holds a carriage return."""
    if isinstance(values.dtype, pd.StringDtype):
        array = pa.array(values.array).cast(pa.large_string())
    elif values.dtype == object and pd.api.types.infer_dtype(values, skipna=True) in TEXT_KINDS:
        array = pa.array(values.to_numpy(), type=pa.large_string(), from_pandas=True)
    elif pd.api.types.is_integer_dtype(values.dtype):
        array = pc.cast(pa.array(values.array), pa.large_string())
    else:
        return None
    if isinstance(array, pa.ChunkedArray):
        array = array.combine_chunks()
    array = pc.fill_null(array, "")
    needs = pc.match_substring_regex(array, '[,"\n\r]')
    if not pc.any(needs).as_py():
        return array
    special = array.filter(needs)
    if pc.any(pc.match_substring(special, "\r")).as_py():
        return None
    quote = pa.scalar('"', pa.large_string())
    doubled = pc.replace_substring(special, '"', '""')
    quoted = pc.binary_join_element_wise(quote, doubled, quote, pa.scalar("", pa.large_string()))
    return pc.replace_with_mask(array, needs, quoted)


TEXT_KINDS = ("string", "empty")


def _csv_quoted(text: str) -> str:
    return '"' + text.replace('"', '""') + '"' if re.search(r'[,"\n]', text) else text


def read_user_file(path, *, limit: int, what: str, root=None) -> bytes:
    """The bytes of a file the user gives (--texts files, --logo, --notebooks, --sirene-counts,
    the analyst's decisions beside the raw files), read without following any link.

    `root` is the folder the user named (default: the file's own folder): it is taken as it is,
    but no component below it may be a link, nor the file itself (O_NOFOLLOW at each step). The
    file must be a regular file (a pipe is opened without blocking, then refused), and at most
    `limit` bytes are read from it, whatever size it reports (/proc files report 0): one more
    byte read means too large. InputError (one line, naming the file and `what`) otherwise.
    """
    path = Path(path)
    root = path.parent if root is None else Path(root)
    try:
        parts = path.relative_to(root).parts
    except ValueError:
        raise InputError(path, f"{what}: outside {root}") from None
    if not parts:
        raise InputError(path, f"{what}: a folder, not a file")
    flags = os.O_RDONLY | os.O_CLOEXEC | os.O_NOFOLLOW
    opened = []
    try:
        folder = os.open(root, os.O_RDONLY | os.O_CLOEXEC | os.O_DIRECTORY)
        opened.append(folder)
        for part in parts[:-1]:
            folder = os.open(part, flags | os.O_DIRECTORY, dir_fd=folder)
            opened.append(folder)
        handle = os.open(parts[-1], flags | os.O_NONBLOCK, dir_fd=folder)
        opened.append(handle)
        if not stat.S_ISREG(os.fstat(handle).st_mode):
            raise InputError(path, f"{what}: not a regular file (a folder, pipe, socket or device)")
        chunks, size = [], 0
        while size <= limit:
            chunk = os.read(handle, min(1 << 20, limit + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
    except OSError as exc:
        raise InputError(path, f"{what}: {_open_problem(exc)}") from None
    finally:
        for fd in reversed(opened):
            os.close(fd)
    if size > limit:
        raise InputError(path, f"{what}: larger than {limit} bytes")
    return b"".join(chunks)


def _open_problem(exc: OSError) -> str:
    if exc.errno in (errno.ELOOP, errno.ENOTDIR, errno.EMLINK):
        return (
            "a link (or a link in its path): santenum does not follow links, give the file itself"
        )
    if exc.errno == errno.ENOENT:
        return "no such file"
    return exc.strerror or type(exc).__name__


# What a santenum run wrote into a folder it writes (an --out of clean, sirene or report): the one
# mark of ownership. Everything else under the folder (files, links, folders) is someone else's:
# refused without --force (check_out), never deleted, never replaced.
MANIFEST = ".santenum-ecrit.json"
_LEFTOVER = re.compile(r"\.(?P<name>.+)\.santenum-(?P<kind>tmp|old)-(?P<pid>\d+)(-.*)?$")


def check_out(out, *, command: str, inputs=(), force: bool = False, writes=()) -> Path:
    """The output folder `out`, checked before any work, as the folder to write (a link to a
    folder is written through: the link stays, its folder gets the files); else InputError.

    Refused: `.` or `..` as its name, the root, the working folder or one above it, a file, a
    broken link, a folder that holds one of `inputs` or lies inside one of them (a raw folder),
    and, unless force, a folder holding entries santenum did not write (foreign_files); even with
    force, one whose foreign entry has the name of a file the command writes (`writes`).
    """
    given = Path(out)
    target = out_folder(given)
    for path in inputs:
        if path is None:
            continue
        path = Path(path).resolve()
        if path.is_relative_to(target):
            raise InputError(
                given, f"--out holds an input of the {command} ({path.name}): choose another folder"
            )
        if path.is_dir() and target.is_relative_to(path):
            raise InputError(
                given,
                f"--out lies inside an input folder of the {command} ({path}): choose another",
            )
    foreign = foreign_files(target)
    if foreign and not force:
        raise InputError(
            given,
            f"--out holds {len(foreign)} file(s) santenum did not write (first: {foreign[0]}); "
            "choose an empty folder, or --force to write beside them (they are kept)",
        )
    clash = [path for path in foreign if path.split("/")[0] in set(writes)]
    if clash:
        raise InputError(given / clash[0], _CLASH)
    return target


def out_folder(out) -> Path:
    """The folder `out` names, resolved, if it can be an output folder of its own; else
    InputError: `.` or `..` as its name, a file, a broken link, the root, the working folder or
    one above it."""
    given = Path(out)
    if given.name in ("", ".", ".."):
        raise InputError(given, "--out must name its own folder (not . or ..)")
    if given.is_symlink() and not given.exists():
        raise InputError(given, "--out is a broken link")
    if given.exists() and not given.is_dir():
        raise InputError(given, "--out names a file, not a folder")
    target = given.resolve()
    if target.parent == target or Path.cwd().resolve().is_relative_to(target):
        raise InputError(
            given, "--out must be a folder of its own, not the current folder or above it"
        )
    return target


_CLASH = "santenum did not write this file and would replace it: move it away (nothing written)"


def _target(out) -> Path:
    """Where `out`'s files go: a link to a folder is written through (the link stays a link)."""
    out = Path(os.path.abspath(out))
    return out.resolve() if out.is_symlink() else out


@contextmanager
def staged_directory(out, whole: bool = False, *, owned: bool = False):
    """Yield an empty staging directory beside `out`; once the block succeeds, publish it.

    whole=True: the staging directory takes the place of `out` in one rename (a reader never sees
    a mix of old and new files); otherwise each file written replaces its namesake in `out`.
    owned=True: `out` records what santenum wrote in MANIFEST; entries under `out` that no
    santenum run wrote (foreign_files) stay where they are (whole: moved into the new folder),
    and one that a file written would replace stops the run (InputError, nothing published).
    A link `out` is written through (_target). On failure `out` is untouched; the staging
    directory is always removed, and an error while writing names the file as it would be
    published. Leftovers of a run that was killed are dealt with first (remove_leftovers).
    """
    out = _target(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    remove_leftovers(out, owned)
    staging = Path(
        tempfile.mkdtemp(prefix=f".{out.name}.santenum-tmp-{os.getpid()}-", dir=out.parent)
    )
    try:
        try:
            yield staging
        except OSError as exc:
            if exc.filename and Path(exc.filename).is_relative_to(staging):
                exc.filename = str(out / Path(exc.filename).relative_to(staging))
            raise
        staging.chmod(0o755)  # mkdtemp makes it private
        if owned:
            clash = _clashes(out, staging)
            if clash:
                raise InputError(out / clash, _CLASH)
            _write_manifest(staging, [] if whole else _written(out))
        if whole:
            _swap(staging, out, owned)
        else:
            out.mkdir(exist_ok=True)
            for entry in sorted(staging.iterdir()):
                os.replace(entry, out / entry.name)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _clashes(out: Path, staging: Path) -> str | None:
    """The first entry under `out` santenum did not write that a staged file would replace."""
    staged = set(_tree(staging))
    folders = {parent.as_posix() for path in staged for parent in Path(path).parents}
    for path in foreign_files(out):
        parents = {parent.as_posix() for parent in Path(path).parents}
        if path in staged or (path in folders and not (out / path).is_dir()) or parents & staged:
            return path
    return None


def _written(out: Path) -> list:
    """What MANIFEST says santenum wrote under `out` (and is still there)."""
    manifest = out / MANIFEST
    if not manifest.is_file() or manifest.is_symlink():
        return []
    try:
        written = json.loads(manifest.read_text(encoding="utf-8"))["files"]
    except (ValueError, KeyError, TypeError, UnicodeDecodeError):
        return []  # a damaged manifest vouches for nothing
    if not isinstance(written, list):
        return []
    return [path for path in written if isinstance(path, str) and os.path.lexists(out / path)]


def foreign_files(out) -> list:
    """Entries under `out` (relative POSIX paths: files, links, empty folders) that no santenum
    run wrote there, sorted."""
    out = Path(out)
    if not out.is_dir():
        return []
    written = set(_written(out))
    return [path for path in _tree(out) if path not in written and path != MANIFEST]


def _tree(root: Path) -> list:
    """Every file, link (to a folder too: never followed) and empty folder under root, as sorted
    relative POSIX paths."""
    found = []
    for folder, dirs, files in os.walk(root):
        base = Path(folder).relative_to(root)
        links = [name for name in dirs if os.path.islink(os.path.join(folder, name))]
        found += [(base / name).as_posix() for name in [*files, *links]]
        if not dirs and not files and folder != str(root):
            found.append(base.as_posix())
    return sorted(found)


def _write_manifest(staging: Path, kept: list) -> None:
    """MANIFEST in staging: what it holds, and (files added into `out`) what santenum wrote
    there before and still stands."""
    listing = {"files": sorted(set(_tree(staging)) | set(kept))}
    (staging / MANIFEST).write_text(json.dumps(listing, indent=1) + "\n", encoding="utf-8")


def _keep_foreign(previous: Path, out: Path) -> None:
    """Move the entries santenum did not write from a previous `out` into the new one (kept, not
    lost; staged_directory refused any that a file written would replace)."""
    for relative in foreign_files(previous):
        source, target = previous / relative, out / relative
        if _real_folder(source) and _real_folder(target):
            continue  # an empty folder the new one also has: nothing to keep
        target.parent.mkdir(parents=True, exist_ok=True)
        os.replace(source, target)


def _real_folder(path: Path) -> bool:
    return path.is_dir() and not path.is_symlink()


def remove_leftovers(out, owned: bool = False) -> None:
    """Deal with what dead santenum runs left beside `out`: their staging directories (only
    files they wrote) are removed; a previous `out` that a killed run had set aside is put back
    when `out` is missing, else (owned) its files santenum did not write are moved into `out`
    before it is removed."""
    out = Path(out)
    if not out.parent.is_dir():
        return
    for entry in sorted(out.parent.iterdir()):
        match = _LEFTOVER.match(entry.name)
        if not match or match["name"] != out.name or _alive(int(match["pid"])):
            continue
        if match["kind"] == "old" and not out.exists():
            entry.rename(out)
            continue
        if match["kind"] == "old" and owned:
            _keep_foreign(entry, out)
        if entry.is_symlink():  # a link `out` set aside by an earlier version: only the link goes
            entry.unlink()
        else:
            shutil.rmtree(entry, ignore_errors=True)


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return False  # this process is not inside a staging block while it cleans
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _swap(staging: Path, out: Path, owned: bool) -> None:
    """staging becomes `out`; the previous `out` is set aside, its foreign files kept (owned),
    then removed. A kill at any step leaves what remove_leftovers puts right."""
    old = None
    if out.exists():
        old = out.with_name(f".{out.name}.santenum-old-{os.getpid()}")
        out.rename(old)
    staging.rename(out)
    if old is not None:
        if owned:
            _keep_foreign(old, out)
        shutil.rmtree(old, ignore_errors=True)


def sha256(path) -> str:
    """Hex SHA-256 of a file, read in blocks."""
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def write_workbook(path, sheets: dict, formats: dict | None = None) -> Path:
    """Write sheets (name -> list of rows, each a list of cell values) as a reproducible .xlsx.

    Text cells are typed strings: one starting with '=' is never written as a formula.
    formats: sheet name -> one Excel number format per column (None: general; a list: one per row
    below the header), applied below the header row, which is then bold and frozen, and the
    columns sized to their content. Format codes are stored as Excel's invariant codes ('#,##0',
    '0.0 %'): French Excel shows them with its own separators ('1 234', '42,3 %').
    """
    import openpyxl  # imported here: notebooks that only save CSV tables do not pay for it
    from openpyxl.styles import Font

    book = openpyxl.Workbook()
    book.remove(book.active)
    book.properties.creator = "santenum"
    book.properties.created = FIXED_TIME
    for name, rows in sheets.items():
        sheet = book.create_sheet(name[:SHEET_NAME_MAX])
        for row in rows:
            sheet.append([_typed_text(sheet, value) for value in row])
        columns = (formats or {}).get(name)
        if columns is None:
            continue
        sheet.freeze_panes = "A2"
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for index, number_format in enumerate(columns, start=1):
            cells = [cell for (cell,) in sheet.iter_rows(min_row=2, min_col=index, max_col=index)]
            by_row = (
                number_format if isinstance(number_format, list) else [number_format] * len(cells)
            )
            for cell, each in zip(cells, by_row, strict=True):
                if each:
                    cell.number_format = each
        _fit_columns(sheet, rows)
    buffer = io.BytesIO()
    book.save(buffer)
    stamp = FIXED_TIME.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    path = Path(path)
    with (
        zipfile.ZipFile(buffer) as source,
        zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for entry in source.infolist():
            data = source.read(entry.filename)
            if entry.filename == "docProps/core.xml":
                data = _MODIFIED.sub(
                    rb"<dcterms:modified\1>" + stamp + rb"</dcterms:modified>", data
                )
            target.writestr(
                zipfile.ZipInfo(entry.filename, date_time=_ZIP_TIME),
                data,
                compress_type=zipfile.ZIP_DEFLATED,
            )
    return path


COLUMN_WIDTH = (6, 60)  # narrowest and widest column, in characters


def _fit_columns(sheet, rows: list) -> None:
    """Each column as wide as its longest value as text (a share written '42,3 %'), within
    COLUMN_WIDTH."""
    from openpyxl.utils import get_column_letter

    widths = {}
    for row in rows:
        for index, value in enumerate(row, start=1):
            text = f"{value:.1%}" if isinstance(value, float) and abs(value) <= 1 else str(value)
            widths[index] = max(widths.get(index, 0), 0 if value is None else len(text))
    low, high = COLUMN_WIDTH
    for index, width in widths.items():
        sheet.column_dimensions[get_column_letter(index)].width = min(high, max(low, width + 2))


def _typed_text(sheet, value):
    """Text starting with '=' as a string cell (openpyxl would store it as a formula)."""
    if not (isinstance(value, str) and value.startswith("=")):
        return value
    from openpyxl.cell.cell import Cell

    cell = Cell(sheet, value=value)
    cell.data_type = "s"
    return cell
