"""Pages of the legal layer: agreements, organisations, people, commissions and meetings.

Thin classes over portal.core.views: each names its model, FilterSet, template, table headers and
export columns. Every related row an agreement owns (parties, signatories, documents,
commitments) and every agreement shown on another page goes through `visible_to(user)`.

The consortium app's rows that point at these records (labs, programmes, consortia) are reached
through their reverse relations, never by importing that app (DESIGN.md section 3).
"""

from dataclasses import dataclass

from django.conf import settings
from django.contrib.postgres.expressions import ArraySubquery
from django.core.paginator import Paginator
from django.db import router
from django.db.models import (
    CharField,
    Count,
    Exists,
    F,
    OuterRef,
    Prefetch,
    Subquery,
    TextField,
    Value,
)
from django.db.models.functions import Cast, Coalesce, Concat, JSONObject, NullIf
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.text import get_valid_filename
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from portal.core.data_version import kept_value
from portal.core.exports import Column
from portal.core.templatetags.precise_dates import iso_precise
from portal.core.views import EXPORT_FORMATS, FilteredListView, Header, VisibleDetailView
from portal.core.visibility import is_editor, is_staff_viewer, scope_for
from portal.translated import translated_column

from .filters import (
    AgreementFilterSet,
    CommissionFilterSet,
    MeetingFilterSet,
    OrganizationFilterSet,
    PersonFilterSet,
)
from .history import agreement_events, change_history
from .models import (
    Agreement,
    Commission,
    Document,
    Meeting,
    Organization,
    Party,
    Person,
    Signatory,
    Topic,
)

# How many related rows a detail page lists before it links to the filtered list instead.
RELATED_LIMIT = 50


@dataclass(frozen=True)
class PartyLink:
    """A party as a row of the agreements list shows it: its organisation, linked, and country."""

    name: str
    url: str
    country: str
    country_name: str


def narrow_country_choices(field, codes):
    """Offer only the countries that occur in the data, not all 249.

    Only the widget's options change: the field still accepts any ISO code, so a bookmarked
    filter on a country with no rows is an empty list rather than an error.
    """
    wanted = {code for code in codes if code}
    options = [(code, name) for code, name in field.choices if code in wanted]
    field.widget.choices = [("", field.empty_label or "")] + options


def split_countries(values):
    """Country codes from a multi-country column's distinct values ("CN,KG")."""
    codes = set()
    for value in values:
        if isinstance(value, str):
            codes.update(code for code in value.split(",") if code)
        else:
            codes.update(str(code) for code in value or ())
    return codes


def agreement_ld(agreement, absolute):
    return {
        "@type": "Legislation",
        "name": agreement.title,
        "url": absolute(agreement),
        "legislationType": str(agreement.get_kind_display()),
        "legislationIdentifier": agreement.reference_number,
        "legislationDate": iso_precise(agreement.signed_on, agreement.signed_on_precision),
    }


def organization_ld(organization, absolute):
    return {
        "@type": "Organization",
        "name": organization.name,
        "url": absolute(organization),
    }


# --- Agreements -----------------------------------------------------------------------------


