"""Storage: the database (:mod:`.db`: engine, tables, Alembic migrations) and the ledger of
cases, decisions and recognised credits (:mod:`.ledger`)."""
