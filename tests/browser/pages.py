"""The pages every test run opens in Chromium, and the page-weight budgets.

Add a page to ``PAGES`` and it is checked by axe-core (WCAG 2.1 A and AA, zero violations) and by the Nu Html
Checker (no errors); give it a line in ``BUDGETS`` and its first-load weight is held under the budget. See
CONTRIBUTING.md ("Browser tests").
"""

import io
import re
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts import confirmation
from accounts.models import Membership, Municipality
from accounts.roles import OFFICIAL
from courses import services
from courses.models import CoursePage, Enrolment
from home import demo as home_demo
from reports.models import ReportExport
from tests.courses.factories import build_course, lessons_of
from tests.factories import UserFactory

from .conftest import AUTHENTICATOR
from .content import (
    CATALOGUE,
    COURSE,
    METHOD,
    TOOLKIT,
    dashboard_with_progress,
    lesson_with_an_image,
    with_demo,
)
from .visits import Visit, send_with_errors, submit_form

WRONG_LOGIN = {"Correo electrónico": "nadie@municipio.test", "Contraseña": "no-es-esta-clave"}
WRONG_CODE = {"Código de seis dígitos": "000000"}
LOCKED_OUT = "bloqueo@municipio.test"


def quiz_for(request, learner="official"):
    """A published quiz with one question of each type in a course ``learner`` (a fixture name) is enrolled in."""
    from courses import services
    from tests.courses.factories import CoursePageFactory, ModulePageFactory
    from tests.quizzes.factories import build_quiz

    course = CoursePageFactory(trainers=[request.getfixturevalue("trainer")])
    quiz = build_quiz(ModulePageFactory(parent=course, title="Ética, privacidad y ley"), time_limit_minutes=20)
    services.enrol(request.getfixturevalue(learner), course)
    return quiz


def quiz_page(request):
    return quiz_for(request).url


def quiz_attempt(request):
    from quizzes import services

    quiz = quiz_for(request)
    attempt = services.start_attempt(request.getfixturevalue("official"), quiz)[0]
    return f"/cuestionarios/intentos/{attempt.pk}/"


def quiz_result(request):
    from tests.quizzes.factories import ALL_RIGHT, SINGLE, take

    quiz = quiz_for(request)
    attempt = take(request.getfixturevalue("official"), quiz, {**ALL_RIGHT, SINGLE: "La Universidad de Concepción"})
    return f"/cuestionarios/intentos/{attempt.pk}/"


def item_analysis(request):
    from tests.quizzes.factories import ALL_RIGHT, take

    quiz = quiz_for(request)
    take(request.getfixturevalue("official"), quiz, {})
    take(request.getfixturevalue("official"), quiz, ALL_RIGHT)
    return f"/cuestionarios/{quiz.pk}/analisis/"


def home_with_demo_content(path):
    def prepare(request):
        home_demo.load(stdout=io.StringIO())
        return path

    return prepare


def password_reset_link(request):
    """The link of a password-reset email sent to an official (Django swaps it for a form address)."""
    user = request.getfixturevalue("official")
    return (
        f"/cuenta/recuperar/{urlsafe_base64_encode(force_bytes(user.pk))}/{default_token_generator.make_token(user)}/"
    )


def enter_the_code(page):
    """Type the code the authenticator app shows now, as the second step of signing in."""
    device = TOTPDevice.objects.get(name=AUTHENTICATOR)
    code = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift).token()
    submit_form(page, {"Código de seis dígitos": f"{code:0{device.digits}d}"})


def an_official_to_lock_out(request):
    UserFactory(email=LOCKED_OUT, role=OFFICIAL)
    return "/cuenta/ingresar/"


def wrong_passwords_until_paused(page):
    """Wrong passwords for that official's account until signing in pauses (django-axes)."""
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        submit_form(page, {"Correo electrónico": LOCKED_OUT, "Contraseña": "no-es-esta-clave"})


def without_csrf_cookie(page):
    """Send the form after the CSRF cookie is gone (e.g. the browser dropped it), which Django refuses."""
    page.context.clear_cookies()
    submit_form(page)


def reports_data(path):
    """Officials of Talcahuano and Coronel in a course taught by the ``trainer`` fixture, some done, some stalled.
    Visits share one database: the data is made by the first visit that needs it."""

    def prepare(request):
        course = CoursePage.objects.filter(slug="movilidad-activa").first()
        if course is None:
            trainer = request.getfixturevalue("trainer")
            course = build_course(
                modules=1, lessons=2, title="Movilidad activa", slug="movilidad-activa", trainers=[trainer]
            )
            talcahuano, coronel = Municipality.objects.get(code="08110"), Municipality.objects.get(code="08102")
            for number in range(7):
                person = UserFactory(role=OFFICIAL, municipality=coronel if number == 6 else talcahuano)
                services.enrol(person, course)
                for lesson in lessons_of(course)[: number % 3]:
                    services.complete_item(person, lesson)
            Enrolment.objects.filter(items_done=0).update(last_activity_at=timezone.now() - timedelta(days=60))
        return path.format(course=course.pk)

    return prepare


