"""Abstract base models shared by the apps."""

from django.db import models
from django.utils.translation import gettext_lazy as _


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
