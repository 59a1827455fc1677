"""What the cohorts app does when something happens: an erased person's reminder preferences and history go; a
change to a cohort or an announcement starts a new generation of what learners' pages keep of them."""

from django.db.models.signals import m2m_changed, post_delete, post_save

from accounts.signals import personal_data_erased

from .kept import COHORTS
from .models import Announcement, Cohort
from .personal_data import erase_invitations, erase_reminders


def connect():
    personal_data_erased.connect(erase_reminders, dispatch_uid="cohorts.erase_reminders")
    personal_data_erased.connect(erase_invitations, dispatch_uid="cohorts.erase_invitations")
    for model in (Cohort, Announcement):
        post_save.connect(COHORTS.bump, sender=model, dispatch_uid=f"cohorts.kept.saved.{model.__name__}")
        post_delete.connect(COHORTS.bump, sender=model, dispatch_uid=f"cohorts.kept.deleted.{model.__name__}")
    m2m_changed.connect(COHORTS.bump, sender=Cohort.municipalities.through, dispatch_uid="cohorts.kept.comunas")
