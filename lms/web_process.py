"""What a web process leaves out: Wagtail's v3 API, which this site does not mount.

Wagtail's images, documents, snippets, locales and redirects apps register routers and schemas with the v3 API
(django-ninja and pydantic models built for every snippet and image model) in their ``ready()``, whether or not
the project installs ``wagtail.api.v3`` and mounts its addresses. This site does neither, so those routers are
never reached; building them costs every web process some 13 MB and a second of start-up (the redirects app's
router also imports its v2 API, Django REST framework included).

``skip_unmounted_api()`` (called by ``lms.wsgi`` before Django sets up) answers the imports those ``ready()``
methods make with empty stand-ins while ``wagtail.api.v3`` is not installed: the API object takes routers and
drops them; the registrations do nothing. Commands, workers and tests import the real modules; installing
``wagtail.api.v3`` turns this off.
"""

import importlib.abc
import importlib.machinery
import sys

from django.conf import settings


class _UnmountedApi:
    """Stands for ``wagtail.api.v3.api.api``: routers added to it are never served."""

    def add_router(self, *args, **kwargs):
        pass


def _nothing():
    pass


#: The modules the apps' ``ready()`` import, and what they take from each.
STAND_INS = {
    "wagtail.api.v3.api": {"api": _UnmountedApi()},
    "wagtail.contrib.redirects.api": {},
    "wagtail.contrib.redirects.api.v3": {"router": None},
    "wagtail.images.api.v3.registry": {"register_content_types": _nothing},
    "wagtail.images.api.v3.router": {"router": None},
    "wagtail.documents.api.v3.registry": {"register_content_types": _nothing},
    "wagtail.documents.api.v3.router": {"router": None},
    "wagtail.locales.api.v3": {"router": None},
    "wagtail.snippets.api.v3": {"register_content_types": _nothing},
    "wagtail.snippets.api.v3.router": {"router": None},
}


class UnmountedApiFinder(importlib.abc.MetaPathFinder, importlib.abc.Loader):
    def find_spec(self, name, path, target=None):
        if name in STAND_INS:
            return importlib.machinery.ModuleSpec(name, self, is_package=True)
        return None

    def create_module(self, spec):
        return None  # the default module object

    def exec_module(self, module):
        module.__path__ = []
        module.__dict__.update(STAND_INS[module.__name__])


def skip_unmounted_api():
    """Install the stand-ins (before ``django.setup()``) unless the project installs Wagtail's v3 API."""
    if "wagtail.api.v3" in settings.INSTALLED_APPS:
        return
    if not any(isinstance(finder, UnmountedApiFinder) for finder in sys.meta_path):
        sys.meta_path.insert(0, UnmountedApiFinder())
