"""API serializers of the implementation layer: field names as DESIGN.md section 4."""

from portal.core.serializers import (
    AgreementLinkMixin,
    PortalModelSerializer,
    RelatedURLField,
    RelatedURLListField,
)

from ..models import Consortium, Indicator, JointLab, Membership, Programme, Workstream


class MembershipSerializer(PortalModelSerializer):
    organization_url = RelatedURLField("api:organization-detail", source="organization_id")

    class Meta:
        model = Membership
        fields = ["organization", "organization_url", "role", "joined_on"]
        read_only_fields = fields


class ConsortiumSerializer(AgreementLinkMixin, PortalModelSerializer):
    url = RelatedURLField("api:consortium-detail", source="pk")
    founding_agreement_url = RelatedURLField("api:agreement-detail", source="founding_agreement_id")
    memberships = MembershipSerializer(many=True, read_only=True)
    agreement_links = ("founding_agreement",)

    class Meta:
        model = Consortium
        fields = [
            "id",
            "url",
            "name",
            "founding_agreement",
            "founding_agreement_url",
            "established_on",
            "description",
            "memberships",
            "created_at",
            "updated_at",
        ]


class WorkstreamSerializer(PortalModelSerializer):
    url = RelatedURLField("api:workstream-detail", source="pk")
    consortium_url = RelatedURLField("api:consortium-detail", source="consortium_id")
    lead_url = RelatedURLField("api:organization-detail", source="lead_id")

    class Meta:
        model = Workstream
        fields = [
            "id",
            "url",
            "consortium",
            "consortium_url",
            "title",
            "goal",
            "lead",
            "lead_url",
            "status",
            "order",
            "created_at",
            "updated_at",
        ]


class JointLabSerializer(AgreementLinkMixin, PortalModelSerializer):
    url = RelatedURLField("api:lab-detail", source="pk")
    topics_urls = RelatedURLListField("api:topic-detail", source="topics")
    host_url = RelatedURLField("api:organization-detail", source="host_id")
    partners_urls = RelatedURLListField("api:organization-detail", source="partners")
    founding_agreement_url = RelatedURLField("api:agreement-detail", source="founding_agreement_id")
    meeting_url = RelatedURLField("api:meeting-detail", source="meeting_id")
    agreement_links = ("founding_agreement",)

    class Meta:
        model = JointLab
        fields = [
            "id",
            "url",
            "name",
            "field",
            "topics",
            "topics_urls",
            "host",
            "host_url",
            "partners",
            "partners_urls",
            "countries",
            "founding_agreement",
            "founding_agreement_url",
            "meeting",
            "meeting_url",
            "established_on",
            "status",
            "description",
            "source_url",
            "created_at",
            "updated_at",
        ]


class ProgrammeSerializer(AgreementLinkMixin, PortalModelSerializer):
    url = RelatedURLField("api:programme-detail", source="pk")
    agreement_url = RelatedURLField("api:agreement-detail", source="agreement_id")
    meeting_url = RelatedURLField("api:meeting-detail", source="meeting_id")
    agreement_links = ("agreement",)

    class Meta:
        model = Programme
        fields = [
            "id",
            "url",
            "kind",
            "title",
            "agreement",
            "agreement_url",
            "meeting",
            "meeting_url",
            "countries",
            "places",
            "funding_cap",
            "currency",
            "starts_on",
            "ends_on",
            "period_note",
            "status",
            "description",
            "source_url",
            "created_at",
            "updated_at",
        ]


class IndicatorSerializer(PortalModelSerializer):
    url = RelatedURLField("api:indicator-detail", source="pk")
    organization_url = RelatedURLField("api:organization-detail", source="organization_id")

    class Meta:
        model = Indicator
        fields = [
            "id",
            "url",
            "name",
            "value",
            "qualifier",
            "unit",
            "as_of",
            "organization",
            "organization_url",
            "countries",
            "source_url",
            "source_note",
            "is_headline",
            "order",
            "created_at",
            "updated_at",
        ]
