"""All configuration, read once from BOXOFFICE_* environment variables (and a .env file)."""

import ipaddress
import os
import secrets
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from croniter import croniter

from application.markets import Market
from entrypoints.markets import parse_markets

PREFIX = "BOXOFFICE_"
DEFAULT_DATABASE_URL = "sqlite+aiosqlite:///boxoffice.db"
TICKETMASTER_URL = "https://app.ticketmaster.com/discovery/v2"
MEMORY_BROKER_URL = "memory://"
BROKER_SCHEMES = ("amqp://", "amqps://", "redis://", "rediss://", "unix://")


class SettingsError(ValueError):
    """A setting is missing or malformed; the message names it."""


@dataclass(frozen=True, slots=True)
class Settings:
    database_url: str = DEFAULT_DATABASE_URL
    jwt_secret: str = field(default="", repr=False)
    jwt_issuer: str = "boxoffice"
    access_token_ttl_seconds: int = 1800
    bcrypt_rounds: int = 12
    open_event_creation: bool = False
    default_timezone: str = "Asia/Kolkata"
    log_json: bool = False
    log_level: str = "INFO"
    host: str = "127.0.0.1"
    port: int = 8000
    db_pool_size: int = 10
    # Local accounts (register, password login, local tokens) and an OpenID provider
    local_accounts: bool = True
    oidc_issuer: str = ""
    oidc_audience: str = ""
    oidc_roles_claim: str = ""
    oidc_admin_role: str = "admin"
    oidc_client_id: str = ""
    oidc_client_secret: str = field(default="", repr=False)
    oidc_scopes: str = "openid profile email"
    oidc_frontend_url: str = ""
    oidc_jwks_refresh_seconds: int = 30
    oidc_discovery_url: str = ""
    public_url: str = ""
    web_dir: str = ""  # the built web UI; empty: web/dist in the checkout
    # Rate limits, per client IP and window; shared by all processes through Redis if set
    redis_url: str = field(default="", repr=False)
    login_rate_limit: int = 5
    api_rate_limit: int = 0
    rate_limit_window_seconds: int = 60
    trusted_proxies: str = ""
    ticketmaster_base_url: str = TICKETMASTER_URL
    ticketmaster_api_key: str = field(default="", repr=False)
    ticketmaster_requests_per_second: float = 5.0
    ticketmaster_daily_budget: int = 5000
    ticketmaster_timeout_seconds: float = 10.0
    ticketmaster_markets: str = ""
    ticketmaster_days: int = 30
    ticketmaster_sync_cron: str = "17 */3 * * *"
    ticketmaster_stale_after_minutes: int = 60
    ticketmaster_fetch_budget_seconds: float = 3.0
    # The outbox relay: how often it looks for messages no commit of its process woke it for
    outbox_poll_seconds: float = 1.0
    outbox_batch_size: int = 100
    outbox_max_backoff_seconds: float = 30.0
    # Message broker between the services: memory:// (one process), amqp://, redis://
    broker_url: str = field(default=MEMORY_BROKER_URL, repr=False)
    # The notification service (`boxoffice serve notifications`)
    notifications_port: int = 8001
    notifications_channel: str = "boxoffice:notifications"
    notifications_send_queue: int = 256
    notifications_heartbeat_seconds: float = 20.0
    notifications_heartbeat_timeout_seconds: float = 10.0
    notifications_auth_timeout_seconds: float = 5.0

    def __post_init__(self) -> None:
        if not self.jwt_secret:
            # Good for a single embedded process; several processes must share one secret.
            object.__setattr__(self, "jwt_secret", secrets.token_urlsafe(32))
        elif len(self.jwt_secret) < 32:
            raise SettingsError(f"{PREFIX}JWT_SECRET must be at least 32 characters")
        if not 4 <= self.bcrypt_rounds <= 16:
            raise SettingsError(f"{PREFIX}BCRYPT_ROUNDS must be between 4 and 16")
        if not self.database_url.startswith(("sqlite+aiosqlite://", "postgresql+psycopg://")):
            raise SettingsError(
                f"{PREFIX}DATABASE_URL must start with sqlite+aiosqlite:// or postgresql+psycopg://"
            )
        self._check_identity()
        self._check_rate_limits()
        self._check_ticketmaster()
        self._check_broker()
        self._check_notifications()

    def _check_broker(self) -> None:
        _positive("OUTBOX_POLL_SECONDS", self.outbox_poll_seconds)
        _positive("OUTBOX_BATCH_SIZE", self.outbox_batch_size)
        _positive("OUTBOX_MAX_BACKOFF_SECONDS", self.outbox_max_backoff_seconds)
        url = self.broker_url
        if url != MEMORY_BROKER_URL and not (
            url.startswith(BROKER_SCHEMES) and len(url) > url.index("://") + 3
        ):
            raise SettingsError(
                f"{PREFIX}BROKER_URL must be memory:// or a URL starting with "
                f"{', '.join(BROKER_SCHEMES)}"
            )

    def _check_notifications(self) -> None:
        _positive("NOTIFICATIONS_SEND_QUEUE", self.notifications_send_queue)
        _positive("NOTIFICATIONS_HEARTBEAT_SECONDS", self.notifications_heartbeat_seconds)
        _positive(
            "NOTIFICATIONS_HEARTBEAT_TIMEOUT_SECONDS", self.notifications_heartbeat_timeout_seconds
        )
        _positive("NOTIFICATIONS_AUTH_TIMEOUT_SECONDS", self.notifications_auth_timeout_seconds)

    def _check_ticketmaster(self) -> None:
        _positive("TICKETMASTER_REQUESTS_PER_SECOND", self.ticketmaster_requests_per_second)
        _positive("TICKETMASTER_DAILY_BUDGET", self.ticketmaster_daily_budget)
        _positive("TICKETMASTER_TIMEOUT_SECONDS", self.ticketmaster_timeout_seconds)
        _positive("TICKETMASTER_DAYS", self.ticketmaster_days)
        if not self.ticketmaster_base_url.startswith(("https://", "http://")):
            raise SettingsError(f"{PREFIX}TICKETMASTER_BASE_URL must be an http(s) URL")
        if not croniter.is_valid(self.ticketmaster_sync_cron):
            raise SettingsError(
                f"{PREFIX}TICKETMASTER_SYNC_CRON must be a cron expression (5 fields, or 6 with "
                f"seconds last), not {self.ticketmaster_sync_cron!r}"
            )
        self.ticketmaster_market_list  # noqa: B018 (parsed now, so a typo stops the start)

    @property
    def ticketmaster_market_list(self) -> tuple[Market, ...]:
        try:
            return parse_markets(self.ticketmaster_markets, self.ticketmaster_days)
        except ValueError as e:
            raise SettingsError(f"{PREFIX}TICKETMASTER_MARKETS: {e}") from None

    @property
    def scheduled_sync_enabled(self) -> bool:
        """Markets to sync and a key to sync them with."""
        return bool(self.ticketmaster_api_key and self.ticketmaster_market_list)

    def _check_identity(self) -> None:
        if self.oidc_issuer and not self.oidc_issuer.startswith(("https://", "http://")):
            raise SettingsError(f"{PREFIX}OIDC_ISSUER must be an http(s) URL")
        if self.oidc_issuer and not self.oidc_audience:
            raise SettingsError(f"{PREFIX}OIDC_AUDIENCE is needed with {PREFIX}OIDC_ISSUER")
        if self.oidc_client_id and not self.oidc_issuer:
            raise SettingsError(f"{PREFIX}OIDC_CLIENT_ID needs {PREFIX}OIDC_ISSUER")
        if not self.local_accounts and not self.oidc_issuer:
            raise SettingsError(
                f"with {PREFIX}LOCAL_ACCOUNTS=false, set {PREFIX}OIDC_ISSUER, or nobody can sign in"
            )

    def _check_rate_limits(self) -> None:
        if self.login_rate_limit < 1 or self.api_rate_limit < 0:
            raise SettingsError(f"{PREFIX}LOGIN_RATE_LIMIT must be at least 1 (API limit 0 = off)")
        if self.rate_limit_window_seconds < 1:
            raise SettingsError(f"{PREFIX}RATE_LIMIT_WINDOW_SECONDS must be at least 1")
        if self.redis_url and not self.redis_url.startswith(("redis://", "rediss://", "unix://")):
            raise SettingsError(f"{PREFIX}REDIS_URL must start with redis://, rediss:// or unix://")
        self.trusted_proxy_networks  # noqa: B018 (parsed now, so a typo stops the start)

    @property
    def trusted_proxy_networks(self) -> tuple[ipaddress.IPv4Network | ipaddress.IPv6Network, ...]:
        try:
            return tuple(
                ipaddress.ip_network(item.strip(), strict=False)
                for item in self.trusted_proxies.split(",")
                if item.strip()
            )
        except ValueError:
            raise SettingsError(
                f"{PREFIX}TRUSTED_PROXIES must be IP addresses or networks separated by commas"
            ) from None

    @property
    def rate_limit_backend(self) -> str:
        return "redis" if self.redis_url else "memory"

    @property
    def fanout_backend(self) -> str:
        return "redis" if self.redis_url else "memory"

    @property
    def oidc_enabled(self) -> bool:
        return bool(self.oidc_issuer)

    @property
    def oidc_sign_in_enabled(self) -> bool:
        return bool(self.oidc_issuer and self.oidc_client_id)

    @property
    def is_sqlite(self) -> bool:
        return self.database_url.startswith("sqlite")

    @classmethod
    def from_env(
        cls, environ: Mapping[str, str] | None = None, env_file: Path | None = None
    ) -> "Settings":
        """Settings from the environment, which wins over the .env file (if there is one)."""
        values = {
            **read_env_file(env_file or Path(".env")),
            **(os.environ if environ is None else environ),
        }
        kwargs: dict[str, Any] = {}
        for f in fields(cls):
            raw = values.get(PREFIX + f.name.upper())
            if raw is not None:
                kwargs[f.name] = _parse(f.name, raw, f.type)
        return cls(**kwargs)