CERTIFICATE_HEADING = re.compile(r"^Certificado [0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$")


CERTIFICATE_COURSES = {"valid": "Encuestas móviles y SMS", "revoked": "Reportes ciudadanos y apps móviles"}


def a_certificate(state):
    """A certificate of a made-up course, valid or revoked (rendered: the PDF is made, as the task leaves it)."""

    def prepare(request):
        from certificates import services as certificate_services
        from certificates.models import Certificate
        from courses import services
        from tests.courses.factories import build_course, lessons_of

        learner = UserFactory(role=OFFICIAL, first_name="José", last_name="Ñúñez Muñoz")
        course = build_course(modules=1, lessons=1, title=CERTIFICATE_COURSES[state])
        services.enrol(learner, course)
        services.complete_item(learner, lessons_of(course)[0])  # issues and renders it in-process
        certificate = Certificate.objects.current().get(enrolment__user=learner)
        if state == "revoked":
            certificate_services.revoke(certificate, "Emitido por error: el curso no se completó.")
        return f"/certificados/verificar/{certificate.code}/"

    return prepare


def a_finished_course(state):
    """The ``official`` (named Carolina) completed a one-lesson course: the certificate ``ready`` (issued and
    rendered in-process, as the task leaves it) or still ``preparing`` (issued, its PDF not made yet)."""

    def prepare(request):
        from certificates.models import Certificate

        official = request.getfixturevalue("official")
        official.first_name = "Carolina"
        official.save(update_fields=["first_name"])
        title = {"ready": "Paraderos con techo y luz", "preparing": "Ciclovías co-diseñadas con vecinos"}
        course = build_course(modules=1, lessons=1, title=title[state])
        services.enrol(official, course)
        services.complete_item(official, lessons_of(course)[0])
        if state == "preparing":
            Certificate.objects.filter(enrolment__user=official).update(rendered_at=None)
        return f"/mi-aprendizaje/cursos/{course.pk}/completado/"

    return prepare


def send_with_questions_unanswered(page):
    """A ``then`` step: send an attempt without answering, and be asked to confirm."""
    with page.expect_navigation():
        page.get_by_role("button", name="Enviar respuestas").click()
    page.get_by_role("heading", name="5 preguntas no tienen respuesta").wait_for()


def public_practices(request):
    """Three accepted, published practices in two comunas, one with a photo; returns the map's address."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from practices import services as practice_services
    from practices.models import Practice, Status
    from tests.practices.factories import PracticeFactory, photo

    for code, title in (("08110", "Caminata al paradero"), ("08102", "Mapa de actores rural"), ("08110", "Encuesta")):
        author = UserFactory(role=OFFICIAL, municipality=Municipality.objects.get(code=code))
        practice = PracticeFactory(author=author, title=title)
        Practice.objects.filter(pk=practice.pk).update(published=True, status=Status.ACCEPTED)
    upload = SimpleUploadedFile("foto.jpg", photo(), "image/jpeg")
    practice_services.add_evidence(practice, author, upload, caption="El paradero")
    return "/practicas/"


def a_public_practice(request):
    public_practices(request)
    from practices.models import Practice

    return f"/practicas/{Practice.objects.public().order_by('-pk').first().pk}/"


def my_practice(request):
    """The ``official`` fixture's own practice, with a photo, on its edit page."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from practices import services as practice_services
    from tests.practices.factories import PracticeFactory, photo

    official = request.getfixturevalue("official")
    practice = PracticeFactory(author=official, title="Caminata al paradero")
    practice_services.add_evidence(practice, official, SimpleUploadedFile("f.jpg", photo(), "image/jpeg"), "Paradero")
    return f"/mis-practicas/{practice.pk}/"


def review_queue(request):
    """A practice waiting in a course the ``trainer`` fixture teaches."""
    from practices import services as practice_services
    from tests.practices.factories import PracticeFactory, build_practice_course

    course = build_practice_course(trainers=[request.getfixturevalue("trainer")])
    author = UserFactory(role=OFFICIAL)
    practice_services.submit(PracticeFactory(author=author), course.practice_item, author)
    return "/practicas/revision/"


