"""the Registrar's re-count into another programme (4.2, 4.3, 5.13): a recounts table; a ledger
row knows the decision it comes from first (origin_decision_id) and the row it was carried from

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-26 12:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "recounts",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("learner_id", sa.String(length=32), nullable=False),
        sa.Column("programme", sa.String(length=32), nullable=False),
        sa.Column("recounted_on", sa.Date(), nullable=False),
        sa.Column("basis", sa.Text(), nullable=False),
        sa.Column("findings", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["learner_id"], ["learners.id"], name=op.f("fk_recounts_learner_id_learners")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_recounts")),
    )
    op.create_index(op.f("ix_recounts_learner_id"), "recounts", ["learner_id"])
    with op.batch_alter_table("recognised_credits", schema=None) as batch_op:
        batch_op.add_column(sa.Column("origin_decision_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("carried_from", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("recount_id", sa.Integer(), nullable=True))
        batch_op.alter_column("source", existing_type=sa.String(length=200), type_=sa.Text())
        batch_op.create_index(
            batch_op.f("ix_recognised_credits_origin_decision_id"), ["origin_decision_id"]
        )
        batch_op.create_foreign_key(
            batch_op.f("fk_recognised_credits_origin_decision_id_decisions"),
            "decisions",
            ["origin_decision_id"],
            ["id"],
        )
        batch_op.create_foreign_key(
            batch_op.f("fk_recognised_credits_carried_from_recognised_credits"),
            "recognised_credits",
            ["carried_from"],
            ["id"],
        )
        batch_op.create_foreign_key(
            batch_op.f("fk_recognised_credits_recount_id_recounts"),
            "recounts",
            ["recount_id"],
            ["id"],
        )
    op.execute("UPDATE recognised_credits SET origin_decision_id = decision_id")


def downgrade() -> None:
    with op.batch_alter_table("recognised_credits", schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f("fk_recognised_credits_recount_id_recounts"), type_="foreignkey"
        )
        batch_op.drop_constraint(
            batch_op.f("fk_recognised_credits_carried_from_recognised_credits"),
            type_="foreignkey",
        )
        batch_op.drop_constraint(
            batch_op.f("fk_recognised_credits_origin_decision_id_decisions"), type_="foreignkey"
        )
        batch_op.drop_index(batch_op.f("ix_recognised_credits_origin_decision_id"))
        batch_op.alter_column("source", existing_type=sa.Text(), type_=sa.String(length=200))
        batch_op.drop_column("recount_id")
        batch_op.drop_column("carried_from")
        batch_op.drop_column("origin_decision_id")
    op.drop_index(op.f("ix_recounts_learner_id"), table_name="recounts")
    op.drop_table("recounts")
