"""The demo's quizzes: every ``quiz`` of the course files (``courses/demo/*.yaml``) as a published quiz page at
the end of its module, the shared question bank (``quizzes/demo/banco-de-preguntas.yaml``), and the attempts of
the demo officials.

Idempotent: a quiz that exists (by slug, in its course) is kept as it is; a bank question that exists (by text)
is not made twice. The demo officials take the quizzes as part of their histories (``reports.demo``), through
``take``: graded by ``quizzes.services``, some failed once before they pass.
"""

from datetime import timedelta
from decimal import Decimal
from pathlib import Path

import yaml
from django.utils.text import slugify

from courses.demo import DEMO_DIR as COURSE_DIR
from courses.models import CoursePage, ModulePage

from . import services
from .grading import grade, is_pass
from .models import AnswerReveal, BankChoice, BankQuestion, Choice, Question, QuizBankQuestion, QuizPage
from .models.questions import CHOICE_TYPES, QuestionType

DEMO_DIR = Path(__file__).resolve().parent / "demo"
MINUTES_PER_QUESTION = 2


def load(stdout):
    bank = load_bank(stdout)
    for path in sorted(COURSE_DIR.glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        course = CoursePage.objects.filter(slug=data["slug"]).first()
        if course is None:
            continue
        for module_data in data["modules"]:
            quiz_data = module_data.get("quiz")
            module = ModulePage.objects.child_of(course).filter(slug=slugify(module_data["title"])).first()
            if quiz_data is None or module is None:
                continue
            if QuizPage.objects.descendant_of(course).filter(slug=quiz_data["slug"]).exists():
                continue
            quiz = create_quiz(module, quiz_data, bank.get(quiz_data["slug"], []))
            stdout.write(f"  quiz {course.title} · {quiz.title}")


def load_bank(stdout):
    """The bank questions, made if missing; returns quiz slug → the bank questions it uses."""
    used_by = {}
    for data in yaml.safe_load((DEMO_DIR / "banco-de-preguntas.yaml").read_text(encoding="utf-8")):
        question = BankQuestion.objects.filter(text=data["text"].strip()).first()
        if question is None:
            question = BankQuestion(topic=data["topic"], **question_fields(data))
            question.choices = [
                BankChoice(**choice_fields(choice), sort_order=order)
                for order, choice in enumerate(data.get("choices", []))
            ]
            question.save()
            stdout.write(f"  bank question {question.topic}")
        for slug in data["quizzes"]:
            used_by.setdefault(slug, []).append(question)
    return used_by


def question_fields(data):
    kind = data["type"]
    fields = {
        "question_type": kind,
        "text": data["text"].strip(),
        "points": data["points"],
        "explanation": data["explanation"].strip(),
        "partial_credit": data.get("partial_credit", False),
    }
    if kind == QuestionType.TRUE_FALSE:
        fields["true_false_answer"] = data["answer"]
    elif kind == QuestionType.SHORT_TEXT:
        fields["accepted_answers"] = "\n".join(data["accepted"])
    elif kind == QuestionType.NUMERIC:
        fields["numeric_answer"] = Decimal(str(data["answer"]))
        fields["tolerance"] = Decimal(str(data.get("tolerance", 0)))
    return fields


def choice_fields(data):
    return {"text": data["text"], "correct": data["correct"], "feedback": data.get("feedback", "")}


def create_quiz(module, data, bank_questions):
    questions = data["questions"]
    asked = data["draw"] or len(questions) + len(bank_questions)
    introduction = data["introduction"].strip()
    quiz = QuizPage(
        title=data["title"],
        slug=data["slug"],
        summary=introduction.split(". ")[0].rstrip(".") + ".",
        introduction=f"<p>{introduction}</p>",
        estimated_minutes=data.get("minutes") or asked * MINUTES_PER_QUESTION,
        optional=not data["required"],
        pass_mark=data["pass_mark"],
        attempts_allowed=data["attempts_allowed"],
        time_limit_minutes=data["time_limit_minutes"],
        shuffle_questions=data["shuffle_questions"],
        shuffle_choices=data["shuffle_choices"],
        draw_count=data["draw"],
        show_answers=AnswerReveal.default_for(not data["required"]),
    )
    quiz.questions = [
        Question(
            **question_fields(question),
            sort_order=position,
            choices=[
                Choice(**choice_fields(c), sort_order=order) for order, c in enumerate(question.get("choices", []))
            ],
        )
        for position, question in enumerate(questions)
    ]
    quiz.bank_questions = [
        QuizBankQuestion(question=question, sort_order=position) for position, question in enumerate(bank_questions)
    ]
    module.add_child(instance=quiz)
    quiz.save_revision().publish()
    return QuizPage.objects.get(pk=quiz.pk)


def take(learner, quiz, rng, when, passing):
    """One graded attempt started at ``when``; a passing one misses at most one question, a failing one about
    half of them."""
    attempt, _created = services.start_attempt(learner, quiz, now=when, rng=rng)
    for _tries in range(20):
        miss = {position for position in range(1, len(attempt.questions) + 1) if rng.random() < 0.5}
        if passing:
            miss = set(sorted(miss)[:1])
        responses = {
            position: demo_response(question, position not in miss, rng)
            for position, question in enumerate(attempt.questions, start=1)
        }
        if would_pass(attempt, responses) == passing:
            break
    return services.submit_attempt(attempt, responses, now=when + timedelta(minutes=4 + rng.randrange(8))).attempt


def would_pass(attempt, responses):
    awarded = sum(grade(question, responses[position]).points for position, question in enumerate(attempt.questions, 1))
    return is_pass(awarded, attempt.points_possible, attempt.pass_mark)


def demo_response(question, right, rng):
    kind = question["type"]
    if kind in CHOICE_TYPES:
        choices = list(enumerate(question["choices"]))
        correct = [position for position, choice in choices if choice["correct"]]
        wrong = [position for position, choice in choices if not choice["correct"]]
        if right or not wrong:
            return correct
        return [rng.choice(wrong)] if kind != QuestionType.MULTIPLE else [*correct[:1], rng.choice(wrong)]
    if kind == QuestionType.SHORT_TEXT:
        return question["accepted"][0] if right else "no lo sé"
    answer = Decimal(question["answer"])
    return answer if right else answer + 10
