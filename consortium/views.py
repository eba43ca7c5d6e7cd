"""Pages of the implementation layer: the consortium, joint labs, programmes and indicators.

These rows are public, but the agreement each one cites is shown only where the viewer may see
that agreement: lists and pages carry an `*_visible` flag computed in the same query.
"""

from django.db.models import Count, Exists, OuterRef, Prefetch
from django.utils.translation import gettext_lazy as _

from agreements.models import Agreement
from agreements.views import agreement_ld, narrow_country_choices, organization_ld, split_countries
from portal.core.exports import Column
from portal.core.views import FilteredListView, Header, VisibleDetailView

from .filters import ConsortiumFilterSet, IndicatorFilterSet, JointLabFilterSet, ProgrammeFilterSet
from .models import Consortium, Indicator, JointLab, Membership, Programme, Workstream
from .templatetags.indicators import qualified_value


def agreement_is_visible(user, field):
    """True where the row's agreement (`field` holds its id) is one the viewer may see."""
    return Exists(Agreement.objects.visible_to(user).filter(pk=OuterRef(field)))


def visible_agreement(obj, field):
    """The cited agreement for an export cell, or None where the viewer may not see it."""
    return getattr(obj, field) if getattr(obj, f"{field}_visible", False) else None


# --- Consortium -----------------------------------------------------------------------------


class ConsortiumList(FilteredListView):
    model = Consortium
    filterset_class = ConsortiumFilterSet
    template_name = "consortium/consortium_list.html"
    title = _("Consortium")
    nav_section = "consortium"
    panel_fields = ("q",)
    headers = (
        Header(_("Name")),
        Header(_("Founding agreement")),
        Header(_("Established")),
        Header(_("Members")),
    )
    export_name = "consortia"

    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .annotate(
                founding_agreement_visible=agreement_is_visible(self.request.user, "founding_agreement_id"),
                member_count=Count("memberships", distinct=True),
            )
        )

    def get_export_columns(self):
        absolute = self.request.build_absolute_uri
        return [
            Column(_("ID"), lambda c: c.pk),
            Column(_("Name"), lambda c: c.name),
            Column(_("Founding agreement"), lambda c: visible_agreement(c, "founding_agreement")),
            Column(_("Established"), lambda c: c.established_on),
            Column(_("Members"), lambda c: c.member_count),
            Column(_("Link"), lambda c: absolute(c.get_absolute_url())),
        ]


class ConsortiumDetail(VisibleDetailView):
    model = Consortium
    template_name = "consortium/consortium_detail.html"
    context_object_name = "consortium"
    nav_section = "consortium"
    list_url_name = "consortium:consortium_list"
    list_title = _("Consortium")

    def get_queryset(self):
        user = self.request.user
        return (
            Consortium.objects.visible_to(user)
            .select_related("founding_agreement")
            .annotate(founding_agreement_visible=agreement_is_visible(user, "founding_agreement_id"))
            .prefetch_related(
                Prefetch(
                    "memberships",
                    queryset=Membership.objects.select_related("organization").order_by("joined_on", "pk"),
                ),
                Prefetch("workstreams", queryset=Workstream.objects.select_related("lead")),
            )
        )

    def get_jsonld(self):
        c = self.object
        return {
            "@context": "https://schema.org",
            "@type": "Organization",
            "name": c.name,
            "url": self.absolute(c),
            "description": c.description,
            "foundingDate": c.established_on,
            "member": [organization_ld(m.organization, self.absolute) for m in c.memberships.all()],
            "subjectOf": agreement_ld(c.founding_agreement, self.absolute)
            if c.founding_agreement_visible
            else None,
        }


# --- Joint laboratories ---------------------------------------------------------------------


