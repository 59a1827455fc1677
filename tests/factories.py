"""factory_boy factories for tests."""

import factory
from django.contrib.auth import get_user_model
from django.utils import timezone

from accounts.models import Membership, Municipality

PASSWORD = "una-clave-segura-2014"


class UserFactory(factory.django.DjangoModelFactory):
    """A person; ``role=OFFICIAL`` (or another role from ``accounts.roles``) puts them in that role's group."""

    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"persona{n}@municipio.test")
    first_name = factory.Faker("first_name", locale="es_CL")
    last_name = factory.Faker("last_name", locale="es_CL")
    municipality = factory.LazyFunction(lambda: Municipality.objects.get(code="08110"))
    position = "Dirección de Tránsito"
    password = factory.django.Password(PASSWORD)
    # A confirmed member with a confirmed address, as most tests need; pass ``membership=Membership.PENDING`` or
    # ``email_confirmed_at=None`` for a newcomer.
    email_confirmed_at = factory.LazyFunction(timezone.now)
    membership = Membership.CONFIRMED

    @factory.post_generation
    def role(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.groups.add(extracted.group())