def pending_officials(request):
    """Talcahuano's pending list with two people: one with a confirmed address, one without."""
    talcahuano = Municipality.objects.get(code="08110")
    for confirmed in (True, False):
        UserFactory(
            municipality=talcahuano,
            membership=Membership.PENDING,
            membership_requested_at=timezone.now(),
            email_confirmed_at=timezone.now() if confirmed else None,
        )
    return "/cuenta/comunas/08110/pendientes/"


def confirmation_link(request):
    newcomer = UserFactory(email_confirmed_at=None, membership=Membership.PENDING)
    return f"/cuenta/confirmar/{confirmation.make_token(newcomer)}/"


def unconfirmed_enrolment(request):
    """A course page for ``newcomer``, whose address is not confirmed: a new link instead of "enrol"."""
    # A slug of its own: the certificate visits have a course of this title.
    return build_course(modules=1, lessons=1, title="Encuestas móviles y SMS", slug="curso-sin-confirmar").url


def report_export(request):
    export = ReportExport.objects.create(
        requested_by=request.getfixturevalue("coordinator"),
        report="municipio",
        subject="08110",
        table="funcionarios",
        format="xlsx",
        rows_total=400,
        rows_done=100,
    )
    return f"/reportes/exportaciones/{export.pk}/"


def a_cohort(path="/convocatorias/{cohort}/"):
    """A cohort of Talcahuano (the ``coordinator`` fixture's comuna) closing in ten days: officials enrolled, one
    started, one stalled, one done, and a reminder in the stalled one's history. ``path`` may name ``{cohort}`` and
    ``{person}`` (the stalled official). Visits share one database: the first visit that needs it makes it."""

    def prepare(request):
        from cohorts import reminders
        from cohorts.models import Cohort
        from tests.cohorts.factories import CohortFactory, in_course

        cohort = Cohort.objects.filter(title="Co-diseño en Talcahuano 2027").first()
        if cohort is None:
            talcahuano = request.getfixturevalue("talcahuano")
            course = build_course(
                modules=1, lessons=3, title="Co-diseño de servicios municipales", slug="co-diseno-2027"
            )
            today = timezone.localdate()
            cohort = CohortFactory(
                title="Co-diseño en Talcahuano 2027",
                course=course,
                opens_on=today - timedelta(days=40),
                closes_on=today + timedelta(days=10),
                target_per_municipality=6,
                municipalities=[talcahuano],
            )
            people = [UserFactory(role=OFFICIAL, municipality=talcahuano) for _ in range(4)]
            in_course(people[0], course, enrolled_days_ago=9)
            in_course(people[1], course, done=1, enrolled_days_ago=20, active_days_ago=2)
            stalled = in_course(people[2], course, done=1, enrolled_days_ago=30, active_days_ago=20)
            in_course(people[3], course, done=3, enrolled_days_ago=30)
            reminders.remind_by_coordinator(request.getfixturevalue("coordinator"), cohort, [stalled])
        person = cohort.reminders.values_list("user_id", flat=True).first()
        return path.format(cohort=cohort.pk, person=person)

    return prepare


def text_messages_without_a_number(page):
    """A ``then`` step: choose text messages and send the form without a mobile number (it has none yet)."""
    page.get_by_label("Mensaje de texto (SMS)").check()
    send_with_errors()(page)


def an_unsubscribe_link(request):
    from cohorts import reminders

    return f"/recordatorios/baja/{reminders.unsubscribe_token(request.getfixturevalue('official'))}/"


