"""The courses app's part of an official's data download (Ley 19.628; see ``accounts.personal_data``).

Enrolments and completions hold no names or documents, only what was learnt and when, so erasure leaves them to
the anonymised account: figures per course and municipality keep adding up.
"""

from .models import Completion, Enrolment


def export_learning(user):
    enrolments = Enrolment.objects.filter(user=user).order_by("enrolled_at")
    completions = Completion.objects.filter(user=user).order_by("completed_at")
    return {
        "enrolments": [
            {
                "course": enrolment.course_title,
                "enrolled_at": enrolment.enrolled_at,
                "started_at": enrolment.started_at,
                "completed_at": enrolment.completed_at,
                "last_activity_at": enrolment.last_activity_at,
                "required_items": enrolment.items_required,
                "required_items_done": enrolment.items_done,
                "progress_percent": enrolment.progress_percent,
            }
            for enrolment in enrolments
        ],
        "completions": [
            {"item": completion.item_title, "completed_at": completion.completed_at} for completion in completions
        ],
    }
