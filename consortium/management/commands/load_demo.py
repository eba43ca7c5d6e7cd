"""`manage.py load_demo`: the facts of the seed texts, in Kyrgyz, Russian and English.

The facts live in `consortium/demo_data.py`; this command only writes them. It is idempotent:
every record is found by a natural key (a slug, an English name or title, or its parent and
position), and a row is saved only when a value differs, so a second run writes nothing and
leaves no audit rows. Everything happens in one transaction.
"""

import pghistory
from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import translation
from django_countries.fields import CountryField

from agreements.models import (
    Agreement,
    Commission,
    Commitment,
    ContactPoint,
    Meeting,
    Organization,
    Party,
    Person,
    Signatory,
    Topic,
)
from consortium import demo_data
from consortium.models import Consortium, Indicator, JointLab, Membership, Programme, Workstream

LANGUAGES = tuple(settings.MODELTRANSLATION_LANGUAGES)


def is_translated_text(value) -> bool:
    return isinstance(value, dict) and set(value) == set(LANGUAGES)


def expand(values: dict) -> dict:
    """Turn {"name": {"ky": .., "ru": .., "en": ..}} into {"name_ky": .., "name_ru": .., ...}."""
    expanded = {}
    for name, value in values.items():
        if isinstance(value, dict):
            if not is_translated_text(value):
                raise ValueError(f"{name}: a text needs exactly the languages {LANGUAGES}")
            for lang in LANGUAGES:
                if not value[lang]:
                    raise ValueError(f"{name}: the {lang} text is empty")
                expanded[f"{name}_{lang}"] = value[lang]
        else:
            expanded[name] = value
    return expanded


def validate(obj):
    """full_clean(), leaving the single-country fields to the database's CHECK constraint.

    django-countries reduces the `country__regex` half of `organization_country_iso` to an empty
    match, so Django's Python-side check of that constraint refuses every country code.
    """
    obj.full_clean(
        exclude=[
            field.name
            for field in obj._meta.concrete_fields
            if isinstance(field, CountryField) and not field.multiple
        ]
    )


def same_value(obj, name: str, wanted) -> bool:
    field = obj._meta.get_field(name)
    if field.many_to_one:
        return getattr(obj, field.attname) == (wanted.pk if wanted is not None else None)
    current = getattr(obj, name)
    if isinstance(field, CountryField):
        if field.multiple:
            return sorted(country.code for country in current) == sorted(wanted)
        return (current.code or "") == (wanted or "")
    return current == wanted


