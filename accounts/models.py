"""People and municipalities: the custom user (login by email) with their profile, and Chile's comunas.

Belonging to a municipality is a claim until it is confirmed: a person is a *confirmed member* of their
municipality (``confirmed_member``) once they have confirmed their email address and their membership was
confirmed, automatically by an institutional email domain of the municipality (``MunicipalityDomain``) or by the
comuna's coordinator or ministry staff. Only confirmed members count in reports.
"""

from django import forms
from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.contrib.sessions.base_session import AbstractBaseSession
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.search import index

from .regions import Region
from .validators import validate_domain, validate_printable_name


class Municipality(index.Indexed, ClusterableModel):
    """A Chilean comuna. The CUT code is a string: as an integer, "08101" would lose its leading zero."""

    code = models.CharField(
        _("CUT code"),
        max_length=5,
        unique=True,
        validators=[RegexValidator(r"^[0-9]{5}$", _("A CUT code has exactly five digits, e.g. 08101."))],
        help_text=_("The comuna's Código Único Territorial, five digits (e.g. 08110 for Talcahuano)."),
    )
    name = models.CharField(_("name"), max_length=100, help_text=_("The comuna's official name."))
    region = models.CharField(
        _("region"), max_length=2, choices=Region.choices, help_text=_("The region the comuna belongs to.")
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("code"),
        FieldPanel("region"),
        InlinePanel("domains", heading=_("Institutional email domains"), label=_("Domain")),
    ]
    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.SearchField("code"),
        index.FilterField("region"),
    ]

    class Meta:
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(condition=models.Q(code__regex=r"^[0-9]{5}$"), name="municipality_code_five_digits"),
        ]
        permissions = [
            ("view_own_municipality_records", _("Can view the learning records of their own municipality")),
            ("view_all_municipality_records", _("Can view the learning records of every municipality")),
            ("decide_membership", _("Can confirm or reject who belongs to a municipality")),
        ]

    def __str__(self):
        return self.name

    def clean(self):
        if self.code and self.region and not self.code.startswith(self.region):
            raise ValidationError({"code": _("A comuna's CUT code starts with its region's code.")})


class DomainFormField(forms.CharField):
    def to_python(self, value):
        return super().to_python(value).lower()


class DomainField(models.CharField):
    """A domain name, kept in lower case (so that uniqueness holds however it was typed)."""

    def to_python(self, value):
        value = super().to_python(value)
        return value.strip().lower() if isinstance(value, str) else value

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": DomainFormField, **kwargs})


class MunicipalityDomain(models.Model):
    """An email domain the municipality gives its own staff (``talcahuano.cl``): an address there, once
    confirmed, is proof enough that its holder works for the municipality. Subdomains count too."""

    municipality = ParentalKey(Municipality, on_delete=models.CASCADE, related_name="domains")
    domain = DomainField(
        _("domain"),
        max_length=253,
        unique=True,
        validators=[validate_domain],
        help_text=_("The part after the @ of the municipality's own addresses, e.g. talcahuano.cl."),
    )

    panels = [FieldPanel("domain")]

    class Meta:
        verbose_name = _("institutional email domain")
        verbose_name_plural = _("institutional email domains")
        ordering = ["domain"]

    def __str__(self):
        return self.domain


class Membership(models.TextChoices):
    """Where a person's claim to belong to their municipality stands."""

    PENDING = "pending", _("pending")
    CONFIRMED = "confirmed", _("confirmed")
    REJECTED = "rejected", _("rejected")


def confirmed_member(prefix=""):
    """The one rule for "a confirmed member of a municipality", as a filter on users (or, with ``prefix`` such as
    ``"user__"``, on records that point to one): a municipality, a confirmed email address and a confirmed
    membership. ``User.is_confirmed_member`` is the same rule for one person in memory."""
    return models.Q(
        **{
            f"{prefix}municipality__isnull": False,
            f"{prefix}email_confirmed_at__isnull": False,
            f"{prefix}membership": Membership.CONFIRMED,
        }
    )


class UserQuerySet(models.QuerySet):
    def confirmed_members(self):
        return self.filter(confirmed_member())

    def pending_members(self):
        """People waiting for a decision on their municipality (whether or not they confirmed their email)."""
        return self.filter(municipality__isnull=False, membership=Membership.PENDING, is_active=True)


