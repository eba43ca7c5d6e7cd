"""Every resource of /api/v1/ keeps the shared contract (tests/api/base.py); each class only
supplies its data.
"""

import datetime

from agreements.models import Agreement, Commission, Meeting, Organization, Person, Topic
from consortium.models import Consortium, Indicator, JointLab, Programme, Workstream
from portal.core.visibility import Visibility
from tests import factories as f
from tests.api.base import ResourceContract


def both_languages(prefix: str, n: int) -> dict:
    return {f"{prefix}_en": f"English {prefix} {n}", f"{prefix}_ru": f"Русский {prefix} {n}"}


class TestOrganizations(ResourceContract):
    resource = "organizations"
    model = Organization
    invalid_filters = {"kind": "castle", "country": "XX", "parent": "abc", "ordering": "nonsense", "id": "x"}

    def make(self, **kwargs):
        return f.OrganizationFactory(**kwargs)

    def filter_cases(self):
        kz = self.make(country="KZ", kind=Organization.Kind.ACADEMY, name_en="Kazakh Academy of Sciences")
        kg = self.make(country="KG", kind=Organization.Kind.UNIVERSITY)
        child = self.make(parent=kz)
        return [
            ({"country": "KZ"}, [kz], [kg]),
            ({"kind": "academy"}, [kz], [kg]),
            ({"parent": kz.pk}, [child], [kz, kg]),
            ({"q": "Kazakh"}, [kz], [kg]),
            ({"id": f"{kz.pk},{kg.pk}"}, [kz, kg], [child]),
        ]

    def create_payload(self):
        return {"name_en": "Kazakh National University", "kind": "university", "country": "KZ", "ror_id": ""}

    def make_full(self):
        return self.make(parent=f.OrganizationFactory(), successor=f.OrganizationFactory())


class TestPeople(ResourceContract):
    resource = "people"
    model = Person
    translated = "full_name"
    invalid_filters = {"organization": "abc", "ordering": "age"}

    def make(self, **kwargs):
        return f.PersonFactory(**kwargs)

    def filter_cases(self):
        signer = self.make(full_name_en="Kanat Abdrakhmatov")
        other = self.make()
        org = f.OrganizationFactory()
        f.SignatoryFactory(person=signer, organization=org)
        return [({"organization": org.pk}, [signer], [other]), ({"q": "Abdrakhmatov"}, [signer], [other])]

    def create_payload(self):
        return {"full_name_en": "Jane Roe", "orcid": "0000-0002-1825-0097"}


class TestTopics(ResourceContract):
    resource = "topics"
    model = Topic
    invalid_filters = {"id": "one"}

    def make(self, **kwargs):
        n = Topic.objects.count()
        return f.TopicFactory(**{**both_languages("name", n), **kwargs})

    def filter_cases(self):
        green = self.make(slug="green-technologies")
        other = self.make()
        return [({"slug": "green-technologies"}, [green], [other])]

    def create_payload(self):
        return {"slug": "smart-agriculture", "name_en": "Smart agriculture", "name_ky": "Акылдуу айыл чарба"}


class TestCommissions(ResourceContract):
    resource = "commissions"
    model = Commission
    invalid_filters = {"country": "ZZ", "ordering": "size"}

    def make(self, **kwargs):
        n = Commission.objects.count()
        return f.CommissionFactory(**{**both_languages("name", n), **kwargs})

    def make_full(self):
        commission = self.make()
        f.MeetingFactory(commission=commission, number=1)
        f.MeetingFactory(commission=commission, number=2)
        return commission

    def filter_cases(self):
        chinese = self.make(countries=["KG", "CN"])
        turkish = self.make(countries=["KG", "TR"])
        return [({"country": "CN"}, [chinese], [turkish])]

    def create_payload(self):
        return {
            "name_en": "Kyrgyz-Kazakh Commission",
            "countries": ["KG", "KZ"],
            "established_on": "2019-05-01",
        }

    def test_commission_lists_its_meetings(self, api_anonymous):
        commission = self.make_full()
        data = api_anonymous.get(self.detail_url(commission.pk)).json()
        meetings = list(commission.meetings.order_by("number").values_list("pk", flat=True))
        assert sorted(data["meetings"]) == sorted(meetings)
        assert len(data["meetings_urls"]) == 2


