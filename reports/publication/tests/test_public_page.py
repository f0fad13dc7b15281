"""The public page: what an anonymous visitor can reach, whose names appear, and caching."""

from __future__ import annotations

import re
from datetime import timedelta
from html import unescape
from urllib.parse import urljoin, urlparse

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import resolve, reverse
from django.utils import timezone

from mentoring.tests.pdf import pdf_text
from pairs.models import Pair
from pairs.tests.factories import MenteeFactory, MentorFactory, give_consent, make_pair
from people.actions import consent_withdraw
from people.models import Consent, LegalRepresentative, Mentor, Person
from people.tests.factories import PersonFactory, StudentFactory
from reports.orders.tests.factories import curator_of
from reports.publication import actions
from reports.publication.models import Regulation
from reports.publication.public import Figures
from reports.publication.tests import factories as f
from roadmap.tests.factories import AcademicYearFactory, ActivityFactory, ApprovedRoadmapFactory, StageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()
    yield
    cache.clear()


def _person(org, last, first, middle, gender="f", **fields):
    return PersonFactory(
        organization=org, last_name=last, first_name=first, middle_name=middle, gender=gender, **fields
    )


@pytest.fixture
def school(world):
    """A published page whose every public part could name someone: consenting Лебедева, and
    Белова, Орлов and a parent (Зайцева) who never consented to dissemination."""
    org = world.org
    curator = curator_of(org)
    consenting = _person(org, "Лебедева", "Ольга", "Николаевна", position="учитель истории")
    silent_mentor = _person(org, "Белова", "Нина", "Петровна", position="учитель химии")
    silent_mentee = _person(org, "Орлов", "Дмитрий", "Ильич", gender="m", position="учитель физики")
    student = StudentFactory(organization=org)
    LegalRepresentative.objects.create(
        student=student, last_name="Зайцева", first_name="Алла", middle_name="Игоревна", relation="mother"
    )
    for person in (consenting, silent_mentor, silent_mentee):
        give_consent(person)
    f.dissemination_consent(consenting)
    mentors = [MentorFactory(person=consenting), MentorFactory(person=silent_mentor)]
    mentee = MenteeFactory(person=silent_mentee)
    pair = make_pair(org, [mentors[1]], [mentee], status=Pair.Status.ACTIVE)
    actions_pairs_complete(pair, "Орлов Дмитрий Ильич провёл открытый урок вместе с Беловой Н.П.")
    practice = actions.practice_mark_pair(Pair.objects.for_list().get(pk=pair.pk), actor=curator)
    practice.summary = "Наставник Белова Нина Петровна и Лебедева Ольга Николаевна подготовили урок."
    practice.is_public = True
    practice.save()
    f.public_practice(org, author=silent_mentor, title="Сценарий урока", description="Автор — Белова Н.П.")
    f.public_practice(org, author=consenting, title="Памятка", description="Составила Лебедева О.Н.")
    f.news(
        org,
        "Открытый урок",
        "Орлову Дмитрию Ильичу помогла наставник Н.П. Белова. Спасибо маме, Зайцевой Алле!",
    )
    f.news(org, "Благодарность", "Благодарим Лебедеву Ольгу Николаевну за методический день.")
    f.published_page(org, description="Вопросы — к Орлову Д.И. или к Лебедевой Ольге Николаевне.")
    regulation = f.draft_regulation(org)
    sections = regulation.sections + [{"title": "Контакты", "text": "Ответственный — Белова Нина Петровна."}]
    actions.regulation_update(regulation, actor=curator, title=regulation.title, sections=sections)
    actions.regulation_submit(
        regulation, actor=curator, protocol_date=timezone.localdate() - timedelta(days=3), protocol_number="1"
    )
    actions.regulation_approve(
        regulation, actor=curator, order_date=timezone.localdate(), order_number="7-од"
    )
    year = AcademicYearFactory(start_year=timezone.localdate().year - 1)
    roadmap = ApprovedRoadmapFactory(organization=org, academic_year=year)
    activity = ActivityFactory(
        stage=StageFactory(roadmap=roadmap), title="Семинар (ведёт Белова Нина Петровна)"
    )
    activity.responsible.set([silent_mentor, consenting])
    return org


