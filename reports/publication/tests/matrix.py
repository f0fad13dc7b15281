"""The Положение, the public page's management, the library and the public pages × role."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from mentoring.tests.matrix import ALL, STAFF_READERS, Case, roles, url
from reports.publication.tests import factories as f

MANAGERS = ("admin", "curator")
LIBRARY = ("admin", "director", "curator", "mentor")
CONTRIBUTORS = ("admin", "curator", "mentor")


def _once(world, key: str, build):
    if key not in world.extra:
        world.extra[key] = build()
    return world.extra[key]


def draft(w):
    return _once(w, "regulation-draft", lambda: f.draft_regulation(w.org)).uuid


def review(w):
    return _once(w, "regulation-review", lambda: f.review_regulation(w.org)).uuid


def news_item(w):
    return _once(w, "news", lambda: f.news(w.org)).uuid


def material(w):
    return _once(w, "material", lambda: f.material(w.org, with_file=True)).uuid


def practice(w):
    return _once(w, "practice", lambda: f.public_practice(w.org)).uuid


def pair(w):
    from pairs.tests.factories import world_pair

    return world_pair(w).uuid


def _public(w):
    """A published page with every kind of public content."""

    def build():
        from roadmap.tests.factories import AcademicYearFactory, ApprovedRoadmapFactory

        year = AcademicYearFactory(start_year=timezone.localdate().year - 1)
        return {
            "page": f.published_page(w.org),
            "regulation": f.approved_regulation(w.org),
            "roadmap": ApprovedRoadmapFactory(organization=w.org, academic_year=year),
            "news": f.news(w.org),
            "practice": f.public_practice(w.org),
        }

    return _once(w, "public", build)


def slug(w):
    _public(w)
    return w.org.slug


def everyone(status: int = 200) -> dict[str, int]:
    return {role: status for role in ALL}


def _protocol(w):
    return {"protocol_date": (timezone.localdate() - timedelta(days=3)).isoformat(), "protocol_number": "2"}


def _paper_order(w):
    return {"order_date": timezone.localdate().isoformat(), "order_number": "15-од"}


CASES = {
    # The Положение: mentors and mentees do not see drafts (404 for records, 403 for lists).
    "regulation:list": Case(url("regulation:list"), roles(allowed=STAFF_READERS)),
    "regulation:create": Case(
        url("regulation:create"),
        roles(302, allowed=MANAGERS),
        method="post",
        data=lambda w: {"audience": "staff"},
    ),
    "regulation:detail": Case(url("regulation:detail", draft), roles(allowed=STAFF_READERS, denied=404)),
    "regulation:edit": Case(
        url("regulation:edit", draft), roles(allowed=MANAGERS, denied=404) | {"director": 403}
    ),
    "regulation:submit": Case(
        url("regulation:submit", draft),
        roles(302, allowed=MANAGERS, denied=404) | {"director": 403},
        method="post",
        data=_protocol,
    ),
    "regulation:approve": Case(
        url("regulation:approve", review),
        roles(302, allowed=("director",), denied=404) | {"admin": 403, "curator": 403},
        method="post",
        data=_paper_order,
    ),
    "regulation:return": Case(
        url("regulation:return", review),
        roles(302, allowed=("director",), denied=404) | {"admin": 403, "curator": 403},
        method="post",
        data=lambda w: {"comment": "уточнить раздел 6"},
    ),
    "regulation:pdf": Case(url("regulation:pdf", draft), roles(allowed=STAFF_READERS, denied=404)),
    # Managing the public page and its news.
    "publication:settings": Case(url("publication:settings"), roles(allowed=STAFF_READERS)),
    "publication:news_list": Case(url("publication:news_list"), roles(allowed=STAFF_READERS)),
    "publication:news_create": Case(url("publication:news_create"), roles(allowed=MANAGERS)),
    # A news item is the staff's record: for mentors and mentees it does not exist.
    "publication:news_edit": Case(
        url("publication:news_edit", news_item), roles(allowed=MANAGERS, denied=404) | {"director": 403}
    ),
    "publication:news_delete": Case(
        url("publication:news_delete", news_item),
        roles(302, allowed=MANAGERS, denied=404) | {"director": 403},
        method="post",
    ),
    # The methodical library: mentees have no access; a mentor edits only their own materials.
    "library:list": Case(url("library:list"), roles(allowed=LIBRARY)),
    "library:create": Case(url("library:create"), roles(allowed=CONTRIBUTORS)),
    "library:detail": Case(url("library:detail", material), roles(allowed=LIBRARY, denied=404)),
    "library:edit": Case(
        url("library:edit", material),
        roles(allowed=MANAGERS, denied=404) | {"director": 403, "mentor": 403},
    ),
    "library:delete": Case(
        url("library:delete", material),
        roles(302, allowed=MANAGERS, denied=404) | {"director": 403, "mentor": 403},
        method="post",
    ),
    "library:file": Case(url("library:file", material), roles(allowed=LIBRARY, denied=404)),
    "library:mark": Case(
        url("library:mark", material),
        roles(302, allowed=MANAGERS, denied=404) | {"director": 403, "mentor": 403},
        method="post",
    ),
    "library:practices": Case(url("library:practices"), roles(allowed=LIBRARY)),
    # The pair is active: the curator is sent back with a message; participants may not mark it.
    "library:pair_mark": Case(
        url("library:pair_mark", pair), roles(302, allowed=MANAGERS) | {"coordinator": 404}, method="post"
    ),
    # Best practices are seen with the library: the mentee, who does not see it, gets 404.
    "library:practice_edit": Case(
        url("library:practice_edit", practice),
        roles(allowed=MANAGERS, denied=404) | {"director": 403, "mentor": 403},
    ),
    "library:practice_delete": Case(
        url("library:practice_delete", practice),
        roles(302, allowed=MANAGERS, denied=404) | {"director": 403, "mentor": 403},
        method="post",
    ),
    # The public pages: everyone, without login.
    "public:index": Case(url("public:index", slug), everyone()),
    "public:embed": Case(url("public:embed", slug), everyone()),
    # The switch answers with a redirect back to the page, for everyone.
    "public:visually_impaired": Case(
        url("public:visually_impaired", slug), everyone(302), follow_login=False
    ),
    "public:news_list": Case(url("public:news_list", slug), everyone()),
    "public:feed": Case(url("public:feed", slug), everyone()),
    "public:news_detail": Case(
        url("public:news_detail", slug, lambda w: _public(w)["news"].uuid), everyone()
    ),
    "public:regulation": Case(
        url("public:regulation", slug, lambda w: _public(w)["regulation"].uuid), everyone()
    ),
    "public:regulation_pdf": Case(
        url("public:regulation_pdf", slug, lambda w: _public(w)["regulation"].uuid), everyone()
    ),
    "public:roadmap_pdf": Case(
        url("public:roadmap_pdf", slug, lambda w: _public(w)["roadmap"].uuid), everyone()
    ),
    "public:practice": Case(url("public:practice", slug, lambda w: _public(w)["practice"].uuid), everyone()),
    "public:practice_file": Case(
        url("public:practice_file", slug, lambda w: _public(w)["practice"].uuid), everyone()
    ),
}
