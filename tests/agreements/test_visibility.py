"""Who sees which agreements, and the rows hanging off them (DESIGN.md section 6).

| who                               | public | internal            | confidential |
| anonymous                         | yes    | no                  | no           |
| partner API key of organisation X | yes    | where X is a party  | no           |
| staff (viewer)                    | yes    | yes                 | no           |
| editor                            | yes    | yes                 | yes          |

The expected sets below are written from that table, not from what the code returns.
"""

import pytest
from django.contrib.auth.models import AnonymousUser

from agreements.models import Agreement, Commitment, Document, Party, Person, Signatory
from portal.core.visibility import PartnerUser
from tests import factories

pytestmark = pytest.mark.django_db

ALL = {"public", "internal_ours", "internal_theirs", "confidential_ours"}


def organization():
    # The country is not the subject here, so it is left blank.
    return factories.OrganizationFactory(country="")


@pytest.fixture
def world():
    """Four agreements; the partner organisation is a party to one internal and one confidential.

    Every agreement carries a party row for an outside organisation, a signatory, a document and
    a commitment, so child rows can be checked for each.
    """
    ours = organization()
    outsider = organization()
    agreements = {
        "public": factories.AgreementFactory(visibility="public"),
        "internal_ours": factories.AgreementFactory(visibility="internal"),
        "internal_theirs": factories.AgreementFactory(visibility="internal"),
        "confidential_ours": factories.AgreementFactory(visibility="confidential"),
    }
    for name, agreement in agreements.items():
        factories.PartyFactory(agreement=agreement, organization=outsider)
        if name.endswith("_ours"):
            factories.PartyFactory(agreement=agreement, organization=ours)
        factories.SignatoryFactory(agreement=agreement)
        Document.objects.create(
            agreement=agreement, file=f"documents/aa/{name}.pdf", sha256="a" * 64, size=100
        )
        factories.CommitmentFactory(agreement=agreement)
    return {"ours": ours, "outsider": outsider, "agreements": agreements}


def make_viewer(role, world):
    if role == "anonymous":
        return AnonymousUser()
    if role == "partner":
        return PartnerUser(world["ours"].id, key_name="Academy key")
    if role == "partner_of_nothing":
        return PartnerUser(organization().id, key_name="Stranger key")
    if role == "signed_in_without_group":
        return factories.UserFactory()
    if role == "staff":
        return factories.staff_viewer()
    if role == "editor":
        return factories.editor()
    if role == "superuser":
        return factories.UserFactory(is_superuser=True, is_staff=True)
    if role == "inactive_editor":
        return factories.editor(is_active=False)
    raise AssertionError(role)


EXPECTED = [
    ("anonymous", {"public"}),
    # A party to an internal agreement sees it, but never a confidential one, party or not.
    ("partner", {"public", "internal_ours"}),
    ("partner_of_nothing", {"public"}),
    ("signed_in_without_group", {"public"}),
    ("staff", {"public", "internal_ours", "internal_theirs"}),
    ("editor", ALL),
    ("superuser", ALL),
    # A disabled account is treated like the public.
    ("inactive_editor", {"public"}),
]


def names_of(agreement_ids, world):
    by_id = {agreement.id: name for name, agreement in world["agreements"].items()}
    return {by_id[agreement_id] for agreement_id in agreement_ids}


@pytest.mark.parametrize(("role", "expected"), EXPECTED)
def test_agreements_visible_to_each_role(world, role, expected):
    viewer = make_viewer(role, world)
    visible = Agreement.objects.visible_to(viewer)
    assert names_of(visible.values_list("id", flat=True), world) == expected
    # Each agreement once, however many parties it has.
    assert visible.count() == len(expected)


@pytest.mark.parametrize(("role", "expected"), EXPECTED)
@pytest.mark.parametrize("child_model", [Party, Signatory, Document, Commitment])
def test_child_rows_follow_their_agreement(world, role, expected, child_model):
    viewer = make_viewer(role, world)
    visible = child_model.objects.visible_to(viewer)
    assert names_of(visible.values_list("agreement_id", flat=True), world) == expected
    expected_rows = child_model.objects.filter(agreement__in=[world["agreements"][name] for name in expected])
    assert sorted(visible.values_list("pk", flat=True)) == sorted(expected_rows.values_list("pk", flat=True))


def test_partner_sees_every_party_row_of_its_internal_agreement_once(world):
    partner = PartnerUser(world["ours"].id)
    internal = world["agreements"]["internal_ours"]
    rows = Party.objects.visible_to(partner).filter(agreement=internal)
    # The partner and the outsider: the partner may see who else signed what it signed.
    assert sorted(rows.values_list("organization_id", flat=True)) == sorted(
        [world["ours"].id, world["outsider"].id]
    )


def test_partner_filter_does_not_repeat_agreements_with_many_parties(world):
    partner = PartnerUser(world["ours"].id)
    many = factories.AgreementFactory(visibility="internal")
    factories.PartyFactory(agreement=many, organization=world["ours"])
    for _ in range(3):
        factories.PartyFactory(agreement=many, organization=organization())
    public_many = factories.AgreementFactory(visibility="public")
    for _ in range(3):
        factories.PartyFactory(agreement=public_many, organization=organization())

    visible = Agreement.objects.visible_to(partner)
    ids = list(visible.values_list("id", flat=True))
    assert len(ids) == len(set(ids)) == 4
    assert set(ids) == {
        world["agreements"]["public"].id,
        world["agreements"]["internal_ours"].id,
        many.id,
        public_many.id,
    }
    # The same holds after the list's own joins and annotations.
    assert visible.for_list().count() == 4
    assert len(list(visible.for_list())) == 4


def test_partner_loses_an_internal_agreement_when_no_longer_a_party(world):
    partner = PartnerUser(world["ours"].id)
    internal = world["agreements"]["internal_ours"]
    assert Agreement.objects.visible_to(partner).filter(pk=internal.pk).exists()
    Party.objects.filter(agreement=internal, organization=world["ours"]).delete()
    assert not Agreement.objects.visible_to(partner).filter(pk=internal.pk).exists()


def test_raising_visibility_hides_an_agreement_from_staff(world):
    staff = factories.staff_viewer()
    internal = world["agreements"]["internal_theirs"]
    assert Agreement.objects.visible_to(staff).filter(pk=internal.pk).exists()
    Agreement.objects.filter(pk=internal.pk).update(visibility="confidential")
    assert not Agreement.objects.visible_to(staff).filter(pk=internal.pk).exists()
    assert not Document.objects.visible_to(staff).filter(agreement=internal).exists()


@pytest.mark.parametrize(("role", "expected"), EXPECTED)
def test_people_known_only_from_hidden_agreements_are_not_listed(world, role, expected):
    viewer = make_viewer(role, world)
    signer_of = {
        name: Signatory.objects.get(agreement=agreement).person
        for name, agreement in world["agreements"].items()
    }
    # Someone who signed a hidden and a visible agreement stays listed; someone who signed
    # nothing is public record.
    both = factories.PersonFactory()
    factories.SignatoryFactory(agreement=world["agreements"]["confidential_ours"], person=both)
    factories.SignatoryFactory(agreement=world["agreements"]["public"], person=both)
    nobody = factories.PersonFactory()

    visible = set(Person.objects.visible_to(viewer))
    assert visible == {signer_of[name] for name in expected} | {both, nobody}