def actions_pairs_complete(pair: Pair, text: str) -> None:
    """The programme done in full and the pair completed (its meetings are not the point here)."""
    from pairs import actions as pair_actions

    pair_actions.program_create_from_template(pair, "young_teacher", actor=None)
    pair.refresh_from_db()
    pair.program.items.update(done_on=timezone.localdate())
    Pair.objects.filter(pk=pair.pk).update(
        status=Pair.Status.COMPLETED, outcome="achieved", outcome_text=text, ended_on=timezone.localdate()
    )


HIDDEN = ["Белов", "Орлов", "Зайцев", "Нина Петровна", "Дмитрий Ильич", "Алла Игоревна"]


def _forbidden(org) -> list[str]:
    """Name forms of everyone in the organization without a consent to dissemination."""
    allowed = set(
        Consent.objects.filter(
            kind="dissemination", person__organization=org, withdrawn_on__isnull=True
        ).values_list("person_id", flat=True)
    )
    forms = list(HIDDEN)
    for person in Person.objects.filter(organization=org).exclude(pk__in=allowed):
        forms += [person.full_name, f"{person.last_name} {person.first_name}", person.short_name]
    return forms


def _text(response) -> str:
    content = b"".join(response.streaming_content) if response.streaming else response.content
    if response["Content-Type"].startswith("application/pdf"):
        return pdf_text(content)
    return unescape(content.decode("utf-8", "replace"))


LINK = re.compile(r"""(?:href|src)=["']([^"'#]+)""")


def crawl(client, start: str) -> dict[str, str]:
    """Every page and file reachable from `start` on this site, as an anonymous visitor."""
    seen: dict[str, str] = {}
    queue = [start]
    while queue:
        path = queue.pop()
        if path in seen or path.split("?")[0].endswith("/vi/"):
            continue  # the switch to the version for the visually impaired is not a page
        response = client.get(path)
        assert response.status_code == 200, f"{path}: {response.status_code}"
        text = _text(response)
        seen[path] = text
        if response["Content-Type"].startswith(("text/html", "application/atom+xml")):
            for link in LINK.findall(text):
                target = urlparse(urljoin("http://testserver" + path, link))
                if target.netloc not in ("", "testserver") or target.path.startswith("/static/"):
                    continue
                queue.append(target.path + (f"?{target.query}" if target.query else ""))
    return seen


def test_anonymous_crawl_reaches_only_public_pages_and_no_name_without_consent(school, client):
    pages = crawl(client, reverse("public:index", args=[school.slug]))
    kinds = {resolve(urlparse(path).path).url_name for path in pages}
    # Every kind of public content was reached, so the checks below looked at all of it.
    assert kinds >= {
        "index",
        "news_list",
        "news_detail",
        "feed",
        "regulation",
        "regulation_pdf",
        "roadmap_pdf",
        "practice",
        "practice_file",
    }
    for path in pages:
        match = resolve(urlparse(path).path)
        assert match.namespace == "public", f"private page linked from the public page: {path}"
        assert not path.startswith("/media/")
    forbidden = _forbidden(school)
    for path, text in pages.items():
        for name in forbidden:
            assert name not in text, f"«{name}» on {path}"
    everything = " ".join(pages.values())
    assert "Лебедева Ольга Николаевна" in everything
    assert "(имя скрыто)" in everything


def test_private_urls_are_not_reachable_by_guessing_from_public_ids(school, client):
    practice = school.best_practices.filter(material__isnull=False).first()
    for name, args in [
        ("library:file", [practice.material.uuid]),
        ("library:detail", [practice.material.uuid]),
        ("regulation:pdf", [Regulation.objects.get(organization=school).uuid]),
        ("pairs:pair_detail", [school.best_practices.get(pair__isnull=False).pair.uuid]),
    ]:
        response = client.get(reverse(name, args=args))
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_unpublished_page_and_its_documents_are_not_found(school, client):
    regulation = Regulation.objects.get(organization=school)
    f.published_page(school, is_published=False)
    for name, args in [
        ("public:index", []),
        ("public:regulation_pdf", [regulation.uuid]),
        ("public:feed", []),
    ]:
        assert client.get(reverse(name, args=[school.slug, *args])).status_code == 404
    assert client.get(reverse("public:index", args=["no-such-school"])).status_code == 404


