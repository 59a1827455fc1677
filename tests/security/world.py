"""The people and objects the authorization matrix and the IDOR checks run against.

Ten roles, one person each (``anonymous`` has none). Each app adds the objects its routes need with a builder: a
function that takes the ``World`` and sets attributes on it, listed in ``BUILDERS``. The courses work, for
example, adds ``build_courses`` that creates course X taught by ``trainer_x`` and course Y taught by ``trainer_y``
and enrols ``official_a`` in X, so that routes can say ``lambda w: w.course_x.url``.
"""

from dataclasses import dataclass, field

from django.core.files.base import ContentFile
from django.test import Client
from wagtail.documents import get_document_model
from wagtail.models import Collection, CollectionViewRestriction, PageViewRestriction, Site

from accounts.models import Municipality
from accounts.roles import COORDINATOR, MINISTRY, OFFICIAL, TRAINER
from home.models import HomePage
from tests.factories import UserFactory

ROLES = (
    "anonymous",
    "official_a",  # official in Talcahuano
    "official_b",  # another official in Talcahuano
    "official_c",  # official in Coronel
    "trainer_x",  # trainer of course X
    "trainer_y",  # trainer of course Y
    "coordinator_talcahuano",
    "coordinator_coronel",
    "ministry",
    "superuser",
)
SIGNED_IN = ROLES[1:]
OFFICIALS = ("official_a", "official_b", "official_c")
TRAINERS = ("trainer_x", "trainer_y")
COORDINATORS = ("coordinator_talcahuano", "coordinator_coronel")
#: Roles whose group grants ``wagtailadmin.access_admin`` (or who are superusers).
ADMIN_USERS = (*TRAINERS, "ministry", "superuser")
#: Roles that cannot enter the Wagtail admin at all.
NOT_ADMIN_USERS = ("anonymous", *OFFICIALS, *COORDINATORS)
#: One person per distinct set of admin permissions, for the sweep over every admin route (the admin does not
#: know municipalities, so official B or the Coronel coordinator would get exactly what their twins get).
ADMIN_SWEEP_OUTSIDERS = ("anonymous", "official_a", "coordinator_talcahuano")
ADMIN_SWEEP_INSIDERS = ("trainer_x", "ministry", "superuser")


@dataclass
class World:
    people: dict = field(default_factory=dict)

    def client_for(self, role):
        """A test client signed in as ``role``; server errors come back as 500 responses, not exceptions."""
        client = Client(raise_request_exception=False)
        if self.people.get(role) is not None:
            client.force_login(self.people[role])
        return client


def build_people(world):
    talcahuano = Municipality.objects.get(code="08110")
    coronel = Municipality.objects.get(code="08102")
    world.talcahuano, world.coronel = talcahuano, coronel
    world.people = {
        "anonymous": None,
        "official_a": UserFactory(municipality=talcahuano, role=OFFICIAL, email="official.a@talcahuano.test"),
        "official_b": UserFactory(municipality=talcahuano, role=OFFICIAL, email="official.b@talcahuano.test"),
        "official_c": UserFactory(municipality=coronel, role=OFFICIAL, email="official.c@coronel.test"),
        "trainer_x": UserFactory(municipality=None, role=TRAINER, email="trainer.x@cocrea.test"),
        "trainer_y": UserFactory(municipality=None, role=TRAINER, email="trainer.y@cocrea.test"),
        "coordinator_talcahuano": UserFactory(municipality=talcahuano, role=COORDINATOR, email="coord@talcahuano.test"),
        "coordinator_coronel": UserFactory(municipality=coronel, role=COORDINATOR, email="coord@coronel.test"),
        "ministry": UserFactory(municipality=None, role=MINISTRY, email="ministerio@mtt.test"),
        "superuser": UserFactory(municipality=None, is_superuser=True, is_staff=True, email="admin@cocrea.test"),
    }


def build_documents(world):
    """A public document, and one in a collection only signed-in people may see."""
    document_model = get_document_model()
    root = Collection.get_first_root_node()
    internal = root.add_child(name="Material interno")
    CollectionViewRestriction.objects.create(collection=internal, restriction_type=CollectionViewRestriction.LOGIN)
    world.public_document = document_model.objects.create(
        title="Pauta de entrevista", file=ContentFile(b"Preguntas para la entrevista", name="pauta.txt")
    )
    world.internal_document = document_model.objects.create(
        title="Contactos de la mesa de transporte",
        collection=internal,
        file=ContentFile(b"Lista interna", name="contactos.txt"),
    )


def build_pages(world):
    """The home page, a page restricted to signed-in people and a draft nobody may see on the site."""
    home = Site.objects.get(is_default_site=True).root_page.specific
    world.home_page = home
    world.private_page = home.add_child(
        instance=HomePage(title="Material para equipos", slug="material-equipos", heading="Material para equipos")
    )
    PageViewRestriction.objects.create(page=world.private_page, restriction_type=PageViewRestriction.LOGIN)
    world.draft_page = home.add_child(
        instance=HomePage(title="Borrador", slug="borrador", heading="Borrador", live=False)
    )