class DemoLoader:
    """Writes demo_data into the database, counting what it created and changed."""

    def __init__(self):
        self.created = 0
        self.updated = 0
        self.unchanged = 0
        self.linked = 0  # many-to-many links (topics) set or changed
        self.topics: dict[str, Topic] = {}
        self.organizations: dict[str, Organization] = {}
        self.people: dict[str, Person] = {}
        self.commissions: dict[str, Commission] = {}
        self.meetings: dict[str, Meeting] = {}
        self.agreements: dict[str, Agreement] = {}

    # --- the two primitives ---------------------------------------------------------------

    def upsert(self, model, key: dict, values: dict):
        """Find the row by its natural key; create it, or save it only if a value differs."""
        key, values = expand(key), expand(values)
        obj = model._default_manager.filter(**key).first()
        if obj is None:
            obj = model(**{**key, **values})
            validate(obj)
            obj.save()
            self.created += 1
            return obj
        changed = [name for name, value in values.items() if not same_value(obj, name, value)]
        if not changed:
            self.unchanged += 1
            return obj
        for name in changed:
            setattr(obj, name, values[name])
        validate(obj)
        obj.save()
        self.updated += 1
        return obj

    def set_related(self, obj, name: str, targets: list):
        manager = getattr(obj, name)
        if set(manager.values_list("pk", flat=True)) != {target.pk for target in targets}:
            manager.set(targets)
            self.linked += 1

    # --- the records, in dependency order --------------------------------------------------

    def run(self):
        self.load_topics()
        self.load_organizations()
        self.load_people()
        self.load_commissions()
        self.load_agreements()
        self.load_consortia()
        self.load_labs()
        self.load_programmes()
        self.load_indicators()

    def load_topics(self):
        for slug, name in demo_data.TOPICS.items():
            self.topics[slug] = self.upsert(Topic, {"slug": slug}, {"name": name})

    def load_organizations(self):
        for key, record in demo_data.ORGANIZATIONS.items():
            values = dict(record)
            name = values.pop("name")
            self.organizations[key] = self.upsert(
                Organization, {"name_en": name["en"]}, {"name": name, **values}
            )
        for record in demo_data.CONTACT_POINTS:
            values = dict(record)
            organization = self.organizations[values.pop("organization")]
            label = values.pop("label")
            self.upsert(
                ContactPoint,
                {"organization": organization, "label_en": label["en"]},
                {"label": label, **values},
            )

    def load_people(self):
        for key, full_name in demo_data.PEOPLE.items():
            self.people[key] = self.upsert(
                Person, {"full_name_en": full_name["en"]}, {"full_name": full_name}
            )

    def load_commissions(self):
        for key, record in demo_data.COMMISSIONS.items():
            values = dict(record)
            name = values.pop("name")
            self.commissions[key] = self.upsert(Commission, {"name_en": name["en"]}, {"name": name, **values})
        for key, record in demo_data.MEETINGS.items():
            values = dict(record)
            commission = self.commissions[values.pop("commission")]
            number = values.pop("number")
            self.meetings[key] = self.upsert(Meeting, {"commission": commission, "number": number}, values)

    def load_agreements(self):
        for key, record in demo_data.AGREEMENTS.items():
            values = dict(record)
            title = values.pop("title")
            parties = values.pop("parties")
            signatories = values.pop("signatories")
            commitments = values.pop("commitments")
            topics = values.pop("topics")
            if "meeting" in values:
                values["meeting"] = self.meetings[values["meeting"]]
            agreement = self.upsert(Agreement, {"title_en": title["en"]}, {"title": title, **values})
            self.agreements[key] = agreement
            self.set_related(agreement, "topics", [self.topics[slug] for slug in topics])
            for order, organization_key in enumerate(parties, start=1):
                self.upsert(
                    Party,
                    {"agreement": agreement, "organization": self.organizations[organization_key]},
                    {"role": Party.Role.PARTY, "order": order},
                )
            for order, signatory in enumerate(signatories, start=1):
                self.upsert(
                    Signatory,
                    {"agreement": agreement, "person": self.people[signatory["person"]]},
                    {
                        "organization": self.organizations[signatory["organization"]],
                        "position": signatory["position"],
                        "order": order,
                    },
                )
            for order, commitment in enumerate(commitments, start=1):
                self.upsert(
                    Commitment,
                    {"agreement": agreement, "text_en": commitment["text"]["en"]},
                    {
                        "text": commitment["text"],
                        "responsible": self.organizations[commitment["responsible"]],
                        "order": order,
                    },
                )

    def load_consortia(self):
        for record in demo_data.CONSORTIA.values():
            consortium = self.upsert(
                Consortium,
                {"name_en": record["name"]["en"]},
                {
                    "name": record["name"],
                    "founding_agreement": self.agreements[record["founding_agreement"]],
                    "description": record["description"],
                },
            )
            for organization_key in record["founders"]:
                self.upsert(
                    Membership,
                    {"consortium": consortium, "organization": self.organizations[organization_key]},
                    {"role": Membership.Role.FOUNDER},
                )
            for order, workstream in enumerate(record["workstreams"], start=1):
                self.upsert(
                    Workstream,
                    {"consortium": consortium, "title_en": workstream["title"]["en"]},
                    {"title": workstream["title"], "goal": workstream["goal"], "order": order},
                )

    def load_labs(self):
        defaults = dict(demo_data.JOINT_LAB_DEFAULTS)
        defaults["meeting"] = self.meetings[defaults["meeting"]]
        for record in demo_data.JOINT_LABS:
            lab = self.upsert(
                JointLab,
                {"name_en": record["name"]["en"]},
                {"name": record["name"], "field": record["field"], **defaults},
            )
            self.set_related(lab, "topics", [self.topics[slug] for slug in record["topics"]])

    def load_programmes(self):
        defaults = dict(demo_data.PROGRAMME_DEFAULTS)
        defaults["meeting"] = self.meetings[defaults["meeting"]]
        for record in demo_data.PROGRAMMES:
            values = dict(record)
            title = values.pop("title")
            self.upsert(Programme, {"title_en": title["en"]}, {"title": title, **defaults, **values})

    def load_indicators(self):
        for record in demo_data.INDICATORS:
            values = dict(record)
            name = values.pop("name")
            if "organization" in values:
                values["organization"] = self.organizations[values["organization"]]
            self.upsert(Indicator, {"name_en": name["en"]}, {"name": name, **values})


class Command(BaseCommand):
    help = "Load the facts of the seed texts (shared/seeds/) in ky, ru and en; safe to run again."

    def handle(self, *args, **options):
        loader = DemoLoader()
        # The untranslated column of each translated field takes the default language (ky),
        # whatever language the caller had active, so a rerun never rewrites it.
        with (
            translation.override(settings.MODELTRANSLATION_DEFAULT_LANGUAGE),
            transaction.atomic(),
            pghistory.context(command="load_demo"),
        ):
            loader.run()
        self.stdout.write(
            f"Demo data: {loader.created} created, {loader.updated} updated, "
            f"{loader.linked} linked, {loader.unchanged} unchanged."
        )
