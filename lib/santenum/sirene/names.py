"""Company names in DuckDB SQL, folded exactly as core.text folds them in pandas.

The register's names (millions) are normalised where they lie, in DuckDB; a list's names (a few
thousand) in pandas by core.text.match_words. Both are built from the same legal-form and
stop-word lists, and a test checks that they agree name for name.
"""

from santenum.core.text import (
    COMPARED_NAME_LENGTH,
    LEADING_FORMS,
    MATCH_STOP_WORDS,
    NAME_ABBREVIATIONS,
    TRAILING_FORMS,
)

_LIGATURES = (("œ", "oe"), ("Œ", "OE"), ("æ", "ae"), ("Æ", "AE"))
_STOP_LIST = ", ".join(f"'{word}'" for word in MATCH_STOP_WORDS)
_WRITTEN_OUT = (
    "CASE w "
    + " ".join(f"WHEN '{short}' THEN '{full}'" for short, full in NAME_ABBREVIATIONS.items())
    + " ELSE w END"
)


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def folded(column: str) -> str:
    """fold(): accent-free lower case, dots removed, other non-alphanumerics as single spaces."""
    expression = column
    for wide, narrow in _LIGATURES:
        expression = f"replace({expression}, '{wide}', '{narrow}')"
    expression = f"replace(lower(strip_accents({expression})), '.', '')"
    return f"trim(regexp_replace({expression}, '[^\\p{{L}}\\p{{N}}]+', ' ', 'g'))"


def match_words(column: str) -> str:
    """match_words(): the first COMPARED_NAME_LENGTH characters folded, legal forms removed at
    either end, stop words left out, abbreviations written out."""
    first = f"left({column}, {COMPARED_NAME_LENGTH})"
    no_forms = f"regexp_replace({folded(first)}, {_literal(TRAILING_FORMS)}, '')"
    no_forms = f"regexp_replace({no_forms}, {_literal(LEADING_FORMS)}, '')"
    words = (
        f"list_filter(string_split({no_forms}, ' '), lambda w: w <> '' AND w NOT IN ({_STOP_LIST}))"
    )
    words = f"list_transform({words}, lambda w: {_WRITTEN_OUT})"
    return f"nullif(array_to_string({words}, ' '), '')"


# Keys derived from the match words, computed in SQL for both sides (a list's match words are
# registered in DuckDB first): the words without spaces, the words in alphabetical order, and four
# blocking keys. Two spellings of one name share at least one blocking key unless every one of
# them differs (first and last word, first and last four letters).
KEY_SQL = {
    "name_key": "replace(words, ' ', '')",
    "sorted_key": "array_to_string(list_sort(string_split(words, ' ')), '')",
    "block_first": "string_split(words, ' ')[1]",
    "block_last": "string_split(words, ' ')[-1]",
    "block_head": "left(replace(words, ' ', ''), 4)",
    "block_tail": "right(replace(words, ' ', ''), 4)",
}
BLOCKS = ("block_first", "block_last", "block_head", "block_tail")


def keys_select() -> str:
    """SELECT list of the keys of KEY_SQL, computed from a column `words` of match words."""
    return ", ".join(f"{sql} AS {name}" for name, sql in KEY_SQL.items())
