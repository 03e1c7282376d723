"""`gongkai report parse|check|render`, run in-process through gongkai.cli.main and once as a real process."""

from __future__ import annotations

import importlib.machinery
import json
import re
import subprocess
import sys
import types
from pathlib import Path

import pytest

from gongkai.cli import build_parser, main
from gongkai.core.annual_report.model import AnnualReport
from tests.conftest import REPORTS

SEED = REPORTS / "xiaodian-2023.txt"
CJK = re.compile(r"[\u4e00-\u9fff]")


def run(capsys: pytest.CaptureFixture[str], *argv: str | Path) -> tuple[int, str, str]:
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def rule_ids(text: str) -> list[str]:
    return re.findall(r"\[([A-Z]\d?-\d{3})\]", text)


def write_report(path: Path, report: AnnualReport) -> Path:
    path.write_text(json.dumps(report.to_dict(), ensure_ascii=False), "utf-8")
    return path


def unbalanced_report() -> AnnualReport:
    report = AnnualReport.blank("2021")
    report.year = 2023
    report.t3["new_received"].update(natural_person=80, total=80)
    report.t3["granted"].update(natural_person=75, total=75)
    report.t3["total_processed"].update(natural_person=75, total=75)
    report.t3["carried_forward"].update(natural_person=6, total=6)
    return report


def assert_one_chinese_line(err: str) -> None:
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("gongkai: ") and CJK.search(lines[0]), err
    assert "Traceback" not in err


# -- check -----------------------------------------------------------------------------------------------------


def test_check_on_the_seed_prints_exactly_the_two_warnings(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "report", "check", SEED)

    assert code == 0
    assert rule_ids(out) == ["M-004", "M-012"]
    assert "警告（2）" in out and "错误" not in out.split("核对结果")[0]
    assert "核对结果：0 个错误，2 个警告，0 个提示。" in out
    assert err == ""


