"""What the agreements set up: consortia with members and workstreams, joint labs, programmes,
and the indicators that show how it is going."""

import datetime
from decimal import Decimal

from .records import STAMPS, iso, translated
from .vocabulary import INDICATORS, KG, TOPICS

CONSORTIUM_COLUMNS = (
    "id", *STAMPS, *translated("name"), "established_on", *translated("description"), "founding_agreement_id",
)  # fmt: skip
MEMBERSHIP_COLUMNS = ("role", "joined_on", "consortium_id", "organization_id")
WORKSTREAM_COLUMNS = (*STAMPS, *translated("title", "goal"), "status", "order", "consortium_id", "lead_id")
LAB_COLUMNS = (
    "id", *STAMPS, *translated("name", "field"), "countries", "established_on", "status",
    *translated("description"), "source_url", "founding_agreement_id", "host_id", "meeting_id",
)  # fmt: skip
PROGRAMME_COLUMNS = (
    *STAMPS, "kind", *translated("title"), "countries", "places", "funding_cap", "currency", "starts_on",
    "ends_on", *translated("period_note"), "status", *translated("description"), "source_url", "agreement_id",
    "meeting_id",
)  # fmt: skip
INDICATOR_COLUMNS = (
    *STAMPS, *translated("name"), "value", "qualifier", *translated("unit"), "as_of", "countries",
    "source_url", *translated("source_note"), "is_headline", "order", "organization_id",
)  # fmt: skip
LAB_STATUSES = ("operating", "operating", "operating", "opening", "planned", "modernising", "closed")
PROGRAMME_KINDS = ("internship", "exchange", "research_competition", "training", "infrastructure")


def framework_with(gen, country):
    """A signed agreement or memorandum with `country` to found something on, if there is one."""
    frameworks = gen.frameworks_by_country.get(country.code)
    return gen.rng.choice(frameworks) if frameworks else None


def research_orgs(gen, country) -> list:
    kinds = ("academy", "university", "research_institute")
    return [org for org in gen.orgs_by_country[country.code] if org.kind in kinds]


def topic_forms(topic: int):
    """(en, ru genitive, ky, Ky capitalised) of a topic."""
    _slug, en, _ru, genitive, ky = TOPICS[topic]
    return en, genitive, ky, ky[0].upper() + ky[1:]


def load_consortia(gen, cursor):
    rng = gen.rng
    partners = []
    while len(partners) < 1 + gen.n // 25_000 and len(partners) < 15:  # one per partner country
        partner = gen.partner()
        if partner not in partners:
            partners.append(partner)
    ids = gen.reserve_ids(cursor, "consortium_consortium", len(partners))
    consortia, members, workstreams = [], [], []
    for consortium_id, partner in zip(ids, partners, strict=True):
        founding = framework_with(gen, partner)
        established = gen.later(founding.signed, 0, 300) if founding else gen.past_date(gen.today - 3650)
        names = (
            f"Кыргыз-{partner.ky_compound} университеттер жана илимий институттар консорциуму",
            f"Кыргызско-{partner.ru_stem}ий консорциум университетов и научных институтов",
            f"Kyrgyz-{partner.en_adj} Consortium of Universities and Research Institutes",
        )
        description = (
            f"Кыргызстан менен {partner.ky_nom} университеттеринин жана институттарынын биргелешкен "
            "изилдөөлөр жана кадр даярдоо боюнча бирикмеси.",
            f"Объединение университетов и институтов Кыргызстана и {partner.ru_gen} для совместных "
            "исследований и подготовки кадров.",
            f"Universities and institutes of Kyrgyzstan and {partner.en_short} joined for research and "
            "training.",
        )
        stamp = gen.stamp(established)
        consortia.append((
            consortium_id, stamp, stamp, names[0], *names, iso(established), description[0], *description,
            founding.id if founding else None,
        ))  # fmt: skip
        pool = research_orgs(gen, KG) + research_orgs(gen, partner)
        chosen = rng.sample(pool, min(len(pool), rng.randint(6, 20)))
        for index, org in enumerate(chosen):
            role = "founder" if index < 3 else "coordinator" if index == 3 else "member"
            joined = established if index < 4 else gen.later(established, 0, 1500)
            members.append((role, iso(joined), consortium_id, org.id))
        for order, topic in enumerate(rng.sample(range(len(TOPICS)), rng.randint(3, 6))):
            en, genitive, ky, ky_cap = topic_forms(topic)
            title = (ky_cap, TOPICS[topic][2], en[0].upper() + en[1:])
            goal = (
                f"{ky_cap} тармагында биргелешкен долбоорлор, жалпы жабдуулар жана кадрларды даярдоо.",
                f"Совместные проекты, общее оборудование и подготовка кадров в области {genitive}.",
                f"Joint projects, shared equipment and training in {en}.",
            )
            status = rng.choice(("active", "active", "planned", "completed", ""))
            workstreams.append((
                stamp, stamp, title[0], *title, goal[0], *goal, status, order, consortium_id,
                rng.choice(chosen).id,
            ))  # fmt: skip
    gen.copy(cursor, "consortium_consortium", CONSORTIUM_COLUMNS, consortia)
    gen.copy(cursor, "consortium_membership", MEMBERSHIP_COLUMNS, members)
    gen.copy(cursor, "consortium_workstream", WORKSTREAM_COLUMNS, workstreams)


