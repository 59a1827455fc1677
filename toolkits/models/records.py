"""What officials record about the library: the times they used a method (learner records, not content)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from accounts.models import Municipality

from .pages import MethodPage


class MethodUseQuerySet(models.QuerySet):
    def summary(self):
        """``{"times": n, "municipalities": m}``: what the public sees, counts and never names."""
        return self.aggregate(times=models.Count("pk"), municipalities=models.Count("municipality", distinct=True))


class MethodUse(models.Model):
    """An official's "Usé este método": one per person, method and day, enforced by the database.

    The method is protected: a method that has been used cannot be deleted (unpublishing it keeps the record),
    because these are records people entered.
    """

    method = models.ForeignKey(MethodPage, verbose_name=_("method"), on_delete=models.PROTECT, related_name="uses")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE, related_name="method_uses"
    )
    municipality = models.ForeignKey(
        Municipality, verbose_name=_("municipality"), on_delete=models.PROTECT, related_name="method_uses"
    )
    used_on = models.DateField(_("date of use"))
    note = models.CharField(_("note"), max_length=280, blank=True)
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    objects = MethodUseQuerySet.as_manager()

    class Meta:
        verbose_name = _("use of a method")
        verbose_name_plural = _("uses of methods")
        ordering = ["-used_on", "-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["user", "method", "used_on"], name="one_use_per_user_method_and_day"),
        ]

    def __str__(self):
        return f"{self.method_id} · {self.used_on:%Y-%m-%d}"
