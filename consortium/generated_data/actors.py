"""Who signs: topics, organisations (with parents and renamed predecessors), people, commissions
and their meetings."""

import datetime

from . import phrases
from .records import STAMPS, Org, Person, acronym, iso, orcid_for, ror_for, translated
from .vocabulary import (
    ACADEMY_NAMES,
    AGENCIES,
    COMPANY_SECTORS,
    COUNTRIES,
    FEMININE_SURNAMES,
    INSTITUTE_FIELDS,
    INTERNATIONAL_BODIES,
    KG,
    KIND_LABELS,
    MINISTRIES,
    NAMES,
    PARTNERS,
    POSITIONS,
    SURNAME_FIRST,
    TOPICS,
    UNIVERSITY_KINDS,
    ordinal_en,
)

ORG_COLUMNS = (
    "id", *STAMPS, *translated("name", "short_name"), "kind", "country", *translated("city"), "website",
    "ror_id", *translated("description"), "parent_id", "successor_id",
)  # fmt: skip
PERSON_COLUMNS = ("id", *STAMPS, *translated("full_name"), "orcid")
COMMISSION_COLUMNS = (
    "id",
    *STAMPS,
    *translated("name"),
    "countries",
    "established_on",
    *translated("description"),
)
MEETING_COLUMNS = (
    "id", *STAMPS, "number", "held_on", "held_on_precision", "planned_year", *translated("place"), "country",
    *translated("summary"), "source_url", "commission_id",
)  # fmt: skip
# Science agreements are signed mostly by academies, universities and institutes.
PARTY_WEIGHTS = {
    "academy": 8,
    "university": 4,
    "research_institute": 3,
    "ministry": 2,
    "agency": 1,
    "company": 1,
}


def load_topics(gen, cursor):
    # Topics are shared vocabulary (unique slugs): an --append run reuses those already there.
    cursor.execute("SELECT slug, id FROM agreements_topic")
    existing = dict(cursor.fetchall())
    missing = [topic for topic in TOPICS if topic[0] not in existing]
    ids = gen.reserve_ids(cursor, "agreements_topic", len(missing)) if missing else []
    rows = []
    for (slug, en, ru, _gen, ky), topic_id in zip(missing, ids, strict=True):
        existing[slug] = topic_id
        rows.append((topic_id, slug, ky, ky, ru, en[0].upper() + en[1:]))
    gen.copy(cursor, "agreements_topic", ("id", "slug", "name", "name_ky", "name_ru", "name_en"), rows)
    gen.topic_ids = [existing[topic[0]] for topic in TOPICS]


def country_orgs(gen, country, small: bool) -> tuple[list, list]:
    """A country's (core, optional) organisations; core ones are always generated."""
    capital = country.cities[0]
    names, short = ACADEMY_NAMES.get(country.code) or (
        (
            f"{country.ky_gen} Улуттук илимдер академиясы",
            f"Национальная академия наук {country.ru_gen}",
            f"National Academy of Sciences of {country.en_of}",
        ),
        (f"{country.ru_abbr} УИА", f"НАН {country.ru_abbr}", f"NAS {country.code}"),
    )
    academy = Org(country, "academy", names, short, capital)
    core, optional = [academy], []
    ministries = {}
    if country.has_ministries:
        for key, en, ru, ky, _successor in MINISTRIES:
            names = (f"{country.ky_gen} {ky}", f"{ru} {country.ru_gen}", f"{en} of {country.en_of}")
            short = (
                f"{country.ru_abbr} {acronym(ky)}", f"{acronym(ru)} {country.ru_abbr}",
                f"{acronym(en)} {country.code}",
            )  # fmt: skip
            ministries[key] = Org(country, "ministry", names, short, capital)
        for key, *_names, successor in MINISTRIES:
            if successor != "-":
                ministries[successor].predecessor = ministries[key]
                renamed = datetime.date(gen.rng.randint(2012, 2024), gen.rng.randint(1, 12), 1)
                ministries[successor].renamed_on = renamed.toordinal()
        always = ("education", "science") if small and country is not KG else tuple(ministries)
        core += [ministries[key] for key in always]
        optional += [org for key, org in ministries.items() if key not in always]
    for en, ru_gen, ky in INSTITUTE_FIELDS:
        names = (
            f"{academy.short[0]} {ky} институту", f"Институт {ru_gen} {academy.short[1]}",
            f"{academy.short[2]} Institute of {en}",
        )  # fmt: skip
        short = (
            f"{academy.short[0]} {acronym(ky)}И", f"И{acronym(ru_gen)} {academy.short[1]}",
            f"I{acronym(en)} {academy.short[2]}",
        )  # fmt: skip
        institute = Org(country, "research_institute", names, short, capital, parent=academy)
        (core if country is KG and len(core) < 14 else optional).append(institute)
    for city in country.cities:
        for en, ru, ky in UNIVERSITY_KINDS:
            names = (f"{city.ky} {ky}", f"{city.ru_adj} {ru}", f"{city.en} {en}")
            university = Org(country, "university", names, tuple(map(acronym, names)), city)
            if gen.rng.random() < 0.3:
                university.old_names = (
                    f"{city.ky} мамлекеттик институту", f"{city.ru_adj} государственный институт",
                    f"{city.en} State Institute",
                )  # fmt: skip
                university.renamed_on = datetime.date(gen.rng.randint(1994, 2012), 9, 1).toordinal()
            (core if country is KG and city is capital else optional).append(university)
        for en, ru, ky in COMPANY_SECTORS:
            feminine = city.ru_adj[:-2] + "ая"
            names = (f"{city.ky} {ky} компаниясы", f"{feminine} {ru} компания", f"{city.en} {en} Company")
            optional.append(Org(country, "company", names, tuple(map(acronym, names)), city))
    for en, ru, ky in AGENCIES:
        names = (
            f"{country.ky_gen} {ky} мамлекеттик агенттиги",
            f"Государственное агентство {ru} {country.ru_gen}", f"State Agency for {en} of {country.en_of}",
        )  # fmt: skip
        parent = ministries.get("ecology") or academy
        optional.append(Org(country, "agency", names, tuple(map(acronym, names)), capital, parent=parent))
    return core, optional


