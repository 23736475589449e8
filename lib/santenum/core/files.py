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

import pandas as pd

from santenum.core.errors import InputError

# openpyxl stamps the save time into docProps/core.xml and into every zip entry; both are pinned.
FIXED_TIME = datetime(2000, 1, 1)
_ZIP_TIME = (1980, 1, 1, 0, 0, 0)
_MODIFIED = re.compile(rb"<dcterms:modified([^>]*)>[^<]*</dcterms:modified>")
SHEET_NAME_MAX = 31  # Excel's limit
# Text that a spreadsheet would run as a formula (OWASP, "CSV injection"), unless it is a number.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"[-+]?(\d+([.,]\d*)?|[.,]\d+)([eE][-+]?\d+)?")


def neutralise(value):
    """A text cell that would start a formula gets a leading apostrophe; numbers and the rest stay."""
    if isinstance(value, str) and value.startswith(FORMULA_START) and not _NUMBER.fullmatch(value):
        return "'" + value
    return value


def restore_text(value):
    """The text neutralise() was given (for cells written as typed strings, where no apostrophe is needed)."""
    if isinstance(value, str) and value.startswith("'") and value[1:].startswith(FORMULA_START):
        return value[1:]
    return value


def write_csv(frame: pd.DataFrame, path) -> Path:
    """UTF-8, comma-separated CSV with formula-like text neutralised; the same frame gives the same bytes."""
    text = frame.select_dtypes(include=["object", "string"]).columns
    safe = frame.assign(**{column: frame[column].map(neutralise) for column in text})
    safe.to_csv(path, index=False, encoding="utf-8", lineterminator="\n")
    return Path(path)


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


# The list of files a santenum run wrote into a directory it owns (a report's --out).
MANIFEST = ".santenum-ecrit.json"
_LEFTOVER = re.compile(r"\.(?P<name>.+)\.santenum-(?P<kind>tmp|old)-(?P<pid>\d+)(-.*)?$")


@contextmanager
def staged_directory(out, whole: bool = False, *, owned: bool = False):
    """Yield an empty staging directory beside `out`; once the block succeeds, publish it.

    whole=True: the staging directory takes the place of `out` in one rename (a reader never sees
    a mix of old and new files). owned=True (with whole): `out` records what was written in MANIFEST,
    and files under the previous `out` that no santenum run wrote (foreign_files) are moved into
    the new one, never deleted. Otherwise each file written replaces its namesake in `out`, other
    files stay. On failure `out` is untouched; the staging directory is always removed. Leftovers
    of a run that was killed are dealt with first (remove_leftovers).
    """
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    remove_leftovers(out, owned)
    staging = Path(
        tempfile.mkdtemp(prefix=f".{out.name}.santenum-tmp-{os.getpid()}-", dir=out.parent)
    )
    try:
        yield staging
        staging.chmod(0o755)  # mkdtemp makes it private
        if whole:
            if owned:
                _write_manifest(staging)
            _swap(staging, out, owned)
        else:
            out.mkdir(exist_ok=True)
            for entry in sorted(staging.iterdir()):
                os.replace(entry, out / entry.name)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def foreign_files(out) -> list:
    """Files under `out` (relative POSIX paths) that no santenum run wrote there, sorted."""
    out = Path(out)
    if not out.is_dir():
        return []
    manifest = out / MANIFEST
    written = set()
    if manifest.is_file():
        try:
            written = set(json.loads(manifest.read_text(encoding="utf-8"))["files"])
        except (ValueError, KeyError, TypeError):
            written = set()  # a damaged manifest vouches for nothing
    return [path for path in _tree(out) if path not in written and path != MANIFEST]


def _tree(root: Path) -> list:
    """Every file and empty directory under root, as sorted relative POSIX paths."""
    found = []
    for folder, dirs, files in os.walk(root):
        base = Path(folder).relative_to(root)
        found += [(base / name).as_posix() for name in files]
        if not dirs and not files and folder != str(root):
            found.append(base.as_posix())
    return sorted(found)


def _write_manifest(staging: Path) -> None:
    listing = {"files": _tree(staging)}
    (staging / MANIFEST).write_text(json.dumps(listing, indent=1) + "\n", encoding="utf-8")


def _keep_foreign(previous: Path, out: Path) -> None:
    """Move the files santenum did not write from a previous `out` into the new one (kept, not
    lost); one of the same name as a file the run wrote (--force) goes with the previous one."""
    for relative in foreign_files(previous):
        target = out / relative
        if target.exists():
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        os.replace(previous / relative, target)


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
    formats: sheet name -> one Excel number format per column (None: general), applied below the
    header row, which is then bold and frozen. Format codes are stored as Excel's invariant
    codes ('#,##0', '0.0 %'): French Excel shows them with its own separators ('1 234', '42,3 %').
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
            if number_format:
                for (cell,) in sheet.iter_rows(min_row=2, min_col=index, max_col=index):
                    cell.number_format = number_format
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


def _typed_text(sheet, value):
    """Text starting with '=' as a string cell (openpyxl would store it as a formula)."""
    if not (isinstance(value, str) and value.startswith("=")):
        return value
    from openpyxl.cell.cell import Cell

    cell = Cell(sheet, value=value)
    cell.data_type = "s"
    return cell
