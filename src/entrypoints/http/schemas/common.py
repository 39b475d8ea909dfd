"""Wire types shared by every resource."""

from typing import Annotated

import msgspec

Email = Annotated[str, msgspec.Meta(min_length=3, max_length=254, examples=["priya@example.com"])]
PersonName = Annotated[str, msgspec.Meta(min_length=1, max_length=100)]


class Request(msgspec.Struct, forbid_unknown_fields=True, kw_only=True):
    """Base of request bodies: unknown fields are an error, not silently dropped."""
