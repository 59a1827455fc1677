"""The reports demo: officials in all eleven comunas, completions over recent months, a few stalled."""

import io

from django.utils import timezone

from accounts.gran_concepcion import GRAN_CONCEPCION
from accounts.models import User
from certificates.models import Certificate
from courses.models import CoursePage, Enrolment
from quizzes.models import QuizPage, QuizResult
from reports import demo as reports_demo
from reports.figures import months_until

from .pages import screen_rows, screen_table, soup


def test_every_comuna_has_officials_training(client, demo):
    client.force_login(User.objects.get(email="ministerio@cocrea.test"))
    page = soup(client.get("/reportes/general/"))
    rows = screen_rows(page, "comunas")
    assert len(rows) == 12  # eleven comunas and the total
    for _code, name in GRAN_CONCEPCION:
        enrolled = int(rows[name][0].split()[0])
        assert enrolled >= 1, name
    assert "Cifras al" in page.get_text()
    months = [int(value[0]) for value in screen_rows(page, "meses").values()]
    assert sum(1 for count in months if count) >= 4  # completions spread over recent months


def test_talcahuano_coordinator_sees_stalled_officials(client, demo):
    client.force_login(User.objects.get(email="coordinacion.talcahuano@cocrea.test"))
    response = client.get("/reportes/", follow=True)
    page = soup(response)
    assert page.h1.get_text(strip=True) == "Funcionarios de Talcahuano"
    stalled = [row[0] for row in screen_table(page, "funcionarios")[1:] if "Estancado" in row]
    assert "Joaquín Fuentes Yáñez" in stalled and "Agustín Vidal Ortega" in stalled
    assert "Emilia Soto Arancibia" not in stalled


def test_trainer_lands_on_their_course(client, demo):
    client.force_login(User.objects.get(email="formadora@cocrea.test"))
    page = soup(client.get("/reportes/", follow=True))
    funnel = screen_rows(page, "embudo")
    assert int(funnel["Inscritos"][0]) > int(funnel["Completados"][0]) > 0


def test_loading_again_changes_nothing(demo):
    before = Enrolment.objects.count()
    reports_demo.load(io.StringIO())
    assert Enrolment.objects.count() == before


def test_the_demo_adds_up(client, demo):
    """Every completed course has its required quizzes passed and a certificate dated the day it was completed,
    and every page counts the same completions."""
    completed = Enrolment.objects.filter(completed_at__isnull=False).select_related("course", "user")
    assert completed.count() >= 20
    for enrolment in completed:
        required = QuizPage.objects.live().descendant_of(enrolment.course).filter(optional=False)
        for quiz in required:
            result = QuizResult.objects.get(enrolment=enrolment, quiz=quiz)
            assert result.passed, (enrolment, quiz)
            assert result.last_attempt_at <= enrolment.completed_at
        certificate = Certificate.objects.current().get(enrolment=enrolment)
        day = timezone.localdate(enrolment.completed_at)
        assert timezone.localdate(certificate.issued_at) == day == certificate.completed_on, enrolment
        assert enrolment.started_at <= enrolment.completed_at
    assert Certificate.objects.current().count() == completed.count()
    for enrolment in Enrolment.objects.filter(completed_at__isnull=True):
        assert not Certificate.objects.filter(enrolment=enrolment).exists()

    client.force_login(User.objects.get(email="ministerio@cocrea.test"))
    overview = screen_rows(soup(client.get("/reportes/general/")), "comunas")
    counted = completed.filter(user__municipality__isnull=False)
    assert int(overview["Total"][2]) == counted.count()  # completed
    assert int(overview["Total"][4]) == counted.count()  # certificates issued
    months = screen_rows(soup(client.get("/reportes/general/")), "meses")
    first = months_until(timezone.localdate())[0]  # the chart's twelve calendar months
    recent = [enrolment for enrolment in counted if timezone.localdate(enrolment.completed_at) >= first]
    assert sum(int(value[0]) for value in months.values()) == len(recent)
    for code, name in GRAN_CONCEPCION:
        page = soup(client.get(f"/reportes/comunas/{code}/"))
        figures = [item.get_text(" ", strip=True).split()[0] for item in page.select(".report-figures li")]
        assert int(figures[1]) == int(overview[name][0].split()[0]), name  # enrolments
        assert int(figures[2]) == int(overview[name][2].split()[0]), name  # completed
    for course in CoursePage.objects.live():
        funnel = screen_rows(soup(client.get(f"/reportes/cursos/{course.pk}/")), "embudo")
        assert int(funnel["Completados"][0]) == counted.filter(course=course).count(), course
