"""The base FilterSet shared by every HTML list and API list (DESIGN.md principle 3).

One FilterSet per model, the same parameter names on both sides. Full-text `q` searches the
row's own generated `search_vector` (one GIN index) in the three language configurations, and,
where a model names `trigram_fields`, adds trigram word similarity so that a typo or another
spelling still finds the row. It never joins to-many relations, which is what made NetBox's `q`
slow.
"""

import django_filters
from django import forms
from django.contrib.postgres.search import SearchQuery
from django.db.models import OrderBy, Q
from django.utils.translation import gettext_lazy as _

from portal.translated import translated_column

# The language configurations of the generated search columns: ky has no stemmer in PostgreSQL.
SEARCH_CONFIG_BY_LANGUAGE = {"ky": "simple", "ru": "russian", "en": "english"}
SEARCH_CONFIGS = tuple(SEARCH_CONFIG_BY_LANGUAGE.values())
MAX_QUERY_LENGTH = 200


def full_text_query(value: str) -> SearchQuery:
    query = None
    for config in SEARCH_CONFIGS:
        part = SearchQuery(value, config=config, search_type="websearch")
        query = part if query is None else query | part
    return query


class TranslatedOrderingFilter(django_filters.OrderingFilter):
    """Sorts the `translated` fields by the value shown: the active language with its fallback.

    As the HTML lists do (portal.core.views.stable_order), so that the API sorts the same way
    and one set of indexes on that expression (the agreements' titles) serves both. Left to
    modeltranslation, `title` would sort by the active language's column alone, where a row
    without that translation is an empty string and comes first.
    """

    def __init__(self, *args, translated: tuple[str, ...] = (), **kwargs):
        self.translated = frozenset(translated)
        super().__init__(*args, **kwargs)

    def get_ordering_value(self, param):
        value = super().get_ordering_value(param)
        name = value.lstrip("-")
        if name in self.translated:
            return OrderBy(translated_column(name), descending=value.startswith("-"))
        return value


class IdListFilter(django_filters.BaseInFilter, django_filters.NumberFilter):
    """`?id=3,5,8`: whole numbers only, so `?id=abc` is a clear error, not a failed query."""

    field_class = forms.IntegerField


def has_search_vector(model) -> bool:
    """Whether the model keeps a generated, indexed `search_vector` (else one is built in SQL)."""
    return any(field.name == "search_vector" for field in model._meta.concrete_fields)


class PortalFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(
        method="filter_q",
        label=_("Search"),
        max_length=MAX_QUERY_LENGTH,
    )
    id = IdListFilter(field_name="id", label=_("IDs (comma-separated)"), min_value=1, max_value=2**63 - 1)

    # Subclasses set the translated name columns to match by trigram similarity; a model's own
    # generated `search_vector`, where it has one, is matched by full text.
    trigram_fields: tuple[str, ...] = ()

    def filter_q(self, queryset, name, value):
        value = value.replace("\x00", "").strip()
        if not value:
            return queryset
        condition = Q()
        if has_search_vector(queryset.model):
            condition |= Q(search_vector=full_text_query(value))
        for field in self.trigram_fields:
            condition |= Q(**{f"{field}__trigram_word_similar": value})
        if not condition:
            return queryset
        return queryset.filter(condition)


def translated(field: str) -> tuple[str, ...]:
    return (f"{field}_ky", f"{field}_ru", f"{field}_en")