def _positive(name: str, value: float) -> None:
    if value <= 0:
        raise SettingsError(f"{PREFIX}{name} must be positive, not {value}")


def _parse(name: str, raw: str, kind: Any) -> Any:
    key = PREFIX + name.upper()
    if kind in (bool, "bool"):
        if raw.strip().lower() in {"1", "true", "yes", "on"}:
            return True
        if raw.strip().lower() in {"0", "false", "no", "off", ""}:
            return False
        raise SettingsError(f"{key} must be true or false, not {raw!r}")
    if kind in (int, "int"):
        try:
            return int(raw)
        except ValueError:
            raise SettingsError(f"{key} must be a whole number, not {raw!r}") from None
    if kind in (float, "float"):
        try:
            return float(raw)
        except ValueError:
            raise SettingsError(f"{key} must be a number, not {raw!r}") from None
    return raw


def read_env_file(path: Path) -> dict[str, str]:
    """KEY=VALUE lines; blank lines and # comments skipped, surrounding quotes removed."""
    if not path.is_file():
        return {}
    values = {}
    for line in path.read_text().splitlines():
        line = line.strip()
        if not line or line.startswith("#") or "=" not in line:
            continue
        key, _, value = line.removeprefix("export ").partition("=")
        values[key.strip()] = value.strip().strip("'\"")
    return values