class LabList(FilteredListView):
    model = JointLab
    filterset_class = JointLabFilterSet
    template_name = "consortium/lab_list.html"
    title = _("Joint laboratories")
    nav_section = "labs"
    panel_fields = ("q", "status", "country", "topic")
    headers = (
        Header(_("Name"), "name"),
        Header(_("Field")),
        Header(_("Host")),
        Header(_("Partners")),
        Header(_("Status")),
        Header(_("Established"), "established_on"),
    )
    export_name = "labs"

    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .annotate(
                founding_agreement_visible=agreement_is_visible(self.request.user, "founding_agreement_id")
            )
        )

    def prepare_form(self, form):
        super().prepare_form(form)
        form.fields["agreement"].queryset = Agreement.objects.visible_to(self.request.user)
        values = JointLab.objects.order_by().values_list("countries", flat=True).distinct()
        narrow_country_choices(form.fields["country"], split_countries(values))

    def get_export_columns(self):
        absolute = self.request.build_absolute_uri
        return [
            Column(_("ID"), lambda lab: lab.pk),
            Column(_("Name"), lambda lab: lab.name),
            Column(_("Field"), lambda lab: lab.field),
            Column(_("Topics"), lambda lab: [str(t) for t in lab.topics.all()]),
            Column(_("Host"), lambda lab: str(lab.host) if lab.host_id else None),
            Column(_("Partners"), lambda lab: [str(o) for o in lab.partners.all()]),
            Column(_("Countries"), lambda lab: [c.name for c in lab.countries]),
            Column(_("Status"), lambda lab: lab.get_status_display()),
            Column(_("Established"), lambda lab: lab.established_on),
            Column(_("Founding agreement"), lambda lab: visible_agreement(lab, "founding_agreement")),
            Column(_("Link"), lambda lab: absolute(lab.get_absolute_url())),
        ]


class LabDetail(VisibleDetailView):
    model = JointLab
    template_name = "consortium/lab_detail.html"
    context_object_name = "lab"
    nav_section = "labs"
    list_url_name = "consortium:lab_list"
    list_title = _("Joint laboratories")

    def get_queryset(self):
        user = self.request.user
        return (
            JointLab.objects.visible_to(user)
            .select_related("host", "founding_agreement", "meeting__commission")
            .prefetch_related("topics", "partners")
            .annotate(founding_agreement_visible=agreement_is_visible(user, "founding_agreement_id"))
        )

    def get_jsonld(self):
        lab = self.object
        return {
            "@context": "https://schema.org",
            "@type": "ResearchProject",
            "name": lab.name,
            "url": self.absolute(lab),
            "description": lab.description,
            "foundingDate": lab.established_on,
            "knowsAbout": [lab.field, *[t.name for t in lab.topics.all()]],
            "parentOrganization": organization_ld(lab.host, self.absolute) if lab.host_id else None,
            "member": [organization_ld(o, self.absolute) for o in lab.partners.all()],
            "subjectOf": agreement_ld(lab.founding_agreement, self.absolute)
            if lab.founding_agreement_visible
            else None,
            "sameAs": lab.source_url,
        }


# --- Programmes -----------------------------------------------------------------------------


class ProgrammeList(FilteredListView):
    model = Programme
    filterset_class = ProgrammeFilterSet
    template_name = "consortium/programme_list.html"
    title = _("Programmes")
    nav_section = "programmes"
    panel_fields = ("q", "kind", "status", "country")
    headers = (
        Header(_("Title"), "title"),
        Header(_("Kind")),
        Header(_("Status")),
        Header(_("Places")),
        Header(_("Funding cap per project"), "funding_cap"),
        Header(_("Period"), "starts_on"),
    )
    export_name = "programmes"

    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .annotate(agreement_visible=agreement_is_visible(self.request.user, "agreement_id"))
        )

    def prepare_form(self, form):
        super().prepare_form(form)
        form.fields["agreement"].queryset = Agreement.objects.visible_to(self.request.user)
        values = Programme.objects.order_by().values_list("countries", flat=True).distinct()
        narrow_country_choices(form.fields["country"], split_countries(values))

    def get_export_columns(self):
        absolute = self.request.build_absolute_uri
        return [
            Column(_("ID"), lambda p: p.pk),
            Column(_("Title"), lambda p: p.title),
            Column(_("Kind"), lambda p: p.get_kind_display()),
            Column(_("Status"), lambda p: p.get_status_display()),
            Column(_("Places"), lambda p: p.places),
            Column(_("Funding cap per project"), lambda p: p.funding_cap),
            Column(_("Currency"), lambda p: p.currency),
            Column(_("Starts on"), lambda p: p.starts_on),
            Column(_("Ends on"), lambda p: p.ends_on),
            Column(_("Period"), lambda p: p.period_note),
            Column(_("Countries"), lambda p: [c.name for c in p.countries]),
            Column(_("Agreement"), lambda p: visible_agreement(p, "agreement")),
            Column(_("Meeting"), lambda p: str(p.meeting) if p.meeting_id else None),
            Column(_("Link"), lambda p: absolute(p.get_absolute_url())),
        ]


