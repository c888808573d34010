"""interface languages: a person's language, an invitation email's language, and statements and essay prompts in
other languages

Revision ID: world_0007
Revises: 0006
Create Date: 2027-01-10 12:00:00
"""

import sqlalchemy as sa
from alembic import op

revision = "world_0007"
down_revision = "evidence_0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # users and invitations are referenced by other tables' foreign keys: only nullable columns are added to them.
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.add_column(sa.Column("locale", sa.String(length=16), nullable=True))
    with op.batch_alter_table("invitations", schema=None) as batch_op:
        batch_op.add_column(sa.Column("locale", sa.String(length=16), nullable=True))
    for table in ("problem_versions", "essay_prompt_versions"):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(sa.Column("translations", sa.JSON(), nullable=False, server_default="{}"))


def downgrade() -> None:
    for table in ("essay_prompt_versions", "problem_versions"):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_column("translations")
    with op.batch_alter_table("invitations", schema=None) as batch_op:
        batch_op.drop_column("locale")
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.drop_column("locale")
