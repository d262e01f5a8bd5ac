"""a case the commission took no decision on (5.9) is open again: its status is its rules'
(ready), not "no-decision", so that it returns to the agenda and the nightly re-check, which
sets what its rules give it on the next night

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-26 22:00:00
"""

from __future__ import annotations

from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # only a sitting decided a case kept in the ledger, and it takes only cases that are ready
    op.execute("UPDATE cases SET status = 'ready' WHERE status = 'no-decision'")


def downgrade() -> None:
    pass  # which of the ready cases had no decision is in the decisions table; nothing to undo
