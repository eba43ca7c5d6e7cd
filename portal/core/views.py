"""Base list and detail views shared by the apps' pages (DESIGN.md sections 5 and 6).

A list view names its model, FilterSet, template, table headers and export columns; the base
class does the rest the same way for every list: it reads the rows through
`Model.objects.visible_to(user)` (with `for_list()` unless the view reads its own columns),
validates the filter (a bad value is a message at its
field and a 400, never a 500), paginates 25 rows a page, and exports exactly the filtered rows as
CSV or XLSX. A detail view fetches its object through `visible_to(user)`, so a row the viewer may
not see is a 404, like a row that does not exist.
"""

from dataclasses import dataclass

from django import forms
from django.core.exceptions import FieldDoesNotExist
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db.models import F, OrderBy, QuerySet, Subquery
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from modeltranslation.translator import NotRegistered, translator

from portal.core.exports import Column, csv_response, xlsx_response
from portal.core.visibility import is_staff_viewer
from portal.translated import translated_column

PAGE_SIZE = 25
EXPORT_FORMATS = ("csv", "xlsx")

# Date filters render as the browser's date control, which speaks ISO 8601 whatever the language.
DATE_WIDGET_FORMAT = "%Y-%m-%d"


class KeysFirstPaginator(Paginator):
    """A deep page reads the keys of the rows it skips, not the rows: its rows are those whose
    key is among the page's keys, found by a query over the ordering alone (an index walk).
    Without it, page 200 of the agreements read 5,000 rows with their joins to show 25
    (60 ms instead of 17 ms at 100,000 agreements, bench/README.md). Still one query.
    """

    def page(self, number):
        page = super().page(number)
        rows = page.object_list
        if isinstance(rows, QuerySet) and rows.query.low_mark:
            keys = self.object_list.values("pk")[rows.query.low_mark : rows.query.high_mark]
            page.object_list = self.object_list.filter(pk__in=Subquery(keys))
        return page


@dataclass(frozen=True)
class Header:
    """A column heading of a list table; `sort` names the `ordering` value that sorts by it."""

    label: str
    sort: str | None = None


class PortalPageMixin:
    """What every page's template needs besides its own data: the section and breadcrumbs."""

    nav_section = ""

    def get_breadcrumbs(self):
        return []

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["nav_section"] = self.nav_section
        context["breadcrumbs"] = self.get_breadcrumbs()
        return context


