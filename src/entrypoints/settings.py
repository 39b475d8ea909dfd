"""All configuration, read once from BOXOFFICE_* environment variables (and a .env file),
in one frozen section per concern; each section checks its own fields."""

import os
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from boxoffice.entrypoints.settings_bounds import Section
from boxoffice.entrypoints.settings_env import (
    PREFIX,
    SettingsError,
    parse,
    read_env_file,
    unknown_names,
)
from boxoffice.entrypoints.settings_identity import IdentitySettings
from boxoffice.entrypoints.settings_sections import (
    BrokerSettings,
    DatabaseSettings,
    EventSettings,
    HttpSettings,
    LoggingSettings,
    NotificationSettings,
    RateLimitSettings,
    RedisSettings,
)
from boxoffice.entrypoints.settings_upstream import StorageSettings, TicketmasterSettings

__all__ = [
    "PREFIX",
    "BrokerSettings",
    "DatabaseSettings",
    "EventSettings",
    "HttpSettings",
    "IdentitySettings",
    "LoggingSettings",
    "NotificationSettings",
    "RateLimitSettings",
    "RedisSettings",
    "Settings",
    "SettingsError",
    "StorageSettings",
    "TicketmasterSettings",
    "read_env_file",
]


@dataclass(frozen=True, slots=True)
class Settings:
    database: DatabaseSettings = field(default_factory=DatabaseSettings)
    identity: IdentitySettings = field(default_factory=IdentitySettings)
    events: EventSettings = field(default_factory=EventSettings)
    http: HttpSettings = field(default_factory=HttpSettings)
    rate_limits: RateLimitSettings = field(default_factory=RateLimitSettings)
    redis: RedisSettings = field(default_factory=RedisSettings)
    ticketmaster: TicketmasterSettings = field(default_factory=TicketmasterSettings)
    broker: BrokerSettings = field(default_factory=BrokerSettings)
    notifications: NotificationSettings = field(default_factory=NotificationSettings)
    storage: StorageSettings = field(default_factory=StorageSettings)
    logging: LoggingSettings = field(default_factory=LoggingSettings)
    # Not a setting: what start-up found worth a warning
    notices: tuple[str, ...] = field(default=(), repr=False, compare=False)

    @classmethod
    def sections(cls) -> dict[str, type[Section]]:
        """Each section's class by its attribute name."""
        return {f.name: f.default_factory for f in fields(cls) if f.name != "notices"}  # type: ignore[misc]

    @classmethod
    def variables(cls) -> dict[str, tuple[str, Any]]:
        """Every variable a setting is read from: its section's name and its field."""
        return {
            variable: (name, f)
            for name, section in cls.sections().items()
            for variable, f in section.variables().items()
        }

    @classmethod
    def from_env(
        cls, environ: Mapping[str, str] | None = None, env_file: Path | None = None
    ) -> "Settings":
        """Settings from the environment, which wins over the .env file (if there is one)."""
        values = {
            **read_env_file(env_file or Path(".env")),
            **(os.environ if environ is None else environ),
        }
        given: dict[str, dict[str, Any]] = {name: {} for name in cls.sections()}
        for variable, (name, f) in cls.variables().items():
            if variable in values:
                given[name][f.name] = parse(variable, values[variable], f.type)
        sections: dict[str, Any] = {n: s(**given[n]) for n, s in cls.sections().items()}
        return cls(**sections, notices=tuple(unknown_names(values, set(cls.variables()))))
