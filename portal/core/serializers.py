"""The base serializer of the REST API (DESIGN.md section 8): strict input, the model's own rules.

- Translated fields appear as `title` (the active language with fallback, read-only) plus
  `title_ky`, `title_ru`, `title_en` (writable); the list comes from django-modeltranslation.
- Relations are ids plus a `<name>_url` (`<name>_urls` for lists).
- Input is strict: JSON strings for text, integers for integers, booleans for booleans; an
  unknown field is an error, not silently dropped.
- `validate()` runs the model's own `full_clean()` (field validators, check and unique
  constraints), so what the database would refuse is a 400 with a message per field, never an
  IntegrityError.
"""

import copy

from django.conf import settings
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import models
from django.db.models import Q
from django.db.models.constants import LOOKUP_SEP
from django.db.models.sql.query import get_children_from_q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from django_countries.serializers import CountryFieldMixin
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from modeltranslation.translator import NotRegistered, translator
from rest_framework import serializers
from rest_framework.settings import api_settings

LANGUAGE_CODES = tuple(code for code, _name in settings.LANGUAGES)


def translated_fields(model) -> tuple[str, ...]:
    try:
        return tuple(translator.get_options_for_model(model).all_fields)
    except NotRegistered:
        return ()


def object_url(request, view_name: str, pk) -> str:
    """The absolute URL of a detail endpoint; the prefix is reversed once per request and name."""
    cache = request.__dict__.setdefault("_portal_url_prefixes", {})
    prefix = cache.get(view_name)
    if prefix is None:
        sample = reverse(view_name, kwargs={"pk": 0})
        assert sample.endswith("/0/"), sample
        prefix = request.build_absolute_uri(sample[: -len("0/")])
        cache[view_name] = prefix
    return f"{prefix}{pk}/"


# --- Strict fields --------------------------------------------------------------------------


def _is_clean_text(value) -> bool:
    if not isinstance(value, str):
        return False
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate, which PostgreSQL cannot store
        return False
    return True


class StrictTextMixin:
    default_error_messages = {"invalid": _("Not a valid string.")}

    def to_internal_value(self, data):
        if not _is_clean_text(data):
            self.fail("invalid")
        return super().to_internal_value(data)


class StrictCharField(StrictTextMixin, serializers.CharField):
    pass


class StrictURLField(StrictTextMixin, serializers.URLField):
    pass


class StrictSlugField(StrictTextMixin, serializers.SlugField):
    pass


class StrictEmailField(StrictTextMixin, serializers.EmailField):
    pass


class StrictIntegerField(serializers.IntegerField):
    def to_internal_value(self, data):
        if isinstance(data, bool) or not isinstance(data, int):
            self.fail("invalid")
        return super().to_internal_value(data)


class StrictBooleanField(serializers.BooleanField):
    def to_internal_value(self, data):
        if not isinstance(data, bool):
            self.fail("invalid", input=data)
        return data


class StrictDateField(serializers.DateField):
    def to_internal_value(self, value):
        if not isinstance(value, str):
            self.fail("invalid", format="YYYY-MM-DD")
        return super().to_internal_value(value)


class StrictDecimalField(serializers.DecimalField):
    """A decimal given as a JSON number or a string (output is a string, exact)."""

    def to_internal_value(self, data):
        if isinstance(data, bool) or not isinstance(data, (str, int, float)):
            self.fail("invalid")
        return super().to_internal_value(data)


class StrictPrimaryKeyRelatedField(serializers.PrimaryKeyRelatedField):
    def to_internal_value(self, data):
        if isinstance(data, bool) or not isinstance(data, int):
            self.fail("incorrect_type", data_type=type(data).__name__)
        if data < 1 or data > 2**63 - 1:
            self.fail("does_not_exist", pk_value=data)
        return super().to_internal_value(data)


STRICT_FIELDS = {
    serializers.CharField: StrictCharField,
    serializers.URLField: StrictURLField,
    serializers.SlugField: StrictSlugField,
    serializers.EmailField: StrictEmailField,
    serializers.IntegerField: StrictIntegerField,
    serializers.BooleanField: StrictBooleanField,
    serializers.DateField: StrictDateField,
    serializers.DecimalField: StrictDecimalField,
}


class TranslatedTextField(serializers.CharField):
    """`title`: the active language with fallback ky → ru → en; empty text, never null."""

    def __init__(self, **kwargs):
        kwargs["read_only"] = True
        super().__init__(**kwargs)

    def get_attribute(self, instance):
        return super().get_attribute(instance) or ""


# --- Relations as ids plus urls -------------------------------------------------------------


@extend_schema_field(OpenApiTypes.URI)
class RelatedURLField(serializers.Field):
    """`<name>_url`: the detail URL of a to-one relation, read from `<name>_id` (no query); with
    source="pk", the row's own `url`. Unlike DRF's hyperlinked fields it never carries `?format=`.
    """

    def __init__(self, view_name: str, **kwargs):
        self.view_name = view_name
        kwargs["read_only"] = True
        kwargs.setdefault("allow_null", kwargs.get("source") != "pk")
        super().__init__(**kwargs)

    def get_attribute(self, instance):
        return getattr(instance, self.source_attrs[-1], None)

    def to_representation(self, pk):
        if pk is None:
            return None
        return object_url(self.context["request"], self.view_name, pk)


class RelatedURLListField(serializers.ListField):
    """`<name>_urls`: the detail URLs of a to-many relation (prefetched by `for_list()`)."""

    def __init__(self, view_name: str, **kwargs):
        self.view_name = view_name
        kwargs["read_only"] = True
        kwargs["child"] = serializers.URLField()
        super().__init__(**kwargs)

    def to_representation(self, manager):
        request = self.context["request"]
        return [object_url(request, self.view_name, obj.pk) for obj in manager.all()]


