"""corrections of decisions (annulment, amendment); a component may be recognised again after an
annulment, so the ledger's one-row-per-component constraint goes (the code keeps one current)

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-26 10:20:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "corrections",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("decision_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("body", sa.String(length=16), nullable=False),
        sa.Column("number", sa.String(length=32), nullable=False),
        sa.Column("decided_on", sa.Date(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("score", sa.Numeric(precision=5, scale=2), nullable=True),
        sa.Column("points", sa.Integer(), nullable=True),
        sa.Column("letter", sa.String(length=3), nullable=True),
        sa.Column("gpa", sa.Numeric(precision=3, scale=2), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["decision_id"], ["decisions.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_corrections_decision_id", "corrections", ["decision_id"])
    with op.batch_alter_table("recognised_credits", schema=None) as batch_op:
        batch_op.drop_constraint("uq_recognised_credits_component", type_="unique")


def downgrade() -> None:
    with op.batch_alter_table("recognised_credits", schema=None) as batch_op:
        batch_op.create_unique_constraint(
            "uq_recognised_credits_component", ["learner_id", "programme", "component"]
        )
    op.drop_index("ix_corrections_decision_id", table_name="corrections")
    op.drop_table("corrections")
