"""Methods go through review like courses: trainers write and submit, ministry staff approve or ask for changes."""

import pytest
from django.urls import reverse
from wagtail.models import GroupPagePermission, WorkflowState
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from toolkits.authoring import WORKFLOW_NAME, open_to_review
from toolkits.models import MethodPage, Outcome, ToolkitIndexPage


@pytest.fixture
def library(toolkit):
    open_to_review(toolkit)
    return toolkit


def method_form(title, slug, **changes):
    data = nested_form_data(
        {
            "title": title,
            "slug": slug,
            "what": "Un recorrido corto alrededor de un paradero.",
            "intent": "Quiero ver el paradero con los ojos de quien espera",
            "why": rich_text("<p>Porque se ve lo que no aparece en los reclamos.</p>"),
            "phase": "descubrir",
            "difficulty": "1",
            "duration_min": "60",
            "duration_max": "90",
            "duration_label": "",
            "group_min": "3",
            "group_max": "",
            "facilitation": rich_text("<p>Cualquier persona del equipo.</p>"),
            "materials": streamfield([]),
            "steps": streamfield([("step", {"title": "Camine", "text": rich_text("<p>Camine.</p>")})]),
            "worksheets": streamfield([]),
            "examples": streamfield([]),
            "pitfalls": streamfield([]),
            "legal": rich_text(""),
            "related": streamfield([]),
        }
    )
    data.update(
        component_values=["codiseno"],
        channel_values=["presencial"],
        outcomes=[Outcome.objects.get(slug="entender").pk],
        **changes,
    )
    return data


def in_review(page):
    return WorkflowState.objects.filter(object_id=str(page.pk), status=WorkflowState.STATUS_IN_PROGRESS).first()


def test_a_trainer_proposes_a_method_that_the_ministry_approves(client, trainer, ministry, library):
    client.force_login(trainer)
    add_url = reverse("wagtailadmin_pages:add", args=["toolkits", "methodpage", library.pk])
    publish = method_form("Caminata por el paradero", "caminata", **{"action-publish": "action-publish"})
    client.post(add_url, publish)
    method = MethodPage.objects.get(slug="caminata")
    assert not method.live, "trainers cannot publish"

    submit = method_form("Caminata por el paradero", "caminata", **{"action-submit": "action-submit"})
    response = client.post(reverse("wagtailadmin_pages:edit", args=[method.pk]), submit)
    assert response.status_code == 302
    state = in_review(method)
    assert state.workflow.name == WORKFLOW_NAME
    assert client.get(method.url or "/herramientas/caminata/").status_code == 404

    client.force_login(ministry)
    dashboard = client.get("/admin/").content.decode()
    assert "Caminata por el paradero" in dashboard
    task_state = state.current_task_state
    response = client.post(f"/admin/pages/workflow/action/{method.pk}/approve/{task_state.pk}/", {"comment": ""})
    assert response.status_code == 302
    method.refresh_from_db()
    assert method.live
    client.logout()
    assert "Caminata por el paradero" in client.get(method.url).content.decode()


def test_the_ministry_asks_for_changes_and_the_published_method_stays(client, trainer, ministry, library, make_method):
    method = make_method("Mapa de actores")
    client.force_login(trainer)
    edit_url = reverse("wagtailadmin_pages:edit", args=[method.pk])
    data = method_form("Mapa de actores del transporte", method.slug, **{"action-submit": "action-submit"})
    assert client.post(edit_url, data).status_code == 302

    client.force_login(ministry)
    task_state = in_review(method).current_task_state
    reject_url = f"/admin/pages/workflow/action/{method.pk}/reject/{task_state.pk}/"
    assert client.post(reject_url, {"comment": "Agregue un ejemplo de una comuna."}).status_code == 302
    method.refresh_from_db()
    assert method.title == "Mapa de actores" and method.live
    state = WorkflowState.objects.get(object_id=str(method.pk))
    assert state.status == WorkflowState.STATUS_NEEDS_CHANGES


def test_ministry_staff_publish_and_trainers_do_not(trainer, ministry, library, make_method):
    method = make_method()
    trainer_perms = method.permissions_for_user(trainer)
    ministry_perms = method.permissions_for_user(ministry)
    assert trainer_perms.can_edit() and not trainer_perms.can_publish()
    assert ministry_perms.can_edit() and ministry_perms.can_publish()
    assert library.permissions_for_user(trainer).can_add_subpage()


def test_opening_a_library_twice_changes_nothing(library):
    before = GroupPagePermission.objects.filter(page=library).count()
    open_to_review(library)
    assert GroupPagePermission.objects.filter(page=library).count() == before
    assert library.get_workflow().name == WORKFLOW_NAME


def test_a_library_created_in_the_admin_is_reviewed_from_the_start(client, superuser, home_page):
    client.force_login(superuser)
    add_url = reverse("wagtailadmin_pages:add", args=["toolkits", "toolkitindexpage", home_page.pk])
    data = nested_form_data({"title": "Herramientas", "slug": "herramientas", "intro": rich_text("")})
    data.update(
        {
            "intents-TOTAL_FORMS": "0",
            "intents-INITIAL_FORMS": "0",
            "intents-MIN_NUM_FORMS": "0",
            "intents-MAX_NUM_FORMS": "1000",
        }
    )
    response = client.post(add_url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    index = ToolkitIndexPage.objects.get(slug="herramientas")
    assert index.get_workflow().name == WORKFLOW_NAME
