"""Who may see and do what with a practice. Checked on the server for every object.

- Authors (the author and the co-authors) see and edit their own; they publish or withdraw it.
- The trainers of the course a practice was submitted in see it and review it; nobody else reviews.
- Coordinators see the practices of their municipality, ministry staff every practice (read-only; ministry staff
  may also withdraw a publication). Ministry staff also read the trainers' queue; they review only in courses they
  train.
- Everyone sees a practice its authors published and a trainer accepted.
"""

from django.db.models import Q

from courses.models import CoursePage

from .models import Practice

SEE_ALL = "accounts.view_all_municipality_records"
SEE_OWN_MUNICIPALITY = "accounts.view_own_municipality_records"


def trained_course_ids(user):
    if not user.is_authenticated:
        return set()
    return set(CoursePage.objects.filter(trainers=user).values_list("pk", flat=True))


def is_reviewer(user):
    """People with a queue: trainers of some course, and superusers."""
    return user.is_authenticated and (user.is_superuser or bool(trained_course_ids(user)))


def may_see_queue(user):
    """The trainers' queue: reviewers, and ministry staff (read-only unless they also train the course)."""
    return is_reviewer(user) or sees_everything(user)


def course_of(practice):
    item = practice.item
    return item.get_course() if item is not None else None


def may_review(user, practice):
    if not user.is_authenticated or practice.item_id is None:
        return False
    if user.is_superuser:
        return True
    course = course_of(practice)
    return course is not None and course.trainers.filter(pk=user.pk).exists()


def sees_everything(user):
    return user.is_authenticated and (user.is_superuser or user.has_perm(SEE_ALL))


def may_see(user, practice):
    """Whether ``user`` may see ``practice`` and its evidence, published or not."""
    if practice.is_public:
        return True
    if not user.is_authenticated:
        return False
    if practice.is_author(user) or sees_everything(user):
        return True
    if (
        user.has_perm(SEE_OWN_MUNICIPALITY)
        and user.has_confirmed_membership
        and user.municipality_id == practice.municipality_id
    ):
        return True
    return may_review(user, practice)


def may_publish(user, practice):
    """Authors publish or withdraw; ministry staff (and the superuser) may withdraw or restore it too."""
    return practice.is_author(user) or sees_everything(user)


def visible_in_scope(user):
    """Every practice a coordinator or ministry person follows in the reports (published or not)."""
    if sees_everything(user):
        return Practice.objects.all()
    if user.has_perm(SEE_OWN_MUNICIPALITY) and user.has_confirmed_membership and user.municipality_id:
        return Practice.objects.filter(municipality_id=user.municipality_id)
    return Practice.objects.none()


def queue_for(user):
    """Submissions waiting that ``user`` may review, or (ministry staff) read."""
    waiting = Practice.objects.waiting()
    if sees_everything(user):
        return waiting
    courses = trained_course_ids(user)
    if not courses:
        return Practice.objects.none()
    query = Q()
    for course in CoursePage.objects.filter(pk__in=courses).only("path"):
        query |= Q(item__path__startswith=course.path)
    return waiting.filter(query)
