"""Who writes and who publishes the toolkit's methods: the same review as courses.

Trainers add and edit methods (``add_page`` and ``change_page`` on the library page, which cover its methods) and
submit them to the "Revisión de métodos" workflow; ministry staff hold ``publish_page`` there and approve (which
publishes) or request changes, with the same "Aprobación del ministerio" task that reviews courses. Applied to
every library page when it is created in the admin (``wagtail_hooks``), by the demo, and after every migration
for the libraries that already exist (``apps.py``); applying it again changes nothing.
"""

from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from wagtail.models import GroupApprovalTask, GroupPagePermission, Workflow, WorkflowPage, WorkflowTask

from accounts.roles import MINISTRY, TRAINER

WORKFLOW_NAME = "Revisión de métodos"
TASK_NAME = "Aprobación del ministerio"  # shared with "Revisión de cursos" (courses/migrations/0002)
WRITER_PERMISSIONS = ("add_page", "change_page")
REVIEWER_PERMISSIONS = ("add_page", "change_page", "publish_page", "lock_page", "unlock_page")


def review_workflow():
    """The methods' workflow, with the ministry's approval task (made here if the courses' one is missing)."""
    ministry = MINISTRY.group()
    workflow, created = Workflow.objects.get_or_create(name=WORKFLOW_NAME, defaults={"active": True})
    if created or not workflow.workflow_tasks.exists():
        task = GroupApprovalTask.objects.filter(name=TASK_NAME, groups=ministry).first()
        if task is None:
            task = GroupApprovalTask.objects.create(name=TASK_NAME)
            task.groups.add(ministry)
        WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    return workflow


@transaction.atomic
def open_to_review(index):
    """Give trainers and ministry staff their rights on the library ``index`` and put it under the workflow."""
    permissions = {
        permission.codename: permission
        for permission in Permission.objects.filter(
            content_type=ContentType.objects.get_by_natural_key("wagtailcore", "page"),
            codename__in=REVIEWER_PERMISSIONS,
        )
    }
    for role, codenames in ((TRAINER, WRITER_PERMISSIONS), (MINISTRY, REVIEWER_PERMISSIONS)):
        group = role.group()
        for codename in codenames:
            GroupPagePermission.objects.get_or_create(group=group, page=index, permission=permissions[codename])
    if not WorkflowPage.objects.filter(page=index).exists():
        WorkflowPage.objects.create(page=index, workflow=review_workflow())


def open_every_library(**kwargs):
    from .models import ToolkitIndexPage

    for index in ToolkitIndexPage.objects.all():
        open_to_review(index)
