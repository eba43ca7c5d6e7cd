"""Factories with no surprising defaults: every agreement is public and undated unless a test says so."""

import datetime

import factory
from django.contrib.auth.models import Group, User

from agreements.models import (
    Agreement,
    Commission,
    Commitment,
    Meeting,
    Organization,
    Party,
    Person,
    Signatory,
    Topic,
)
from consortium.models import Consortium, Indicator, JointLab, Membership, Programme, Workstream


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    password = factory.django.Password("correct horse battery staple")

    @factory.post_generation
    def groups(self, create, extracted, **kwargs):
        for name in extracted or ():
            self.groups.add(Group.objects.get(name=name))


def editor(**kwargs):
    return UserFactory(groups=["Editors"], is_staff=True, **kwargs)


def staff_viewer(**kwargs):
    return UserFactory(groups=["Staff"], is_staff=True, **kwargs)


class OrganizationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organization

    name_en = factory.Sequence(lambda n: f"Organisation {n}")
    name_ru = factory.Sequence(lambda n: f"Организация {n}")
    name_ky = factory.Sequence(lambda n: f"Уюм {n}")
    kind = Organization.Kind.UNIVERSITY
    country = "KG"


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    full_name_en = factory.Sequence(lambda n: f"Person {n}")
    full_name_ru = factory.Sequence(lambda n: f"Персона {n}")


class TopicFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Topic
        django_get_or_create = ("slug",)

    slug = factory.Sequence(lambda n: f"topic-{n}")
    name_en = factory.Sequence(lambda n: f"Topic {n}")


class CommissionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Commission

    name_en = factory.Sequence(lambda n: f"Commission {n}")
    countries = ["KG", "CN"]


class MeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Meeting

    commission = factory.SubFactory(CommissionFactory)
    number = factory.Sequence(lambda n: n + 1)
    held_on = datetime.date(2025, 7, 1)


class AgreementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Agreement

    kind = Agreement.Kind.AGREEMENT
    title_en = factory.Sequence(lambda n: f"Agreement {n}")
    title_ru = factory.Sequence(lambda n: f"Соглашение {n}")
    signed_on = datetime.date(2023, 7, 20)


class PartyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Party

    agreement = factory.SubFactory(AgreementFactory)
    organization = factory.SubFactory(OrganizationFactory)


class SignatoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Signatory

    agreement = factory.SubFactory(AgreementFactory)
    person = factory.SubFactory(PersonFactory)


class CommitmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Commitment

    agreement = factory.SubFactory(AgreementFactory)
    text_en = factory.Sequence(lambda n: f"Commitment {n}")


class ConsortiumFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Consortium

    name_en = factory.Sequence(lambda n: f"Consortium {n}")


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    consortium = factory.SubFactory(ConsortiumFactory)
    organization = factory.SubFactory(OrganizationFactory)


class WorkstreamFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Workstream

    consortium = factory.SubFactory(ConsortiumFactory)
    title_en = factory.Sequence(lambda n: f"Workstream {n}")


class JointLabFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = JointLab

    name_en = factory.Sequence(lambda n: f"Laboratory {n}")
    status = JointLab.Status.OPERATING


class ProgrammeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Programme

    kind = Programme.Kind.INTERNSHIP
    title_en = factory.Sequence(lambda n: f"Programme {n}")


class IndicatorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Indicator

    name_en = factory.Sequence(lambda n: f"Indicator {n}")
    value = 10


# --- API keys (issue 4) ---------------------------------------------------------------------


def api_key(**owner) -> str:
    """Issue an API key for `organization=` or `user=` (plus e.g. `expiry_date=`); returns the key."""
    from portal.core.models import APIKey

    _obj, key = APIKey.objects.create_key(name=owner.pop("name", "test key"), **owner)
    return key
