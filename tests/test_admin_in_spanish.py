"""The admin a trainer and ministry staff use is in Spanish, in one register (usted), Wagtail's screens included.

Wagtail 8's Spanish catalogue lacks a few hundred of its strings ("Exploring", "Search all pages…", "108 Pages")
and speaks "tú"; ``wagtail_es/locale`` supplies them (see ``LOCALE_PATHS``). This test opens every admin screen
those people use and fails on English words of Wagtail's interface, on any of the project's own msgids shown
untranslated, and on the informal register.
"""

import re
from pathlib import Path

import polib
import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from courses.authoring import sync_course_team
from courses.models import LessonPage
from tests.courses.admin_forms import page_form
from tests.courses.factories import build_course, lessons_of
from tests.quizzes.factories import build_quiz
from toolkits.authoring import open_to_review
from toolkits.models import ToolkitIndexPage

ROOT = Path(__file__).resolve().parents[1]

# Words of Wagtail's admin interface that have no place in a Spanish screen (whole words, case-sensitive).
ENGLISH = re.compile(
    r"\b(Pages?|Images?|Documents?|Snippets?|Search|Exploring|Filter|Filters|Save|Saved|Selected|Delete|Edit|"
    r"Preview|Publish|Unpublish|Submit|Approve|Cancel|Choose|Upload|Settings|Status|Draft|Live|Locking|Locked|"
    r"Referenced|Checks|Words|Reading time|Readability|Autosave|editor guide|Comments?|Dashboard|Workflows?|"
    r"Updated|Actions|Toggle|Sort|Date|Owner|Edited by|Any|None|Show|Hide|Help|Account|Log out|History|Add|"
    r"Copy|Move|Remove|Title|Type|Privacy|Usage|Content|Promote|Loading|Refresh|Close|Back|Next|Previous|"
    r"of|the|and|your|you|this|has been|could not|Yes|created|Site summary|Keyboard|Shortcuts)\b"
)
# The informal register, which the site never uses with the people it addresses.
INFORMAL = re.compile(
    r"\b(tu|tus|tú|quieres|puedes|tienes|estás|Selecciona|Elige|Introduce|Añade|Escribe|Corrige|Revisa|"
    r"Establece|Guarda|Sube|Haz|Olvidaste|Esperando tu)\b"
)
ATTRIBUTES = ("aria-label", "title", "placeholder", "alt", "data-w-tooltip-content-value")


def project_msgids():
    """The project's own interface strings (two words or more) whose Spanish differs from the English."""
    catalogues = [*ROOT.glob("*/locale/es/LC_MESSAGES/django.po"), ROOT / "locale/es/LC_MESSAGES/django.po"]
    return {
        entry.msgid
        for path in catalogues
        if not path.parts[-5].startswith("wagtail_es")
        for entry in polib.pofile(str(path))
        if " " in entry.msgid and entry.msgstr and entry.msgstr != entry.msgid and "%" not in entry.msgid
    }


def visible_text(html):
    soup = BeautifulSoup(html, "html.parser")
    for hidden in [*soup(["script", "style", "template", "noscript"]), *soup.find_all(hidden=True)]:
        hidden.decompose()
    # Things Wagtail shows as they are: the version, key names in the shortcuts dialog, code samples.
    for verbatim in soup.select("kbd, code, .w-dialog--shortcuts, [data-w-upgrade-target]"):
        verbatim.decompose()
    texts = [soup.get_text(" ", strip=True)]
    texts += [str(tag[name]) for name in ATTRIBUTES for tag in soup.find_all(attrs={name: True})]
    return re.sub(r"\bWagtail( [\d.]+)?\b", "", " \n ".join(texts))


@pytest.fixture
def authored(trainer, home_page):
    course = build_course(modules=1, lessons=2, trainers=[trainer])
    sync_course_team(course)
    module = course.get_children().first()
    quiz = build_quiz(module.specific, title="Evaluación del módulo")
    toolkit = ToolkitIndexPage(title="Herramientas", slug="herramientas")
    home_page.add_child(instance=toolkit)
    toolkit.save_revision().publish()
    open_to_review(toolkit)
    return course, module, lessons_of(course)[0], quiz, toolkit


def trainer_screens(course, module, lesson, quiz, toolkit):
    return [
        "/admin/",
        f"/admin/pages/{course.pk}/",
        f"/admin/pages/{module.pk}/",
        reverse("wagtailadmin_pages:edit", args=[course.pk]),
        reverse("wagtailadmin_pages:edit", args=[module.pk]),
        reverse("wagtailadmin_pages:edit", args=[lesson.pk]),
        reverse("wagtailadmin_pages:edit", args=[quiz.pk]),
        reverse("wagtailadmin_pages:add_subpage", args=[module.pk]),
        reverse("wagtailadmin_pages:add", args=["courses", "lessonpage", module.pk]),
        reverse("wagtailadmin_pages:history", args=[lesson.pk]),
        "/admin/pages/search/?q=entrevista",
        "/admin/images/",
        "/admin/documents/",
        "/admin/account/",
        "/admin/snippets/quizzes/bankquestion/",
        f"/admin/pages/{toolkit.pk}/",
        reverse("wagtailadmin_pages:add", args=["toolkits", "methodpage", toolkit.pk]),
    ]