class AgreementList(FilteredListView):
    model = Agreement
    filterset_class = AgreementFilterSet
    template_name = "agreements/agreement_list.html"
    title = _("Agreements")
    nav_section = "agreements"
    panel_fields = (
        "q",
        "country",
        "year",
        "kind",
        "status",
        "topic",
        "signed_after",
        "signed_before",
    )
    staff_panel_fields = ("visibility",)
    headers = (
        Header(_("Title"), "title"),
        Header(_("Kind")),
        Header(_("Signed"), "signed_on"),
        Header(_("Parties")),
        Header(_("Status")),
    )
    default_ordering = "-signed_on"
    export_name = "agreements"

    def get_queryset(self):
        # What the table shows, in the page's one query: each row's parties as their
        # organisation's id, name (as str() gives it) and country, read from SQL rather than
        # as two model instances per party (a fifth of the page's time at 100,000 agreements).
        # for_list()'s meeting, parent and topics are not shown here. An export reads its own
        # columns (get_export_queryset), so it is spared the array.
        queryset = Agreement.objects.visible_to(self.request.user).with_status().defer("search_vector")
        if self.request.GET.get("export") in EXPORT_FORMATS:
            return queryset
        parties = (
            Party.objects.filter(agreement=OuterRef("pk"))
            .order_by("order", "id")
            # annotate() then values(): modeltranslation's values() with an expression alone
            # would select every column as well.
            .annotate(
                row=JSONObject(
                    id="organization_id",
                    name=organization_label("organization__"),
                    country="organization__country",
                )
            )
            .values("row")
        )
        return queryset.annotate(party_rows=ArraySubquery(parties))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        for agreement in context["object_list"]:
            agreement.party_links = [
                PartyLink(
                    name=row["name"],
                    url=reverse("agreements:organization_detail", args=[row["id"]]),
                    country=row["country"],
                    country_name=countries.name(row["country"]) if row["country"] else "",
                )
                for row in agreement.party_rows
            ]
        return context

    def prepare_form(self, form):
        super().prepare_form(form)
        user = self.request.user
        # A filter may name only an agreement the viewer may see: an invisible one is "not a
        # valid choice", so its title never reaches the page.
        form.fields["parent"].queryset = Agreement.objects.visible_to(user)
        party_countries = (
            Organization.objects.exclude(country="")
            .filter(Exists(Party.objects.visible_to(user).filter(organization=OuterRef("pk"))))
            # Without order_by() the model's ordering joins the DISTINCT: a row per organisation.
            .order_by()
            .values_list("country", flat=True)
            .distinct()
        )
        # A probe per organisation (8 ms at 100,000 agreements, a sixth of the page), the same
        # for every viewer of a scope until the data change: kept per scope.
        codes = kept_value(
            f"party-countries:{scope_for(user).key}",
            lambda: list(party_countries),
            seconds=settings.DASHBOARD_CACHE_SECONDS,
            using=router.db_for_read(Organization),
        )
        narrow_country_choices(form.fields["country"], codes)

    def get_export_columns(self):
        absolute = self.request.build_absolute_uri
        return [
            Column(_("ID"), lambda a: a.pk),
            Column(_("Title"), lambda a: a.title),
            Column(_("Kind"), lambda a: a.get_kind_display()),
            Column(_("Status"), lambda a: a.get_status_display()),
            Column(_("Signed on"), lambda a: iso_precise(a.signed_on, a.signed_on_precision)),
            Column(_("Place of signing"), lambda a: a.signed_place),
            Column(_("Entry into force"), lambda a: a.entry_into_force_on),
            Column(_("Expires on"), lambda a: a.expires_on),
            Column(_("Terminated on"), lambda a: a.terminated_on),
            Column(_("Reference number"), lambda a: a.reference_number),
            # Read from the annotations of get_export_queryset().
            Column(_("Parties"), lambda a: a.export_parties),
            Column(_("Countries"), lambda a: a.export_countries),
            Column(_("Topics"), lambda a: a.export_topics),
            Column(_("Meeting"), export_meeting),
            Column(_("Link"), lambda a: absolute(a.get_absolute_url())),
        ]

    def get_export_queryset(self, queryset):
        # The related names come as arrays from SQL, in the one query that reads the rows: as
        # model instances (2-5 parties with their organisations, topics, meeting, commission,
        # parent) they took about 1 ms a row (bench/README.md). modeltranslation's values()
        # with only an expression selects every column, hence annotate() and then values().
        parties = Party.objects.filter(agreement=OuterRef("pk"))
        topics = Topic.objects.filter(agreements=OuterRef("pk")).order_by("slug")
        return (
            queryset.select_related(None)
            .prefetch_related(None)
            .annotate(
                export_parties=ArraySubquery(
                    parties.annotate(label=organization_label("organization__"))
                    .order_by("order", "id")
                    .values("label")
                ),
                export_countries=ArraySubquery(
                    parties.exclude(organization__country="")
                    .order_by("organization__country")
                    .values("organization__country")
                    .distinct()
                ),
                export_topics=ArraySubquery(topics.annotate(label=translated_column("name")).values("label")),
                export_commission=translated_column("name", prefix="meeting__commission__"),
                export_meeting_number=F("meeting__number"),
            )
        )


def export_meeting(agreement):
    """str(agreement.meeting), from the export's annotations."""
    if agreement.meeting_id is None:
        return None
    return _("%(commission)s, meeting %(number)s") % {
        "commission": agreement.export_commission,
        "number": agreement.export_meeting_number,
    }


