"""What an organiser may say about an event: validated and normalised as a whole."""

from decimal import Decimal
from typing import Any

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from boxoffice.domain.errors import InvalidValue
from boxoffice.domain.events import MAX_CAPACITY, MAX_TAGS, EventDetails
from tests.builders import NOW, event_details


def details(**overrides: Any) -> EventDetails:
    return event_details(NOW, **overrides)


def field_refused(**overrides: Any) -> str:
    with pytest.raises(InvalidValue) as raised:
        details(**overrides)
    return raised.value.field


def test_text_fields_are_trimmed() -> None:
    d = details(title="  Jazz Night ", location=" Blue Frog\n", city=" Mumbai ", description=" x ")

    assert (d.title, d.location, d.city, d.description) == (
        "Jazz Night",
        "Blue Frog",
        "Mumbai",
        "x",
    )


@pytest.mark.parametrize("title", ["", "   ", "x" * 101])
def test_a_title_has_1_to_100_characters(title: str) -> None:
    assert field_refused(title=title) == "title"


def test_a_title_of_exactly_100_characters_is_fine() -> None:
    assert details(title="x" * 100).title == "x" * 100


@pytest.mark.parametrize("location", ["", " \t ", "x" * 201])
def test_a_location_is_required_and_at_most_200_characters(location: str) -> None:
    assert field_refused(location=location) == "location"


def test_description_and_city_are_optional_but_bounded() -> None:
    assert details(description="", city="").city == ""
    assert field_refused(description="x" * 5001) == "description"
    assert field_refused(city="x" * 101) == "city"


@pytest.mark.parametrize("capacity", [0, -1, MAX_CAPACITY + 1])
def test_capacity_is_between_one_and_the_maximum(capacity: int) -> None:
    assert field_refused(capacity=capacity) == "capacity"


@pytest.mark.parametrize("capacity", [1, MAX_CAPACITY])
def test_capacity_bounds_themselves_are_allowed(capacity: int) -> None:
    assert details(capacity=capacity).capacity == capacity


@pytest.mark.parametrize("price", [Decimal("-1"), Decimal("10.001"), Decimal("NaN")])
def test_a_price_is_a_non_negative_amount_in_cents(price: Decimal) -> None:
    assert field_refused(price=price) == "price"


def test_a_price_is_kept_with_two_decimal_places() -> None:
    assert str(details(price=Decimal("499")).price) == "499.00"


def test_the_currency_is_an_upper_case_iso_code() -> None:
    assert details(currency="usd").currency == "USD"
    assert field_refused(currency="dollars") == "currency"


def test_tags_are_trimmed_lower_cased_deduplicated_and_sorted() -> None:
    assert details(tags=(" Music", "jazz", "MUSIC", "Live ")).tags == ("jazz", "live", "music")


def test_at_most_ten_distinct_tags() -> None:
    assert field_refused(tags=tuple(f"t{i}" for i in range(MAX_TAGS + 1))) == "tags"


def test_duplicates_do_not_count_towards_the_tag_limit() -> None:
    tags = (*(f"t{i}" for i in range(MAX_TAGS)), "T0", "t1 ")

    assert len(details(tags=tags).tags) == MAX_TAGS


@pytest.mark.parametrize("tag", ["", "  ", "x" * 31])
def test_a_tag_has_1_to_30_characters(tag: str) -> None:
    assert field_refused(tags=("fine", tag)) == "tags"


@given(st.lists(st.text(max_size=35), max_size=14))
@example(["İ" * 30])
def test_accepted_tags_are_normalised_and_fit_their_column(tags: list[str]) -> None:
    field: str | None
    try:
        accepted = details(tags=tuple(tags)).tags
    except InvalidValue as refused:
        accepted, field = (), refused.field
    else:
        field = None
    assert field in (None, "tags")
    assert list(accepted) == sorted(set(accepted))
    assert len(accepted) <= MAX_TAGS
    for tag in accepted:
        assert 1 <= len(tag) <= 30
        assert tag == tag.strip().lower()


def test_details_are_immutable() -> None:
    d = details()
    with pytest.raises(AttributeError):
        d.title = "Other"  # type: ignore[misc]


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("title", "Night\x00Out"),
        ("location", "Hall\x1fA"),
        ("city", "Pu\x07ne"),
        ("tags", ["a\x1fb"]),
    ],
)
def test_control_characters_are_refused_in_one_line_fields(field: str, value: Any) -> None:
    with pytest.raises(InvalidValue, match="control characters"):
        event_details(NOW, **{field: value})


def test_a_description_may_span_lines_but_not_hold_other_control_characters() -> None:
    assert (
        event_details(NOW, description="Doors 7pm\n\tBand 8pm").description
        == "Doors 7pm\n\tBand 8pm"
    )
    with pytest.raises(InvalidValue, match="control characters"):
        event_details(NOW, description="Doors\x00")
