"""The REST API's base viewset (DESIGN.md section 8) and its error handling.

Every resource's viewset names its model, serializer and FilterSet; this class does the rest the
same way for all of them: visibility, language, body size, conditional GET, CSV for lists.
Authentication, permissions and throttles are in `api_access`; pages, filters and CSV in
`api_lists` (DRF imports those while it loads its own views, so they cannot live here).
Nothing here imports an app.
"""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import IntegrityError
from django.db.models import ProtectedError, RestrictedError
from django.http import Http404
from django.utils import timezone, translation
from django.utils.cache import (
    get_conditional_response,
    patch_vary_headers,
    set_response_etag,
)
from django.utils.http import http_date
from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions, serializers, status, viewsets
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from portal.core import kept_answers
from portal.core.api_lists import CSVRenderer
from portal.core.api_rows import plan_for

# --- Errors ---------------------------------------------------------------------------------


class Conflict(exceptions.APIException):
    status_code = status.HTTP_409_CONFLICT
    default_detail = _("This change conflicts with other records.")
    default_code = "conflict"


class PayloadTooLarge(exceptions.APIException):
    status_code = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
    default_code = "payload_too_large"

    def __init__(self):
        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        super().__init__(_("The request body is larger than %(limit)s bytes.") % {"limit": limit})


def exception_handler(exc, context):
    """DRF's handler, plus the errors of the model layer turned into 400/409 instead of 500."""
    if isinstance(exc, DjangoValidationError):
        exc = exceptions.ValidationError(serializers.as_serializer_error(exc))
    elif isinstance(exc, (ProtectedError, RestrictedError)):
        referring = exc.protected_objects if isinstance(exc, ProtectedError) else exc.restricted_objects
        names = sorted({str(obj._meta.verbose_name_plural) for obj in referring})
        exc = Conflict(
            _("It cannot be deleted while other records refer to it: %(what)s.") % {"what": ", ".join(names)}
        )
    elif isinstance(exc, IntegrityError):
        exc = Conflict()
    response = drf_exception_handler(exc, context)
    if response is not None and isinstance(exc, exceptions.Throttled):
        response.data = {"detail": str(exc.detail)}
    if response is not None:
        response.data = encodable(response.data)
    return response


def encodable(detail):
    """Error details, with any lone surrogate escaped. A message may quote the input ("“…” is not
    a valid choice"), a field name may be the input (an unknown field), and JSON can carry a lone
    surrogate ("\\ud800") that no UTF-8 answer can: unescaped, the 400 would become a 500."""
    if isinstance(detail, dict):
        return {encodable(key): encodable(value) for key, value in detail.items()}
    if isinstance(detail, list):
        return [encodable(item) for item in detail]
    if isinstance(detail, str):
        try:
            detail.encode("utf-8")
        except UnicodeEncodeError:
            escaped = detail.encode("utf-8", "backslashreplace").decode("utf-8")
            return exceptions.ErrorDetail(escaped, code=getattr(detail, "code", None))
    return detail


# --- The base viewset -----------------------------------------------------------------------


