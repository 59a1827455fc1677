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
            lambda w: w.certificate_a.pdf_url,
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

from .authorization import (
    ADMIN_DENIED,
    ADMIN_LOGIN,
    FORBIDDEN,
    LOGIN,
    NOT_ALLOWED,
    NOT_FOUND,
    OK,
    Route,
    expect,
    redirect,
    roles,
)
from .world import ADMIN_USERS, COORDINATORS, NOT_ADMIN_USERS, OFFICIALS

EVERYONE_OK = expect(OK)
SIGNED_IN_ONLY = expect(OK, anonymous=LOGIN)
#: Pages for people who can reach the admin (two-step verification): 403 for the others.
ADMIN_PEOPLE_ONLY = expect(OK, anonymous=LOGIN, **roles((*OFFICIALS, *COORDINATORS), FORBIDDEN))
#: An admin view that needs more than access to the admin: only the superuser has it in the base roles.
SUPERUSER_ADMIN = expect(ADMIN_DENIED, superuser=OK, **roles(NOT_ADMIN_USERS, ADMIN_LOGIN))
#: An admin view every admin user may open.
ANY_ADMIN = expect(OK, **roles(NOT_ADMIN_USERS, ADMIN_LOGIN))

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
    ],
    "_util/login/": [Route("/_util/login/", EVERYONE_OK)],
    "_util/authenticate_with_password/<int:page_view_restriction_id>/<int:page_id>/": [
        Route("/_util/authenticate_with_password/999999/999999/", expect(NOT_FOUND)),
    ],
    "idioma/": [
        Route("/idioma/", expect(redirect("/"))),
        Route("/idioma/", expect(redirect("/en/")), method="post", data={"language": "en", "next": "/"}),
    ],
    # Documents: public ones for everyone, restricted collections for signed-in people, always as attachments
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
    "cuenta/ingresar/": [Route("/cuenta/ingresar/", expect(redirect("/"), anonymous=OK))],
    "cuenta/salir/": [
        Route("/cuenta/salir/", expect(NOT_ALLOWED)),
        Route("/cuenta/salir/", expect(redirect("/")), method="post"),
    ],
    "cuenta/perfil/": [Route("/cuenta/perfil/", SIGNED_IN_ONLY)],
    "cuenta/contrasena/": [Route("/cuenta/contrasena/", SIGNED_IN_ONLY)],
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
        # Nothing to verify without a device: back to the home page.
        Route("/cuenta/dos-pasos/verificar/", expect(redirect("/"), anonymous=LOGIN)),
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
    "admin/pages/": [Route("/admin/pages/", SUPERUSER_ADMIN)],
    "admin/pages/<int:parent_page_id>/": [
        Route(lambda w: f"/admin/pages/{w.home_page.pk}/", SUPERUSER_ADMIN),
    ],
    "admin/pages/<int:page_id>/edit/": [
        Route(lambda w: f"/admin/pages/{w.home_page.pk}/edit/", SUPERUSER_ADMIN),
        Route(lambda w: f"/admin/pages/{w.private_page.pk}/edit/", SUPERUSER_ADMIN),
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
    "admin/documents/": [Route("/admin/documents/", SUPERUSER_ADMIN)],
    "admin/documents/edit/<int:document_id>/": [
        Route(lambda w: f"/admin/documents/edit/{w.internal_document.pk}/", SUPERUSER_ADMIN),
    ],
    "admin/images/": [Route("/admin/images/", SUPERUSER_ADMIN)],
    "admin/collections/": [Route("/admin/collections/", SUPERUSER_ADMIN)],
    "admin/snippets/accounts/municipality/": [Route("/admin/snippets/accounts/municipality/", SUPERUSER_ADMIN)],
    "admin/reports/site-history/": [Route("/admin/reports/site-history/", ANY_ADMIN)],
    "admin/reports/locked/": [Route("/admin/reports/locked/", SUPERUSER_ADMIN)],
    "admin/reports/aging-pages/": [Route("/admin/reports/aging-pages/", SUPERUSER_ADMIN)],
    "admin/workflows/list/": [Route("/admin/workflows/list/", SUPERUSER_ADMIN)],
    "admin/sites/": [Route("/admin/sites/", SUPERUSER_ADMIN)],
    "admin/locales/": [Route("/admin/locales/", SUPERUSER_ADMIN)],
    "admin/redirects/": [Route("/admin/redirects/", SUPERUSER_ADMIN)],
    "admin/forms/": [Route("/admin/forms/", SUPERUSER_ADMIN)],
}
