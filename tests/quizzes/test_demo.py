"""The demo's quizzes: one or more per demo course, mixing question types, with demo officials' attempts."""

import yaml
from bs4 import BeautifulSoup
from django.core.management import call_command

from accounts.models import User
from courses.demo import DEMO_DIR
from courses.models import Completion, CoursePage, Enrolment, LessonPage
from courses.outline import CourseOutline
from quizzes.models import Attempt, BankQuestion, QuizPage, QuizResult

FILES = sorted(DEMO_DIR.glob("*.yaml"))


class Null:
    def write(self, *args, **kwargs):
        pass


def test_every_demo_course_has_a_published_quiz_mixing_question_types(demo):
    assert len(FILES) == 4
    for path in FILES:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        course = CoursePage.objects.get(slug=data["slug"])
        quizzes = QuizPage.objects.live().descendant_of(course)
        written = [module["quiz"] for module in data["modules"] if "quiz" in module]
        assert [quiz.slug for quiz in quizzes] == [quiz["slug"] for quiz in written]
        kinds = {question.question_type for quiz in quizzes for question in quiz.questions.all()}
        assert len(kinds) >= 4, course.title
        for quiz, quiz_data in zip(quizzes, written, strict=True):
            assert quiz.optional == (not quiz_data["required"])
            assert quiz.questions.count() == len(quiz_data["questions"])
            # After every lesson of its module (an applied practice may follow it).
            lessons = LessonPage.objects.child_of(quiz.get_parent())
            assert not lessons.filter(path__gt=quiz.path).exists() and lessons.exists()


def test_the_bank_is_shared_between_quizzes(demo):
    bank = BankQuestion.objects.all()
    assert bank.count() == 3
    shared = bank.get(topic="Ley 19.628")
    assert sorted(link.page.slug for link in shared.quiz_links.all()) == [
        "evaluacion-idear-prototipar-y-probar",
        "practica-innovacion-abierta",
    ]


def test_the_demo_official_passed_the_final_quiz_of_her_completed_course(client, demo):
    official = User.objects.get(email="funcionaria@cocrea.test")
    done = Enrolment.objects.get(user=official, course__slug="ciudad-inteligente-desde-abajo")
    assert done.completed_at is not None
    assert (done.items_done, done.progress_percent) == (done.items_required, 100)
    final = QuizPage.objects.get(slug="evaluacion-ciudad-inteligente-desde-abajo")
    result = QuizResult.objects.get(enrolment=done, quiz=final)
    assert result.passed and result.best_score_percent >= final.pass_mark
    passed = Attempt.objects.get(enrolment=done, quiz=final, passed=True)
    assert passed.submitted_at <= done.completed_at  # before the course was completed
    assert Completion.objects.get(user=official, item=final).completed_at == passed.submitted_at

    halfway = Enrolment.objects.get(user=official, course__slug="co-diseno-de-servicios-municipales")
    assert halfway.completed_at is None and 40 <= halfway.progress_percent <= 60
    outline = CourseOutline.load(halfway.course, official)
    assert not any(item.locked for item in outline.items if item.done)  # nothing she did is locked away

    client.force_login(official)
    page = BeautifulSoup(client.get(final.url).content, "html.parser")
    assert "Aprobado. Mejor puntaje" in page.select_one(".quiz-progress").get_text()
    row = page.select(".attempts tbody tr")[-1]
    assert client.get(row.a["href"]).status_code == 200


def test_demo_attempts_are_consistent(demo):
    attempts = Attempt.objects.select_related("enrolment")
    assert attempts.filter(passed=False).exists() and attempts.filter(passed=True).exists()
    assert not attempts.filter(submitted_at__isnull=True).exists()
    for result in QuizResult.objects.all():
        graded = attempts.filter(enrolment=result.enrolment, quiz=result.quiz)
        assert result.attempts_used == graded.count()
        assert result.passed == graded.filter(passed=True).exists()
        assert result.best_score_percent == max(attempt.score_percent for attempt in graded)
    for enrolment in Enrolment.objects.filter(completed_at__isnull=False):
        assert enrolment.items_done == enrolment.items_required


def test_loading_the_demo_again_keeps_the_quizzes_and_attempts(demo):
    quiz = QuizPage.objects.get(slug="evaluacion-plantear-el-desafio")
    quiz.pass_mark = 90
    quiz.save_revision().publish()
    counts = (QuizPage.objects.count(), BankQuestion.objects.count(), Attempt.objects.count())
    call_command("load_demo", stdout=Null())
    assert (QuizPage.objects.count(), BankQuestion.objects.count(), Attempt.objects.count()) == counts
    assert QuizPage.objects.get(pk=quiz.pk).pass_mark == 90
