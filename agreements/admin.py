"""The editors' admin for the legal layer (DESIGN.md section 5, "Admin").

An editor enters a signed agreement or commission protocol with its parties, signatories,
documents and commitments on one page, and imports organisations, people and agreements from
spreadsheets with a preview before anything is saved. Staff (the `Staff` group) see the same
pages read-only. Every list goes through the model's `for_list()` and `visible_to(user)`, so the
admin shows no agreement that the user may not see elsewhere (section 6).
"""

from django.contrib import admin, messages
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django_countries.filters import CountryFilter
from import_export.admin import ImportExportMixin
from import_export.formats import base_formats
from modeltranslation.admin import TranslationStackedInline, TranslationTabularInline
from modeltranslation.utils import get_translation_fields

from portal.core.admin_autocomplete import SafeAutocompleteAdminMixin

from .admin_history import AgreementHistoryAdminMixin
from .api.views import hide_links
from .forms import DocumentForm
from .models import (
    Agreement,
    AgreementStatus,
    Commission,
    Commitment,
    ContactPoint,
    Document,
    Meeting,
    Organization,
    Party,
    Person,
    Signatory,
    Topic,
)
from .resources import AgreementResource, OrganizationResource, PersonResource
from .tabbed_admin import TabbedAdmin

# --- Shared pieces ---------------------------------------------------------------------------


class SpreadsheetMixin(ImportExportMixin):
    """CSV and XLSX import (with preview and confirm) and export."""

    import_formats = [base_formats.CSV, base_formats.XLSX]
    export_formats = [base_formats.CSV, base_formats.XLSX]

    def has_import_permission(self, request):
        # An import creates and changes rows, so it takes both permissions: editors, not staff.
        return self.has_add_permission(request) and self.has_change_permission(request)

    def get_import_data_kwargs(self, **kwargs):
        kwargs = super().get_import_data_kwargs(**kwargs)
        # The confirm step imports the file again; should a row have turned invalid since the
        # preview (another editor saved meanwhile), nothing at all is saved.
        kwargs["rollback_on_validation_errors"] = True
        return kwargs

    def process_result(self, result, request):
        if result.has_errors() or result.has_validation_errors():
            messages.error(
                request,
                gettext(
                    "Nothing was imported: some rows are no longer valid. Import the file again to see which."
                ),
            )
            opts = self.model._meta
            return HttpResponseRedirect(reverse(f"admin:{opts.app_label}_{opts.model_name}_import"))
        return super().process_result(result, request)


class HiddenAgreementLinksMixin:
    """Links to agreements the user may not see (DESIGN.md section 6) show as no link at all.

    Staff read the admin with view permission only; without this, a row they may see (a public
    protocol, a consortium) would print the title of the confidential agreement it points at in
    its list column and on its read-only page, and its id in an export. The rule is the API's
    `hide_links`: one annotation per link on the row's own query.
    """

    agreement_links: tuple[str, ...] = ()

    def get_queryset(self, request):
        return hide_links(super().get_queryset(request), request.user, *self.agreement_links)

    def get_object(self, request, object_id, from_field=None):
        obj = super().get_object(request, object_id, from_field)
        # Read-only pages only: a form that can be saved keeps every value it holds.
        if obj is not None and not self.has_change_permission(request, obj):
            for name in self.agreement_links:
                if not getattr(obj, f"{name}_visible", True):
                    setattr(obj, name, None)
        return obj

    def get_list_display(self, request):
        return [
            linked_agreement_column(self.model, name) if name in self.agreement_links else name
            for name in super().get_list_display(request)
        ]


def linked_agreement_column(model, name):
    @admin.display(description=model._meta.get_field(name).verbose_name, ordering=name)
    def column(obj):
        return getattr(obj, name) if getattr(obj, f"{name}_visible", True) else None

    return column


class PartyCountryFilter(CountryFilter):
    """Only the countries that some party comes from, by name."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.title = _("country of a party")


class StatusFilter(admin.SimpleListFilter):
    """The derived status (draft, signed, in force, expired, terminated) computed in SQL."""

    title = _("status")
    parameter_name = "status"

    def lookups(self, request, model_admin):
        return AgreementStatus.choices

    def queryset(self, request, queryset):
        if self.value() not in AgreementStatus.values:
            return queryset
        matching = Agreement.objects.with_status().filter(status=self.value()).values("pk")
        return queryset.filter(pk__in=matching)


def localized(*names):
    """Search in every language's column of the translated fields `names`."""
    return tuple(get_translation_fields(*names))


# --- Organisations, people, topics -----------------------------------------------------------


class ContactPointInline(TranslationTabularInline):
    model = ContactPoint
    fields = ("label", "phone", "email", "address")
    extra = 0


