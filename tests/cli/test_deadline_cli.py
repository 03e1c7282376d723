"""`gongkai deadline add|reply` (the CLI is the only layer that reads the real date)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from gongkai.cli import main


@pytest.fixture(autouse=True)
def empty_store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("GONGKAI_CALENDAR_DIR", str(tmp_path))
    return tmp_path


def test_add_prints_the_date_and_the_explanation(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["deadline", "add", "2026-02-10", "20"]) == 0

    out = capsys.readouterr().out
    assert out.splitlines()[0] == "2026-03-16（周一）"
    assert "春节 02-15至02-23 不计" in out


def test_add_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["deadline", "add", "2025-01-24", "20", "--json"]) == 0

    data = json.loads(capsys.readouterr().out)
    assert data["due_on"] == "2025-02-27"


def test_reply_json_with_pause_and_extension(capsys: pytest.CaptureFixture[str]) -> None:
    argv = ["deadline", "reply", "--received", "2026-09-15", "--paused", "2026-09-22:2026-10-09"]
    argv += ["--extension", "20", "--extended-on", "2026-10-20", "--today", "2026-10-21", "--json"]

    assert main(argv) == 0

    data = json.loads(capsys.readouterr().out)
    # Same hand count as tests/core/test_clock.py: 14 left after the pause + 20 → 2026-11-25.
    assert data["due_on"] == "2026-11-25"
    assert data["overdue"] is False
    # (10-21, 11-25]: 22 23(2) 26–30(7) 11-02–06(12) 09–13(17) 16–20(22) 23 24 25(25)
    assert data["working_days_left"] == 25
    assert isinstance(data["steps"], list) and data["steps"]


def test_reply_with_correction_restarts(capsys: pytest.CaptureFixture[str]) -> None:
    argv = ["deadline", "reply", "--received", "2026-04-01", "--correction-requested", "2026-04-03"]
    argv += ["--correction-received", "2026-04-20", "--today", "2026-05-20"]

    assert main(argv) == 0

    out = capsys.readouterr().out
    assert "答复期限：2026-05-20（周三）" in out
    assert "剩余 0 个工作日" in out


def test_reply_online_without_confirmation_assumes_the_arrival_day(
    capsys: pytest.CaptureFixture[str],
) -> None:
    argv = ["deadline", "reply", "--received", "2026-09-30", "--channel", "online", "--today", "2026-11-04"]

    assert main(argv) == 0

    out = capsys.readouterr().out
    assert "按到达当日确认计算" in out
    assert "已逾期 1 个工作日" in out


def test_a_2027_date_exits_3_with_the_import_instructions(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["deadline", "add", "2026-12-10", "20"]) == 3

    err = capsys.readouterr().err
    assert "2027年" in err
    assert "import-notice" in err
    assert "Traceback" not in err


def test_reply_in_2027_exits_3_unless_provisional(capsys: pytest.CaptureFixture[str]) -> None:
    base = ["deadline", "reply", "--received", "2026-12-10", "--today", "2026-12-11"]

    assert main(base) == 3
    assert main([*base, "--provisional", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["due_on"] == "2027-01-07"
    assert data["provisional"] is True


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["deadline", "add", "2026-13-01", "5"], "YYYY-MM-DD"),
        (["deadline", "reply", "--received", "2026-03-02", "--paused", "2026-03-05"], "FROM:TO"),
        (
            ["deadline", "reply", "--received", "2026-03-02", "--extension", "30", "--today", "2026-03-03"],
            "20个工作日",
        ),
    ],
)
def test_bad_input_is_one_chinese_line(
    argv: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(argv) == 2

    err = capsys.readouterr().err
    assert message in err
    assert "Traceback" not in err
