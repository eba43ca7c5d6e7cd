"""Dates shown with the precision the source gave: "20 July 2023", "July 2023" or "2023"."""

from django import template
from django.utils.formats import date_format

register = template.Library()

FORMAT_FOR_PRECISION = {
    "day": "DATE_FORMAT",
    "month": "YEAR_MONTH_FORMAT",
    "year": "Y",
}


@register.filter
def precise_date(value, precision="day"):
    """`{{ agreement.signed_on|precise_date:agreement.signed_on_precision }}`, in the active language."""
    if not value:
        return ""
    return date_format(value, FORMAT_FOR_PRECISION.get(precision, "DATE_FORMAT"))


def iso_precise(value, precision="day"):
    """The same date as ISO 8601 cut to its precision ("2023-07", "2023"), for exports and JSON-LD."""
    if not value:
        return None
    if precision == "year":
        return f"{value:%Y}"
    if precision == "month":
        return f"{value:%Y-%m}"
    return value.isoformat()