def organization_label(prefix: str = ""):
    """str(organization) in SQL: its name, else its short name, else #id, each with the
    language fallback."""
    return Coalesce(
        NullIf(translated_column("name", prefix=prefix), Value("")),
        NullIf(translated_column("short_name", prefix=prefix), Value("")),
        Concat(Value("#"), Cast(f"{prefix}id", CharField())),
        output_field=TextField(),
    )


class AgreementDetail(VisibleDetailView):
    model = Agreement
    template_name = "agreements/agreement_detail.html"
    context_object_name = "agreement"
    nav_section = "agreements"
    list_url_name = "agreements:agreement_list"
    list_title = _("Agreements")

    def get_queryset(self):
        return super().get_queryset().prefetch_related("labs", "programmes", "consortia")

    def get_context_data(self, **kwargs):
        agreement = self.object
        user = self.request.user
        visible = Agreement.objects.visible_to(user)
        parent = None
        if agreement.parent_id:
            parent = visible.with_status().filter(pk=agreement.parent_id).first()
        return super().get_context_data(
            parent=parent,
            children=visible.with_status().filter(parent=agreement).order_by("signed_on", "pk"),
            history=change_history(agreement, user) if is_staff_viewer(user) else None,
            history_admin_url=history_admin_url(agreement, user),
            **kwargs,
        )

    def get_jsonld(self):
        a = self.object
        data = {
            "@context": "https://schema.org",
            **agreement_ld(a, self.absolute),
            "abstract": a.summary,
            "legislationLegalForce": "InForce" if a.status == "in_force" else None,
            "legislationPassedBy": [organization_ld(p.organization, self.absolute) for p in a.parties.all()],
            "spatialCoverage": a.signed_place,
            "expires": a.expires_on,
            "about": [{"@type": "Thing", "name": t.name} for t in a.topics.all()],
            "sameAs": a.source_url,
        }
        return data


def history_admin_url(agreement, user):
    """The admin's History page, where editors restore an earlier version; None for others."""
    if not (is_editor(user) and user.has_perm("agreements.change_agreement")):
        return None
    return reverse("admin:agreements_agreement_history", args=[agreement.pk])


class AgreementHistory(VisibleDetailView):
    """Every recorded change of an agreement and the rows it owns, for staff (a 404 for others)."""

    model = Agreement
    template_name = "agreements/agreement_history.html"
    context_object_name = "agreement"
    nav_section = "agreements"
    list_url_name = "agreements:agreement_list"
    list_title = _("Agreements")
    paginate_by = 50

    def get_queryset(self):
        return Agreement.objects.visible_to(self.request.user)

    def get_object(self):
        if not is_staff_viewer(self.request.user):
            raise Http404
        return super().get_object()

    def get_breadcrumbs(self):
        return [
            {"label": self.list_title, "url": reverse(self.list_url_name)},
            {"label": str(self.object), "url": self.object.get_absolute_url()},
            {"label": _("Change history"), "url": None},
        ]

    def get_context_data(self, **kwargs):
        paginator = Paginator(agreement_events(self.object), self.paginate_by)
        page = paginator.get_page(self.request.GET.get("page"))
        return super().get_context_data(
            page_obj=page,
            history=change_history(self.object, self.request.user, events=page.object_list),
            history_admin_url=history_admin_url(self.object, self.request.user),
            **kwargs,
        )


# --- Documents ------------------------------------------------------------------------------


def document_download(request, pk):
    """The stored PDF, only to a viewer who may see its agreement; anyone else gets a 404."""
    document = get_object_or_404(Document.objects.visible_to(request.user), pk=pk)
    try:
        stream = document.file.open("rb")
    except (FileNotFoundError, ValueError) as error:
        raise Http404(_("The file of this document is missing.")) from error
    response = FileResponse(
        stream, as_attachment=True, filename=download_name(document), content_type="application/pdf"
    )
    response["X-Content-Type-Options"] = "nosniff"
    # Documents of internal agreements must not sit in a shared cache.
    response["Cache-Control"] = "private, no-store"
    return response


def download_name(document):
    stem = document.original_name.rsplit(".", 1)[0] if document.original_name else ""
    stem = get_valid_filename(stem or f"agreement-{document.agreement_id}-{document.kind}")
    return f"{stem[:100]}.pdf"


# --- Organisations --------------------------------------------------------------------------


