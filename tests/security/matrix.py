"""The authorization matrix: for every route of the URL configuration, what each of the ten roles gets.

How to add a route
------------------
``test_authorization_matrix.py`` walks the URL configuration and fails for any route pattern without an entry
here. Add one to ``MATRIX`` under the pattern exactly as the failure prints it (``"cursos/<slug:slug>/"``): a list
of ``Route``s, each a request (a path, or a function of the ``World`` for addresses with object ids) and the
outcome for every role, e.g.::

    "mi-aprendizaje/": [Route("/mi-aprendizaje/", expect(OK, anonymous=LOGIN))],
    "certificados/<code>/pdf/": [
        Route(
            lambda w: f"/certificados/{w.certificate_a.code}/pdf/",
            expect(FORBIDDEN, anonymous=LOGIN, official_a=OK, ministry=OK, superuser=OK),
        ),
    ],

Objects come from builders in ``world.py``. Front-end routes (inside ``i18n_patterns``) are checked in Spanish and
under ``/en/``. For object-level checks across owners use ``authorization.assert_object_access``.

The Wagtail admin
-----------------
Everything under ``/admin/`` is covered by one rule instead of an entry per view (Wagtail registers some two
hundred): every admin route, called with made-up parameters, sends anonymous visitors and every role without
``wagtailadmin.access_admin`` (officials, coordinators) to the admin sign-in — except ``ADMIN_PUBLIC``, the
sign-in and password-reset pages and static helpers — and answers the roles that have it without a server error.
On top of that rule, ``MATRIX`` holds the admin's entry points with exact outcomes per role (dashboard, page
explorer, users, groups, documents, images, snippets, reports…); add one for each admin view an app registers.
"""

from accounts import confirmation

from .authorization import (
    ADMIN_DENIED,
    ADMIN_LOGIN,
    BAD_REQUEST,
    FORBIDDEN,
    LOGIN,
    NOT_ALLOWED,
    NOT_FOUND,
    OK,
    RedirectTo,
    Route,
    Status,
    expect,
    redirect,
    roles,
)
from .world import ADMIN_USERS, COORDINATORS, NOT_ADMIN_USERS, OFFICIALS, TRAINERS

EVERYONE_OK = expect(OK)
SIGNED_IN_ONLY = expect(OK, anonymous=LOGIN)
#: Pages for people who can reach the admin (two-step verification): 403 for the others.
ADMIN_PEOPLE_ONLY = expect(OK, anonymous=LOGIN, **roles((*OFFICIALS, *COORDINATORS), FORBIDDEN))
#: An admin view that needs more than access to the admin: only the superuser has it in the base roles.
SUPERUSER_ADMIN = expect(ADMIN_DENIED, superuser=OK, **roles(NOT_ADMIN_USERS, ADMIN_LOGIN))
#: An admin view every admin user may open.
ANY_ADMIN = expect(OK, **roles(NOT_ADMIN_USERS, ADMIN_LOGIN))

#: The toolkit's outcomes and participant types: trainers and the superuser.
TOOLKIT_VOCABULARY = expect(ADMIN_DENIED, superuser=OK, **roles(TRAINERS, OK), **roles(NOT_ADMIN_USERS, ADMIN_LOGIN))
#: Where a signed-in person lands after signing in (``LOGIN_REDIRECT_URL``): "Mi aprendizaje".
DASHBOARD = redirect("/mi-aprendizaje/")
#: Ministry staff and coordinators land on their reports instead (``accounts.views.LoginView``).
REPORT_READERS = roles(("ministry", *COORDINATORS), redirect("/reportes/"))
#: Wagtail's page explorer sends people with rights on part of the tree to the top of their part.
THEIR_PART_OF_THE_TREE = RedirectTo("/admin/pages/", "the explorer at their own pages", under=True)
#: Admin pages for those with page rights: the course teams and the ministry's reviewers (on the catalogue).
PAGE_EDITORS_ADMIN = expect(
    ADMIN_DENIED, trainer_x=OK, trainer_y=OK, ministry=OK, superuser=OK, **roles(NOT_ADMIN_USERS, ADMIN_LOGIN)
)
#: Images and documents: each course team has its own collection (the ministry reviews pages, not files).
COURSE_TEAMS_ADMIN = expect(
    ADMIN_DENIED, trainer_x=OK, trainer_y=OK, superuser=OK, **roles(NOT_ADMIN_USERS, ADMIN_LOGIN)
)
#: Admin pages for the ministry's reviewers, who hold page rights on the whole catalogue.
REVIEWERS_ADMIN = expect(ADMIN_DENIED, ministry=OK, superuser=OK, **roles(NOT_ADMIN_USERS, ADMIN_LOGIN))
#: Course X's pages in the admin: its trainer and the reviewers.
COURSE_X_ADMIN = expect(ADMIN_DENIED, trainer_x=OK, ministry=OK, superuser=OK, **roles(NOT_ADMIN_USERS, ADMIN_LOGIN))
LESSON_X1 = "/cursos/curso-x/modulo-x/leccion-x1/"
QUIZ_X = "/cursos/curso-x/modulo-x/evaluacion-x/"
PRACTICE_X = "/cursos/curso-x/modulo-x/practica-x/"
#: Official A's practice (submitted in course X): its author only; everyone else is told it does not exist.
PRACTICE_A_ONLY = expect(NOT_FOUND, anonymous=LOGIN, official_a=OK)
#: Official A's practice's evidence: its author, course X's trainer, Talcahuano's coordinator, the ministry.
PRACTICE_A_READERS = expect(
    NOT_FOUND, official_a=OK, trainer_x=OK, coordinator_talcahuano=OK, ministry=OK, superuser=OK
)
#: A quiz's item analysis: the course's trainers and the ministry (and the superuser).
QUIZ_X_ANALYSIS = expect(FORBIDDEN, anonymous=LOGIN, trainer_x=OK, ministry=OK, superuser=OK)
#: An attempt is its owner's only: anyone else is told it does not exist.
ATTEMPT_A_ONLY = expect(NOT_FOUND, anonymous=LOGIN, official_a=OK)
#: Starting a quiz with an attempt open leads back to that attempt.
RESUMED = RedirectTo("/cuestionarios/intentos/", "the open attempt", under=True)
#: Course X's lessons: official A is enrolled; everyone else signed in is asked to enrol first.
ENROLLED_IN_X_ONLY = expect(FORBIDDEN, anonymous=LOGIN, official_a=OK)

