"""The quizzes app's part of an official's data download (see ``accounts.personal_data``): every attempt with
its score and answers. Attempts hold no names or documents, so erasure leaves them to the anonymised account."""

from .models import Attempt


def export_quiz_attempts(user):
    attempts = Attempt.objects.filter(user=user).prefetch_related("answers").order_by("started_at")
    return {
        "quiz_attempts": [
            {
                "quiz": attempt.quiz_title,
                "course": attempt.enrolment.course_title,
                "number": attempt.number,
                "started_at": attempt.started_at,
                "submitted_at": attempt.submitted_at,
                "score_percent": attempt.score_percent,
                "passed": attempt.passed,
                "answers": [
                    {
                        "question": answer.question_text,
                        "answer": answer.response_label,
                        "points": answer.points_awarded,
                        "correct": answer.correct,
                    }
                    for answer in attempt.answers.all()
                ],
            }
            for attempt in attempts.select_related("enrolment")
        ]
    }
