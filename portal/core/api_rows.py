"""API list pages read as plain rows and shaped by a plan compiled from the serializer.

DRF's serializers read every field of every row one attribute at a time, through model
instances, modeltranslation's descriptors and prefetch caches: a page of 50 agreements with
their parties, signatories and topics is about 400 model instances and 4,000 field reads,
several times the SQL's own time (bench/README.md). A list viewset that sets `row_plan = True`
fetches the page with `values()` and each embedded relation with one more `values()` query, then
builds the JSON from a plan made once per serializer class: each field's column and the same
`to_representation` DRF calls on it. Details, writes and viewsets without the flag keep the
serializer; tests/api/test_row_plan.py holds both paths to the same output for every role and
language, so a field the plan would render otherwise is a failing test, and a field it does not
know is an error when the plan is built.

Embedded relations are fetched from the same querysets the viewset prefetches (a `Prefetch`'s
own queryset, or the related model's default manager), so their order and rows are the same.
"""

from functools import cache

from django.core.exceptions import ImproperlyConfigured
from django.db import models
from django.db.models import F
from django.utils.translation import get_language
from rest_framework import serializers

from portal.translated import language_order

from .serializers import (
    LANGUAGE_CODES,
    RelatedURLField,
    RelatedURLListField,
    TranslatedTextField,
    object_url,
    translated_fields,
)

OWNER = "_row_plan_owner"  # the column naming the row a related row belongs to


class Relation:
    """A to-many relation that fields of the plan embed: fetched once per page."""

    def __init__(self, model, name: str, child_plan=None):
        self.name = name
        self.field = model._meta.get_field(name)
        self.child_plan = child_plan

    def base_queryset(self, queryset):
        for lookup in queryset._prefetch_related_lookups:
            if isinstance(lookup, models.Prefetch) and lookup.prefetch_to == self.name:
                if lookup.queryset is not None:
                    return lookup.queryset
            elif lookup == self.name:
                break
        return self.field.related_model._default_manager.all()

    def fetch(self, queryset, owner_ids, context) -> dict:
        """{owner id: [represented row or id, ...]} in the order the prefetch would give."""
        # A many-to-many field of this model: the other side's name for it; a reverse relation:
        # the other model's field pointing here.
        forward = isinstance(self.field, models.ManyToManyField)
        back = self.field.related_query_name() if forward else self.field.field.name
        rows = self.base_queryset(queryset).filter(**{f"{back}__in": owner_ids})
        found: dict = {pk: [] for pk in owner_ids}
        if self.child_plan is None:
            for owner, pk in rows.annotate(**{OWNER: F(back)}).values_list(OWNER, "pk"):
                found[owner].append(pk)
            return found
        values = rows.annotate(**{OWNER: F(back)}).values(*self.child_plan.columns, OWNER)
        order = language_order(get_language())
        for row in values:
            found[row[OWNER]].append(self.child_plan.represent_one(row, context, {}, order))
        return found


