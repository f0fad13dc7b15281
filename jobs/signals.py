"""Signals of background jobs, for the sections that keep a record of what a job made (the jobs app
imports none of them)."""

from __future__ import annotations

from django.dispatch import Signal

# Sent inside the transaction that marks the job done, with `job` (its file stored), once per job:
# a second run that finishes later keeps the first one's file and sends nothing.
job_done = Signal()
