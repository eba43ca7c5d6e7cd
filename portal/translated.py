"""A translated field as SQL: the active language's column with modeltranslation's fallback.

`obj.title` gives the active language with the ky → ru → en fallback in Python; where the value
is needed inside the query (to sort or group by a name, to read a translated field of a related
row through a subquery, to highlight a search match) this builds the same value there: the
first non-empty of the active language's column and the fallbacks.
"""

from django.conf import settings
from django.db.models import F, TextField, Value
from django.db.models.functions import Coalesce, NullIf
from django.utils.translation import get_language


def language_order(language: str | None = None) -> list[str]:
    """The active language first, then the configured fallbacks, each once."""
    active = (language or get_language() or settings.LANGUAGE_CODE).split("-")[0]
    fallbacks = settings.MODELTRANSLATION_FALLBACK_LANGUAGES.get("default", ())
    order = []
    for code in (active, *fallbacks):
        if code in settings.MODELTRANSLATION_LANGUAGES and code not in order:
            order.append(code)
    return order


def translated_column(field: str, prefix: str = "", language: str | None = None):
    """`title` → COALESCE(NULLIF(title_<active>, ''), NULLIF(title_ky, ''), …, '').

    `prefix` reaches a related row's field (`meeting__commission__` + `name`).
    """
    columns = [NullIf(F(f"{prefix}{field}_{code}"), Value("")) for code in language_order(language)]
    return Coalesce(*columns, Value(""), output_field=TextField())