def build_toolkit(world):
    """The library with a published method (its card and its component's deck made) and a draft method."""
    from toolkits import printing
    from toolkits.models import ComponentDeck, MethodCard, MethodComponent, MethodPage, ToolkitIndexPage

    index = world.home_page.add_child(instance=ToolkitIndexPage(title="Herramientas", slug="herramientas"))
    index.save_revision().publish()

    def method(title, slug, live):
        page = MethodPage(
            title=title,
            slug=slug,
            live=live,
            what="Un esquema de quién influye en un problema de movilidad.",
            why="<p>Para no olvidar a nadie.</p>",
            intent="Quiero saber quién puede ayudar",
            phase="descubrir",
            duration_min=45,
            duration_max=90,
            group_min=3,
            group_max=8,
            difficulty=1,
            facilitation="<p>Cualquier persona del equipo.</p>",
            steps=[("step", {"title": "Defina la pregunta", "text": "<p>Escríbala.</p>"})],
        )
        page.components = [MethodComponent(value="codiseno")]
        return index.add_child(instance=page)

    world.toolkit = index
    world.method = method("Mapa de actores", "mapa-de-actores", live=True)
    world.method.save_revision().publish()
    world.method.refresh_from_db()
    world.draft_method = method("Método en borrador", "metodo-en-borrador", live=False)
    # Stored PDFs as the tasks leave them (the matrix checks who may download them, not how they are made).
    MethodCard.objects.create(
        method=world.method,
        file=ContentFile(b"%PDF-1.7 ficha", name="ficha.pdf"),
        fingerprint=printing.card_fingerprint(world.method),
        pages=1,
    )
    ComponentDeck.objects.create(
        component="codiseno",
        file=ContentFile(b"%PDF-1.7 mazo", name="mazo.pdf"),
        fingerprint=printing.deck_fingerprint([(world.method.pk, world.method.live_revision_id)]),
        pages=1,
    )


def build_courses(world):
    """Course X taught by trainer X and course Y by trainer Y, each with its editing team; official A enrolled in X;
    a course nobody may see on the site. Addresses are fixed by the slugs: ``/cursos/curso-x/modulo-x/leccion-x1/``."""
    from courses import services
    from courses.authoring import sync_course_team
    from tests.courses.factories import CoursePageFactory, LessonPageFactory, ModulePageFactory

    for key in ("x", "y"):
        course = CoursePageFactory(title=f"Curso {key.upper()}", trainers=[world.people[f"trainer_{key}"]])
        sync_course_team(course)
        module = ModulePageFactory(parent=course, title=f"Módulo {key.upper()}")
        lessons = [LessonPageFactory(parent=module, title=f"Lección {key.upper()}{n}") for n in (1, 2)]
        setattr(world, f"course_{key}", course)
        setattr(world, f"lessons_{key}", lessons)
    world.course_y_document = get_document_model().objects.create(
        title="Ficha del curso Y",
        collection=world.course_y.team.collection,
        file=ContentFile(b"Ficha", name="ficha-y.txt"),
    )
    world.draft_course = CoursePageFactory(title="Curso en borrador", live=False)
    services.enrol(world.people["official_a"], world.course_x)


def build_quizzes(world):
    """A quiz at the end of each course's module (``/cursos/curso-x/modulo-x/evaluacion-x/``) and official A's
    attempt at quiz X, still open (``attempt_a``)."""
    from quizzes import services
    from tests.quizzes.factories import build_quiz

    for key in ("x", "y"):
        module = getattr(world, f"lessons_{key}")[0].get_parent()
        setattr(world, f"quiz_{key}", build_quiz(module, title=f"Evaluación {key.upper()}", slug=f"evaluacion-{key}"))
    world.attempt_a = services.start_attempt(world.people["official_a"], world.quiz_x)[0]


def build_certificates(world):
    """Course Z, which official A completed and holds the certificate of (``certificate_a``, its PDF stored as the
    task leaves it), and official C too, with a revoked certificate (``certificate_c_revoked``)."""
    from django.utils import timezone

    from certificates import services as certificate_services
    from certificates.credentials import issuing, keys
    from certificates.models import Certificate
    from courses import services
    from tests.courses.factories import CoursePageFactory, LessonPageFactory, ModulePageFactory

    world.course_z = CoursePageFactory(title="Curso Z")
    lesson = LessonPageFactory(parent=ModulePageFactory(parent=world.course_z, title="Módulo Z"), title="Lección Z")

    def certificate_of(role, course):
        learner = world.people[role]
        enrolment = services.enrol(learner, course)[0]
        services.complete_item(learner, lesson)
        certificate = certificate_services.issue(enrolment.pk)
        certificate.file.save(f"{certificate.code}.pdf", ContentFile(b"%PDF-1.7 certificado"), save=False)
        certificate.rendered_at, certificate.pages = timezone.now(), 1
        certificate.save()
        return certificate

    world.certificate_a = certificate_of("official_a", world.course_z)
    world.certificate_c_revoked = certificate_services.revoke(
        certificate_of("official_c", world.course_z), "Emitido por error"
    )
    # The issuer's keys (in the test settings' own folder) and the status list certificate A's credential is in.
    keys.generate()
    world.status_list = issuing.record_for(world.certificate_a).status_list
    assert Certificate.objects.current().count() == 1


