"""The catalogue page at /cursos/ and the review workflow every course goes through before it is published.

- "Cursos", a CourseIndexPage under the Spanish home page (skipped if the home page has a "cursos" child already).
- The "Ministerio" group (the ministry role, see accounts/roles.py) may add, edit, publish, lock and unlock pages
  under the catalogue: its members review and publish courses.
- The workflow "Revisión de cursos", one group-approval task for "Ministerio", attached to the catalogue so it
  covers every course. Trainers, who never hold ``publish_page``, submit to it.
"""

from django.db import migrations
from django.utils import timezone

MINISTRY_GROUP = "Ministerio"  # accounts.roles.MINISTRY.group_name, frozen here as migrations must be
REVIEWER_PERMISSIONS = ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"]
ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"  # treebeard's path alphabet (steplen 4)


def encode(number):
    digits = ""
    while number:
        number, remainder = divmod(number, len(ALPHABET))
        digits = ALPHABET[remainder] + digits
    return digits.rjust(4, "0")


def create_catalogue(apps, schema_editor):
    ContentType = apps.get_model("contenttypes.ContentType")
    Group = apps.get_model("auth.Group")
    Permission = apps.get_model("auth.Permission")
    Page = apps.get_model("wagtailcore.Page")
    GroupPagePermission = apps.get_model("wagtailcore.GroupPagePermission")
    Workflow = apps.get_model("wagtailcore.Workflow")
    WorkflowTask = apps.get_model("wagtailcore.WorkflowTask")
    WorkflowPage = apps.get_model("wagtailcore.WorkflowPage")
    GroupApprovalTask = apps.get_model("wagtailcore.GroupApprovalTask")
    CourseIndexPage = apps.get_model("courses.CourseIndexPage")

    home = Page.objects.filter(depth=2, content_type__app_label="home", locale__language_code="es").first()
    if home is None:
        return
    children = Page.objects.filter(path__startswith=home.path, depth=home.depth + 1)
    if children.filter(slug="cursos").exists():
        return
    last = children.order_by("-path").first()
    position = int(last.path[-4:], 36) + 1 if last else 1
    now = timezone.now()
    catalogue = CourseIndexPage.objects.create(
        title="Cursos",
        draft_title="Cursos",
        slug="cursos",
        intro="Cursos breves para aplicar en su comuna las herramientas de co-creación del programa.",
        content_type=ContentType.objects.get_or_create(app_label="courses", model="courseindexpage")[0],
        path=home.path + encode(position),
        depth=home.depth + 1,
        numchild=0,
        url_path=f"{home.url_path}cursos/",
        locale_id=home.locale_id,
        live=True,
        first_published_at=now,
        last_published_at=now,
    )
    Page.objects.filter(pk=home.pk).update(numchild=children.count())

    ministry = Group.objects.get_or_create(name=MINISTRY_GROUP)[0]
    for permission in Permission.objects.filter(
        content_type__app_label="wagtailcore", codename__in=REVIEWER_PERMISSIONS
    ):
        GroupPagePermission.objects.create(group=ministry, page_id=catalogue.pk, permission=permission)

    workflow = Workflow.objects.create(name="Revisión de cursos", active=True)
    task = GroupApprovalTask.objects.create(
        name="Aprobación del ministerio",
        active=True,
        content_type=ContentType.objects.get_or_create(app_label="wagtailcore", model="groupapprovaltask")[0],
    )
    task.groups.add(ministry)
    WorkflowTask.objects.create(workflow=workflow, task_id=task.pk, sort_order=0)
    WorkflowPage.objects.create(workflow=workflow, page_id=catalogue.pk)


class Migration(migrations.Migration):
    dependencies = [
        ("courses", "0001_initial"),
        ("home", "0002_create_home_page"),
    ]

    operations = [migrations.RunPython(create_catalogue, migrations.RunPython.noop)]
