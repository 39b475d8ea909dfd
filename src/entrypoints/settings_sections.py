"""The sections of the service's own settings: database, HTTP, limits, messaging, logs."""

import ipaddress
import re
from dataclasses import dataclass
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from boxoffice.entrypoints.settings_bounds import (
    AT_LEAST_1,
    OFF_OR_MORE,
    PORT,
    POSITIVE,
    Bound,
    Section,
    setting,
)
from boxoffice.entrypoints.settings_env import PREFIX, SettingsError

DEFAULT_DATABASE_URL = "sqlite+aiosqlite:///boxoffice.db"
MEMORY_BROKER_URL = "memory://"
BROKER_SCHEMES = ("amqp://", "amqps://", "redis://", "rediss://", "unix://")
LOG_LEVELS = ("TRACE", "DEBUG", "INFO", "SUCCESS", "WARNING", "ERROR", "CRITICAL")
# Browsers send an origin with a lower-case host and no path; the allow-list is compared exactly.
ORIGIN = re.compile(r"https?://([a-z0-9.-]+|\[[0-9a-f:.]+\])(:[0-9]{1,5})?")


@dataclass(frozen=True, slots=True)
class DatabaseSettings(Section):
    url: str = setting(DEFAULT_DATABASE_URL, env="DATABASE_URL")
    pool_size: int = setting(10, env="DB_POOL_SIZE", bound=AT_LEAST_1)
    # On PostgreSQL, sales go to the database in batches, one transaction each: this many at
    # once from one process, each taking up to sale_batch_size of the sales waiting then
    sale_batches: int = setting(2, bound=Bound(1, 100))
    sale_batch_size: int = setting(64, bound=Bound(1, 1000))

    def __post_init__(self) -> None:
        self.check_bounds()
        if not self.url.startswith(("sqlite+aiosqlite://", "postgresql+psycopg://")):
            raise SettingsError(
                f"{PREFIX}DATABASE_URL must start with sqlite+aiosqlite:// or postgresql+psycopg://"
            )

    @property
    def is_sqlite(self) -> bool:
        return self.url.startswith("sqlite")


@dataclass(frozen=True, slots=True)
class EventSettings(Section):
    open_event_creation: bool = setting(False)
    default_timezone: str = setting("Asia/Kolkata")

    def __post_init__(self) -> None:
        try:
            ZoneInfo(self.default_timezone)
        except (ZoneInfoNotFoundError, ValueError):
            raise SettingsError(
                f"{PREFIX}DEFAULT_TIMEZONE must be an IANA time zone such as Europe/Paris, "
                f"not {self.default_timezone!r}"
            ) from None


@dataclass(frozen=True, slots=True)
class HttpSettings(Section):
    host: str = setting("127.0.0.1")
    port: int = setting(8000, bound=PORT)
    workers: int = setting(1, bound=Bound(1, 64))
    # How late a change made elsewhere may show in the anonymous event lists and pages this
    # process answers from memory (0: no cache)
    read_cache_seconds: float = setting(1.0, bound=Bound(0, 1))
    # How long such an answer may be kept while this process watches the database for writes
    # (twice a read_cache_seconds); a time-bound filter ("not yet over") may lag this much
    read_cache_hold_seconds: float = setting(30.0, bound=Bound(0, 3600))
    # Request bodies: the most bytes one may have, and how long it may take to arrive
    max_body_bytes: int = setting(65536, bound=AT_LEAST_1)
    body_read_timeout_seconds: float = setting(10.0, bound=POSITIVE)
    public_url: str = setting("")
    # Origins of browser front ends served from elsewhere, e.g. "https://app.example.com"
    cors_origins: str = setting("")
    web_dir: str = setting("")  # the built web UI; empty: web/dist in the checkout
    # Reverse proxies whose X-Forwarded-For is believed
    trusted_proxies: str = setting("")

    def __post_init__(self) -> None:
        self.check_bounds()
        self.cors_origin_list  # noqa: B018 (parsed now, so a typo stops the start)
        self.trusted_proxy_networks  # noqa: B018

    @property
    def cors_origin_list(self) -> tuple[str, ...]:
        origins = tuple(item.strip() for item in self.cors_origins.split(",") if item.strip())
        for origin in origins:
            if not ORIGIN.fullmatch(origin):
                raise SettingsError(
                    f"{PREFIX}CORS_ORIGINS must be exact origins such as https://app.example.com "
                    f"(scheme, host and port only), separated by commas; not {origin!r}"
                )
        return origins

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


