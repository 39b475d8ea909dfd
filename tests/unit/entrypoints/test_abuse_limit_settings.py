"""The abuse limits' settings: documented defaults, 0 to switch a limit off, clear refusals."""

import pytest

from boxoffice.application.services.limits import Limit
from boxoffice.entrypoints.container_use_cases import freshness_policy, registration_limits
from boxoffice.entrypoints.settings import Settings, SettingsError


def test_the_defaults_limit_registrations_and_on_demand_refreshes_per_hour() -> None:
    settings = Settings.from_env({})

    limits = registration_limits(settings.rate_limits)
    policy = freshness_policy(settings.ticketmaster)

    assert (limits.per_client, limits.per_client_and_event) == (Limit(20, 3600), Limit(5, 3600))
    assert (policy.per_caller, policy.in_total) == (Limit(5, 3600), Limit(30, 3600))


def test_the_limits_are_read_from_the_environment() -> None:
    settings = Settings.from_env(
        {
            "BOXOFFICE_REGISTRATION_RATE_LIMIT": "0",
            "BOXOFFICE_REGISTRATION_EVENT_RATE_LIMIT": "2",
            "BOXOFFICE_REGISTRATION_RATE_WINDOW_SECONDS": "600",
            "BOXOFFICE_TICKETMASTER_REFRESH_CLIENT_LIMIT": "1",
            "BOXOFFICE_TICKETMASTER_REFRESH_LIMIT": "10",
            "BOXOFFICE_TICKETMASTER_REFRESH_WINDOW_SECONDS": "60",
        }
    )

    limits = registration_limits(settings.rate_limits)
    policy = freshness_policy(settings.ticketmaster)

    assert (limits.per_client, limits.per_client_and_event) == (Limit(0, 600), Limit(2, 600))
    assert (policy.per_caller, policy.in_total) == (Limit(1, 60), Limit(10, 60))


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("REGISTRATION_RATE_LIMIT", "-1"),
        ("REGISTRATION_EVENT_RATE_LIMIT", "-5"),
        ("REGISTRATION_RATE_WINDOW_SECONDS", "0"),
        ("TICKETMASTER_REFRESH_CLIENT_LIMIT", "-1"),
        ("TICKETMASTER_REFRESH_LIMIT", "-1"),
        ("TICKETMASTER_REFRESH_WINDOW_SECONDS", "0"),
    ],
)
def test_a_negative_limit_or_an_empty_window_stops_the_start_naming_the_setting(
    name: str, value: str
) -> None:
    with pytest.raises(SettingsError, match=name):
        Settings.from_env({f"BOXOFFICE_{name}": value})
