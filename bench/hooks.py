"""Measurements for `make bench` (bench/run.py calls `measure_excel()` and `measure_pdf(org)`).

The participant registry of every organization is exported as the admin downloads it (one sheet
per organization, rows read by `exports.registry_sheets`), in a fresh subprocess, so that its peak
resident memory is the export's own. The same rows, prepared in a
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


def _rounds(organizations, target_rows: int, counts: dict[int, int]) -> list[list]:
    """Passes over the organizations (each pass one sheet per organization, in display order),
    the last one cut short where the workbook reaches `target_rows` rows."""
    rounds, rows = [], 0
    if sum(counts.get(org.pk, 0) for org in organizations) == 0:
        return [list(organizations)]
    while rows < target_rows:
        current = []
        for org in organizations:
            current.append(org)
            rows += counts.get(org.pk, 0)
            if rows >= target_rows:
                break
        rounds.append(current)
    return rounds


def _export(rounds, year, today) -> tuple[int, int, float]:
    """The registry sheets written and saved as the export does: (rows, bytes, seconds)."""
    from mentoring.lib.xlsx import SheetWriter, caption_for, new_workbook, sheet_title
    from reports.monitoring import exports

    started = time.perf_counter()
    workbook = new_workbook()
    taken: set[str] = set()
    rows = 0
    for organizations in rounds:
        by_id = {org.pk: org for org in organizations}
        for org_id, org_rows in exports.registry_sheets(list(by_id), year, today):
            org = by_id[org_id]
            sheet = SheetWriter(
                workbook,
                sheet_title(org.short_name, taken),
                exports.REGISTRY_COLUMNS,
                caption=caption_for(org.short_name, "Реестр участников программы наставничества"),
            )
            for row in org_rows:
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
    from reports.monitoring import exports, statistics

    year = AcademicYear.objects.current()
    today = timezone.localdate()
    organizations = list(Organization.objects.order_by("short_name"))
    ids = [org.pk for org in organizations]
    counts: dict[int, int] = {}
    for queryset in (statistics.mentors_in_year(ids, year), statistics.mentees_in_year(ids, year)):
        for org_id, n in queryset.order_by().values_list("organization_id").annotate(n=Count("id")):
            counts[org_id] = counts.get(org_id, 0) + n
    rounds = _rounds(organizations, target_rows, counts)
    plan = [org for organizations in rounds for org in organizations]
    with PeakRss() as memory:
        rows, size, seconds = _export(rounds, year, today)

    with PeakRss() as raw_memory:
        prepared = []
        for passed in rounds:
            by_id = {org.pk: org for org in passed}
            for org_id, org_rows in exports.registry_sheets(list(by_id), year, today):
                prepared.append((by_id[org_id], list(org_rows)))
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


PAIRS_IN_ORDER = 300
LETTERS = 100


class _Rollback(Exception):
    pass


def measure_pdf(organization, pairs: int = PAIRS_IN_ORDER, letters: int = LETTERS) -> dict | None:
    """Seconds to render, as a download does: a one-page order, the order assigning 300 pairs, and
    100 letters of thanks in one file. The orders (and, where the school has fewer than 300 pairs,
    copies of its pairs) are drafted in a transaction that is rolled back afterwards."""
    from django.db import transaction

    figures: dict = {}
    try:
        with transaction.atomic():
            figures = _pdf_figures(organization, pairs, letters)
            raise _Rollback
    except _Rollback:
        pass
    return figures or None


def _timed(render, times: int = 1) -> tuple[float, float, bytes]:
    """(median wall seconds, its CPU seconds, the document): CPU time tells a slow renderer from a
    busy machine."""
    timings, content = [], b""
    for _ in range(times):
        started, cpu = time.perf_counter(), time.process_time()
        content = render()
        timings.append((time.perf_counter() - started, time.process_time() - cpu))
    wall, cpu = sorted(timings)[len(timings) // 2]
    return wall, cpu, content


def _pages(content: bytes) -> int:
    import io

    from pypdf import PdfReader

    return len(PdfReader(io.BytesIO(content)).pages)


def _pdf_figures(organization, n_pairs: int, n_letters: int) -> dict:
    from django.utils import timezone

    from people.models import Membership, Person
    from reports.orders import actions, documents
    from reports.orders.models import Order, OrderPerson

    curator = Membership.objects.filter(organization=organization, role=Membership.Role.CURATOR).first()
    if curator is None:
        return {}
    actor = curator.user
    staff = list(Person.objects.filter(organization=organization).staff().order_by("pk")[:n_letters])
    # Four letters in ten go to the parents of a student, as in a real reward order.
    students = list(
        Person.objects.filter(organization=organization).students().order_by("pk")[: n_letters * 2 // 5]
    )
    if not staff:
        return {}
    one = actions.order_draft(
        organization,
        Order.Kind.REWARD,
        actor=actor,
        people=staff[:3],
        role=OrderPerson.Role.REWARDED,
        person_fields={"reward": OrderPerson.Reward.THANKS},
    )
    one_s, one_cpu, one_pdf = _timed(lambda: documents.render_order_pdf(one), times=3)
    figures = {
        "one_page_s": round(one_s, 2),
        "one_page_cpu_s": round(one_cpu, 2),
        "one_page_pages": _pages(one_pdf),
    }

    pairs = _pairs_for_order(organization, n_pairs)
    order = actions.order_draft(organization, Order.Kind.PAIRS, actor=actor, pairs=pairs)
    pairs_s, pairs_cpu, pairs_pdf = _timed(lambda: documents.render_order_pdf(order))
    figures.update(
        pairs_300_s=round(pairs_s, 2),
        pairs_300_cpu_s=round(pairs_cpu, 2),
        pairs_300_pages=_pages(pairs_pdf),
        pairs=len(pairs),
    )

    people = staff[: n_letters - len(students)] + students
    reward = actions.order_draft(
        organization,
        Order.Kind.REWARD,
        actor=actor,
        people=people,
        role=OrderPerson.Role.REWARDED,
        person_fields={"reward": OrderPerson.Reward.LETTER},
    )

    # Letters come from a signed order (a draft gives one «ПРОЕКТ» sample): the measured order is
    # signed in memory only, so nothing is numbered or frozen and the rollback leaves nothing.
    reward.status, reward.number, reward.date = Order.Status.SIGNED, "1", timezone.localdate()

    def letters() -> bytes:
        # As the download view loads them.
        entries = list(
            reward.ordered_people()
            .filter(role=OrderPerson.Role.REWARDED)
            .prefetch_related("person__representatives")
        )
        return documents.render_letters_pdf(reward, entries)

    letters_s, letters_cpu, letters_pdf = _timed(letters)
    figures.update(
        letters_100_s=round(letters_s, 2),
        letters_100_cpu_s=round(letters_cpu, 2),
        letters=len(people),
        letters_pages=_pages(letters_pdf),
    )
    return figures


def _pairs_for_order(organization, wanted: int) -> list:
    """`wanted` active pairs of the school: its own, then copies of them (same people) if short."""
    from pairs.models import Pair, PairMentee, PairMentor

    own = list(
        Pair.objects.filter(organization=organization, status=Pair.Status.ACTIVE)
        .prefetch_related("pair_mentors", "pair_mentees")
        .order_by("pk")
    )
    if not own:
        return []
    copies = []
    while len(own) + len(copies) < wanted:
        source = own[len(copies) % len(own)]
        copies.append(
            (
                source,
                Pair(
                    **{
                        f.attname: getattr(source, f.attname)
                        for f in Pair._meta.concrete_fields
                        if f.attname not in ("id", "uuid", "created_at", "updated_at")
                    }
                ),
            )
        )
    created = Pair.objects.bulk_create([copy for _, copy in copies])
    PairMentor.objects.bulk_create(
        PairMentor(pair=copy, mentor_id=link.mentor_id)
        for (source, _), copy in zip(copies, created, strict=True)
        for link in source.pair_mentors.all()
    )
    PairMentee.objects.bulk_create(
        PairMentee(pair=copy, mentee_id=link.mentee_id)
        for (source, _), copy in zip(copies, created, strict=True)
        for link in source.pair_mentees.all()
    )
    return (own + created)[:wanted]


def measure_excel(target_rows: int = TARGET_ROWS) -> dict:
    """Run `excel_figures` in a fresh Python process (same settings and database) and return them."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": os.environ.get("DJANGO_SETTINGS_MODULE", "mentoring.settings"),
    }
    result = subprocess.run(  # noqa: S603 (our own module, fixed arguments)
        [sys.executable, "-m", "bench.hooks", str(target_rows)],
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
