"""Signals of the people app, for apps that keep their own copies of what people write.

`person_anonymizing` is sent inside the withdrawal transaction, just before a person's personal
data are erased, with `person` still carrying the name: an app that published free text (the
reports app's news and descriptions) masks the name there while it can still be recognised.
The people app never imports the apps that listen.
"""

from __future__ import annotations

from django.dispatch import Signal

person_anonymizing = Signal()  # sender=Person, person=Person, actor=User | None

# Sent first thing in a withdrawal, before the person leaves the banks: the pairs app ends the
# person's open pair memberships (a pair, terminated; or their seat in a group that goes on).
person_withdrawing = Signal()  # sender=Person, person=Person, actor=User | None

# Sent inside the import's transaction when the curator asked to create accounts in the same step
# (issue 19): the accounts app answers with what it handed over; a failure there undoes the import.
people_imported = Signal()  # sender=Person, people=list[Person], organization, actor, site_url
