"""Views hung on the library's pages (see their routes): PDF downloads and "Usé este método".

Wagtail has already checked that the page is live and that the visitor may see it before these run.
"""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import FileResponse, Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import formats
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from .choices import Component
from .models import ComponentDeck, MethodCard
from .printing import card_fingerprint, deck_fingerprint, printable_methods

RETRY_AFTER_SECONDS = 30


def _serve_pdf(record, filename):
    response = FileResponse(record.file.open("rb"), content_type="application/pdf", filename=filename)
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    response["Cache-Control"] = "public, max-age=300"
    return response


def _being_prepared(request, *, title, back_url, back_label):
    """503 with a Spanish page: the PDF is being made in the background; it is never made in the request."""
    response = TemplateResponse(
        request,
        "pages/pdf_being_prepared.html",
        {"title": title, "back_url": back_url, "back_label": back_label},
        status=503,
    )
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


def download_card(request, method):
    card = MethodCard.objects.filter(method=method).first()
    if card is not None and card.is_current(card_fingerprint(method)):
        return _serve_pdf(card, f"ficha-{method.slug}.pdf")
    return _being_prepared(request, title=method.title, back_url=method.url, back_label=_("Back to the method"))


def download_deck(request, index_page, component):
    if component not in Component.values:
        raise Http404(_("There is no programme component with that name."))
    members = list(printable_methods().filter(components__value=component).values_list("pk", "live_revision_id"))
    if not members:
        raise Http404(_("This component has no published methods yet."))
    deck = ComponentDeck.objects.filter(component=component).first()
    if deck is not None and deck.is_current(deck_fingerprint(members)):
        return _serve_pdf(deck, f"metodos-{component}.pdf")
    return _being_prepared(
        request,
        title=_("Methods: %(component)s") % {"component": Component(component).label},
        back_url=index_page.url,
        back_label=_("Back to the toolkit"),
    )


@require_http_methods(["GET", "POST"])
def record_use(request, method):
    """ "Usé este método" starts a practice record (method, comuna, date), completed afterwards in "Mis prácticas".

    People who are not signed in are sent to sign in and brought back.
    """
    from practices.forms import QuickStartForm
    from practices.services import start_from_method

    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    form = QuickStartForm(request.POST if request.method == "POST" else None, user=request.user)
    if request.method == "POST" and form.is_valid():
        practice = start_from_method(
            request.user,
            method,
            municipality=form.cleaned_data["municipality"],
            done_on=form.cleaned_data["used_on"],
            note=form.cleaned_data["note"],
        )
        messages.success(
            request,
            _(
                "Thank you: your use of “%(method)s” on %(date)s is recorded. Tell us more about it here: who took "
                "part, what you learned, photos."
            )
            % {"method": method.title, "date": formats.date_format(practice.done_on, "DATE_FORMAT")},
        )
        return redirect("practices:edit", pk=practice.pk)
    return TemplateResponse(request, "pages/method_use_form.html", {"page": method, "form": form})
