"""Files attached to events, and the one an event shows.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-01
"""

import warnings
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("events", sa.Column("attachment_id", sa.Uuid))
    op.create_table(
        "attachments",
        sa.Column("id", sa.Uuid, nullable=False),
        sa.Column("event_id", sa.Uuid, nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("content_type", sa.String(50), nullable=False),
        sa.Column("size", sa.Integer, nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("uploaded_by", sa.Uuid),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_attachments"),
        # An event's files go with it (the service removes the stored bytes).
        sa.ForeignKeyConstraint(
            ["event_id"], ["events.id"], name="fk_attachments_event_id_events", ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["uploaded_by"],
            ["users.id"],
            name="fk_attachments_uploaded_by_users",
            ondelete="SET NULL",
        ),
        sa.CheckConstraint("size > 0", name="ck_attachments_size_positive"),
    )
    # With the id: an event's first attachment is read from the index, in order, unsorted.
    op.create_index(
        "ix_attachments_event_id_created_at", "attachments", ["event_id", "created_at", "id"]
    )
    op.create_index("ix_attachments_sha256", "attachments", ["sha256"])


def downgrade() -> None:
    op.drop_index("ix_attachments_sha256", "attachments")
    op.drop_index("ix_attachments_event_id_created_at", "attachments")
    op.drop_table("attachments")
    op.drop_index("ix_events_city_lower", "events")
    with warnings.catch_warnings(), op.batch_alter_table("events") as batch:
        warnings.filterwarnings("ignore", "Skipped unsupported reflection of expression-based")
        batch.drop_column("attachment_id")
    op.create_index("ix_events_city_lower", "events", [sa.text("lower(city)")])