class RowListSerializer(serializers.ListSerializer):
    """Nested rows whose errors come as one object per row, empty for the rows that were right:
    `{"signatories": [{}, {"person": ["..."]}]}` (DRF's own format is keyed by index).
    """

    def to_internal_value(self, data):
        try:
            return super().to_internal_value(data)
        except serializers.ValidationError as exc:
            detail = exc.detail
            if isinstance(detail, dict) and detail and all(isinstance(key, int) for key in detail):
                raise serializers.ValidationError([detail.get(i, {}) for i in range(len(data))]) from exc
            raise


class AgreementLinkMixin:
    """Leaves out links to agreements that the caller may not see (`<field>_visible` is annotated
    by agreements.api.views.hide_links; portal/core/api_rows.py applies the same rule to rows)."""

    agreement_links: tuple[str, ...] = ()

    def to_representation(self, instance):
        data = super().to_representation(instance)
        for field in self.agreement_links:
            if not getattr(instance, f"{field}_visible", True):
                data[field] = data[f"{field}_url"] = None
        return data


# --- The base serializer --------------------------------------------------------------------


class PortalModelSerializer(CountryFieldMixin, serializers.ModelSerializer):
    """Subclasses list base field names in Meta.fields; translated ones expand to four fields."""

    serializer_related_field = StrictPrimaryKeyRelatedField

    # Model fields left out of full_clean() (e.g. the parent of a nested row, set on save).
    validation_exclude: tuple[str, ...] = ()

    def get_field_names(self, declared_fields, info):
        names = super().get_field_names(declared_fields, info)
        translated = set(translated_fields(self.Meta.model))
        expanded = []
        for name in names:
            expanded.append(name)
            if name in translated:
                expanded.extend(f"{name}_{code}" for code in LANGUAGE_CODES)
        return expanded

    def build_standard_field(self, field_name, model_field):
        if field_name in translated_fields(self.Meta.model):
            kwargs = {"label": model_field.verbose_name}
            if model_field.help_text:
                kwargs["help_text"] = model_field.help_text
            return TranslatedTextField, kwargs
        field_class, kwargs = super().build_standard_field(field_name, model_field)
        if isinstance(model_field, CountryField) and model_field.multiple:
            # django-countries' mapping drops "required"; a blank list of countries is allowed.
            kwargs["required"] = not model_field.blank
            kwargs["allow_empty"] = model_field.blank
        strict = STRICT_FIELDS.get(field_class)
        if strict is not None:
            field_class = strict
        return field_class, kwargs

    def to_internal_value(self, data):
        if not isinstance(data, dict):
            raise serializers.ValidationError(
                {api_settings.NON_FIELD_ERRORS_KEY: [_("Expected a JSON object.")]}, code="invalid"
            )
        unknown = sorted(set(data) - set(self.fields))
        errors = {}
        if unknown:
            errors = {name: [_("Unknown field.")] for name in unknown}
        try:
            value = super().to_internal_value(data)
        except serializers.ValidationError as exc:
            raise serializers.ValidationError({**errors, **exc.detail}) from exc
        if errors:
            raise serializers.ValidationError(errors)
        return value

    def validate(self, attrs):
        attrs = super().validate(attrs)
        self.run_model_validation(attrs)
        return attrs

    def model_attrs(self, attrs) -> dict:
        """The attributes that are plain model fields (not to-many relations or nested rows)."""
        model = self.Meta.model
        concrete = {f.name for f in model._meta.concrete_fields}
        return {key: value for key, value in attrs.items() if key in concrete}

    def run_model_validation(self, attrs):
        model = self.Meta.model
        instance = copy.copy(self.instance) if self.instance is not None else model()
        for key, value in self.model_attrs(attrs).items():
            setattr(instance, key, value)
        try:
            instance.full_clean(exclude=list(self.validation_exclude))
        except DjangoValidationError as exc:
            raise serializers.ValidationError(self.model_errors(exc)) from exc

    def model_errors(self, exc: DjangoValidationError) -> dict:
        translated = set(translated_fields(self.Meta.model))
        error_dict = getattr(exc, "error_dict", None) or {"__all__": exc.error_list}
        errors = {}
        constraint_fields = self.constraint_fields()
        for key, error_list in error_dict.items():
            for error in error_list:
                name = key
                if key == "__all__":
                    # A check constraint's error belongs to the field it is about.
                    name = constraint_fields.get(str(error.message), api_settings.NON_FIELD_ERRORS_KEY)
                if key in translated and error.code in ("blank", "null", "required"):
                    # The base column of a translated field takes whichever language is given.
                    languages = ", ".join(f"{key}_{code}" for code in LANGUAGE_CODES)
                    messages = [_("Give it in at least one language (%(fields)s).") % {"fields": languages}]
                else:
                    messages = error.messages
                errors.setdefault(name, []).extend(str(message) for message in messages)
        return errors

    def constraint_fields(self) -> dict[str, str]:
        """{violation message: field} for the model's check constraints."""
        found = {}
        for constraint in self.Meta.model._meta.constraints:
            if isinstance(constraint, models.CheckConstraint):
                # The first field the condition names, e.g. expires_on in "expires_on >= signed_on".
                fields = [
                    name.split(LOOKUP_SEP, 1)[0]
                    for name in get_children_from_q(Q(constraint.condition))
                    if name.split(LOOKUP_SEP, 1)[0] not in ("id", "pk")
                ]
                if fields:
                    found[str(constraint.get_violation_error_message())] = fields[0]
        return found
