"""Who may see and run which cohorts, decided on the server for every request.

- Ministry staff (``accounts.view_all_municipality_records``) and superusers: every cohort, any municipality.
- A municipal coordinator (``accounts.view_own_municipality_records`` and a confirmed membership): the cohorts that
  include their municipality, and only their municipality's people in them; they create and edit cohorts of their
  own municipality only (a cohort the ministry opened to several comunas is theirs to read, not to edit).
- Anyone else: no cohort (403).
"""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.http import Http404

from reports.scope import Reach, ReportScope

from .models import Cohort


@dataclass(frozen=True)
class CohortAccess:
    user: object
    is_ministry: bool

    @classmethod
    def of(cls, user):
        """The access of ``user``, decided by the reports' rule for ministry staff and coordinators, or
        ``PermissionDenied`` for someone who runs no cohort (a trainer's reports give no cohort)."""
        scope = ReportScope.of(user)
        if scope.reach is Reach.TRAINER:
            raise PermissionDenied
        return cls(user, scope.is_ministry)

    def cohorts(self):
        cohorts = Cohort.objects.select_related("course")
        if self.is_ministry:
            return cohorts
        return cohorts.filter(municipalities=self.user.municipality_id)

    def cohort(self, pk):
        """The cohort ``pk`` if this person may see it; 404 otherwise (another comuna's cohort does not exist)."""
        cohort = self.cohorts().prefetch_related("municipalities").filter(pk=pk).first()
        if cohort is None:
            raise Http404
        return cohort

    def municipality_ids(self, cohort):
        """The cohort's municipalities this person sees (a coordinator: their own only)."""
        ids = [municipality.pk for municipality in cohort.municipalities.all()]
        if self.is_ministry:
            return ids
        return [pk for pk in ids if pk == self.user.municipality_id]

    def may_edit(self, cohort):
        if self.is_ministry:
            return True
        return {m.pk for m in cohort.municipalities.all()} == {self.user.municipality_id}
