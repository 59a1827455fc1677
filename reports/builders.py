"""The three reports (overview, municipality, course): their filters, figures and tables.

A report is built from the person's ``ReportScope`` and the query string; the view renders its tables (a page of
the long ones) and the exports write the same tables whole. Each report runs a fixed number of queries, whatever
the number of enrolments.
"""

from functools import cached_property

from django import forms
from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _

from accounts.models import Municipality, User

from . import figures, integrations
from .filters import ReportFilter, StalledForm
from .models import MonthlyCompletions, ProgressSummary
from .scope import Reach
from .tables import Table, count_cell, date_cell, decimal_cell, decimal_text, month_cell, percent_cell, text_cell

#: Filters the summaries can answer; any other filter (dates, position) makes a report count enrolments.
SUMMARY_FILTERS = {"comuna", "region", "curso"}

MEASURES = {
    "completed": _("Completed"),
    "enrolled": _("Enrolled"),
    "in_progress": _("In progress"),
    "rate": _("Completion rate"),
    "certificates": _("Certificates issued"),
}


class Report:
    """What every report shares: scoped, filtered enrolments and the tables built from them."""

    kind = ""
    keys = ()
    uses_summaries = True
    omit = ()
    #: Tables long enough to be shown a page at a time (the others are shown whole).
    paged = ()

    def __init__(self, scope, data, subject=None):
        self.scope = scope
        self.subject = subject
        self.data = data
        #: When the figures are read: every figure of the page (summaries and records alike) is as of then.
        self.moment = timezone.now()
        self.filterset = ReportFilter(data, scope=scope, queryset=self.base_enrolments(), omit=self.omit)
        self.forms = [self.filterset.form, *self.extra_forms()]

    def base_enrolments(self):
        return self.scope.enrolments()

    def extra_forms(self):
        return []

    @cached_property
    def valid(self):
        return all(form.is_valid() for form in self.forms)

    @cached_property
    def enrolments(self):
        return self.filterset.qs if self.valid else self.filterset.queryset.none()

    @cached_property
    def uses_summary_source(self):
        """Whether the summaries can answer: no filter they do not hold (dates, position)."""
        if not self.valid or not self.uses_summaries:
            return False
        data = self.filterset.form.cleaned_data
        return not any(data.get(name) for name in data if name not in SUMMARY_FILTERS)

    @cached_property
    def source(self):
        """Where the figures come from: the summaries when they can answer, else the enrolments themselves (both
        are current, so they agree)."""
        if not self.uses_summary_source:
            return figures.LiveFigures(self.enrolments)
        return figures.SummaryFigures(self.summary_rows(ProgressSummary.objects.all()), self.month_rows())

    def month_rows(self):
        """Monthly completions: the month totals kept for one municipality, one course or all of them when that
        is what the report counts (a dozen rows), else the rows per municipality and course, filtered."""
        data = self.filterset.form.cleaned_data
        municipality = data.get("comuna") or (
            self.scope.user.municipality if self.scope.reach is Reach.COORDINATOR else None
        )
        course = data.get("curso") or self.summary_course()
        if data.get("region") or (self.scope.reach is Reach.TRAINER and course is None) or (municipality and course):
            cells = MonthlyCompletions.objects.filter(municipality__isnull=False, course__isnull=False)
            return self.summary_rows(cells)
        return MonthlyCompletions.objects.filter(municipality=municipality, course=course)

    def summary_course(self):
        """The course a report is about, if any (its summaries are read for that course only)."""
        return None

    def summary_rows(self, rows):
        """Summary rows limited as ``enrolments`` is: scope, filters and the report's subject."""
        rows = self.scope.summary_rows(rows)
        data = self.filterset.form.cleaned_data
        if data.get("comuna"):
            rows = rows.filter(municipality=data["comuna"])
        if data.get("region"):
            rows = rows.filter(municipality__region=data["region"])
        if data.get("curso"):
            rows = rows.filter(course=data["curso"])
        return self.summary_subject(rows)

    def summary_subject(self, rows):
        return rows

    def filter_summary(self):
        used = self.filterset.summary()
        for form in self.forms[1:]:
            if form.is_valid():
                used += [
                    (str(form.fields[name].label), choice_label(form.fields[name], value))
                    for name, value in form.cleaned_data.items()
                    if value not in (None, "", False)
                ]
        return used

    def tables(self, only=None):
        """Every table of the report, whole (what the exports write); just the table ``only`` if given."""
        raise NotImplementedError

    def table_keys(self):
        return self.keys

    def table(self, key):
        """One table, whole; only this table is computed."""
        return next((table for table in self.tables(only=key) if table.key == key), None)

    def export_size(self, key):
        """How many rows an export of table ``key`` would have (to decide whether to build it in the background)."""
        return 0

    def title(self):
        raise NotImplementedError

    def url(self):
        raise NotImplementedError


