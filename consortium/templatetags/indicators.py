"""An indicator's value as the source states it: "more than 4,200", "about 128", "19"."""

from django import template
from django.contrib.humanize.templatetags.humanize import intcomma
from django.utils.translation import gettext_lazy as _

register = template.Library()

# Whole patterns rather than a prefix, so a language can put the qualifier after the number
# (Kyrgyz: "4 200дөн ашык").
QUALIFIED = {
    "about": _("about %(value)s"),
    "more_than": _("more than %(value)s"),
    "less_than": _("less than %(value)s"),
}


def number(value):
    """4200.00 → "4,200" and 2.50 → "2.5", grouped and punctuated for the active language."""
    if value is None:
        return ""
    normalized = value.normalize() if hasattr(value, "normalize") else value
    if normalized == normalized.to_integral_value():
        return intcomma(int(normalized))
    return intcomma(normalized)


@register.filter
def qualified_value(indicator):
    shown = number(indicator.value)
    pattern = QUALIFIED.get(indicator.qualifier)
    return pattern % {"value": shown} if pattern else shown
