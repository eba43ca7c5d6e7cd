"""Fields stored in Kyrgyz, Russian and English (DESIGN.md principle 6)."""

import pghistory
from modeltranslation.translator import TranslationOptions, register

from agreements.models import history

from .models import Consortium, Indicator, JointLab, Membership, Programme, Workstream


@register(Consortium)
class ConsortiumTranslation(TranslationOptions):
    fields = ("name", "description")


@register(Workstream)
class WorkstreamTranslation(TranslationOptions):
    fields = ("title", "goal")


@register(JointLab)
class JointLabTranslation(TranslationOptions):
    fields = ("name", "field", "description")


@register(Programme)
class ProgrammeTranslation(TranslationOptions):
    fields = ("title", "period_note", "description")


@register(Indicator)
class IndicatorTranslation(TranslationOptions):
    fields = ("name", "unit", "source_note")


# Audit triggers go on after the per-language columns exist (see agreements.models.history).
for model in (Consortium, Membership, Workstream, JointLab, Programme, Indicator):
    history(model)

# A lab's topics and partner organisations are part of its record: audit the link tables.
for through, name in (
    (JointLab.topics.through, "JointLabTopicEvent"),
    (JointLab.partners.through, "JointLabPartnerEvent"),
):
    pghistory.track(
        pghistory.InsertEvent("add"),
        pghistory.DeleteEvent("remove"),
        obj_field=None,
        model_name=name,
        app_label="consortium",
    )(through)
