"""The sections of the services the platform calls: Ticketmaster, and the attachments' store."""

import re
from dataclasses import dataclass

from croniter import croniter

from boxoffice.application.models.markets import Market
from boxoffice.entrypoints.markets import parse_markets
from boxoffice.entrypoints.settings_bounds import (
    AT_LEAST_1,
    OFF_OR_MORE,
    POSITIVE,
    Bound,
    Section,
    setting,
)
from boxoffice.entrypoints.settings_env import PREFIX, SettingsError

TICKETMASTER_URL = "https://app.ticketmaster.com/discovery/v2"
DEFAULT_STORAGE_URL = "file://./attachments"
# Bucket names as S3 takes them: 3 to 63 lower-case letters, digits, dots and hyphens.
S3_URL = re.compile(r"s3://[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]")


@dataclass(frozen=True, slots=True)
class TicketmasterSettings(Section):
    ENV_PREFIX = "TICKETMASTER_"
    base_url: str = setting(TICKETMASTER_URL)
    api_key: str = setting("", secret=True)
    requests_per_second: float = setting(5.0, bound=POSITIVE)
    daily_budget: int = setting(5000, bound=AT_LEAST_1)
    timeout_seconds: float = setting(10.0, bound=POSITIVE)
    markets: str = setting("")
    days: int = setting(30, bound=AT_LEAST_1)
    sync_cron: str = setting("17 */3 * * *")
    stale_after_minutes: int = setting(60, bound=AT_LEAST_1)
    fetch_budget_seconds: float = setting(3.0, bound=POSITIVE)
    # On-demand refreshes (GET /events?source=ticketmaster): per caller, and in total, per window
    refresh_client_limit: int = setting(5, bound=OFF_OR_MORE)
    refresh_limit: int = setting(30, bound=OFF_OR_MORE)
    refresh_window_seconds: int = setting(3600, bound=AT_LEAST_1)

    def __post_init__(self) -> None:
        self.check_bounds()
        if not self.base_url.startswith(("https://", "http://")):
            raise SettingsError(f"{PREFIX}TICKETMASTER_BASE_URL must be an http(s) URL")
        if not croniter.is_valid(self.sync_cron):
            raise SettingsError(
                f"{PREFIX}TICKETMASTER_SYNC_CRON must be a cron expression (5 fields, or 6 with "
                f"seconds last), not {self.sync_cron!r}"
            )
        self.market_list  # noqa: B018 (parsed now, so a typo stops the start)

    @property
    def market_list(self) -> tuple[Market, ...]:
        try:
            return parse_markets(self.markets, self.days)
        except ValueError as e:
            raise SettingsError(f"{PREFIX}TICKETMASTER_MARKETS: {e}") from None

    @property
    def enabled(self) -> bool:
        """A key to call the API with: imports, refreshes and look-ups are on."""
        return bool(self.api_key)

    @property
    def scheduled_sync_enabled(self) -> bool:
        """Markets to sync and a key to sync them with."""
        return bool(self.api_key and self.market_list)


@dataclass(frozen=True, slots=True)
class StorageSettings(Section):
    """Attachments: where their files are stored, and what an upload may be."""

    url: str = setting(DEFAULT_STORAGE_URL, env="STORAGE_URL")
    s3_endpoint_url: str = setting("")  # empty: AWS itself
    s3_public_endpoint_url: str = setting("")  # where browsers reach the store, if elsewhere
    s3_region: str = setting("us-east-1")
    s3_access_key_id: str = setting("", secret=True)
    s3_secret_access_key: str = setting("", secret=True)
    s3_url_seconds: int = setting(300, bound=Bound(1, 604800))  # S3 signs for at most 7 days
    s3_timeout_seconds: float = setting(10.0, bound=POSITIVE)
    attachment_max_bytes: int = setting(10 * 1024 * 1024, bound=AT_LEAST_1)
    attachment_max_pixels: int = setting(50_000_000, bound=AT_LEAST_1)
    attachment_upload_seconds: float = setting(120.0, bound=POSITIVE)

    def __post_init__(self) -> None:
        self.check_bounds()
        if not (
            S3_URL.fullmatch(self.url)
            or (self.url.startswith("file://") and len(self.url) > len("file://"))
        ):
            raise SettingsError(
                f"{PREFIX}STORAGE_URL must be file://PATH (such as {DEFAULT_STORAGE_URL}) or "
                "s3://BUCKET"
            )
        for name in ("s3_endpoint_url", "s3_public_endpoint_url"):
            if getattr(self, name) and not getattr(self, name).startswith(("https://", "http://")):
                raise SettingsError(f"{PREFIX}{name.upper()} must be an http(s) URL")

    @property
    def s3_bucket(self) -> str:
        return self.url.removeprefix("s3://") if self.url.startswith("s3:") else ""