PAGES = {
    "home": Visit(home_with_demo_content("/"), "Aprender a co-crear la movilidad de nuestras comunas"),
    "home (English)": Visit(home_with_demo_content("/en/"), "Learning to co-create mobility in our comunas"),
    "sign-up": Visit("/cuenta/registro/", "Crear una cuenta"),
    "offline page": Visit("/mi-aprendizaje/sin-conexion/", "Sin conexión"),
    "sign-up with errors": Visit("/cuenta/registro/", "Crear una cuenta", then=send_with_errors()),
    "sign-in": Visit("/cuenta/ingresar/", "Iniciar sesión"),
    "sign-in with errors": Visit("/cuenta/ingresar/", "Iniciar sesión", then=send_with_errors(WRONG_LOGIN)),
    "profile": Visit("/cuenta/perfil/", "Mi perfil", user="official"),
    "profile with errors": Visit(
        "/cuenta/perfil/", "Mi perfil", user="official", then=send_with_errors({"Cargo o departamento": ""})
    ),
    "profile, address not confirmed": Visit("/cuenta/perfil/", "Mi perfil", user="newcomer"),
    "email confirmation": Visit(confirmation_link, "Confirme su dirección de correo"),
    "email confirmation, link not valid": Visit("/cuenta/confirmar/no-valido/", "Confirme su dirección de correo"),
    "course, address not confirmed": Visit(unconfirmed_enrolment, "Encuestas móviles y SMS", user="newcomer"),
    "pending officials": Visit(pending_officials, "Funcionarios pendientes de Talcahuano", user="coordinator"),
    "password change": Visit("/cuenta/contrasena/", "Cambiar mi contraseña", user="official"),
    "password change with errors": Visit(
        "/cuenta/contrasena/", "Cambiar mi contraseña", user="official", then=send_with_errors()
    ),
    "password reset": Visit("/cuenta/recuperar/", "Restablecer su contraseña"),
    "password reset sent": Visit(
        "/cuenta/recuperar/",
        "Revise su correo",
        then=lambda page: submit_form(page, {"Correo electrónico": "nadie@municipio.test"}),
    ),
    "new password": Visit(password_reset_link, "Elija una nueva contraseña"),
    "new password, expired link": Visit("/cuenta/recuperar/MQ/vencido-0000/", "Elija una nueva contraseña"),
    "my data": Visit("/cuenta/mis-datos/", "Mis datos", user="official"),
    "erase my data": Visit("/cuenta/mis-datos/eliminar/", "Eliminar mis datos y cerrar mi cuenta", user="official"),
    "erase my data with errors": Visit(
        "/cuenta/mis-datos/eliminar/", "Eliminar mis datos y cerrar mi cuenta", user="official", then=send_with_errors()
    ),
    "two-step verification": Visit("/cuenta/dos-pasos/", "Verificación en dos pasos", user="trainer"),
    "two-step set-up": Visit("/cuenta/dos-pasos/activar/", "Activar la verificación en dos pasos", user="trainer"),
    "two-step set-up with errors": Visit(
        "/cuenta/dos-pasos/activar/",
        "Activar la verificación en dos pasos",
        user="trainer",
        then=send_with_errors(WRONG_CODE),
    ),
    "two-step code": Visit("/cuenta/dos-pasos/verificar/", "Ingrese su código", user="ministry_with_two_factor"),
    "two-step turn-off": Visit(
        "/cuenta/dos-pasos/desactivar/",
        "Desactivar la verificación en dos pasos",
        user="ministry_with_two_factor",
        then=enter_the_code,
    ),
    "sign-in paused": Visit(
        an_official_to_lock_out, "Demasiados intentos fallidos", then=wrong_passwords_until_paused, status=429
    ),
    "privacy notice": Visit("/privacidad/", "Aviso de privacidad"),
    "catalogue": Visit(with_demo(CATALOGUE), "Cursos"),
    "catalogue, searched and filtered": Visit(with_demo(f"{CATALOGUE}?q=transporte&nivel=basico"), "Cursos"),
    "catalogue with a filter that does not exist": Visit(with_demo(f"{CATALOGUE}?tema=no-existe"), "Cursos"),
    "course": Visit(with_demo(COURSE), "Ciudad inteligente desde abajo"),
    "course, signed in": Visit(with_demo(COURSE), "Ciudad inteligente desde abajo", user="official"),
    "lesson": Visit(lesson_with_an_image, "Tres principios para innovar con poco", user="official"),
    "dashboard": Visit(dashboard_with_progress, "Mi aprendizaje", user="official"),
    "toolkit": Visit(with_demo(TOOLKIT), "Herramientas"),
    "toolkit, filtered": Visit(with_demo(f"{TOOLKIT}?fase=descubrir&resultado=entender"), "Herramientas"),
    "method": Visit(with_demo(METHOD), "Mapa de actores"),
    "forbidden": Visit("/cuenta/dos-pasos/", "No tiene acceso a esta página", user="official", status=403),
    "form sent without its CSRF cookie": Visit(
        "/cuenta/recuperar/", "Este formulario venció", then=without_csrf_cookie, status=403
    ),
    "address too long": Visit(
        "/" + "a" * (settings.REQUEST_MAX_PATH_LENGTH + 1), "Esta dirección es demasiado larga", status=414
    ),
    "quiz": Visit(quiz_page, "Evaluación del módulo", user="official"),
    "quiz attempt": Visit(quiz_attempt, "Evaluación del módulo", user="official"),
    "quiz attempt with errors": Visit(
        quiz_attempt,
        "Evaluación del módulo",
        user="official",
        then=send_with_errors({"Si 70 de 200 vecinos usan el servicio, ¿qué porcentaje lo usa?": "treinta"}),
        status=400,
    ),
    "quiz attempt with questions unanswered": Visit(
        quiz_attempt, "Evaluación del módulo", user="official", then=send_with_questions_unanswered
    ),
    "quiz result": Visit(quiz_result, "Evaluación del módulo", user="official"),
    "item analysis": Visit(item_analysis, "Análisis de preguntas: Evaluación del módulo", user="trainer"),
    "not found": Visit("/no-existe/", "No encontramos esta página", status=404),
    "reports overview": Visit(reports_data("/reportes/general/"), "Capacitación en las comunas", user="ministry"),
    "reports overview with errors": Visit(
        "/reportes/general/?desde=ayer", "Capacitación en las comunas", user="ministry", status=400
    ),
    "reports municipality": Visit(
        reports_data("/reportes/comunas/08110/?dias=30"), "Funcionarios de Talcahuano", user="coordinator"
    ),
    "reports course": Visit(reports_data("/reportes/cursos/{course}/"), "Movilidad activa", user="trainer"),
    "reports export": Visit(report_export, "Su exportación", user="coordinator"),
    "not found (English)": Visit("/en/no-existe/", "We could not find this page", status=404),
    "certificate verification": Visit("/certificados/verificar/", "Verificar certificado"),
    "certificate verification with errors": Visit(
        "/certificados/verificar/", "Verificar certificado", then=send_with_errors({"Código de verificación": "12"})
    ),
    "certificate valid": Visit(a_certificate("valid"), CERTIFICATE_HEADING),
    "certificate revoked": Visit(a_certificate("revoked"), CERTIFICATE_HEADING),
    "certificate not found": Visit("/certificados/verificar/ABCDEFGHJKM9/", "Certificado no encontrado", status=404),
    "practices map": Visit(public_practices, "Mapa de prácticas"),
    "practice page": Visit(a_public_practice, "Encuesta"),
    "my practices": Visit("/mis-practicas/", "Mis prácticas", user="official"),
    "record a practice with errors": Visit(
        "/mis-practicas/nueva/", "Registrar una práctica", user="official", then=send_with_errors()
    ),
    "my practice": Visit(my_practice, "Caminata al paradero", user="official"),
    "practices to review": Visit(review_queue, "Prácticas por revisar", user="trainer"),
    "cohorts": Visit(a_cohort("/convocatorias/"), "Convocatorias", user="coordinator"),
    "new cohort": Visit("/convocatorias/nueva/", "Nueva convocatoria", user="ministry"),
    "new cohort with errors": Visit(
        "/convocatorias/nueva/", "Nueva convocatoria", user="coordinator", then=send_with_errors()
    ),
    "cohort": Visit(a_cohort(), "Co-diseño en Talcahuano 2027", user="coordinator"),
    "cohort, stalled people": Visit(
        a_cohort("/convocatorias/{cohort}/?estancados=1"), "Co-diseño en Talcahuano 2027", user="ministry"
    ),
    "edit a cohort": Visit(a_cohort("/convocatorias/{cohort}/editar/"), "Editar la convocatoria", user="coordinator"),
    "reminder history": Visit(
        a_cohort("/convocatorias/{cohort}/personas/{person}/"), re.compile(r"^Recordatorios a "), user="coordinator"
    ),
    "reminder preferences": Visit("/recordatorios/preferencias/", "Recordatorios y avisos", user="official"),
    "reminder preferences with errors": Visit(
        "/recordatorios/preferencias/",
        "Recordatorios y avisos",
        user="official",
        then=text_messages_without_a_number,
    ),
    "unsubscribe": Visit(an_unsubscribe_link, "Dejar de recibir recordatorios"),
    # Last: the courses these complete would show in the reports above.
    "course finished": Visit(a_finished_course("ready"), "¡Felicitaciones, Carolina!", user="official"),
    "course finished, certificate being prepared": Visit(
        a_finished_course("preparing"), "¡Felicitaciones, Carolina!", user="official"
    ),
}

# Bytes transferred on a first load (HTML + CSS + JS + fonts, compressed as production serves them), per page.
BUDGETS = {
    "home": 30_000,
    # The comuna's report grew the applied practices and the cohorts (and every page the offline script, 1.4 KB).
    "reports municipality": 40_000,
    "sign-up": 30_000,
    "quiz attempt": 40_000,
    "course finished": 40_000,
    "certificate verification": 30_000,
    "certificate valid": 30_000,
    "lesson": 60_000,
    "catalogue": 80_000,
    "practices map": 80_000,
    "my practices": 30_000,
    "offline page": 30_000,
    "cohorts": 30_000,
    "cohort": 40_000,
    "reminder preferences": 30_000,
}
