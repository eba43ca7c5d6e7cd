"""A translated field as SQL, with the same ky → ru → en fallback that `obj.title` gives.

Used where the value is needed inside the query: to sort by a name, or to read a translated
field of a related row through a subquery.
"""

from django.db.models import F, TextField, Value
from django.db.models.functions import Coalesce, NullIf
from django.utils.translation import get_language
from modeltranslation.utils import resolution_order


def fallback_column(field: str, prefix: str = ""):
    """`title` → COALESCE(NULLIF(title_<active>, ''), NULLIF(title_<fallback>, ''), …, '')."""
    languages = resolution_order(get_language() or "ky")
    columns = [NullIf(F(f"{prefix}{field}_{code}"), Value("")) for code in languages]
    return Coalesce(*columns, Value(""), output_field=TextField())