def test_private_material_and_draft_regulation_are_not_public(world, client):
    f.published_page(world.org)
    hidden = f.material(world.org, with_file=True)
    practice = actions.practice_mark_material(hidden, actor=curator_of(world.org))  # not public
    draft = f.draft_regulation(world.org)
    slug = world.org.slug
    assert client.get(reverse("public:practice", args=[slug, practice.uuid])).status_code == 404
    assert client.get(reverse("public:practice_file", args=[slug, practice.uuid])).status_code == 404
    assert client.get(reverse("public:regulation", args=[slug, draft.uuid])).status_code == 404
    # Another school's approved Положение is not reachable under this school's address.
    other = f.approved_regulation(world.other_org)
    assert client.get(reverse("public:regulation", args=[slug, other.uuid])).status_code == 404


def test_withdrawn_consent_removes_the_name_at_once_even_from_a_cached_page(school, client):
    index = reverse("public:index", args=[school.slug])
    first = client.get(index)
    assert "Лебедева Ольга Николаевна" in first.content.decode()
    etag = first["ETag"]
    assert client.get(index, HTTP_IF_NONE_MATCH=etag).status_code == 304
    consenting = Person.objects.get(organization=school, last_name="Лебедева")
    Consent.objects.filter(person=consenting, kind="dissemination").update(withdrawn_on=timezone.localdate())
    second = client.get(index, HTTP_IF_NONE_MATCH=etag)
    assert second.status_code == 200
    text = second.content.decode()
    assert "Лебедева" not in text and "Лебедев" not in text
    assert second["ETag"] != etag


def test_full_withdrawal_anonymizes_and_leaves_no_name_anywhere_public(school, client):
    consenting = Person.objects.get(organization=school, last_name="Лебедева")
    client.get(reverse("public:index", args=[school.slug]))
    consent_withdraw(consenting, actor=curator_of(school))
    pages = crawl(client, reverse("public:index", args=[school.slug]))
    assert not any("Лебедев" in text for text in pages.values())


def test_expired_dissemination_consent_hides_the_mentor(school, client):
    consenting = Person.objects.get(organization=school, last_name="Лебедева")
    Consent.objects.filter(person=consenting, kind="dissemination").update(
        signed_on=timezone.localdate() - timedelta(days=400),
        valid_until=timezone.localdate() - timedelta(days=1),
    )
    assert "Лебедева" not in client.get(reverse("public:index", args=[school.slug])).content.decode()


def test_page_is_cacheable_and_changes_invalidate_it(school, client):
    index = reverse("public:index", args=[school.slug])
    response = client.get(index)
    assert response["Cache-Control"] == "public, no-cache"
    etag = response["ETag"]
    assert client.get(index, HTTP_IF_NONE_MATCH=etag).status_code == 304
    item = f.news(school, "Свежая новость", "Текст")
    fresh = client.get(index, HTTP_IF_NONE_MATCH=etag)
    assert fresh.status_code == 200 and "Свежая новость" in fresh.content.decode()
    item.is_published = False
    item.save()
    assert "Свежая новость" not in client.get(index).content.decode()
    # An unchanged page costs the page lookup and the state query.
    etag = client.get(index)["ETag"]
    with CaptureQueriesContext(connection) as captured:
        assert client.get(index, HTTP_IF_NONE_MATCH=etag).status_code == 304
    assert len(captured) == 2


def test_figures_follow_pairs_without_names(school, client):
    index = reverse("public:index", args=[school.slug])
    before = client.get(index).content.decode()
    mentor = MentorFactory(organization=school, person=_person(school, "Гусева", "Вера", "Олеговна"))
    mentee = MenteeFactory(person=_person(school, "Котов", "Олег", "Иванович", gender="m"))
    give_consent(mentor.person)
    give_consent(mentee.person)
    make_pair(school, [mentor], [mentee], status=Pair.Status.ACTIVE)
    after = client.get(index).content.decode()
    assert after != before
    assert "Гусева" not in after and "Котов" not in after


def test_index_queries_do_not_grow_with_content(school, client):
    index = reverse("public:index", args=[school.slug])

    def count() -> int:
        cache.clear()
        with CaptureQueriesContext(connection) as captured:
            assert client.get(index).status_code == 200
        return len(captured)

    count()  # the first request of a test loads what every later one finds cached
    small = count()
    for i in range(4):
        f.news(school, f"Новость {i}")
        f.public_practice(school, title=f"Практика {i}", author=Person.objects.get(last_name="Лебедева"))
        person = _person(school, f"Наставникова{i}", "Ирина", "Павловна")
        f.dissemination_consent(person)
        MentorFactory(person=person, status=Mentor.Status.ACTIVE)
    # Fewer is fine: when only material practices are shown, their pairs' mentors are not loaded.
    assert count() <= small


