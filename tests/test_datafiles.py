"""Data files: the sample set is valid; broken files are rejected naming file, entry and field."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

from flows.datafiles import load_catalog
from flows.errors import DataError
from tests.conftest import DATA

TANU = str(Path(sys.executable).parent / "tanu")


def test_sample_data_is_complete() -> None:
    c = load_catalog(DATA)
    it = c.programmes["6B06101"]
    assert it.total_credits == 240 and any(x.kind == "diploma" for x in it.components)
    assert len(c.commissions) == 2 and len(c.learners) >= 12


@pytest.fixture
def data(tmp_path: Path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(DATA, target)
    return target


def _edit(path: Path, change: Callable[[dict], None]) -> None:  # type: ignore[type-arg]
    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(doc)
    path.write_text(yaml.safe_dump(doc, allow_unicode=True), encoding="utf-8")


def _problems(data: Path) -> list[str]:
    with pytest.raises(DataError) as err:
        load_catalog(data)
    return [str(p) for p in err.value.problems]


def test_bad_iin_names_file_entry_and_field(data: Path) -> None:
    _edit(data / "learners.yaml", lambda d: d["learners"][3].update(iin="031109564685"))
    [problem] = _problems(data)
    assert problem.startswith("data/learners.yaml: learners[3] (id L-0004): iin:")
    assert "check digit" in problem and "031109564685" not in problem


def test_curriculum_that_does_not_add_up(data: Path) -> None:
    _edit(data / "programmes" / "6B06101.yaml", lambda d: d.update(total_credits=250))
    [problem] = _problems(data)
    assert "data/programmes/6B06101.yaml: programme 6B06101" in problem
    assert "add up to 240 credits but total_credits is 250" in problem


def test_unknown_component_kind(data: Path) -> None:
    _edit(
        data / "programmes" / "6B06101.yaml", lambda d: d["components"][0].update(kind="optional")
    )
    [problem] = _problems(data)
    assert "components.0.kind" in problem and "compulsory" in problem


def test_yaml_syntax_error_gives_the_line(data: Path) -> None:
    (data / "platforms.yaml").write_text("platforms:\n  - id: x\n   name: [\n", encoding="utf-8")
    [problem] = _problems(data)
    assert problem.startswith("data/platforms.yaml: line ") and "not valid YAML" in problem


def test_every_problem_is_listed_at_once(data: Path) -> None:
    _edit(data / "learners.yaml", lambda d: d["learners"][0].update(programme="6B99999"))
    _edit(data / "commissions.yaml", lambda d: d["commissions"][0].update(chair="nobody"))
    _edit(
        data / "regulation" / "parameters.yaml",
        lambda d: d["quorum"]["values"][0].update(value="3/2"),
    )
    (data / "calendar.yaml").unlink()
    problems = _problems(data)
    assert any("learner L-0001: programme: no programme 6B99999" in p for p in problems)
    assert any("commissions[0] (id FIT-2026)" in p and "chair" in p for p in problems)
    assert any("parameters.yaml" in p and "quorum" in p for p in problems)
    assert any("calendar.yaml: file is missing" in p for p in problems)


def test_unknown_grading_scale_and_syllabus_outside_the_curriculum(data: Path) -> None:
    _edit(data / "commissions.yaml", lambda d: d["commissions"][1].update(grading_scale="x"))
    _edit(data / "syllabi.yaml", lambda d: d["syllabi"][0].update(component="NOPE123"))
    problems = _problems(data)
    assert any("commission NGF-2026: grading_scale" in p for p in problems)
    assert any("syllabus 6B06101/NOPE123: component: not in programme" in p for p in problems)


def test_cli_data_check(data: Path, tmp_path: Path) -> None:
    ok = subprocess.run(
        [TANU, "data", "check", "--data-dir", str(data)],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "TANU_VAR_DIR": str(tmp_path / "var")},  # no ledger there yet
    )
    assert ok.returncode == 0 and "data OK" in ok.stdout and "no cases checked" in ok.stdout
    assert not (tmp_path / "var" / "tanu.sqlite").exists()  # a check makes no ledger
    _edit(data / "learners.yaml", lambda d: d["learners"][1].update(full_name="Ivan Ivanov"))
    bad = subprocess.run(
        [TANU, "data", "check", "--data-dir", str(data)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert bad.returncode == 1
    assert "learners.yaml: learners[1] (id L-0002): full_name" in " ".join(bad.stderr.split())


def test_an_impossible_date_and_a_key_given_twice_are_named(data: Path) -> None:
    calendar = data / "calendar.yaml"
    text = calendar.read_text(encoding="utf-8")
    [(first, line)] = [(n, x) for n, x in enumerate(text.splitlines()) if "starts_on:" in x][:1]
    calendar.write_text(
        text.replace(line, line.split(":")[0] + ": 2026-02-30", 1), encoding="utf-8"
    )
    with pytest.raises(DataError) as err:
        load_catalog(data)
    assert "calendar.yaml" in str(err.value) and "starts_on" in str(err.value)
    calendar.write_text(text.replace(line, f"{line}\n{line}", 1), encoding="utf-8")
    with pytest.raises(DataError) as err:
        load_catalog(data)
    assert "given twice" in str(err.value) and f"line {first + 2}" in str(err.value)


def test_data_check_names_the_undecided_cases_the_files_no_longer_assess(
    data: Path, tmp_path: Path
) -> None:
    """A learner taken out of learners.yaml while a case of theirs waits: found when the file
    is edited (the nightly run would report it the night after, in the same words), until
    the data files are put right or the case is withdrawn."""
    from flows.store.db.engine import open_database
    from tests.test_sitting import ready_cases

    url = f"sqlite:///{tmp_path / 'tanu.sqlite'}"
    with open_database(url)() as session:
        first, second = ready_cases(load_catalog(data), session)
    env = {**os.environ, "TANU_VAR_DIR": str(tmp_path), "TANU_DATABASE_URL": url}

    def tanu(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([TANU, *args], capture_output=True, text=True, env=env, check=False)

    check = ["data", "check", "--data-dir", str(data)]
    ok = tanu(*check)
    assert ok.returncode == 0 and "undecided cases OK" in ok.stdout, ok.stdout + ok.stderr
    _edit(data / "learners.yaml", lambda d: d.update(learners=d["learners"][:5]))  # L-0006 out
    left = tanu(*check)
    assert left.returncode == 1, left.stdout + left.stderr
    said = " ".join(left.stdout.split())
    assert f"case #{second} (L-0006 CLD3217): no learner 'L-0006'" in said, said
    assert "tanu case withdraw" in said and f"case #{first} " not in said
    withdrawn = tanu("case", "withdraw", "--case", str(second), "--date", "2026-11-20",
                     "--reason", "оқудан шығарылды")  # fmt: skip
    assert withdrawn.returncode == 0, withdrawn.stderr
    assert tanu(*check).returncode == 0
