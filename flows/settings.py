"""Every setting of tanu and its default, in one place (pydantic-settings; no global state).

Read from the environment with the prefix ``TANU_``; a nested setting joins its names with a
double underscore: ``TANU_INTAKE__STABLE_SECONDS=5``, ``TANU_NIGHTLY__STUCK_DAYS=45``. A command
line option overrides its setting for that command (``tanu serve --stable-seconds 5``). Code that
needs a value takes it from here; nothing else writes a default of its own (a test checks it).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Annotated, Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    field_validator,
    model_validator,
)
from pydantic_settings import BaseSettings, EnvSettingsSource, NoDecode, SettingsConfigDict

from extractors.limits import DEFAULT_LIMITS, Limits
from flows.errors import UsageError

PROJECT_ROOT = Path(__file__).resolve().parent.parent
PREFIX = "TANU_"


class SettingsError(UsageError):
    """A setting in the environment that is not valid: named as its variable."""


class IntakeSettings(BaseModel):
    """The watched inbox (flows/intake)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    stable_seconds: float = Field(2.0, gt=0)  # a file unchanged this long is complete
    rescan_seconds: float = Field(300.0, gt=0)  # the watcher's safety-net rescan
    pass_interval_seconds: int = Field(900, gt=0)  # the scheduled intake pass (tanu-intake)
    batch_size: int = Field(20, gt=0)  # files per task of an intake pass
    # a file whose workers died more than this many times while taking it is set aside
    most_put_backs: int = Field(3, gt=0)


class ExtractionSettings(BaseModel):
    """The limits of reading one file (their defaults and meaning: extractors/limits.py); a
    file over one ends in ``failed/`` with the limit named."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    max_pages: int = Field(DEFAULT_LIMITS.max_pages, gt=0)
    max_pixels: int = Field(DEFAULT_LIMITS.max_pixels, gt=0)
    max_stream_bytes: int = Field(DEFAULT_LIMITS.max_stream_bytes, gt=0)
    max_ocr_seconds: float = Field(DEFAULT_LIMITS.max_ocr_seconds, gt=0)
    ocr_in_process: bool = DEFAULT_LIMITS.ocr_in_process

    def limits(self) -> Limits:
        return Limits(**self.model_dump())


class RetentionSettings(BaseModel):
    """How long personal data is kept (flows/privacy)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    # identity-document copies (the IIN) are removed this many days after the case's decision
    identity_days: int = Field(30, ge=0)


