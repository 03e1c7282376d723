"""The portal's small interface to published annual reports (政府信息公开年报 column).

The portal asks one function for what is published:

    published_reports(agency) -> list[PublishedReport]

By default it calls `gongkai.annual_reports.services.published_reports(agency)` if that exists and
otherwise shows an empty column. Reports published before the body used gongkai and imported as history
are listed too, by year like the others, marked 「往年报告（导入）」 (citizens look for earlier years in the
same column); the findings of parsing them are for staff and are never part of what the portal gets. The setting `GONGKAI_PUBLISHED_REPORTS` (a dotted path) points it
elsewhere (tests use it). A corrected report is a new `version` of the same year: the year's URL shows
the newest, earlier versions stay reachable (条例第五十条：年度报告向社会公布; a correction must not
erase what was published).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from importlib import import_module
from typing import Any

from django.conf import settings

from gongkai.core.annual_report.model import AnnualReport

DEFAULT_PROVIDER = "gongkai.annual_reports.services.published_reports"


IMPORTED_LABEL = "往年报告（导入）"


@dataclass(frozen=True)
class PublishedReport:
    year: int
    version: int  # 1 = first publication; each correction adds one
    published_on: date
    report: AnnualReport
    correction_note: str = ""
    # Published elsewhere before gongkai was used, imported from its file as history.
    is_imported: bool = False

    @property
    def origin_label(self) -> str:
        return IMPORTED_LABEL if self.is_imported else ""


def _public(item: Any) -> PublishedReport:
    """Only the public fields of what the provider returns (it may carry more, e.g. stored file URLs)."""
    return PublishedReport(
        year=item.year,
        version=item.version,
        published_on=item.published_on,
        report=item.report,
        correction_note=getattr(item, "correction_note", ""),
        is_imported=bool(getattr(item, "is_imported", False)),
    )


def _provider() -> Callable[[Any], Iterable[PublishedReport]] | None:
    path = str(getattr(settings, "GONGKAI_PUBLISHED_REPORTS", DEFAULT_PROVIDER))
    module_name, _, attr = path.rpartition(".")
    try:
        provider: Callable[[Any], Iterable[PublishedReport]] = getattr(import_module(module_name), attr)
    except (ImportError, AttributeError):
        return None
    return provider


def published_reports(agency: Any) -> list[PublishedReport]:
    """Every published version of every year's report of `agency`, newest year first, newest version first."""
    provider = _provider()
    if provider is None:
        return []
    return sorted((_public(r) for r in provider(agency)), key=lambda r: (-r.year, -r.version))


def current_by_year(agency: Any) -> list[tuple[PublishedReport, list[PublishedReport]]]:
    """(current version, earlier versions) per year, newest year first."""
    by_year: dict[int, list[PublishedReport]] = {}
    for report in published_reports(agency):
        by_year.setdefault(report.year, []).append(report)
    return [(versions[0], versions[1:]) for _, versions in sorted(by_year.items(), reverse=True)]


def find(
    agency: Any, year: int, version: int | None = None
) -> tuple[PublishedReport, list[PublishedReport]] | None:
    """The report of `year` (the newest version unless `version` is given) and all versions of that year."""
    versions = [r for r in published_reports(agency) if r.year == year]
    if not versions:
        return None
    if version is None:
        return versions[0], versions
    chosen = next((r for r in versions if r.version == version), None)
    return (chosen, versions) if chosen else None
