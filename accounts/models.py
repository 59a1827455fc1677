"""People and municipalities: the custom user (login by email) with their profile, and Chile's comunas."""

from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.search import index

from .regions import Region


class Municipality(index.Indexed, models.Model):
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

    panels = [FieldPanel("name"), FieldPanel("code"), FieldPanel("region")]
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
        ]

    def __str__(self):
        return self.name

    def clean(self):
        if self.code and self.region and not self.code.startswith(self.region):
            raise ValidationError({"code": _("A comuna's CUT code starts with its region's code.")})


class UserManager(BaseUserManager):
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
    """

    username = None
    email = models.EmailField(_("email address"), unique=True)
    first_name = models.CharField(_("given names"), max_length=150)
    last_name = models.CharField(_("surnames"), max_length=150)
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
    erased_at = models.DateTimeField(
        _("personal data erased at"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("Set when the person's data was erased; the account then only holds anonymous figures."),
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
        if self.erased_at:
            return str(_("Removed person"))
        return self.get_full_name() or self.email

    def save(self, *args, **kwargs):
        self.email = self.email.strip().lower()
        super().save(*args, **kwargs)
