"""The Discovery API v2 response shapes we read, as private msgspec Structs.

Attribute names are the API's own (camelCase), so each Struct reads like the JSON it decodes.
Everything optional in practice is optional here: the API drops fields freely.
"""

from decimal import Decimal

import msgspec


class _Named(msgspec.Struct):
    id: str = ""
    name: str = ""


class Classification(msgspec.Struct):
    primary: bool = False
    segment: _Named | None = None
    genre: _Named | None = None


class Moment(msgspec.Struct):
    localDate: str | None = None
    localTime: str | None = None
    dateTime: str | None = None
    dateTBD: bool = False
    dateTBA: bool = False
    timeTBA: bool = False
    noSpecificTime: bool = False


class _Status(msgspec.Struct):
    code: str | None = None


class Dates(msgspec.Struct):
    start: Moment | None = None
    end: Moment | None = None
    timezone: str | None = None
    status: _Status | None = None


class _PublicSale(msgspec.Struct):
    startDateTime: str | None = None
    endDateTime: str | None = None


class Sales(msgspec.Struct):
    public: _PublicSale | None = None


class Price(msgspec.Struct):
    type: str | None = None
    currency: str | None = None
    min: Decimal | None = None
    max: Decimal | None = None


class Image(msgspec.Struct):
    url: str = ""
    ratio: str | None = None
    width: int = 0
    height: int = 0
    fallback: bool = False


class _Text(msgspec.Struct):
    name: str = ""


class _Country(msgspec.Struct):
    countryCode: str = ""


class _State(msgspec.Struct):
    stateCode: str = ""
    name: str = ""


class _Address(msgspec.Struct):
    line1: str = ""
    line2: str = ""


class _Location(msgspec.Struct):
    latitude: str | float | None = None
    longitude: str | float | None = None


class Venue(msgspec.Struct):
    id: str = ""
    name: str = ""
    timezone: str | None = None
    postalCode: str = ""
    city: _Text | None = None
    state: _State | None = None
    country: _Country | None = None
    address: _Address | None = None
    location: _Location | None = None


class _EventEmbedded(msgspec.Struct):
    venues: list[Venue] = []
    attractions: list[_Named] = []


class Event(msgspec.Struct):
    id: str
    name: str = ""
    url: str | None = None
    info: str | None = None
    pleaseNote: str | None = None
    dates: Dates | None = None
    sales: Sales | None = None
    priceRanges: list[Price] = []
    classifications: list[Classification] = []
    images: list[Image] = []
    embedded: _EventEmbedded | None = msgspec.field(default=None, name="_embedded")


class EventId(msgspec.Struct):
    """Just enough of an event to name it when the rest does not decode."""

    id: str = "?"


class Page(msgspec.Struct):
    size: int = 0
    totalElements: int = 0
    totalPages: int = 0
    number: int = 0


class _SearchEmbedded(msgspec.Struct):
    events: list[msgspec.Raw] = []


class SearchResponse(msgspec.Struct):
    """`_embedded` is absent altogether when nothing matched."""

    embedded: _SearchEmbedded | None = msgspec.field(default=None, name="_embedded")
    page: Page = msgspec.field(default_factory=Page)

    @property
    def events(self) -> list[msgspec.Raw]:
        return [] if self.embedded is None else self.embedded.events
