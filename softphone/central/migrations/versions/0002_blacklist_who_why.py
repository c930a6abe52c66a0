"""Blacklist changes say who asked and why (an agent's "do not call", an admin's add).

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("blacklist_changes", schema=None) as batch_op:
        batch_op.add_column(sa.Column("who", sa.String(length=128), nullable=True))
        batch_op.add_column(sa.Column("reason", sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("blacklist_changes", schema=None) as batch_op:
        batch_op.drop_column("reason")
        batch_op.drop_column("who")
