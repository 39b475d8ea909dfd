"""The edge's answer headers, changed in place as (lowercase name, value) byte pairs."""

from typing import Any

from boxoffice.entrypoints.edge.raw_headers import add_missing, encoded, replace


def a_start(headers: Any) -> Any:
    return {"type": "http.response.start", "status": 200, "headers": headers}


def test_names_are_encoded_in_lowercase() -> None:
    assert encoded({"X-Frame-Options": "DENY"}) == [(b"x-frame-options", b"DENY")]


def test_only_the_headers_an_answer_lacks_are_added_whatever_the_case_of_its_names() -> None:
    message = a_start([(b"X-Frame-Options", b"SAMEORIGIN")])

    add_missing(message, encoded({"X-Frame-Options": "DENY", "Referrer-Policy": "no-referrer"}))

    assert message["headers"] == [
        (b"X-Frame-Options", b"SAMEORIGIN"),
        (b"referrer-policy", b"no-referrer"),
    ]


def test_headers_given_as_a_tuple_or_not_at_all_become_a_list_of_the_message() -> None:
    given = a_start(((b"etag", b'W/"1"'),))
    missing: Any = {"type": "http.response.start", "status": 204}

    add_missing(given, [(b"x-content-type-options", b"nosniff")])
    replace(missing, b"x-request-id", b"abc")

    assert given["headers"] == [(b"etag", b'W/"1"'), (b"x-content-type-options", b"nosniff")]
    assert missing["headers"] == [(b"x-request-id", b"abc")]


def test_a_replaced_header_has_the_one_new_value() -> None:
    message = a_start([(b"x-request-id", b"a"), (b"etag", b"e"), (b"X-Request-ID", b"b")])

    replace(message, b"x-request-id", b"c")

    assert message["headers"] == [(b"etag", b"e"), (b"x-request-id", b"c")]