#: Reports: ministry staff and the superuser see every report.
MINISTRY = roles(("ministry", "superuser"), OK)
MINISTRY_REPORT = expect(FORBIDDEN, anonymous=LOGIN, **MINISTRY)
#: Filters outside the person's scope or malformed: the report page with the errors, and no figures.
MINISTRY_REPORT_400 = expect(FORBIDDEN, anonymous=LOGIN, **roles(("ministry", "superuser"), Status(400, "400")))
#: A stored export: only the person who asked for it (everyone else who may see reports gets 403).
EXPORT_OWNER_ONLY = expect(FORBIDDEN, anonymous=LOGIN, coordinator_talcahuano=OK)
EXPORT_NOT_FOUND = expect(
    FORBIDDEN, anonymous=LOGIN, **roles((*COORDINATORS, *TRAINERS, "ministry", "superuser"), NOT_FOUND)
)
#: Certificates: what a verification form with a valid code does (to the code's page).
CERTIFICATE_PAGE = RedirectTo("/certificados/verificar/", "the certificate's verification page", under=True)
#: A certificate's PDF: official A holds it; ministry staff and admins may download any.
CERTIFICATE_DOWNLOAD = expect(FORBIDDEN, anonymous=LOGIN, official_a=OK, ministry=OK, superuser=OK)
#: Managing certificates in the admin: ministry staff and admins.
CERTIFICATE_MANAGERS = expect(ADMIN_DENIED, ministry=OK, superuser=OK, **roles(NOT_ADMIN_USERS, ADMIN_LOGIN))
#: Certificate templates: trainers and admins.
TEMPLATE_EDITORS = expect(ADMIN_DENIED, superuser=OK, **roles(TRAINERS, OK), **roles(NOT_ADMIN_USERS, ADMIN_LOGIN))

#: Cohorts: coordinators and ministry staff (and the superuser); officials and trainers get 403.
COHORT_RUNNERS = expect(FORBIDDEN, anonymous=LOGIN, **roles((*COORDINATORS, *MINISTRY), OK))
TALCAHUANO_COHORT = {**COHORT_RUNNERS, "coordinator_coronel": NOT_FOUND}
BACK_TO_THE_COHORT = RedirectTo("/convocatorias/", "the cohort's page", under=True)
COHORT_NOT_FOUND = expect(FORBIDDEN, anonymous=LOGIN, **roles((*COORDINATORS, *MINISTRY), NOT_FOUND))

#: Announcements: whoever runs a cohort or teaches a course may open the list; officials get 403.
ANNOUNCERS = expect(FORBIDDEN, anonymous=LOGIN, **roles((*COORDINATORS, *TRAINERS, *MINISTRY), OK))
#: Posting to course X: its trainer and ministry staff; for other trainers and coordinators it does not exist.
COURSE_X_ANNOUNCERS = expect(
    NOT_FOUND, anonymous=LOGIN, trainer_x=OK, **roles(OFFICIALS, FORBIDDEN), **roles(MINISTRY, OK)
)

#: Admin routes open to everyone by design (sign-in, password reset, static helpers); see the module docstring.
ADMIN_PUBLIC = {
    "admin/login/",
    "admin/password_reset/",
    "admin/password_reset/done/",
    "admin/password_reset/confirm/<uidb64>/<token>/",
    "admin/password_reset/complete/",
    "admin/jsi18n/",
    "admin/sprite/",
}

#: Admin routes that answer with a server error on purpose: Wagtail's page for testing error reporting.
ADMIN_INTENDED_ERRORS = {"admin/failwhale/"}

