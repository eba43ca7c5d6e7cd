"""How API lists are cut, filtered and written out: limit/offset pages, the shared FilterSets
with related choices cut to what the caller may see, and `?format=csv`.

Kept apart from the viewsets because DRF imports these classes while it loads its own views.
"""

import csv
import io
import json

from django.utils.translation import gettext_lazy as _
from django_filters.rest_framework import DjangoFilterBackend
from rest_framework import exceptions
from rest_framework.pagination import LimitOffsetPagination
from rest_framework.renderers import BaseRenderer

# --- Pagination -----------------------------------------------------------------------------


class PortalPagination(LimitOffsetPagination):
    """`limit`/`offset` (default 50, at most 500) with `count`, `next`, `previous`, `results`.
    A limit or offset that is not a whole number in range is a 400, not a silent default.
    """

    default_limit = 50
    max_limit = 500
    max_offset = 10**15

    def parse(self, request, name, maximum):
        raw = request.query_params.get(name)
        if raw is None or raw == "":
            return None
        low = 1 if name == self.limit_query_param else 0
        high = maximum or self.max_offset
        if not (raw.isascii() and raw.isdigit() and len(raw) <= 18 and low <= int(raw) <= high):
            raise exceptions.ValidationError(
                {name: [_("Expected a whole number from %(low)s to %(high)s.") % {"low": low, "high": high}]}
            )
        return int(raw)

    def paginate_queryset(self, queryset, request, view=None):
        # The count runs on the filtered rows alone; what only the page's rows need (annotations
        # through joins, see PortalViewSet.annotate_rows) is added after, so it cannot slow it.
        self.count_queryset = queryset
        if view is not None and hasattr(view, "annotate_rows"):
            queryset = view.annotate_rows(queryset)
        return super().paginate_queryset(queryset, request, view)

    def get_count(self, queryset):
        return super().get_count(getattr(self, "count_queryset", queryset))

    def get_limit(self, request):
        value = self.parse(request, self.limit_query_param, self.max_limit)
        return self.default_limit if value is None else value

    def get_offset(self, request):
        return self.parse(request, self.offset_query_param, None) or 0

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            if parameter["name"] == self.limit_query_param:
                parameter["schema"].update(
                    {"minimum": 1, "maximum": self.max_limit, "default": self.default_limit}
                )
                parameter["description"] = str(
                    _("Number of results per page (1 to %(max)s, default %(default)s).")
                    % {"max": self.max_limit, "default": self.default_limit}
                )
            else:
                parameter["schema"].update({"minimum": 0, "maximum": self.max_offset, "default": 0})
        return parameters


# --- Formats --------------------------------------------------------------------------------


def _csv_cell(value):
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        if all(not isinstance(item, (dict, list)) for item in value):
            return "; ".join("" if item is None else str(item) for item in value)
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    text = str(value)
    # A cell that a spreadsheet would run as a formula is quoted (CSV injection).
    if text[:1] in ("=", "+", "-", "@", "\t", "\r"):
        text = "'" + text
    return text


class CSVRenderer(BaseRenderer):
    """`?format=csv` on a list: the same rows as the JSON `results`, one column per field."""

    media_type = "text/csv"
    format = "csv"
    charset = "utf-8"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        if data is None:
            return b""
        rows = data.get("results", [data]) if isinstance(data, dict) else data
        view = (renderer_context or {}).get("view")
        if rows:
            header = list(rows[0].keys())
        elif view is not None:
            header = list(view.get_serializer().fields.keys())
        else:
            header = []
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\r\n")
        writer.writerow(header)
        for row in rows:
            writer.writerow([_csv_cell(row.get(name)) for name in header])
        return out.getvalue().encode("utf-8")


# --- Filtering ------------------------------------------------------------------------------


class PortalFilterBackend(DjangoFilterBackend):
    """The shared FilterSet, with choice lists of related rows cut to what the caller may see:
    `?agreement=<id of a hidden agreement>` is "not one of the available choices", as for an id
    that does not exist, so a filter cannot reveal a hidden row either.
    """

    def get_filterset(self, request, queryset, view):
        filterset = super().get_filterset(request, queryset, view)
        if filterset is None:
            return None
        for filter_ in filterset.filters.values():
            related = getattr(filter_, "queryset", None)
            if related is not None and not callable(related) and hasattr(related, "visible_to"):
                filter_.queryset = related.visible_to(request.user)
                filter_.__dict__.pop("_field", None)  # a form field built before would keep the old choices
        return filterset
