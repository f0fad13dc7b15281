"""Permissions of surveys: the curator builds and runs campaigns, the director reads results, named
answers are the curator's only; anyone with a role answers the campaigns sent to them (the view
checks that)."""

from __future__ import annotations

import rules

from people.rules import is_curator, is_org_admin, is_respondent, is_staff_reader

is_manager = is_curator | is_org_admin

rules.add_perm("surveys.view_surveys", is_staff_reader)
rules.add_perm("surveys.manage_surveys", is_manager)
rules.add_perm("surveys.view_named_answers", is_curator)
# законный представитель (issue 19): parents answer the surveys sent to them too.
rules.add_perm("surveys.answer_surveys", is_respondent)
