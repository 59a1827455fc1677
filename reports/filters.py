"""The filters every report shares (date range, course, municipality, position, region), limited to the scope.

The date range selects enrolments by the day the person enrolled. Choices only offer what the person may see;
a value outside their scope (a course they do not teach, another municipality) is a form error, not a filter.
"""

from functools import cached_property

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.regions import Region
from cohorts.kept import kept_for_comuna
from cohorts.models import Cohort
from core.published import kept
from courses.models import CoursePage

from .scope import Reach
from .widgets import CheckboxInput, DateInput, NumberInput, QuickSelect, TextInput

#: The "stalled" flag: officials with no activity in this many days (the filter's default and bounds).
STALLED_DAYS_DEFAULT = 30
STALLED_DAYS_MAX = 365
#: Wagtail's page ids are a 32-bit integer column.
PAGE_ID_MAX = 2**31 - 1


class CourseChoiceField(forms.ModelChoiceField):
    """A course by id, where an id no page could have (not a number, or beyond the column's range) is an invalid
    choice instead of a database error."""

    def to_python(self, value):
        if value not in self.empty_values and not (str(value).isdigit() and int(value) <= PAGE_ID_MAX):
            raise forms.ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        return super().to_python(value)


class CourseChoiceFilter(django_filters.ModelChoiceFilter):
    field_class = CourseChoiceField


class CohortChoiceField(forms.ModelChoiceField):
    """A cohort by id, where anything that is not a small number is an invalid choice instead of a database error."""

    def to_python(self, value):
        if value not in self.empty_values and not (str(value).isdigit() and int(value) <= 2**63 - 1):
            raise forms.ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        return super().to_python(value)


class CohortChoiceFilter(django_filters.ModelChoiceFilter):
    field_class = CohortChoiceField


def scope_cohorts(scope):
    """The cohorts a report may be filtered by (those of the scope's municipalities or courses)."""
    cohorts = Cohort.objects.only("pk", "title").order_by("-opens_on", "title")
    if scope.reach is Reach.COORDINATOR:
        return cohorts.filter(municipalities=scope.user.municipality_id)
    if scope.reach is Reach.TRAINER:
        return cohorts.filter(course__trainers=scope.user)
    return cohorts


