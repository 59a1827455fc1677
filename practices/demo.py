"""The demo's applied practices: a "Práctica" at the end of two demo courses, and fourteen practices of demo
officials in eight comunas of Gran Concepción — most accepted and published (the map at ``/practicas/``), some
waiting in the trainers' queue, one sent back with changes requested, one still a draft.

The photos are drawings made here with Pillow (a bus stop, a street, a workshop table: flat shapes, no people),
stored through ``services.add_evidence`` like any upload. The demo items are optional, so the demo histories of
``reports.demo`` (completed courses with their certificates) keep their figures.

Idempotent: an item that exists (by slug, in its course) is kept; practices are made only when there are none.
"""

import io
import random
from datetime import timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from accounts.models import Membership, Municipality, User
from accounts.roles import OFFICIAL, TRAINER
from courses.models import CoursePage, Enrolment, ModulePage
from toolkits.models import MethodPage

from . import services
from .models import Practice, PracticeItemPage, Review

RUBRIC = [
    (
        "criterion",
        {
            "name": "Participación",
            "description": "Quiénes participaron, cómo se les convocó y si estuvieron quienes viven el problema.",
            "levels": [
                {"label": "Inicial", "description": "Participó solo el equipo municipal."},
                {"label": "En desarrollo", "description": "Vecinos, pero no quienes más usan el servicio."},
                {"label": "Logrado", "description": "Participaron vecinos, usuarios frecuentes y otros actores."},
            ],
        },
    ),
    (
        "criterion",
        {
            "name": "Uso del método",
            "description": "Si se siguieron los pasos del método y se adaptaron a la comuna.",
            "levels": [
                {"label": "Inicial", "description": "Se usó el nombre del método, no sus pasos."},
                {"label": "En desarrollo", "description": "Se siguieron los pasos principales."},
                {"label": "Logrado", "description": "Se siguieron y adaptaron con criterio."},
            ],
        },
    ),
    (
        "criterion",
        {
            "name": "Aprendizajes y próximos pasos",
            "description": "Qué se aprendió, qué cambió y qué viene, con responsables y fechas.",
            "levels": [
                {"label": "Inicial", "description": "Se describe la actividad, no lo aprendido."},
                {"label": "En desarrollo", "description": "Hay aprendizajes, sin próximos pasos claros."},
                {"label": "Logrado", "description": "Aprendizajes concretos y próximos pasos con responsables."},
            ],
        },
    ),
]

ITEMS = [
    {
        "course": "co-diseno-de-servicios-municipales",
        "slug": "practica-caminata-con-vecinos",
        "title": "Práctica: una actividad de co-diseño en su comuna",
        "summary": "Use un método del curso con vecinos de su comuna y cuente qué aprendieron.",
        "task": (
            "<p>Elija un servicio municipal de movilidad (un paradero, un cruce, un recorrido) y use con vecinos "
            "uno de los métodos del curso: una auditoría de caminata, entrevistas o un viaje acompañado en bus.</p>"
            "<p>Registre quiénes participaron, qué aprendieron y qué cambiará. Agregue al menos una foto del lugar "
            "(sin rostros) o el acta de la actividad.</p>"
        ),
    },
    {
        "course": "como-organizar-un-desafio-abierto",
        "slug": "practica-mesa-de-desafio",
        "title": "Práctica: una mesa para plantear un desafío",
        "summary": "Reúna a universidad, empresas y sociedad civil para formular un desafío de su comuna.",
        "task": (
            "<p>Convoque una mesa con al menos dos actores de fuera del municipio (universidad, empresa, sociedad "
            "civil) y formulen juntos un desafío abierto con la pregunta «¿Cómo podríamos…?».</p>"
            "<p>Registre la pregunta acordada, quiénes participaron y los próximos pasos de la convocatoria.</p>"
        ),
    },
]