class RowPlan:
    """How one serializer turns a `values()` row into its representation."""

    def __init__(self, serializer_class):
        serializer = serializer_class(context={})
        model = serializer.Meta.model
        concrete = {field.name: field for field in model._meta.concrete_fields}
        translated = set(translated_fields(model))
        self.serializer = serializer
        self.columns: list[str] = []
        self.relations: dict[str, Relation] = {}
        self.annotations: list[str] = []
        self.steps = []
        for name, field in serializer.fields.items():
            if field.write_only:
                continue
            source = field.source
            if isinstance(field, TranslatedTextField) and source in translated:
                self.steps.append((name, "translated", source, None))
                self._need(*(f"{source}_{code}" for code in LANGUAGE_CODES))
            elif isinstance(field, RelatedURLField):
                column = "id" if source == "pk" else source
                self.steps.append((name, "url", column, field.view_name))
                self._need(column)
            elif isinstance(field, RelatedURLListField):
                self._relation(model, source)
                self.steps.append((name, "urls", source, field.view_name))
            elif isinstance(field, serializers.ManyRelatedField):
                self._relation(model, source)
                self.steps.append((name, "ids", source, None))
            elif isinstance(field, serializers.ListSerializer):
                child = RowPlan(type(field.child))
                if child.relations or child.annotations or child.agreement_links:
                    raise ImproperlyConfigured(f"{serializer_class.__name__}.{name}: rows nested too deep")
                self._relation(model, source, child)
                self.steps.append((name, "rows", source, None))
            elif isinstance(field, serializers.RelatedField) and source in concrete:
                column = concrete[source].attname
                self.steps.append((name, "value", column, None))
                self._need(column)
            elif isinstance(field, serializers.Serializer):
                raise ImproperlyConfigured(f"{serializer_class.__name__}.{name}: nested objects not planned")
            elif source in concrete and not concrete[source].is_relation:
                model_field = concrete[source]
                if getattr(model_field, "multiple", False):
                    # A list kept in one column (django-countries' `multiple`): values() gives
                    # the column's text, the serializer wants the list the model would hold.
                    self.steps.append((name, "list", source, (model_field, field)))
                else:
                    self.steps.append((name, "field", source, field))
                self._need(source)
            elif field.read_only and source not in concrete and "." not in source:
                # An annotation of the viewset's queryset, e.g. an agreement's status: checked
                # against the queryset in values().
                self.steps.append((name, "field", source, field))
                self.annotations.append(source)
            else:
                raise ImproperlyConfigured(
                    f"{serializer_class.__name__}.{name}: the row plan does not know this field"
                )
        self.agreement_links = tuple(getattr(serializer, "agreement_links", ()))

    def _need(self, *columns):
        self.columns.extend(column for column in columns if column not in self.columns)

    def _relation(self, model, name, child_plan=None):
        if name not in self.relations:
            self.relations[name] = Relation(model, name, child_plan)
            self._need("id")

    def values(self, queryset):
        """The page's rows as dicts: the plan's columns plus the annotations its fields show."""
        missing = [name for name in self.annotations if name not in queryset.query.annotations]
        if missing:
            raise ImproperlyConfigured(f"the queryset does not annotate {missing}")
        return queryset.prefetch_related(None).values(*self.columns, *self.annotations)

    def represent(self, rows, queryset, context) -> list[dict]:
        rows = list(rows)
        ids = [row["id"] for row in rows] if self.relations else []
        embedded = {name: relation.fetch(queryset, ids, context) for name, relation in self.relations.items()}
        order = language_order(get_language())
        return [self.represent_one(row, context, embedded, order) for row in rows]

    def represent_one(self, row, context, embedded, order) -> dict:
        request = context["request"]
        data = {}
        for name, kind, source, extra in self.steps:
            if kind == "field":
                value = row[source]
                data[name] = None if value is None else extra.to_representation(value)
            elif kind == "list":
                model_field, field = extra
                value = row[source]
                data[name] = None if value is None else field.to_representation(model_field.to_python(value))
            elif kind == "value":
                data[name] = row[source]
            elif kind == "translated":
                data[name] = next((row[f"{source}_{code}"] for code in order if row[f"{source}_{code}"]), "")
            elif kind == "url":
                value = row[source]
                data[name] = None if value is None else object_url(request, extra, value)
            elif kind == "urls":
                data[name] = [object_url(request, extra, pk) for pk in embedded[source][row["id"]]]
            else:  # "ids" and "rows"
                data[name] = embedded[source][row["id"]]
        # As AgreementLinkMixin.to_representation: a link to an agreement the caller may not see.
        for link in self.agreement_links:
            if not row.get(f"{link}_visible", True):
                data[link] = data[f"{link}_url"] = None
        return data


@cache
def plan_for(serializer_class) -> RowPlan:
    return RowPlan(serializer_class)