class ReportFilter(django_filters.FilterSet):
    """The filters; what their selects may choose (``queryset``) is the scope's, given to each form (``form``)."""

    desde = django_filters.DateFilter(
        field_name="enrolled_at",
        lookup_expr="date__gte",
        label=_("Enrolled from"),
        widget=DateInput,
    )
    hasta = django_filters.DateFilter(
        field_name="enrolled_at",
        lookup_expr="date__lte",
        label=_("Enrolled until"),
        widget=DateInput,
    )
    curso = CourseChoiceFilter(
        field_name="course",
        queryset=None,
        label=_("Course"),
        empty_label=_("All courses"),
        widget=QuickSelect,
    )
    comuna = django_filters.ModelChoiceFilter(
        field_name="user__municipality",
        to_field_name="code",
        queryset=None,
        label=_("Municipality"),
        empty_label=_("All municipalities"),
        widget=QuickSelect,
    )
    region = django_filters.ChoiceFilter(
        field_name="user__municipality__region",
        choices=Region.choices,
        label=_("Region"),
        empty_label=_("All regions"),
        widget=QuickSelect,
    )
    convocatoria = CohortChoiceFilter(
        method="filter_cohort",
        queryset=None,
        label=_("Cohort"),
        empty_label=_("All cohorts"),
        widget=QuickSelect,
    )
    cargo = django_filters.CharFilter(
        field_name="user__position",
        lookup_expr="icontains",
        max_length=150,
        label=_("Position or department contains"),
        widget=TextInput,
    )

    def __init__(self, data=None, *, scope, omit=(), **kwargs):
        super().__init__(data, **kwargs)
        self.scope = scope
        for name in omit:
            del self.filters[name]

    def filter_cohort(self, queryset, name, cohort):
        """The cohort's people (``cohorts.models.Cohort.enrolment_filter``), within the scope as always."""
        return queryset.filter(cohort.enrolment_filter()) if cohort else queryset

    def get_form_class(self):
        """The form class of these filters, built once per process (django-filter builds a class, and a field per
        filter, for each filter set): it holds no one's data, as each form copies its fields and gets the scope's
        choices in ``form``."""
        key = (type(self), tuple(self.filters))
        if key not in FORM_CLASSES:
            FORM_CLASSES[key] = super().get_form_class()
        return FORM_CLASSES[key]

    def scope_choices(self, name):
        """What the select ``name`` may choose in this scope (its form field validates against it), and the field
        of a choice its options are keyed by."""
        if name == "curso":
            return self.scope.courses().only("pk", "title"), "pk"
        if name == "comuna":
            return self.scope.municipalities().only("pk", "code", "name"), "code"
        return scope_cohorts(self.scope), "pk"

    @property
    def form(self):
        """The form, limited to the scope's courses, municipalities and cohorts; its selects offer them read in
        one query each when the form is shown (a model choice field would read them through a server-side cursor,
        three round trips on PostgreSQL), or kept between changes (every course, a comuna's cohorts)."""
        if not hasattr(self, "_form"):
            form = super().form
            for name in ("curso", "comuna", "convocatoria"):
                if name in form.fields:
                    field = form.fields[name]
                    field.queryset, key = self.scope_choices(name)
                    if name == "curso" and self.scope.reach is not Reach.TRAINER:  # every course: kept
                        field.widget.choices = [("", field.empty_label), *every_course()]
                    elif name == "convocatoria" and self.scope.reach is not Reach.TRAINER:  # a comuna's: kept
                        field.widget.choices = [("", field.empty_label), *comuna_cohorts(self.scope, field.queryset)]
                    else:
                        field.widget.choices = Choices(field.queryset, key, field.empty_label)
        return self._form

    def summary(self):
        """The filters in use, as (label, value) pairs, for the heading of exports ("All" when none)."""
        if not self.is_bound or not self.form.is_valid():
            return []
        used = []
        for name, value in self.form.cleaned_data.items():
            if value in (None, ""):
                continue
            if name == "region":
                value = Region(value).label
            used.append((str(self.form.fields[name].label), str(value)))
        return used


#: The filter sets' form classes, by filter set class and the names of its filters (``ReportFilter.get_form_class``).
FORM_CLASSES = {}


def every_course():
    """Every course's ``(id, title)``, for the course select of the reports that may filter by any course: kept
    with the published site (``core.published``), as editors change them; a course only ever saved as a draft
    shows up, or shows its new title, with the next publication."""
    return kept(
        ("report course choices",), lambda: list(CoursePage.objects.order_by("title").values_list("pk", "title"))
    )


def comuna_cohorts(scope, cohorts):
    """``(id, title)`` of the ``cohorts`` of a coordinator's comuna, or of every cohort for ministry staff, kept
    between changes to cohorts (``cohorts.kept``: saving or deleting one, or changing its comunas)."""
    comuna = scope.user.municipality_id if scope.reach is Reach.COORDINATOR else "all"
    return kept_for_comuna(("report cohort choices", comuna), lambda: list(cohorts.values_list("pk", "title")))


class Choices:
    """A select's options from a queryset, read once, when the select is rendered."""

    def __init__(self, queryset, key, empty_label):
        self.queryset, self.key, self.empty_label = queryset, key, empty_label

    @cached_property
    def options(self):
        return [("", self.empty_label)] + [(getattr(item, self.key), str(item)) for item in self.queryset]

    def __iter__(self):
        return iter(self.options)


class StalledForm(forms.Form):
    """The municipality view's extra filters: how many days without activity make an official "stalled"."""

    dias = forms.IntegerField(
        label=_("Stalled after days without activity"),
        min_value=1,
        max_value=STALLED_DAYS_MAX,
        required=False,
        initial=STALLED_DAYS_DEFAULT,
        widget=NumberInput,
    )
    estancados = forms.BooleanField(label=_("Only stalled officials"), required=False, widget=CheckboxInput)

    def days(self):
        return (self.cleaned_data.get("dias") if self.is_valid() else None) or STALLED_DAYS_DEFAULT
