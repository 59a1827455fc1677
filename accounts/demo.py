"""Demo accounts (README, "Cuentas de demostración"), all with the password ``cocrea-demo``."""

from .models import Municipality, User
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


def load(stdout):
    municipalities = Municipality.objects.in_bulk(field_name="code")
    for email, first_name, last_name, code, position, role, superuser in DEMO_ACCOUNTS:
        user, created = User.objects.get_or_create(
            email=email,
            defaults={
                "first_name": first_name,
                "last_name": last_name,
                "municipality": municipalities.get(code),
                "position": position,
                "is_superuser": superuser,
                "is_staff": superuser,
            },
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save(update_fields=["password"])
            if role:
                user.groups.add(role.group())
            stdout.write(f"  demo account {email}")
