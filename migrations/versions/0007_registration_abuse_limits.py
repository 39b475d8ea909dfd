"""Registrations that need a signed-in user, and who registered; on SQLite, the lower() indexes
built again with the lower() that folds every letter (adapters.sqlalchemy.engine).

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-01
"""

import warnings
from collections.abc import Iterator, Sequence
from contextlib import contextmanager

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

UNIQUE_EMAIL = "uq_registrations_event_id_email_lower"
# Their entries were computed by SQLite's ASCII-only lower(). A database that already holds two
# addresses which now fold alike stops here, with SQLite naming the index, for a person to merge.
FOLDED_INDEXES = ("uq_users_username_lower", "uq_users_email_lower", "ix_events_city_lower")


@contextmanager
def reflecting_around_expression_indexes() -> Iterator[None]:
    """The reflection of related tables may not warn about their expression indexes."""
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", "Skipped unsupported reflection of expression-based")
        yield


@contextmanager
def rebuilding_registrations() -> Iterator[None]:
    """SQLite rebuilds the table to change it: its expression index is dropped and made again
    around the rebuild (and built with the new lower() on the way)."""
    op.drop_index(UNIQUE_EMAIL, "registrations")
    with reflecting_around_expression_indexes():
        yield
    op.create_index(
        UNIQUE_EMAIL, "registrations", ["event_id", sa.text("lower(email)")], unique=True
    )


def upgrade() -> None:
    op.add_column(
        "events",
        sa.Column(
            "registration_requires_sign_in", sa.Boolean, nullable=False, server_default=sa.false()
        ),
    )
    with rebuilding_registrations(), op.batch_alter_table("registrations") as batch:
        batch.add_column(sa.Column("user_id", sa.Uuid))
        # Registrations outlive the account that made them.
        batch.create_foreign_key(
            "fk_registrations_user_id_users", "users", ["user_id"], ["id"], ondelete="SET NULL"
        )
    if op.get_context().dialect.name == "sqlite":
        for index in FOLDED_INDEXES:
            op.execute(f"REINDEX {index}")


def downgrade() -> None:
    with rebuilding_registrations(), op.batch_alter_table("registrations") as batch:
        batch.drop_constraint("fk_registrations_user_id_users", type_="foreignkey")
        batch.drop_column("user_id")
    op.drop_index("ix_events_city_lower", "events")
    with reflecting_around_expression_indexes(), op.batch_alter_table("events") as batch:
        batch.drop_column("registration_requires_sign_in")
    op.create_index("ix_events_city_lower", "events", [sa.text("lower(city)")])
