"""One FilterSet per model, used by the HTML lists and the API alike (DESIGN.md section 8)."""

import django_filters
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from portal.core.filters import PortalFilterSet, TranslatedOrderingFilter, translated
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


def status_condition(status: str, today=None) -> Q:
    """The rows whose derived status (agreements.models.status_expression) is `status`, as
    conditions on the dates; the same rule, case by case, in the same order."""
    today = today or timezone.localdate()
    terminated = Q(terminated_on__lte=today)
    not_terminated = Q(terminated_on__isnull=True) | Q(terminated_on__gt=today)
    unsigned = Q(signed_on__isnull=True) | Q(signed_on__gt=today)
    signed = Q(signed_on__lte=today)
    expired = Q(expires_on__lt=today)
    not_expired = Q(expires_on__isnull=True) | Q(expires_on__gte=today)
    pending = Q(entry_into_force_on__gt=today)
    started = Q(entry_into_force_on__isnull=True) | Q(entry_into_force_on__lte=today)
    conditions = {
        AgreementStatus.TERMINATED: terminated,
        AgreementStatus.DRAFT: not_terminated & unsigned,
        AgreementStatus.EXPIRED: not_terminated & signed & expired,
        AgreementStatus.SIGNED: not_terminated & signed & not_expired & pending,
        AgreementStatus.IN_FORCE: not_terminated & signed & not_expired & started,
    }
    return conditions[status]


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
    ordering = TranslatedOrderingFilter(
        fields=(("signed_on", "signed_on"), ("title", "title")), translated=("title",), label=_("Sort by")
    )
    # Titles are matched by full text only: a trigram test on titles cannot use its index
    # for common terms and was checked row by row (0.3-0.6 s at 100,000 agreements).
    # Trigram matching stays on names (organisations, people), as DESIGN.md asks.

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
        # The conditions the status stands for rather than `status=value` on the CASE of
        # AgreementQuerySet.with_status(): a CASE can use no index, so a status filter counted
        # every visible row; date ranges can (tests/scale/test_explain.py).
        return queryset.filter(status_condition(value))

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
