"""sessions, blindness and integrity: session generations and credential stamps, grading and deciding permissions,
pseudonyms, scoring rule, final grades with audited reopen, integrity durations, stale-tab detection, API token scopes
and expiry

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-07 12:00:00
"""

import secrets
from datetime import UTC, datetime, timedelta

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def upgrade() -> None:
    bind = op.get_bind()
    # users and applications are referenced by other tables' foreign keys: only columns are added to them (SQLite's
    # ALTER TABLE ADD COLUMN, a NOT NULL column needs a constant default), never a rebuild of the table.
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.add_column(sa.Column("session_generation", sa.Integer(), nullable=False, server_default="0"))
        batch_op.add_column(sa.Column("credentials_stamp", sa.String(length=32), nullable=False, server_default=""))
    users = sa.table("users", sa.column("id", sa.Integer), sa.column("credentials_stamp", sa.String))
    for (user_id,) in bind.execute(sa.select(users.c.id)).all():
        bind.execute(users.update().where(users.c.id == user_id).values(credentials_stamp=secrets.token_hex(16)))

    with op.batch_alter_table("reviewer_assignments", schema=None) as batch_op:
        batch_op.add_column(sa.Column("can_grade", sa.Boolean(), nullable=False, server_default=sa.true()))
        batch_op.add_column(sa.Column("can_decide", sa.Boolean(), nullable=False, server_default=sa.false()))

    with op.batch_alter_table("applications", schema=None) as batch_op:
        batch_op.add_column(sa.Column("pseudonym", sa.String(length=12), nullable=False, server_default=""))
    applications = sa.table("applications", sa.column("id", sa.Integer), sa.column("pseudonym", sa.String))
    for (application_id,) in bind.execute(sa.select(applications.c.id)).all():
        code = "".join(secrets.choice(_ALPHABET) for _ in range(6))
        bind.execute(applications.update().where(applications.c.id == application_id).values(pseudonym=code))

    with op.batch_alter_table("positions", schema=None) as batch_op:
        batch_op.add_column(sa.Column("scoring_rule", sa.String(length=10), nullable=False, server_default="best"))

    with op.batch_alter_table("essay_reviews", schema=None) as batch_op:
        batch_op.add_column(sa.Column("reopened_at", sa.DateTime(), nullable=True))

    with op.batch_alter_table("integrity_events", schema=None) as batch_op:
        batch_op.add_column(sa.Column("duration_ms", sa.Integer(), nullable=True))

    for table in ("code_drafts", "essay_answers"):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(sa.Column("saved_by_tab", sa.String(length=40), nullable=True))

    with op.batch_alter_table("api_tokens", schema=None) as batch_op:
        batch_op.add_column(sa.Column("scopes", sa.JSON(), nullable=True))
        batch_op.add_column(sa.Column("expires_at", sa.DateTime(), nullable=True))
    tokens = sa.table("api_tokens", sa.column("scopes", sa.JSON), sa.column("expires_at", sa.DateTime))
    # Tokens made before scopes existed could only read boards; they expire 90 days after this upgrade.
    bind.execute(tokens.update().values(scopes=["board:read"], expires_at=_now() + timedelta(days=90)))
    with op.batch_alter_table("api_tokens", schema=None) as batch_op:
        batch_op.alter_column("scopes", existing_type=sa.JSON(), nullable=False)
        batch_op.alter_column("expires_at", existing_type=sa.DateTime(), nullable=False)


def downgrade() -> None:
    with op.batch_alter_table("api_tokens", schema=None) as batch_op:
        batch_op.drop_column("expires_at")
        batch_op.drop_column("scopes")
    for table in ("essay_answers", "code_drafts"):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_column("saved_by_tab")
    with op.batch_alter_table("integrity_events", schema=None) as batch_op:
        batch_op.drop_column("duration_ms")
    with op.batch_alter_table("essay_reviews", schema=None) as batch_op:
        batch_op.drop_column("reopened_at")
    with op.batch_alter_table("positions", schema=None) as batch_op:
        batch_op.drop_column("scoring_rule")
    with op.batch_alter_table("applications", schema=None) as batch_op:
        batch_op.drop_column("pseudonym")
    with op.batch_alter_table("reviewer_assignments", schema=None) as batch_op:
        batch_op.drop_column("can_decide")
        batch_op.drop_column("can_grade")
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.drop_column("credentials_stamp")
        batch_op.drop_column("session_generation")
