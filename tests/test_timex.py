"""Time expressions: recognition, TIMEX3 normalisation against the dateline, and the date an event gets."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.model import Span
from kg.nlp.timex import date_for, find_time_expressions

PUBLISHED = date(2025, 12, 24)  # a Wednesday
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


@pytest.fixture(scope="module")
def timexes(nlp):
    def run(text: str, published: date | None = PUBLISHED):
        return find_time_expressions(nlp(text), published)

    return run


def found(timexes, text, published=PUBLISHED) -> dict[str, tuple[str, str | None]]:
    return {t.span.text: (t.type, t.value) for t in timexes(text, published)}


# --- the seed article's dates -------------------------------------------------------------------------

def test_seed_dates(timexes):
    text = ("Mr Al Shibani told a press conference following the talks on Wednesday that ties were good. "
            "In October, President Al Shara visited Russia. "
            "Putin said at the time that Moscow was ready. "
            "Assad was toppled when rebels took power last December. "
            "On Tuesday, the ministers met Putin in Moscow.")
    out = timexes(text)
    by_text = {t.span.text: t for t in out}
    assert by_text["Wednesday"].value == "2025-12-24"
    assert by_text["October"].value == "2025-10"
    assert by_text["last December"].value == "2024-12"
    assert by_text["Tuesday"].value == "2025-12-23"
    the_time = by_text["the time"]
    assert the_time.value == "2025-10" and the_time.anchor == by_text["October"].key


# --- recognition and values, one category at a time ------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("He arrived yesterday.", {"yesterday": ("DATE", "2025-12-23")}),
    ("She leaves tomorrow.", {"tomorrow": ("DATE", "2025-12-25")}),
    ("The talks open today.", {"today": ("DATE", "2025-12-24")}),
    ("They met last week.", {"last week": ("DATE", "2025-W51")}),
    ("Prices will rise next month.", {"next month": ("DATE", "2026-01")}),
    ("Sales fell this year.", {"this year": ("DATE", "2025")}),
    ("The plant closed two days ago.", {"two days ago": ("DATE", "2025-12-22")}),
    ("The bank cut rates earlier this month.", {"earlier this month": ("DATE", "2025-12")}),
    ("The pact was signed on March 3, 2024, in Paris.", {"March 3, 2024": ("DATE", "2024-03-03")}),
    ("The pact was signed on 3 March 2024.", {"3 March 2024": ("DATE", "2024-03-03")}),
    ("The deal was signed on 24/12/2024.", {"24/12/2024": ("DATE", "2024-12-24")}),
    ("He arrived on Wednesday 24 December.", {"Wednesday 24 December": ("DATE", "2025-12-24")}),
    ("Talks resumed in the second half of 2024.", {"the second half of 2024": ("DATE", "2024-H2")}),
    ("It was founded in 1999.", {"1999": ("DATE", "1999")}),
    ("Output fell in the third quarter.", {"the third quarter": ("DATE", "2025-Q3")}),
    ("Profits soared in the 1990s.", {"the 1990s": ("DATE", "199")}),
    ("It was the worst war of the 20th century.", {"the 20th century": ("DATE", "19")}),
    ("We will travel there this summer.", {"this summer": ("DATE", "2025-SU")}),
    ("The vote ends at 2 p.m. Wednesday.", {"2 p.m. Wednesday": ("TIME", "2025-12-24T14:00")}),
    ("He spoke this morning.", {"this morning": ("TIME", "2025-12-24TMO")}),
])
def test_dates_and_times(timexes, text, expected):
    assert found(timexes, text) == expected


@pytest.mark.parametrize("text, expected", [
    ("The war lasted three years.", {"three years": ("DURATION", "P3Y")}),
    ("They waited a month for an answer.", {"a month": ("DURATION", "P1M")}),
    ("He signed a two-year contract.", {"two-year": ("DURATION", "P2Y")}),
    ("The strike lasted nearly four hours.", {"nearly four hours": ("DURATION", "PT4H")}),
    ("The firm has struggled for several years.", {"several years": ("DURATION", "PXY")}),
    ("The meeting is held every year.", {"every year": ("SET", "P1Y")}),
    ("The report is published annually.", {"annually": ("SET", "P1Y")}),
    ("The market opens each Monday.", {"each Monday": ("SET", "XXXX-WXX-1")}),
])
def test_durations_and_sets(timexes, text, expected):
    assert found(timexes, text) == expected


@pytest.mark.parametrize("text, value", [
    ("Inflation is now falling.", "PRESENT_REF"),
    ("The minister recently resigned.", "PAST_REF"),
    ("Talks could resume in the future.", "FUTURE_REF"),
    ("The company is currently profitable.", "PRESENT_REF"),
])
def test_vague_references(timexes, text, value):
    assert [t.value for t in timexes(text)] == [value]


@pytest.mark.parametrize("text", [
    "We may see more fighting.",
    "May I ask a question?",
    "Thousands march through the capital.",
    "They will march on the parliament.",
    "The Sun newspaper printed the letter.",
    "We want peace.",
    "The company sold 1,990 cars and 2000 trucks.",
])
def test_no_false_matches(timexes, text):
    assert timexes(text) == []


def test_month_name_as_month(timexes):
    assert found(timexes, "The law took effect in May.") == {"May": ("DATE", "2025-05")}


# --- normalisation in context -----------------------------------------------------------------------------

def test_month_after_dateline_in_past_tense_is_last_year(timexes):
    assert found(timexes, "He visited Moscow in October.", date(2025, 3, 10)) == {"October": ("DATE", "2024-10")}


def test_month_before_dateline_in_future_tense_is_next_year(timexes):
    assert found(timexes, "He will visit Moscow in February.", date(2025, 10, 10)) == {"February": ("DATE", "2026-02")}


def test_following_day_is_anchored(timexes):
    out = timexes("The summit opened on Monday. The following day, the leaders signed a deal.")
    monday, following = out
    assert monday.value == "2025-12-22"
    assert following.span.text == "The following day"
    assert following.value == "2025-12-23" and following.anchor == monday.key


def test_that_day_takes_the_previous_date(timexes):
    out = timexes("Protests began on March 3, 2024. Police arrested dozens that day.")
    assert [(t.span.text, t.value) for t in out] == [("March 3, 2024", "2024-03-03"), ("that day", "2024-03-03")]
    assert out[1].anchor == out[0].key


def test_without_publication_date_relative_values_are_none(timexes):
    out = found(timexes, "He arrived yesterday and leaves on March 3, 2024.", None)
    assert out == {"yesterday": ("DATE", None), "March 3, 2024": ("DATE", "2024-03-03")}


# --- the date an event gets -----------------------------------------------------------------------------

def _span_of(text: str, words: str) -> Span:
    begin = text.index(words)
    return Span.of(text, begin, begin + len(words))


def test_date_for_prefers_the_clause_of_the_event(nlp):
    text = "On Tuesday, the minister said that the two leaders met in October."
    doc = nlp(text)
    tx = find_time_expressions(doc, PUBLISHED)
    assert date_for(doc, _span_of(text, "met"), tx).value == "2025-10"
    assert date_for(doc, _span_of(text, "said"), tx).value == "2025-12-23"


def test_date_for_follows_at_the_time(nlp):
    text = "In October, Al Shara visited Russia. Putin said at the time that Moscow was ready."
    doc = nlp(text)
    tx = find_time_expressions(doc, PUBLISHED)
    got = date_for(doc, _span_of(text, "said"), tx)
    assert got.span.text == "the time" and got.value == "2025-10"


def test_date_for_gives_only_calendar_dates(nlp):
    text = "The minister said last week that he was ready."
    doc = nlp(text)
    assert date_for(doc, _span_of(text, "said"), find_time_expressions(doc, PUBLISHED)) is None


# --- properties -----------------------------------------------------------------------------------------

# Any dateline a weekday phrase can be resolved against (a week inside the calendar on both sides).
dates = st.dates(min_value=date(1, 1, 8), max_value=date(9999, 12, 24))


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(published=dates, weekday=st.sampled_from(WEEKDAYS), past=st.booleans())
def test_weekday_lies_in_the_right_seven_days(timexes, published, weekday, past):
    text = f"The ministers met in Moscow on {weekday}." if past else f"The ministers will meet in Moscow on {weekday}."
    (t,) = timexes(text, published)
    assert t.span.text == weekday
    day = date.fromisoformat(t.value)
    assert day.strftime("%A") == weekday
    if past:
        assert published - timedelta(days=6) <= day <= published
    else:
        assert published <= day <= published + timedelta(days=6)


_WORDS = ["on", "Monday", "May", "may", "March", "last", "year", "the", "two", "days", "ago", "in", "October",
          "1990s", "third", "quarter", "now", "every", "week", "at", "time", "We", "Sun", "3", "p.m.", ",", ".",
          "2024", "next", "following", "day", "recently", "a", "month", "nearly", "years", "12,", "mid-", "'90s"]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(words=st.lists(st.sampled_from(_WORDS), max_size=14), noise=st.text(max_size=20),
       published=st.one_of(st.none(), st.dates()))
def test_every_expression_is_found_text(timexes, words, noise, published):
    text = " ".join(words) + " " + noise
    for t in timexes(text, published):
        assert t.span.text and t.span.text == text[t.span.begin:t.span.end]
        assert t.type in ("DATE", "TIME", "DURATION", "SET")
        assert t.span.text == t.span.text.strip()


# --- conventions learnt from TimeML newswire ---------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("The bomb went off in nineteen ninety-six.", {"nineteen ninety-six": ("DATE", "1996")}),
    ("Flights leave on Tuesday nights.", {"Tuesday nights": ("SET", "XXXX-WXX-2TNI")}),
    ("The plan saves $5 million a year.", {"a year": ("SET", "P1Y")}),
    ("He left about two years ago.", {"about two years ago": ("DURATION", "P2Y")}),
    ("Three days later, the talks collapsed.", {"Three days later": ("DURATION", "P3D")}),
    ("The firm released its third-quarter results.", {"third-quarter": ("DATE", "2025-Q3")}),
    ("The union began a two-week strike.", {"two-week": ("DURATION", "P2W")}),
    ("The girl is a 6-year-old.", {}),
    ("The market rallied over the weekend.", {"the weekend": ("DATE", "2025-W51-WE")}),
    ("Shops close on Christmas Day.", {"Christmas Day": ("DATE", "2025-12-25")}),
])
def test_timeml_conventions(timexes, text, expected):
    assert found(timexes, text) == expected


def test_a_year_ago_in_a_quarterly_report_is_the_same_quarter(timexes):
    out = timexes("Profit rose in the third quarter, up from $5 million a year ago.")
    assert [(t.span.text, t.value) for t in out] == [("the third quarter", "2025-Q3"), ("a year ago", "2024-Q3")]


def test_would_puts_a_weekday_ahead(timexes):
    # Published on a Wednesday: "would ... Friday" is two days later, "said ... Friday" five days earlier.
    assert found(timexes, "He said he would travel to Paris on Friday.") == {"Friday": ("DATE", "2025-12-26")}
    assert found(timexes, "He said on Friday that talks had failed.") == {"Friday": ("DATE", "2025-12-19")}


# --- the rules carry their normalisers -------------------------------------------------------------------

def test_every_rule_is_one_registered_pattern_with_its_normaliser():
    from kg.nlp import timex_rules

    compiled = timex_rules.rules()
    names = [r.name for r in compiled]
    assert len(names) == len(set(names)) > 30
    assert all(callable(r.normalise) and r.normalise.__module__ == "kg.nlp.timex_rules" for r in compiled)
    assert {r.name for r in compiled if r.unit_anchored} == {"ago", "duration", "set_times"}
    with pytest.raises(ValueError, match="date_mdy"):
        timex_rules.rule("date_mdy", r"x")(lambda hit: None)



# --- years before 1000 (issue 13) ---------------------------------------------------------------------------

@pytest.mark.parametrize("published, text, expected", [
    (date(999, 6, 15), "They met last week.", {"last week": ("DATE", "0999-W23")}),
    (date(1, 1, 14), "They met in the same week.", {"the same week": ("DATE", "0001-W02")}),
    (date(1, 1, 14), "They will meet over the weekend.", {"the weekend": ("DATE", "0001-W03-WE")}),
    (date(999, 6, 15), "The year-earlier figure was lower.", {"year-earlier": ("DATE", "0998")}),
    (date(999, 6, 15), "They have met twice during the year.", {"the year": ("DATE", "0999")}),
    (date(999, 6, 15), "Sales have risen since the year-end.", {"the year-end": ("DATE", "0998")}),
    (date(999, 6, 15), "It happened in the '90s.", {"the '90s": ("DATE", "099")}),
    # the year before year 1 is outside the calendar: the expression is kept, without a value
    (date(1, 1, 14), "The year-earlier figure was lower.", {"year-earlier": ("DATE", None)}),
    (date(1, 1, 14), "It happened in the '90s.", {"the '90s": ("DATE", None)}),
])
def test_a_year_before_1000_is_written_with_four_digits(timexes, published, text, expected):
    assert found(timexes, text, published) == expected


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(published=st.dates(min_value=date(1, 1, 8), max_value=date(9999, 12, 24)),
       phrase=st.sampled_from(["last week", "next month", "the same week", "last year", "over the weekend",
                               "in the fourth quarter", "last spring", "during the year", "a year ago",
                               "last December", "on Tuesday", "the following week"]))
def test_every_year_in_a_value_has_four_digits(timexes, published, phrase):
    for t in timexes(f"The ministers met {phrase}.", published):
        assert t.value is None or not t.value[:1].isdigit() or re.match(r"\d{4}(?:$|-)", t.value), t
