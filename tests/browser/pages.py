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

from accounts.models import Municipality
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


PAGES = {
    "home": Visit(home_with_demo_content("/"), "Aprender a co-crear la movilidad de nuestras comunas"),
    "home (English)": Visit(home_with_demo_content("/en/"), "Learning to co-create mobility in our comunas"),
    "sign-up": Visit("/cuenta/registro/", "Crear una cuenta"),
    "sign-up with errors": Visit("/cuenta/registro/", "Crear una cuenta", then=send_with_errors()),
    "sign-in": Visit("/cuenta/ingresar/", "Iniciar sesión"),
    "sign-in with errors": Visit("/cuenta/ingresar/", "Iniciar sesión", then=send_with_errors(WRONG_LOGIN)),
    "profile": Visit("/cuenta/perfil/", "Mi perfil", user="official"),
    "profile with errors": Visit(
        "/cuenta/perfil/", "Mi perfil", user="official", then=send_with_errors({"Cargo o departamento": ""})
    ),
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
}

# Bytes transferred on a first load (HTML + CSS + JS + fonts, compressed as production serves them), per page.
BUDGETS = {
    "home": 30_000,
    "reports municipality": 30_000,
    "sign-up": 30_000,
    "quiz attempt": 40_000,
    "certificate verification": 30_000,
    "certificate valid": 30_000,
    "lesson": 60_000,
    "catalogue": 80_000,
}
