"""API serializers of the legal layer: field names as DESIGN.md section 4."""

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from portal.core.serializers import (
    AgreementLinkMixin,
    PortalModelSerializer,
    RelatedURLField,
    RelatedURLListField,
    RowListSerializer,
    StrictPrimaryKeyRelatedField,
)

from ..models import (
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
from ..services import AgreementInvalid, save_agreement

# Nested rows per agreement: far more than any real instrument has, few enough to bound a request.
MAX_NESTED_ROWS = 200


class OrganizationSerializer(PortalModelSerializer):
    url = RelatedURLField("api:organization-detail", source="pk")
    parent_url = RelatedURLField("api:organization-detail", source="parent_id")
    successor_url = RelatedURLField("api:organization-detail", source="successor_id")

    class Meta:
        model = Organization
        fields = [
            "id",
            "url",
            "name",
            "short_name",
            "kind",
            "country",
            "city",
            "website",
            "ror_id",
            "parent",
            "parent_url",
            "successor",
            "successor_url",
            "description",
            "created_at",
            "updated_at",
        ]


class PersonSerializer(PortalModelSerializer):
    url = RelatedURLField("api:person-detail", source="pk")

    class Meta:
        model = Person
        fields = ["id", "url", "full_name", "orcid", "created_at", "updated_at"]


class TopicSerializer(PortalModelSerializer):
    url = RelatedURLField("api:topic-detail", source="pk")

    class Meta:
        model = Topic
        fields = ["id", "url", "slug", "name"]


class CommissionSerializer(PortalModelSerializer):
    url = RelatedURLField("api:commission-detail", source="pk")
    meetings = serializers.PrimaryKeyRelatedField(many=True, read_only=True)
    meetings_urls = RelatedURLListField("api:meeting-detail", source="meetings")

    class Meta:
        model = Commission
        fields = [
            "id",
            "url",
            "name",
            "countries",
            "established_on",
            "description",
            "meetings",
            "meetings_urls",
            "created_at",
            "updated_at",
        ]


class MeetingSerializer(PortalModelSerializer):
    url = RelatedURLField("api:meeting-detail", source="pk")
    commission_url = RelatedURLField("api:commission-detail", source="commission_id")

    class Meta:
        model = Meeting
        fields = [
            "id",
            "url",
            "commission",
            "commission_url",
            "number",
            "held_on",
            "held_on_precision",
            "planned_year",
            "place",
            "country",
            "summary",
            "source_url",
            "created_at",
            "updated_at",
        ]


class PartySerializer(PortalModelSerializer):
    organization_url = RelatedURLField("api:organization-detail", source="organization_id")
    validation_exclude = ("agreement",)

    class Meta:
        model = Party
        list_serializer_class = RowListSerializer
        fields = ["id", "organization", "organization_url", "role", "name_as_signed", "order"]


class SignatorySerializer(PortalModelSerializer):
    person_url = RelatedURLField("api:person-detail", source="person_id")
    organization_url = RelatedURLField("api:organization-detail", source="organization_id")
    validation_exclude = ("agreement",)

    class Meta:
        model = Signatory
        list_serializer_class = RowListSerializer
        fields = ["id", "person", "person_url", "organization", "organization_url", "position", "order"]


def _duplicates(rows, key) -> list[dict]:
    seen, errors = set(), []
    for row in rows:
        value = getattr(row.get(key), "pk", None)
        errors.append({key: [_("This one appears twice.")]} if value in seen else {})
        seen.add(value)
    return errors


class AgreementSerializer(AgreementLinkMixin, PortalModelSerializer):
    """An agreement with its derived `status`, embedding its parties and signatories; on create
    and update they are accepted nested and saved with it in one transaction.
    """

    url = RelatedURLField("api:agreement-detail", source="pk")
    status = serializers.ChoiceField(choices=AgreementStatus.choices, read_only=True)
    parent = StrictPrimaryKeyRelatedField(
        queryset=Agreement.objects.all(),
        allow_null=True,
        required=False,
        help_text=_("The instrument this one belongs to (null when the caller may not see it)."),
    )
    parent_url = RelatedURLField("api:agreement-detail", source="parent_id")
    meeting_url = RelatedURLField("api:meeting-detail", source="meeting_id")
    topics = StrictPrimaryKeyRelatedField(many=True, queryset=Topic.objects.all(), required=False)
    topics_urls = RelatedURLListField("api:topic-detail", source="topics")
    parties = PartySerializer(many=True, required=False, max_length=MAX_NESTED_ROWS)
    signatories = SignatorySerializer(many=True, required=False, max_length=MAX_NESTED_ROWS)
    # A link to an instrument the caller may not see is left out (see views.hide_links).
    agreement_links = ("parent",)

    class Meta:
        model = Agreement
        fields = [
            "id",
            "url",
            "kind",
            "title",
            "summary",
            "legal_basis",
            "reference_number",
            "signed_on",
            "signed_on_precision",
            "signed_place",
            "entry_into_force_on",
            "expires_on",
            "terminated_on",
            "status",
            "parent",
            "parent_url",
            "meeting",
            "meeting_url",
            "topics",
            "topics_urls",
            "visibility",
            "source_url",
            "parties",
            "signatories",
            "created_at",
            "updated_at",
        ]

    def validate(self, attrs):
        attrs = super().validate(attrs)
        errors = {}
        for name, key in (("parties", "organization"), ("signatories", "person")):
            if name in attrs:
                duplicates = _duplicates(attrs[name], key)
                if any(duplicates):
                    errors[name] = duplicates
        if errors:
            raise serializers.ValidationError(errors)
        return attrs

    def save_nested(self, instance, attrs):
        fields = dict(attrs)
        topics = fields.pop("topics", None)
        parties = fields.pop("parties", None)
        signatories = fields.pop("signatories", None)
        try:
            return save_agreement(instance, fields, topics=topics, parties=parties, signatories=signatories)
        except AgreementInvalid as exc:
            raise serializers.ValidationError(exc.errors) from exc

    def create(self, validated_data):
        return self.save_nested(None, validated_data)

    def update(self, instance, validated_data):
        return self.save_nested(instance, validated_data)