def test_check_exits_1_when_a_table_does_not_balance(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = write_report(tmp_path / "bad.json", unbalanced_report())

    code, out, _ = run(capsys, "report", "check", path)

    assert code == 1
    assert "错误（" in out and "[T3-002] T3[total_processed][natural_person]" in out
    assert "80 + 0 ≠ 75 + 6（差 1）" in out


def test_check_several_files_has_headers_a_summary_and_errors_win_over_unreadable(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    bad = write_report(tmp_path / "bad.json", unbalanced_report())
    missing = tmp_path / "missing.txt"

    code, out, err = run(capsys, "report", "check", SEED, bad, missing)

    assert code == 1
    assert f"== {SEED}（博野县小店镇人民政府　2023年度） ==" in out
    assert f"== {bad}" in out and f"== {missing} ==" in out
    assert "共 3 个文件：1 个有错误，1 个无法读取" in out
    assert_one_chinese_line(err)


def test_check_exits_2_when_a_file_is_unreadable_and_none_has_errors(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code, out, _ = run(capsys, "report", "check", SEED, tmp_path / "missing.txt")

    assert code == 2
    assert "M-004" in out  # the readable file was still checked


def test_check_json_output(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, out, _ = run(capsys, "report", "check", SEED, tmp_path / "nope.txt", "--json")

    data = json.loads(out)
    assert code == 2
    seed, missing = data["files"]
    assert [f["rule"] for f in seed["findings"]] == ["M-004", "M-012"]
    assert set(seed["findings"][0]) == {"rule", "severity", "cell", "message"}
    assert missing["readable"] is False and CJK.search(missing["message"])
    assert data["summary"] == {
        "files": 2,
        "unreadable": 1,
        "with_errors": 0,
        "errors": 0,
        "warnings": 2,
        "infos": 0,
    }


def test_check_with_previous_runs_the_cross_year_rules(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    previous = AnnualReport.blank("2021")
    previous.year = 2022
    previous.t3["new_received"].update(natural_person=4, total=4)
    previous.t3["carried_forward"].update(natural_person=4, total=4)
    prev_path = write_report(tmp_path / "2022.json", previous)

    code, out, _ = run(capsys, "report", "check", SEED, "--previous", prev_path)

    assert code == 1
    assert "[X-001] T3[carried_over][natural_person]" in out


def test_check_body_kind_and_strict(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    report = AnnualReport.blank("2021")
    report.year = 2023
    report.agency = "某机关"
    report.t2["art20_1"]["rules"]["issued"] = 2
    path = write_report(tmp_path / "r.json", report)

    _, plain, _ = run(capsys, "report", "check", path)
    _, county, _ = run(capsys, "report", "check", path, "--body-kind", "county_department")

    assert "W-006" not in plain
    assert "[W-006] T2.art20_1[rules][issued]" in county


def test_check_rejects_a_bad_township_deadline(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "report", "check", SEED, "--township-deadline", "02-30")

    assert code == 2
    assert_one_chinese_line(err)


# -- parse -----------------------------------------------------------------------------------------------------


def test_parse_json_of_the_seed(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "report", "parse", SEED, "--json")

    data = json.loads(out)
    assert code == 0
    assert (data["edition"], data["year"]) == ("2021", 2023)
    assert [f["rule"] for f in data["findings"]] == ["M-004", "M-012"]
    assert all(v == 0 for cols in data["T3"].values() for v in cols.values())
    assert len(data["T4"]) == 15
    assert data["T2"]["art20_8"]["administrative_fees"]["fee_amount"] == "0"
    assert "局政务公开领导小组" in out  # ensure_ascii=False: Chinese as is


def test_parse_without_json_prints_a_short_summary(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "report", "parse", SEED)

    assert code == 0
    assert "2021年统一格式" in out and "2023" in out
    assert "核对结果：0 个错误，2 个警告" in out
    assert len(out.splitlines()) <= 6


def test_parse_json_round_trips_through_check(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    _, out, _ = run(capsys, "report", "parse", SEED, "--json")
    saved = tmp_path / "seed.json"
    saved.write_text(out, "utf-8")

    code, checked, _ = run(capsys, "report", "check", saved)

    assert code == 0 and rule_ids(checked) == ["M-004", "M-012"]


# -- bad input -------------------------------------------------------------------------------------------------


def _bad_inputs(tmp: Path) -> dict[str, Path]:
    seed = SEED.read_text("utf-8")
    files = {
        "empty": b"",
        "binary": bytes(range(256)) * 40,
        "not_a_report": "今天天气很好，我们去公园散步。\n".encode() * 20,
        "truncated_table": seed[: seed.index("(三)不予公开")].encode(),
        "wrong_encoding": "これは日本語の文書であり、年度報告ではありません。".encode("shift_jis") * 20,
        "bad_json": b'{"edition": "2021", "T3": ',
        "json_wrong_shape": json.dumps({"edition": "1999"}).encode(),
    }
    out = {}
    for name, data in files.items():
        suffix = ".json" if "json" in name else ".txt"
        path = tmp / f"{name}{suffix}"
        path.write_bytes(data)
        out[name] = path
    huge = tmp / "huge.txt"
    with huge.open("wb") as fh:  # sparse: 100 MB on paper, nothing on disk
        fh.truncate(100 * 1024 * 1024)
    out["huge"] = huge
    out["missing"] = tmp / "missing.txt"
    out["directory"] = tmp
    return out


@pytest.mark.parametrize(
    "case",
    [
        "empty",
        "binary",
        "not_a_report",
        "truncated_table",
        "wrong_encoding",
        "bad_json",
        "json_wrong_shape",
        "huge",
        "missing",
        "directory",
    ],
)
@pytest.mark.parametrize("command", ["parse", "check", "render"])
def test_bad_input_gives_one_chinese_line_and_exit_2(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, case: str, command: str
) -> None:
    path = _bad_inputs(tmp_path)[case]
    extra = ["--to", "md", "-o", str(tmp_path / "out.md")] if command == "render" else []

    code, out, err = run(capsys, "report", command, path, *extra)

    assert code == 2, (case, out, err)
    assert_one_chinese_line(err)
    assert not (tmp_path / "out.md").exists()


# -- render ----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["md", "html", "txt", "json"])
def test_render_text_formats_to_stdout_and_back(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, fmt: str
) -> None:
    code, out, _ = run(capsys, "report", "render", SEED, "--to", fmt)
    rendered = tmp_path / f"seed.{fmt}"
    rendered.write_text(out, "utf-8")

    _, again, _ = run(capsys, "report", "parse", rendered, "--json")

    assert code == 0 and "局政务公开领导小组" in out
    data = json.loads(again)
    assert (data["edition"], data["year"]) == ("2021", 2023)
    assert [f["rule"] for f in data["findings"]] == ["M-004", "M-012"]


def test_render_to_a_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    out = tmp_path / "seed.html"

    code, stdout, _ = run(capsys, "report", "render", SEED, "--to", "html", "-o", out)

    assert code == 0 and stdout == ""
    assert "<table" in out.read_text("utf-8")
    assert [p.name for p in tmp_path.iterdir()] == ["seed.html"]  # no temporary file left


def test_render_binary_format_requires_an_output_file(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "report", "render", SEED, "--to", "docx")

    assert code == 2 and out == ""
    assert_one_chinese_line(err)
    assert "-o" in err


def test_render_docx_to_a_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    out = tmp_path / "seed.docx"

    code, _, err = run(capsys, "report", "render", SEED, "--to", "docx", "-o", out)

    assert code == 0, err
    assert out.read_bytes()[:2] == b"PK"


def test_render_failure_leaves_nothing_behind(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import gongkai.core.annual_report.render as render_module

    def broken(report: AnnualReport, fmt: str) -> str:
        raise RuntimeError("字体缺失")

    monkeypatch.setattr(render_module, "render", broken)
    out = tmp_path / "seed.md"

    code, _, err = run(capsys, "report", "render", SEED, "--to", "md", "-o", out)

    assert code == 2
    assert_one_chinese_line(err)
    assert list(tmp_path.iterdir()) == []


def test_render_into_a_missing_directory(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, _, err = run(capsys, "report", "render", SEED, "--to", "md", "-o", tmp_path / "no" / "x.md")

    assert code == 2
    assert_one_chinese_line(err)


def test_render_from_json_input(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = write_report(tmp_path / "r.json", unbalanced_report())

    code, out, _ = run(capsys, "report", "render", path, "--to", "txt")

    assert code == 0 and "| 80 |" in out


# -- the command group -----------------------------------------------------------------------------------------


def test_report_without_subcommand_prints_help(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "report")

    assert code == 2 and "check" in out and "render" in out


def _subcommands() -> set[str]:
    parser = build_parser()
    group = next(a for a in parser._subparsers._group_actions if a.dest == "group")  # type: ignore[union-attr]
    report = group.choices["report"]
    sub = next(a for a in report._subparsers._group_actions if a.dest == "report_command")  # type: ignore[union-attr]
    return set(sub.choices)


def test_batch_is_registered_when_its_module_exists(monkeypatch: pytest.MonkeyPatch) -> None:
    fake = types.ModuleType("gongkai.cli.report_batch")
    fake.__spec__ = importlib.machinery.ModuleSpec("gongkai.cli.report_batch", None)

    def register(report_sub: object) -> None:
        report_sub.add_parser("batch", help="批量")  # type: ignore[attr-defined]

    fake.register = register  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "gongkai.cli.report_batch", fake)

    assert {"parse", "check", "render", "batch"} <= _subcommands()


# -- a real process ----------------------------------------------------------------------------------------------


def test_the_installed_entry_point_checks_the_seed() -> None:
    exe = Path(sys.executable).parent / "gongkai"  # the entry point installed beside this interpreter

    proc = subprocess.run(
        [str(exe), "report", "check", str(SEED)], capture_output=True, text=True, timeout=60
    )

    assert proc.returncode == 0, proc.stderr
    assert rule_ids(proc.stdout) == ["M-004", "M-012"]


def test_the_installed_entry_point_reports_bad_input_without_a_traceback(tmp_path: Path) -> None:
    exe = Path(sys.executable).parent / "gongkai"  # the entry point installed beside this interpreter
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")

    proc = subprocess.run(
        [str(exe), "report", "parse", str(empty)], capture_output=True, text=True, timeout=60
    )

    assert proc.returncode == 2
    assert_one_chinese_line(proc.stderr)


def test_the_cli_starts_without_django_or_the_report_engine() -> None:
    code = (
        "import sys; from gongkai.cli import build_parser; build_parser(); "
        "print(sorted({m.split('.')[0] for m in sys.modules if m.startswith(('django', 'docx', 'weasyprint'))}), "
        "'gongkai.core.annual_report.validate' in sys.modules)"
    )

    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)

    assert proc.stdout.strip() == "[] False", proc.stderr


def test_rendered_file_gets_ordinary_permissions(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    import os

    out = tmp_path / "seed.md"
    umask = os.umask(0o022)
    try:
        code, _, _ = run(capsys, "report", "render", SEED, "--to", "md", "-o", out)
    finally:
        os.umask(umask)

    assert code == 0
    assert out.stat().st_mode & 0o777 == 0o644
