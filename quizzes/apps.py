from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class QuizzesConfig(AppConfig):
    """Quizzes inside courses: authored in Wagtail, taken by learners, graded on the server."""

    name = "quizzes"
    verbose_name = _("Quizzes")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from home import published

        from .models import BankChoice, BankQuestion, Choice, Question, QuizBankQuestion

        # A quiz's question pool is kept between publications (``QuizPage.published_pool``); bank questions are
        # snippets, edited apart from the pages that draw on them.
        published.watch(Question, Choice, QuizBankQuestion, BankQuestion, BankChoice)