@admin.register(Organization)
class OrganizationAdmin(SpreadsheetMixin, TabbedAdmin):
    resource_classes = [OrganizationResource]
    list_display = ("name", "short_name", "kind", "country", "city", "ror_id")
    list_filter = ("kind", ("country", CountryFilter))
    search_fields = (*localized("name", "short_name"), "ror_id")
    autocomplete_fields = ("parent", "successor")
    inlines = [ContactPointInline]
    fieldsets = (
        (None, {"fields": ("name", "short_name", "kind")}),
        (_("Where"), {"fields": ("country", "city", "website")}),
        (_("Identity and lineage"), {"fields": ("ror_id", "parent", "successor", "description")}),
    )

    def get_queryset(self, request):
        return super().get_queryset(request).for_list().visible_to(request.user)


@admin.register(ContactPoint)
class ContactPointAdmin(TabbedAdmin):
    list_display = ("label", "organization", "phone", "email")
    search_fields = (*localized("label"), "email", *localized("organization__name"))
    autocomplete_fields = ("organization",)
    list_select_related = ("organization",)


@admin.register(Person)
class PersonAdmin(SpreadsheetMixin, TabbedAdmin):
    resource_classes = [PersonResource]
    list_display = ("full_name", "orcid")
    search_fields = (*localized("full_name"), "orcid")

    def get_queryset(self, request):
        return super().get_queryset(request).for_list().visible_to(request.user)


@admin.register(Topic)
class TopicAdmin(TabbedAdmin):
    list_display = ("name", "slug")
    search_fields = ("slug", *localized("name"))
    prepopulated_fields = {"slug": ("name_en",)}


# --- Commissions and meetings ----------------------------------------------------------------


class MeetingInline(TranslationStackedInline):
    model = Meeting
    fields = (
        ("number", "held_on", "held_on_precision", "planned_year"),
        "place",
        "country",
        "summary",
        "source_url",
    )
    extra = 0


@admin.register(Commission)
class CommissionAdmin(TabbedAdmin):
    list_display = ("name", "countries", "established_on")
    list_filter = (("countries", CountryFilter),)
    search_fields = localized("name")
    inlines = [MeetingInline]


@admin.register(Meeting)
class MeetingAdmin(TabbedAdmin):
    list_display = ("__str__", "held_on", "planned_year", "place", "country")
    list_filter = ("commission", ("country", CountryFilter))
    search_fields = (*localized("commission__name", "place"), "number")
    autocomplete_fields = ("commission",)
    list_select_related = ("commission",)
    date_hierarchy = "held_on"
    fieldsets = (
        (None, {"fields": ("commission", "number")}),
        (
            _("When and where"),
            {"fields": (("held_on", "held_on_precision", "planned_year"), "place", "country")},
        ),
        (None, {"fields": ("summary", "source_url")}),
    )

    def get_queryset(self, request):
        return super().get_queryset(request).for_list().visible_to(request.user)


# --- Agreements ------------------------------------------------------------------------------


class PartyInline(SafeAutocompleteAdminMixin, TranslationTabularInline):
    model = Party
    fields = ("organization", "role", "name_as_signed", "order")
    autocomplete_fields = ("organization",)
    extra = 1


class SignatoryInline(SafeAutocompleteAdminMixin, TranslationTabularInline):
    model = Signatory
    fields = ("person", "organization", "position", "order")
    autocomplete_fields = ("person", "organization")
    extra = 1


class DocumentFileMixin:
    """A stored document is reached through the permission-checked download view.

    Its media URL is never served, so the file field, which would link to it, is left out of
    read-only pages; the download link (named after the uploaded file) stands in for it.
    """

    @admin.display(description=_("download"))
    def download(self, document):
        if document is None or document.pk is None:
            return self.get_empty_value_display()
        return format_html(
            '<a href="{}">{}</a>', document.get_absolute_url(), document.original_name or _("PDF")
        )

    def get_fields(self, request, obj=None):
        fields = super().get_fields(request, obj)
        if not self.has_change_permission(request, obj):
            fields = [name for name in fields if name != "file"]
        return fields


class DocumentInline(DocumentFileMixin, admin.StackedInline):
    # Stacked: the full SHA-256 would push a table's columns off the screen.
    model = Document
    form = DocumentForm
    fields = (("kind", "language", "title"), "file", ("download", "size", "uploaded_by"), "sha256")
    readonly_fields = ("download", "sha256", "size", "uploaded_by")
    extra = 1


class CommitmentInline(SafeAutocompleteAdminMixin, TranslationStackedInline):
    model = Commitment
    fields = (
        "text",
        "responsible",
        "target_quantity",
        "target_unit",
        ("due_on", "status", "order"),
        "progress_note",
    )
    autocomplete_fields = ("responsible",)
    extra = 0