def test_news_list_queries_do_not_grow(school, client):
    path = reverse("public:news_list", args=[school.slug])

    def count() -> int:
        cache.clear()
        with CaptureQueriesContext(connection) as captured:
            assert client.get(path).status_code == 200
        return len(captured)

    small = count()
    for i in range(6):
        f.news(school, f"Новость {i}")
    assert count() == small


def test_feed_is_atom_with_masked_names_and_no_authors(school, client):
    response = client.get(reverse("public:feed", args=[school.slug]))
    assert response["Content-Type"].startswith("application/atom+xml")
    text = response.content.decode()
    assert "<feed" in text and "Благодарность" in text
    assert "Лебедеву Ольгу Николаевну" in text
    assert "Орлов" not in text and "(имя скрыто)" in text
    assert Person.objects.get(user=curator_of(school)).last_name not in text


def test_embed_may_be_framed_by_the_school_site_only(school, client):
    school.website = "https://school7.example.ru/nastavnichestvo"
    school.save()
    response = client.get(reverse("public:embed", args=[school.slug]))
    assert response.status_code == 200
    assert "X-Frame-Options" not in response
    assert "frame-ancestors 'self' https://school7.example.ru" in response["Content-Security-Policy"]
    # Other pages keep refusing frames.
    index = client.get(reverse("public:index", args=[school.slug]))
    assert index["X-Frame-Options"] == "DENY"


def test_public_regulation_pdf_masks_names_while_the_approved_copy_keeps_them(school, client, login):
    regulation = Regulation.objects.get(organization=school)
    public = _text(client.get(reverse("public:regulation_pdf", args=[school.slug, regulation.uuid])))
    assert "Белова" not in public and "УТВЕРЖДЕНО" in public and "7-од" in public
    login(curator_of(school))
    internal = _text(client.get(reverse("regulation:pdf", args=[regulation.uuid])))
    assert "Белова Нина Петровна" in internal


def test_public_roadmap_names_only_consenting_responsible_staff_and_no_signature(school, client):
    from roadmap.models import Roadmap

    roadmap = Roadmap.objects.get(organization=school)
    text = _text(client.get(reverse("public:roadmap_pdf", args=[school.slug, roadmap.uuid])))
    assert "Лебедева О.Н." in text
    assert "Белова" not in text
    assert "Прохорова" not in text  # the director's signature is left off the public copy


@pytest.mark.parametrize(
    ("count", "pairs", "mentors", "completed", "mentees"),
    [
        (
            1,
            "наставническая пара (группа) работает",
            "наставник в действующих парах",
            "пара завершила программу",
            "наставляемый прошёл программу",
        ),
        (
            2,
            "наставнические пары (группы) работают",
            "наставника в действующих парах",
            "пары завершили программы",
            "наставляемых прошли программы",
        ),
        (
            5,
            "наставнических пар (групп) работают",
            "наставников в действующих парах",
            "пар завершили программы",
            "наставляемых прошли программы",
        ),
        (
            21,
            "наставническая пара (группа) работает",
            "наставник в действующих парах",
            "пара завершила программу",
            "наставляемый прошёл программу",
        ),
    ],
)
def test_figure_captions_agree_with_the_figures(count, pairs, mentors, completed, mentees):
    captions = Figures(count, count, count, count, count, count).captions
    assert captions["pairs_active"] == pairs
    assert captions["mentors_active"] == mentors
    assert captions["pairs_completed"] == completed
    assert captions["mentees_completed"] == mentees


def test_one_active_pair_is_written_in_the_singular_on_the_page_and_the_embed(school, client):
    mentor = MentorFactory(organization=school, person=_person(school, "Гусева", "Вера", "Олеговна"))
    mentee = MenteeFactory(person=_person(school, "Котов", "Олег", "Иванович", gender="m"))
    give_consent(mentor.person)
    give_consent(mentee.person)
    make_pair(school, [mentor], [mentee], status=Pair.Status.ACTIVE)
    page = client.get(reverse("public:index", args=[school.slug])).content.decode()
    assert "наставническая пара (группа) работает" in page
    assert "наставник в действующих парах" in page and "наставников в действующих парах" not in page
    embed = client.get(reverse("public:embed", args=[school.slug])).content.decode()
    assert "пара (группа) работает" in embed and "пар и групп" not in embed
    client.cookies["vi"] = "1"
    assert (
        "наставник в действующих парах"
        in client.get(reverse("public:index", args=[school.slug])).content.decode()
    )
