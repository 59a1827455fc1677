"""Who writes which course.

Each course has its own group (``CourseTeam``) holding Wagtail's ``add_page`` and ``change_page`` on the course
page (which cover its modules and items) and the right to upload and choose images and documents in the course's
own collection. The group's members are the course's ``trainers``; they are kept in step when a course is created
in the admin and each time it is published, so a change of trainers takes effect once a reviewer approves it.

Trainers never get ``publish_page``: their changes go through the "Revisión de cursos" workflow on the catalogue
(created by migration ``0002``), where the ministry group approves and publishes.
"""

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission

from .models import CourseTeam

PAGE_PERMISSIONS = ("add_page", "change_page")
COLLECTION_PERMISSIONS = (
    ("wagtailimages", "add_image"),
    ("wagtailimages", "change_image"),
    ("wagtailimages", "choose_image"),
    ("wagtaildocs", "add_document"),
    ("wagtaildocs", "change_document"),
    ("wagtaildocs", "choose_document"),
)


def team_name(course):
    # Group names are unique: the id keeps two courses with the same title apart.
    return f"Curso {course.pk}: {course.title}"[:150]


@transaction.atomic
def sync_course_team(course):
    """Create or update the course's group and collection, their permissions, and the group's members."""
    team = CourseTeam.objects.select_related("group", "collection").filter(course=course).first()
    if team is None:
        group = Group.objects.create(name=team_name(course))
        collection = Collection.get_first_root_node().add_child(name=course.title[:255])
        team = CourseTeam.objects.create(course=course, group=group, collection=collection)
    else:
        if team.group.name != team_name(course):
            team.group.name = team_name(course)
            team.group.save(update_fields=["name"])
        if team.collection.name != course.title[:255]:
            team.collection.name = course.title[:255]
            team.collection.save(update_fields=["name"])

    for permission in Permission.objects.filter(content_type__app_label="wagtailcore", codename__in=PAGE_PERMISSIONS):
        GroupPagePermission.objects.get_or_create(group=team.group, page=course, permission=permission)
    for app_label, codename in COLLECTION_PERMISSIONS:
        permission = Permission.objects.get(content_type__app_label=app_label, codename=codename)
        GroupCollectionPermission.objects.get_or_create(
            group=team.group, collection=team.collection, permission=permission
        )
    team.group.user_set.set(course.trainers.all())
    return team
