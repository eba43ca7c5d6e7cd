"""Fields stored in Kyrgyz, Russian and English (DESIGN.md principle 6)."""

import pghistory
from modeltranslation.translator import TranslationOptions, register

from .models import (
    Agreement,
    Commission,
    Commitment,
    ContactPoint,
    Document,
    Meeting,
    Organization,
    Party,
    Person,
    Signatory,
    Topic,
    history,
)


@register(Organization)
class OrganizationTranslation(TranslationOptions):
    fields = ("name", "short_name", "city", "description")


@register(ContactPoint)
class ContactPointTranslation(TranslationOptions):
    fields = ("label", "address")


@register(Person)
class PersonTranslation(TranslationOptions):
    fields = ("full_name",)


@register(Topic)
class TopicTranslation(TranslationOptions):
    fields = ("name",)


@register(Commission)
class CommissionTranslation(TranslationOptions):
    fields = ("name", "description")


@register(Meeting)
class MeetingTranslation(TranslationOptions):
    fields = ("place", "summary")


@register(Agreement)
class AgreementTranslation(TranslationOptions):
    fields = ("title", "summary", "legal_basis", "signed_place")


@register(Party)
class PartyTranslation(TranslationOptions):
    fields = ("name_as_signed",)


@register(Signatory)
class SignatoryTranslation(TranslationOptions):
    fields = ("position",)


@register(Commitment)
class CommitmentTranslation(TranslationOptions):
    fields = ("text", "target_unit", "progress_note")


# Audit triggers go on after the per-language columns exist (see models.history).
for model in (
    Organization,
    ContactPoint,
    Person,
    Topic,
    Commission,
    Meeting,
    Agreement,
    Party,
    Signatory,
    Document,
    Commitment,
):
    history(model)

# Which topics an agreement carries is part of its record too: audit the link table.
pghistory.track(
    pghistory.InsertEvent("add"),
    pghistory.DeleteEvent("remove"),
    obj_field=None,
    model_name="AgreementTopicEvent",
    app_label="agreements",
)(Agreement.topics.through)
