"""The whole schema: every table module loaded onto the one MetaData.

Import `metadata` from here (not from tables.py) wherever every table must be known:
creating, truncating or comparing the schema.
"""

from boxoffice.adapters.sqlalchemy import (  # noqa: F401  (they register their tables)
    message_tables,
    notification_tables,
)
from boxoffice.adapters.sqlalchemy.tables import metadata

__all__ = ["metadata"]