# (comuna, course index, status, days ago, method slugs, title, place, participants, learned, changed, next steps)
PRACTICES = [
    (
        "08110",
        0,
        "aceptada",
        60,
        ["auditoria-de-caminata"],
        "Caminata de accesibilidad al paradero del hospital",
        "Paradero de Av. Colón frente al Hospital Las Higueras",
        {"participants_neighbours": 9, "participants_elderly": 6, "participants_public_services": 2},
        "Las personas mayores esperan de pie hasta veinte minutos: el paradero no tiene banca ni sombra, y la "
        "vereda se corta en la esquina.",
        "La Dirección de Tránsito pidió al Serviu una rampa en la esquina y se instaló una banca provisoria.",
        "Repetir la caminata en invierno, de noche, con la junta de vecinos del sector.",
    ),
    (
        "08110",
        1,
        "aceptada",
        45,
        ["como-podriamos", "mapa-de-actores"],
        "Mesa con universidades por la información de recorridos",
        "Sala de reuniones de la Secplan",
        {"participants_university": 4, "participants_firms": 2, "participants_civil_society": 3},
        "Los estudiantes no confían en los horarios impresos; la universidad tiene datos de conteo que nadie usa.",
        "Se acordó la pregunta: «¿Cómo podríamos avisar a tiempo a quienes esperan la micro en los cerros?».",
        "Publicar las bases del desafío en marzo; la universidad aporta mentores.",
    ),
    (
        "08101",
        0,
        "aceptada",
        80,
        ["entrevistas-a-usuarios"],
        "Entrevistas a quienes viajan al centro desde Barrio Norte",
        "Paraderos de Barrio Norte y Plaza Independencia",
        {"participants_neighbours": 14, "participants_students": 5},
        "Para muchos el problema no es el tiempo de viaje sino no saber si la micro pasará.",
        "El equipo dejó de hablar de «frecuencia» y empezó a hablar de «certeza».",
        "Probar un letrero con el horario de la última micro en tres paraderos.",
    ),
    (
        "08101",
        1,
        "enviada",
        6,
        ["diseno-de-desafio-abierto"],
        "Borrador de bases para un desafío de datos de tránsito",
        "Municipalidad de Concepción, Dirección de Tránsito",
        {"participants_university": 2, "participants_firms": 1, "participants_public_services": 3},
        "Las bases deben decir qué datos se entregan y con qué licencia antes de convocar.",
        "Se pidió a jurídica revisar la propiedad intelectual de las soluciones.",
        "Enviar las bases a la mesa regional de transporte.",
    ),
    (
        "08108",
        0,
        "aceptada",
        50,
        ["viaje-acompanado-en-bus"],
        "Viaje acompañado en la línea que cruza el puente Llacolén",
        "Recorrido desde Candelaria hasta el centro de Concepción",
        {"participants_neighbours": 3, "participants_elderly": 1, "participants_students": 2},
        "El trasbordo en el puente obliga a cruzar sin semáforo; las personas con coche de niño lo evitan.",
        "Se llevó el caso a la mesa intercomunal del puente.",
        "Medir con un conteo cuántas personas cruzan en hora punta.",
    ),
    (
        "08108",
        0,
        "cambios",
        12,
        ["sesion-de-cocreacion"],
        "Sesión de co-creación por el paradero de la Laguna Grande",
        "Sede vecinal Villa San Pedro",
        {"participants_neighbours": 11},
        "Hubo muchas ideas de mejoras.",
        "",
        "",
    ),
    (
        "08102",
        0,
        "aceptada",
        90,
        ["mapa-de-actores"],
        "Mapa de actores del transporte rural de Coronel",
        "Oficina de Desarrollo Comunitario",
        {"participants_neighbours": 4, "participants_civil_society": 2, "participants_public_services": 3},
        "Los operadores de buses rurales no estaban en ninguna mesa municipal, y son quienes conocen los horarios.",
        "Se invitó a dos operadores a la mesa comunal de tránsito.",
        "Entrevistar a los choferes de los recorridos a Patagual y Yobilo.",
    ),
    (
        "08102",
        1,
        "enviada",
        3,
        ["hackathon", "pitch-y-jurado"],
        "Jornada de ideas con liceos técnicos",
        "Liceo Politécnico de Coronel",
        {"participants_students": 28, "participants_firms": 2},
        "Los estudiantes propusieron soluciones con mensajes de texto, no con apps: muchos no tienen datos móviles.",
        "El liceo quiere repetir la jornada todos los años.",
        "Acompañar a los dos equipos finalistas en un prototipo.",
    ),
    (
        "08112",
        0,
        "aceptada",
        30,
        ["encuesta-pulso-por-sms"],
        "Encuesta por SMS sobre el horario nocturno",
        "Toda la comuna de Hualpén",
        {"participants_neighbours": 212, "participants_elderly": 40},
        "Un tercio de quienes respondieron vuelve del trabajo después de las 22 horas, cuando ya no hay micros.",
        "La comuna presentó los datos al Ministerio para pedir un servicio nocturno.",
        "Repetir la encuesta después del cambio de horario.",
    ),
    (
        "08103",
        0,
        "aceptada",
        70,
        ["mapa-de-viaje-en-bus"],
        "Mapa del viaje en bus de una estudiante de Chiguayante",
        "Recorrido Chiguayante – Universidad de Concepción",
        {"participants_students": 6, "participants_university": 1},
        "El momento peor del viaje es la espera en la costanera, sin refugio y con viento.",
        "Se priorizó la costanera en el plan de refugios del próximo año.",
        "Validar el mapa con estudiantes de liceo, no solo universitarios.",
    ),
    (
        "08111",
        1,
        "aceptada",
        40,
        ["world-cafe"],
        "Conversación abierta sobre el transporte en la costa de Tomé",
        "Gimnasio municipal de Dichato",
        {"participants_neighbours": 35, "participants_civil_society": 5, "participants_firms": 3},
        "En verano la población se triplica y los buses no cambian su frecuencia.",
        "Los operadores aceptaron reforzar los recorridos de enero y febrero.",
        "Plantear el desafío del verano como desafío abierto regional.",
    ),
    (
        "08107",
        0,
        "enviada",
        9,
        ["auditoria-de-caminata"],
        "Auditoría de caminata en el acceso a la estación de Penco",
        "Estación Penco del Biotrén y calles de acceso",
        {"participants_neighbours": 7, "participants_elderly": 3},
        "El acceso desde el cerro no tiene iluminación y la escalera está rota.",
        "Se reportó la escalera a la empresa de trenes con fotos.",
        "Volver con la empresa a ver la reparación.",
    ),
    (
        "08107",
        0,
        "aceptada",
        100,
        ["votacion-por-puntos"],
        "Votación por puntos de las mejoras al paradero de la plaza",
        "Plaza de Armas de Penco, feria del sábado",
        {"participants_neighbours": 63},
        "La sombra ganó por lejos a la pantalla de información.",
        "Se compró un refugio con techo en vez de una pantalla.",
        "Evaluar el uso del refugio en seis meses.",
    ),
    (
        "08110",
        0,
        "borrador",
        2,
        ["prototipado"],
        "Prototipo de letrero con horarios en Salinas",
        "Paradero de calle Colón con Salinas",
        {"participants_neighbours": 5},
        "",
        "",
        "",
    ),
]