class ProgrammeDetail(VisibleDetailView):
    model = Programme
    template_name = "consortium/programme_detail.html"
    context_object_name = "programme"
    nav_section = "programmes"
    list_url_name = "consortium:programme_list"
    list_title = _("Programmes")

    def get_queryset(self):
        user = self.request.user
        return (
            Programme.objects.visible_to(user)
            .select_related("agreement", "meeting__commission")
            .annotate(agreement_visible=agreement_is_visible(user, "agreement_id"))
        )

    def get_jsonld(self):
        p = self.object
        return {
            "@context": "https://schema.org",
            "@type": "Project",
            "name": p.title,
            "url": self.absolute(p),
            "description": p.description,
            "additionalType": str(p.get_kind_display()),
            "startDate": p.starts_on,
            "endDate": p.ends_on,
            "subjectOf": agreement_ld(p.agreement, self.absolute) if p.agreement_visible else None,
            "sameAs": p.source_url,
        }


# --- Indicators -----------------------------------------------------------------------------


class IndicatorList(FilteredListView):
    model = Indicator
    filterset_class = IndicatorFilterSet
    template_name = "consortium/indicator_list.html"
    title = _("Indicators")
    nav_section = "indicators"
    panel_fields = ("q", "qualifier", "country", "as_of_after", "as_of_before", "is_headline")
    headers = (
        Header(_("Indicator"), "name"),
        Header(_("Value"), "value"),
        Header(_("As of"), "as_of"),
        Header(_("Concerns")),
        Header(_("Source")),
    )
    export_name = "indicators"

    def prepare_form(self, form):
        super().prepare_form(form)
        # "Headline figures only": any, yes or no, rather than the widget's "Unknown".
        form.fields["is_headline"].widget.choices = (
            ("unknown", _("Any")),
            ("true", _("Yes")),
            ("false", _("No")),
        )
        values = Indicator.objects.order_by().values_list("countries", flat=True).distinct()
        narrow_country_choices(form.fields["country"], split_countries(values))

    def get_export_columns(self):
        absolute = self.request.build_absolute_uri
        return [
            Column(_("ID"), lambda i: i.pk),
            Column(_("Indicator"), lambda i: i.name),
            Column(_("Qualifier"), lambda i: i.get_qualifier_display()),
            Column(_("Value"), lambda i: i.value),
            Column(_("Unit"), lambda i: i.unit),
            Column(_("As of"), lambda i: i.as_of),
            Column(_("Organisation"), lambda i: str(i.organization) if i.organization_id else None),
            Column(_("Countries"), lambda i: [c.name for c in i.countries]),
            Column(_("Source"), lambda i: i.source_note),
            Column(_("Source link"), lambda i: i.source_url),
            Column(_("Link"), lambda i: absolute(i.get_absolute_url())),
        ]


class IndicatorDetail(VisibleDetailView):
    model = Indicator
    template_name = "consortium/indicator_detail.html"
    context_object_name = "indicator"
    nav_section = "indicators"
    list_url_name = "consortium:indicator_list"
    list_title = _("Indicators")

    def get_jsonld(self):
        i = self.object
        return {
            "@context": "https://schema.org",
            "@type": "Observation",
            "name": i.name,
            "url": self.absolute(i),
            "description": str(qualified_value(i)),
            "measuredValue": i.value,
            "unitText": i.unit,
            "observationDate": i.as_of,
            "observationAbout": organization_ld(i.organization, self.absolute) if i.organization_id else None,
            "citation": i.source_url or i.source_note,
        }
