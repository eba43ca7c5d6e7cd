"""Abstract base models shared by the apps, and the API keys."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from rest_framework_api_key.models import AbstractAPIKey


class TimeStampedModel(models.Model):
    created_at = models.DateTimeField(_("created at"), auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        abstract = True


class DatePrecision(models.TextChoices):
    """How much of a date the source gives: "in May 2023" is stored as 1 May, precision month."""

    DAY = "day", _("day")
    MONTH = "month", _("month")
    YEAR = "year", _("year")


class APIKey(AbstractAPIKey):
    """A partner's or a user's API key (DESIGN.md section 8), stored hashed.

    A key speaks either for a partner organisation (it reads what section 6 lets that partner
    read and never writes) or for a user account (it acts with that user's permissions).
    The organisation is named by string so that this floor imports no app.
    """

    organization = models.ForeignKey(
        "agreements.Organization",
        verbose_name=_("partner organisation"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="api_keys",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="api_keys",
    )

    class Meta(AbstractAPIKey.Meta):
        verbose_name = _("API key")
        verbose_name_plural = _("API keys")
        constraints = [
            models.CheckConstraint(
                condition=Q(organization__isnull=False, user__isnull=True)
                | Q(organization__isnull=True, user__isnull=False),
                name="apikey_one_owner",
                violation_error_message=_("A key belongs either to an organisation or to a user, not both."),
            ),
        ]

    def __str__(self):
        return f"{self.name} ({self.prefix})"

    @property
    def is_usable(self) -> bool:
        return not self.revoked and not self.has_expired