def choice_label(field, value):
    return str(dict(getattr(field, "choices", ())).get(value, value))


class MeasureForm(forms.Form):
    medida = forms.ChoiceField(label=_("Figure shown in the matrix"), choices=list(MEASURES.items()), required=False)

    def measure(self):
        return (self.cleaned_data.get("medida") if self.is_valid() else None) or "completed"


class OverviewReport(Report):
    """Ministry staff: municipalities × courses, completion by municipality and completions per month."""

    kind = "general"
    keys = ("matriz", "comunas", "cursos", "meses")
    paged = ("matriz", "comunas")

    def extra_forms(self):
        self.measure_form = MeasureForm(self.data)
        return [self.measure_form]

    def title(self):
        return _("Overview")

    def url(self):
        return reverse("reports:overview")

    @cached_property
    def municipalities(self):
        municipalities = self.scope.municipalities().only("pk", "name", "code", "region")
        if self.valid:
            data = self.filterset.form.cleaned_data
            if data.get("comuna"):
                municipalities = municipalities.filter(pk=data["comuna"].pk)
            if data.get("region"):
                municipalities = municipalities.filter(region=data["region"])
        return list(municipalities)

    @cached_property
    def counts(self):
        return self.source.counts_by(figures.MUNICIPALITY, figures.COURSE)

    @cached_property
    def courses(self):
        with_enrolments = {course_id for _municipality, course_id in self.counts}
        courses = self.scope.courses().filter(Q(live=True) | Q(pk__in=with_enrolments))
        if self.valid and self.filterset.form.cleaned_data.get("curso"):
            courses = courses.filter(pk=self.filterset.form.cleaned_data["curso"].pk)
        return list(courses.only("pk", "title"))

    def totals(self):
        by_municipality = {municipality.pk: figures.Counts() for municipality in self.municipalities}
        by_course = {course.pk: figures.Counts() for course in self.courses}
        total = figures.Counts()
        for (municipality_id, course_id), counts in self.counts.items():
            if municipality_id in by_municipality and course_id in by_course:
                by_municipality[municipality_id].add(counts)
                by_course[course_id].add(counts)
                total.add(counts)
        return by_municipality, by_course, total

    @cached_property
    def months(self):
        until = self.filterset.form.cleaned_data.get("hasta") if self.valid else None
        return figures.completions_by_month(self.source, until=until)

    def measure_cell(self, counts, measure):
        sees_small = self.scope.sees_small_groups
        if measure == "rate":
            return percent_cell(counts.completed, counts.enrolled, counts.enrolled, sees_small)
        return count_cell(getattr(counts, measure), counts.enrolled, sees_small)

    def figure_cells(self, counts):
        cells = [self.measure_cell(counts, measure) for measure in ("enrolled", "in_progress", "completed", "rate")]
        cells.append(self.measure_cell(counts, "certificates"))
        return cells

    def figure_columns(self):
        columns = [
            MEASURES["enrolled"],
            MEASURES["in_progress"],
            MEASURES["completed"],
            MEASURES["rate"],
            MEASURES["certificates"],
        ]
        return [str(column) for column in columns]

    def matrix_measure(self):
        return self.measure_form.measure()

    def tables(self, only=None, municipalities=None):
        """Every table (or the one named ``only``); the matrix and municipalities rows only for ``municipalities``
        if given (a page of them)."""
        municipalities = self.municipalities if municipalities is None else municipalities
        if only == "meses":
            return [self.months_table()]
        by_municipality, by_course, total = self.totals()
        link = MunicipalityLink()
        tables = {
            "matriz": lambda: self.matrix_table(municipalities, by_municipality, by_course, total, link),
            "comunas": lambda: self.municipalities_table(municipalities, by_municipality, total, link),
            "cursos": lambda: self.courses_table(by_course, total),
            "meses": self.months_table,
        }
        return [build() for key, build in tables.items() if only in (None, key)]

    def matrix_table(self, municipalities, by_municipality, by_course, total, link):
        measure = self.matrix_measure()
        empty = figures.Counts()
        table = Table(
            "matriz",
            str(_("Municipalities × courses: %(measure)s") % {"measure": MEASURES[measure]}),
            [str(_("Municipality")), *(course.title for course in self.courses), str(_("Total"))],
        )
        for municipality in municipalities:
            table.rows.append(
                [
                    link(municipality),
                    *(
                        self.measure_cell(self.counts.get((municipality.pk, course.pk), empty), measure)
                        for course in self.courses
                    ),
                    self.measure_cell(by_municipality[municipality.pk], measure),
                ]
            )
        table.footer.append(
            [
                text_cell(_("Total"), header=True),
                *(self.measure_cell(by_course[course.pk], measure) for course in self.courses),
                self.measure_cell(total, measure),
            ]
        )
        return table

    def municipalities_table(self, municipalities, by_municipality, total, link):
        table = Table("comunas", str(_("Completion by municipality")), [str(_("Municipality")), *self.figure_columns()])
        for municipality in municipalities:
            table.rows.append([link(municipality), *self.figure_cells(by_municipality[municipality.pk])])
        table.footer.append([text_cell(_("Total"), header=True), *self.figure_cells(total)])
        return table

    def courses_table(self, by_course, total):
        table = Table("cursos", str(_("Completion by course")), [str(_("Course")), *self.figure_columns()])
        link = CourseLink()
        for course in self.courses:
            table.rows.append(
                [
                    link(course.pk, course.title, header=True),
                    *self.figure_cells(by_course[course.pk]),
                ]
            )
        table.footer.append([text_cell(_("Total"), header=True), *self.figure_cells(total)])
        return table

    def months_table(self):
        table = Table("meses", str(_("Completions per month")), [str(_("Month")), str(_("Completions"))])
        for month, completed in self.months:
            table.rows.append([month_cell(month), count_cell(completed)])
        return table