class TestMeetings(ResourceContract):
    resource = "meetings"
    model = Meeting
    translated = "place"
    invalid_filters = {"commission": "abc", "state": "someday", "year": "20x6"}

    def make(self, **kwargs):
        n = Meeting.objects.count()
        return f.MeetingFactory(**{**both_languages("place", n), **kwargs})

    def filter_cases(self):
        commission = f.CommissionFactory()
        held = self.make(commission=commission, number=1, held_on=datetime.date(2024, 6, 1))
        planned = self.make(commission=commission, number=2, held_on=None, planned_year=2027, country="CN")
        elsewhere = self.make()
        return [
            ({"commission": commission.pk}, [held, planned], [elsewhere]),
            ({"state": "planned"}, [planned], [held]),
            ({"year": 2027}, [planned], [held]),
            ({"country": "CN"}, [planned], [held]),
        ]

    def create_payload(self):
        commission = Commission.objects.first() or f.CommissionFactory()
        return {
            "commission": commission.pk,
            "number": 7,
            "planned_year": 2027,
            "place_en": "Beijing",
            "country": "CN",
        }

    def test_constraint_becomes_a_400(self, api_editor):
        commission = f.CommissionFactory()
        # Neither held nor planned: a check constraint in the database, a message here.
        response = api_editor.post(self.list_url(), {"commission": commission.pk, "number": 1}, format="json")
        assert response.status_code == 400
        assert "held_on" in response.json()
        self.make(commission=commission, number=3)
        duplicate = api_editor.post(
            self.list_url(), {"commission": commission.pk, "number": 3, "planned_year": 2030}, format="json"
        )
        assert duplicate.status_code == 400, duplicate.content


class TestConsortia(ResourceContract):
    resource = "consortia"
    model = Consortium
    invalid_filters = {"organization": "abc"}

    def make(self, **kwargs):
        n = Consortium.objects.count()
        return f.ConsortiumFactory(**{**both_languages("name", n), **kwargs})

    def make_full(self):
        consortium = self.make(founding_agreement=f.AgreementFactory())
        f.MembershipFactory(consortium=consortium)
        f.MembershipFactory(consortium=consortium)
        return consortium

    def filter_cases(self):
        consortium = self.make()
        member = f.MembershipFactory(consortium=consortium).organization
        other = self.make()
        return [({"organization": member.pk}, [consortium], [other])]

    def create_payload(self):
        return {"name_en": "Consortium of Kyrgyz and Chinese universities", "established_on": "2024-04-01"}

    def test_link_to_a_hidden_agreement_is_left_out(self, clients):
        secret = f.AgreementFactory(visibility=Visibility.CONFIDENTIAL)
        consortium = self.make(founding_agreement=secret)
        for role in ("anonymous", "partner", "staff"):
            data = clients[role].get(self.detail_url(consortium.pk)).json()
            assert data["founding_agreement"] is None and data["founding_agreement_url"] is None
        assert clients["editor"].get(self.detail_url(consortium.pk)).json()["founding_agreement"] == secret.pk


class TestWorkstreams(ResourceContract):
    resource = "workstreams"
    model = Workstream
    translated = "title"
    invalid_filters = {"status": "paused", "consortium": "x", "lead": "x"}

    def make(self, **kwargs):
        n = Workstream.objects.count()
        return f.WorkstreamFactory(**{**both_languages("title", n), **kwargs})

    def make_full(self):
        return self.make(lead=f.OrganizationFactory())

    def filter_cases(self):
        lead = f.OrganizationFactory()
        active = self.make(status=Workstream.Status.ACTIVE, lead=lead)
        planned = self.make(status=Workstream.Status.PLANNED)
        return [
            ({"status": "active"}, [active], [planned]),
            ({"lead": lead.pk}, [active], [planned]),
            ({"consortium": active.consortium_id}, [active], [planned]),
        ]

    def create_payload(self):
        consortium = Consortium.objects.first() or f.ConsortiumFactory()
        return {"consortium": consortium.pk, "title_en": "Joint research", "status": "active", "order": 1}


