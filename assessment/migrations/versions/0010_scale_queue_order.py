"""fair judge queue: submissions carry their queue class and round (one index orders claims and "n ahead"), and
finished_at is indexed for the recent judge throughput

Revision ID: scale_0007
Revises: 0006
Create Date: 2026-12-08 12:00:00
"""

import sqlalchemy as sa
from alembic import op

revision = "scale_0007"
down_revision = "world_0007"
branch_labels = None
depends_on = None

# SubmissionKind.queue_class when this migration was written: runs, then submissions, then automatic ones.
_CLASSES = {"samples": 0, "custom": 0, "submit": 1, "auto": 2}


def upgrade() -> None:
    # Columns only (SQLite's ALTER TABLE ADD COLUMN): test_results references submissions, so no table rebuild.
    with op.batch_alter_table("submissions", schema=None) as batch_op:
        batch_op.add_column(sa.Column("queue_class", sa.Integer(), nullable=False, server_default="1"))
        batch_op.add_column(sa.Column("queue_round", sa.Integer(), nullable=False, server_default="0"))
    submissions = sa.table("submissions", sa.column("kind", sa.String), sa.column("queue_class", sa.Integer))
    op.get_bind().execute(
        submissions.update().values(
            queue_class=sa.case(*((submissions.c.kind == kind, value) for kind, value in _CLASSES.items()), else_=1)
        )
    )
    op.drop_index("ix_submissions_status", table_name="submissions")
    op.create_index("ix_submissions_queue", "submissions", ["status", "queue_class", "queue_round", "id"])
    op.create_index("ix_submissions_finished_at", "submissions", ["finished_at"])


def downgrade() -> None:
    op.drop_index("ix_submissions_finished_at", table_name="submissions")
    op.drop_index("ix_submissions_queue", table_name="submissions")
    op.create_index("ix_submissions_status", "submissions", ["status"])
    with op.batch_alter_table("submissions", schema=None) as batch_op:
        batch_op.drop_column("queue_round")
        batch_op.drop_column("queue_class")
