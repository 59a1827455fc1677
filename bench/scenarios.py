"""What the virtual users of the load benchmark do, one class per scenario.

A scenario has three parts, run in two processes:

- ``prepare(tag, users)`` in the harness (``bench.load``, Django set up on the benchmark's database): makes what the
  run needs — signed-in accounts, addresses — and returns it as JSON-able data, or ``None`` when the platform has no
  such feature yet (the scenario is then reported as skipped).
- ``act(user, data, shared)`` in the load client (``bench.client``, no Django): one virtual user's loop until
  ``user.running`` turns false, requesting pages with ``user.get(label, path)`` / ``user.post(label, path, fields,
  referer)``; each label is measured apart (e.g. "lesson" and "complete" in the learning mix).
  ``user.recorder.record(...)`` keeps what the user did that should leave a row in the database.
- ``verify(data, outcome)`` back in the harness: counts the rows it expects from those records and the rows it
  finds, and returns the figures to report (lost or duplicated records).

Add a scenario by subclassing ``Scenario`` here with ``@register``; ``make bench`` runs every registered scenario
at each number of users.
"""

import re
import threading
from html.parser import HTMLParser

SCENARIOS = {}

#: Course 01 opens every module at once: readers can go to any lesson.
OPEN_COURSE = "ciudad-inteligente-desde-abajo"
#: The learning mix works through one course whose modules open one after the other, and one open course.
LEARNING_COURSES = [OPEN_COURSE, "co-diseno-de-servicios-municipales"]
#: Fresh learners per virtual user in the learning mix: each goes through a course until it is done or the next item
#: is not a lesson (a quiz: the quiz scenario takes those), then the next one starts.
LEARNERS_PER_USER = 20

COMPLETE_FORM = re.compile(r'action="(/mi-aprendizaje/actividades/(\d+)/completar/)"')
CSRF_FIELD = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def register(scenario_class):
    SCENARIOS[scenario_class.name] = scenario_class()
    return scenario_class


class Scenario:
    name = ""
    description = ""

    def prepare(self, tag, users):
        return {}

    def shared_state(self, data):
        """Client-side state the virtual users share (e.g. a queue of accounts), made once per run."""
        return None

    def act(self, user, data, shared):
        raise NotImplementedError

    def verify(self, data, outcome):
        return {}


class Accounts:
    """Hands each account to one virtual user only, whichever thread asks first."""

    def __init__(self, accounts):
        self.lock = threading.Lock()
        self.remaining = iter(accounts)

    def next(self):
        with self.lock:
            return next(self.remaining, None)


@register
class Ceiling(Scenario):
    name = "ceiling"
    description = "a constant answer through the middleware stack (/bench/techo/, anonymous)"

    def act(self, user, data, shared):
        while user.running:
            user.get("ceiling", "/bench/techo/")


@register
class Anonymous(Scenario):
    name = "anonymous"
    description = "a visitor opens the home page, then the catalogue"

    def act(self, user, data, shared):
        while user.running:
            user.get("home", "/")
            user.get("catalogue", "/cursos/")


@register
class Reading(Scenario):
    name = "reading"
    description = "a signed-in official reads the lessons of a course they are enrolled in, one after the other"

    def prepare(self, tag, users):
        from courses.models import LessonPage

        from . import dataset

        accounts = dataset.learners(tag, users, [OPEN_COURSE])
        items = next(items for course, items in dataset.demo_courses() if course.slug == OPEN_COURSE)
        lessons = [item.url for item in items if issubclass(item.specific_class, LessonPage)]
        return {"sessions": [account.session for account in accounts], "lessons": lessons}

    def act(self, user, data, shared):
        user.sign_in_as(data["sessions"][user.number])
        lessons = data["lessons"]
        position = user.number
        while user.running:
            user.get("lesson", lessons[position % len(lessons)])
            position += 1


