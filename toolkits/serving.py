"""How toolkit pages answer a request: the library with its search and facets, and a method page with its uses,
the lessons that use it and "Usé este método". Their sub-addresses (a component's deck, a method's card, recording
a use) are routes of the page models that hand over to the views here (``toolkits.views``).
``ToolkitsConfig.ready()`` loads this module.
"""

from core.pageviews import PageView, page_view
from practices.forms import QuickStartForm
from practices.models import Practice

from .choices import Component
from .library import Library
from .models import MethodComponent, MethodPage, ToolkitIndexPage
from .usage import lessons_using
from .views import download_card, download_deck, record_use


@page_view(ToolkitIndexPage)
class LibraryView(PageView):
    def get_context(self, page, request, context, *args, **kwargs):
        library = Library(page)
        query = library.parse(request.GET)
        results = library.search(query)
        intents = list(page.intents.all())
        current = query.urlencode()
        with_methods = set(MethodComponent.objects.filter(page__in=library.methods).values_list("value", flat=True))
        context.update(
            results=results,
            query=query,
            intents=intents,
            current_intent=next(
                (i for i in intents if current and library.parse_address(i.filters).urlencode() == current), None
            ),
            deck_components=[(value, label) for value, label in Component.choices if value in with_methods],
        )
        return context

    def deck(self, page, request, component):
        return download_deck(request, page, component)


@page_view(MethodPage)
class MethodView(PageView):
    def get_context(self, page, request, context, *args, **kwargs):
        # "Usé este método" starts a practice record (the practices app); the page counts them, never names.
        saved = page.pk is not None  # a new method previewed in the admin has no uses or lessons yet
        context.update(
            uses=Practice.objects.filter(methods=page).summary() if saved else {"times": 0, "municipalities": 0},
            lessons=lessons_using(page) if saved else [],
            record_use_url=page.url + page.reverse_subpage("record_use"),
            use_form=QuickStartForm(user=request.user) if request.user.is_authenticated else None,
        )
        return context

    def card(self, page, request):
        return download_card(request, page)

    def record_use(self, page, request):
        return record_use(request, page)
