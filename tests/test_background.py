"""kg.background.in_background: items in order, errors where they happened, a stop when closed."""

import threading
import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.background import in_background


@settings(max_examples=50, deadline=None)
@given(st.lists(st.integers()), st.integers(min_value=1, max_value=5))
def test_items_come_out_in_order(items, ahead):
    assert list(in_background(iter(items), ahead=ahead)) == items


def test_an_error_in_the_producer_is_raised_after_the_items_before_it():
    def items():
        yield 1
        yield 2
        raise ValueError("bad article")

    got = []
    with pytest.raises(ValueError, match="bad article"):
        for item in in_background(items()):
            got.append(item)
    assert got == [1, 2]


def test_closing_the_consumer_stops_the_producer():
    produced = []

    def endless():
        n = 0
        while True:
            produced.append(n)
            yield n
            n += 1

    stream = in_background(endless(), ahead=2)
    assert next(stream) == 0
    stream.close()
    time.sleep(0.3)
    count = len(produced)
    time.sleep(0.3)
    assert len(produced) == count  # nothing more after the close
    assert count <= 5  # never more than `ahead` items beyond what was taken
    assert not any(t.name == "kg-background" and t.is_alive() for t in threading.enumerate())