def build_reports(world):
    """A finished export of Talcahuano's officials, asked for by Talcahuano's coordinator (only they download it)."""
    from reports.models import ReportExport

    world.report_export = ReportExport.objects.create(
        requested_by=world.people["coordinator_talcahuano"],
        report="municipio",
        subject="08110",
        table="funcionarios",
        format="csv",
        status=ReportExport.Status.READY,
        rows_total=1,
        rows_done=1,
        file=ContentFile(b"Funcionario/a\r\n", name="funcionarios.csv"),
    )


def build_cohorts(world):
    """A cohort of course X for Talcahuano made by its coordinator (``cohort_talcahuano``), and one the ministry
    opened to Talcahuano and Coronel (``cohort_shared``): coordinators read it, only the ministry edits it."""
    from django.utils import timezone

    from cohorts.models import Cohort

    today = timezone.localdate()
    world.cohort_talcahuano = Cohort.objects.create(
        title="Convocatoria Talcahuano",
        course=world.course_x,
        opens_on=today - timezone.timedelta(days=10),
        closes_on=today + timezone.timedelta(days=20),
        created_by=world.people["coordinator_talcahuano"],
    )
    world.cohort_talcahuano.municipalities.set([world.talcahuano])
    world.cohort_shared = Cohort.objects.create(
        title="Convocatoria Gran Concepción",
        course=world.course_y,
        opens_on=today - timezone.timedelta(days=10),
        closes_on=today + timezone.timedelta(days=20),
        created_by=world.people["ministry"],
    )
    world.cohort_shared.municipalities.set([world.talcahuano, world.coronel])
    from cohorts.reminders import unsubscribe_token

    world.unsubscribe_token_a = unsubscribe_token(world.people["official_a"])


def build_invitations(world):
    """A list of officials uploaded by Talcahuano's coordinator to their cohort, not yet confirmed
    (``import_talcahuano``), a pending invitation to that cohort (``invitation_talcahuano``) and its signed link's
    token (``invitation_token``)."""
    from cohorts.invitations import make_token
    from cohorts.models import BulkImport, Invitation

    world.import_talcahuano = BulkImport.objects.create(
        cohort=world.cohort_talcahuano,
        municipality=world.talcahuano,
        created_by=world.people["coordinator_talcahuano"],
        source="lista.csv",
        rows=[{"line": 2, "first_name": "Nueva", "email": "nueva@talcahuano.cl", "outcome": "invite", "reason": None}],
    )
    world.invitation_talcahuano = Invitation.objects.create(
        cohort=world.cohort_talcahuano,
        municipality=world.talcahuano,
        email="invitada@talcahuano.cl",
        first_name="Invitada",
        last_name="Talcahuano",
        invited_by=world.people["coordinator_talcahuano"],
    )
    world.invitation_token = make_token(world.invitation_talcahuano)


def build_practices(world):
    """A "Práctica" in course X's module (``/cursos/curso-x/modulo-x/practica-x/``); official A's practice, sent
    there for review, with a photo (``practice_a``, ``evidence_a``); official C's practice, accepted and published,
    with a photo (``public_practice``, ``public_evidence``)."""
    from practices import services
    from practices.models import Practice, Status
    from tests.practices.factories import PracticeFactory, photo, practice_item

    module = world.lessons_x[0].get_parent()
    world.practice_x = practice_item(module, title="Práctica X", slug="practica-x")
    world.practice_a = PracticeFactory(author=world.people["official_a"], title="Caminata en Talcahuano")
    world.evidence_a = services.add_evidence(world.practice_a, world.people["official_a"], _upload(photo()))
    services.submit(world.practice_a, world.practice_x, world.people["official_a"])
    world.public_practice = PracticeFactory(author=world.people["official_c"], title="Taller en Coronel")
    world.public_evidence = services.add_evidence(world.public_practice, world.people["official_c"], _upload(photo()))
    Practice.objects.filter(pk=world.public_practice.pk).update(published=True, status=Status.ACCEPTED)


def _upload(content):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile("foto.jpg", content, "image/jpeg")


#: Later apps append their builder here (see the module docstring).
BUILDERS = [
    build_people,
    build_documents,
    build_pages,
    build_toolkit,
    build_courses,
    build_quizzes,
    build_certificates,
    build_reports,
    build_cohorts,
    build_invitations,
    build_practices,
]


def build_world():
    world = World()
    for builder in BUILDERS:
        builder(world)
    return world
