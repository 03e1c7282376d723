"""`gongkai report batch DIR [--out …] [--jobs N]`."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from openpyxl import load_workbook

from gongkai.cli import main
from tests.conftest import REPORTS


@pytest.fixture()
def fixtures_copy(tmp_path: Path) -> Path:
    folder = tmp_path / "reports"
    folder.mkdir()
    for name in ("xiaodian-2023.txt", "huaian-2024.pdf", "shanghai-2019.html"):
        shutil.copy(REPORTS / name, folder / name)
    return folder


def test_batch_writes_the_workbook_and_a_summary(
    fixtures_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "results.xlsx"

    code = main(["report", "batch", str(fixtures_copy), "--out", str(out), "--jobs", "2"])

    captured = capsys.readouterr()
    assert code in (0, 1)
    assert "共 3 个文件：可读取 3 份，无法读取 0 份" in captured.out
    assert "[" in captured.err and "3/3" in captured.err  # the progress bar
    rows = list(load_workbook(out, read_only=True)["报告"].iter_rows(values_only=True))
    assert {r[0] for r in rows[1:]} == {"xiaodian-2023.txt", "huaian-2024.pdf", "shanghai-2019.html"}
    huaian = next(r for r in rows if r[0] == "huaian-2024.pdf")
    assert huaian[1:3] == ("淮安市人民政府", 2024)


def test_a_folder_with_only_bad_files_exits_2_and_lists_them(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "a.doc").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)
    (tmp_path / "b.pdf").write_bytes(b"not a pdf at all")
    out = tmp_path / "out.csv"

    code = main(["report", "batch", str(tmp_path), "--out", str(out), "--quiet"])

    captured = capsys.readouterr()
    assert code == 2
    assert "a.doc：" in captured.out and "另存为 .docx" in captured.out
    assert "b.pdf：" in captured.out
    assert out.exists() and (tmp_path / "out.findings.csv").exists()
    assert captured.err == ""


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["/nonexistent/folder"], "找不到文件夹"),
        (["{tmp}", "--out", "{tmp}/x.pdf"], "只支持 .xlsx 或 .csv"),
        (["{tmp}", "--jobs", "0"], "正整数"),
        (["{tmp}"], "没有找到年报文件"),
    ],
)
def test_bad_arguments_give_one_chinese_line_and_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    argv = ["report", "batch", *(a.replace("{tmp}", str(tmp_path)) for a in args)]

    code = main(argv)

    err = capsys.readouterr().err
    assert code == 2
    assert message in err and "Traceback" not in err
