from __future__ import annotations

from mentoring.tests.matrix import STAFF_READERS, Case, roles, url

CASES = {
    "people:person_list": Case(url("people:person_list"), roles(allowed=STAFF_READERS)),
    # A person the user may not read does not exist for them: 404, like another school's records.
    "people:person_detail": Case(
        url("people:person_detail", lambda w: w.staff.uuid), roles(allowed=STAFF_READERS, denied=404)
    ),
    "people:audit_log": Case(url("people:audit_log"), roles(allowed=("admin",))),
    "people:access_log": Case(url("people:access_log"), roles(allowed=("admin",))),
}