@register
class Learning(Scenario):
    name = "learning"
    description = (
        "a signed-in official opens Mi aprendizaje, then reads each lesson of a course and marks it complete, on to "
        "the next item, until the course is done or the next item is a quiz; then the next official starts"
    )

    def prepare(self, tag, users):
        from . import dataset

        accounts = dataset.learners(tag, users * LEARNERS_PER_USER, LEARNING_COURSES)
        return {"accounts": [vars(account) for account in accounts]}

    def shared_state(self, data):
        return Accounts(data["accounts"])

    def act(self, user, data, shared):
        while user.running and (account := shared.next()):
            user.sign_in_as(account["session"])
            user.get("dashboard", "/mi-aprendizaje/")
            self.take_course(user, account)

    def take_course(self, user, account):
        course_path = "/".join(account["start"].split("/")[:3]) + "/"
        path = account["start"]
        while user.running:
            page = user.get("item", path)  # a lesson, or the quiz that follows it
            form = page and COMPLETE_FORM.search(page.text)
            if not form:
                return
            token = CSRF_FIELD.search(page.text).group(1)
            answer = user.post("complete", form.group(1), {"csrfmiddlewaretoken": token}, referer=path)
            user.recorder.record(email=account["email"], item=int(form.group(2)), ok=answer is not None)
            if answer is None:
                return
            path = answer.location
            if path == course_path:  # the course is complete: its page congratulates the learner
                user.get("course", path)
                return

    def verify(self, data, outcome):
        from courses.models import Completion, Enrolment

        emails = [account["email"] for account in data["accounts"]]
        confirmed = [(record["email"], record["item"]) for record in outcome["records"] if record["ok"]]
        uncertain = {(record["email"], record["item"]) for record in outcome["records"] if not record["ok"]}
        found = list(Completion.objects.filter(user__email__in=emails).values_list("user__email", "item_id"))
        enrolments = Enrolment.objects.filter(user__email__in=emails).values_list("user__email", "items_done")
        done_by = {}
        for email, _item in found:
            done_by[email] = done_by.get(email, 0) + 1
        return {
            "records_expected": len(set(confirmed)),
            "records_found": len(found),
            "records_lost": len(set(confirmed) - set(found)),
            "records_duplicated": (len(confirmed) - len(set(confirmed))) + (len(found) - len(set(found))),
            "records_unexpected": len(set(found) - set(confirmed) - uncertain),
            "records_uncertain": len(uncertain),
            "enrolments_inconsistent": sum(items_done != done_by.get(email, 0) for email, items_done in enrolments),
        }


@register
class CoordinatorReports(Scenario):
    name = "reports"
    description = (
        "a coordinator opens the reports (/reportes/ sends them to their comuna's report), then their comuna's "
        "report and each course's report, scoped to their comuna"
    )

    def prepare(self, tag, users):
        from django.urls import reverse

        from courses.models import CoursePage

        from . import dataset

        courses = [
            reverse("reports:course", args=[pk]) for pk in CoursePage.objects.live().values_list("pk", flat=True)
        ]
        return {
            "home": reverse("reports:home"),
            "coordinators": [
                {
                    "session": account.session,
                    "reports": [reverse("reports:municipality", args=[account.email.split("@")[0].split(".")[1]])],
                }
                for account in dataset.coordinator_accounts()
            ],
            "courses": sorted(courses),
        }

    def act(self, user, data, shared):
        coordinator = data["coordinators"][user.number % len(data["coordinators"])]
        user.sign_in_as(coordinator["session"])
        pages = [("comuna report", path) for path in coordinator["reports"]]
        pages += [("course report", path) for path in data["courses"]]
        position = user.number
        while user.running:
            if position % len(pages) == 0:
                user.get("reports start", data["home"], expect=302)
            user.get(*pages[position % len(pages)])
            position += 1


