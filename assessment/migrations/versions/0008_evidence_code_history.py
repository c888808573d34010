"""code history: one row per stored code autosave (a checked patch of the previous text, or the whole text), with
the large pastes since the previous save; every existing draft starts its history with its current text

Revision ID: evidence_0007
Revises: 0006
Create Date: 2026-12-08 09:00:00
"""

import sqlalchemy as sa
from alembic import op

revision = "evidence_0007"
down_revision = "stages_0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "code_draft_saves",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("draft_id", sa.Integer(), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("saved_at", sa.DateTime(), nullable=False),
        sa.Column("head", sa.Integer(), nullable=True),
        sa.Column("tail", sa.Integer(), nullable=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("pasted", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["draft_id"], ["code_drafts.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_code_draft_saves_draft_id_id", "code_draft_saves", ["draft_id", "id"], unique=False)
    # A draft saved before this version has no history: its current text is where its replay starts (a later save
    # stored as a patch needs the text it patches).
    op.execute(
        "INSERT INTO code_draft_saves (draft_id, revision, saved_at, head, tail, text, size, pasted) "
        "SELECT id, revision, updated_at, NULL, NULL, source, length(source), NULL FROM code_drafts"
    )


def downgrade() -> None:
    op.drop_index("ix_code_draft_saves_draft_id_id", table_name="code_draft_saves")
    op.drop_table("code_draft_saves")
