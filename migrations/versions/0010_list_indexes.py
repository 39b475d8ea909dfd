"""The default event list's order (start time, then id) served by one index, so a page reads
its rows in order and stops after them.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-01
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

OLD = "ix_events_status_start_time"
NEW = "ix_events_status_start_time_id"


def upgrade() -> None:
    # The new index starts with the old one's columns: it serves every query the old one did.
    op.create_index(NEW, "events", ["status", "start_time", "id"])
    op.drop_index(OLD, "events")


def downgrade() -> None:
    op.create_index(OLD, "events", ["status", "start_time"])
    op.drop_index(NEW, "events")
