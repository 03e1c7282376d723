"""`gongkai screen FILE… [--json]`: findings per file, exit 0/1/2."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from gongkai.cli import main
from gongkai.core.identity import resident_id_check_char

RESIDENT_ID = "13063719900101123" + resident_id_check_char("13063719900101123")


def test_it_exits_0_when_nothing_is_found(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "notice.txt"
    path.write_text("小政发〔2026〕12号\n2026年1月5日\n", "utf-8")

    code = main(["screen", str(path)])

    assert code == 0
    assert "未发现" in capsys.readouterr().out


def test_it_prints_json_findings_and_exits_1(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    clean = tmp_path / "clean.txt"
    clean.write_text("第3页", "utf-8")
    leaky = tmp_path / "公示.txt"
    leaky.write_text(f"身份证号：{RESIDENT_ID}，电话13812345678", "utf-8")

    code = main(["screen", str(clean), str(leaky), "--json"])

    out = json.loads(capsys.readouterr().out)
    assert code == 1
    assert out[str(clean)] == []
    assert [(f["kind"], f["text"], f["start"], f["end"]) for f in out[str(leaky)]] == [
        ("resident_id", RESIDENT_ID, 5, 23),
        ("mobile", "13812345678", 26, 37),
    ]
    assert set(out[str(leaky)][0]) == {"kind", "text", "start", "end", "context"}


def test_it_screens_a_docx(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import docx

    document = docx.Document()
    document.add_paragraph(f"申请人：王某，身份证号{RESIDENT_ID}")
    path = tmp_path / "附件.docx"
    document.save(str(path))

    code = main(["screen", str(path), "--json"])

    assert code == 1
    assert json.loads(capsys.readouterr().out)[str(path)][0]["kind"] == "resident_id"


def test_an_unreadable_file_exits_2_with_a_chinese_message(tmp_path: Path) -> None:
    path = tmp_path / "broken.pdf"
    path.write_bytes(b"%PDF-1.4 garbage")

    result = subprocess.run(
        [sys.executable, "-m", "gongkai.cli", "screen", str(path)], capture_output=True, text=True
    )

    assert result.returncode == 2
    assert "无法自动筛查" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_missing_file_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["screen", str(tmp_path / "nope.txt")])

    assert code == 2
    assert "找不到文件" in capsys.readouterr().err