def load(stdout):
    items = [make_item(spec, stdout) for spec in ITEMS]
    if Practice.objects.exists() or not all(items):
        return
    methods = {method.slug: method for method in MethodPage.objects.live()}
    municipalities = Municipality.objects.in_bulk(field_name="code")
    today = timezone.localdate()
    for number, row in enumerate(PRACTICES):
        code, item_index, status, days, slugs, title, place, people, learned, changed, next_steps = row
        item = items[item_index]
        author = demo_official(municipalities[code], number, item.get_course())
        practice = Practice.objects.create(
            author=author,
            title=title,
            municipality=municipalities[code],
            place=place,
            done_on=today - timedelta(days=days + 7),
            component="desafio_abierto" if item_index else "codiseno",
            learned=learned,
            changed=changed,
            next_steps=next_steps,
            published=status == "aceptada",
            show_names=number % 3 == 0,
            **people,
        )
        practice.methods.set([methods[slug] for slug in slugs if slug in methods])
        for picture in range(1 if status == "borrador" else 2):
            upload = SimpleUploadedFile("foto.png", drawing(number * 2 + picture), "image/png")
            services.add_evidence(practice, author, upload, caption=CAPTIONS[(number + picture) % len(CAPTIONS)])
        if status != "borrador":
            live_review(practice, item, author, status, days)
        stdout.write(f"  practice {municipalities[code].name} · {title} ({status})")