class PortalViewSet(viewsets.ModelViewSet):
    """List, detail, create, update, partial update and delete of one model.

    The queryset is always `Model.objects.visible_to(request.user).for_list()`, so a row the
    caller may not see is absent from lists, counts and CSV and is a 404 on detail. Subclasses
    set `queryset` (for the model), `serializer_class` and `filterset_class`.
    """

    queryset = None
    lookup_value_regex = r"[0-9]+"
    # List pages read as rows and shaped by portal/core/api_rows.py: the same JSON as the
    # serializer's, in a fraction of the time (bench/README.md). Details and writes never.
    row_plan = True

    def list(self, request, *args, **kwargs):
        # An anonymous caller's answer may be one kept from before (portal/core/kept_answers.py).
        key = kept_answers.list_key(request, self.queryset.model)
        if key is not None and (data := kept_answers.read(key)) is not None:
            return Response(data)
        if not self.row_plan:
            response = super().list(request, *args, **kwargs)
        else:
            plan = plan_for(self.get_serializer_class())
            queryset = self.filter_queryset(self.get_queryset())
            page = self.paginate_queryset(plan.values(queryset))
            rows = plan.represent(page, queryset, self.get_serializer_context())
            response = self.get_paginated_response(rows)
        if key is not None and response.status_code == status.HTTP_200_OK:
            kept_answers.keep(key, response.data)
        return response

    def get_queryset(self):
        # for_list() joins related rows whose names the HTML list shows; the API shows relations
        # as ids (read from the row itself), so it leaves those joins out. Prefetches stay.
        return self.queryset.model.objects.visible_to(self.request.user).for_list().select_related(None)

    def annotate_rows(self, queryset):
        """What the rows shown need beyond the list's filter, e.g. whether a linked agreement may
        be seen; applied to the page (not to its count), to a detail and to a written row."""
        return queryset

    def get_object(self):
        # Detail and writes find the row among the visible ones; list filters do not apply.
        queryset = self.annotate_rows(self.get_queryset())
        try:
            obj = queryset.get(pk=int(self.kwargs["pk"]))
        except (queryset.model.DoesNotExist, ValueError, OverflowError):
            raise Http404 from None
        self.check_object_permissions(self.request, obj)
        return obj

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        # Offset pagination needs a total order: break ties by id.
        ordering = list(queryset.query.order_by) or list(queryset.model._meta.ordering)
        if not any(str(term).lstrip("-") in ("pk", "id") for term in ordering):
            queryset = queryset.order_by(*ordering, "pk")
        return queryset

    def get_renderers(self):
        renderers = super().get_renderers()
        if getattr(self, "action", None) != "list":
            renderers = [r for r in renderers if not isinstance(r, CSVRenderer)]
        return renderers

    # Request checks before anything is parsed: language, then body size.
    def initial(self, request, *args, **kwargs):
        self.activate_language(request)
        length = request.META.get("CONTENT_LENGTH") or "0"
        if length.isdigit() and int(length) > settings.DATA_UPLOAD_MAX_MEMORY_SIZE:
            raise PayloadTooLarge()
        super().initial(request, *args, **kwargs)

    @staticmethod
    def activate_language(request):
        lang = request.query_params.get("lang")
        if lang is None:
            return
        codes = [code for code, _name in settings.LANGUAGES]
        if lang not in codes:
            raise exceptions.ValidationError(
                {"lang": [_("Expected one of: %(codes)s.") % {"codes": ", ".join(codes)}]}
            )
        translation.activate(lang)
        request.LANGUAGE_CODE = lang

    # Writes answer with the row as a list would show it (annotations such as status included).
    def reload(self, instance):
        return self.annotate_rows(self.get_queryset()).get(pk=instance.pk)

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        instance = self.reload(serializer.save())
        data = self.get_serializer(instance).data
        return Response(data, status=status.HTTP_201_CREATED, headers={"Location": data.get("url", "")})

    def update(self, request, *args, **kwargs):
        partial = kwargs.pop("partial", False)
        serializer = self.get_serializer(self.get_object(), data=request.data, partial=partial)
        serializer.is_valid(raise_exception=True)
        instance = self.reload(serializer.save())
        return Response(self.get_serializer(instance).data)

    def last_modified(self, response):
        """A detail's Last-Modified: its `updated_at`; subclasses may make it later."""
        instance = getattr(self, "_detail_instance", None)
        return getattr(instance, "updated_at", None)

    def retrieve(self, request, *args, **kwargs):
        self._detail_instance = self.get_object()
        return Response(self.get_serializer(self._detail_instance).data)

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        patch_vary_headers(response, ("Accept-Language", "Authorization", "Cookie"))
        if response.status_code >= 400 and isinstance(
            getattr(response, "accepted_renderer", None), CSVRenderer
        ):
            # Errors are JSON whatever format the rows were asked in.
            response.accepted_renderer = JSONRenderer()
            response.accepted_media_type = JSONRenderer.media_type
        if isinstance(getattr(response, "accepted_renderer", None), CSVRenderer):
            name = self.queryset.model._meta.model_name
            response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
        if request.method in ("GET", "HEAD") and response.status_code == status.HTTP_200_OK:
            return self.conditional(request, response)
        return response

    def conditional(self, request, response):
        """ETag from the body (and Last-Modified on detail): 304 when the client has it already."""
        response.render()
        set_response_etag(response)
        last_modified = self.last_modified(response)
        if last_modified is not None:
            response["Last-Modified"] = http_date(last_modified.timestamp())
        # Cache-Control (public for anonymous callers, private for keys and sessions) is set for
        # pages and API alike by portal/core/cache_headers.py.
        return get_conditional_response(
            request,
            etag=response.get("ETag"),
            last_modified=int(last_modified.timestamp()) if last_modified is not None else None,
            response=response,
        )


def start_of_today():
    """For rows whose content changes with the date (an agreement's status): not before today."""
    return timezone.make_aware(datetime.datetime.combine(timezone.localdate(), datetime.time.min))
