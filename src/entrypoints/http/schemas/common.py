"""Wire types shared by every resource."""

from typing import Annotated

import msgspec

from boxoffice.domain.registrations import MAX_NAME
from boxoffice.domain.users import MAX_EMAIL

Email = Annotated[
    str, msgspec.Meta(min_length=3, max_length=MAX_EMAIL, examples=["priya@example.com"])
]
PersonName = Annotated[str, msgspec.Meta(min_length=1, max_length=MAX_NAME)]


class Request(msgspec.Struct, forbid_unknown_fields=True, kw_only=True):
    """Base of request bodies: unknown fields are an error, not silently dropped."""
