"""The platform's roles, kept as Django groups whose permissions are declared here.

Groups are synchronised after every migration (see ``apps.py``), so a fresh database, a test database and a
production upgrade all get the same roles. Permissions granted to a group by hand in the admin are kept; the ones
declared here are added if missing.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Role:
    key: str
    group_name: str
    description: str
    permissions: tuple[str, ...] = ()

    def group(self):
        from django.contrib.auth.models import Group

        return Group.objects.get_or_create(name=self.group_name)[0]


OFFICIAL = Role(
    "official",
    "Funcionarios municipales",
    _("Learn: enrol in courses, complete lessons and earn certificates."),
)
TRAINER = Role(
    "trainer",
    "Formadores",
    _("Write courses and methods in the admin; edit only the courses assigned to them."),
    (
        "wagtailadmin.access_admin",
        # The toolkit's vocabularies trainers extend (outcomes, participant types).
        "toolkits.add_outcome",
        "toolkits.change_outcome",
        "toolkits.add_participanttype",
        "toolkits.change_participanttype",
        # Certificate templates (wording, signatories, logos).
        "certificates.add_certificatetemplate",
        "certificates.change_certificatetemplate",
        # The question bank quizzes draw on.
        "quizzes.add_bankquestion",
        "quizzes.change_bankquestion",
        "quizzes.delete_bankquestion",
    ),
)
COORDINATOR = Role(
    "coordinator",
    "Coordinación municipal",
    _("Follow the progress of their municipality's officials."),
    ("accounts.view_own_municipality_records", "accounts.decide_membership"),
)
MINISTRY = Role(
    "ministry",
    "Ministerio",
    _("Follow progress across all municipalities and review publications."),
    (
        "wagtailadmin.access_admin",
        "accounts.view_all_municipality_records",
        # Who counts as an official of a municipality (a coordinator decides for their own only).
        "accounts.decide_membership",
        # The catalogue's topics are a shared vocabulary: the programme team keeps it, trainers choose from it.
        "courses.add_topic",
        "courses.change_topic",
        # Every certificate: download, revoke, re-issue, a course's ZIP.
        "certificates.manage_certificates",
    ),
)

ROLES = (OFFICIAL, TRAINER, COORDINATOR, MINISTRY)


def sync_role_groups():
    """Create the role groups and give them their declared permissions (idempotent)."""
    from django.contrib.auth.models import Permission
    from django.db.models import Q

    for role in ROLES:
        group = role.group()
        if not role.permissions:
            continue
        query = Q()
        for dotted in role.permissions:
            app_label, codename = dotted.split(".")
            query |= Q(content_type__app_label=app_label, codename=codename)
        group.permissions.add(*Permission.objects.filter(query))