class OrganizationList(FilteredListView):
    model = Organization
    filterset_class = OrganizationFilterSet
    template_name = "agreements/organization_list.html"
    title = _("Organisations")
    nav_section = "organizations"
    panel_fields = ("q", "kind", "country")
    headers = (
        Header(_("Name"), "name"),
        Header(_("Kind")),
        Header(_("Country"), "country"),
        Header(_("City")),
        Header(_("Part of")),
    )
    default_ordering = "name"
    export_name = "organisations"

    def prepare_form(self, form):
        super().prepare_form(form)
        codes = (
            Organization.objects.exclude(country="").order_by().values_list("country", flat=True).distinct()
        )
        narrow_country_choices(form.fields["country"], codes)

    def get_export_columns(self):
        absolute = self.request.build_absolute_uri
        return [
            Column(_("ID"), lambda o: o.pk),
            Column(_("Name"), lambda o: o.name),
            Column(_("Short name"), lambda o: o.short_name),
            Column(_("Kind"), lambda o: o.get_kind_display()),
            Column(_("Country"), lambda o: o.country.name if o.country else None),
            Column(_("City"), lambda o: o.city),
            Column(_("Website"), lambda o: o.website),
            Column(_("ROR ID"), lambda o: o.ror_id),
            Column(_("Part of"), lambda o: str(o.parent) if o.parent_id else None),
            Column(_("Successor"), lambda o: str(o.successor) if o.successor_id else None),
            Column(_("Link"), lambda o: absolute(o.get_absolute_url())),
        ]


class OrganizationDetail(VisibleDetailView):
    model = Organization
    template_name = "agreements/organization_detail.html"
    context_object_name = "organization"
    nav_section = "organizations"
    list_url_name = "agreements:organization_list"
    list_title = _("Organisations")

    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .prefetch_related(
                "contact_points",
                "children",
                "predecessors",
                "hosted_labs",
                "partner_labs__host",
                "memberships__consortium",
                "led_workstreams__consortium",
                "indicators",
            )
        )

    def get_context_data(self, **kwargs):
        organization = self.object
        user = self.request.user
        own_parties = Party.objects.filter(agreement=OuterRef("pk"), organization=organization)
        agreements = (
            Agreement.objects.visible_to(user)
            .filter(Exists(own_parties))
            .with_status()
            .defer("search_vector")
            .annotate(
                role=Subquery(own_parties.values("role")[:1]),
                name_as_signed=Subquery(
                    own_parties.annotate(shown=translated_column("name_as_signed")).values("shown")[:1]
                ),
            )
            .prefetch_related("programmes")
        )
        agreement_rows = list(agreements[:RELATED_LIMIT])
        agreement_count = len(agreement_rows) if len(agreement_rows) < RELATED_LIMIT else agreements.count()
        signatures = (
            Signatory.objects.visible_to(user)
            .filter(organization=organization)
            .select_related("person", "agreement")
            .order_by(F("agreement__signed_on").desc(nulls_last=True), "pk")[:RELATED_LIMIT]
        )
        programmes = {}
        for agreement in agreement_rows:
            agreement.role_label = Party.Role(agreement.role).label if agreement.role else ""
            for programme in agreement.programmes.all():
                programmes.setdefault(programme.pk, programme)
        return super().get_context_data(
            agreements=agreement_rows,
            agreement_count=agreement_count,
            agreements_url=f"{reverse('agreements:agreement_list')}?organization={organization.pk}",
            signatures=signatures,
            programmes=list(programmes.values()),
            **kwargs,
        )

    def get_jsonld(self):
        o = self.object
        data = {
            "@context": "https://schema.org",
            **organization_ld(o, self.absolute),
            "alternateName": o.short_name,
            "description": o.description,
            "address": {
                "@type": "PostalAddress",
                "addressCountry": o.country.code if o.country else None,
                "addressLocality": o.city,
            },
            "sameAs": [url for url in (o.website, f"https://ror.org/{o.ror_id}" if o.ror_id else "") if url],
            "parentOrganization": organization_ld(o.parent, self.absolute) if o.parent_id else None,
            "subOrganization": [organization_ld(c, self.absolute) for c in o.children.all()],
        }
        return data


# --- People ---------------------------------------------------------------------------------


