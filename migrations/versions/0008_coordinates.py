"""Where an event is: a latitude and a longitude, imported events' taken from their venue.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-01
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

INDEX = "ix_events_latitude_longitude"
# Plain columns: adding them is one ALTER TABLE on both databases. A CHECK would make SQLite
# rebuild the table, which drops it first, and with foreign keys enforced that would delete
# (or refuse to delete) the rows that point at events; the domain checks the values.
FROM_VENUES = """
UPDATE events SET
    latitude = (SELECT latitude FROM venues WHERE venues.id = events.venue_id),
    longitude = (SELECT longitude FROM venues WHERE venues.id = events.venue_id)
WHERE venue_id IN (
    SELECT id FROM venues WHERE latitude IS NOT NULL AND longitude IS NOT NULL
)
"""


def upgrade() -> None:
    op.add_column("events", sa.Column("latitude", sa.Float))
    op.add_column("events", sa.Column("longitude", sa.Float))
    op.execute(FROM_VENUES)
    op.create_index(INDEX, "events", ["latitude", "longitude"])


def downgrade() -> None:
    op.drop_index(INDEX, "events")
    op.drop_column("events", "longitude")
    op.drop_column("events", "latitude")
