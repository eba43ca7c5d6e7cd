"""Agreements with their parties, signatories, commitments and topics.

First come the commissions' own instruments (each partner's founding intergovernmental agreement,
then the protocol of every held meeting), then the rest: memoranda, agreements, contracts,
roadmaps and protocols under earlier agreements, between a Kyrgyz organisation (mostly) and one
or more partners. Rows are written in chunks, so memory stays flat and PostgreSQL works on one
chunk while Python makes the next.
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from agreements.models import AgreementKind
from portal.core.visibility import Visibility

from . import phrases
from .records import STAMPS, Framework, iso, lottery, translated
from .vocabulary import COMMITMENTS, KG, PARTNERS, REPRESENTATIVE, TOPICS

CHUNK = 10_000
AGREEMENT_COLUMNS = (
    "id", *STAMPS, "kind", *translated("title", "summary", "legal_basis"), "reference_number", "signed_on",
    "signed_on_precision", *translated("signed_place"), "entry_into_force_on", "expires_on", "terminated_on",
    "visibility", "source_url", "parent_id", "meeting_id",
)  # fmt: skip
PARTY_COLUMNS = ("role", *translated("name_as_signed"), "order", "agreement_id", "organization_id")
SIGNATORY_COLUMNS = (*translated("position"), "order", "agreement_id", "organization_id", "person_id")
COMMITMENT_COLUMNS = (
    *STAMPS, *translated("text"), "target_quantity", *translated("target_unit"), "due_on", "status",
    *translated("progress_note"), "order", "agreement_id", "responsible_id",
)  # fmt: skip
TOPIC_COLUMNS = ("agreement_id", "topic_id")

KINDS = lottery((
    (AgreementKind.MEMORANDUM, 40), (AgreementKind.AGREEMENT, 20), (AgreementKind.PROTOCOL, 15),
    (AgreementKind.ROADMAP, 7), (AgreementKind.CONTRACT, 13), (AgreementKind.OTHER, 5),
))  # fmt: skip
# Mostly public, some internal, a few confidential.
VISIBILITIES = lottery(((Visibility.PUBLIC, 85), (Visibility.INTERNAL, 12), (Visibility.CONFIDENTIAL, 3)))
PARTY_COUNTS = lottery(((2, 50), (3, 25), (4, 15), (5, 10)))
SIGNATORY_COUNTS = lottery(((2, 55), (3, 30), (4, 15)))
COMMITMENT_COUNTS = lottery(((0, 35), (1, 35), (2, 20), (3, 10)))
EARLIEST = datetime.date(1993, 1, 1).toordinal()


@dataclass
class Draft:
    """What is decided about an agreement before its row is written."""

    kind: str
    partner: object
    orgs: list
    signed: int | None
    topic: int
    visibility: str = Visibility.PUBLIC
    precision: str = "day"
    parent_id: int | None = None
    meeting: tuple | None = None  # (id, held on, place (ky, ru, en), number)
    title: tuple | None = None
    under_founding_agreement: bool = False  # a meeting's protocol: its parent is known once written


def load_agreements(gen, cursor):
    ids = gen.reserve_ids(cursor, "agreements_agreement", gen.n)
    gen.frameworks = []
    gen.frameworks_by_country = {}
    commission_drafts = commission_instruments(gen)
    for start in range(0, gen.n, CHUNK):
        agreements, children = [], ([], [], [], [])
        for agreement_id in ids[start : start + CHUNK]:
            draft = commission_drafts.pop() if commission_drafts else regular_draft(gen)
            agreements.append(agreement_row(gen, agreement_id, draft, *children))
        parties, signatories, commitments, topics = children
        gen.copy(cursor, "agreements_agreement", AGREEMENT_COLUMNS, agreements)
        gen.copy(cursor, "agreements_party", PARTY_COLUMNS, parties)
        gen.copy(cursor, "agreements_signatory", SIGNATORY_COLUMNS, signatories)
        gen.copy(cursor, "agreements_commitment", COMMITMENT_COLUMNS, commitments)
        gen.copy(cursor, "agreements_agreement_topics", TOPIC_COLUMNS, topics)


def commission_instruments(gen) -> list[Draft]:
    """Founding agreements, then the protocols of held meetings by date, as a stack to pop."""
    rng = gen.rng
    partners = PARTNERS[: min(len(PARTNERS), gen.n // 4)]
    drafts = []
    for partner in partners:
        signed = gen.commissions[partner.code][1] - rng.randint(30, 400)
        orgs = [head_org(gen, KG, signed), head_org(gen, partner, signed)]
        drafts.append(Draft(AgreementKind.AGREEMENT, partner, orgs, signed, int(rng.random() * len(TOPICS)),
                            title=phrases.founding_title(partner)))  # fmt: skip
    meetings = [
        (partner, meeting) for partner in partners for meeting in gen.held_meetings.get(partner.code, ())
    ]
    rng.shuffle(meetings)
    protocols = []
    for partner, meeting in sorted(meetings[: gen.n // 10], key=lambda item: item[1][1]):
        signed = meeting[1]
        orgs = [head_org(gen, KG, signed), head_org(gen, partner, signed)]
        protocols.append(Draft(
            AgreementKind.PROTOCOL, partner, orgs, signed, int(rng.random() * len(TOPICS)), meeting=meeting,
            title=phrases.meeting_protocol_title(partner, meeting[3]), under_founding_agreement=True,
        ))  # fmt: skip
    return list(reversed(drafts + protocols))


def regular_draft(gen) -> Draft:
    rng = gen.rng
    r = rng.random()
    partner = gen.partner()
    topic = int(rng.random() * len(TOPICS))
    kind = KINDS[int(rng.random() * len(KINDS))]
    signed = None if r < 0.02 else gen.past_date(EARLIEST, 1.7)  # a few drafts, more recent than old
    draft = Draft(
        kind, partner, [], signed, topic, visibility=VISIBILITIES[int(rng.random() * len(VISIBILITIES))]
    )
    if kind == AgreementKind.PROTOCOL and signed is not None and gen.frameworks and rng.random() < 0.85:
        # A protocol under an earlier agreement: same parties and topic, signed later.
        parent = gen.frameworks[int(rng.random() * len(gen.frameworks))]
        draft.signed = gen.later(parent.signed, 30, 2500)
        draft.parent_id, draft.partner, draft.topic = parent.id, parent.partner, parent.topic
        draft.orgs = list(parent.parties)
    else:
        orgs = draft.orgs
        if rng.random() < 0.9:
            orgs.append(pick_org(gen, KG, signed, orgs))
        for _ in range(PARTY_COUNTS[int(rng.random() * len(PARTY_COUNTS))] - len(orgs)):
            third_country = len(orgs) >= 3 and rng.random() < 0.2
            orgs.append(pick_org(gen, rng.choice(PARTNERS) if third_country else partner, signed, orgs))
        if len(orgs) < 2:
            orgs.append(pick_org(gen, partner, signed, orgs))
    meetings = gen.held_meetings.get(draft.partner.code)
    if draft.signed is not None and meetings and rng.random() < 0.03:
        draft.meeting = meetings[int(rng.random() * len(meetings))]  # signed on the commission's sidelines
        draft.signed = draft.meeting[1]
    elif draft.signed is not None and r > 0.85:
        # Sources often give only "in May 2023" or "in 2023": stored as the 1st, with the precision.
        draft.precision = "month" if r < 0.95 else "year"
        day = datetime.date.fromordinal(draft.signed)
        day = day.replace(day=1) if draft.precision == "month" else day.replace(month=1, day=1)
        draft.signed = day.toordinal()
    return draft


def pick_org(gen, country, signed, exclude):
    """A party from `country`; a renamed ministry signs under its old self before the renaming."""
    pool = gen.party_lottery[country.code]
    rng = gen.rng
    for _ in range(8):
        org = pool[int(rng.random() * len(pool))]
        if org.predecessor is not None and signed is not None and signed < org.renamed_on:
            org = org.predecessor
        if org not in exclude:
            return org
    pool = [org for org in gen.orgs if org not in exclude]
    return pool[int(rng.random() * len(pool))]


def head_org(gen, country, signed):
    """Who signs for a country's government: its science ministry (as named then) or its academy."""
    for org in gen.orgs_by_country[country.code]:
        if (
            org.kind == "ministry"
            and org.predecessor is not None
            and org.names[2].startswith("Ministry of Sci")
        ):
            return org.predecessor if signed is not None and signed < org.renamed_on else org
    return next(org for org in gen.orgs_by_country[country.code] if org.kind == "academy")


