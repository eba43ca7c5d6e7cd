"""The editors' admin for the implementation layer: the consortium, labs, programmes, indicators.

Organisations, agreements, meetings and topics are picked by autocomplete, served by the
agreements admin (which limits agreements to those the user may see).
"""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from django_countries.filters import CountryFilter
from modeltranslation.admin import TranslationStackedInline

from agreements.admin import HiddenAgreementLinksMixin, localized
from agreements.tabbed_admin import TabbedAdmin
from portal.core.admin_autocomplete import SafeAutocompleteAdminMixin

from .models import Consortium, Indicator, JointLab, Membership, Programme, Workstream


class MembershipInline(SafeAutocompleteAdminMixin, admin.TabularInline):
    model = Membership
    fields = ("organization", "role", "joined_on")
    autocomplete_fields = ("organization",)
    extra = 1


class WorkstreamInline(SafeAutocompleteAdminMixin, TranslationStackedInline):
    model = Workstream
    fields = ("title", "goal", ("lead", "status", "order"))
    autocomplete_fields = ("lead",)
    extra = 0


@admin.register(Consortium)
class ConsortiumAdmin(HiddenAgreementLinksMixin, TabbedAdmin):
    agreement_links = ("founding_agreement",)
    list_display = ("name", "founding_agreement", "established_on")
    search_fields = localized("name")
    autocomplete_fields = ("founding_agreement",)
    list_select_related = ("founding_agreement",)
    inlines = [MembershipInline, WorkstreamInline]
    fieldsets = ((None, {"fields": ("name", "founding_agreement", "established_on", "description")}),)


@admin.register(Membership)
class MembershipAdmin(SafeAutocompleteAdminMixin, admin.ModelAdmin):
    list_display = ("organization", "role", "joined_on", "consortium")
    list_filter = ("role", "consortium")
    search_fields = localized("organization__name", "consortium__name")
    autocomplete_fields = ("consortium", "organization")
    list_select_related = ("consortium", "organization")


@admin.register(Workstream)
class WorkstreamAdmin(TabbedAdmin):
    list_display = ("title", "consortium", "lead", "status", "order")
    list_filter = ("status", "consortium")
    search_fields = localized("title", "goal")
    autocomplete_fields = ("consortium", "lead")
    list_select_related = ("consortium", "lead")


@admin.register(JointLab)
class JointLabAdmin(HiddenAgreementLinksMixin, TabbedAdmin):
    agreement_links = ("founding_agreement",)
    list_display = ("name", "host", "status", "established_on")
    list_filter = ("status", "topics", ("countries", CountryFilter))
    search_fields = localized("name", "field")
    autocomplete_fields = ("host", "partners", "topics", "founding_agreement", "meeting")
    list_select_related = ("host",)
    date_hierarchy = "established_on"
    fieldsets = (
        (None, {"fields": ("name", "field", "topics", "status", "established_on")}),
        (_("Who"), {"fields": ("host", "partners", "countries")}),
        (_("Origin"), {"fields": ("founding_agreement", "meeting", "description", "source_url")}),
    )


@admin.register(Programme)
class ProgrammeAdmin(HiddenAgreementLinksMixin, TabbedAdmin):
    agreement_links = ("agreement",)
    list_display = ("title", "kind", "status", "places", "funding_cap", "currency", "starts_on", "ends_on")
    list_filter = ("kind", "status", ("countries", CountryFilter))
    search_fields = localized("title", "description")
    autocomplete_fields = ("agreement", "meeting")
    fieldsets = (
        (None, {"fields": ("kind", "title", "status")}),
        (_("Origin"), {"fields": ("agreement", "meeting", "countries")}),
        (
            _("Scale and period"),
            {"fields": ("places", ("funding_cap", "currency"), ("starts_on", "ends_on"), "period_note")},
        ),
        (None, {"fields": ("description", "source_url")}),
    )


@admin.register(Indicator)
class IndicatorAdmin(TabbedAdmin):
    list_display = ("name", "qualifier", "value", "unit", "as_of", "organization", "is_headline", "order")
    list_filter = ("is_headline", "qualifier")
    search_fields = localized("name", "source_note")
    autocomplete_fields = ("organization",)
    list_select_related = ("organization",)
    fieldsets = (
        (None, {"fields": ("name", ("qualifier", "value"), "unit", "as_of")}),
        (_("Concerns"), {"fields": ("organization", "countries")}),
        (_("Source"), {"fields": ("source_url", "source_note")}),
        (_("Home page"), {"fields": ("is_headline", "order")}),
    )
