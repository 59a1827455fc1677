"""Quizzes for tests: ``build_quiz(module)`` publishes a quiz with one question of each type (see ``QUESTIONS``),
``answers_for(attempt, …)`` fills its form by question text, whatever order the attempt drew."""

from decimal import Decimal

from quizzes.models import BankChoice, BankQuestion, Choice, Question, QuizBankQuestion, QuizPage

SINGLE = "¿Quién lanzó el programa Smart City Gran Concepción en 2014?"
MULTIPLE = "¿Qué principios guiaron el programa? Marque todas las correctas."
TRUE_FALSE = "Los datos reunidos para una encuesta pueden usarse en cualquier otra campaña."
SHORT_TEXT = "¿Cómo se llama el enfoque que invita a la ciudadanía a decidir? (dos palabras)"
NUMERIC = "Si 70 de 200 vecinos usan el servicio, ¿qué porcentaje lo usa?"


def question(kind, text, points=1, choices=(), **fields):
    return Question(
        question_type=kind,
        text=text,
        points=points,
        explanation=f"Explicación: {text[:20]}",
        choices=[
            Choice(text=label, correct=correct, feedback=feedback, sort_order=order)
            for order, (label, correct, feedback) in enumerate(choices)
        ],
        **fields,
    )


def standard_questions(partial_credit=True):
    """One question of each type, 6 points in all."""
    return [
        question(
            "single",
            SINGLE,
            choices=[
                ("El Banco Mundial y el MTT", True, ""),
                ("La Universidad de Concepción", False, "Fue un actor, pero no lo lanzó."),
                ("Una empresa de telecomunicaciones", False, ""),
            ],
        ),
        question(
            "multiple",
            MULTIPLE,
            points=2,
            partial_credit=partial_credit,
            choices=[
                ("Foco ciudadano", True, ""),
                ("Eficiencia de costos", True, ""),
                ("Una plataforma única", False, "El programa evitó las plataformas pesadas."),
                ("Muchos sensores", False, ""),
            ],
        ),
        question("true_false", TRUE_FALSE, true_false_answer=False),
        question("short_text", SHORT_TEXT, accepted_answers="Participación ciudadana\nparticipacion vecinal"),
        question("numeric", NUMERIC, numeric_answer=Decimal(35), tolerance=Decimal("0.5")),
    ]


def build_quiz(module, questions=None, bank=(), live=True, **settings):
    fields = {
        "title": "Evaluación del módulo",
        "estimated_minutes": 10,
        "pass_mark": 70,
        "attempts_allowed": 3,
        "shuffle_questions": False,
        "shuffle_choices": False,
        **settings,
    }
    quiz = QuizPage(**fields)
    quiz.questions = standard_questions() if questions is None else questions
    for order, question in enumerate(quiz.questions.all()):
        question.sort_order = order
    quiz.bank_questions = [QuizBankQuestion(question=banked, sort_order=order) for order, banked in enumerate(bank)]
    module.add_child(instance=quiz)
    revision = quiz.save_revision()
    if live:
        revision.publish()
    else:
        quiz.unpublish()
    return QuizPage.objects.get(pk=quiz.pk)


def bank_question(text, correct="Sí", wrong="No", topic="Ley 19.628"):
    banked = BankQuestion(topic=topic, question_type="single", text=text, points=1)
    banked.choices = [
        BankChoice(text=correct, correct=True, sort_order=0),
        BankChoice(text=wrong, correct=False, sort_order=1),
    ]
    banked.save()
    return banked


def position_of(attempt, text):
    return next(position for position, question in enumerate(attempt.questions, 1) if question["text"] == text)


def choice_positions(attempt, text, *labels):
    question = attempt.questions[position_of(attempt, text) - 1]
    return [str(index) for index, choice in enumerate(question["choices"]) if choice["text"] in labels]


def answers_for(attempt, by_text):
    """Form data for ``attempt`` from ``{question text: labels of choices picked | typed text}``."""
    data = {}
    for text, answer in by_text.items():
        name = f"q{position_of(attempt, text)}"
        kind = attempt.questions[position_of(attempt, text) - 1]["type"]
        if kind in ("single", "multiple", "true_false"):
            labels = answer if isinstance(answer, list | tuple) else [answer]
            picked = choice_positions(attempt, text, *labels)
            data[name] = picked if kind == "multiple" else picked[0]
        else:
            data[name] = answer
    return data


def take(learner, quiz, by_text):
    """Start an attempt as ``learner`` and submit ``by_text`` (see ``answers_for``) through the form; the graded
    attempt."""
    from quizzes import services
    from quizzes.forms import AttemptForm

    attempt, _created = services.start_attempt(learner, quiz)
    form = AttemptForm(attempt.questions, answers_for(attempt, by_text))
    assert form.is_valid(), form.errors
    return services.submit_attempt(attempt, form.responses()).attempt


ALL_RIGHT = {
    SINGLE: "El Banco Mundial y el MTT",
    MULTIPLE: ["Foco ciudadano", "Eficiencia de costos"],
    TRUE_FALSE: "Falso",
    SHORT_TEXT: "participacion ciudadana",
    NUMERIC: "35",
}
