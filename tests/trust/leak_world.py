"""The world of the leak matrix (tests/trust/test_leak_matrix.py), and section 6 as a function.

Two public agreements, an internal one and a confidential one (one public agreement is an
instrument under the confidential one). Each hidden agreement carries a
distinctive word in every text it owns (title in three languages, summary, place, reference
number, party name as signed, signatory position, document title, file name and PDF content,
commitment text), a document, a signatory who signs only that agreement, two commitments (one
overdue), parties, a topic and an expiry within 180 days. Organisation X is party to the
internal one, Y to the confidential one, Z to nothing. Public rows of the implementation layer
(a consortium, a lab, a programme) cite the hidden agreements.

Every row has a fixed id far from any sequence, so cases can name rows when they are collected
and a hidden row's id can be looked for in every answer.
"""

import datetime
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from agreements.documents import attach_pdf
from agreements.models import (
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
)
from consortium.models import Consortium, Indicator, JointLab, Membership, Programme, Workstream
from tests import factories
from tests.agreements.admin_factories import small_pdf

ROLES = ("anonymous", "partner_x", "partner_y", "partner_z", "staff", "editor")
TODAY = timezone.localdate()
SEARCH_WORD = "permafrost"
MISSING_ID = 7_779_999  # an id that no row of any table has
CONF_MARK, INT_MARK = "Zephyrconfidential", "Quokkainternal"

ORGS = {
    # key: (id, country, English name)
    "home": (7_770_101, "KG", "Academy of Sciences Home"),
    "p": (7_770_102, "CN", "Public Partner Academy"),
    "x": (7_770_103, "IS", "Organisation X of Iceland"),
    "y": (7_770_104, "NZ", "Organisation Y of New Zealand"),
    "z": (7_770_105, "PT", "Organisation Z of Portugal"),
}
PEOPLE = {
    # key: (id, English name, the organisation signed for)
    "public": (7_770_201, "Aigul Publicsigner", "home"),
    "internal": (7_770_202, "Barnaby Ruddlethwaite", "x"),
    "confidential": (7_770_203, "Ottoline Quibblesworth", "y"),
}
TOPIC_ID, TOPIC_SLUG = 7_770_301, "permafrost-studies"
COMMISSION_ID, MEETING_ID = 7_770_401, 7_770_402
CONSORTIUM_ID, WORKSTREAM_ID, LAB_ID, PROGRAMME_ID, INDICATOR_ID, MEMBERSHIP_ID, CONTACT_ID = range(
    7_770_901, 7_770_908
)
CHILD_BASE = {"document": 7_770_500, "party": 7_770_600, "signatory": 7_770_700, "commitment": 7_770_800}


@dataclass(frozen=True)
class AgreementSpec:
    """One agreement of the world, with what the filters of DESIGN.md section 8 know about it."""

    key: str
    id: int
    visibility: str
    kind: str
    signed_on: datetime.date
    parties: tuple[str, ...]  # ORGS keys
    signer: str  # a PEOPLE key
    title_en: str
    mark: str = ""  # the distinctive word of a hidden agreement
    topics: tuple[str, ...] = ()
    parent: str | None = None
    at_meeting: bool = False
    expires_in_days: int | None = None

    def child_id(self, kind: str, n: int = 0) -> int:
        return CHILD_BASE[kind] + self.id % 100 * 10 + n

    @property
    def words(self) -> set[str]:
        return set(self.title_en.lower().split())

    @property
    def countries(self) -> set[str]:
        return {ORGS[org][1] for org in self.parties}


AGREEMENTS = {
    spec.key: spec
    for spec in (
        AgreementSpec(
            "public_alpha",
            7_770_001,
            "public",
            "agreement",
            datetime.date(2010, 3, 1),
            ("home", "p"),
            "public",
            "Public permafrost agreement",
            topics=(TOPIC_SLUG,),
            expires_in_days=30,
        ),
        AgreementSpec(
            "internal",
            7_770_003,
            "internal",
            "memorandum",
            datetime.date(2011, 6, 15),
            ("home", "x"),
            "internal",
            f"{INT_MARK} permafrost memorandum",
            mark=INT_MARK,
            topics=(TOPIC_SLUG,),
            parent="public_alpha",
            expires_in_days=60,
        ),
        AgreementSpec(
            "confidential",
            7_770_004,
            "confidential",
            "protocol",
            datetime.date(2012, 9, 9),
            ("home", "y"),
            "confidential",
            f"{CONF_MARK} permafrost protocol",
            mark=CONF_MARK,
            topics=(TOPIC_SLUG,),
            parent="internal",
            at_meeting=True,
            expires_in_days=90,
        ),
        AgreementSpec(
            "public_beta",
            7_770_002,
            "public",
            "agreement",
            datetime.date(2014, 5, 1),
            ("home", "p"),
            "public",
            "Public seismology agreement",
            parent="confidential",  # a public protocol under a confidential agreement
        ),
    )
}
HIDDEN = ("internal", "confidential")
ID_OF = {key: spec.id for key, spec in AGREEMENTS.items()}


