"""Settings are checked when they are read: one clear error naming the variable, or a warning
for a name no setting reads."""

import secrets
from pathlib import Path

import pytest

from boxoffice.entrypoints.settings import Settings, SettingsError

GOOD_SECRET = secrets.token_urlsafe(48)


def from_env(tmp_path: Path, **values: str) -> Settings:
    """Settings from exactly these variables (and no .env file)."""
    env = {f"BOXOFFICE_{name}": value for name, value in values.items()}
    return Settings.from_env(env, env_file=tmp_path / "absent.env")


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("ACCESS_TOKEN_TTL_SECONDS", "-1"),
        ("ACCESS_TOKEN_TTL_SECONDS", "0"),
        ("BCRYPT_ROUNDS", "3"),
        ("BCRYPT_ROUNDS", "17"),
        ("PORT", "0"),
        ("PORT", "65536"),
        ("WORKERS", "0"),
        ("DB_POOL_SIZE", "0"),
        ("OIDC_JWKS_REFRESH_SECONDS", "-30"),
        ("LOGIN_RATE_LIMIT", "0"),
        ("API_RATE_LIMIT", "-1"),
        ("RATE_LIMIT_WINDOW_SECONDS", "0"),
        ("TICKETMASTER_REQUESTS_PER_SECOND", "0"),
        ("TICKETMASTER_REQUESTS_PER_SECOND", "nan"),
        ("TICKETMASTER_TIMEOUT_SECONDS", "inf"),
        ("TICKETMASTER_STALE_AFTER_MINUTES", "-60"),
        ("TICKETMASTER_FETCH_BUDGET_SECONDS", "0"),
        ("OUTBOX_POLL_SECONDS", "-1"),
        ("NOTIFICATIONS_PORT", "70000"),
        ("NOTIFICATIONS_HEARTBEAT_SECONDS", "0"),
        ("LOG_LEVEL", "chatty"),
        ("DEFAULT_TIMEZONE", "Mars/Olympus_Mons"),
        ("DEFAULT_TIMEZONE", "../../etc/passwd"),
        ("DEFAULT_TIMEZONE", ""),
        ("JWT_SECRET", "too-short"),
        ("JWT_SECRET", "change-me-to-a-long-random-secret-0123456789"),
        ("JWT_SECRET", "please-REPLACE-ME-with-a-real-one-before-going-live"),
        ("JWT_SECRET", "a" * 64),
        ("PORT", "eighty"),
    ],
)
def test_a_setting_out_of_its_range_stops_the_start_naming_the_variable(
    tmp_path: Path, name: str, value: str
) -> None:
    with pytest.raises(SettingsError, match=f"BOXOFFICE_{name} ") as refused:
        from_env(tmp_path, **{name: value})

    assert "\n" not in str(refused.value)


def test_a_refused_secret_is_not_repeated_in_the_error(tmp_path: Path) -> None:
    with pytest.raises(SettingsError) as refused:
        from_env(tmp_path, JWT_SECRET="short-secret-xyz")

    assert "short-secret-xyz" not in str(refused.value)


def test_every_number_setting_has_a_checked_range() -> None:
    unbounded = [
        variable
        for variable, (_, f) in Settings.variables().items()
        if f.type in (int, float) and f.metadata["bound"] is None
    ]

    assert unbounded == []


@pytest.mark.parametrize("level", ["debug", "Warning", " info ", "TRACE"])
def test_a_log_level_is_accepted_in_any_case(tmp_path: Path, level: str) -> None:
    assert from_env(tmp_path, LOG_LEVEL=level).logging.level == level.strip().upper()


def test_a_known_time_zone_and_edge_values_are_accepted(tmp_path: Path) -> None:
    settings = from_env(
        tmp_path,
        DEFAULT_TIMEZONE="Europe/Paris",
        API_RATE_LIMIT="0",
        PORT="65535",
        BCRYPT_ROUNDS="4",
        JWT_SECRET=GOOD_SECRET,
    )

    assert (settings.events.default_timezone, settings.rate_limits.api, settings.http.port) == (
        "Europe/Paris",
        0,
        65535,
    )
    assert settings.identity.jwt_secret == GOOD_SECRET


@pytest.mark.parametrize("given", [{}, {"JWT_SECRET": ""}])
def test_a_missing_secret_is_none_not_made_up(tmp_path: Path, given: dict[str, str]) -> None:
    assert from_env(tmp_path, **given).identity.jwt_secret is None


def test_an_unknown_name_is_a_warning_naming_the_closest_setting(tmp_path: Path) -> None:
    settings = from_env(tmp_path, JWT_SECERT=GOOD_SECRET, LOG_LEVLE="debug")

    assert settings.notices == (
        "BOXOFFICE_JWT_SECERT is not a setting and is ignored; did you mean BOXOFFICE_JWT_SECRET?",
        "BOXOFFICE_LOG_LEVLE is not a setting and is ignored; did you mean BOXOFFICE_LOG_LEVEL?",
    )
    assert GOOD_SECRET not in " ".join(settings.notices)


def test_an_unknown_name_like_no_setting_is_still_named(tmp_path: Path) -> None:
    settings = from_env(tmp_path, ZZZ_QQQ="1")

    assert settings.notices == ("BOXOFFICE_ZZZ_QQQ is not a setting and is ignored",)


def test_known_names_and_the_test_suites_own_variables_raise_no_warning(tmp_path: Path) -> None:
    settings = from_env(
        tmp_path,
        PORT="8080",
        TEST_POSTGRES_URL="postgresql://x",
        BENCH_POSTGRES_URL="postgresql://y",
        TICKETMASTER_FIXTURES="fixtures/ticketmaster",
    )

    assert settings.notices == ()
