"""One FilterSet per model, used by the HTML lists and the API alike (DESIGN.md section 8)."""

import django_filters
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from portal.core.filters import PortalFilterSet, translated
from portal.core.visibility import Visibility

from .models import (
    Agreement,
    AgreementStatus,
    Commission,
    Meeting,
    Organization,
    Party,
    Person,
    Signatory,
    Topic,
)


def country_choices():
    return [(code, name) for code, name in countries]


class OrganizationFilterSet(PortalFilterSet):
    kind = django_filters.ChoiceFilter(choices=Organization.Kind.choices, label=_("Kind"))
    country = django_filters.ChoiceFilter(choices=country_choices, label=_("Country"))
    parent = django_filters.ModelChoiceFilter(
        queryset=Organization.objects.all(), label=_("Parent organisation")
    )
    ordering = django_filters.OrderingFilter(
        fields=(("name", "name"), ("country", "country"), ("created_at", "created")),
        label=_("Sort by"),
    )
    has_search_vector = True
    trigram_fields = translated("name")

    class Meta:
        model = Organization
        fields = ["q", "kind", "country", "parent"]


class PersonFilterSet(PortalFilterSet):
    organization = django_filters.ModelChoiceFilter(
        queryset=Organization.objects.all(),
        method="filter_organization",
        label=_("Signed for organisation"),
    )
    ordering = django_filters.OrderingFilter(fields=(("full_name", "full_name"),), label=_("Sort by"))
    has_search_vector = True
    trigram_fields = translated("full_name")

    class Meta:
        model = Person
        fields = ["q", "organization"]

    def filter_organization(self, queryset, name, value):
        if not value:
            return queryset
        # Only signatures on agreements the viewer may see count, or the filter would reveal them.
        signatures = Signatory.objects.visible_to(getattr(self.request, "user", None))
        return queryset.filter(Exists(signatures.filter(person=OuterRef("pk"), organization=value)))


class TopicFilterSet(PortalFilterSet):
    trigram_fields = translated("name")

    class Meta:
        model = Topic
        fields = ["q", "slug"]


class AgreementFilterSet(PortalFilterSet):
    kind = django_filters.ChoiceFilter(choices=Agreement.Kind.choices, label=_("Kind"))
    status = django_filters.ChoiceFilter(
        choices=AgreementStatus.choices, method="filter_status", label=_("Status")
    )
    visibility = django_filters.ChoiceFilter(choices=Visibility.choices, label=_("Visibility"))
    country = django_filters.ChoiceFilter(
        choices=country_choices, method="filter_country", label=_("Partner country")
    )
    organization = django_filters.ModelChoiceFilter(
        queryset=Organization.objects.all(), method="filter_organization", label=_("Organisation")
    )
    topic = django_filters.ModelChoiceFilter(
        queryset=Topic.objects.all(), to_field_name="slug", method="filter_topic", label=_("Topic")
    )
    year = django_filters.NumberFilter(
        field_name="signed_on", lookup_expr="year", label=_("Year signed"), min_value=1900, max_value=2200
    )
    signed_after = django_filters.DateFilter(
        field_name="signed_on", lookup_expr="gte", label=_("Signed on or after")
    )
    signed_before = django_filters.DateFilter(
        field_name="signed_on", lookup_expr="lte", label=_("Signed on or before")
    )
    meeting = django_filters.ModelChoiceFilter(queryset=Meeting.objects.all(), label=_("Meeting"))
    parent = django_filters.ModelChoiceFilter(queryset=Agreement.objects.all(), label=_("Parent instrument"))
    ordering = django_filters.OrderingFilter(
        fields=(("signed_on", "signed_on"), ("title", "title")), label=_("Sort by")
    )
    # Titles are matched by full text only: a trigram test on titles cannot use its index
    # for common terms and was checked row by row (0.3-0.6 s at 100,000 agreements).
    # Trigram matching stays on names (organisations, people), as DESIGN.md asks.
    has_search_vector = True

    class Meta:
        model = Agreement
        fields = [
            "q",
            "kind",
            "status",
            "visibility",
            "country",
            "organization",
            "topic",
            "year",
            "signed_after",
            "signed_before",
            "meeting",
            "parent",
        ]

    def filter_status(self, queryset, name, value):
        # `status` is the annotation of AgreementQuerySet.with_status(); add it if the view did not.
        if "status" not in queryset.query.annotations:
            queryset = queryset.with_status()
        return queryset.filter(status=value)

    def filter_country(self, queryset, name, value):
        # Exists, not a join, so an agreement with two parties in the country appears once.
        return queryset.filter(
            Exists(Party.objects.filter(agreement=OuterRef("pk"), organization__country=value))
        )

    def filter_organization(self, queryset, name, value):
        return queryset.filter(Exists(Party.objects.filter(agreement=OuterRef("pk"), organization=value)))

    def filter_topic(self, queryset, name, value):
        through = Agreement.topics.through
        return queryset.filter(Exists(through.objects.filter(agreement=OuterRef("pk"), topic=value)))


class CommissionFilterSet(PortalFilterSet):
    country = django_filters.ChoiceFilter(
        choices=country_choices, field_name="countries", lookup_expr="contains", label=_("Country")
    )
    ordering = django_filters.OrderingFilter(
        fields=(("name", "name"), ("established_on", "established_on")), label=_("Sort by")
    )
    trigram_fields = translated("name")

    class Meta:
        model = Commission
        fields = ["q", "country"]


class MeetingFilterSet(PortalFilterSet):
    STATE_CHOICES = (("held", _("held")), ("planned", _("planned")))

    commission = django_filters.ModelChoiceFilter(queryset=Commission.objects.all(), label=_("Commission"))
    country = django_filters.ChoiceFilter(choices=country_choices, label=_("Country"))
    state = django_filters.ChoiceFilter(
        choices=STATE_CHOICES, method="filter_state", label=_("Held or planned")
    )
    year = django_filters.NumberFilter(method="filter_year", label=_("Year"), min_value=1900, max_value=2200)
    ordering = django_filters.OrderingFilter(
        fields=(("held_on", "held_on"), ("number", "number"), ("planned_year", "planned_year")),
        label=_("Sort by"),
    )
    trigram_fields = translated("place")

    class Meta:
        model = Meeting
        fields = ["q", "commission", "country", "state", "year"]

    def filter_state(self, queryset, name, value):
        return queryset.filter(held_on__isnull=(value == "planned"))

    def filter_year(self, queryset, name, value):
        return queryset.filter(Q(held_on__year=value) | Q(held_on__isnull=True, planned_year=value))
