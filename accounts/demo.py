"""Demo accounts (README, "Cuentas de demostración"), all with the password ``cocrea-demo``.

The demo accounts are confirmed members of their municipality, with confirmed addresses. Talcahuano lists its
institutional domain, and one person waits in its pending list, so the coordinator has a decision to take.
"""

from django.utils import timezone

from .models import Membership, Municipality, MunicipalityDomain, User
from .roles import COORDINATOR, MINISTRY, OFFICIAL, TRAINER

DEMO_PASSWORD = "cocrea-demo"

DEMO_ACCOUNTS = [
    # email, given names, surnames, CUT code of the municipality, position, role, superuser
    ("admin@cocrea.test", "Equipo", "Cocrea", None, "Administración de la plataforma", None, True),
    ("ministerio@cocrea.test", "Patricio", "Soto Rivas", None, "Subsecretaría de Transportes", MINISTRY, False),
    (
        "coordinacion.talcahuano@cocrea.test",
        "Carolina",
        "Fuentes Araya",
        "08110",
        "Secplan, coordinación de capacitación",
        COORDINATOR,
        False,
    ),
    ("formadora@cocrea.test", "Valentina", "Muñoz Sepúlveda", None, "Equipo formador del programa", TRAINER, False),
    (
        "funcionaria@cocrea.test",
        "María José",
        "Ñúñez Muñoz",
        "08110",
        "Dirección de Tránsito y Transporte Público",
        OFFICIAL,
        False,
    ),
]


#: Institutional email domains of the demo's municipalities, by CUT code.
DEMO_DOMAINS = [("08110", "talcahuano.cl")]

#: Someone who says they work in Talcahuano, with a confirmed address outside its domain: pending.
DEMO_PENDING = ("rodrigo.pino@correo.test", "Rodrigo Andrés", "Pino Lagos", "08110", "Departamento de Obras")


def load(stdout):
    municipalities = Municipality.objects.in_bulk(field_name="code")
    for code, domain in DEMO_DOMAINS:
        MunicipalityDomain.objects.get_or_create(domain=domain, defaults={"municipality": municipalities[code]})
    now = timezone.now()
    people = [(*account, Membership.CONFIRMED) for account in DEMO_ACCOUNTS]
    people.append((*DEMO_PENDING, OFFICIAL, False, Membership.PENDING))
    for email, first_name, last_name, code, position, role, superuser, membership in people:
        user, created = User.objects.get_or_create(
            email=email,
            defaults={
                "first_name": first_name,
                "last_name": last_name,
                "municipality": municipalities.get(code),
                "position": position,
                "is_superuser": superuser,
                "is_staff": superuser,
                "email_confirmed_at": now,
                "membership": membership,
                "membership_requested_at": now,
            },
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save(update_fields=["password"])
            if role:
                user.groups.add(role.group())
            stdout.write(f"  demo account {email}")
