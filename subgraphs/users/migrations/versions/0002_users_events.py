"""users.events: the outbox, each account's token generation, and a UserRegistered for every existing account.

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-03 14:00:00
"""

import uuid
from collections.abc import Sequence
from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | Sequence[str] | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("users") as batch:
        batch.add_column(sa.Column("token_generation", sa.Integer(), nullable=False, server_default="0"))
    outbox = op.create_table(
        "outbox",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), primary_key=True, autoincrement=True),
        sa.Column("event_id", sa.String(36), nullable=False, unique=True),
        sa.Column("topic", sa.String(200), nullable=False),
        sa.Column("key", sa.String(200), nullable=False),
        sa.Column("envelope", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("published_at", sa.DateTime(timezone=True), nullable=True),
    )
    op.create_index("ix_outbox_published_at", "outbox", ["published_at"])
    # Accounts made before users.events existed are announced once, so other rooms learn them too. The envelope
    # is written out here (not imported) so this migration stays what it was when the code moves on.
    now = datetime.now(UTC)
    stamp = now.isoformat().replace("+00:00", "Z")
    ids = [row[0] for row in op.get_bind().execute(sa.text("SELECT id FROM users ORDER BY created_at, id"))]
    rows = []
    for user_id in ids:
        event_id = str(uuid.uuid4())
        envelope = {
            "event_id": event_id,
            "type": "UserRegistered",
            "aggregate_id": user_id,
            "version": 1,
            "occurred_at": stamp,
            "payload": {"id": user_id, "tokenGeneration": 0},
        }
        rows.append(
            {"event_id": event_id, "topic": "users.events", "key": user_id, "envelope": envelope, "created_at": now}
        )
    if rows:
        op.bulk_insert(outbox, rows)


def downgrade() -> None:
    op.drop_index("ix_outbox_published_at", "outbox")
    op.drop_table("outbox")
    with op.batch_alter_table("users") as batch:
        batch.drop_column("token_generation")
