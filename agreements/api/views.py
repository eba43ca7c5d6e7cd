"""API viewsets of the legal layer: each names its model, serializer and the shared FilterSet."""

from django.db.models import Exists, OuterRef, Prefetch

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
from ..models import Agreement, Commission, Meeting, Organization, Person, Signatory, Topic
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
    leave out a link to an agreement the caller may not see (DESIGN.md section 6). Editors see
    every agreement, so their queries carry no such annotation.
    """
    if scope_for(user).sees_everything:
        return queryset
    visible = Agreement.objects.visible_to(user)
    return queryset.annotate(
        **{f"{field}_visible": Exists(visible.filter(pk=OuterRef(field))) for field in fields}
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
        queryset = (
            super()
            .get_queryset()
            .prefetch_related(
                # The list embeds signatories too; for_list() prefetches parties and topics.
                Prefetch("signatories", queryset=Signatory.objects.order_by("order", "id"))
            )
        )
        return hide_links(queryset, self.request.user, "parent")

    def last_modified(self, response):
        # The status follows from today's date, so a detail is never older than today.
        modified = super().last_modified(response)
        return max(modified, start_of_today()) if modified else None