def agreement_row(gen, agreement_id, draft, parties, signatories, commitments, topics) -> tuple:
    rng = gen.rng
    orgs, signed, kind = draft.orgs, draft.signed, draft.kind
    if draft.under_founding_agreement and draft.partner.code in gen.frameworks_by_country:
        draft.parent_id = gen.frameworks_by_country[draft.partner.code][0].id
    title = draft.title or phrases.agreement_title(
        kind, orgs[0].short, orgs[1].short, len(orgs) > 2, draft.topic
    )
    summary = phrases.agreement_summary(draft.topic)
    if signed is None:
        place = ("", "", "")
    elif draft.meeting is not None:
        place = draft.meeting[2]
    else:
        city = orgs[0].city or KG.cities[0]
        place = (city.ky, city.ru, city.en)

    in_force = expires = terminated = None  # every one of them on or after the signature
    if signed is not None:
        r = rng.random()
        if r < 0.3:
            in_force = signed
        elif r < 0.45:
            in_force = signed + rng.randint(10, 400)
        start = in_force or signed
        if kind == AgreementKind.CONTRACT or (kind == AgreementKind.ROADMAP and rng.random() < 0.8):
            expires = start + 365 * rng.randint(1, 4) - 1
        elif draft.title is None and rng.random() < 0.5:
            expires = start + 365 * rng.choice((2, 3, 5, 5, 10)) - 1
        if rng.random() < 0.02:
            terminated = gen.later(signed, 0, 3000)
    reference = ""
    if signed is not None and (draft.title is not None or rng.random() < 0.7):
        year = datetime.date.fromordinal(signed).year
        reference = f"{orgs[0].country.code}-{orgs[-1].country.code}/{year}/{agreement_id}"  # unique by id
    stamp = gen.stamp(signed + int(rng.random() * 20) if signed is not None else None)

    if signed is not None and kind in (AgreementKind.AGREEMENT, AgreementKind.MEMORANDUM):
        framework = Framework(agreement_id, signed, orgs, draft.topic, draft.partner)
        gen.frameworks.append(framework)
        gen.frameworks_by_country.setdefault(draft.partner.code, []).append(framework)

    add_children(gen, agreement_id, draft, parties, signatories, commitments, topics)
    return (
        agreement_id, stamp, stamp, kind, title[0], *title, summary[0], *summary, "", "", "", "", reference,
        iso(signed), draft.precision, place[0], *place, iso(in_force), iso(expires), iso(terminated),
        draft.visibility, "", draft.parent_id, draft.meeting[0] if draft.meeting else None,
    )  # fmt: skip


