"""Erasing a person's data also deletes stored report exports, which may carry their name."""

from django.dispatch import receiver

from accounts.signals import personal_data_erased


@receiver(personal_data_erased, dispatch_uid="reports.erase_exports")
def erase_exports(sender, user, **kwargs):
    from .models import ReportExport
    from .services import delete_exports

    delete_exports(ReportExport.objects.all())