class NightlySettings(BaseModel):
    """The night's re-check (flows/nightly)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    cron: str = "0 2 * * *"  # when tanu-nightly runs, in ``Settings.time_zone``
    stuck_days: int = Field(30, gt=0)  # a case undecided this long is escalated
    batch_size: int = Field(200, gt=0)  # evidence items or cases per task
    # issuer checks of a batch asked at once (each host still keeps its interval between
    # requests): the night waits for one answer's latency per host, not one per item
    concurrency: int = Field(8, gt=0)


class Settings(BaseSettings):
    model_config = SettingsConfigDict(
        env_prefix=PREFIX, env_nested_delimiter="__", frozen=True, extra="ignore"
    )

    data_dir: Path = PROJECT_ROOT / "data"  # the university's data files
    var_dir: Path = PROJECT_ROOT / "var"  # working files: database, store, outbox, reports
    database_url: str = ""  # SQLAlchemy URL; empty: SQLite in var_dir
    time_zone: str = "Asia/Almaty"  # the university's clock: schedules and submission days
    issuer_max_age_days: int = Field(7, gt=0)  # an issuer's answer older than this is asked again
    # seconds between two requests to one issuer host, per process (each Dask worker keeps
    # its own): the night's pace against real issuers
    issuer_interval_seconds: float = Field(1.0, ge=0)
    # Local stand-ins for issuer hosts, "coursera.org=http://127.0.0.1:8765,…". Only for tests
    # and the demo: a configured stand-in is the one case where a loopback address is contacted.
    issuer_stand_ins: Annotated[dict[str, str], NoDecode] = {}
    # E-mail to the Registrar's Office (optional): TANU_SMTP_HOST, TANU_SMTP_PORT, TANU_SMTP_FROM,
    # TANU_SMTP_TO (comma separated), TANU_SMTP_STARTTLS=1, TANU_SMTP_USER, TANU_SMTP_PASSWORD.
    # Without a host, documents go to the outbox folder only.
    smtp: Annotated[dict[str, str], NoDecode] = {}
    # `tanu serve` waits this long for the Prefect server at its start (services start
    # together; the server takes a while to open its database), then ends for a restart
    prefect_wait_seconds: float = Field(120.0, gt=0)
    # The batches of one flow run (intake, the night): on this machine, ``task_workers`` at a
    # time in threads (a batch's OCR already uses every core; more would only share them);
    # with a Dask scheduler's address ("tcp://host:8786"), on that cluster's workers, each
    # machine's cores for its own batches (README "Several machines"; the `dask` extra).
    dask_address: str = ""
    task_workers: int = Field(1, gt=0)
    intake: IntakeSettings = IntakeSettings()
    extraction: ExtractionSettings = ExtractionSettings()
    nightly: NightlySettings = NightlySettings()
    retention: RetentionSettings = RetentionSettings()

    @field_validator("time_zone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise ValueError(f"unknown time zone {value!r} (e.g. Asia/Almaty)") from exc
        return value

    @field_validator("issuer_stand_ins", mode="before")
    @classmethod
    def _pairs(cls, value: Any) -> Any:
        if isinstance(value, str):
            return dict(item.split("=", 1) for item in value.split(",") if "=" in item)
        return value

    @model_validator(mode="before")
    @classmethod
    def _sqlite_by_default(cls, values: Any) -> Any:
        if isinstance(values, dict) and not values.get("database_url"):
            var_dir = Path(values.get("var_dir") or PROJECT_ROOT / "var")
            values = {**values, "database_url": f"sqlite:///{var_dir / 'tanu.sqlite'}"}
        return values

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> Settings:
        """The settings from ``env`` (the process environment by default), defaults beside."""
        env = os.environ if env is None else env
        source = EnvSettingsSource(cls)
        source.env_vars = {k.lower(): v for k, v in env.items() if k.startswith(PREFIX)}
        values = dict(source())
        smtp = {
            k.removeprefix(f"{PREFIX}SMTP_").lower(): v
            for k, v in env.items()
            if k.startswith(f"{PREFIX}SMTP_")
        }
        if smtp:
            values["smtp"] = smtp
        try:
            return cls.model_validate(values)
        except ValidationError as exc:
            raise SettingsError(
                "; ".join(
                    f"{PREFIX}{'__'.join(str(part) for part in e['loc']).upper()}: {e['msg']}"
                    + (f" (given {e['input']!r})" if isinstance(e.get("input"), str) else "")
                    for e in exc.errors()
                )
                + " — mend the environment (or the service's environment file)"
            ) from exc

    def day_of(self, moment: datetime) -> date:
        """The university's day of a moment (``time_zone``): a file that arrived at 23:30 UTC
        arrived the next day in Aqtau and Almaty. The submission day of 5.3 is this."""
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=UTC)
        return moment.astimezone(ZoneInfo(self.time_zone)).date()

    def today(self) -> date:
        return self.day_of(datetime.now(UTC))

    def but(self, **changes: Any) -> Settings:
        """These settings with some changed (a command line option); nested ones as
        ``intake={"stable_seconds": 5}``."""
        data = self.model_dump()
        default_db = f"sqlite:///{self.var_dir / 'tanu.sqlite'}"
        if (
            "var_dir" in changes
            and "database_url" not in changes
            and data["database_url"] == default_db
        ):
            data.pop("database_url")  # the default database follows the folder
        for name, value in changes.items():
            if isinstance(value, dict):
                data[name] = {**data[name], **value}
            else:
                data[name] = value
        return type(self).model_validate(data)
