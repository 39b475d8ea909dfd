"""Imported events: source and seller's listing on events, venues, attractions, market syncs.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23
"""

import warnings
from collections.abc import Iterator, Sequence
from contextlib import contextmanager

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

UTC_TIME = sa.DateTime(timezone=True)
MONEY = sa.Numeric(12, 2)
LOCAL_OR_IMPORTED = (
    "(source = 'local' AND external_id IS NULL AND capacity IS NOT NULL) OR "
    "(source <> 'local' AND external_id IS NOT NULL AND url IS NOT NULL "
    "AND capacity IS NULL AND seats_taken = 0)"
)
SALE_STATUSES = (
    "sale_status IS NULL OR "
    "sale_status IN ('onsale', 'offsale', 'cancelled', 'rescheduled', 'postponed', 'unknown')"
)
PRICE_RANGE = "price_min IS NULL OR (price_min >= 0 AND price_max >= price_min)"


@contextmanager
def rebuilding_events() -> Iterator[None]:
    """SQLite rebuilds the table to change it: its expression index is dropped and made again
    around the rebuild, and the reflection of related tables may not warn about theirs."""
    op.drop_index("ix_events_city_lower", "events")
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", "Skipped unsupported reflection of expression-based")
        yield
    op.create_index("ix_events_city_lower", "events", [sa.text("lower(city)")])


def upgrade() -> None:
    op.create_table(
        "venues",
        sa.Column("id", sa.Uuid),
        sa.Column("source", sa.String(20), nullable=False),
        sa.Column("external_id", sa.String(64), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("city", sa.String(100), nullable=False),
        sa.Column("state", sa.String(100), nullable=False),
        sa.Column("country_code", sa.String(2), nullable=False),
        sa.Column("address", sa.String(300), nullable=False),
        sa.Column("postal_code", sa.String(20), nullable=False),
        sa.Column("latitude", sa.Float),
        sa.Column("longitude", sa.Float),
        sa.Column("timezone", sa.String(64)),
        sa.PrimaryKeyConstraint("id", name="pk_venues"),
        sa.UniqueConstraint("source", "external_id", name="uq_venues_source_external_id"),
        sa.CheckConstraint("source IN ('ticketmaster')", name="ck_venues_source_known"),
    )
    with rebuilding_events(), op.batch_alter_table("events") as batch:
        batch.add_column(sa.Column("source", sa.String(20), nullable=False, server_default="local"))
        batch.add_column(sa.Column("external_id", sa.String(64)))
        batch.add_column(sa.Column("url", sa.String(1000)))
        batch.add_column(sa.Column("content_hash", sa.String(64)))
        batch.add_column(sa.Column("synced_at", UTC_TIME))
        batch.add_column(sa.Column("sale_status", sa.String(20)))
        for flag in ("date_tba", "time_tba", "no_specific_time", "end_estimated"):
            batch.add_column(sa.Column(flag, sa.Boolean, nullable=False, server_default=sa.false()))
        batch.add_column(sa.Column("local_date", sa.Date))
        batch.add_column(sa.Column("local_time", sa.Time))
        batch.add_column(sa.Column("segment", sa.String(30)))
        batch.add_column(sa.Column("genre", sa.String(30)))
        batch.add_column(sa.Column("price_min", MONEY))
        batch.add_column(sa.Column("price_max", MONEY))
        batch.add_column(sa.Column("image_url", sa.String(1000)))
        batch.add_column(sa.Column("public_sale_start", UTC_TIME))
        batch.add_column(sa.Column("public_sale_end", UTC_TIME))
        batch.add_column(sa.Column("venue_id", sa.Uuid))
        batch.alter_column("capacity", existing_type=sa.Integer, nullable=True)
        batch.create_foreign_key(
            "fk_events_venue_id_venues", "venues", ["venue_id"], ["id"], ondelete="SET NULL"
        )
        batch.create_unique_constraint("uq_events_source_external_id", ["source", "external_id"])
        batch.create_check_constraint(
            "ck_events_source_known", "source IN ('local', 'ticketmaster')"
        )
        batch.create_check_constraint("ck_events_local_or_imported", LOCAL_OR_IMPORTED)
        batch.create_check_constraint("ck_events_sale_status_known", SALE_STATUSES)
        batch.create_check_constraint("ck_events_price_range_ordered", PRICE_RANGE)
        batch.create_index("ix_events_venue_id", ["venue_id"])

    op.create_table(
        "event_attractions",
        sa.Column("event_id", sa.Uuid, nullable=False),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.PrimaryKeyConstraint("event_id", "position", name="pk_event_attractions"),
        sa.ForeignKeyConstraint(
            ["event_id"],
            ["events.id"],
            name="fk_event_attractions_event_id_events",
            ondelete="CASCADE",
        ),
    )
    op.create_table(
        "market_syncs",
        sa.Column("market", sa.String(300), nullable=False),
        sa.Column("lease_until", UTC_TIME),
        sa.Column("last_attempt_at", UTC_TIME),
        sa.Column("last_success_at", UTC_TIME),
        sa.Column("last_error", sa.String(500)),
        sa.PrimaryKeyConstraint("market", name="pk_market_syncs"),
    )


def downgrade() -> None:
    op.drop_table("market_syncs")
    op.drop_table("event_attractions")
    op.execute("DELETE FROM events WHERE source <> 'local'")
    with rebuilding_events(), op.batch_alter_table("events") as batch:
        batch.drop_index("ix_events_venue_id")
        for name in (
            "price_range_ordered",
            "sale_status_known",
            "local_or_imported",
            "source_known",
        ):
            batch.drop_constraint(f"ck_events_{name}", type_="check")
        batch.drop_constraint("uq_events_source_external_id", type_="unique")
        batch.drop_constraint("fk_events_venue_id_venues", type_="foreignkey")
        batch.alter_column("capacity", existing_type=sa.Integer, nullable=False)
        for column in (
            "venue_id", "public_sale_end", "public_sale_start", "image_url", "price_max",
            "price_min", "genre", "segment", "local_time", "local_date", "end_estimated",
            "no_specific_time", "time_tba", "date_tba", "sale_status", "synced_at",
            "content_hash", "url", "external_id", "source",
        ):  # fmt: skip
            batch.drop_column(column)
    op.drop_table("venues")