def make_item(spec, stdout):
    course = CoursePage.objects.filter(slug=spec["course"]).first()
    if course is None:
        return None
    existing = PracticeItemPage.objects.descendant_of(course).filter(slug=spec["slug"]).first()
    if existing is not None:
        return existing
    module = ModulePage.objects.child_of(course).live().order_by("-path").first()
    if module is None:
        return None
    item = PracticeItemPage(
        title=spec["title"],
        slug=spec["slug"],
        summary=spec["summary"],
        estimated_minutes=180,
        optional=True,
        task=spec["task"],
        rubric=RUBRIC,
    )
    module.add_child(instance=item)
    item.save_revision().publish()
    stdout.write(f"  practice item {course.title} · {item.title}")
    return PracticeItemPage.objects.get(pk=item.pk)


def demo_official(municipality, number, course):
    """A demo official of the comuna (one of ``reports.demo``'s if any) not enrolled in ``course`` — an accepted
    practice would otherwise complete its item now and move their dated demo history — else one made here."""
    officials = (
        User.objects.confirmed_members()
        .filter(municipality=municipality, groups__name=OFFICIAL.group_name, is_active=True)
        .exclude(Exists(Enrolment.objects.filter(user=OuterRef("pk"), course=course)))
    )
    existing = list(officials.order_by("pk")[:3])
    if existing:
        return existing[number % len(existing)]
    first_name, last_name = NAMES[sum(map(ord, municipality.code)) % len(NAMES)]
    user, created = User.objects.get_or_create(
        email=f"practicas.{municipality.code}@cocrea.test",
        defaults={
            "first_name": first_name,
            "last_name": last_name,
            "municipality": municipality,
            "position": "Dirección de Tránsito",
            "email_confirmed_at": timezone.now(),
            "membership": Membership.CONFIRMED,
        },
    )
    if not created:
        return user
    user.set_unusable_password()
    user.save(update_fields=["password"])
    user.groups.add(OFFICIAL.group())
    return user


NAMES = [
    ("Camila", "Reyes Toledo"),
    ("Jorge", "Sandoval Mella"),
    ("Francisca", "Ortiz Lagos"),
    ("Héctor", "Riquelme Paredes"),
    ("Daniela", "Vergara Núñez"),
]


def reviewer_of(item):
    course = item.get_course()
    trainer = course.trainers.first()
    if trainer is None:
        trainer = User.objects.filter(Q(groups__name=TRAINER.group_name) | Q(is_superuser=True)).order_by("pk").first()
    return trainer


FEEDBACK_CHANGES = (
    "Gracias por la sesión. Para aceptarla falta lo esencial: cuente qué ideas priorizaron los vecinos y por "
    "qué, qué cambiará en el paradero y quién se hace cargo. Agregue también el acta o una foto del papelógrafo."
)
FEEDBACK_ACCEPT = (
    "Muy buena práctica: participaron quienes viven el problema y los aprendizajes son concretos. "
    "Los próximos pasos tienen responsables; compártanlos con la mesa comunal."
)


