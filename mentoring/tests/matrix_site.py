from __future__ import annotations

from mentoring.tests.matrix import SIGNED_IN, Case, roles, url

CASES = {
    "dashboard": Case(url("dashboard"), roles(allowed=SIGNED_IN)),
    "switch_organization": Case(
        url("switch_organization"),
        roles(302, allowed=SIGNED_IN),
        method="post",
        data=lambda w: {"organization": w.org.pk},
    ),
    "organization_search": Case(url("organization_search"), roles(allowed=SIGNED_IN)),
    "about": Case(url("about"), roles(allowed=SIGNED_IN)),
    "healthz": Case(url("healthz"), {r: 200 for r in ("anonymous", *SIGNED_IN)}),
    "favicon": Case(url("favicon"), {r: 301 for r in ("anonymous", *SIGNED_IN)}),
    "login": Case(url("login"), {"anonymous": 200, **{r: 302 for r in SIGNED_IN}}),
    "logout": Case(
        url("logout"), {"anonymous": 302, **{r: 302 for r in SIGNED_IN}}, method="post", follow_login=False
    ),
    "password_change": Case(url("password_change"), roles(allowed=SIGNED_IN)),
    "password_change_done": Case(url("password_change_done"), roles(allowed=SIGNED_IN)),
    "password_reset": Case(url("password_reset"), {r: 200 for r in ("anonymous", *SIGNED_IN)}),
    "password_reset_done": Case(url("password_reset_done"), {r: 200 for r in ("anonymous", *SIGNED_IN)}),
    "password_reset_confirm": Case(
        url("password_reset_confirm", "MQ", "set-password"), {r: 200 for r in ("anonymous", *SIGNED_IN)}
    ),
    "password_reset_complete": Case(
        url("password_reset_complete"), {r: 200 for r in ("anonymous", *SIGNED_IN)}
    ),
}
