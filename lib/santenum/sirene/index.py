"""The identification index: the register's tables (register.TABLES) kept as Parquet, once per
pair of stock files, so that a run reads the names folded instead of folding them again.

Where: one folder per pair of stock files (named by a digest of their absolute paths) under the
index root — `--index-dir`, else $XDG_CACHE_HOME/santenum/sirene-index (~/.cache/… by default).
Not beside the stock: the stock often lies in a raw folder that `santenum clean` reads (the demo's
register does), where an index would be a hidden folder warned about on every run.

When it is used: its manifest.json must name the same format, the same folding rules (the SQL
that builds it and the reference communes) and the same stock files — each by its size, its
modification time and a SHA-256 of its first and last MiB (hashing a 7 GB national CSV whole
would cost more than the run the index saves; a new monthly stock differs in size or mtime, and
a file copied over with its mtime kept still differs in its header's first rows or its last
ones, where INSEE's stock sorted by SIREN puts the newest units, or its Parquet footer of row
counts and statistics; only an edit confined to a file's middle that keeps its size and date to
the nanosecond would go unseen, a risk taken knowingly). Its own tables are hashed whole
(SHA-256, about 0.6 s for a national stock): an index that does not match is rebuilt, never
trusted. An index root that cannot be written is said once, and identification goes on without
index (folding the names it needs).
"""

import hashlib
import json
import logging
import os
import shutil
import tempfile
import time
import uuid
from pathlib import Path

import duckdb
import pandas as pd

from santenum.core.insee import ETABLISSEMENT_NAMES, UNITE_LEGALE_NAMES
from santenum.sirene.names import keys_select, match_words
from santenum.sirene.register import RELATIONS, TABLES, Register, create_names, open_stock
from santenum.sirene.stock import commune_places, connect, quoted

log = logging.getLogger(__name__)

# Raised whenever what the index holds or how it is built changes in a way the rules digest
# cannot see (the steps of register.create_names, the tables kept).
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
SAMPLE_BYTES = 1 << 20  # of a stock file, the first and the last MiB are hashed
_CHUNK = 1 << 22
LEFTOVER_SECONDS = 86_400  # a build's scratch folder older than this was left by a killed run


def default_root() -> Path:
    """$XDG_CACHE_HOME/santenum/sirene-index, else ~/.cache/santenum/sirene-index."""
    cache = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(cache) / "santenum" / "sirene-index"


def _stock_fingerprint(path: Path) -> dict:
    """A stock file's size, modification time and SHA-256 of its first and last SAMPLE_BYTES."""
    stat = path.stat()
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        digest.update(stream.read(SAMPLE_BYTES))
        stream.seek(max(stat.st_size - SAMPLE_BYTES, 0))
        digest.update(stream.read(SAMPLE_BYTES))
    return {
        "path": str(path.resolve()),
        "size": stat.st_size,
        "mtime_ns": stat.st_mtime_ns,
        "sha256_first_last_mib": digest.hexdigest(),
    }


def _file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        while chunk := stream.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def _rules() -> str:
    """Digest of what the index's content follows: its format, the SQL building its tables (the
    folding and its keys included) and the reference communes placing establishments."""
    text = json.dumps(
        [
            FORMAT_VERSION,
            RELATIONS,
            match_words("name"),
            keys_select(),
            ETABLISSEMENT_NAMES,
            UNITE_LEGALE_NAMES,
            pd.util.hash_pandas_object(commune_places(), index=False).tolist(),
        ]
    )
    return hashlib.sha256(text.encode()).hexdigest()


def key(register: Register) -> dict:
    """What an index of the register must have been built with to be used (its manifest's key)."""
    return {
        "format": FORMAT_VERSION,
        "rules": _rules(),
        "unites_legales": _stock_fingerprint(Path(register.unites_legales)),
        "etablissements": _stock_fingerprint(Path(register.etablissements)),
    }


def slot(register: Register) -> Path:
    """The index folder of a pair of stock files (by their absolute paths)."""
    root = Path(register.index_dir) if register.index_dir is not None else default_root()
    names = f"{Path(register.unites_legales).resolve()}\0{Path(register.etablissements).resolve()}"
    return root / hashlib.sha256(names.encode()).hexdigest()[:16]