def sees(role: str, key: str, api: bool) -> bool:
    """DESIGN.md section 6, written from its table (not from the code): may `role` read
    agreement `key`? A partner key is an API credential; elsewhere a partner is anonymous."""
    visibility = AGREEMENTS[key].visibility
    if visibility == "public" or role == "editor":
        return True
    if visibility == "confidential":
        return False
    return role == "staff" or (api and role == "partner_x" and "x" in AGREEMENTS[key].parties)


def pdf_for(spec: AgreementSpec) -> bytes:
    return small_pdf(f"{spec.mark or spec.key} signed original {spec.id}")


@dataclass(frozen=True)
class Trace:
    """What a hidden agreement would leave in an answer: its word, ids, signer and PDF bytes."""

    key: str
    word: str
    ids: tuple[int, ...]
    person: str
    person_id: int
    pdf: bytes


def trace_of(key: str) -> Trace:
    spec = AGREEMENTS[key]
    ids = (
        spec.id,
        spec.child_id("document"),
        spec.child_id("signatory"),
        spec.child_id("commitment", 0),
        spec.child_id("commitment", 1),
        *(spec.child_id("party", n) for n in range(len(spec.parties))),
    )
    person_id, person, _org = PEOPLE[spec.signer]
    return Trace(key, spec.mark, ids, person, person_id, pdf_for(spec))


TRACES = {key: trace_of(key) for key in HIDDEN}


def rows_of(model) -> list[tuple[int, str | None]]:
    """The world's rows of `model` as (id, key of the hidden agreement it belongs to or None)."""
    children = {Document: "document", Signatory: "signatory", Commitment: "commitment", Party: "party"}
    if model is Agreement:
        return [(spec.id, key if key in HIDDEN else None) for key, spec in AGREEMENTS.items()]
    if model in children:
        return [
            (spec.child_id(children[model]), key if key in HIDDEN else None)
            for key, spec in AGREEMENTS.items()
        ]
    ids = {
        # The organisations that matter to section 6 first: X, Y (party only to the hidden
        # agreements) and Z (party to nothing).
        Organization: [ORGS[key][0] for key in ("y", "x", "z", "home", "p")],
        Person: [PEOPLE[key][0] for key in ("confidential", "internal", "public")],
        Topic: [TOPIC_ID],
        Commission: [COMMISSION_ID],
        Meeting: [MEETING_ID],
        Consortium: [CONSORTIUM_ID],
        Workstream: [WORKSTREAM_ID],
        JointLab: [LAB_ID],
        Programme: [PROGRAMME_ID],
        Indicator: [INDICATOR_ID],
        Membership: [MEMBERSHIP_ID],
        ContactPoint: [CONTACT_ID],
    }.get(model)
    return [(pk, None) for pk in ids] if ids else [(MISSING_ID, None)]