class TestLabs(ResourceContract):
    resource = "labs"
    model = JointLab
    invalid_filters = {"status": "dreaming", "topic": "no-such-topic", "country": "XX", "agreement": "abc"}

    def make(self, **kwargs):
        n = JointLab.objects.count()
        return f.JointLabFactory(**{**both_languages("name", n), **kwargs})

    def make_full(self):
        lab = self.make(host=f.OrganizationFactory(), founding_agreement=f.AgreementFactory())
        lab.partners.set([f.OrganizationFactory(), f.OrganizationFactory()])
        lab.topics.set([f.TopicFactory()])
        return lab

    def filter_cases(self):
        partner = f.OrganizationFactory(country="CN")
        topic = f.TopicFactory(slug="veterinary-medicine")
        vet = self.make(countries=["KG", "CN"], status=JointLab.Status.OPERATING)
        vet.partners.set([partner])
        vet.topics.set([topic])
        planned = self.make(status=JointLab.Status.PLANNED)
        return [
            ({"organization": partner.pk}, [vet], [planned]),
            ({"topic": "veterinary-medicine"}, [vet], [planned]),
            ({"country": "CN"}, [vet], [planned]),
            ({"status": "planned"}, [planned], [vet]),
        ]

    def create_payload(self):
        host = Organization.objects.first() or f.OrganizationFactory()
        partner = f.OrganizationFactory()
        return {
            "name_en": "Kyrgyz-Chinese Laboratory of Veterinary Medicine",
            "status": "operating",
            "host": host.pk,
            "partners": [partner.pk],
            "countries": ["KG", "CN"],
        }

    def test_partners_are_ids_and_urls(self, api_anonymous):
        lab = self.make_full()
        data = api_anonymous.get(self.detail_url(lab.pk)).json()
        partners = sorted(lab.partners.values_list("pk", flat=True))
        assert sorted(data["partners"]) == partners
        assert sorted(data["partners_urls"]) == sorted(
            f"http://testserver/api/v1/organizations/{pk}/" for pk in partners
        )

    def test_filter_by_a_hidden_agreement_is_refused_like_a_missing_one(self, clients):
        secret = f.AgreementFactory(visibility=Visibility.CONFIDENTIAL)
        lab = self.make(founding_agreement=secret)
        assert clients["anonymous"].get(self.list_url(agreement=secret.pk)).status_code == 400
        assert clients["anonymous"].get(self.detail_url(lab.pk)).json()["founding_agreement"] is None
        assert result_ids_for(clients["editor"], self.list_url(agreement=secret.pk)) == [lab.pk]


def result_ids_for(client, url):
    return [row["id"] for row in client.get(url).json()["results"]]


class TestProgrammes(ResourceContract):
    resource = "programmes"
    model = Programme
    translated = "title"
    invalid_filters = {"kind": "party", "status": "maybe", "meeting": "x"}

    def make(self, **kwargs):
        n = Programme.objects.count()
        return f.ProgrammeFactory(**{**both_languages("title", n), **kwargs})

    def make_full(self):
        return self.make(agreement=f.AgreementFactory(), meeting=f.MeetingFactory())

    def filter_cases(self):
        grant = self.make(
            kind=Programme.Kind.RESEARCH_COMPETITION, status=Programme.Status.OPEN, countries=["CN"]
        )
        internship = self.make(kind=Programme.Kind.INTERNSHIP)
        return [
            ({"kind": "research_competition"}, [grant], [internship]),
            ({"status": "open"}, [grant], [internship]),
            ({"country": "CN"}, [grant], [internship]),
        ]

    def create_payload(self):
        return {
            "kind": "research_competition",
            "title_en": "Joint research projects",
            "funding_cap": "1500000.00",
            "currency": "CNY",
            "places": 10,
            "starts_on": "2025-01-01",
            "ends_on": "2026-12-31",
        }

    def test_model_rules_are_400s(self, api_editor):
        bad = {**self.create_payload(), "currency": "", "ends_on": "2024-01-01"}
        response = api_editor.post(self.list_url(), bad, format="json")
        assert response.status_code == 400
        assert Programme.objects.count() == 0


