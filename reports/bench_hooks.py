"""Measurements for `make bench` (bench/run.py calls `measure_excel()` and `measure_pdf(org)`).

The participant registry of every organization is exported as the admin downloads it, in a fresh
subprocess, so that its peak resident memory is the export's own. The same rows, prepared in a
list beforehand, are then written with plain openpyxl in write-only mode: the ratio of the two
times is the cost of everything else (the queries, the labels, the styles and formats).
When the benchmark database holds fewer registry rows than `target_rows`, the registries of the
organizations are exported again as further sheets until the workbook has that many rows, which is
what a larger municipality's registry would be.
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET_ROWS = 50_000


def _rss_mb() -> float:
    """The current resident set size in MB (/proc), or the peak so far where /proc is missing."""
    try:
        with open("/proc/self/statm") as statm:
            return int(statm.read().split()[1]) * resource.getpagesize() / 2**20
    except OSError:
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


class PeakRss:
    """Samples the resident set size every 20 ms in a thread; `growth` is the peak over the start."""

    def __enter__(self) -> PeakRss:
        self.baseline = self.peak = _rss_mb()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._thread.start()
        return self

    def _sample(self) -> None:
        while not self._stop.wait(0.02):
            self.peak = max(self.peak, _rss_mb())

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()
        self.peak = max(self.peak, _rss_mb())

    @property
    def growth(self) -> float:
        return self.peak - self.baseline


def _sheet_plan(organizations, target_rows: int, counts: dict[int, int]) -> list:
    """Organizations in the order their sheets are written, repeated up to `target_rows` rows."""
    plan, rows = [], 0
    total = sum(counts.get(org.pk, 0) for org in organizations)
    if total == 0:
        return list(organizations)
    while rows < target_rows:
        for org in organizations:
            plan.append(org)
            rows += counts.get(org.pk, 0)
            if rows >= target_rows:
                break
    return plan


def _export(plan, year, today) -> tuple[int, int, float]:
    """The registry sheets of `plan` written and saved as the export does: (rows, bytes, seconds)."""
    from mentoring.lib.xlsx import SheetWriter, caption_for, new_workbook, sheet_title
    from reports import exports

    started = time.perf_counter()
    workbook = new_workbook()
    taken: set[str] = set()
    rows = 0
    for org in plan:
        sheet = SheetWriter(
            workbook,
            sheet_title(org.short_name, taken),
            exports.REGISTRY_COLUMNS,
            caption=caption_for(org.short_name, "Реестр участников программы наставничества"),
        )
        for row in exports.registry_rows(org.pk, year, today):
            sheet.append(row)
            rows += 1
        sheet.close()
    with tempfile.TemporaryFile() as handle:
        workbook.save(handle)
        size = handle.tell()
    seconds = time.perf_counter() - started

    return rows, size, seconds


def excel_figures(target_rows: int = TARGET_ROWS) -> dict:
    """Export the registry (timed, memory measured), then write the same rows with plain openpyxl."""
    from django.db.models import Count
    from django.utils import timezone
    from openpyxl import Workbook

    from mentoring.lib.xlsx import sheet_title
    from people.models import AcademicYear, Organization
    from reports import exports, statistics

    year = AcademicYear.objects.current()
    today = timezone.localdate()
    organizations = list(Organization.objects.order_by("short_name"))
    ids = [org.pk for org in organizations]
    counts: dict[int, int] = {}
    for queryset in (statistics.mentors_in_year(ids, year), statistics.mentees_in_year(ids, year)):
        for org_id, n in queryset.order_by().values_list("organization_id").annotate(n=Count("id")):
            counts[org_id] = counts.get(org_id, 0) + n
    plan = _sheet_plan(organizations, target_rows, counts)
    with PeakRss() as memory:
        rows, size, seconds = _export(plan, year, today)

    with PeakRss() as raw_memory:
        prepared = [(org, list(exports.registry_rows(org.pk, year, today))) for org in plan]
        started = time.perf_counter()
        raw = Workbook(write_only=True)
        taken = set()
        for org, org_rows in prepared:
            ws = raw.create_sheet(sheet_title(org.short_name, taken))
            ws.append([column.title for column in exports.REGISTRY_COLUMNS])
            for row in org_rows:
                ws.append(row)
        with tempfile.TemporaryFile() as handle:
            raw.save(handle)
        raw_seconds = time.perf_counter() - started
    return {
        "rows": rows,
        "sheets": len(plan),
        "organizations": len(organizations),
        "file_mb": round(size / 2**20, 1),
        "seconds": round(seconds, 2),
        "peak_rss_mb": round(memory.growth, 1),
        "raw_seconds": round(raw_seconds, 2),
        # The rows prepared in a list first, for comparison with the streamed export.
        "raw_peak_rss_mb": round(raw_memory.growth, 1),
        "ratio_to_raw": round(seconds / raw_seconds, 2) if raw_seconds else None,
    }


def measure_pdf(organization) -> dict | None:
    """Rendering the organization's order that names the most people, as a draft is rendered
    for every download (signed orders are served from their frozen file): the median of three."""
    from django.db.models import Count

    from reports.documents import render_order_pdf
    from reports.models import Order

    order = (
        Order.objects.filter(organization=organization)
        .annotate(named=Count("people"))
        .order_by("-named", "id")
        .first()
    )
    if order is None:
        return None
    timings, size = [], 0
    for _ in range(3):
        started = time.perf_counter()
        size = len(render_order_pdf(order))
        timings.append(time.perf_counter() - started)
    return {
        "document": "приказ",
        "people": order.named,
        "bytes": size,
        "seconds": round(sorted(timings)[1], 2),
    }


def measure_excel(target_rows: int = TARGET_ROWS) -> dict:
    """Run `excel_figures` in a fresh Python process (same settings and database) and return them."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": os.environ.get("DJANGO_SETTINGS_MODULE", "mentoring.settings"),
    }
    result = subprocess.run(  # noqa: S603 (our own module, fixed arguments)
        [sys.executable, "-m", "reports.bench_hooks", str(target_rows)],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


if __name__ == "__main__":
    import django

    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mentoring.settings")
    django.setup()
    print(json.dumps(excel_figures(int(sys.argv[1]) if len(sys.argv) > 1 else TARGET_ROWS)))
