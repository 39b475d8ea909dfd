"""How a section declares a setting (its variable, its range, whether it is a secret), the
checks every section runs on its own fields, and what a token secret must be."""

import math
from dataclasses import Field, dataclass, field, fields
from typing import Any, ClassVar

from boxoffice.entrypoints.settings_env import PREFIX, SettingsError


@dataclass(frozen=True, slots=True)
class Bound:
    low: float
    high: float = math.inf
    above_low: bool = False  # strictly above `low` (a positive duration: 0 is not one)

    def admits(self, value: float) -> bool:
        if not math.isfinite(value):  # float("nan") passes every comparison test
            return False
        return (value > self.low if self.above_low else value >= self.low) and value <= self.high

    def __str__(self) -> str:
        if self.high != math.inf:
            return f"between {self.low:g} and {self.high:g}"
        return "positive" if self.above_low else f"at least {self.low:g}"


POSITIVE = Bound(0, above_low=True)
AT_LEAST_1 = Bound(1)
OFF_OR_MORE = Bound(0)  # 0 turns it off
PORT = Bound(1, 65535)


def setting(
    default: Any, *, env: str = "", bound: Bound | None = None, secret: bool = False
) -> Any:
    """A section's field: `env` names its variable when the section's prefix and the field's
    name do not spell it; `bound` is the range a number must fall in; a secret is not shown
    in the section's repr."""
    return field(default=default, repr=not secret, metadata={"env": env, "bound": bound})


class Section:
    """A frozen dataclass of settings whose variables are PREFIX + ENV_PREFIX + FIELD."""

    __slots__ = ()
    ENV_PREFIX: ClassVar[str] = ""

    @classmethod
    def variables(cls) -> dict[str, Field[Any]]:
        """Each field by the name of the variable it is read from."""
        return {variable_of(cls, f): f for f in fields(cls)}  # type: ignore[arg-type]

    def check_bounds(self) -> None:
        for variable, f in self.variables().items():
            bound: Bound | None = f.metadata["bound"]
            value = getattr(self, f.name)
            if bound is not None and not bound.admits(value):
                raise SettingsError(f"{variable} must be {bound}, not {value!r}")


def variable_of(section: type[Section], f: Field[Any]) -> str:
    return PREFIX + (f.metadata.get("env") or section.ENV_PREFIX + f.name.upper())


MIN_SECRET_BYTES = 32
MIN_DISTINCT_CHARACTERS = 10
# Published in examples (this project's old compose file among them): anyone can sign with them.
PLACEHOLDER_WORDS = ("changeme", "replaceme", "placeholder", "yoursecret", "insecure", "xxxxxxxx")
GENERATE = "python -c 'import secrets; print(secrets.token_urlsafe(48))'"


def check_secret(secret: str) -> None:
    """Refuse a token secret that is short, a known placeholder, or plainly not random."""
    name = f"{PREFIX}JWT_SECRET"
    if len(secret.encode()) < MIN_SECRET_BYTES:
        raise SettingsError(f"{name} must be {MIN_SECRET_BYTES}+ bytes; make one: {GENERATE}")
    letters = "".join(c for c in secret.lower() if c.isalnum())
    if any(word in letters for word in PLACEHOLDER_WORDS):
        raise SettingsError(f"{name} is a placeholder anyone can sign with; make one: {GENERATE}")
    if len(set(secret)) < MIN_DISTINCT_CHARACTERS:
        raise SettingsError(f"{name} is not random enough; make one: {GENERATE}")