class MunicipalityLink:
    """A municipality's name linking to its report (one ``reverse`` for a whole table, not one per row)."""

    def __init__(self):
        self.pattern = reverse("reports:municipality", args=["00000"])

    def __call__(self, municipality, linked=True):
        href = self.pattern.replace("00000", municipality.code) if linked else ""
        return text_cell(municipality.name, href, header=True)


class CourseLink:
    def __init__(self):
        self.pattern = reverse("reports:course", args=[0])

    def __call__(self, course_id, title, header=False):
        return text_cell(title, self.pattern.replace("/0/", f"/{course_id}/"), header=header)


class MunicipalityReport(Report):
    """One municipality's officials: each course's progress, last activity, quiz scores, certificate, stalled."""

    kind = "municipio"
    keys = ("funcionarios",)
    uses_summaries = False  # it lists enrolments one by one
    omit = ("comuna", "region")
    paged = ("funcionarios",)

    def extra_forms(self):
        self.stalled_form = StalledForm(self.data)
        return [self.stalled_form]

    def base_enrolments(self):
        return self.scope.enrolments().filter(user__municipality=self.subject)

    def title(self):
        return self.subject.name

    def url(self):
        return reverse("reports:municipality", args=[self.subject.code])

    @property
    def now(self):
        """ "Stalled" is decided at the report's moment, like every other figure."""
        return self.moment

    @cached_property
    def stalled(self):
        return figures.stalled_filter(self.stalled_form.days(), self.now)

    @cached_property
    def listed(self):
        """The enrolments the officials table lists (only the stalled ones when asked)."""
        if self.valid and self.stalled_form.cleaned_data.get("estancados"):
            return self.enrolments.filter(self.stalled)
        return self.enrolments

    def summary(self):
        return self.enrolments.order_by().aggregate(
            officials=Count("user", distinct=True),
            enrolments=Count("pk"),
            completed=Count("completed_at"),
            stalled=Count("pk", filter=self.stalled),
        )

    def listed_count(self, summary):
        """How many enrolments the officials table lists, from ``summary()`` (same snapshot, no second count)."""
        return summary["stalled"] if self.listed is not self.enrolments else summary["enrolments"]

    def export_size(self, key):
        return self.listed.count() if key == "funcionarios" else 0

    #: What a row of the officials table reads of an enrolment and its official (``officials_table``).
    ROW_FIELDS = (
        "pk",
        "user_id",
        "course_id",
        "course_title",
        "completed_at",
        "last_activity_at",
        "items_done",
        "items_required",
        "user__first_name",
        "user__last_name",
        "user__email",
        "user__erased_at",
        "user__position",
    )

    def rows_queryset(self):
        """The officials table's rows: ``ROW_FIELDS`` as named tuples, not models (a page has a hundred of them,
        its enrolments and their officials)."""
        rows = self.listed.order_by("user__last_name", "user__first_name", "user_id", "course_title", "pk")
        return rows.values_list(*self.ROW_FIELDS, named=True)

    def officials_table(self, enrolments):
        """The officials table for ``enrolments``, rows of ``rows_queryset`` (a page of them on screen, all in an
        export)."""
        enrolments = list(enrolments)
        ids = [enrolment.pk for enrolment in enrolments]
        quizzes = integrations.quiz_results_by_enrolment(ids)
        certificates = integrations.certificate_status_by_enrolment(ids)
        # The key columns first (who, which course, how far, stalled, completed); the rest after them.
        columns = [
            _("Official"),
            _("Course"),
            _("Progress"),
            _("Items done"),
            _("Stalled"),
            _("Completed on"),
            _("Certificate"),
            _("Quiz best scores"),
            _("Last activity"),
            _("Position or department"),
        ]
        table = Table("funcionarios", str(_("Officials and their courses")), [str(column) for column in columns])
        days = self.stalled_form.days()
        course_link = CourseLink()
        # Translated once for the table, not once per row.
        items_text, stalled_text = gettext("%(done)s of %(required)s"), gettext("Stalled")
        zone, language = timezone.get_current_timezone(), get_language()
        for enrolment in enrolments:
            stalled = figures.is_stalled(enrolment, days, self.now)
            row = [
                text_cell(
                    User.name_of(
                        enrolment.user__first_name,
                        enrolment.user__last_name,
                        enrolment.user__email,
                        enrolment.user__erased_at,
                    ),
                    header=True,
                ),
                course_link(enrolment.course_id, enrolment.course_title),
                percent_cell(enrolment.items_done, enrolment.items_required, language=language),
                text_cell(items_text % {"done": enrolment.items_done, "required": enrolment.items_required}),
                text_cell(stalled_text if stalled else ""),
                date_cell(enrolment.completed_at, zone, language),
                text_cell(certificates.get(enrolment.pk, "")),
                text_cell(format_quiz_results(quizzes.get(enrolment.pk, []))),
                date_cell(enrolment.last_activity_at, zone, language),
                text_cell(enrolment.user__position),
            ]
            table.rows.append(row)
        return table

    def tables(self, only=None):
        return [self.officials_table(self.rows_queryset())]


