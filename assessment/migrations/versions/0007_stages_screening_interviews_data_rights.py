"""the stages of the selection: decisions per stage kept as a history (screening, test, interview) with their own
release, screening and interviewing permissions, interview slots, panels and scorecards, time zones of people and
positions, weights saved on the board, withdrawals, deletion requests, erasure and retention

Revision ID: stages_0007
Revises: 0006
Create Date: 2026-12-20 12:00:00
"""

import sqlalchemy as sa
from alembic import op

revision = "stages_0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # users, applications and positions are referenced by other tables' foreign keys: only plain columns are added to
    # them (SQLite's ALTER TABLE ADD COLUMN), never a rebuild of the table.
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.add_column(sa.Column("timezone", sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column("browser_timezone", sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column("deletion_requested_at", sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column("erased_at", sa.DateTime(), nullable=True))

    with op.batch_alter_table("reviewer_assignments", schema=None) as batch_op:
        batch_op.add_column(sa.Column("can_screen", sa.Boolean(), nullable=False, server_default=sa.false()))
        batch_op.add_column(sa.Column("can_interview", sa.Boolean(), nullable=False, server_default=sa.false()))

    with op.batch_alter_table("positions", schema=None) as batch_op:
        batch_op.add_column(sa.Column("timezone", sa.String(length=64), nullable=False, server_default="UTC"))
        batch_op.add_column(sa.Column("interview", sa.JSON(), nullable=True))
        batch_op.add_column(sa.Column("weights_override", sa.JSON(), nullable=True))
        batch_op.add_column(sa.Column("weights_saved_at", sa.DateTime(), nullable=True))

    with op.batch_alter_table("applications", schema=None) as batch_op:
        batch_op.add_column(sa.Column("withdrawn_at", sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column("withdrawal_reason", sa.Text(), nullable=False, server_default=""))
        batch_op.add_column(sa.Column("purged_at", sa.DateTime(), nullable=True))

    # Decisions become a history: one row per decision taken, each at a stage, released on its own. The old table
    # allowed one row per application; it is copied into a new one (nothing references it) and dropped.
    op.create_table(
        "decisions_history",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("application_id", sa.Integer(), nullable=False),
        sa.Column("stage", sa.String(length=20), nullable=False, server_default="test"),
        sa.Column("decision", sa.String(length=20), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("decided_by_id", sa.Integer(), nullable=True),
        sa.Column("decided_at", sa.DateTime(), nullable=False),
        sa.Column("released_at", sa.DateTime(), nullable=True),
        sa.Column("notified_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(["application_id"], ["applications.id"]),
        sa.ForeignKeyConstraint(["decided_by_id"], ["users.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    bind = op.get_bind()
    # A decision of a position whose decisions were released was visible to its candidate from then on.
    bind.execute(
        sa.text(
            "INSERT INTO decisions_history (id, application_id, stage, decision, note, decided_by_id, decided_at, "
            "released_at, notified_at) "
            "SELECT d.id, d.application_id, 'test', d.decision, d.note, d.decided_by_id, d.decided_at, "
            "CASE WHEN p.decisions_released_at IS NULL THEN d.notified_at "
            "WHEN d.notified_at IS NULL THEN p.decisions_released_at "
            "WHEN d.notified_at < p.decisions_released_at THEN d.notified_at ELSE p.decisions_released_at END, "
            "d.notified_at "
            "FROM decisions d JOIN applications a ON a.id = d.application_id JOIN positions p ON p.id = a.position_id"
        )
    )
    op.drop_table("decisions")
    op.rename_table("decisions_history", "decisions")
    if bind.dialect.name == "postgresql":  # the copied ids keep counting from the highest
        bind.execute(
            sa.text(
                "SELECT setval(pg_get_serial_sequence('decisions', 'id'), COALESCE((SELECT MAX(id) FROM decisions), 0) "
                "+ 1, false)"
            )
        )
    with op.batch_alter_table("decisions", schema=None) as batch_op:
        batch_op.create_index("ix_decisions_application_stage", ["application_id", "stage"], unique=False)

    op.create_table(
        "interview_slots",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("position_id", sa.Integer(), nullable=False),
        sa.Column("interviewer_id", sa.Integer(), nullable=False),
        sa.Column("starts_at", sa.DateTime(), nullable=False),
        sa.Column("ends_at", sa.DateTime(), nullable=False),
        sa.Column("timezone", sa.String(length=64), nullable=False),
        sa.Column("location", sa.String(length=300), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("application_id", sa.Integer(), nullable=True),
        sa.Column("booked_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(["application_id"], ["applications.id"]),
        sa.ForeignKeyConstraint(["interviewer_id"], ["users.id"]),
        sa.ForeignKeyConstraint(["position_id"], ["positions.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("application_id"),
    )
    with op.batch_alter_table("interview_slots", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_interview_slots_interviewer_id"), ["interviewer_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_interview_slots_position_id"), ["position_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_interview_slots_starts_at"), ["starts_at"], unique=False)

    op.create_table(
        "interview_panelists",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("slot_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["slot_id"], ["interview_slots.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("slot_id", "user_id"),
    )
    with op.batch_alter_table("interview_panelists", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_interview_panelists_slot_id"), ["slot_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_interview_panelists_user_id"), ["user_id"], unique=False)

    op.create_table(
        "scorecards",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("application_id", sa.Integer(), nullable=False),
        sa.Column("interviewer_id", sa.Integer(), nullable=False),
        sa.Column("criteria", sa.JSON(), nullable=False),
        sa.Column("ratings", sa.JSON(), nullable=False),
        sa.Column("scale", sa.Integer(), nullable=False),
        sa.Column("recommendation", sa.String(length=20), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("submitted_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["application_id"], ["applications.id"]),
        sa.ForeignKeyConstraint(["interviewer_id"], ["users.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("application_id", "interviewer_id"),
    )
    with op.batch_alter_table("scorecards", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_scorecards_application_id"), ["application_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_scorecards_interviewer_id"), ["interviewer_id"], unique=False)


def downgrade() -> None:
    op.drop_table("scorecards")
    op.drop_table("interview_panelists")
    op.drop_table("interview_slots")
    # Back to one decision per application: the standing decision after the test.
    op.create_table(
        "decisions_single",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("application_id", sa.Integer(), nullable=False),
        sa.Column("decision", sa.String(length=20), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("decided_by_id", sa.Integer(), nullable=True),
        sa.Column("decided_at", sa.DateTime(), nullable=False),
        sa.Column("notified_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(["application_id"], ["applications.id"]),
        sa.ForeignKeyConstraint(["decided_by_id"], ["users.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("application_id"),
    )
    op.get_bind().execute(
        sa.text(
            "INSERT INTO decisions_single (id, application_id, decision, note, decided_by_id, decided_at, notified_at) "
            "SELECT id, application_id, decision, note, decided_by_id, decided_at, notified_at FROM decisions d "
            "WHERE d.stage = 'test' AND d.decision IN ('shortlist', 'hold', 'reject') AND d.id = "
            "(SELECT MAX(e.id) FROM decisions e WHERE e.application_id = d.application_id AND e.stage = 'test')"
        )
    )
    op.drop_table("decisions")
    op.rename_table("decisions_single", "decisions")
    with op.batch_alter_table("applications", schema=None) as batch_op:
        batch_op.drop_column("purged_at")
        batch_op.drop_column("withdrawal_reason")
        batch_op.drop_column("withdrawn_at")
    with op.batch_alter_table("positions", schema=None) as batch_op:
        batch_op.drop_column("weights_saved_at")
        batch_op.drop_column("weights_override")
        batch_op.drop_column("interview")
        batch_op.drop_column("timezone")
    with op.batch_alter_table("reviewer_assignments", schema=None) as batch_op:
        batch_op.drop_column("can_interview")
        batch_op.drop_column("can_screen")
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.drop_column("erased_at")
        batch_op.drop_column("deletion_requested_at")
        batch_op.drop_column("browser_timezone")
        batch_op.drop_column("timezone")
