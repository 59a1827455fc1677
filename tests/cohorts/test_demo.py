"""The demo's cohorts: one open with reminders in its history, one closed; their pages open for the ministry."""

from django.utils import timezone

from accounts.models import User
from cohorts.models import Announcement, BulkImport, Cohort, Invitation, Reminder
from courses.models import Enrolment


def test_the_demo_has_an_open_and_a_closed_cohort_with_reminders(demo, client):
    today = timezone.localdate()
    open_cohorts = Cohort.objects.filter(closes_on__gte=today)
    closed = Cohort.objects.filter(closes_on__lt=today)
    assert open_cohorts.count() == 1 and closed.count() == 1
    assert Reminder.objects.filter(cohort__in=open_cohorts, status="sent").exists()
    client.force_login(User.objects.get(email="ministerio@cocrea.test"))
    for cohort in Cohort.objects.all():
        response = client.get(f"/convocatorias/{cohort.pk}/")
        assert response.status_code == 200 and cohort.title in response.content.decode()


def test_the_open_cohort_has_pending_invitations_its_coordinator_sees(demo, client):
    cohort = Cohort.objects.get(closes_on__gte=timezone.localdate())
    pending = Invitation.objects.filter(cohort=cohort, accepted_at__isnull=True, cancelled_at__isnull=True)
    assert pending.count() >= 3 and all(invitation.sent_at for invitation in pending)
    client.force_login(User.objects.get(email="coordinacion.talcahuano@cocrea.test"))
    page = client.get(f"/convocatorias/{cohort.pk}/").content.decode()
    assert "invitaciones pendientes" in page and pending.first().email in page
    bulk_import = BulkImport.objects.get(cohort=cohort)
    assert client.get(f"/convocatorias/{cohort.pk}/invitar/{bulk_import.pk}/").status_code == 200
    assert client.get(f"/convocatorias/{cohort.pk}/invitar/").status_code == 200


def test_the_open_cohort_has_an_announcement_its_people_see(demo, client):
    cohort = Cohort.objects.get(closes_on__gte=timezone.localdate())
    announcement = Announcement.objects.get(cohort=cohort)
    client.force_login(User.objects.get(email="ministerio@cocrea.test"))
    assert announcement.title in client.get(f"/convocatorias/{cohort.pk}/").content.decode()
    member = (
        Enrolment.objects.filter(course=cohort.course, user__municipality__in=cohort.municipalities.all())
        .select_related("user")
        .first()
        .user
    )
    client.force_login(member)
    assert announcement.title in client.get("/mi-aprendizaje/").content.decode()
