import pandas as pd
import pytest

from santenum.clean.normalise.answers import parse_yes_no
from santenum.clean.normalise.dates import parse_date
from santenum.clean.normalise.numbers import parse_amount, parse_integer, parse_share


@pytest.mark.parametrize(
    "text, expected",
    [
        ("1 234", 1234.0),
        ("1\u202f234", 1234.0),
        ("12,5", 12.5),
        ("1,2 M€", 1_200_000.0),
        ("250 k€", 250_000.0),
        ("3 Md€", 3e9),
        ("1.234", 1234.0),
        ("1.234,5", 1234.5),
        ("1 200 000 €", 1_200_000.0),
        ("2,5 millions", 2_500_000.0),
        ("350 K€", 350_000.0),
        ("1.2M", 1_200_000.0),
    ],
)
def test_parse_amount(text, expected):
    assert parse_amount(pd.Series([text])).iloc[0] == pytest.approx(expected)


@pytest.mark.parametrize("text", ["abc", "", None, "12 à 15", "--"])
def test_parse_amount_unreadable_is_missing(text):
    assert pd.isna(parse_amount(pd.Series([text], dtype="string")).iloc[0])


@pytest.mark.parametrize(
    "text, expected",
    [
        ("40 %", 0.4),
        ("40%", 0.4),
        ("40", 0.4),
        ("0,4", 0.4),
        ("100", 1.0),
        ("1", 1.0),
        ("12,5 %", 0.125),
    ],
)
def test_parse_share_of_activity(text, expected):
    assert parse_share(pd.Series([text])).iloc[0] == pytest.approx(expected)


@pytest.mark.parametrize("text", ["150 %", "-10", "beaucoup", ""])
def test_parse_share_out_of_range_or_unreadable_is_missing(text):
    assert pd.isna(parse_share(pd.Series([text], dtype="string")).iloc[0])


def test_parse_integer_refuses_fractions():
    assert parse_integer(pd.Series(["12", "12,0", "12,5", "1 234"])).tolist()[:2] == [12, 12]
    assert pd.isna(parse_integer(pd.Series(["12,5"])).iloc[0])


@pytest.mark.parametrize(
    "text, expected",
    [
        ("03/02/2019", "2019-02-03"),
        ("3/2/2019", "2019-02-03"),
        ("2019-02-03", "2019-02-03"),
        ("2019", "2019-01-01"),
        ("2019-02-03 00:00:00", "2019-02-03"),
        ("03.02.2019", "2019-02-03"),
    ],
)
def test_parse_date(text, expected):
    assert parse_date(pd.Series([text])).iloc[0] == pd.Timestamp(expected)


@pytest.mark.parametrize("text", ["31/02/2019", "demain", "19", None])
def test_parse_date_unreadable_is_missing(text):
    assert pd.isna(parse_date(pd.Series([text], dtype="string")).iloc[0])


def test_parse_yes_no():
    out = parse_yes_no(pd.Series(["Oui", "NON", "NSP", "peut-être", None, " oui "], dtype="string"))
    assert out.tolist()[:2] == [True, False]
    assert out.iloc[5]
    assert out.iloc[2:5].isna().all()


def test_a_date_in_the_future_is_not_a_date():
    next_year = pd.Timestamp.today().year + 1
    parsed = parse_date(pd.Series([f"01/02/{next_year}", str(next_year + 5), "2019"]))
    assert parsed.isna().tolist() == [True, True, False]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("mars 2021", "2021-03-01"),  # a month: its first day, as a year alone is its 1 January
        ("Mars 2021", "2021-03-01"),
        ("03/2021", "2021-03-01"),
        ("1er mars 2021", "2021-03-01"),
        ("12 déc. 2019", "2019-12-12"),
        ("13/2021", None),
        ("foo 2021", None),
        ("31 février 2021", None),
        ("44927", None),  # an Excel day number or a postal code: not told apart, left unread
    ],
)
def test_dates_written_with_a_month(text, expected):
    found = parse_date(pd.Series([text, "2021"], dtype="string"))  # another value beside it
    assert (None if pd.isna(found[0]) else found[0].date().isoformat()) == expected
    assert found[1] == pd.Timestamp("2021-01-01")


@pytest.mark.parametrize(
    "text, headcount, band",
    [
        ("12 salariés", 12, "11"),
        ("3 personnes", 3, "02"),
        ("Entre 10 et 19 salariés", None, "11"),
        ("35 ETP", None, None),  # full-time equivalents are not people
    ],
)
def test_headcounts_written_with_their_unit(text, headcount, band):
    from santenum.clean.normalise.size import parse_headcount

    found = parse_headcount(pd.Series([text], dtype="string")).iloc[0]
    assert (None if pd.isna(found["headcount"]) else found["headcount"]) == headcount
    assert (None if pd.isna(found["headcount_band"]) else found["headcount_band"]) == band