class PersonList(FilteredListView):
    model = Person
    filterset_class = PersonFilterSet
    template_name = "agreements/person_list.html"
    title = _("People")
    nav_section = "people"
    panel_fields = ("q",)
    headers = (Header(_("Full name"), "full_name"), Header(_("ORCID iD")), Header(_("Agreements signed")))
    default_ordering = "full_name"
    export_name = "people"

    def get_queryset(self):
        signatures = (
            Signatory.objects.visible_to(self.request.user)
            .filter(person=OuterRef("pk"))
            .order_by()
            .values("person")
            .annotate(total=Count("pk"))
            .values("total")
        )
        return super().get_queryset().annotate(signed_count=Coalesce(Subquery(signatures), 0))

    def get_export_columns(self):
        absolute = self.request.build_absolute_uri
        return [
            Column(_("ID"), lambda p: p.pk),
            Column(_("Full name"), lambda p: p.full_name),
            Column(_("ORCID iD"), lambda p: p.orcid),
            Column(_("Agreements signed"), lambda p: p.signed_count),
            Column(_("Link"), lambda p: absolute(p.get_absolute_url())),
        ]


class PersonDetail(VisibleDetailView):
    model = Person
    template_name = "agreements/person_detail.html"
    context_object_name = "person"
    nav_section = "people"
    list_url_name = "agreements:person_list"
    list_title = _("People")

    def get_context_data(self, **kwargs):
        self.signatures = list(
            Signatory.objects.visible_to(self.request.user)
            .filter(person=self.object)
            .select_related("agreement", "organization")
            .order_by(F("agreement__signed_on").desc(nulls_last=True), "pk")
        )
        return super().get_context_data(signatures=self.signatures, **kwargs)

    def get_jsonld(self):
        p = self.object
        latest = self.signatures[0] if self.signatures else None
        return {
            "@context": "https://schema.org",
            "@type": "Person",
            "name": p.full_name,
            "url": self.absolute(p),
            "identifier": p.orcid,
            "sameAs": f"https://orcid.org/{p.orcid}" if p.orcid else None,
            "jobTitle": latest.position if latest else None,
            "affiliation": organization_ld(latest.organization, self.absolute)
            if latest and latest.organization_id
            else None,
        }


# --- Commissions and meetings ---------------------------------------------------------------


class CommissionList(FilteredListView):
    model = Commission
    filterset_class = CommissionFilterSet
    template_name = "agreements/commission_list.html"
    title = _("Commissions")
    nav_section = "commissions"
    panel_fields = ("q", "country")
    headers = (
        Header(_("Name"), "name"),
        Header(_("Countries")),
        Header(_("Established"), "established_on"),
        Header(_("Meetings held")),
        Header(_("Next meeting")),
    )
    default_ordering = "name"
    export_name = "commissions"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        for commission in context["object_list"]:
            meetings = commission.meetings.all()  # prefetched by for_list()
            commission.held_count = sum(1 for m in meetings if m.held_on)
            planned = sorted(
                (m for m in meetings if not m.held_on), key=lambda m: (m.planned_year or 9999, m.number)
            )
            commission.next_meeting = planned[0] if planned else None
        return context

    def prepare_form(self, form):
        super().prepare_form(form)
        values = Commission.objects.order_by().values_list("countries", flat=True).distinct()
        narrow_country_choices(form.fields["country"], split_countries(values))

    def get_export_columns(self):
        absolute = self.request.build_absolute_uri
        return [
            Column(_("ID"), lambda c: c.pk),
            Column(_("Name"), lambda c: c.name),
            Column(_("Countries"), lambda c: [country.name for country in c.countries]),
            Column(_("Established"), lambda c: c.established_on),
            Column(_("Meetings held"), lambda c: sum(1 for m in c.meetings.all() if m.held_on)),
            Column(_("Meetings planned"), lambda c: sum(1 for m in c.meetings.all() if not m.held_on)),
            Column(_("Link"), lambda c: absolute(c.get_absolute_url())),
        ]