def format_quiz_results(results):
    return "; ".join(
        (gettext("%(quiz)s: %(score)s %% (passed)") if passed else gettext("%(quiz)s: %(score)s %% (not passed)"))
        % {"quiz": title, "score": decimal_text(score)}
        for title, score, passed in results
    )


class CourseReport(Report):
    """One course: the funnel, quiz pass rates, average time to complete and completion by municipality."""

    kind = "curso"
    omit = ("curso",)

    def table_keys(self):
        return ["embudo", "comunas", "cuestionarios"]

    def base_enrolments(self):
        return self.scope.enrolments().filter(course=self.subject)

    def title(self):
        return self.subject.title

    def url(self):
        return reverse("reports:course", args=[self.subject.pk])

    def summary_subject(self, rows):
        return rows.filter(course=self.subject)

    def summary_course(self):
        return self.subject

    @cached_property
    def funnel(self):
        return self.source.funnel()

    @cached_property
    def by_municipality(self):
        counts = self.source.counts_by(figures.MUNICIPALITY)
        names = Municipality.objects.filter(pk__in=list(counts)).only("pk", "name", "code").order_by("name")
        return [(municipality, counts[municipality.pk]) for municipality in names]

    def funnel_table(self):
        funnel = self.funnel
        table = Table(
            "embudo",
            str(_("From enrolment to completion")),
            [str(_("Stage")), str(_("People")), str(_("Share of enrolled"))],
        )
        for label, value in (
            (_("Enrolled"), funnel.enrolled),
            (_("Started"), funnel.started),
            (_("Half done"), funnel.half_done),
            (_("Completed"), funnel.completed),
        ):
            table.rows.append([text_cell(label, header=True), count_cell(value), percent_cell(value, funnel.enrolled)])
        average = funnel.average_days_to_complete
        table.footer.append(
            [
                text_cell(_("Average days from start to completion"), header=True),
                decimal_cell(average),
                text_cell(""),
            ]
        )
        return table

    def municipalities_table(self):
        sees_small = self.scope.sees_small_groups
        table = Table(
            "comunas",
            str(_("Completion by municipality")),
            [
                str(_("Municipality")),
                str(_("Enrolled")),
                str(_("In progress")),
                str(_("Completed")),
                str(_("Completion rate")),
            ],
        )
        link = MunicipalityLink()
        for municipality, counts in self.by_municipality:
            table.rows.append(
                [
                    link(municipality, linked=self.scope.may_see_municipality(municipality)),
                    count_cell(counts.enrolled, counts.enrolled, sees_small),
                    count_cell(counts.in_progress, counts.enrolled, sees_small),
                    count_cell(counts.completed, counts.enrolled, sees_small),
                    percent_cell(counts.completed, counts.enrolled, counts.enrolled, sees_small),
                ]
            )
        return table

    def quizzes_table(self):
        # Item analysis is for the course's trainers and ministry staff (the quizzes app checks it again).
        rates = integrations.quiz_pass_rates(self.enrolments, link=self.scope.reach is not Reach.COORDINATOR)
        table = Table(
            "cuestionarios",
            str(_("Quiz pass rates")),
            [str(_("Quiz")), str(_("Attempted")), str(_("Passed")), str(_("Pass rate"))],
        )
        for title, attempted, passed, link in rates:
            table.rows.append(
                [
                    text_cell(title, link, header=True),
                    count_cell(attempted),
                    count_cell(passed),
                    percent_cell(passed, attempted),
                ]
            )
        return table

    def tables(self, only=None):
        builders = {
            "embudo": self.funnel_table,
            "cuestionarios": self.quizzes_table,
            "comunas": self.municipalities_table,
        }
        tables = (build() for key, build in builders.items() if only in (None, key))
        return [table for table in tables if table]


REPORTS = {report.kind: report for report in (OverviewReport, MunicipalityReport, CourseReport)}
