"""Where tanu keeps things, from the environment with working defaults (no global state)."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True, slots=True)
class Settings:
    data_dir: Path  # the university's data files (TANU_DATA_DIR)
    var_dir: Path  # working files: database, store, logs (TANU_VAR_DIR)
    database_url: str  # SQLAlchemy URL (TANU_DATABASE_URL); SQLite under var/ by default

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> Settings:
        env = os.environ if env is None else env
        data_dir = Path(env.get("TANU_DATA_DIR", PROJECT_ROOT / "data"))
        var_dir = Path(env.get("TANU_VAR_DIR", PROJECT_ROOT / "var"))
        url = env.get("TANU_DATABASE_URL") or f"sqlite:///{var_dir / 'tanu.sqlite'}"
        return cls(data_dir=data_dir, var_dir=var_dir, database_url=url)
