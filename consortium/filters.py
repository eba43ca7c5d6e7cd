"""One FilterSet per model, used by the HTML lists and the API alike (DESIGN.md section 8)."""

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from agreements.filters import country_choices
from agreements.models import Agreement, Meeting, Organization, Topic
from portal.core.filters import PortalFilterSet, translated

from .models import Consortium, Indicator, JointLab, Programme, Workstream


class ConsortiumFilterSet(PortalFilterSet):
    organization = django_filters.ModelChoiceFilter(
        queryset=Organization.objects.all(), field_name="members", label=_("Member")
    )
    trigram_fields = translated("name")

    class Meta:
        model = Consortium
        fields = ["q", "organization"]


class WorkstreamFilterSet(PortalFilterSet):
    consortium = django_filters.ModelChoiceFilter(queryset=Consortium.objects.all(), label=_("Consortium"))
    lead = django_filters.ModelChoiceFilter(queryset=Organization.objects.all(), label=_("Lead organisation"))
    status = django_filters.ChoiceFilter(choices=Workstream.Status.choices, label=_("Status"))
    trigram_fields = translated("title")

    class Meta:
        model = Workstream
        fields = ["q", "consortium", "lead", "status"]


class JointLabFilterSet(PortalFilterSet):
    status = django_filters.ChoiceFilter(choices=JointLab.Status.choices, label=_("Status"))
    country = django_filters.ChoiceFilter(
        choices=country_choices, field_name="countries", lookup_expr="contains", label=_("Country")
    )
    topic = django_filters.ModelChoiceFilter(
        queryset=Topic.objects.all(), to_field_name="slug", field_name="topics", label=_("Topic")
    )
    organization = django_filters.ModelChoiceFilter(
        queryset=Organization.objects.all(), method="filter_organization", label=_("Organisation")
    )
    agreement = django_filters.ModelChoiceFilter(
        queryset=Agreement.objects.all(), field_name="founding_agreement", label=_("Founding agreement")
    )
    ordering = django_filters.OrderingFilter(
        fields=(("name", "name"), ("established_on", "established_on")), label=_("Sort by")
    )
    trigram_fields = translated("name")

    class Meta:
        model = JointLab
        fields = ["q", "status", "country", "topic", "organization", "agreement"]

    def filter_organization(self, queryset, name, value):
        partner_labs = JointLab.partners.through.objects.filter(organization=value).values("jointlab_id")
        return queryset.filter(Q(host=value) | Q(pk__in=partner_labs))


class ProgrammeFilterSet(PortalFilterSet):
    kind = django_filters.ChoiceFilter(choices=Programme.Kind.choices, label=_("Kind"))
    status = django_filters.ChoiceFilter(choices=Programme.Status.choices, label=_("Status"))
    country = django_filters.ChoiceFilter(
        choices=country_choices, field_name="countries", lookup_expr="contains", label=_("Country")
    )
    agreement = django_filters.ModelChoiceFilter(queryset=Agreement.objects.all(), label=_("Agreement"))
    meeting = django_filters.ModelChoiceFilter(queryset=Meeting.objects.all(), label=_("Meeting"))
    ordering = django_filters.OrderingFilter(
        fields=(("title", "title"), ("starts_on", "starts_on"), ("funding_cap", "funding_cap")),
        label=_("Sort by"),
    )
    trigram_fields = translated("title")

    class Meta:
        model = Programme
        fields = ["q", "kind", "status", "country", "agreement", "meeting"]


class IndicatorFilterSet(PortalFilterSet):
    organization = django_filters.ModelChoiceFilter(
        queryset=Organization.objects.all(), label=_("Organisation")
    )
    country = django_filters.ChoiceFilter(
        choices=country_choices, field_name="countries", lookup_expr="contains", label=_("Country")
    )
    qualifier = django_filters.ChoiceFilter(choices=Indicator.Qualifier.choices, label=_("Qualifier"))
    as_of_after = django_filters.DateFilter(
        field_name="as_of", lookup_expr="gte", label=_("As of on or after")
    )
    as_of_before = django_filters.DateFilter(
        field_name="as_of", lookup_expr="lte", label=_("As of on or before")
    )
    is_headline = django_filters.BooleanFilter(label=_("Headline figures only"))
    ordering = django_filters.OrderingFilter(
        fields=(("name", "name"), ("as_of", "as_of"), ("value", "value"), ("order", "order")),
        label=_("Sort by"),
    )
    trigram_fields = translated("name")

    class Meta:
        model = Indicator
        fields = ["q", "organization", "country", "qualifier", "as_of_after", "as_of_before", "is_headline"]
