from django.contrib.auth.models import Group
from django.core.management import call_command
from django.db.models import Prefetch
from django.test import RequestFactory

from accounts.demo import DEMO_ACCOUNTS, DEMO_DOMAINS, DEMO_PASSWORD, DEMO_PENDING
from accounts.models import MunicipalityDomain, User, confirmed_member
from accounts.roles import COORDINATOR, MINISTRY, OFFICIAL, TRAINER


def test_demo_accounts_sign_in_with_their_roles(client, demo):
    for email, *_rest in DEMO_ACCOUNTS:
        # django-axes throttles sign-ins per client, so authenticate() needs the request it comes from.
        assert client.login(request=RequestFactory().post("/cuenta/ingresar/"), username=email, password=DEMO_PASSWORD)
        client.logout()
    assert User.objects.get(email="admin@cocrea.test").is_superuser
    # Role groups only: the trainer is also in the editing group of each demo course (courses.authoring).
    role_groups = Prefetch("groups", queryset=Group.objects.filter(course_team__isnull=True))
    groups = {u.email: {g.name for g in u.groups.all()} for u in User.objects.prefetch_related(role_groups)}
    assert groups["ministerio@cocrea.test"] == {MINISTRY.group_name}
    assert groups["coordinacion.talcahuano@cocrea.test"] == {COORDINATOR.group_name}
    assert groups["formadora@cocrea.test"] == {TRAINER.group_name}
    assert groups["funcionaria@cocrea.test"] == {OFFICIAL.group_name}
    assert User.objects.get(email="funcionaria@cocrea.test").municipality.name == "Talcahuano"
    assert User.objects.get(email="coordinacion.talcahuano@cocrea.test").municipality.code == "08110"


def test_demo_people_are_confirmed_members_and_talcahuano_has_one_pending(client, demo):
    officials = User.objects.filter(municipality__isnull=False, groups__name=OFFICIAL.group_name)
    assert officials.count() > 20
    assert set(officials.exclude(confirmed_member()).values_list("email", flat=True)) == {DEMO_PENDING[0]}
    assert all(User.objects.get(email=email).email_confirmed_at for email, *_rest in DEMO_ACCOUNTS)
    assert list(MunicipalityDomain.objects.values_list("municipality__code", "domain")) == DEMO_DOMAINS
    client.force_login(User.objects.get(email="coordinacion.talcahuano@cocrea.test"))
    report = client.get("/reportes/comunas/08110/").content.decode()
    assert "1 persona dice trabajar aquí y está <strong>pendiente</strong>" in report
    assert "Rodrigo Andrés Pino Lagos" not in report
    assert "Rodrigo Andrés Pino Lagos" in client.get("/cuenta/comunas/08110/pendientes/").content.decode()


def test_loading_the_demo_twice_keeps_what_is_there(home_page, demo):
    official = User.objects.get(email="funcionaria@cocrea.test")
    official.position = "Cambiado a mano"
    official.save()
    users, pages = User.objects.count(), type(home_page).objects.count()
    call_command("load_demo", stdout=_Null())
    assert User.objects.count() == users
    assert type(home_page).objects.count() == pages
    official.refresh_from_db()
    assert official.position == "Cambiado a mano"


class _Null:
    def write(self, *args, **kwargs):
        pass
