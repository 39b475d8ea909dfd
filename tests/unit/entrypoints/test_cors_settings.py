"""BOXOFFICE_CORS_ORIGINS: exact origins separated by commas, or nothing (CORS off)."""

import pytest

from boxoffice.entrypoints.settings import Settings, SettingsError


def test_cors_is_off_unless_origins_are_listed() -> None:
    assert Settings.from_env({}).http.cors_origin_list == ()


def test_origins_are_read_from_a_comma_separated_list() -> None:
    raw = " https://app.example.com, http://localhost:4200 ,https://[::1]:8443,"

    settings = Settings.from_env({"BOXOFFICE_CORS_ORIGINS": raw})

    assert settings.http.cors_origin_list == (
        "https://app.example.com",
        "http://localhost:4200",
        "https://[::1]:8443",
    )


@pytest.mark.parametrize(
    "raw",
    [
        "*",
        "https://app.example.com/",
        "https://app.example.com/path",
        "app.example.com",
        "https://App.Example.com",
        "ftp://app.example.com",
        "https://app.example.com:port",
        "https://*.example.com",
        "null",
    ],
)
def test_anything_but_an_exact_origin_stops_the_start_with_a_clear_message(raw: str) -> None:
    with pytest.raises(SettingsError, match="BOXOFFICE_CORS_ORIGINS must be exact origins"):
        Settings.from_env({"BOXOFFICE_CORS_ORIGINS": raw})
