from django.contrib.auth.models import Group
from django.core.management import call_command
from django.db.models import Prefetch
from django.test import RequestFactory

from accounts.demo import DEMO_ACCOUNTS, DEMO_PASSWORD
from accounts.models import User
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