def _table_path(folder: Path, table: str) -> Path:
    return folder / f"{table}.parquet"


def is_valid(folder: Path, wanted: dict) -> bool:
    """True when folder holds an index built with the key `wanted` whose tables are as written."""
    try:
        manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
        return manifest["key"] == wanted and all(
            _file_sha256(_table_path(folder, table)) == manifest["tables"][table]
            for table in TABLES
        )
    except (OSError, ValueError, KeyError, TypeError):
        return False


def _build(register: Register, folder: Path, wanted: dict) -> None:
    """Write the register's tables and the manifest into folder (empty)."""
    start = time.perf_counter()
    con = connect(register.memory_limit, False, folder / ".spill")
    try:
        open_stock(con, register)
        places = _table_path(folder, "etab_places")
        con.execute(
            f"COPY (FROM etab_places) TO {quoted(places)} (FORMAT parquet, COMPRESSION zstd)"
        )
        # The names read the establishments just written rather than the stock a second time.
        con.execute(
            f"CREATE OR REPLACE TEMP VIEW etab_places AS FROM read_parquet({quoted(places)})"
        )
        create_names(con)
        for table in ("units", "reg_names"):
            target = quoted(_table_path(folder, table))
            con.execute(f"COPY (FROM {table}) TO {target} (FORMAT parquet, COMPRESSION zstd)")
    finally:
        con.close()
    shutil.rmtree(folder / ".spill", ignore_errors=True)
    manifest = {
        "key": wanted,
        "tables": {table: _file_sha256(_table_path(folder, table)) for table in TABLES},
        "build_seconds": round(time.perf_counter() - start, 1),
    }
    (folder / MANIFEST).write_text(json.dumps(manifest, indent=1), encoding="utf-8")


def _install(built: Path, target: Path) -> None:
    """Put the folder built in place of target's (renames: a reader sees one or the other)."""
    stale = target.with_name(f".stale-{uuid.uuid4().hex}")
    if target.exists():
        target.rename(stale)
    try:
        built.rename(target)
    finally:
        shutil.rmtree(stale, ignore_errors=True)


def _prune(root: Path, keep: Path) -> None:
    """Remove the index folders of root whose stock files are gone, and folders a build
    interrupted a day ago or more left behind: only folders this module writes (a manifest of
    its own, or its scratch names)."""
    for folder in root.iterdir():
        if folder == keep or not folder.is_dir():
            continue
        if folder.name.startswith((".building-", ".stale-")):
            if time.time() - folder.stat().st_mtime > LEFTOVER_SECONDS:
                shutil.rmtree(folder, ignore_errors=True)
            continue
        try:
            built_for = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))["key"]
            stock = [Path(built_for[file]["path"]) for file in ("unites_legales", "etablissements")]
        except (OSError, ValueError, KeyError, TypeError):
            continue
        if not all(path.exists() for path in stock):
            shutil.rmtree(folder, ignore_errors=True)


def ready(register: Register) -> Path | None:
    """The folder of a valid index of the register, built first if missing or stale; None (said
    once) when none can be written there."""
    target = slot(register)
    wanted = key(register)
    if is_valid(target, wanted):
        return target
    built = None
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        _prune(target.parent, target)
        built = Path(tempfile.mkdtemp(prefix=".building-", dir=target.parent))
        log.info("index d'identification : construction pour %s", register.etablissements)
        _build(register, built, wanted)
        _install(built, target)
        built = None
    except (OSError, duckdb.IOException) as exc:
        if isinstance(exc, duckdb.IOException) and (built is None or str(built) not in str(exc)):
            raise  # a stock file, not the index, could not be read
        log.warning(
            "index d'identification impossible à écrire dans %s (%s) : identification sans "
            "index, plus lente",
            target.parent,
            getattr(exc, "strerror", None) or str(exc).splitlines()[0],
        )
        return None
    finally:
        if built is not None:
            shutil.rmtree(built, ignore_errors=True)
    log.info("index d'identification écrit dans %s", target)
    return target


def open_index(con, folder: Path) -> None:
    """Views of register.TABLES over the index in folder, and `places`."""
    con.register("places", commune_places())
    for table in TABLES:
        con.execute(
            f"CREATE TEMP VIEW {table} AS FROM read_parquet({quoted(_table_path(folder, table))})"
        )
