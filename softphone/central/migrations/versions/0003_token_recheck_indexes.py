"""Indexes for the token cache's recheck (every second, in every process: the tokens revoked or
re-granted lately) — without them it read the whole tokens table each time, which grows by a
login per agent and shift.

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("tokens", schema=None) as batch_op:
        batch_op.create_index("ix_tokens_issued_at", ["issued_at"], unique=False)
        batch_op.create_index("ix_tokens_revoked_at", ["revoked_at"], unique=False)
        batch_op.create_index("ix_tokens_expires_at", ["expires_at"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("tokens", schema=None) as batch_op:
        batch_op.drop_index("ix_tokens_expires_at")
        batch_op.drop_index("ix_tokens_revoked_at")
        batch_op.drop_index("ix_tokens_issued_at")
