"""problem types and statements: statement format and file, problem type and maximum points of a problem version;
points per submission and per test group; validator score and passes per test result

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-07 10:00:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("problem_versions", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("statement_format", sa.String(length=10), nullable=False, server_default="markdown")
        )
        batch_op.add_column(sa.Column("statement_file", sa.String(length=300), nullable=False, server_default=""))
        batch_op.add_column(sa.Column("problem_type", sa.String(length=40), nullable=False, server_default="pass-fail"))
        batch_op.add_column(sa.Column("max_points", sa.Float(), nullable=True))
    with op.batch_alter_table("submissions", schema=None) as batch_op:
        batch_op.add_column(sa.Column("points", sa.Float(), nullable=True))
        batch_op.add_column(sa.Column("max_points", sa.Float(), nullable=True))
        batch_op.add_column(sa.Column("group_points", sa.JSON(), nullable=True))
    with op.batch_alter_table("test_results", schema=None) as batch_op:
        batch_op.add_column(sa.Column("score", sa.Float(), nullable=True))
        batch_op.add_column(sa.Column("passes", sa.JSON(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("test_results", schema=None) as batch_op:
        batch_op.drop_column("passes")
        batch_op.drop_column("score")
    with op.batch_alter_table("submissions", schema=None) as batch_op:
        batch_op.drop_column("group_points")
        batch_op.drop_column("max_points")
        batch_op.drop_column("points")
    with op.batch_alter_table("problem_versions", schema=None) as batch_op:
        batch_op.drop_column("max_points")
        batch_op.drop_column("problem_type")
        batch_op.drop_column("statement_file")
        batch_op.drop_column("statement_format")
