"""Who belongs to which municipality: the claim a person makes, and how it becomes a confirmed membership.

A person says where they work when they sign up (or change it in their profile); the claim is *pending* until it
is confirmed. It is confirmed automatically once the person has confirmed an email address on one of the
municipality's institutional domains, otherwise by the comuna's coordinator or by ministry staff, who may also
reject it. Every step leaves an audit line (``accounts.audit``). Only confirmed members count in reports
(``accounts.models.confirmed_member``).
"""

from django.db import transaction
from django.utils import timezone

from . import audit
from .models import Membership, MunicipalityDomain, User


def domain_matches(user):
    """Whether ``user``'s email address is on an institutional domain of their municipality (or a subdomain)."""
    if not user.municipality_id or "@" not in user.email:
        return False
    domain = user.email_domain
    labels = domain.split(".")
    candidates = {".".join(labels[start:]) for start in range(len(labels) - 1)}
    return MunicipalityDomain.objects.filter(municipality_id=user.municipality_id, domain__in=candidates).exists()


def _confirm_by_domain(user):
    if user.email_confirmed_at and user.membership == Membership.PENDING and domain_matches(user):
        user.membership = Membership.CONFIRMED
        user.save(update_fields=["membership"])
        audit.log_about(user, audit.MEMBERSHIP_CONFIRMED, data={"municipality": user.municipality.name, "domain": True})


def request_membership(user, *, by=None):
    """Make ``user``'s membership of their (new) municipality pending, and confirm it at once if their confirmed
    address is on one of its domains. Called on sign-up and whenever the person changes municipality."""
    user.membership = Membership.PENDING
    user.membership_requested_at = timezone.now()
    user.save(update_fields=["membership", "membership_requested_at"])
    if user.municipality_id:
        audit.log_about(user, audit.MEMBERSHIP_REQUESTED, by=by or user, data={"municipality": user.municipality.name})
        _confirm_by_domain(user)


def confirm_email(user):
    """Record that ``user`` received the confirmation link (idempotent); it may confirm their membership too."""
    if user.email_confirmed_at:
        return False
    with transaction.atomic():
        user.email_confirmed_at = timezone.now()
        user.save(update_fields=["email_confirmed_at"])
        audit.log_about(user, audit.EMAIL_CONFIRMED, by=user)
        _confirm_by_domain(user)
    return True


class CannotDecide(Exception):
    """The decision cannot be taken now: the person's email address is not confirmed yet, or their membership is
    no longer pending (someone else decided, or they changed municipality)."""


def decide(person, *, approve, by):
    """Confirm (``approve``) or reject ``person``'s pending membership; ``by`` is who decided. The caller checks
    that ``by`` may decide for the municipality (``may_decide``)."""
    if approve and not person.email_confirmed_at:
        raise CannotDecide
    outcome = Membership.CONFIRMED if approve else Membership.REJECTED
    with transaction.atomic():
        # Locked and checked again: of two people deciding at once, or of a decision racing a change of
        # municipality, one wins. Saved through the model, so whatever keeps figures current hears of it.
        locked = (
            User.objects.select_for_update()
            .filter(pk=person.pk, municipality_id=person.municipality_id, membership=Membership.PENDING)
            .first()
        )
        if locked is None:
            raise CannotDecide
        locked.membership = person.membership = outcome
        locked.save(update_fields=["membership"])
        action = audit.MEMBERSHIP_CONFIRMED if approve else audit.MEMBERSHIP_REJECTED
        audit.log_about(person, action, by=by, data={"municipality": person.municipality.name})


def may_decide(user, municipality):
    """Ministry staff (and superusers) decide for every municipality; a coordinator for their own only, and only
    while their own membership of it stands confirmed."""
    if not user.is_authenticated or not user.has_perm("accounts.decide_membership"):
        return False
    if user.is_superuser or user.has_perm("accounts.view_all_municipality_records"):
        return True
    return user.municipality_id == municipality.pk and user.has_confirmed_membership
