"""API viewsets of the legal layer: each names its model, serializer and the shared FilterSet."""

from django.db.models import BooleanField, ExpressionWrapper, Prefetch

from portal.core.api import PortalViewSet, start_of_today
from portal.core.visibility import scope_for

from ..filters import (
    AgreementFilterSet,
    CommissionFilterSet,
    MeetingFilterSet,
    OrganizationFilterSet,
    PersonFilterSet,
    TopicFilterSet,
)
from ..models import (
    Agreement,
    Commission,
    Meeting,
    Organization,
    Party,
    Person,
    Signatory,
    Topic,
    agreement_visibility_q,
)
from .serializers import (
    AgreementSerializer,
    CommissionSerializer,
    MeetingSerializer,
    OrganizationSerializer,
    PersonSerializer,
    TopicSerializer,
)


def hide_links(queryset, user, *fields):
    """Annotate `<field>_visible` for each foreign key to an agreement, so that a serializer can
    leave out a link to an agreement the caller may not see (DESIGN.md section 6). The rule is
    section 6's own (`agreement_visibility_q`) applied through the join that `for_list()` makes
    anyway, so it costs no query and no scan. Editors see every agreement: no annotation.
    """
    if scope_for(user).sees_everything:
        return queryset
    return queryset.annotate(
        **{
            f"{field}_visible": ExpressionWrapper(
                agreement_visibility_q(user, prefix=f"{field}__"), output_field=BooleanField()
            )
            for field in fields
        }
    )


class OrganizationViewSet(PortalViewSet):
    """Organisations: academies, universities, ministries, institutes, foreign partners."""

    queryset = Organization.objects.all()
    serializer_class = OrganizationSerializer
    filterset_class = OrganizationFilterSet


class PersonViewSet(PortalViewSet):
    """People who signed agreements (no private contact data)."""

    queryset = Person.objects.all()
    serializer_class = PersonSerializer
    filterset_class = PersonFilterSet


class TopicViewSet(PortalViewSet):
    """Priority areas of cooperation; agreements and labs filter by their slug."""

    queryset = Topic.objects.all()
    serializer_class = TopicSerializer
    filterset_class = TopicFilterSet

    def get_queryset(self):
        # Topics are public and have no visibility or list queryset of their own.
        return Topic.objects.all()


class CommissionViewSet(PortalViewSet):
    """Intergovernmental commissions on scientific and technical cooperation, with their meetings' ids."""

    queryset = Commission.objects.all()
    serializer_class = CommissionSerializer
    filterset_class = CommissionFilterSet


class MeetingViewSet(PortalViewSet):
    """Commission meetings, held (`held_on`) or planned (`planned_year`)."""

    queryset = Meeting.objects.all()
    serializer_class = MeetingSerializer
    filterset_class = MeetingFilterSet


class AgreementViewSet(PortalViewSet):
    """Agreements, memoranda, protocols and roadmaps, with their derived `status`, parties and signatories.

    Partner keys see public agreements and the internal ones their organisation is a party to.
    Create and update accept `parties` and `signatories` nested, saved in one transaction."""

    queryset = Agreement.objects.all()
    serializer_class = AgreementSerializer
    filterset_class = AgreementFilterSet

    def get_queryset(self):
        # The API embeds parties and signatories with their organisations and people as ids, so
        # it prefetches the rows alone (for_list() joins each party's organisation for its name).
        return (
            super()
            .get_queryset()
            .prefetch_related(None)
            .prefetch_related(
                Prefetch("parties", queryset=Party.objects.order_by("order", "id")),
                Prefetch("signatories", queryset=Signatory.objects.order_by("order", "id")),
                "topics",
            )
        )

    def annotate_rows(self, queryset):
        return hide_links(queryset, self.request.user, "parent")

    def last_modified(self, response):
        # The status follows from today's date, so a detail is never older than today.
        modified = super().last_modified(response)
        return max(modified, start_of_today()) if modified else None
