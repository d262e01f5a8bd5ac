"""Where tanu keeps things, from the environment with working defaults (no global state)."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True, slots=True)
class Settings:
    data_dir: Path  # the university's data files (TANU_DATA_DIR)
    var_dir: Path  # working files: database, store, logs (TANU_VAR_DIR)
    database_url: str  # SQLAlchemy URL (TANU_DATABASE_URL); SQLite under var/ by default
    # Local stand-ins for issuer hosts, e.g. "coursera.org=http://127.0.0.1:8765" (comma
    # separated; TANU_ISSUER_STAND_INS). Only for tests and the demo: a configured stand-in is
    # the one case where a loopback address is contacted.
    issuer_stand_ins: dict[str, str] = field(default_factory=dict)
    issuer_max_age_days: int = 7  # a cached issuer answer older than this is asked again
    # E-mail to the Registrar's Office (optional): TANU_SMTP_HOST, TANU_SMTP_PORT,
    # TANU_SMTP_FROM, TANU_SMTP_TO (comma separated), TANU_SMTP_STARTTLS=1, TANU_SMTP_USER and
    # TANU_SMTP_PASSWORD. Without a host, documents go to the outbox folder only.
    smtp: dict[str, str] = field(default_factory=dict)

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> Settings:
        env = os.environ if env is None else env
        data_dir = Path(env.get("TANU_DATA_DIR", PROJECT_ROOT / "data"))
        var_dir = Path(env.get("TANU_VAR_DIR", PROJECT_ROOT / "var"))
        url = env.get("TANU_DATABASE_URL") or f"sqlite:///{var_dir / 'tanu.sqlite'}"
        stand_ins = dict(
            item.split("=", 1)
            for item in env.get("TANU_ISSUER_STAND_INS", "").split(",")
            if "=" in item
        )
        smtp = {
            k.removeprefix("TANU_SMTP_").lower(): v
            for k, v in env.items()
            if k.startswith("TANU_SMTP_")
        }
        return cls(
            data_dir=data_dir,
            var_dir=var_dir,
            database_url=url,
            issuer_stand_ins=stand_ins,
            smtp=smtp,
        )