def ministry_screens(course, module, lesson, quiz, toolkit):
    return [
        "/admin/",
        f"/admin/pages/{course.get_parent().pk}/",
        f"/admin/pages/{course.pk}/",
        reverse("wagtailadmin_pages:edit", args=[course.pk]),
        reverse("wagtailadmin_pages:edit", args=[lesson.pk]),
        reverse("wagtailadmin_pages:add", args=["toolkits", "methodpage", toolkit.pk]),
        "/admin/snippets/courses/topic/",
        "/admin/reports/locked/",
        "/admin/account/",
    ]


def english_on(client, url, msgids):
    response = client.get(url)
    assert response.status_code == 200, url
    text = visible_text(response.content.decode())
    found = sorted({match.group(0) for match in ENGLISH.finditer(text)})
    found += sorted(msgid for msgid in msgids if msgid in text)
    informal = sorted({match.group(0) for match in INFORMAL.finditer(text)})
    return found, informal


@pytest.mark.parametrize("role", ["trainer", "ministry"])
def test_the_admin_speaks_spanish_with_usted_on_every_screen_used(client, request, role, authored):
    client.force_login(request.getfixturevalue(role))
    screens = trainer_screens(*authored) if role == "trainer" else ministry_screens(*authored)
    msgids = project_msgids()
    problems = {}
    for url in screens:
        english, informal = english_on(client, url, msgids)
        if english or informal:
            problems[url] = {"English": english, "tú": informal}
    assert problems == {}


def test_a_page_refused_for_validation_errors_says_so_in_spanish(client, trainer, authored):
    course, module, *_ = authored
    client.force_login(trainer)
    add_url = reverse("wagtailadmin_pages:add", args=["courses", "lessonpage", module.pk])
    response = client.post(add_url, page_form(client, add_url, LessonPage, title="", estimated_minutes="10"))
    text = visible_text(response.content.decode())
    assert "No se pudo crear la página porque hay errores de validación." in text
    assert not ENGLISH.search(text), ENGLISH.findall(text)


def test_wagtail_strings_supplied_here_never_shadow_the_project_s_own():
    """``wagtail_es`` only fills Wagtail's gaps: a msgid the project translates itself stays the project's."""
    ours = {
        (entry.msgctxt, entry.msgid)
        for path in [*ROOT.glob("*/locale/es/LC_MESSAGES/django.po"), ROOT / "locale/es/LC_MESSAGES/django.po"]
        if not str(path.relative_to(ROOT)).startswith("wagtail_es")
        for entry in polib.pofile(str(path))
    }
    supplied = {(e.msgctxt, e.msgid) for e in polib.pofile(str(ROOT / "wagtail_es/locale/es/LC_MESSAGES/django.po"))}
    assert ours & supplied == set()


def test_review_emails_are_in_spanish_with_usted(client, trainer, ministry, authored, mailoutbox):
    """Wagtail's workflow emails: the reviewer is told of a submission, the trainer of the changes requested."""
    _course, _module, lesson, *_ = authored
    edit_url = reverse("wagtailadmin_pages:edit", args=[lesson.pk])
    client.force_login(trainer)
    data = page_form(client, edit_url, LessonPage, title="Entrevistas en el paradero")
    data["action-submit"] = "action-submit"
    assert client.post(edit_url, data).status_code == 302
    client.force_login(ministry)
    task_state = lesson.current_workflow_state.current_task_state
    reject_url = f"/admin/pages/workflow/action/{lesson.pk}/reject/{task_state.pk}/"
    assert client.post(reject_url, {"comment": "Agregue un ejemplo local."}).status_code == 302

    to_ministry = [m for m in mailoutbox if ministry.email in m.to]
    to_trainer = [m for m in mailoutbox if trainer.email in m.to]
    assert to_ministry and to_trainer
    submitted = to_ministry[0]
    assert "Se envió" in submitted.subject or "enviad" in submitted.subject, submitted.subject
    assert "Puede editar la página aquí:" in submitted.body
    assert "Agregue un ejemplo local." in to_trainer[-1].body
    for message in [*to_ministry, *to_trainer]:
        text = f"{message.subject}\n{message.body}"
        assert not ENGLISH.search(text), (ENGLISH.findall(text), text)
        assert not INFORMAL.search(text), (INFORMAL.findall(text), text)
