"""BOXOFFICE_TICKETMASTER_MARKETS: markets separated by `;`, each `key=value` pairs separated
by `,`, e.g. `country=US,city=New York,classification=music,days=14; country=GB,city=London`.

Keys: country (ISO 3166 alpha-2), city, keyword, classification (segment or genre), days
(how far ahead; default BOXOFFICE_TICKETMASTER_DAYS). Values cannot contain `,`, `;` or `=`.
"""

from boxoffice.application.models.markets import InvalidMarket, Market

FIELDS = {
    "country": "country_code",
    "city": "city",
    "keyword": "keyword",
    "classification": "classification",
}


def parse_markets(raw: str, default_days: int) -> tuple[Market, ...]:
    """Every market of `raw` (none when it is blank); ValueError says what is wrong."""
    markets = tuple(
        _parse_market(text.strip(), default_days) for text in raw.split(";") if text.strip()
    )
    names = [m.name for m in markets]
    duplicated = sorted({n for n in names if names.count(n) > 1})
    if duplicated:
        raise ValueError(f"market {duplicated[0]!r} is listed twice")
    return markets


def _parse_market(text: str, default_days: int) -> Market:
    values: dict[str, str] = {}
    for pair in text.split(","):
        key, equals, value = (part.strip() for part in pair.partition("="))
        if not equals or not value:
            raise ValueError(f"{pair.strip()!r} in {text!r} is not key=value")
        if key != "days" and key not in FIELDS:
            raise ValueError(f"unknown key {key!r} (use {', '.join([*FIELDS, 'days'])})")
        if key in values:
            raise ValueError(f"{key!r} appears twice in {text!r}")
        values[key] = value
    try:
        days = int(values.pop("days", default_days))
    except ValueError:
        raise ValueError(f"days must be a whole number in {text!r}") from None
    fields = {FIELDS[key]: value for key, value in values.items()}
    if "country_code" in fields:
        fields["country_code"] = fields["country_code"].upper()
    try:
        return Market(**fields, days=days)
    except InvalidMarket as e:
        raise ValueError(f"{e} in {text!r}") from None


def format_markets(markets: tuple[Market, ...]) -> str:
    """The text `parse_markets` reads back into the same markets (days always written)."""
    return "; ".join(_format_market(m) for m in markets)


def _format_market(market: Market) -> str:
    pairs = [
        f"{key}={getattr(market, attribute)}"
        for key, attribute in FIELDS.items()
        if getattr(market, attribute) is not None
    ]
    return ",".join([*pairs, f"days={market.days}"])