@register
class QuizSubmit(Scenario):
    name = "quiz"
    description = (
        "a signed-in official opens a quiz of a course they are enrolled in, starts an attempt, answers every "
        "question and submits it, and reads the result"
    )

    def prepare(self, tag, users):
        from quizzes.models import QuizPage

        from . import dataset

        quizzes = [quiz for quiz in QuizPage.objects.live().order_by("path") if quiz.get_course().slug == OPEN_COURSE]
        if not quizzes:
            return None
        accounts = dataset.learners(tag, users * LEARNERS_PER_USER, [OPEN_COURSE])
        return {"accounts": [vars(account) for account in accounts], "quizzes": [quiz.url for quiz in quizzes]}

    def shared_state(self, data):
        return Accounts(data["accounts"])

    def act(self, user, data, shared):
        while user.running and (account := shared.next()):
            user.sign_in_as(account["session"])
            for quiz in data["quizzes"]:
                if not (user.running and self.attempt(user, account, quiz)):
                    break

    def attempt(self, user, account, quiz):
        page = user.get("quiz", quiz)
        start = page and form_in(page.text, "/comenzar/")
        if not start:
            return False
        started = user.post("start", start.action, start.answers(), referer=quiz)
        questions = started and user.get("attempt", started.location)
        form = questions and form_in(questions.text, started.location)
        if not form:
            return False
        submitted = user.post("submit", form.action, form.answers(), referer=started.location)
        attempt = int(started.location.rstrip("/").rsplit("/", 1)[1])
        user.recorder.record(email=account["email"], attempt=attempt, ok=submitted is not None)
        return submitted is not None and user.get("result", submitted.location) is not None

    def verify(self, data, outcome):
        """Each learner makes one attempt per quiz: an attempt submitted with a redirect must be graded, once."""
        from django.db.models import Count

        from quizzes.models import Attempt

        emails = [account["email"] for account in data["accounts"]]
        confirmed = [record["attempt"] for record in outcome["records"] if record["ok"]]
        uncertain = {record["attempt"] for record in outcome["records"] if not record["ok"]}
        attempts = Attempt.objects.filter(user__email__in=emails)
        graded = set(attempts.graded().values_list("pk", flat=True))
        per_quiz = attempts.values("user", "quiz").annotate(n=Count("pk")).values_list("n", flat=True)
        return {
            "records_expected": len(set(confirmed)),
            "records_found": len(graded),
            "records_lost": len(set(confirmed) - graded),
            "records_duplicated": (len(confirmed) - len(set(confirmed))) + sum(n - 1 for n in per_quiz),
            "records_unexpected": len(graded - set(confirmed) - uncertain),
            "records_uncertain": len(uncertain),
        }


class Form:
    def __init__(self, action):
        self.action = action
        self.fields = []  # (name, type, value)

    def answers(self):
        """What a person in a hurry sends: the hidden fields, the first option of every choice, "1" in text boxes."""
        chosen, answered = {}, set()
        for name, kind, value in self.fields:
            if not name:
                continue
            if kind in ("radio", "checkbox", "select"):
                if name not in answered:
                    chosen[name], answered = value, answered | {name}
            elif kind not in ("submit", "button"):
                chosen.setdefault(name, value or "1")
        return chosen


class FormReader(HTMLParser):
    """The forms of a page: their action and fields (enough to fill them in; not a browser)."""

    def __init__(self):
        super().__init__()
        self.forms = []
        self.select = None

    def handle_starttag(self, tag, attributes):
        attributes = dict(attributes)
        if tag == "form":
            self.forms.append(Form(attributes.get("action", "")))
        elif not self.forms:
            return
        elif tag == "input":
            self.forms[-1].fields.append(
                (
                    attributes.get("name"),
                    attributes.get("type", "text"),
                    attributes.get("value", ""),
                )
            )
        elif tag == "textarea":
            self.forms[-1].fields.append((attributes.get("name"), "textarea", "Respuesta de prueba"))
        elif tag == "select":
            self.select = attributes.get("name")
        elif tag == "option" and self.select and attributes.get("value"):
            self.forms[-1].fields.append((self.select, "select", attributes["value"]))

    def handle_endtag(self, tag):
        if tag == "select":
            self.select = None


def form_in(html, action_contains):
    """The first form of ``html`` whose action contains ``action_contains`` (``None`` if there is none)."""
    reader = FormReader()
    reader.feed(html)
    return next((form for form in reader.forms if action_contains in form.action), None)