class CommissionDetail(VisibleDetailView):
    model = Commission
    template_name = "agreements/commission_detail.html"
    context_object_name = "commission"
    nav_section = "commissions"
    list_url_name = "agreements:commission_list"
    list_title = _("Commissions")

    def get_queryset(self):
        agreements = Agreement.objects.visible_to(self.request.user).with_status().defer("search_vector")
        meetings = Meeting.objects.order_by("number").prefetch_related(
            Prefetch("agreements", queryset=agreements.order_by("signed_on", "pk")),
            "labs",
            "programmes",
        )
        return Commission.objects.visible_to(self.request.user).prefetch_related(
            Prefetch("meetings", queryset=meetings)
        )

    def get_jsonld(self):
        c = self.object
        return {
            "@context": "https://schema.org",
            "@type": "GovernmentOrganization",
            "name": c.name,
            "url": self.absolute(c),
            "description": c.description,
            "foundingDate": c.established_on,
            "areaServed": [{"@type": "Country", "name": country.code} for country in c.countries],
            "event": [meeting_ld(m, self.absolute) for m in c.meetings.all()],
        }


def meeting_ld(meeting, absolute):
    return {
        "@type": "Event",
        "name": str(meeting),
        "url": absolute(meeting),
        "startDate": (
            iso_precise(meeting.held_on, meeting.held_on_precision)
            if meeting.held_on
            else (str(meeting.planned_year) if meeting.planned_year else None)
        ),
        "eventStatus": "https://schema.org/EventScheduled",
        "location": {
            "@type": "Place",
            "name": meeting.place,
            "address": {"@type": "PostalAddress", "addressCountry": meeting.country.code or None},
        }
        if meeting.place or meeting.country
        else None,
    }


class MeetingList(FilteredListView):
    model = Meeting
    filterset_class = MeetingFilterSet
    template_name = "agreements/meeting_list.html"
    title = _("Meetings")
    nav_section = "meetings"
    panel_fields = ("q", "commission", "state", "year", "country")
    headers = (
        Header(_("Meeting"), "number"),
        Header(_("Date"), "held_on"),
        Header(_("Place")),
        Header(_("Country")),
    )
    export_name = "meetings"

    def prepare_form(self, form):
        super().prepare_form(form)
        codes = Meeting.objects.exclude(country="").order_by().values_list("country", flat=True).distinct()
        narrow_country_choices(form.fields["country"], codes)

    def get_export_columns(self):
        absolute = self.request.build_absolute_uri
        return [
            Column(_("ID"), lambda m: m.pk),
            Column(_("Commission"), lambda m: m.commission.name),
            Column(_("Number"), lambda m: m.number),
            Column(_("Held on"), lambda m: iso_precise(m.held_on, m.held_on_precision)),
            Column(_("Planned year"), lambda m: m.planned_year),
            Column(_("Place"), lambda m: m.place),
            Column(_("Country"), lambda m: m.country.name if m.country else None),
            Column(_("Link"), lambda m: absolute(m.get_absolute_url())),
        ]


class MeetingDetail(VisibleDetailView):
    model = Meeting
    template_name = "agreements/meeting_detail.html"
    context_object_name = "meeting"
    nav_section = "meetings"
    list_url_name = "agreements:meeting_list"
    list_title = _("Meetings")

    def get_queryset(self):
        agreements = Agreement.objects.visible_to(self.request.user).with_status().defer("search_vector")
        return (
            Meeting.objects.visible_to(self.request.user)
            .select_related("commission")
            .prefetch_related(
                Prefetch("agreements", queryset=agreements.order_by("signed_on", "pk")),
                "labs",
                "programmes",
            )
        )

    def get_breadcrumbs(self):
        commission = self.object.commission
        return [
            {"label": _("Commissions"), "url": reverse("agreements:commission_list")},
            {"label": commission.name, "url": commission.get_absolute_url()},
            {"label": _("Meeting %(number)s") % {"number": self.object.number}, "url": None},
        ]

    def get_context_data(self, **kwargs):
        meeting = self.object
        siblings = Meeting.objects.filter(commission_id=meeting.commission_id).order_by("number")
        return super().get_context_data(
            previous_meeting=siblings.filter(number__lt=meeting.number).order_by("-number").first(),
            next_meeting=siblings.filter(number__gt=meeting.number).first(),
            **kwargs,
        )

    def get_jsonld(self):
        m = self.object
        return {
            "@context": "https://schema.org",
            **meeting_ld(m, self.absolute),
            "description": m.summary,
            "organizer": {
                "@type": "GovernmentOrganization",
                "name": m.commission.name,
                "url": self.absolute(m.commission),
            },
            "sameAs": m.source_url,
        }
