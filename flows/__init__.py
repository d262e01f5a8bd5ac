"""Orchestration: the CLI, data files, the database (ledger) and, later, the Prefect flows.

The only part of tanu that reads folders, opens the database or wires the other parts together.
Business rules never live here: they are in :mod:`recognition`.
"""