@admin.register(Agreement)
class AgreementAdmin(HiddenAgreementLinksMixin, AgreementHistoryAdminMixin, SpreadsheetMixin, TabbedAdmin):
    resource_classes = [AgreementResource]
    agreement_links = ("parent",)
    list_display = ("title", "kind", "signed", "status_label", "visibility", "party_names")
    list_filter = (
        "kind",
        "visibility",
        StatusFilter,
        "topics",
        ("parties__organization__country", PartyCountryFilter),
    )
    search_fields = (*localized("title"), "reference_number")
    date_hierarchy = "signed_on"
    autocomplete_fields = ("parent", "meeting", "topics")
    readonly_fields = ("status_label",)
    inlines = [PartyInline, SignatoryInline, DocumentInline, CommitmentInline]
    fieldsets = (
        (None, {"fields": ("kind", "title", "reference_number", "visibility", "status_label")}),
        (
            _("Signature and term"),
            {
                "fields": (
                    ("signed_on", "signed_on_precision"),
                    "signed_place",
                    ("entry_into_force_on", "expires_on", "terminated_on"),
                )
            },
        ),
        (_("Context"), {"fields": ("parent", "meeting", "topics", "summary", "legal_basis", "source_url")}),
    )

    def get_queryset(self, request):
        return super().get_queryset(request).for_list().visible_to(request.user)

    @admin.display(description=_("signed on"), ordering="signed_on")
    def signed(self, agreement):
        if agreement.signed_on is None:
            return None
        # Sources often give only a month or a year; show no more than they said.
        formats = {"month": "YEAR_MONTH_FORMAT", "year": "Y"}
        return date_format(agreement.signed_on, formats.get(agreement.signed_on_precision, "DATE_FORMAT"))

    @admin.display(description=_("status"), ordering="status")
    def status_label(self, agreement):
        # The list's rows carry the SQL status; a form's instance is judged by the same rule
        # in Python (a new one is a draft).
        return agreement.get_status_display()

    @admin.display(description=_("parties"))
    def party_names(self, agreement):
        return ", ".join(str(party) for party in agreement.parties.all())

    def save_formset(self, request, form, formset, change):
        if formset.model is Document:
            for document_form in formset.forms:
                if "file" in document_form.changed_data:
                    document_form.instance.uploaded_by = request.user
        super().save_formset(request, form, formset, change)


class ChildOfAgreementMixin:
    """Rows that belong to an agreement, listed on their own; they follow its visibility."""

    def get_queryset(self, request):
        return super().get_queryset(request).visible_to(request.user)


@admin.register(Party)
class PartyAdmin(ChildOfAgreementMixin, TabbedAdmin):
    list_display = ("organization", "role", "agreement")
    list_filter = ("role",)
    search_fields = (*localized("organization__name", "agreement__title"),)
    autocomplete_fields = ("agreement", "organization")
    list_select_related = ("agreement", "organization")


@admin.register(Signatory)
class SignatoryAdmin(ChildOfAgreementMixin, TabbedAdmin):
    list_display = ("person", "position", "organization", "agreement")
    search_fields = (*localized("person__full_name", "position", "agreement__title"),)
    autocomplete_fields = ("agreement", "person", "organization")
    list_select_related = ("agreement", "person", "organization")


@admin.register(Document)
class DocumentAdmin(SafeAutocompleteAdminMixin, DocumentFileMixin, ChildOfAgreementMixin, admin.ModelAdmin):
    form = DocumentForm
    autocomplete_fields = ("agreement",)
    list_select_related = ("agreement",)
    list_display = ("__str__", "kind", "language", "agreement", "size", "uploaded_at")
    list_filter = ("kind", "language")
    search_fields = ("title", "original_name", "sha256", *localized("agreement__title"))
    fields = (
        "agreement",
        "kind",
        "language",
        "title",
        "file",
        "download",
        "sha256",
        "size",
        "uploaded_by",
        "uploaded_at",
    )
    readonly_fields = ("download", "sha256", "size", "uploaded_by", "uploaded_at")

    def save_model(self, request, obj, form, change):
        if "file" in form.changed_data:
            obj.uploaded_by = request.user
        super().save_model(request, obj, form, change)


@admin.register(Commitment)
class CommitmentAdmin(ChildOfAgreementMixin, TabbedAdmin):
    list_display = ("__str__", "responsible", "due_on", "status", "agreement")
    list_filter = ("status",)
    search_fields = (*localized("text", "agreement__title"),)
    autocomplete_fields = ("agreement", "responsible")
    list_select_related = ("agreement", "responsible")
    date_hierarchy = "due_on"
