from __future__ import annotations

from mentoring.tests.matrix import EVERYONE, Case, roles, url

CASES = {
    "dashboard": Case(url("dashboard"), roles(allowed=EVERYONE)),
    "switch_organization": Case(
        url("switch_organization"),
        roles(302, allowed=EVERYONE),
        method="post",
        data=lambda w: {"organization": w.org.pk},
    ),
    "about": Case(url("about"), roles(allowed=EVERYONE)),
    "healthz": Case(url("healthz"), {r: 200 for r in ("anonymous", *EVERYONE)}),
    "favicon": Case(url("favicon"), {r: 301 for r in ("anonymous", *EVERYONE)}),
    "login": Case(url("login"), {"anonymous": 200, **{r: 302 for r in EVERYONE}}),
    "logout": Case(
        url("logout"), {"anonymous": 302, **{r: 302 for r in EVERYONE}}, method="post", follow_login=False
    ),
    "password_change": Case(url("password_change"), roles(allowed=EVERYONE)),
    "password_change_done": Case(url("password_change_done"), roles(allowed=EVERYONE)),
    "password_reset": Case(url("password_reset"), {r: 200 for r in ("anonymous", *EVERYONE)}),
    "password_reset_done": Case(url("password_reset_done"), {r: 200 for r in ("anonymous", *EVERYONE)}),
    "password_reset_confirm": Case(
        url("password_reset_confirm", "MQ", "set-password"), {r: 200 for r in ("anonymous", *EVERYONE)}
    ),
    "password_reset_complete": Case(
        url("password_reset_complete"), {r: 200 for r in ("anonymous", *EVERYONE)}
    ),
}