def live_review(practice, item, author, status, days):
    """Submit (and review) as it happened, then date it back."""
    version = services.submit(practice, item, author)
    submitted_at = timezone.now() - timedelta(days=days)
    Practice.objects.filter(pk=practice.pk).update(submitted_at=submitted_at)
    type(version).objects.filter(pk=version.pk).update(submitted_at=submitted_at)
    if status == "enviada":
        return
    reviewer = reviewer_of(item)
    decision = Review.Decision.ACCEPT if status == "aceptada" else Review.Decision.CHANGES
    levels = [
        {"criterion": name, "level": len(labels) - 1 if decision == Review.Decision.ACCEPT else 0, "label": ""}
        for _position, name, labels in item.criteria
    ]
    for level, (_position, _name, labels) in zip(levels, item.criteria, strict=True):
        level["label"] = labels[level["level"]]
    feedback = FEEDBACK_ACCEPT if decision == Review.Decision.ACCEPT else FEEDBACK_CHANGES
    review = services.review(practice, reviewer, decision=decision, feedback=feedback, levels=levels)
    reviewed_at = submitted_at + timedelta(days=2)
    Review.objects.filter(pk=review.pk).update(created_at=reviewed_at)
    Practice.objects.filter(pk=practice.pk).update(reviewed_at=reviewed_at)


CAPTIONS = [
    "El paradero antes de la actividad",
    "El recorrido de la caminata, dibujado por el equipo",
    "La mesa de trabajo con las notas de los participantes",
    "El cruce donde se detectó el problema",
    "El papelógrafo con las ideas priorizadas",
]

PALETTE = ["#dff1ee", "#fdf3dc", "#e6eef8", "#f3e8f6"]
INKS = ["#136f63", "#b5651d", "#1d4e89", "#6b3a7a", "#3c4f4c"]


def drawing(seed):
    """A small flat drawing (640 × 400): sky, a street, a bus stop shelter, a bus and trees. No people, no text."""
    from PIL import Image, ImageDraw

    rng = random.Random(seed)  # noqa: S311 -- demo drawings
    image = Image.new("RGB", (640, 400), rng.choice(PALETTE))
    pen = ImageDraw.Draw(image)
    ink, other = rng.sample(INKS, 2)
    pen.rectangle((0, 290, 640, 400), fill="#8e9a98")  # the street
    for x in range(20, 640, 90):
        pen.rectangle((x, 340, x + 50, 348), fill="#f4f4f4")
    pen.rectangle((0, 270, 640, 290), fill="#c9d1cf")  # the pavement
    shelter = rng.randrange(40, 300)
    pen.rectangle((shelter, 150, shelter + 170, 165), fill=ink)  # roof
    pen.rectangle((shelter + 10, 165, shelter + 18, 270), fill=ink)
    pen.rectangle((shelter + 152, 165, shelter + 160, 270), fill=ink)
    pen.rectangle((shelter + 30, 235, shelter + 140, 245), fill=other)  # bench
    bus = rng.randrange(330, 440)
    pen.rounded_rectangle((bus, 190, bus + 190, 300), radius=18, fill=other)
    for window in range(4):
        pen.rectangle((bus + 14 + window * 44, 205, bus + 46 + window * 44, 240), fill="#eaf4f4")
    for wheel in (bus + 40, bus + 150):
        pen.ellipse((wheel - 16, 288, wheel + 16, 320), fill="#2f3a39")
    for _tree in range(rng.randrange(1, 4)):
        x = rng.randrange(10, 620)
        pen.rectangle((x - 4, 210, x + 4, 270), fill="#6d4c2f")
        pen.ellipse((x - 30, 150, x + 30, 215), fill="#4f8f5a")
    pen.ellipse((560, 30, 610, 80), fill="#f2c14e")  # the sun
    output = io.BytesIO()
    image.save(output, "PNG", optimize=True)
    return output.getvalue()