def build() -> dict:
    orgs = {
        key: factories.OrganizationFactory(
            id=pk, country=country, name_en=name, name_ru=name, name_ky=name, kind="academy"
        )
        for key, (pk, country, name) in ORGS.items()
    }
    people = {
        key: factories.PersonFactory(id=pk, full_name_en=name, full_name_ru=name, full_name_ky=name)
        for key, (pk, name, _org) in PEOPLE.items()
    }
    topic = factories.TopicFactory(id=TOPIC_ID, slug=TOPIC_SLUG, name_en="Permafrost studies")
    commission = factories.CommissionFactory(
        id=COMMISSION_ID, name_en="Commission on polar science", countries=["KG", "NZ"]
    )
    meeting = factories.MeetingFactory(
        id=MEETING_ID, commission=commission, number=1, held_on=datetime.date(2012, 9, 9)
    )
    agreements = {}
    for key, spec in AGREEMENTS.items():
        agreements[key] = build_agreement(spec, orgs, people, topic, meeting, agreements)

    consortium = Consortium.objects.create(
        id=CONSORTIUM_ID, name_en="Polar consortium", founding_agreement=agreements["confidential"]
    )
    Membership.objects.create(id=MEMBERSHIP_ID, consortium=consortium, organization=orgs["y"])
    Workstream.objects.create(id=WORKSTREAM_ID, consortium=consortium, title_en="Ice cores", lead=orgs["y"])
    lab = JointLab.objects.create(
        id=LAB_ID,
        name_en="Joint glaciology laboratory",
        host=orgs["y"],
        founding_agreement=agreements["confidential"],
        meeting=meeting,
        status=JointLab.Status.OPERATING,
    )
    lab.partners.set([orgs["x"]])
    lab.topics.set([topic])
    Programme.objects.create(
        id=PROGRAMME_ID,
        kind=Programme.Kind.EXCHANGE,
        title_en="Glaciology exchange",
        agreement=agreements["internal"],
    )
    Indicator.objects.create(
        id=INDICATOR_ID, name_en="Glaciologists trained", value=12, organization=orgs["y"]
    )
    ContactPoint.objects.create(id=CONTACT_ID, organization=orgs["y"], label_en="Reception")

    # A second version of each hidden agreement, for the history pages and the admin's restore.
    for key in HIDDEN:
        agreements[key].summary_en = f"{AGREEMENTS[key].mark} summary, revised"
        agreements[key].save()

    first_events = {
        key: Agreement.pgh_event_model.objects.filter(pgh_obj_id=agreement.pk)
        .order_by("pgh_id")
        .first()
        .pgh_id
        for key, agreement in agreements.items()
    }
    return {
        "orgs": orgs,
        "people": people,
        "agreements": agreements,
        "editor": factories.editor(username="leak-editor"),
        "staff": factories.staff_viewer(username="leak-staff"),
        "placeholders": {
            **{f"event_{key}": pk for key, pk in first_events.items()},
            "ct_agreement": ContentType.objects.get_for_model(Agreement).pk,
            "ct_document": ContentType.objects.get_for_model(Document).pk,
        },
    }


def build_agreement(spec, orgs, people, topic, meeting, built):
    mark = spec.mark or "Open"
    agreement = factories.AgreementFactory(
        id=spec.id,
        kind=spec.kind,
        visibility=spec.visibility,
        title_en=spec.title_en,
        title_ru=f"{spec.title_en} (ru)",
        title_ky=f"{spec.title_en} (ky)",
        summary_en=f"{mark} summary of the instrument",
        signed_place_en=f"{mark} Hall",
        reference_number=f"{mark}-REF-{spec.id}",
        signed_on=spec.signed_on,
        expires_on=TODAY + datetime.timedelta(days=spec.expires_in_days) if spec.expires_in_days else None,
        parent=built.get(spec.parent),
        meeting=meeting if spec.at_meeting else None,
    )
    agreement.topics.set([topic] if spec.topics else [])
    for n, org_key in enumerate(spec.parties):
        factories.PartyFactory(
            id=spec.child_id("party", n),
            agreement=agreement,
            organization=orgs[org_key],
            name_as_signed_en=f"{mark} party {orgs[org_key].name_en}",
        )
    factories.SignatoryFactory(
        id=spec.child_id("signatory"),
        agreement=agreement,
        person=people[spec.signer],
        organization=orgs[PEOPLE[spec.signer][2]],
        position_en=f"{mark} envoy",
    )
    factories.CommitmentFactory(
        id=spec.child_id("commitment", 0),
        agreement=agreement,
        text_en=f"{mark} commitment to train ten young scientists",
        due_on=datetime.date(2020, 1, 1),
        status=Commitment.Status.PLANNED,  # so overdue
        responsible=orgs[spec.parties[-1]],
    )
    factories.CommitmentFactory(
        id=spec.child_id("commitment", 1),
        agreement=agreement,
        text_en=f"{mark} commitment kept",
        due_on=datetime.date(2020, 1, 1),
        status=Commitment.Status.DONE,
    )
    upload = SimpleUploadedFile(f"{mark}-signed.pdf", pdf_for(spec), "application/pdf")
    document = Document(id=spec.child_id("document"), agreement=agreement, title=f"{mark} scan")
    attach_pdf(document, upload).save()
    return agreement
