"""Page views: what a request to a page shows, kept out of the page's model.

A page model holds its fields, panels and place in the tree, and imports no view, service or query module. How it
answers a request — who may open it, what its template is given, what a visit records — is a ``PageView`` in the
app's ``serving.py``, registered with ``@page_view(Model)`` (as ``@admin.register(Model)`` connects a ``ModelAdmin``)
and loaded by the app's ``AppConfig.ready()``, beside its receivers. The model inherits ``ServedByView``, whose
``serve`` and ``get_context`` ask the view registered for the model or its nearest ancestor. So ``serving`` imports
models, queries and services at its top, and nothing imports it back: models → services → views, without circles.
"""

from django.core.exceptions import ImproperlyConfigured

_views = {}


def page_view(model):
    """Class decorator: the ``PageView`` subclass serves ``model``, and its subclasses that register no view."""

    def register(view_class):
        _views[model] = view_class()
        return view_class

    return register


def view_for(page):
    for cls in type(page).__mro__:
        if cls in _views:
            return _views[cls]
    raise ImproperlyConfigured(
        f"No page view for {type(page).__name__}: its app's ready() must import the module that registers it."
    )


class PageView:
    """Serving a page type. ``serve`` is handed the model's own (Wagtail's) ``serve``, to call when it may render."""

    def get_context(self, page, request, context, *args, **kwargs):
        return context

    def serve(self, page, request, serve, *args, **kwargs):
        return serve(request, *args, **kwargs)


class ServedByView:
    """A page mixin: ``serve`` and ``get_context`` go through the page's registered ``PageView``."""

    @property
    def page_view(self):
        return view_for(self)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        return self.page_view.get_context(self, request, context, *args, **kwargs)

    def serve(self, request, *args, **kwargs):
        return self.page_view.serve(self, request, super().serve, *args, **kwargs)
