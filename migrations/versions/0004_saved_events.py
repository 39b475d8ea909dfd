"""Events a user saved (favourites): one row per user and event, newest listed first.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-23
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "saved_events",
        sa.Column("user_id", sa.Uuid, nullable=False),
        sa.Column("event_id", sa.Uuid, nullable=False),
        sa.Column("saved_at", sa.DateTime(timezone=True), nullable=False),
        # The primary key makes a second save of the same event a no-op, even when two race.
        sa.PrimaryKeyConstraint("user_id", "event_id", name="pk_saved_events"),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name="fk_saved_events_user_id_users", ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["event_id"], ["events.id"], name="fk_saved_events_event_id_events", ondelete="CASCADE"
        ),
    )
    op.create_index("ix_saved_events_user_id_saved_at", "saved_events", ["user_id", "saved_at"])


def downgrade() -> None:
    op.drop_index("ix_saved_events_user_id_saved_at", table_name="saved_events")
    op.drop_table("saved_events")