def load_labs(gen, cursor):
    rng = gen.rng
    ids = gen.reserve_ids(cursor, "consortium_jointlab", max(5, gen.n // 500))
    labs, lab_topics, lab_partners = [], [], []
    hosts = research_orgs(gen, KG)
    for lab_id in ids:
        partner = gen.partner()
        topic = int(rng.random() * len(TOPICS))
        en, genitive, ky, ky_cap = topic_forms(topic)
        names = (
            f"Кыргыз-{partner.ky_compound} {ky} боюнча биргелешкен лабораториясы",
            f"Кыргызско-{partner.ru_stem}ая совместная лаборатория {genitive}",
            f"Kyrgyz-{partner.en_adj} Joint Laboratory for {en}",
        )
        founding = framework_with(gen, partner)
        status = rng.choice(LAB_STATUSES)
        established = None
        if status != "planned":
            start = founding.signed if founding else datetime.date(2000, 1, 1).toordinal()
            established = gen.later(start, 0, 700)
        meetings = gen.held_meetings.get(partner.code)
        meeting = rng.choice(meetings)[0] if meetings and rng.random() < 0.2 else None
        description = (
            f"{ky_cap} боюнча биргелешкен изилдөөлөр, жабдуулар жана жаш окумуштууларды даярдоо.",
            f"Совместные исследования, оборудование и подготовка молодых учёных в области {genitive}.",
            f"Joint research, equipment and training of young scientists in {en}.",
        )
        stamp = gen.stamp(established)
        labs.append((
            lab_id, stamp, stamp, names[0], *names, ky, ky, TOPICS[topic][2], en, f"KG,{partner.code}",
            iso(established), status, description[0], *description, "", founding.id if founding else None,
            rng.choice(hosts).id, meeting,
        ))  # fmt: skip
        lab_topics.append((lab_id, gen.topic_ids[topic]))
        if rng.random() < 0.4:
            lab_topics.append((lab_id, gen.topic_ids[(topic + 7) % len(gen.topic_ids)]))
        pool = research_orgs(gen, partner) or gen.orgs_by_country[partner.code]
        for org in rng.sample(pool, min(len(pool), rng.randint(1, 2))):
            lab_partners.append((lab_id, org.id))
    gen.copy(cursor, "consortium_jointlab", LAB_COLUMNS, labs)
    gen.copy(cursor, "consortium_jointlab_topics", ("jointlab_id", "topic_id"), lab_topics)
    gen.copy(cursor, "consortium_jointlab_partners", ("jointlab_id", "organization_id"), lab_partners)


def programme_title(kind: str, topic: int) -> tuple[str, str, str]:
    en, genitive, _ky, ky_cap = topic_forms(topic)
    return {
        "internship": (
            "Жаш окумуштуулар үчүн стажировкалар", "Стажировки для молодых учёных",
            "Internships for young scientists",
        ),
        "exchange": ("Изилдөөчүлөр алмашуусу", "Обмен исследователями", "Researcher exchange"),
        "research_competition": (
            f"{ky_cap} тармагындагы биргелешкен изилдөөлөр конкурсу",
            f"Конкурс совместных исследований в области {genitive}", f"Joint research competition in {en}",
        ),
        "training": (
            f"{ky_cap} боюнча окуу курсу", f"Учебный курс в области {genitive}", f"Training course in {en}",
        ),
        "infrastructure": (
            f"{ky_cap} изилдөөлөрү үчүн жабдуулар", f"Оборудование для исследований в области {genitive}",
            f"Equipment for {en} research",
        ),
    }[kind]  # fmt: skip


def load_programmes(gen, cursor):
    rng = gen.rng
    rows = []
    for _ in range(max(5, gen.n // 400)):
        partner = gen.partner()
        kind = rng.choice(PROGRAMME_KINDS)
        pair = (
            f"Кыргызстан — {partner.ky_nom}", f"Кыргызстан — {partner.ru_nom}",
            f"Kyrgyzstan – {partner.en_short}",
        )  # fmt: skip
        title = programme_title(kind, int(rng.random() * len(TOPICS)))
        title = tuple(f"{text}: {between}" for text, between in zip(title, pair, strict=True))
        founding = framework_with(gen, partner)
        meetings = gen.held_meetings.get(partner.code)
        meeting = rng.choice(meetings)[0] if meetings and rng.random() < 0.3 else None
        starts = (founding.signed if founding else gen.past_date(gen.today - 7000)) + rng.randint(30, 900)
        years = rng.randint(2, 4)
        ends = starts + 365 * years - 1
        status = "planned" if starts > gen.today else "closed" if ends < gen.today else "open"
        places = funding = None
        currency = ""
        if kind in ("internship", "exchange", "training"):
            places = rng.choice((5, 10, 10, 15, 20, 30, 50))
        else:  # funded per project, in the partner's currency or in dollars
            currency = partner.currency if rng.random() < 0.6 else "USD"
            funding = Decimal(rng.randint(2, 30) * (100_000 if currency in ("CNY", "RUB", "KGS") else 10_000))
        period = (f"{years} жыл", f"{years} года", f"{years} years")
        description = (
            f"{partner.ky_nom} менен биргелешкен программа.", f"Совместная программа с {partner.ru_nom}.",
            f"A joint programme with {partner.en_short}.",
        )  # fmt: skip
        stamp = gen.stamp(min(starts, gen.today))
        rows.append((
            stamp, stamp, kind, title[0], *title, f"KG,{partner.code}", places, funding, currency,
            iso(starts), iso(ends), period[0], *period, status, description[0], *description, "",
            founding.id if founding else None, meeting,
        ))  # fmt: skip
    gen.copy(cursor, "consortium_programme", PROGRAMME_COLUMNS, rows)


def load_indicators(gen, cursor):
    """Headline numbers, each with its date and source."""
    rng = gen.rng
    rows = []
    kyrgyz_research = research_orgs(gen, KG)
    for order in range(max(10, gen.n // 1000)):
        en, ru, ky, unit_en, unit_ru, unit_ky, qualifier, low, high, concerns = INDICATORS[
            order % len(INDICATORS)
        ]
        as_of = gen.past_date(gen.today - 3 * 365)
        year = datetime.date.fromordinal(as_of).year
        note = (f"{year}-жылдын жылдык отчету", f"Годовой отчёт за {year} год", f"Annual report for {year}")
        organization, countries = None, ""
        if concerns == "organization":
            organization = rng.choice(kyrgyz_research).id
        else:
            countries = f"KG,{gen.partner().code}"
        stamp = gen.stamp(as_of)
        rows.append((
            stamp, stamp, ky, ky, ru, en, Decimal(rng.randint(int(low), int(high))), qualifier, unit_ky,
            unit_ky, unit_ru, unit_en, iso(as_of), countries, "", note[0], *note, order < 4, order,
            organization,
        ))  # fmt: skip
    gen.copy(cursor, "consortium_indicator", INDICATOR_COLUMNS, rows)