MATRIX = {
    # Site shell and Wagtail's page tree
    "privacidad/": [Route("/privacidad/", EVERYONE_OK)],
    "^((?:[\\w\\-]+/)*)$": [
        Route("/", EVERYONE_OK),
        Route("/no-existe/", expect(NOT_FOUND)),
        Route(lambda w: w.private_page.url, SIGNED_IN_ONLY),
        Route(lambda w: f"/{w.draft_page.slug}/", expect(NOT_FOUND)),
        # The toolkit library is public; recording a use needs an account.
        Route("/herramientas/", EVERYONE_OK),
        Route("/herramientas/?q=actores&componente=codiseno&duracion=1to3h&orden=duracion&pagina=2", EVERYONE_OK),
        Route(lambda w: w.method.url, EVERYONE_OK),
        Route(lambda w: w.method.url + "ficha/", EVERYONE_OK),
        Route("/herramientas/mazo/codiseno/", EVERYONE_OK),
        Route("/herramientas/mazo/laboratorio/", expect(NOT_FOUND)),
        Route(lambda w: w.method.url + "registrar-uso/", SIGNED_IN_ONLY),
        Route(lambda w: f"/herramientas/{w.draft_method.slug}/", expect(NOT_FOUND)),
        Route(lambda w: f"/herramientas/{w.draft_method.slug}/ficha/", expect(NOT_FOUND)),
        # Courses: the catalogue and course pages are public; lessons need an enrolment; drafts are not found.
        Route("/cursos/", EVERYONE_OK),
        Route("/cursos/curso-x/", EVERYONE_OK),
        Route("/cursos/curso-x/modulo-x/", EVERYONE_OK),
        Route(LESSON_X1, ENROLLED_IN_X_ONLY),
        Route(LESSON_X1, expect(NOT_ALLOWED), method="post"),
        Route(QUIZ_X, ENROLLED_IN_X_ONLY),
        Route(QUIZ_X, expect(NOT_ALLOWED), method="post"),
        Route(PRACTICE_X, ENROLLED_IN_X_ONLY),
        Route(PRACTICE_X, expect(NOT_ALLOWED), method="post"),
        Route(lambda w: w.draft_course.url or "/cursos/curso-en-borrador/", expect(NOT_FOUND)),
    ],
    "_util/login/": [Route("/_util/login/", EVERYONE_OK)],
    "_util/authenticate_with_password/<int:page_view_restriction_id>/<int:page_id>/": [
        Route("/_util/authenticate_with_password/999999/999999/", expect(NOT_FOUND)),
    ],
    ".well-known/did.json": [Route("/.well-known/did.json", EVERYONE_OK)],
    "idioma/": [
        Route("/idioma/", expect(redirect("/"))),
        Route("/idioma/", expect(redirect("/en/")), method="post", data={"language": "en", "next": "/"}),
    ],
    # Documents: public ones for everyone, restricted collections for signed-in people, always as attachments
    # Health checks for the load balancer: the same answer for everyone, with or without a session.
    # The installable web app (courses.webapp): the service worker, the manifest and the offline page, for all.
    "sw.js": [Route("/sw.js", EVERYONE_OK), Route("/sw.js", expect(NOT_ALLOWED), method="post")],
    "manifest.webmanifest": [Route("/manifest.webmanifest", EVERYONE_OK)],
    "mi-aprendizaje/sin-conexion/": [Route("/mi-aprendizaje/sin-conexion/", EVERYONE_OK)],
    "healthz": [Route("/healthz", EVERYONE_OK), Route("/healthz", expect(NOT_ALLOWED), method="post")],
    "readyz": [Route("/readyz", EVERYONE_OK), Route("/readyz", expect(NOT_ALLOWED), method="post")],
    "documentos/^(\\d+)/(.*)$": [
        Route(lambda w: w.public_document.url, EVERYONE_OK),
        Route(lambda w: w.internal_document.url, SIGNED_IN_ONLY),
        Route("/documentos/999999/nada.pdf", expect(NOT_FOUND)),
    ],
    "documentos/authenticate_with_password/<int:restriction_id>/": [
        Route("/documentos/authenticate_with_password/999999/", expect(NOT_FOUND)),
    ],
    # Accounts
    "cuenta/registro/": [Route("/cuenta/registro/", expect(redirect("/cuenta/perfil/"), anonymous=OK))],
    "cuenta/ingresar/": [Route("/cuenta/ingresar/", expect(DASHBOARD, anonymous=OK, **REPORT_READERS))],
    "cuenta/salir/": [
        Route("/cuenta/salir/", expect(NOT_ALLOWED)),
        Route("/cuenta/salir/", expect(redirect("/")), method="post"),
    ],
    "cuenta/perfil/": [Route("/cuenta/perfil/", SIGNED_IN_ONLY)],
    "cuenta/contrasena/": [Route("/cuenta/contrasena/", SIGNED_IN_ONLY)],
    # Email confirmation: the link's page is for anyone holding the link; a new link for the signed-in person.
    "cuenta/confirmar/reenviar/": [
        Route("/cuenta/confirmar/reenviar/", expect(NOT_ALLOWED, anonymous=LOGIN)),
        Route("/cuenta/confirmar/reenviar/", expect(redirect("/cuenta/perfil/"), anonymous=LOGIN), method="post"),
    ],
    "cuenta/confirmar/<str:token>/": [
        Route("/cuenta/confirmar/abc-123/", EVERYONE_OK),
        Route("/cuenta/confirmar/abc-123/", EVERYONE_OK, method="post"),
        Route(lambda w: f"/cuenta/confirmar/{confirmation.make_token(w.people['official_a'])}/", EVERYONE_OK),
    ],
    # Pending members of a municipality: its coordinator, ministry staff and the superuser decide.
    "cuenta/comunas/<str:code>/pendientes/": [
        Route(
            "/cuenta/comunas/08110/pendientes/",
            expect(FORBIDDEN, anonymous=LOGIN, coordinator_talcahuano=OK, **MINISTRY),
        ),
        Route(
            "/cuenta/comunas/08102/pendientes/",
            expect(FORBIDDEN, anonymous=LOGIN, coordinator_coronel=OK, **MINISTRY),
        ),
        # Someone who is not pending there: the list comes back with the error, nothing changes.
        Route(
            "/cuenta/comunas/08110/pendientes/",
            expect(FORBIDDEN, anonymous=LOGIN, coordinator_talcahuano=OK, **MINISTRY),
            method="post",
            data={"person": "999999", "decision": "rechazar"},
        ),
        Route(
            "/cuenta/comunas/99999/pendientes/",
            expect(FORBIDDEN, anonymous=LOGIN, **roles((*COORDINATORS, *MINISTRY), NOT_FOUND)),
        ),
    ],
    "cuenta/recuperar/": [Route("/cuenta/recuperar/", EVERYONE_OK)],
    "cuenta/recuperar/enviado/": [Route("/cuenta/recuperar/enviado/", EVERYONE_OK)],
    "cuenta/recuperar/<uidb64>/<token>/": [
        # Another person's account id with a made-up token: the "link no longer valid" page, for everyone.
        Route(lambda w: f"/cuenta/recuperar/{w.people['official_a'].pk}/abc-123/", EVERYONE_OK),
    ],
    "cuenta/mis-datos/": [Route("/cuenta/mis-datos/", SIGNED_IN_ONLY)],
    "cuenta/mis-datos/descargar/": [Route("/cuenta/mis-datos/descargar/", SIGNED_IN_ONLY)],
    "cuenta/mis-datos/eliminar/": [
        Route("/cuenta/mis-datos/eliminar/", expect(OK, anonymous=LOGIN, superuser=redirect("/cuenta/mis-datos/"))),
    ],
    "cuenta/dos-pasos/": [Route("/cuenta/dos-pasos/", ADMIN_PEOPLE_ONLY)],
    "cuenta/dos-pasos/activar/": [Route("/cuenta/dos-pasos/activar/", ADMIN_PEOPLE_ONLY)],
    "cuenta/dos-pasos/verificar/": [
        # Nothing to verify without a device: on to where signing in leads.
        Route("/cuenta/dos-pasos/verificar/", expect(DASHBOARD, anonymous=LOGIN)),
    ],
    "cuenta/dos-pasos/desactivar/": [
        Route(
            "/cuenta/dos-pasos/desactivar/",
            expect(
                redirect("/cuenta/dos-pasos/"),
                anonymous=LOGIN,
                **roles((*OFFICIALS, *COORDINATORS), FORBIDDEN),
            ),
        ),
    ],
    "^admin/(?:.+/)?chosen/[^/]*[^0-9/][^/]*/$": [
        Route("/admin/images/chooser/chosen/x/", expect(NOT_FOUND, **roles(NOT_ADMIN_USERS, ADMIN_LOGIN))),
        Route(
            "/admin/snippets/choose/accounts/municipality/chosen/x/",
            expect(NOT_FOUND, **roles(NOT_ADMIN_USERS, ADMIN_LOGIN)),
        ),
    ],
    # Wagtail admin entry points (the rest: see ADMIN_PUBLIC and the module docstring)
    "admin/": [Route("/admin/", ANY_ADMIN)],
    "admin/login/": [Route("/admin/login/", expect(OK, **roles(ADMIN_USERS, redirect("/admin/"))))],
    "admin/logout/": [Route("/admin/logout/", expect(NOT_ALLOWED, **roles(NOT_ADMIN_USERS, ADMIN_LOGIN)))],
    "admin/account/": [Route("/admin/account/", ANY_ADMIN)],
    "admin/pages/": [
        Route("/admin/pages/", expect(THEIR_PART_OF_THE_TREE, superuser=OK, **roles(NOT_ADMIN_USERS, ADMIN_LOGIN)))
    ],
    "admin/pages/<int:parent_page_id>/": [
        Route(
            lambda w: f"/admin/pages/{w.home_page.pk}/",
            expect(THEIR_PART_OF_THE_TREE, superuser=OK, **roles(NOT_ADMIN_USERS, ADMIN_LOGIN)),
        ),
        Route(lambda w: f"/admin/pages/{w.course_x.pk}/", {**COURSE_X_ADMIN, "trainer_y": THEIR_PART_OF_THE_TREE}),
    ],
    "admin/pages/<int:page_id>/edit/": [
        Route(lambda w: f"/admin/pages/{w.home_page.pk}/edit/", SUPERUSER_ADMIN),
        Route(lambda w: f"/admin/pages/{w.private_page.pk}/edit/", SUPERUSER_ADMIN),
        # Each trainer edits their own course and its pages; reviewers edit every course.
        Route(lambda w: f"/admin/pages/{w.course_x.pk}/edit/", COURSE_X_ADMIN),
        Route(lambda w: f"/admin/pages/{w.lessons_x[0].pk}/edit/", COURSE_X_ADMIN),
    ],
    "admin/pages/add/<slug:content_type_app_name>/<slug:content_type_model_name>/<int:parent_page_id>/": [
        Route(lambda w: f"/admin/pages/add/courses/lessonpage/{w.lessons_x[0].get_parent().pk}/", COURSE_X_ADMIN),
        # Only reviewers create courses (and choose their trainers).
        Route(lambda w: f"/admin/pages/add/courses/coursepage/{w.course_x.get_parent().pk}/", REVIEWERS_ADMIN),
    ],
    "admin/users/": [Route("/admin/users/", SUPERUSER_ADMIN)],
    "admin/users/edit/<int:pk>/": [
        Route(lambda w: f"/admin/users/edit/{w.people['official_a'].pk}/", SUPERUSER_ADMIN),
        Route(lambda w: f"/admin/users/edit/{w.people['superuser'].pk}/", SUPERUSER_ADMIN),
    ],
    "admin/users/history/<int:pk>/": [
        Route(lambda w: f"/admin/users/history/{w.people['official_a'].pk}/", SUPERUSER_ADMIN),
    ],
    "admin/groups/": [Route("/admin/groups/", SUPERUSER_ADMIN)],
    "admin/documents/": [Route("/admin/documents/", COURSE_TEAMS_ADMIN)],
    "admin/documents/edit/<int:document_id>/": [
        Route(lambda w: f"/admin/documents/edit/{w.internal_document.pk}/", SUPERUSER_ADMIN),
        # A document in course Y's collection: its team only.
        Route(
            lambda w: f"/admin/documents/edit/{w.course_y_document.pk}/",
            expect(ADMIN_DENIED, trainer_y=OK, superuser=OK, **roles(NOT_ADMIN_USERS, ADMIN_LOGIN)),
        ),
    ],
    "admin/images/": [Route("/admin/images/", COURSE_TEAMS_ADMIN)],
    "admin/collections/": [Route("/admin/collections/", SUPERUSER_ADMIN)],
    "admin/snippets/accounts/municipality/": [Route("/admin/snippets/accounts/municipality/", SUPERUSER_ADMIN)],
    # Trainers extend the toolkit's vocabularies.
    "admin/snippets/toolkits/outcome/": [Route("/admin/snippets/toolkits/outcome/", TOOLKIT_VOCABULARY)],
    "admin/snippets/toolkits/participanttype/": [
        Route("/admin/snippets/toolkits/participanttype/", TOOLKIT_VOCABULARY)
    ],
    "admin/reports/site-history/": [Route("/admin/reports/site-history/", ANY_ADMIN)],
    "admin/snippets/courses/topic/": [Route("/admin/snippets/courses/topic/", REVIEWERS_ADMIN)],
    # The question bank: trainers write it (and the superuser).
    "admin/snippets/quizzes/bankquestion/": [
        Route(
            "/admin/snippets/quizzes/bankquestion/",
            expect(ADMIN_DENIED, superuser=OK, **roles(TRAINERS, OK), **roles(NOT_ADMIN_USERS, ADMIN_LOGIN)),
        )
    ],
    "admin/reports/locked/": [Route("/admin/reports/locked/", REVIEWERS_ADMIN)],
    "admin/reports/aging-pages/": [Route("/admin/reports/aging-pages/", PAGE_EDITORS_ADMIN)],
    "admin/workflows/list/": [Route("/admin/workflows/list/", SUPERUSER_ADMIN)],
    "admin/sites/": [Route("/admin/sites/", SUPERUSER_ADMIN)],
    "admin/locales/": [Route("/admin/locales/", SUPERUSER_ADMIN)],
    "admin/redirects/": [Route("/admin/redirects/", SUPERUSER_ADMIN)],
    "admin/forms/": [Route("/admin/forms/", PAGE_EDITORS_ADMIN)],
    # Courses: learners' actions. Anyone signed in may enrol in a published course; only the enrolled complete.
    "mi-aprendizaje/": [Route("/mi-aprendizaje/", SIGNED_IN_ONLY)],
    "mi-aprendizaje/cursos/<int:course_id>/inscripcion/": [
        Route(
            lambda w: f"/mi-aprendizaje/cursos/{w.course_x.pk}/inscripcion/",
            expect(redirect("/cursos/curso-x/"), anonymous=LOGIN),
        ),
        Route(
            lambda w: f"/mi-aprendizaje/cursos/{w.course_x.pk}/inscripcion/",
            expect(redirect(LESSON_X1), anonymous=LOGIN),
            method="post",
        ),
        Route(
            lambda w: f"/mi-aprendizaje/cursos/{w.draft_course.pk}/inscripcion/",
            expect(NOT_FOUND, anonymous=LOGIN),
            method="post",
        ),
    ],
    "mi-aprendizaje/cursos/<int:course_id>/continuar/": [
        Route(
            lambda w: f"/mi-aprendizaje/cursos/{w.course_x.pk}/continuar/",
            expect(redirect("/cursos/curso-x/"), anonymous=LOGIN, official_a=redirect(LESSON_X1)),
        ),
    ],
    # A completed course's finish page: the learner who completed it (certificate valid or revoked); one still in
    # progress goes to the course; anyone else is told it does not exist.
    "mi-aprendizaje/cursos/<int:course_id>/completado/": [
        Route(
            lambda w: f"/mi-aprendizaje/cursos/{w.course_z.pk}/completado/",
            expect(NOT_FOUND, anonymous=LOGIN, official_a=OK, official_c=OK),
        ),
        Route(
            lambda w: f"/mi-aprendizaje/cursos/{w.course_x.pk}/completado/",
            expect(NOT_FOUND, anonymous=LOGIN, official_a=redirect("/cursos/curso-x/")),
        ),
        Route("/mi-aprendizaje/cursos/999999/completado/", expect(NOT_FOUND, anonymous=LOGIN)),
    ],
    "mi-aprendizaje/actividades/<int:item_id>/completar/": [
        Route(
            lambda w: f"/mi-aprendizaje/actividades/{w.lessons_x[0].pk}/completar/",
            expect(redirect(LESSON_X1), anonymous=LOGIN),
        ),
        Route(
            lambda w: f"/mi-aprendizaje/actividades/{w.lessons_x[0].pk}/completar/",
            expect(FORBIDDEN, anonymous=LOGIN, official_a=redirect("/cursos/curso-x/modulo-x/leccion-x2/")),
            method="post",
        ),
        Route(
            lambda w: f"/mi-aprendizaje/actividades/{w.course_x.pk}/completar/",
            expect(NOT_FOUND, anonymous=LOGIN),
            method="post",
        ),
        # A completion marked offline and replayed (courses.offline): recorded once, for the person who marked it.
        Route(
            lambda w: f"/mi-aprendizaje/actividades/{w.lessons_x[0].pk}/completar/",
            expect(FORBIDDEN, anonymous=LOGIN, official_a=redirect("/cursos/curso-x/modulo-x/leccion-x2/")),
            method="post",
            data={"key": "6f1c0d2e-3b4a-4c5d-8e9f-0a1b2c3d4e5f", "completed_at": "2026-01-01T10:00:00Z"},
        ),
        Route(
            lambda w: f"/mi-aprendizaje/actividades/{w.lessons_x[0].pk}/completar/",
            expect(FORBIDDEN, anonymous=LOGIN),
            method="post",
            data={"key": "0d9e8f7a-6b5c-4d3e-9f1a-2b3c4d5e6f70", "user": "0"},
        ),
    ],
    # A course's offline manifest (courses.offline): for the people enrolled in it.
    "mi-aprendizaje/cursos/<int:course_id>/sin-conexion/": [
        Route(
            lambda w: f"/mi-aprendizaje/cursos/{w.course_x.pk}/sin-conexion/",
            expect(FORBIDDEN, anonymous=LOGIN, official_a=OK),
        ),
        Route(
            lambda w: f"/mi-aprendizaje/cursos/{w.draft_course.pk}/sin-conexion/",
            expect(NOT_FOUND, anonymous=LOGIN),
        ),
        Route(
            lambda w: f"/mi-aprendizaje/cursos/{w.course_x.pk}/sin-conexion/",
            expect(NOT_ALLOWED, anonymous=LOGIN),
            method="post",
        ),
    ],
    # Quizzes: starting and answering need the enrolment; an attempt is its owner's; the analysis is for trainers.
    "cuestionarios/<int:quiz_id>/comenzar/": [
        Route(lambda w: f"/cuestionarios/{w.quiz_x.pk}/comenzar/", expect(redirect(QUIZ_X), anonymous=LOGIN)),
        Route(
            lambda w: f"/cuestionarios/{w.quiz_x.pk}/comenzar/",
            # Official A has an attempt open: it is resumed, not doubled.
            expect(FORBIDDEN, anonymous=LOGIN, official_a=RESUMED),
            method="post",
        ),
        Route("/cuestionarios/999999/comenzar/", expect(NOT_FOUND, anonymous=LOGIN), method="post"),
    ],
    "cuestionarios/<int:quiz_id>/analisis/": [
        Route(lambda w: f"/cuestionarios/{w.quiz_x.pk}/analisis/", QUIZ_X_ANALYSIS),
        Route(
            lambda w: f"/cuestionarios/{w.quiz_y.pk}/analisis/",
            {**QUIZ_X_ANALYSIS, "trainer_x": FORBIDDEN, "trainer_y": OK},
        ),
        Route("/cuestionarios/999999/analisis/", expect(NOT_FOUND, anonymous=LOGIN)),
    ],
    "cuestionarios/intentos/<int:attempt_id>/": [
        Route(lambda w: f"/cuestionarios/intentos/{w.attempt_a.pk}/", ATTEMPT_A_ONLY),
        # An answer to a question the attempt does not have: refused, and the attempt stays open.
        Route(
            lambda w: f"/cuestionarios/intentos/{w.attempt_a.pk}/",
            {**ATTEMPT_A_ONLY, "official_a": BAD_REQUEST},
            method="post",
            data={"q99": "0"},
        ),
        Route("/cuestionarios/intentos/999999/", expect(NOT_FOUND, anonymous=LOGIN)),
    ],
    # Reports: ministry staff see everything; a coordinator their municipality; a trainer their courses.
    "reportes/": [
        Route(
            "/reportes/",
            expect(
                FORBIDDEN,
                anonymous=LOGIN,
                ministry=redirect("/reportes/general/"),
                superuser=redirect("/reportes/general/"),
                coordinator_talcahuano=redirect("/reportes/comunas/08110/"),
                coordinator_coronel=redirect("/reportes/comunas/08102/"),
                **roles(TRAINERS, RedirectTo("/reportes/cursos/", "their course's report", under=True)),
            ),
        )
    ],
    "reportes/general/": [
        Route("/reportes/general/", MINISTRY_REPORT),
        Route("/reportes/general/?comuna=08102&curso=x&desde=ayer&region=99&medida=z&pagina=-1", MINISTRY_REPORT_400),
    ],
    "reportes/comunas/<str:code>/": [
        Route("/reportes/comunas/08110/", expect(FORBIDDEN, anonymous=LOGIN, coordinator_talcahuano=OK, **MINISTRY)),
        Route(
            "/reportes/comunas/99999/",
            expect(FORBIDDEN, anonymous=LOGIN, **roles((*COORDINATORS, *TRAINERS, *MINISTRY), NOT_FOUND)),
        ),
    ],
    "reportes/cursos/<int:course_id>/": [
        # Coordinators see the course with their own municipality's officials only.
        Route(
            lambda w: f"/reportes/cursos/{w.course_x.pk}/",
            expect(FORBIDDEN, anonymous=LOGIN, trainer_x=OK, **roles(COORDINATORS, OK), **MINISTRY),
        ),
        Route(
            lambda w: f"/reportes/cursos/{w.course_y.pk}/",
            expect(FORBIDDEN, anonymous=LOGIN, trainer_y=OK, **roles(COORDINATORS, OK), **MINISTRY),
        ),
    ],
    "reportes/exportar/": [
        Route("/reportes/exportar/", expect(NOT_ALLOWED, anonymous=LOGIN)),
        Route(
            "/reportes/exportar/",
            MINISTRY_REPORT,
            method="post",
            data={"report": "general", "table": "comunas", "format": "csv"},
        ),
        Route(
            "/reportes/exportar/",
            expect(FORBIDDEN, anonymous=LOGIN, coordinator_talcahuano=OK, **MINISTRY),
            method="post",
            data={"report": "municipio", "subject": "08110", "table": "funcionarios", "format": "xlsx"},
        ),
    ],
    "reportes/exportaciones/<uuid:export_id>/": [
        Route(lambda w: f"/reportes/exportaciones/{w.report_export.pk}/", EXPORT_OWNER_ONLY),
        Route("/reportes/exportaciones/00000000-0000-0000-0000-000000000000/", EXPORT_NOT_FOUND),
    ],
    "reportes/exportaciones/<uuid:export_id>/descargar/": [
        Route(lambda w: f"/reportes/exportaciones/{w.report_export.pk}/descargar/", EXPORT_OWNER_ONLY),
    ],
    # Certificates: anyone verifies a code; the PDF goes to its holder (while valid), ministry staff and admins.
    "certificados/verificar/": [
        Route("/certificados/verificar/", EVERYONE_OK),
        Route(lambda w: f"/certificados/verificar/?codigo={w.certificate_a.code}", expect(CERTIFICATE_PAGE)),
    ],
    "certificados/verificar/<str:code>/": [
        Route(lambda w: f"/certificados/verificar/{w.certificate_a.code}/", EVERYONE_OK),
        Route(lambda w: f"/certificados/verificar/{w.certificate_c_revoked.code}/", EVERYONE_OK),
        Route("/certificados/verificar/no-es-un-codigo/", expect(NOT_FOUND)),
    ],
    # A certificate's verifiable credential and the status lists: public, like the verification page.
    "certificados/verificar/<str:code>/credencial.json": [
        Route(lambda w: f"/certificados/verificar/{w.certificate_a.code}/credencial.json", EVERYONE_OK),
        Route(lambda w: f"/certificados/verificar/{w.certificate_c_revoked.code}/credencial.json", EVERYONE_OK),
        Route("/certificados/verificar/no-es-un-codigo/credencial.json", expect(NOT_FOUND)),
    ],
    "certificados/verificar/<str:code>/credencial.jwt": [
        Route(lambda w: f"/certificados/verificar/{w.certificate_a.code}/credencial.jwt", EVERYONE_OK),
        Route(lambda w: f"/certificados/verificar/{w.certificate_c_revoked.code}/credencial.jwt", EVERYONE_OK),
        Route("/certificados/verificar/no-es-un-codigo/credencial.jwt", expect(NOT_FOUND)),
    ],
    "certificados/estado/<str:number>/": [
        Route(lambda w: f"/certificados/estado/{w.status_list.pk}/", EVERYONE_OK),
        Route("/certificados/estado/0/", expect(NOT_FOUND)),
        Route("/certificados/estado/lista/", expect(NOT_FOUND)),
    ],
    "certificados/<str:code>/pdf/": [
        Route(lambda w: f"/certificados/{w.certificate_a.code}/pdf/", CERTIFICATE_DOWNLOAD),
        # A revoked certificate: no longer to its holder.
        Route(
            lambda w: f"/certificados/{w.certificate_c_revoked.code}/pdf/",
            expect(FORBIDDEN, anonymous=LOGIN, ministry=OK, superuser=OK),
        ),
        Route("/certificados/no-existe/pdf/", expect(FORBIDDEN, anonymous=LOGIN)),
    ],
    "admin/certificados/": [Route("/admin/certificados/", CERTIFICATE_MANAGERS)],
    "admin/certificados/<int:pk>/": [
        Route(lambda w: f"/admin/certificados/{w.certificate_a.pk}/", CERTIFICATE_MANAGERS)
    ],
    "admin/certificados/<int:pk>/pdf/": [
        Route(lambda w: f"/admin/certificados/{w.certificate_a.pk}/pdf/", CERTIFICATE_MANAGERS)
    ],
    "admin/certificados/<int:pk>/revocar/": [
        Route(
            lambda w: f"/admin/certificados/{w.certificate_a.pk}/revocar/",
            expect(ADMIN_DENIED, ministry=NOT_ALLOWED, superuser=NOT_ALLOWED, **roles(NOT_ADMIN_USERS, ADMIN_LOGIN)),
        ),
    ],
    "admin/certificados/<int:pk>/reemitir/": [
        Route(
            lambda w: f"/admin/certificados/{w.certificate_a.pk}/reemitir/",
            expect(ADMIN_DENIED, ministry=NOT_ALLOWED, superuser=NOT_ALLOWED, **roles(NOT_ADMIN_USERS, ADMIN_LOGIN)),
        ),
    ],
    "admin/certificados/cursos/<int:course_id>/zip/": [
        Route(lambda w: f"/admin/certificados/cursos/{w.course_z.pk}/zip/", CERTIFICATE_MANAGERS)
    ],
    "admin/certificados/cursos/<int:course_id>/zip/descargar/": [
        # Nothing built yet.
        Route(
            lambda w: f"/admin/certificados/cursos/{w.course_z.pk}/zip/descargar/",
            expect(ADMIN_DENIED, ministry=NOT_FOUND, superuser=NOT_FOUND, **roles(NOT_ADMIN_USERS, ADMIN_LOGIN)),
        )
    ],
    # Certificate templates: trainers and admins.
    "admin/snippets/certificates/certificatetemplate/": [
        Route("/admin/snippets/certificates/certificatetemplate/", TEMPLATE_EDITORS)
    ],
    # Cohorts: ministry staff see and edit every cohort; a coordinator those of their own municipality (another
    # comuna's cohort does not exist for them) and edits only the ones of their municipality alone.
    "convocatorias/": [Route("/convocatorias/", COHORT_RUNNERS)],
    "convocatorias/nueva/": [
        Route("/convocatorias/nueva/", COHORT_RUNNERS),
        # Closing before opening: the form again, with the error.
        Route(
            "/convocatorias/nueva/",
            COHORT_RUNNERS,
            method="post",
            data={"title": "X", "opens_on": "2027-05-01", "closes_on": "2027-04-01"},
        ),
    ],
    "convocatorias/<int:pk>/": [
        Route(lambda w: f"/convocatorias/{w.cohort_talcahuano.pk}/", TALCAHUANO_COHORT),
        Route(lambda w: f"/convocatorias/{w.cohort_shared.pk}/", COHORT_RUNNERS),
        Route("/convocatorias/999999/", COHORT_NOT_FOUND),
    ],
    "convocatorias/<int:pk>/editar/": [
        Route(lambda w: f"/convocatorias/{w.cohort_talcahuano.pk}/editar/", TALCAHUANO_COHORT),
        Route(
            lambda w: f"/convocatorias/{w.cohort_shared.pk}/editar/",
            {**COHORT_RUNNERS, **roles(COORDINATORS, FORBIDDEN)},
        ),
        Route("/convocatorias/999999/editar/", COHORT_NOT_FOUND),
    ],
    # Reminding a cohort's people (POST) and their reminder history: the same people as the cohort's page.
    "convocatorias/<int:pk>/recordar-estancados/": [
        Route(
            lambda w: f"/convocatorias/{w.cohort_talcahuano.pk}/recordar-estancados/",
            expect(NOT_ALLOWED, anonymous=LOGIN),
        ),
        Route(
            lambda w: f"/convocatorias/{w.cohort_talcahuano.pk}/recordar-estancados/",
            {**TALCAHUANO_COHORT, **roles(("coordinator_talcahuano", *MINISTRY), BACK_TO_THE_COHORT)},
            method="post",
        ),
    ],
    "convocatorias/<int:pk>/personas/<int:user_id>/": [
        Route(
            lambda w: f"/convocatorias/{w.cohort_talcahuano.pk}/personas/{w.people['official_a'].pk}/",
            TALCAHUANO_COHORT,
        ),
        # Someone who is not in the cohort (official C, of Coronel, in no course of it).
        Route(
            lambda w: f"/convocatorias/{w.cohort_shared.pk}/personas/{w.people['official_c'].pk}/",
            COHORT_NOT_FOUND,
        ),
    ],
    "convocatorias/<int:pk>/personas/<int:user_id>/recordar/": [
        Route(
            lambda w: f"/convocatorias/{w.cohort_talcahuano.pk}/personas/{w.people['official_a'].pk}/recordar/",
            expect(NOT_ALLOWED, anonymous=LOGIN),
        ),
        Route(
            lambda w: f"/convocatorias/{w.cohort_talcahuano.pk}/personas/{w.people['official_a'].pk}/recordar/",
            {**TALCAHUANO_COHORT, **roles(("coordinator_talcahuano", *MINISTRY), BACK_TO_THE_COHORT)},
            method="post",
        ),
    ],
    # Announcements to a cohort: the people who run it (a coordinator, to their comuna's people only); another
    # comuna's cohort does not exist. An empty message comes back as the form with its errors.
    "convocatorias/<int:pk>/anuncios/nuevo/": [
        Route(lambda w: f"/convocatorias/{w.cohort_talcahuano.pk}/anuncios/nuevo/", TALCAHUANO_COHORT),
        Route(lambda w: f"/convocatorias/{w.cohort_shared.pk}/anuncios/nuevo/", COHORT_RUNNERS),
        Route("/convocatorias/999999/anuncios/nuevo/", COHORT_NOT_FOUND),
        Route(
            lambda w: f"/convocatorias/{w.cohort_talcahuano.pk}/anuncios/nuevo/",
            {**TALCAHUANO_COHORT, **roles(("coordinator_talcahuano", *MINISTRY), BACK_TO_THE_COHORT)},
            method="post",
            data={"title": "Taller presencial", "body": "El jueves a las 10:00 en el municipio."},
        ),
        Route(
            lambda w: f"/convocatorias/{w.cohort_talcahuano.pk}/anuncios/nuevo/",
            TALCAHUANO_COHORT,
            method="post",
            data={"title": "", "body": ""},
        ),
    ],
    # Announcements to a course: its trainers and ministry staff; the list of what one may post to.
    "anuncios/": [Route("/anuncios/", ANNOUNCERS)],
    "anuncios/cursos/<int:course_id>/nuevo/": [
        Route(lambda w: f"/anuncios/cursos/{w.course_x.pk}/nuevo/", COURSE_X_ANNOUNCERS),
        Route("/anuncios/cursos/999999/nuevo/", expect(NOT_FOUND, anonymous=LOGIN, **roles(OFFICIALS, FORBIDDEN))),
        Route(
            lambda w: f"/anuncios/cursos/{w.course_x.pk}/nuevo/",
            {**COURSE_X_ANNOUNCERS, **roles(("trainer_x", *MINISTRY), redirect("/anuncios/"))},
            method="post",
            data={"title": "Nueva lección", "body": "Publicamos la lección sobre entrevistas."},
        ),
        Route(
            lambda w: f"/anuncios/cursos/{w.course_x.pk}/nuevo/",
            COURSE_X_ANNOUNCERS,
            method="post",
            data={"title": "x" * 500, "body": "\x00"},
        ),
    ],
    # Bringing officials into a cohort: the same people as the cohort's page; a list only for whoever uploaded it.
    "convocatorias/<int:pk>/invitar/": [
        Route(lambda w: f"/convocatorias/{w.cohort_talcahuano.pk}/invitar/", TALCAHUANO_COHORT),
        Route(lambda w: f"/convocatorias/{w.cohort_shared.pk}/invitar/", COHORT_RUNNERS),
        Route("/convocatorias/999999/invitar/", COHORT_NOT_FOUND),
        # Neither a file nor a list: the form again, with the error; nothing is kept.
        Route(
            lambda w: f"/convocatorias/{w.cohort_talcahuano.pk}/invitar/",
            TALCAHUANO_COHORT,
            method="post",
            data={"pasted": ""},
        ),
    ],
    "convocatorias/<int:pk>/invitar/plantilla.<str:extension>": [
        Route(lambda w: f"/convocatorias/{w.cohort_talcahuano.pk}/invitar/plantilla.csv", TALCAHUANO_COHORT),
        Route(lambda w: f"/convocatorias/{w.cohort_shared.pk}/invitar/plantilla.xlsx", COHORT_RUNNERS),
        Route(
            lambda w: f"/convocatorias/{w.cohort_talcahuano.pk}/invitar/plantilla.exe",
            {**TALCAHUANO_COHORT, **roles(("coordinator_talcahuano", *MINISTRY), NOT_FOUND)},
        ),
    ],
    "convocatorias/<int:pk>/invitar/<int:import_id>/": [
        Route(
            lambda w: f"/convocatorias/{w.cohort_talcahuano.pk}/invitar/{w.import_talcahuano.pk}/",
            {**COHORT_NOT_FOUND, "coordinator_talcahuano": OK},
        ),
        Route(
            lambda w: f"/convocatorias/{w.cohort_shared.pk}/invitar/{w.import_talcahuano.pk}/",
            COHORT_NOT_FOUND,
        ),
    ],
    "convocatorias/<int:pk>/invitaciones/<int:invitation_id>/reenviar/": [
        Route(
            lambda w: f"/convocatorias/{w.cohort_talcahuano.pk}/invitaciones/{w.invitation_talcahuano.pk}/reenviar/",
            expect(NOT_ALLOWED, anonymous=LOGIN),
        ),
        Route(
            lambda w: f"/convocatorias/{w.cohort_talcahuano.pk}/invitaciones/{w.invitation_talcahuano.pk}/reenviar/",
            {**TALCAHUANO_COHORT, **roles(("coordinator_talcahuano", *MINISTRY), BACK_TO_THE_COHORT)},
            method="post",
        ),
    ],
    "convocatorias/<int:pk>/invitaciones/<int:invitation_id>/cancelar/": [
        Route(
            lambda w: f"/convocatorias/{w.cohort_talcahuano.pk}/invitaciones/{w.invitation_talcahuano.pk}/cancelar/",
            expect(NOT_ALLOWED, anonymous=LOGIN),
        ),
        Route(
            lambda w: f"/convocatorias/{w.cohort_talcahuano.pk}/invitaciones/{w.invitation_talcahuano.pk}/cancelar/",
            {**TALCAHUANO_COHORT, **roles(("coordinator_talcahuano", *MINISTRY), BACK_TO_THE_COHORT)},
            method="post",
        ),
        # Another cohort's invitation through this cohort's address: none here.
        Route(
            lambda w: f"/convocatorias/{w.cohort_shared.pk}/invitaciones/{w.invitation_talcahuano.pk}/cancelar/",
            {**COHORT_NOT_FOUND, "anonymous": LOGIN},
            method="post",
        ),
    ],
    # The invited person's page behind the signed link: no account needed; anything else is not a link.
    "convocatorias/invitacion/<str:token>/": [
        Route(lambda w: f"/convocatorias/invitacion/{w.invitation_token}/", EVERYONE_OK),
        Route("/convocatorias/invitacion/no-es-un-enlace/", expect(NOT_FOUND)),
    ],
    # Each person's own reminder preferences; the signed one-click unsubscribe link works without signing in.
    "recordatorios/preferencias/": [Route("/recordatorios/preferencias/", SIGNED_IN_ONLY)],
    # The mail provider's bounce webhook: POST only, signed; without a configured secret it does not exist.
    "recordatorios/rebotes/": [
        Route("/recordatorios/rebotes/", expect(NOT_ALLOWED)),
        Route("/recordatorios/rebotes/", expect(NOT_FOUND), method="post", data={"emails": ["a@b.cl"]}),
    ],
    "recordatorios/baja/<str:token>/": [
        Route(lambda w: f"/recordatorios/baja/{w.unsubscribe_token_a}/", EVERYONE_OK),
        Route("/recordatorios/baja/no-es-un-enlace/", expect(NOT_FOUND)),
    ],
    # Applied practice: the official's own records, the trainers' queue and review, the public map.
    "mis-practicas/": [Route("/mis-practicas/", SIGNED_IN_ONLY)],
    "mis-practicas/nueva/": [
        Route("/mis-practicas/nueva/", SIGNED_IN_ONLY),
        # An empty form comes back with its errors; nothing is recorded.
        Route("/mis-practicas/nueva/", SIGNED_IN_ONLY, method="post", data={"title": ""}),
    ],
    "mis-practicas/<int:pk>/": [
        Route(lambda w: f"/mis-practicas/{w.practice_a.pk}/", PRACTICE_A_ONLY),
        # Submitted: no longer editable, the author is sent back to it.
        Route(
            lambda w: f"/mis-practicas/{w.practice_a.pk}/",
            expect(NOT_FOUND, anonymous=LOGIN, official_a=RedirectTo("/mis-practicas/", under=True)),
            method="post",
            data={"title": "Cambiada"},
        ),
        Route(lambda w: f"/mis-practicas/{w.public_practice.pk}/", expect(NOT_FOUND, anonymous=LOGIN, official_c=OK)),
        Route("/mis-practicas/999999/", expect(NOT_FOUND, anonymous=LOGIN)),
    ],
    "mis-practicas/<int:pk>/evidencias/": [
        Route(
            lambda w: f"/mis-practicas/{w.practice_a.pk}/evidencias/",
            expect(NOT_FOUND, anonymous=LOGIN, official_a=RedirectTo("/mis-practicas/", under=True)),
            method="post",
        ),
    ],
    "mis-practicas/<int:pk>/evidencias/<int:evidence_id>/eliminar/": [
        Route(
            lambda w: f"/mis-practicas/{w.practice_a.pk}/evidencias/{w.evidence_a.pk}/eliminar/",
            expect(NOT_FOUND, anonymous=LOGIN, official_a=RedirectTo("/mis-practicas/", under=True)),
            method="post",
        ),
        Route(
            lambda w: f"/mis-practicas/{w.practice_a.pk}/evidencias/{w.evidence_a.pk}/eliminar/",
            expect(NOT_ALLOWED, anonymous=LOGIN),
        ),
    ],
    "mis-practicas/<int:pk>/publicacion/": [
        # Withdrawing (it is not published): the authors, and the ministry; readers who may not publish get 403.
        Route(
            lambda w: f"/mis-practicas/{w.practice_a.pk}/publicacion/",
            expect(
                NOT_FOUND,
                anonymous=LOGIN,
                official_a=RedirectTo("/mis-practicas/", under=True),
                trainer_x=FORBIDDEN,
                coordinator_talcahuano=FORBIDDEN,
                ministry=redirect("/practicas/"),
                superuser=redirect("/practicas/"),
            ),
            method="post",
            data={"publicar": "0"},
        ),
    ],
    "mis-practicas/<int:pk>/enviar/": [
        Route(
            lambda w: f"/mis-practicas/{w.practice_a.pk}/enviar/",
            expect(NOT_FOUND, anonymous=LOGIN),
            method="post",
            data={"item": "999999"},
        ),
        Route(lambda w: f"/mis-practicas/{w.practice_a.pk}/enviar/", expect(NOT_ALLOWED, anonymous=LOGIN)),
    ],
    "practicas/": [
        Route("/practicas/", EVERYONE_OK),
        Route("/practicas/?comuna=08110&componente=codiseno&metodo=mapa-de-actores&pagina=2", EVERYONE_OK),
        Route("/practicas/?comuna=x&componente=%3Cscript%3E&metodo=..", EVERYONE_OK),
    ],
    "practicas/<int:pk>/": [
        Route(lambda w: f"/practicas/{w.public_practice.pk}/", EVERYONE_OK),
        Route(lambda w: f"/practicas/{w.practice_a.pk}/", expect(NOT_FOUND)),
        Route("/practicas/999999/", expect(NOT_FOUND)),
    ],
    "practicas/evidencias/<int:evidence_id>/": [
        Route(lambda w: f"/practicas/evidencias/{w.evidence_a.pk}/", PRACTICE_A_READERS),
        Route(lambda w: f"/practicas/evidencias/{w.public_evidence.pk}/", EVERYONE_OK),
        Route("/practicas/evidencias/999999/", expect(NOT_FOUND)),
    ],
    "practicas/revision/": [
        Route(
            "/practicas/revision/",
            # Ministry staff read every waiting practice; they review only in courses they train.
            expect(FORBIDDEN, anonymous=LOGIN, trainer_x=OK, trainer_y=OK, ministry=OK, superuser=OK),
        ),
    ],
    "practicas/revision/<int:pk>/": [
        Route(
            lambda w: f"/practicas/revision/{w.practice_a.pk}/",
            expect(NOT_FOUND, anonymous=LOGIN, trainer_x=OK, superuser=OK),
        ),
        # A review without a decision: the form comes back with its errors (400), nothing is recorded.
        Route(
            lambda w: f"/practicas/revision/{w.practice_a.pk}/",
            expect(NOT_FOUND, anonymous=LOGIN, trainer_x=BAD_REQUEST, superuser=BAD_REQUEST),
            method="post",
            data={"feedback": ""},
        ),
    ],
}
