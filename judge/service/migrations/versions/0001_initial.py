"""The first schema: judgments (claim, lease, attempt, result, callback) and API tokens.

Revision ID: 0001
Revises:
"""
import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "judgments",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("idempotency_key", sa.String(200), unique=True, nullable=True),
        sa.Column("token_id", sa.Integer, nullable=True),
        sa.Column("api", sa.String(16), nullable=False, server_default="native"),
        sa.Column("challenge", sa.String(100), nullable=False),
        sa.Column("filename", sa.String(200), nullable=False, server_default="submission.py"),
        sa.Column("source", sa.LargeBinary, nullable=False),
        sa.Column("seed", sa.BigInteger, nullable=False),
        sa.Column("max_examples", sa.Integer, nullable=True),
        sa.Column("limits", sa.Text, nullable=True),
        sa.Column("state", sa.String(16), nullable=False, server_default="queued"),
        sa.Column("attempt", sa.Integer, nullable=False, server_default="0"),
        sa.Column("lease_owner", sa.String(200), nullable=True),
        sa.Column("lease_until", sa.Float, nullable=True),
        sa.Column("progress", sa.Text, nullable=True),
        sa.Column("result", sa.Text, nullable=True),
        sa.Column("verdict", sa.String(8), nullable=True),
        sa.Column("created_at", sa.Float, nullable=False),
        sa.Column("enqueued_at", sa.Float, nullable=True),
        sa.Column("started_at", sa.Float, nullable=True),
        sa.Column("finished_at", sa.Float, nullable=True),
        sa.Column("callback_url", sa.String(2000), nullable=True),
        sa.Column("callback_state", sa.String(16), nullable=True),
        sa.Column("callback_tries", sa.Integer, nullable=False, server_default="0"),
    )
    op.create_index("ix_judgments_state", "judgments", ["state"])
    op.create_table(
        "api_tokens",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("digest", sa.String(64), nullable=False, unique=True),
        sa.Column("created_at", sa.Float, nullable=False),
    )


def downgrade() -> None:
    op.drop_table("api_tokens")
    op.drop_index("ix_judgments_state", "judgments")
    op.drop_table("judgments")