class FilteredListView(PortalPageMixin, TemplateView):
    model = None
    filterset_class = None
    template_name = None
    page_size = PAGE_SIZE
    title = ""
    # Filters shown as controls in the panel; any other filter that is set (e.g. `organization`
    # from an organisation's page) is shown as a removable tag, so the panel never renders a
    # select of thousands of rows.
    panel_fields: tuple[str, ...] = ("q",)
    staff_panel_fields: tuple[str, ...] = ()
    headers: tuple[Header, ...] = ()
    # The order the model's Meta gives when no `ordering` is asked for, to mark its heading.
    default_ordering = ""
    export_columns: tuple[Column, ...] = ()
    export_name = "export"

    # --- the rows ---------------------------------------------------------------------------

    def get_queryset(self):
        return self.model._default_manager.visible_to(self.request.user).for_list()

    def get(self, request, *args, **kwargs):
        self.filterset = self.filterset_class(data=request.GET, queryset=self.get_queryset(), request=request)
        form = self.filterset.form
        self.prepare_form(form)
        if not self.filterset.is_valid():
            mark_invalid_fields(form)
            context = self.get_context_data(page_obj=None, object_list=[], result_count=None)
            return self.render_to_response(context, status=400)

        queryset = stable_order(self.filterset.qs)
        export = request.GET.get("export")
        if export in EXPORT_FORMATS:
            return self.export(queryset, export)

        paginator = KeysFirstPaginator(queryset, self.page_size)
        try:
            page = paginator.page(request.GET.get("page") or 1)
        except (PageNotAnInteger, EmptyPage) as error:
            raise Http404(_("There is no such page.")) from error
        context = self.get_context_data(
            page_obj=page, object_list=page.object_list, result_count=paginator.count
        )
        return self.render_to_response(context)

    # --- the filter panel -------------------------------------------------------------------

    def get_panel_fields(self):
        fields = list(self.panel_fields)
        if is_staff_viewer(self.request.user):
            fields += list(self.staff_panel_fields)
        return fields

    def prepare_form(self, form):
        """Give the panel's controls friendly widgets; subclasses narrow choices here."""
        for field in form.fields.values():
            if getattr(field, "empty_label", None) is not None:
                field.empty_label = _("Any")
                if not isinstance(field, forms.ModelChoiceField):
                    # The form's field is a copy whose choice iterator still points at the
                    # class's field; setting the choices again binds them to this one.
                    field.choices = [choice for choice in field.choices if choice[0] != ""]
            if isinstance(field, forms.DateField):
                field.widget.input_type = "date"
                field.widget.format = DATE_WIDGET_FORMAT
            if isinstance(field.widget, forms.TextInput) and field.widget.input_type == "text":
                field.widget.input_type = "search"

    def active_filters(self, form):
        """Filters that are set but have no control in the panel, each with a link removing it."""
        shown = set(self.get_panel_fields())
        tags = []
        data = self.request.GET
        for name, field in form.fields.items():
            if name in shown or not data.get(name):
                continue
            # The sort order is kept by the table's headings; it is listed only when it is wrong.
            if name == "ordering" and name not in form.errors:
                continue
            value = form.cleaned_data.get(name) if form.is_valid() else None
            if value in (None, "", [], ()):
                value = data.get(name)
            elif isinstance(field, forms.ChoiceField) and not isinstance(field, forms.ModelChoiceField):
                value = dict(field.choices).get(value, value)
            elif isinstance(value, list | tuple):
                value = ", ".join(str(item) for item in value)
            tags.append(
                {
                    "name": name,
                    "label": field.label,
                    "value": value,
                    "raw": data.get(name),
                    "auto_id": form[name].auto_id,
                    "errors": form.errors.get(name),
                    "remove_url": self.url_with(**{name: None, "page": None}),
                }
            )
        return tags

    def url_with(self, **changes):
        """This list's URL with some parameters changed (None removes one), the rest kept."""
        params = self.request.GET.copy()
        params.pop("export", None)
        for key, value in changes.items():
            if value is None:
                params.pop(key, None)
            else:
                params[key] = value
        query = params.urlencode()
        return f"{self.request.path}?{query}" if query else self.request.path

    # --- sorting ----------------------------------------------------------------------------

    def header_context(self, form):
        current = ""
        if form.is_valid() and "ordering" in form.fields:
            current = (form.cleaned_data.get("ordering") or [""])[0]
        current = current or self.default_ordering
        headers = []
        for header in self.headers:
            entry = {"label": header.label, "sort": header.sort, "state": None, "url": None}
            if header.sort:
                following = header.sort
                if current == header.sort:
                    entry["state"], following = "ascending", f"-{header.sort}"
                elif current == f"-{header.sort}":
                    entry["state"] = "descending"
                entry["url"] = self.url_with(ordering=following, page=None)
            headers.append(entry)
        return headers

    # --- export -----------------------------------------------------------------------------

    def get_export_columns(self):
        return list(self.export_columns)

    def get_export_queryset(self, queryset):
        """The rows as the export reads them; a list whose columns need related rows can fetch
        them in SQL here instead of as model instances per row."""
        return queryset

    def export(self, queryset, export_format):
        filename = f"{self.export_name}-{timezone.localdate():%Y-%m-%d}"
        columns = self.get_export_columns()
        queryset = self.get_export_queryset(queryset)
        if export_format == "csv":
            return csv_response(queryset, columns, filename)
        return xlsx_response(queryset, columns, filename, sheet_title=str(self.title))

    # --- context ----------------------------------------------------------------------------

    def get_breadcrumbs(self):
        return [{"label": self.title, "url": None}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = self.filterset.form
        panel = self.get_panel_fields()
        context.update(
            title=self.title,
            filterset=self.filterset,
            form=form,
            panel_fields=[form[name] for name in panel if name in form.fields],
            hidden_filters=self.active_filters(form),
            headers=self.header_context(form),
            ordering="" if "ordering" in form.errors else self.request.GET.get("ordering", ""),
            page_size=self.page_size,
        )
        page = context.get("page_obj")
        if page is not None:
            context["page_range"] = page.paginator.get_elided_page_range(
                page.number, on_each_side=2, on_ends=1
            )
        return context


class VisibleDetailView(PortalPageMixin, TemplateView):
    """A detail page whose object comes from `visible_to(user)`: what may not be seen is a 404."""

    model = None
    template_name = None
    context_object_name = "object"
    # The list this page belongs to, for the breadcrumbs.
    list_url_name = ""
    list_title = ""

    def get_queryset(self):
        manager = self.model._default_manager
        queryset = manager.visible_to(self.request.user)
        for_detail = getattr(queryset, "for_detail", None)
        return for_detail() if for_detail else queryset.for_list()

    def get_object(self):
        return get_object_or_404(self.get_queryset(), pk=self.kwargs["pk"])

    def get(self, request, *args, **kwargs):
        self.object = self.get_object()
        return self.render_to_response(self.get_context_data(object=self.object))

    def get_breadcrumbs(self):
        return [
            {"label": self.list_title, "url": reverse(self.list_url_name)},
            {"label": str(self.object), "url": None},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context[self.context_object_name] = self.object
        context["jsonld"] = self.get_jsonld()
        return context

    def get_jsonld(self):
        return None

    def absolute(self, obj_or_url):
        url = obj_or_url if isinstance(obj_or_url, str) else obj_or_url.get_absolute_url()
        return self.request.build_absolute_uri(url)


# --- helpers for querysets ------------------------------------------------------------------


def mark_invalid_fields(form):
    """Point each invalid control at its message, for screen readers (WCAG 3.3.1)."""
    for name in form.errors:
        if name in form.fields:
            widget = form.fields[name].widget
            widget.attrs["aria-invalid"] = "true"
            widget.attrs["aria-describedby"] = f"{form[name].auto_id}-error"
            # A browser's date or number control cannot show "2023-02-30" or "abc"; a text box
            # shows the reader what they typed next to the message about it.
            if getattr(widget, "input_type", None) in ("date", "number"):
                widget.input_type = "text"


def _translated_fields(model):
    try:
        return set(translator.get_options_for_model(model).all_fields)
    except NotRegistered:
        return set()


def stable_order(queryset):
    """Order translated names with the language fallback, and add the primary key as tie-break.

    modeltranslation turns `order_by("name")` into the active language's column, where an
    untranslated row is an empty string and would sort first; the row is shown with the fallback
    language, so it is sorted by it too. Without a unique last key, rows with equal names could
    move between pages.

    The tie-break runs the way the last key runs, and a column that may be empty (a date not yet
    known) puts its empty rows last when descending and first when ascending, so that each order
    is the exact reverse of the other: then one index on (key, id) serves both, walked forwards
    or backwards (agreements sorted by signing date, either way, as the default order does).
    """
    order = list(queryset.query.order_by) or list(queryset.model._meta.ordering)
    translated = _translated_fields(queryset.model)
    rewritten = []
    for item in order:
        if isinstance(item, str):
            descending = item.startswith("-")
            name = item.lstrip("-")
            base = _base_field(name, translated)
            if base:
                rewritten.append(OrderBy(translated_column(base), descending=descending))
                continue
            if _nullable(queryset.model, name):
                rewritten.append(
                    F(name).desc(nulls_last=True) if descending else F(name).asc(nulls_first=True)
                )
                continue
        rewritten.append(item)
    if not any(isinstance(item, str) and item.lstrip("-") in ("pk", "id") for item in rewritten):
        rewritten.append("-pk" if rewritten and _descending(rewritten[-1]) else "pk")
    return queryset.order_by(*rewritten)


def _nullable(model, name):
    try:
        return model._meta.get_field(name).null
    except FieldDoesNotExist:
        return False


def _descending(item):
    if isinstance(item, str):
        return item.startswith("-")
    return bool(getattr(item, "descending", False))


def _base_field(name, translated):
    if name in translated:
        return name
    stem, _sep, code = name.rpartition("_")
    if stem in translated and code in ("ky", "ru", "en"):
        return stem
    return None