class UserManager(BaseUserManager.from_queryset(UserQuerySet)):
    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields.update(is_staff=True, is_superuser=True)
        return self._create_user(email, password, **extra_fields)


class User(AbstractUser):
    """A person who signs in with their email address.

    ``first_name`` and ``last_name`` (nombres y apellidos) are printed on certificates exactly as entered.
    ``municipality`` is where an official works and, for a coordinator, the one municipality they follow.
    ``erased_at`` marks an account whose personal data was erased (see ``accounts.personal_data``).
    ``membership`` says whether the claim to work at ``municipality`` was confirmed (see ``confirmed_member``).
    """

    username = None
    email = models.EmailField(_("email address"), unique=True)
    first_name = models.CharField(_("given names"), max_length=150, validators=[validate_printable_name])
    last_name = models.CharField(_("surnames"), max_length=150, validators=[validate_printable_name])
    municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("municipality"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="users",
        help_text=_("Where the person works. Empty for ministry staff."),
    )
    position = models.CharField(
        _("position or department"), max_length=150, blank=True, help_text=_("E.g. Dirección de Tránsito.")
    )
    privacy_accepted_at = models.DateTimeField(_("privacy notice accepted at"), null=True, blank=True)
    email_confirmed_at = models.DateTimeField(
        _("email address confirmed at"),
        null=True,
        blank=True,
        help_text=_("Set when the person followed the link sent to their address. Needed to enrol in courses."),
    )
    confirmation_sent_at = models.DateTimeField(_("confirmation email sent at"), null=True, blank=True, editable=False)
    membership = models.CharField(
        _("membership of the municipality"),
        max_length=10,
        choices=Membership.choices,
        default=Membership.PENDING,
        # Also in the table, for rows written without the ORM (COPY in the reports' synthetic data).
        db_default=Membership.PENDING,
        help_text=_("Only confirmed members count in reports."),
    )
    membership_requested_at = models.DateTimeField(_("membership requested at"), null=True, blank=True, editable=False)
    erased_at = models.DateTimeField(
        _("personal data erased at"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("Set when the person's data was erased; the account then only holds anonymous figures."),
    )

    permissions_stamp = models.BigIntegerField(
        _("permissions stamp"),
        default=0,
        db_default=0,
        editable=False,
        help_text=_("Changes with the person's roles: the permissions kept for the old one are not used again."),
    )

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = []

    objects = UserManager()

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        indexes = [
            # Reports list a municipality's officials by name, a page at a time.
            models.Index(fields=["municipality", "last_name", "first_name", "id"], name="user_municipality_by_name"),
        ]

    def __str__(self):
        return self.name_of(self.first_name, self.last_name, self.email, self.erased_at)

    @staticmethod
    def name_of(first_name, last_name, email, erased_at):
        """How a person is named on screen, also for a row read without the model (a report's page of officials):
        their full name, else their address; never either once erased."""
        if erased_at:
            return str(_("Removed person"))
        return f"{first_name} {last_name}".strip() or email

    def save(self, *args, **kwargs):
        self.email = self.email.strip().lower()
        super().save(*args, **kwargs)

    @property
    def has_confirmed_membership(self):
        """Whether someone confirmed (or an administrator set) that the person works at their municipality: what
        a coordinator needs to act for it. Counting in figures also needs a confirmed address (``confirmed_member``).
        """
        return bool(self.municipality_id and self.membership == Membership.CONFIRMED)

    @property
    def is_confirmed_member(self):
        """``confirmed_member`` for this person, without a query."""
        return bool(self.municipality_id and self.email_confirmed_at and self.membership == Membership.CONFIRMED)

    @property
    def email_domain(self):
        return self.email.rpartition("@")[2].lower()


class Session(AbstractBaseSession):
    """Django's database session, with the id of the person it signs in beside the encoded data, so that each
    request reads its session and its person in one statement (``accounts.sessions``).

    ``person_id`` is a plain column, not a foreign key: a session may outlive its person, as Django's do (such a
    session finds nobody and is anonymous), and saving one never fails on a person deleted meanwhile."""

    person_id = models.BigIntegerField(null=True, blank=True)

    @classmethod
    def get_session_store_class(cls):
        from .sessions import SessionStore

        return SessionStore