class TestIndicators(ResourceContract):
    resource = "indicators"
    model = Indicator
    invalid_filters = {"qualifier": "roughly", "as_of_after": "2024-13-01", "as_of_before": "soon"}

    def make(self, **kwargs):
        n = Indicator.objects.count()
        return f.IndicatorFactory(**{**both_languages("name", n), **kwargs})

    def make_full(self):
        return self.make(organization=f.OrganizationFactory())

    def filter_cases(self):
        headline = self.make(is_headline=True, as_of=datetime.date(2025, 1, 1), qualifier="more_than")
        other = self.make(as_of=datetime.date(2020, 1, 1))
        return [
            ({"is_headline": "true"}, [headline], [other]),
            ({"as_of_after": "2024-01-01"}, [headline], [other]),
            ({"qualifier": "more_than"}, [headline], [other]),
        ]

    def create_payload(self):
        return {
            "name_en": "Kyrgyz students in China",
            "value": "4200.00",
            "qualifier": "more_than",
            "unit_en": "students",
        }

    def test_negative_value_is_a_400(self, api_editor):
        response = api_editor.post(self.list_url(), {**self.create_payload(), "value": "-1"}, format="json")
        assert response.status_code == 400
        assert "value" in response.json()


class TestAgreements(ResourceContract):
    resource = "agreements"
    model = Agreement
    translated = "title"
    invalid_filters = {
        "status": "eternal",
        "kind": "treaty",
        "country": "XX",
        "organization": "abc",
        "topic": "no-such-topic",
        "signed_after": "2023-02-30",
        "signed_before": "yesterday",
        "ordering": "price",
        "year": "twenty",
    }

    def make(self, **kwargs):
        return f.AgreementFactory(**kwargs)

    def make_full(self):
        agreement = self.make(meeting=f.MeetingFactory(), parent=f.AgreementFactory())
        f.PartyFactory(agreement=agreement)
        f.PartyFactory(agreement=agreement)
        f.SignatoryFactory(agreement=agreement)
        f.SignatoryFactory(agreement=agreement)
        agreement.topics.set([f.TopicFactory()])
        return agreement

    def filter_cases(self):
        chinese = f.OrganizationFactory(country="CN")
        topic = f.TopicFactory(slug="green-technologies")
        in_period = self.make(signed_on=datetime.date(2023, 7, 20), kind=Agreement.Kind.MEMORANDUM)
        f.PartyFactory(agreement=in_period, organization=chinese)
        in_period.topics.set([topic])
        before = self.make(signed_on=datetime.date(2019, 1, 10))
        f.PartyFactory(agreement=before, organization=chinese)
        draft = self.make(signed_on=None, title_en="Roadmap on cultural heritage")
        return [
            (
                {"country": "CN", "signed_after": "2023-01-01", "signed_before": "2023-12-31"},
                [in_period],
                [before],
            ),
            ({"organization": chinese.pk}, [in_period, before], [draft]),
            ({"topic": "green-technologies"}, [in_period], [before]),
            ({"kind": "memorandum"}, [in_period], [before]),
            ({"status": "draft"}, [draft], [in_period]),
            ({"year": 2019}, [before], [in_period]),
            ({"q": "cultural heritage"}, [draft], [in_period]),
            ({"visibility": "public"}, [in_period], []),
        ]

    def create_payload(self):
        org = f.OrganizationFactory()
        person = f.PersonFactory()
        return {
            "kind": "memorandum",
            "title_en": "Memorandum on cooperation in veterinary medicine",
            "signed_on": "2023-07-20",
            "signed_place_en": "Bishkek",
            "parties": [{"organization": org.pk, "role": "party"}],
            "signatories": [{"person": person.pk, "organization": org.pk, "position_en": "President"}],
        }

    def hidden_rows(self, partner_org):
        internal = self.make(visibility=Visibility.INTERNAL)
        internal_with_partner = self.make(visibility=Visibility.INTERNAL)
        f.PartyFactory(agreement=internal_with_partner, organization=partner_org)
        confidential = self.make(visibility=Visibility.CONFIDENTIAL)
        f.PartyFactory(agreement=confidential, organization=partner_org)
        return {
            "anonymous": [internal, internal_with_partner, confidential],
            "partner": [internal, confidential],
            "staff": [confidential],
            "staff_key": [confidential],
        }

    def test_partner_sees_internal_rows_where_it_is_a_party(self, clients, partner_org):
        mine = self.make(visibility=Visibility.INTERNAL)
        f.PartyFactory(agreement=mine, organization=partner_org)
        assert clients["partner"].get(self.detail_url(mine.pk)).status_code == 200
        assert mine.pk in result_ids_for(clients["partner"], self.list_url(visibility="internal"))
