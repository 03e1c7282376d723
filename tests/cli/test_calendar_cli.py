"""`gongkai calendar import-notice|show`: importing next year's notice makes its deadlines computable."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from gongkai.cli import main
from tests.conftest import CALENDAR_NOTICES

# A made-up 2027 notice for the tests (weekdays checked: 2027-01-01 is a Friday, 02-06 a Saturday).
NOTICE_2027 = """国务院办公厅关于2027年部分节假日安排的通知（测试用虚构文本）

一、元旦：1月1日（周五）至3日（周日）放假，共3天。

二、春节：2月6日（周六）至14日（周日）放假调休，共9天。2月20日（周六）上班。
"""


@pytest.fixture(autouse=True)
def store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "calendar"
    monkeypatch.setenv("GONGKAI_CALENDAR_DIR", str(folder))
    return folder


@pytest.fixture
def notice_2027(tmp_path: Path) -> Path:
    path = tmp_path / "2027.txt"
    path.write_text(NOTICE_2027, "utf-8")
    return path


def test_import_then_2027_deadlines_work(
    notice_2027: Path, store: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["deadline", "add", "2026-12-10", "20"]) == 3

    assert main(["calendar", "import-notice", str(notice_2027), "--yes"]) == 0
    out = capsys.readouterr().out
    assert "2027-02-08（周一）" in out and "2027-02-20（周六）" in out

    assert (store / "2027.json").exists()
    assert main(["deadline", "add", "2026-12-10", "20", "--json"]) == 0
    # 12-11(1) 14–18(6) 21–25(11) 28–31(15) [01-01 off] 01-04(16) 05 06 07(19) 08(20)
    assert json.loads(capsys.readouterr().out)["due_on"] == "2027-01-08"


def test_import_asks_and_defaults_to_no(
    notice_2027: Path, store: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO("\n"))

    assert main(["calendar", "import-notice", str(notice_2027)]) == 1

    assert not (store / "2027.json").exists()
    assert "未确认" in capsys.readouterr().err


def test_import_without_stdin_refuses(
    notice_2027: Path, store: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO(""))

    assert main(["calendar", "import-notice", str(notice_2027)]) == 1
    assert not (store / "2027.json").exists()


def test_import_saves_on_yes(notice_2027: Path, store: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO("y\n"))

    assert main(["calendar", "import-notice", str(notice_2027)]) == 0
    data = json.loads((store / "2027.json").read_text("utf-8"))
    assert data["holidays"][0] == "2027-01-01"
    assert data["workdays"] == ["2027-02-20"]


def test_importing_the_real_2026_notice_says_it_matches(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["calendar", "import-notice", str(CALENDAR_NOTICES / "notice-2026.txt"), "--yes"]) == 0

    assert "完全一致" in capsys.readouterr().out


def test_a_bad_notice_is_refused_with_a_reason(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "bad.txt"
    path.write_text("关于2027年部分节假日安排的通知\n一、元旦：1月1日（周四）放假。\n", "utf-8")

    assert main(["calendar", "import-notice", str(path), "--yes"]) == 2
    assert "与星期不符" in capsys.readouterr().err


def test_show_lists_the_year(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["calendar", "show", "2026"]) == 0

    out = capsys.readouterr().out
    assert "chinesecalendar" in out
    assert "2026-02-16（周一）" in out
    assert "2026-10-10（周六）" in out


def test_show_a_missing_year_exits_3(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["calendar", "show", "2027"]) == 3
    assert "import-notice" in capsys.readouterr().err