@dataclass(frozen=True, slots=True)
class RedisSettings(Section):
    # Rate limits, Ticketmaster's budget, the job queue and the notifications' fan-out are
    # shared by all processes through Redis if it is set; else each process keeps its own.
    url: str = setting("", env="REDIS_URL", secret=True)

    def __post_init__(self) -> None:
        if self.url and not self.url.startswith(("redis://", "rediss://", "unix://")):
            raise SettingsError(f"{PREFIX}REDIS_URL must start with redis://, rediss:// or unix://")

    @property
    def backend(self) -> str:
        return "redis" if self.url else "memory"


@dataclass(frozen=True, slots=True)
class RateLimitSettings(Section):
    # Per client IP and window: credential attempts, and every other request (0: off)
    login: int = setting(5, env="LOGIN_RATE_LIMIT", bound=AT_LEAST_1)
    api: int = setting(0, env="API_RATE_LIMIT", bound=OFF_OR_MORE)
    window_seconds: int = setting(60, env="RATE_LIMIT_WINDOW_SECONDS", bound=AT_LEAST_1)
    # Registrations per client (a signed-in user, else an address): across events, and per event
    registrations: int = setting(20, env="REGISTRATION_RATE_LIMIT", bound=OFF_OR_MORE)
    registrations_per_event: int = setting(
        5, env="REGISTRATION_EVENT_RATE_LIMIT", bound=OFF_OR_MORE
    )
    registration_window_seconds: int = setting(
        3600, env="REGISTRATION_RATE_WINDOW_SECONDS", bound=AT_LEAST_1
    )

    def __post_init__(self) -> None:
        self.check_bounds()


@dataclass(frozen=True, slots=True)
class BrokerSettings(Section):
    # Message broker between the services: memory:// (one process), amqp://, redis://
    url: str = setting(MEMORY_BROKER_URL, env="BROKER_URL", secret=True)
    # The outbox relay: how often it looks for messages no commit of its process woke it for
    outbox_poll_seconds: float = setting(1.0, bound=POSITIVE)
    outbox_batch_size: int = setting(100, bound=AT_LEAST_1)
    outbox_max_backoff_seconds: float = setting(30.0, bound=POSITIVE)

    def __post_init__(self) -> None:
        self.check_bounds()
        url = self.url
        if url != MEMORY_BROKER_URL and not (
            url.startswith(BROKER_SCHEMES) and len(url) > url.index("://") + 3
        ):
            raise SettingsError(
                f"{PREFIX}BROKER_URL must be memory:// or a URL starting with "
                f"{', '.join(BROKER_SCHEMES)}"
            )

    @property
    def in_process(self) -> bool:
        """Nothing crosses processes: one process hosts both services."""
        return self.url == MEMORY_BROKER_URL


@dataclass(frozen=True, slots=True)
class NotificationSettings(Section):
    """The notification service (`boxoffice serve notifications`)."""

    ENV_PREFIX = "NOTIFICATIONS_"
    port: int = setting(8001, bound=PORT)
    channel: str = setting("boxoffice:notifications")
    send_queue: int = setting(256, bound=AT_LEAST_1)
    heartbeat_seconds: float = setting(20.0, bound=POSITIVE)
    heartbeat_timeout_seconds: float = setting(10.0, bound=POSITIVE)
    auth_timeout_seconds: float = setting(5.0, bound=POSITIVE)

    def __post_init__(self) -> None:
        self.check_bounds()


@dataclass(frozen=True, slots=True)
class LoggingSettings(Section):
    ENV_PREFIX = "LOG_"
    json: bool = setting(False)
    level: str = setting("INFO")

    def __post_init__(self) -> None:
        # Any case, as people write it; loguru itself only knows upper case.
        object.__setattr__(self, "level", self.level.strip().upper())
        if self.level not in LOG_LEVELS:
            raise SettingsError(f"{PREFIX}LOG_LEVEL must be one of {', '.join(LOG_LEVELS)}")
