"""API viewsets of the implementation layer: each names its model, serializer and the shared FilterSet."""

from agreements.api.views import hide_links
from portal.core.api import PortalViewSet

from ..filters import (
    ConsortiumFilterSet,
    IndicatorFilterSet,
    JointLabFilterSet,
    ProgrammeFilterSet,
    WorkstreamFilterSet,
)
from ..models import Consortium, Indicator, JointLab, Programme, Workstream
from .serializers import (
    ConsortiumSerializer,
    IndicatorSerializer,
    JointLabSerializer,
    ProgrammeSerializer,
    WorkstreamSerializer,
)


class ConsortiumViewSet(PortalViewSet):
    """The consortium and its member organisations."""

    queryset = Consortium.objects.all()
    serializer_class = ConsortiumSerializer
    filterset_class = ConsortiumFilterSet

    def get_queryset(self):
        return super().get_queryset().prefetch_related("memberships")

    def annotate_rows(self, queryset):
        return hide_links(queryset, self.request.user, "founding_agreement")


class WorkstreamViewSet(PortalViewSet):
    """The consortium's workstreams."""

    queryset = Workstream.objects.all()
    serializer_class = WorkstreamSerializer
    filterset_class = WorkstreamFilterSet


class JointLabViewSet(PortalViewSet):
    """Joint laboratories with their host and partner organisations."""

    queryset = JointLab.objects.all()
    serializer_class = JointLabSerializer
    filterset_class = JointLabFilterSet

    def annotate_rows(self, queryset):
        return hide_links(queryset, self.request.user, "founding_agreement")


class ProgrammeViewSet(PortalViewSet):
    """Internships, exchanges, research competitions, training and infrastructure programmes."""

    queryset = Programme.objects.all()
    serializer_class = ProgrammeSerializer
    filterset_class = ProgrammeFilterSet

    def annotate_rows(self, queryset):
        return hide_links(queryset, self.request.user, "agreement")


class IndicatorViewSet(PortalViewSet):
    """Headline figures, each with its date (`as_of`) and source."""

    queryset = Indicator.objects.all()
    serializer_class = IndicatorSerializer
    filterset_class = IndicatorFilterSet
