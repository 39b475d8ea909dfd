"""Accounts and attendee registrations: well-formed names, addresses and passwords."""

from uuid import uuid4

import pytest

from boxoffice.domain.errors import InvalidValue
from boxoffice.domain.registrations import Registration
from boxoffice.domain.users import (
    MAX_EMAIL,
    Role,
    User,
    check_password_strength,
    email_address,
    username,
)
from tests.builders import NOW, a_user


@pytest.mark.parametrize("name", ["abc", "priya_k", "A1_", "x" * 50])
def test_usernames_are_3_to_50_letters_digits_or_underscores(name: str) -> None:
    assert username(name) == name


@pytest.mark.parametrize(
    "name", ["ab", "x" * 51, "with space", "dash-ed", "dot.ted", "über", "priya\n", " priya", ""]
)
def test_other_usernames_are_refused(name: str) -> None:
    with pytest.raises(InvalidValue) as raised:
        username(name)
    assert raised.value.field == "username"


@pytest.mark.parametrize(
    ("password", "missing"),
    [
        ("Sh0rt!", "at least 8 characters"),
        ("lowercase1!", "an upper-case letter"),
        ("NoDigits!!", "a digit"),
        ("NoSpecial12", "a special character"),
        ("A1!" + "a" * 70, "at most 72 bytes"),
    ],
)
def test_a_weak_password_is_told_what_it_lacks(password: str, missing: str) -> None:
    with pytest.raises(InvalidValue, match=missing) as raised:
        check_password_strength(password)
    assert raised.value.field == "password"


def test_a_password_lacking_everything_lists_everything() -> None:
    with pytest.raises(InvalidValue) as raised:
        check_password_strength("abc")
    assert raised.value.message == (
        "needs at least 8 characters, an upper-case letter, a digit, a special character"
    )


@pytest.mark.parametrize("password", ["Secret-pass1", "Zz9!Zz9!", "Ünïcödé-1"])
def test_a_strong_password_passes(password: str) -> None:
    check_password_strength(password)


@pytest.mark.parametrize(
    ("given", "kept"),
    [("a@b.co", "a@b.co"), ("  Priya.K+tix@Mail.Example.com ", "Priya.K+tix@Mail.Example.com")],
)
def test_email_addresses_are_trimmed_and_keep_their_case(given: str, kept: str) -> None:
    assert email_address(given) == kept


@pytest.mark.parametrize(
    "address",
    [
        "no-at-sign",
        "a@b",
        "a@@b.co",
        "a b@c.co",
        "a@.b.co",
        "a@b..co",
        "@b.co",
        "x" * 65 + "@b.co",
        "a@" + "b" * (MAX_EMAIL - 4) + ".co",
    ],
)
def test_implausible_email_addresses_are_refused(address: str) -> None:
    with pytest.raises(InvalidValue) as raised:
        email_address(address)
    assert raised.value.field == "email"


def test_a_user_is_normalised_when_created() -> None:
    user = a_user(email=" priya@example.com ", phone=" +91 98765 43210 ", full_name="  ")

    assert (user.email, user.phone, user.full_name) == (
        "priya@example.com",
        "+91 98765 43210",
        None,
    )
    assert not user.is_verified


def test_a_user_refuses_a_bad_phone_or_an_overlong_name() -> None:
    with pytest.raises(InvalidValue, match="phone"):
        a_user(phone="call me maybe")
    with pytest.raises(InvalidValue, match="full_name"):
        a_user(full_name="x" * 101)


def test_only_the_admin_role_is_admin() -> None:
    assert a_user(role=Role.ADMIN).is_admin
    assert not a_user(role=Role.CUSTOMER).is_admin


def test_a_user_without_a_password_hash_is_allowed() -> None:
    assert User(uuid4(), "operator", "op@example.com", Role.ADMIN, NOW).password_hash is None


def test_a_registration_keeps_a_trimmed_name_and_compares_e_mail_without_case() -> None:
    registration = Registration(uuid4(), uuid4(), "  Meera Iyer ", " Meera@Example.COM", NOW)

    assert registration.name == "Meera Iyer"
    assert registration.email == "Meera@Example.COM"
    assert registration.email_key == "meera@example.com"


@pytest.mark.parametrize(
    ("name", "email", "field"),
    [
        ("", "a@b.co", "name"),
        ("   ", "a@b.co", "name"),
        ("x" * 101, "a@b.co", "name"),
        ("Meera", "not-an-address", "email"),
    ],
)
def test_a_registration_needs_a_name_and_an_address(name: str, email: str, field: str) -> None:
    with pytest.raises(InvalidValue) as raised:
        Registration(uuid4(), uuid4(), name, email, NOW)
    assert raised.value.field == field


def test_an_address_of_exactly_the_maximum_length_is_fine() -> None:
    address = "a@" + "b" * (MAX_EMAIL - 5) + ".co"

    assert len(address) == MAX_EMAIL
    assert email_address(address) == address
