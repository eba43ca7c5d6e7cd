"""How the API describes itself in OpenAPI 3 (drf-spectacular): the key scheme, the `lang`
parameter, CSV as text, and the error responses that every operation may give.
"""

import django_filters
from django.conf import settings
from drf_spectacular.contrib.django_filters import DjangoFilterExtension
from drf_spectacular.drainage import has_override, set_override
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter
from rest_framework import serializers
from rest_framework.permissions import SAFE_METHODS

API_KEY_DESCRIPTION = (
    "An API key sent as `Authorization: Api-Key <key>` (type the whole value, including "
    "`Api-Key `, into the box). A key belongs either to a partner organisation (it reads public "
    "records and the internal records where that organisation is a party) or to a user account "
    "(it acts with that user's rights). An unknown, malformed, revoked or expired key is a 401."
)


class APIKeyScheme(OpenApiAuthenticationExtension):
    target_class = "portal.core.api_access.APIKeyAuthentication"
    name = "ApiKeyAuth"

    def get_security_definition(self, auto_schema):
        return {"type": "apiKey", "in": "header", "name": "Authorization", "description": API_KEY_DESCRIPTION}


class PortalFilterExtension(DjangoFilterExtension):
    """Types for the shared FilterSets' filters that drf-spectacular cannot guess: a related row
    picked by id (or by slug), and choices given as a function (the country list).
    """

    target_class = "portal.core.api_lists.PortalFilterBackend"
    priority = 1

    def resolve_filter_field(self, auto_schema, model, filterset_class, field_name, filter_field):
        if not has_override(filter_field, "field"):
            if isinstance(filter_field, django_filters.ModelChoiceFilter):
                by_slug = filter_field.extra.get("to_field_name") not in (None, "pk", "id")
                set_override(filter_field, "field", OpenApiTypes.STR if by_slug else OpenApiTypes.INT)
            elif isinstance(filter_field, django_filters.ChoiceFilter) and callable(
                filter_field.extra.get("choices")
            ):
                choices = [str(code) for code, _label in filter_field.extra["choices"]()]
                set_override(filter_field, "field", {"type": "string", "enum": choices})
        return super().resolve_filter_field(auto_schema, model, filterset_class, field_name, filter_field)


class ErrorSerializer(serializers.Serializer):
    detail = serializers.CharField(help_text="What went wrong.")


VALIDATION_ERROR_SCHEMA = {
    "type": "object",
    "description": (
        "A message list per field that was wrong (`non_field_errors` for the object as a whole). "
        "Nested rows answer with one object per row, empty for the rows that were right, e.g. "
        '`{"signatories": [{}, {"person": ["Invalid pk \\"9\\" - object does not exist."]}]}`.'
    ),
    "additionalProperties": {},
}

ERROR_DESCRIPTIONS = {
    "400": "Bad input: malformed JSON, a wrong type, an unknown field, an impossible date, a value too "
    "long or out of range, an invalid filter, `limit`, `offset` or `lang`.",
    "401": "A missing (for writes), unknown, malformed, revoked or expired API key.",
    "403": "The caller may not do this (partner keys and staff never write).",
    "404": "No such row, or one the caller may not see; or an unknown `format`.",
    "409": "The row cannot be deleted or changed because other rows refer to it.",
    "413": "The request body is larger than 1 MB.",
    "415": "The request body is not JSON.",
    "429": "Too many requests for this key or address; retry after `Retry-After` seconds.",
}


class PortalAutoSchema(AutoSchema):
    def get_override_parameters(self):
        parameters = list(super().get_override_parameters())
        codes = [code for code, _name in settings.LANGUAGES]
        parameters.append(
            OpenApiParameter(
                "lang",
                str,
                OpenApiParameter.QUERY,
                enum=codes,
                description=(
                    "Language of the translated fields (`title` etc.) and of messages; without it, "
                    "the `Accept-Language` header decides."
                ),
            )
        )
        return parameters

    def get_auth(self):
        auths = super().get_auth()
        if self.method in SAFE_METHODS and {} not in auths:
            auths.append({})  # anyone may read
        return auths

    def error_codes(self) -> list[str]:
        codes = ["400", "401", "429"]
        if self.method not in SAFE_METHODS:
            codes += ["403", "413", "415"]
        if self.method == "GET" or "{" in self.path:
            codes.append("404")
        if self.method in ("PUT", "PATCH", "DELETE"):
            codes.append("409")
        return sorted(codes)

    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        for response in responses.values():
            content = response.get("content", {})
            if "text/csv" in content:
                content["text/csv"] = {"schema": {"type": "string", "description": "The rows as CSV."}}
        for code in self.error_codes():
            if code in responses:
                continue
            schema = VALIDATION_ERROR_SCHEMA if code == "400" else ErrorSerializer
            body = self._get_response_for_code(schema, code, media_types=["application/json"])
            body["description"] = ERROR_DESCRIPTIONS[code]
            responses[code] = body
        return responses