def add_children(gen, agreement_id, draft, parties, signatories, commitments, topics):
    rng = gen.rng
    orgs, signed = draft.orgs, draft.signed
    count = len(orgs)
    for order, org in enumerate(orgs):
        role = "party"
        if count >= 3 and order == 0 and rng.random() < 0.5:
            role = "coordinator"
        elif count >= 4 and order == count - 1:
            role = "observer" if rng.random() < 0.2 else "depositary" if rng.random() < 0.05 else "party"
        # A university renamed since signs under the name it had then.
        as_signed = (
            org.old_names if org.old_names and signed is not None and signed < org.renamed_on else None
        )
        as_signed = as_signed or ("", "", "")
        parties.append((role, as_signed[0], *as_signed, order, agreement_id, org.id))

    # 2-4 signatories, each for one of the parties in turn, with the position held there.
    chosen = set()
    wanted = min(SIGNATORY_COUNTS[int(rng.random() * len(SIGNATORY_COUNTS))], 2 * count)
    for order in range(wanted):
        org = orgs[order % count]
        staff = org.people
        start = int(rng.random() * len(staff))
        person = next((p for p in staff[start:] + staff[:start] if p not in chosen), None)
        position = person.position if person else REPRESENTATIVE
        while person is None or person in chosen:
            person = gen.people[int(rng.random() * len(gen.people))]
        chosen.add(person)
        signatories.append((position[0], *position, order, agreement_id, org.id, person.id))

    for slot in range(3):  # 1-3 topics, the title's first
        topics.append((agreement_id, gen.topic_ids[(draft.topic + slot * 7) % len(gen.topic_ids)]))
        if rng.random() < 0.5:
            break

    if signed is None:
        return
    stamp = gen.stamp(signed)
    for order in range(COMMITMENT_COUNTS[int(rng.random() * len(COMMITMENT_COUNTS))]):
        en, ru, ky, unit_en, unit_ru, unit_ky, quantities = COMMITMENTS[int(rng.random() * len(COMMITMENTS))]
        quantity = int(rng.choice(quantities.split())) if quantities else None
        text = (ky.format(q=quantity), ru.format(q=quantity), en.format(q=quantity))
        due = signed + rng.randint(180, 1800)
        r = rng.random()
        if due > gen.today:
            status = "in_progress" if r < 0.5 else "planned"
        else:  # some past-due ones stay in progress: the portal shows them as overdue
            status = "done" if r < 0.6 else "dropped" if r < 0.75 else "in_progress"
        note = ("", "", "")
        if status == "done":
            note = ("Аткарылды.", "Выполнено.", "Completed.")
        elif status == "in_progress" and quantity:
            k = rng.randint(1, quantity - 1)
            note = (
                f"Аткарылууда: {quantity} ичинен {k}.", f"Выполняется: {k} из {quantity}.",
                f"In progress: {k} of {quantity} done.",
            )  # fmt: skip
        commitments.append((
            stamp, stamp, text[0], *text, None if quantity is None else Decimal(quantity), unit_ky, unit_ky,
            unit_ru, unit_en, iso(due), status, note[0], *note, order, agreement_id,
            orgs[int(rng.random() * count)].id,
        ))  # fmt: skip
