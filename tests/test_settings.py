"""One runtime: every default in flows/settings.py and nowhere else; the deployments of
prefect.yaml are the ones `tanu serve` serves; `tanu serve --stable-seconds 5` reaches intake."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from flows.serving import deployments, serve_settings
from flows.settings import (
    ExtractionSettings,
    IntakeSettings,
    NightlySettings,
    RetentionSettings,
    Settings,
    SettingsError,
)

PROJECT = Path(__file__).resolve().parent.parent
DEFAULTS = Settings.from_env({})


def test_settings_come_from_the_environment_with_their_defaults(tmp_path: Path) -> None:
    settings = Settings.from_env(
        {
            "TANU_VAR_DIR": str(tmp_path),
            "TANU_INTAKE__STABLE_SECONDS": "5",
            "TANU_NIGHTLY__STUCK_DAYS": "45",
            "TANU_ISSUER_STAND_INS": "coursera.org=http://127.0.0.1:8765,stepik.org=http://x",
            "TANU_SMTP_HOST": "mail.yu.edu.kz",
            "OTHER": "ignored",
        }
    )
    assert settings.intake.stable_seconds == 5.0 and settings.intake.batch_size == 20
    assert settings.nightly.stuck_days == 45 and settings.nightly.cron == "0 2 * * *"
    assert settings.database_url == f"sqlite:///{tmp_path / 'tanu.sqlite'}"
    assert settings.issuer_stand_ins["coursera.org"] == "http://127.0.0.1:8765"
    assert settings.smtp == {"host": "mail.yu.edu.kz"}
    moved = settings.but(var_dir=tmp_path / "other")
    assert moved.database_url == f"sqlite:///{tmp_path / 'other' / 'tanu.sqlite'}"
    with pytest.raises(SettingsError, match=r"TANU_INTAKE__STABLE_SECONDS: .*'soon'"):
        Settings.from_env({"TANU_INTAKE__STABLE_SECONDS": "soon"})


def test_the_limits_of_reading_a_file_are_settings(tmp_path: Path) -> None:
    from flows.runtime import work_context

    settings = Settings.from_env(
        {
            "TANU_VAR_DIR": str(tmp_path),
            "TANU_EXTRACTION__MAX_PAGES": "3",
            "TANU_EXTRACTION__MAX_OCR_SECONDS": "60",
            "TANU_EXTRACTION__OCR_IN_PROCESS": "false",
        }
    )
    with work_context(settings) as work:
        used = work.verifier.extractor.settings
    assert (used.max_pages, used.max_ocr_seconds, used.ocr.in_process) == (3, 60.0, False)
    assert used.max_pixels == DEFAULTS.extraction.max_pixels  # the others as they were
    with pytest.raises(SettingsError, match="TANU_EXTRACTION__MAX_PAGES"):
        Settings.from_env({"TANU_EXTRACTION__MAX_PAGES": "0"})


def _setting_names() -> set[str]:
    names = set(Settings.model_fields) | set(IntakeSettings.model_fields)
    names |= set(NightlySettings.model_fields) | set(ExtractionSettings.model_fields)
    return names | set(RetentionSettings.model_fields)


def test_no_default_is_written_twice() -> None:
    """A setting's name given a literal value anywhere in flows/ but settings.py is a second
    default (a parameter ``stable_seconds: float = 2.0``, an option ``= 300.0``)."""
    literal = r"""(?:-?\d[\d_.]*|"[^"]*"|'[^']*'|timedelta\(|True|False)"""
    found = []
    for path in sorted((PROJECT / "flows").rglob("*.py")):
        if path.name == "settings.py":
            continue
        text = path.read_text(encoding="utf-8")
        for name in _setting_names():
            for m in re.finditer(rf"\b{name}\b\s*(?::[^=\n]*)?=\s*{literal}", text):
                line = text.count("\n", 0, m.start()) + 1
                found.append(f"{path.relative_to(PROJECT)}:{line}: {m.group(0)}")
    assert not found, "defaults outside flows/settings.py:\n" + "\n".join(found)


def _schedule(deployment: Any) -> dict[str, Any] | None:
    if not deployment.schedules:
        return None
    schedule = deployment.schedules[0].schedule
    if getattr(schedule, "cron", None):
        return {"cron": schedule.cron, "timezone": schedule.timezone}
    return {"interval": int(schedule.interval.total_seconds())}


def test_prefect_yaml_declares_what_tanu_serve_serves() -> None:
    declared = yaml.safe_load((PROJECT / "prefect.yaml").read_text(encoding="utf-8"))
    in_yaml = {
        d["name"]: (
            d["entrypoint"],
            d.get("parameters", {}),
            (d.get("schedules") or [None])[0],
        )
        for d in declared["deployments"]
    }
    in_code = {d.name: (d.entrypoint, d.parameters, _schedule(d)) for d in deployments(DEFAULTS)}
    assert in_yaml == in_code


def test_serve_stable_seconds_reaches_the_intake_deployment(tmp_path: Path) -> None:
    settings = serve_settings(DEFAULTS, 5.0, None)
    assert settings.intake.stable_seconds == 5.0
    intake = next(d for d in deployments(settings) if d.name == "intake")
    assert intake.parameters == {"stable_seconds": 5.0}
    assert serve_settings(DEFAULTS, None, None) == DEFAULTS
    assert next(d for d in deployments(DEFAULTS) if d.name == "intake").parameters == {}


def test_the_submission_day_is_the_universitys_day() -> None:
    """5.3 counts days in the university's time zone, not the server's or UTC."""
    from datetime import UTC, date, datetime

    late = datetime(2026, 11, 24, 23, 30, tzinfo=UTC)  # 04:30 on the 25th in Almaty
    assert DEFAULTS.day_of(late) == date(2026, 11, 25)
    assert Settings.from_env({"TANU_TIME_ZONE": "UTC"}).day_of(late) == date(2026, 11, 24)
    with pytest.raises(SettingsError, match=r"TANU_TIME_ZONE: .*unknown time zone"):
        Settings.from_env({"TANU_TIME_ZONE": "Mars/Olympus"})


def test_the_task_runner_is_a_setting() -> None:
    """Threads of the flow run's process by default; a Dask cluster by its address, which
    needs a database that takes several writers."""
    from flows.errors import UsageError
    from flows.runtime import task_runner

    assert type(task_runner(Settings.from_env({}))).__name__ == "ThreadPoolTaskRunner"
    pg = "postgresql+psycopg://tanu@db/tanu"
    dask = {"TANU_DASK_ADDRESS": "tcp://127.0.0.1:8786", "TANU_DATABASE_URL": pg}
    assert type(task_runner(Settings.from_env(dask))).__name__ == "DaskTaskRunner"
    with pytest.raises(UsageError, match="PostgreSQL"):
        task_runner(Settings.from_env({"TANU_DASK_ADDRESS": "tcp://127.0.0.1:8786"}))