def load_organizations(gen, cursor):
    target = max(100, gen.n // 60)
    core, optional = [], []
    for country in COUNTRIES:
        country_core, country_optional = country_orgs(gen, country, small=gen.n < 20_000)
        core += country_core
        optional += country_optional
    by_code = {country.code: country for country in COUNTRIES}
    for ky, ru, en, short_ky, short_ru, short_en, code in INTERNATIONAL_BODIES:
        seat = by_code.get(code)
        core.append(
            Org(seat or KG, "international_body", (ky, ru, en), (short_ky, short_ru, short_en),
                seat.cities[0] if seat else None)
        )  # fmt: skip
    gen.rng.shuffle(optional)
    chosen = core + optional[: max(0, target - len(core))]
    for org in list(chosen):  # whoever is chosen brings the organisations it points to
        for other in (org.parent, org.predecessor):
            if other is not None and other not in chosen:
                chosen.append(other)
    for org, org_id in zip(
        chosen, gen.reserve_ids(cursor, "agreements_organization", len(chosen)), strict=True
    ):
        org.id = org_id
    gen.orgs = chosen
    successors = {org.predecessor: org for org in chosen if org.predecessor is not None}
    gen.orgs_by_country = {country.code: [] for country in COUNTRIES}
    gen.party_lottery = {country.code: [] for country in COUNTRIES}
    for org in chosen:
        # A renamed ministry is reached through its successor (instruments.pick_org), by date.
        if org.kind != "international_body" and org not in successors:
            gen.orgs_by_country[org.country.code].append(org)
            gen.party_lottery[org.country.code] += [org] * PARTY_WEIGHTS[org.kind]
    gen.copy(
        cursor, "agreements_organization", ORG_COLUMNS, (org_row(gen, org, successors) for org in chosen)
    )


def org_row(gen, org, successors) -> tuple:
    label_en, label_ru, label_ky = KIND_LABELS[org.kind]
    country, city = org.country, org.city
    if city:
        description = (
            f"{country.ky_nom}, {city.ky} шаарындагы {label_ky}.",
            f"{label_ru}, г. {city.ru}, {country.ru_nom}.", f"{label_en} in {city.en}, {country.en_short}.",
        )  # fmt: skip
        city_names = (city.ky, city.ru, city.en)
    else:
        description = (f"{label_ky[0].upper()}{label_ky[1:]}.", f"{label_ru}.", f"{label_en}.")
        city_names = ("", "", "")
    slug = "".join(char for char in org.short[2].lower() if char.isalnum()) or "org"
    ror = (
        ror_for(org.id) if org.kind in ("university", "research_institute", "academy") and org.id % 3 else ""
    )
    stamp = gen.stamp(gen.today - 4000 + org.id % 3000)
    successor = successors.get(org)
    return (
        org.id, stamp, stamp, org.names[0], *org.names, org.short[0], *org.short, org.kind,
        country.code if city else "", city_names[0], *city_names, f"https://{slug}.{country.code.lower()}.example",
        ror, description[0], *description, org.parent.id if org.parent else None,
        successor.id if successor else None,
    )  # fmt: skip


def load_people(gen, cursor):
    rng = gen.rng
    count = max(2 * len(gen.orgs), gen.n // 25)
    kyrgyz = [org for org in gen.orgs if org.country is KG]
    # Every organisation gets its head first; the rest go half to Kyrgyz organisations.
    employers = list(gen.orgs) + [
        rng.choice(kyrgyz) if rng.random() < 0.5 else rng.choice(gen.orgs)
        for _ in range(count - len(gen.orgs))
    ]
    people = []
    for org in employers:
        culture = org.country.culture
        male, female, surnames = NAMES[culture]
        woman = rng.random() < 0.3
        given = rng.choice(female if woman else male)
        surname = rng.choice(surnames)
        names = []
        for lang in range(3):
            family = surname[lang]
            if woman and culture in FEMININE_SURNAMES:
                family += "a" if lang == 2 else "а"
            names.append(f"{family} {given[lang]}" if culture in SURNAME_FIRST else f"{given[lang]} {family}")
        roles = POSITIONS[org.kind]
        role_en, role_ru, role_ky = roles[min(len(org.people), len(roles) - 1)]
        position = (f"{org.short[0]} {role_ky}", f"{role_ru} {org.short[1]}", f"{role_en} of {org.short[2]}")
        person = Person(tuple(names), org, position)
        org.people.append(person)
        people.append(person)
    for person, person_id in zip(
        people, gen.reserve_ids(cursor, "agreements_person", len(people)), strict=True
    ):
        person.id = person_id
    gen.people = people
    rows = (
        (p.id, gen.now, gen.now, p.names[0], *p.names, orcid_for(p.id) if p.id % 5 < 2 else "")
        for p in people
    )
    gen.copy(cursor, "agreements_person", PERSON_COLUMNS, rows)


def load_commissions(gen, cursor):
    """One commission per partner country, meetings every year or two, the next one planned."""
    rng = gen.rng
    commissions, meetings = [], []
    for country in PARTNERS:
        established = datetime.date(
            rng.randint(1995, 2016), rng.randint(1, 12), rng.randint(1, 28)
        ).toordinal()
        commissions.append((country, established))
        held = established + rng.randint(60, 400)
        number = 1
        while held < gen.today - 20 and number < 40:
            meetings.append((country, number, held, None))
            number += 1
            held += rng.randint(300, 800)
        if rng.random() < 0.8:
            planned_year = datetime.date.fromordinal(gen.today).year + rng.randint(0, 2)
            meetings.append((country, number, None, planned_year))
    commission_ids = gen.reserve_ids(cursor, "agreements_commission", len(commissions))
    gen.commissions = {}  # country code -> (id, established)
    rows = []
    for (country, established), commission_id in zip(commissions, commission_ids, strict=True):
        gen.commissions[country.code] = (commission_id, established)
        names = phrases.commission_names(country)
        description = (
            f"Кыргыз Республикасы менен {country.ky_nom} ортосундагы илимий кызматташтыкты координациялайт.",
            f"Координирует научное сотрудничество Кыргызской Республики и {country.ru_gen}.",
            f"Coordinates scientific cooperation between the Kyrgyz Republic and {country.en_of}.",
        )
        stamp = gen.stamp(established)
        rows.append((
            commission_id, stamp, stamp, names[0], *names, f"KG,{country.code}", iso(established),
            description[0], *description,
        ))  # fmt: skip
    gen.copy(cursor, "agreements_commission", COMMISSION_COLUMNS, rows)

    gen.held_meetings = {}  # country code -> [(meeting id, held on, place (ky, ru, en), number)]
    rows = []
    meeting_ids = gen.reserve_ids(cursor, "agreements_meeting", len(meetings))
    for (country, number, held, planned_year), meeting_id in zip(meetings, meeting_ids, strict=True):
        host = KG if number % 2 else country  # the commission meets in each country in turn
        city = host.cities[0] if rng.random() < 0.7 else rng.choice(host.cities)
        place = (city.ky, city.ru, city.en)
        precision = "day" if held is None or rng.random() < 0.9 else "month"
        if precision == "month":
            held = datetime.date.fromordinal(held).replace(day=1).toordinal()
        if held is not None:
            gen.held_meetings.setdefault(country.code, []).append((meeting_id, held, place, number))
            summary = (
                f"{number}-жыйында биргелешкен долбоорлор каралып, кийинки эки жылга кызматташтык планы "
                "макулдашылды.",
                f"На {number}-м заседании рассмотрены совместные проекты и согласован план сотрудничества на "
                "следующие два года.",
                f"The {ordinal_en(number)} meeting reviewed joint projects and agreed the plan of "
                "cooperation for the next two years.",
            )
        else:
            summary = (
                f"{number}-жыйын {planned_year}-жылы {city.ky} шаарында өткөрүлөт деп пландалууда.",
                f"{number}-е заседание запланировано на {planned_year} год, г. {city.ru}.",
                f"The {ordinal_en(number)} meeting is planned for {planned_year} in {city.en}.",
            )
        stamp = gen.stamp(held)
        rows.append((
            meeting_id, stamp, stamp, number, iso(held), precision, planned_year, place[0], *place, host.code,
            summary[0], *summary, "", gen.commissions[country.code][0],
        ))  # fmt: skip
    gen.copy(cursor, "agreements_meeting", MEETING_COLUMNS, rows)
