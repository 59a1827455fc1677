"""The demo's cohorts: one open (co-design, three comunas, a target), one closed (the 2026 pilot of the first
course in Talcahuano and Penco), and the reminders already sent to the open cohort's stalled people, so the cohort
page, its stalled list and each person's reminder history have something to show. Runs after the reports' demo
(``INSTALLED_APPS`` order), whose learner histories are the cohorts' people. Idempotent."""

from datetime import timedelta

from django.utils import timezone

from accounts.models import Municipality, User
from courses.models import CoursePage

from .models import Announcement, BulkImport, Channel, Cohort, Invitation, Kind, Reminder
from .progress import people

COHORTS = [
    # title, course slug, comunas, opened (days ago), closes (days from today), target per comuna
    (
        "Co-diseño · Gran Concepción, otoño",
        "co-diseno-de-servicios-municipales",
        ["08110", "08101", "08102"],
        45,
        25,
        12,
    ),
    (
        "Ciudad inteligente desde abajo · piloto 2026",
        "ciudad-inteligente-desde-abajo",
        ["08110", "08107"],
        200,
        -60,
        None,
    ),
]


def load(stdout):
    today = timezone.localdate()
    now = timezone.now()
    ministry = User.objects.filter(email="ministerio@cocrea.test").first()
    coordinator = User.objects.filter(email="coordinacion.talcahuano@cocrea.test").first()
    municipalities = Municipality.objects.in_bulk(field_name="code")
    for title, slug, codes, opened, closes, target in COHORTS:
        course = CoursePage.objects.filter(slug=slug).first()
        if course is None or Cohort.objects.filter(title=title).exists():
            continue
        cohort = Cohort.objects.create(
            title=title,
            course=course,
            opens_on=today - timedelta(days=opened),
            closes_on=today + timedelta(days=closes),
            target_per_municipality=target,
            created_by=ministry,
        )
        cohort.municipalities.set([municipalities[code] for code in codes])
        stdout.write(f"  cohort {title}")
    open_cohort = Cohort.objects.filter(title=COHORTS[0][0]).first()
    if open_cohort is not None:
        load_invitations(open_cohort, coordinator, stdout)
        load_announcement(open_cohort, ministry, now, stdout)
    if open_cohort is None or Reminder.objects.filter(cohort=open_cohort).exists():
        return
    ids = list(open_cohort.municipalities.values_list("pk", flat=True))
    # The stalled people were reminded by the evaluator four days ago; Talcahuano's coordinator reminded the
    # first of them again yesterday.
    stalled = list(people(open_cohort, ids, stalled_only=True, now=now).select_related("user")[:6])
    for number, enrolment in enumerate(stalled):
        sent_at = now - timedelta(days=4)
        Reminder.objects.create(
            user=enrolment.user,
            cohort=open_cohort,
            kind=Kind.STALLED,
            period=timezone.localtime(enrolment.last_activity_at).date().isoformat(),
            day=timezone.localdate(sent_at),
            channel=Channel.EMAIL,
            status=Reminder.Status.SENT,
            send_after=sent_at,
            created_at=sent_at,
            sent_at=sent_at,
        )
        if number == 0 and coordinator is not None:
            sent_at = now - timedelta(days=1)
            Reminder.objects.create(
                user=enrolment.user,
                cohort=open_cohort,
                kind=Kind.BY_COORDINATOR,
                period=timezone.localdate(sent_at).isoformat(),
                day=timezone.localdate(sent_at),
                channel=Channel.EMAIL,
                status=Reminder.Status.SENT,
                send_after=sent_at,
                created_at=sent_at,
                sent_at=sent_at,
                sent_by=coordinator,
            )
    stdout.write(f"  {len(stalled)} reminders in the history of {open_cohort.title}")


#: Officials of Talcahuano invited to the open cohort by their coordinator, who have not created their account yet.
INVITED = [
    ("Valentina", "Fuentes Araya", "vfuentes@talcahuano.cl", "Dirección de Tránsito"),
    ("Matías", "Sepúlveda Rivas", "msepulveda@talcahuano.cl", "Secplan"),
    ("Fernanda", "Muñoz Contreras", "fmunoz@talcahuano.cl", "Oficina de Medio Ambiente"),
    ("Ignacio", "Carrasco Vidal", "icarrasco@talcahuano.cl", "Dirección de Obras"),
]


def load_invitations(cohort, coordinator, stdout):
    """The list Talcahuano's coordinator brought to the open cohort two days ago: its invitations are pending."""
    if coordinator is None or Invitation.objects.filter(cohort=cohort).exists():
        return
    sent_at = timezone.now() - timedelta(days=2)
    rows = [
        {"line": line, "first_name": first, "last_name": last, "email": email, "position": position}
        for line, (first, last, email, position) in enumerate(INVITED, start=2)
    ]
    bulk_import = BulkImport.objects.create(
        cohort=cohort,
        municipality=coordinator.municipality,
        created_by=coordinator,
        created_at=sent_at,
        source="funcionarios-talcahuano.xlsx",
        rows=[dict(row, outcome="invite", reason=None) for row in rows],
        status=BulkImport.Status.APPLIED,
        invited=len(rows),
        sent=len(rows),
        applied_at=sent_at,
    )
    Invitation.objects.bulk_create(
        Invitation(
            cohort=cohort,
            municipality=coordinator.municipality,
            email=row["email"],
            first_name=row["first_name"],
            last_name=row["last_name"],
            position=row["position"],
            bulk_import=bulk_import,
            invited_by=coordinator,
            created_at=sent_at,
            sent_at=sent_at,
        )
        for row in rows
    )
    stdout.write(f"  {len(rows)} pending invitations in {cohort.title}")


def load_announcement(cohort, author, now, stdout):
    """One announcement from the ministry to the whole open cohort, posted two days ago (shown on its people's "Mi
    aprendizaje" and on the cohort's page; not emailed: the demo's people never opted in)."""
    if cohort.announcements.exists():
        return
    Announcement.objects.create(
        course=cohort.course,
        cohort=cohort,
        author=author,
        title="Sesión en línea sobre entrevistas y recorridos en bus",
        body=(
            "El equipo formador responderá dudas del módulo de entrevistas y recorridos acompañados en una sesión "
            "en línea la próxima semana.\n"
            "Quienes quieran compartir un caso de su comuna pueden escribir a su coordinación municipal."
        ),
        created_at=now - timedelta(days=2),
        emailed_at=now - timedelta(days=2),
    )
    stdout.write(f"  an announcement to {cohort.title}")
