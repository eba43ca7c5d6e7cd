"""Titles and summaries of generated agreements, each as (ky, ru, en).

Russian and Kyrgyz need the case forms kept in `vocabulary`; parties are named by their short
names, which do not decline ("между ОГУ и КАН").
"""

from agreements.models import AgreementKind

from .vocabulary import SCOPES, TOPICS, Country, ordinal_en


def founding_title(partner: Country) -> tuple[str, str, str]:
    return (
        f"Кыргыз Республикасынын Өкмөтү менен {partner.ky_gen} Өкмөтүнүн ортосундагы "
        "илимий-техникалык кызматташтык жөнүндө макулдашуу",
        "Соглашение между Правительством Кыргызской Республики и Правительством "
        f"{partner.ru_gen} о научно-техническом сотрудничестве",
        "Agreement between the Government of the Kyrgyz Republic and the Government of "
        f"{partner.en_of} on scientific and technical cooperation",
    )


def commission_names(partner: Country) -> tuple[str, str, str]:
    return (
        f"Кыргыз-{partner.ky_compound} илимий-техникалык кызматташтык боюнча комиссиясы",
        f"Кыргызско-{partner.ru_stem}ая комиссия по научно-техническому сотрудничеству",
        f"Kyrgyz-{partner.en_adj} Commission on Scientific and Technical Cooperation",
    )


def meeting_protocol_title(partner: Country, number: int) -> tuple[str, str, str]:
    ky, ru, en = commission_names(partner)
    ru_genitive = ru.replace("ая комиссия", "ой комиссии", 1)
    return (
        f"{ky}нын {number}-жыйынынын протоколу",
        f"Протокол {number}-го заседания {ru_genitive}",
        f"Protocol of the {ordinal_en(number)} meeting of the {en}",
    )


def agreement_title(kind: str, a, b, multilateral: bool, topic: int) -> tuple[str, str, str]:
    """`a` and `b` are the first two parties' short names (ky, ru, en)."""
    _slug, en, _ru, gen, ky = TOPICS[topic]
    cap = ky[0].upper() + ky[1:]
    scope = SCOPES[(topic + multilateral) % len(SCOPES)]
    if kind == AgreementKind.MEMORANDUM and multilateral:
        return (
            f"{cap} тармагында {scope[3]} жөнүндө көп тараптуу өз ара түшүнүшүү меморандуму",
            f"Многосторонний меморандум о взаимопонимании о {scope[1]} в области {gen}",
            f"Multilateral Memorandum of Understanding on {scope[0]} in {en}",
        )
    if kind == AgreementKind.MEMORANDUM:
        return (
            f"{a[0]} менен {b[0]} ортосунда {ky} тармагында {scope[3]} жөнүндө өз ара түшүнүшүү меморандуму",
            f"Меморандум о взаимопонимании между {a[1]} и {b[1]} о {scope[1]} в области {gen}",
            f"Memorandum of Understanding between {a[2]} and {b[2]} on {scope[0]} in {en}",
        )
    if kind == AgreementKind.AGREEMENT and multilateral:
        return (
            f"{cap} тармагындагы кызматташтык жөнүндө көп тараптуу келишим",
            f"Многостороннее соглашение о сотрудничестве в области {gen}",
            f"Multilateral agreement on cooperation in {en}",
        )
    if kind == AgreementKind.AGREEMENT:
        return (
            f"{a[0]} менен {b[0]} ортосундагы {ky} тармагындагы кызматташтык жөнүндө келишим",
            f"Соглашение о сотрудничестве в области {gen} между {a[1]} и {b[1]}",
            f"Agreement on cooperation in {en} between {a[2]} and {b[2]}",
        )
    if kind == AgreementKind.PROTOCOL:
        return (
            f"{cap} тармагындагы биргелешкен илимий долбоорлор жөнүндө протокол",
            f"Протокол о совместных научных проектах в области {gen}",
            f"Protocol on joint research projects in {en}",
        )
    if kind == AgreementKind.ROADMAP:
        return (
            f"{a[0]} менен {b[0]} ортосундагы {ky} тармагындагы кызматташтыктын жол картасы",
            f"Дорожная карта сотрудничества {a[1]} и {b[1]} в области {gen}",
            f"Roadmap for cooperation between {a[2]} and {b[2]} in {en}",
        )
    if kind == AgreementKind.CONTRACT:
        return (
            f"{a[0]} менен {b[0]} ортосунда {ky} тармагында биргелешкен илимий изилдөөлөр жөнүндө келишим",
            f"Договор о совместных научных исследованиях в области {gen} между {a[1]} и {b[1]}",
            f"Contract for joint research in {en} between {a[2]} and {b[2]}",
        )
    return (
        f"{cap} тармагындагы кызматташтык жөнүндө ниет кат",
        f"Письмо о намерениях сотрудничать в области {gen}",
        f"Letter of intent on cooperation in {en}",
    )


def agreement_summary(topic: int) -> tuple[str, str, str]:
    _slug, en, _ru, gen, ky = TOPICS[topic]
    scope = SCOPES[topic % len(SCOPES)]
    return (
        f"Тараптар {ky} тармагында кызматташууга макул болушту: {scope[3]}, изилдөөчүлөр алмашуу жана "
        "биргелешкен басылмалар.",
        f"Стороны договорились о сотрудничестве в области {gen}: {scope[2]}, обмен исследователями и "
        "совместные публикации.",
        f"The parties agree to cooperate in {en}: {scope[0]}, exchange of researchers and joint "
        "publications.",
    )
