"""Identity and rate-limit settings: read from the environment, refused with a clear message."""

import ipaddress

import pytest

from boxoffice.entrypoints.settings import Settings, SettingsError


def test_the_defaults_keep_local_accounts_and_no_provider() -> None:
    settings = Settings.from_env({})

    assert settings.identity.local_accounts
    assert not settings.identity.oidc_enabled
    assert (settings.rate_limits.login, settings.rate_limits.api) == (5, 0)
    assert settings.redis.backend == "memory"


def test_a_provider_is_read_from_the_environment() -> None:
    settings = Settings.from_env(
        {
            "BOXOFFICE_OIDC_ISSUER": "https://tenant.auth0.com/",
            "BOXOFFICE_OIDC_AUDIENCE": "https://api.example.com",
            "BOXOFFICE_OIDC_CLIENT_ID": "abc",
            "BOXOFFICE_LOCAL_ACCOUNTS": "false",
            "BOXOFFICE_REDIS_URL": "redis://cache:6379/0",
            "BOXOFFICE_TRUSTED_PROXIES": "10.0.0.0/8, 192.0.2.1",
        }
    )

    assert settings.identity.oidc_sign_in_enabled
    assert not settings.identity.local_accounts
    assert settings.redis.backend == "redis"
    assert ipaddress.ip_address("10.1.2.3") in settings.http.trusted_proxy_networks[0]


@pytest.mark.parametrize(
    ("environ", "named"),
    [
        ({"BOXOFFICE_OIDC_ISSUER": "tenant.auth0.com"}, "BOXOFFICE_OIDC_ISSUER"),
        ({"BOXOFFICE_OIDC_ISSUER": "https://id.example.com"}, "BOXOFFICE_OIDC_AUDIENCE"),
        ({"BOXOFFICE_OIDC_CLIENT_ID": "abc"}, "BOXOFFICE_OIDC_CLIENT_ID"),
        ({"BOXOFFICE_LOCAL_ACCOUNTS": "false"}, "BOXOFFICE_LOCAL_ACCOUNTS"),
        ({"BOXOFFICE_TRUSTED_PROXIES": "10.0.0.300"}, "BOXOFFICE_TRUSTED_PROXIES"),
        ({"BOXOFFICE_LOGIN_RATE_LIMIT": "0"}, "BOXOFFICE_LOGIN_RATE_LIMIT"),
        ({"BOXOFFICE_RATE_LIMIT_WINDOW_SECONDS": "0"}, "BOXOFFICE_RATE_LIMIT_WINDOW_SECONDS"),
        ({"BOXOFFICE_REDIS_URL": "localhost:6379"}, "BOXOFFICE_REDIS_URL"),
    ],
)
def test_a_bad_combination_stops_the_start_naming_the_setting(
    environ: dict[str, str], named: str
) -> None:
    with pytest.raises(SettingsError, match=named):
        Settings.from_env(environ)
