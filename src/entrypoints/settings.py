"""All configuration, read once from BOXOFFICE_* environment variables (and a .env file)."""

import os
import secrets
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

PREFIX = "BOXOFFICE_"
DEFAULT_DATABASE_URL = "sqlite+aiosqlite:///boxoffice.db"
TICKETMASTER_URL = "https://app.ticketmaster.com/discovery/v2"


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
    redis_url: str = ""
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

        _positive("TICKETMASTER_REQUESTS_PER_SECOND", self.ticketmaster_requests_per_second)
        _positive("TICKETMASTER_DAILY_BUDGET", self.ticketmaster_daily_budget)
        _positive("TICKETMASTER_TIMEOUT_SECONDS", self.ticketmaster_timeout_seconds)
        _positive("TICKETMASTER_DAYS", self.ticketmaster_days)
        if not self.ticketmaster_base_url.startswith(("https://", "http://")):
            raise SettingsError(f"{PREFIX}TICKETMASTER_BASE_URL must be an http(s) URL")

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
