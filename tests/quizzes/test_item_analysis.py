"""Item analysis: figures on a known set of attempts, who may read it, and its query count."""

import pytest
from bs4 import BeautifulSoup

from accounts.roles import OFFICIAL, TRAINER
from courses import services as course_services
from quizzes import services
from quizzes.analysis import ItemAnalysis
from tests.factories import UserFactory

from .factories import ALL_RIGHT, MULTIPLE, NUMERIC, SHORT_TEXT, SINGLE, TRUE_FALSE, take


@pytest.fixture
def graded(quiz, course, talcahuano):
    """Three learners, four graded attempts (scores 100, 33.33, 100 and 0) and one attempt still open."""
    ana, beto, carla, dora = (UserFactory(municipality=talcahuano, role=OFFICIAL) for _ in range(4))
    for learner in (ana, beto, carla, dora):
        course_services.enrol(learner, course)
    take(ana, quiz, ALL_RIGHT)
    take(
        beto,
        quiz,
        {
            SINGLE: "La Universidad de Concepción",
            MULTIPLE: ["Foco ciudadano"],
            TRUE_FALSE: "Falso",
            SHORT_TEXT: "participación",
            NUMERIC: "40",
        },
    )
    take(beto, quiz, ALL_RIGHT)
    take(carla, quiz, {SINGLE: "La Universidad de Concepción"})
    services.start_attempt(dora, quiz)  # not graded: not counted
    return quiz


def test_figures_on_a_known_data_set(graded):
    analysis = ItemAnalysis.load(graded)
    assert (analysis.graded, analysis.passed, analysis.pass_rate) == (4, 2, 50)
    assert (analysis.learners, analysis.learners_passed, analysis.learner_pass_rate) == (3, 2, 67)
    assert {(band.low, band.attempts, band.percent) for band in analysis.bands if band.attempts} == {
        (0, 1, 25),
        (30, 1, 25),
        (90, 2, 50),
    }
    figures = {question.text: question for question in analysis.questions}
    assert [question.text for question in analysis.questions] == [SINGLE, MULTIPLE, TRUE_FALSE, SHORT_TEXT, NUMERIC]
    assert {text: (f.attempts, f.correct, f.percent_correct) for text, f in figures.items()} == {
        SINGLE: (4, 2, 50),
        MULTIPLE: (4, 2, 50),
        TRUE_FALSE: (4, 3, 75),
        SHORT_TEXT: (4, 2, 50),
        NUMERIC: (4, 2, 50),
    }
    assert figures[SINGLE].wrong_answers == [("La Universidad de Concepción", 2)]
    assert figures[MULTIPLE].wrong_answers == [("Foco ciudadano", 1)]  # partial credit is not "correct"
    assert figures[SHORT_TEXT].wrong_answers == [("participación", 1)]
    assert figures[NUMERIC].wrong_answers == [("40", 1)]
    assert figures[TRUE_FALSE].wrong_answers == []


def test_a_question_removed_later_is_listed_last(graded):
    graded.questions.get(text=SINGLE).delete()
    analysis = ItemAnalysis.load(graded)
    assert analysis.questions[-1].text == SINGLE
    assert not analysis.questions[-1].in_quiz


def analysis_url(quiz):
    return f"/cuestionarios/{quiz.pk}/analisis/"


def test_the_course_trainer_reads_the_page(client, trainer, graded):
    client.force_login(trainer)
    page = BeautifulSoup(client.get(analysis_url(graded)).content, "html.parser")
    assert page.h1.get_text(strip=True) == "Análisis de preguntas: Evaluación del módulo"
    facts = page.select_one(".quiz-facts").get_text(" ", strip=True)
    assert "Intentos corregidos 4" in facts and "Intentos aprobados 2 (50 %)" in facts
    assert "Participantes que aprobaron 2 (67 %)" in facts
    bands = [row.get_text(" ", strip=True) for row in page.select(".score-distribution tbody tr")]
    assert bands[0] == "0–9 % 1 25 %" and bands[-1] == "90–100 % 2 50 %"
    first = page.select(".item-analysis__questions tbody tr")[0].get_text(" ", strip=True)
    assert first == f"{SINGLE} 4 50 % La Universidad de Concepción (× 2)"


def test_who_may_read_it(client, graded, ministry, coordinator, official):
    other_trainer = UserFactory(role=TRAINER)
    for person, status in ((ministry, 200), (other_trainer, 403), (coordinator, 403), (official, 403)):
        client.force_login(person)
        assert client.get(analysis_url(graded)).status_code == status, person
    client.logout()
    assert client.get(analysis_url(graded)).status_code == 302
    assert client.get("/cuestionarios/999999/analisis/").status_code == 302
    client.force_login(ministry)
    assert client.get("/cuestionarios/999999/analisis/").status_code == 404


def test_an_empty_analysis(client, trainer, quiz):
    client.force_login(trainer)
    page = BeautifulSoup(client.get(analysis_url(quiz)).content, "html.parser")
    assert "Todavía no hay intentos corregidos." in page.get_text()


def test_query_count_does_not_grow_with_attempts(client, ministry, graded, django_assert_num_queries, talcahuano):
    client.force_login(ministry)
    client.get(analysis_url(graded))  # warm the session and permission caches
    with django_assert_num_queries(12) as counted:
        client.get(analysis_url(graded))
    queries = len(counted.captured_queries)
    more = UserFactory(municipality=talcahuano, role=OFFICIAL)
    course_services.enrol(more, graded.get_course())
    take(more, graded, ALL_RIGHT)
    client.get(analysis_url(graded))  # a new official's role started a new edition of permissions: warm it again
    with django_assert_num_queries(queries):
        client.get(analysis_url(graded))
