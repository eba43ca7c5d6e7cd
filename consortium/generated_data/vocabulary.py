"""The words generated records are made of, in Kyrgyz, Russian and English.

All of it is invented for load tests and never shown as fact: the real agreements come from
`seeds/` through `load_demo`. Each entry keeps the forms a phrase needs, e.g. a country's Russian
genitive for "Правительство …", so that generated titles read as real ones do in all three
languages. Lists are written compactly: items separated by ";", their forms by "/".
"""

from typing import NamedTuple


def forms(text: str) -> tuple[tuple[str, ...], ...]:
    """ "a/b/c; d/e/f" -> (("a", "b", "c"), ("d", "e", "f"))."""
    return tuple(tuple(part.strip() for part in item.split("/")) for item in text.split(";") if item.strip())


class City(NamedTuple):
    en: str
    ru: str
    ky: str
    ru_adj: str  # masculine adjective: "Ошский" (государственный университет)


class Country(NamedTuple):
    code: str  # ISO 3166-1 alpha-2
    en_of: str  # after "of": "the Kyrgyz Republic"
    en_short: str
    en_adj: str
    ru_nom: str
    ru_gen: str  # "Правительство Кыргызской Республики"
    ru_stem: str  # adjective stem: "кыргызско-китайск" + "ая" / "ой" / "ий"
    ru_abbr: str  # "НАН КР"
    ky_nom: str
    ky_gen: str  # "Кыргыз Республикасынын Өкмөтү"
    ky_compound: str  # "Кыргыз-Кытай комиссиясы"
    currency: str  # ISO 4217
    culture: str  # key of NAMES
    weight: int  # how often it is the partner
    has_ministries: bool
    cities: tuple[City, ...]


def country(code, en, ru, ky, currency, culture, weight, cities, has_ministries=True) -> Country:
    """en: "of-form / short / adjective"; ru: "nominative / genitive / adjective stem / abbreviation";
    ky: "nominative / genitive / compound form"; cities: "en/ru/ky/ru adjective; …"."""
    (en_of, en_short, en_adj), (ru_nom, ru_gen, ru_stem, ru_abbr), (ky_nom, ky_gen, ky_compound) = (
        forms(en)[0], forms(ru)[0], forms(ky)[0],
    )  # fmt: skip
    return Country(
        code, en_of, en_short, en_adj, ru_nom, ru_gen, ru_stem, ru_abbr, ky_nom, ky_gen, ky_compound,
        currency, culture, weight, has_ministries, tuple(City(*city) for city in forms(cities)),
    )  # fmt: skip


COUNTRIES = (
    country("KG", "the Kyrgyz Republic/Kyrgyzstan/Kyrgyz", "Кыргызстан/Кыргызской Республики/кыргызск/КР",
            "Кыргызстан/Кыргыз Республикасынын/Кыргыз", "KGS", "kyrgyz", 0,
            "Bishkek/Бишкек/Бишкек/Бишкекский; Osh/Ош/Ош/Ошский; Naryn/Нарын/Нарын/Нарынский;"
            "Karakol/Каракол/Каракол/Каракольский; Jalal-Abad/Джалал-Абад/Жалал-Абад/Джалал-Абадский;"
            "Talas/Талас/Талас/Таласский; Batken/Баткен/Баткен/Баткенский"),
    country("CN", "the People's Republic of China/China/Chinese",
            "Китай/Китайской Народной Республики/китайск/КНР",
            "Кытай/Кытай Эл Республикасынын/Кытай", "CNY", "chinese", 20,
            "Beijing/Пекин/Пекин/Пекинский; Urumqi/Урумчи/Үрүмчү/Урумчийский; Xi'an/Сиань/Сиань/Сианьский;"
            "Lanzhou/Ланьчжоу/Ланьчжоу/Ланьчжоуский; Wuhan/Ухань/Ухань/Уханьский"),
    country("RU", "the Russian Federation/Russia/Russian", "Россия/Российской Федерации/российск/РФ",
            "Россия/Россия Федерациясынын/Орус", "RUB", "russian", 15,
            "Moscow/Москва/Москва/Московский;"
            "Saint Petersburg/Санкт-Петербург/Санкт-Петербург/Санкт-Петербургский;"
            "Novosibirsk/Новосибирск/Новосибирск/Новосибирский; Kazan/Казань/Казань/Казанский;"
            "Tomsk/Томск/Томск/Томский"),
    country("KZ", "the Republic of Kazakhstan/Kazakhstan/Kazakh",
            "Казахстан/Республики Казахстан/казахстанск/РК",
            "Казакстан/Казакстан Республикасынын/Казак", "KZT", "kazakh", 12,
            "Almaty/Алматы/Алматы/Алматинский; Astana/Астана/Астана/Астанинский;"
            "Shymkent/Шымкент/Шымкент/Шымкентский; Karaganda/Караганда/Караганды/Карагандинский"),
    country("UZ", "the Republic of Uzbekistan/Uzbekistan/Uzbek",
            "Узбекистан/Республики Узбекистан/узбекистанск/РУз",
            "Өзбекстан/Өзбекстан Республикасынын/Өзбек", "UZS", "uzbek", 8,
            "Tashkent/Ташкент/Ташкент/Ташкентский; Samarkand/Самарканд/Самарканд/Самаркандский;"
            "Fergana/Фергана/Фергана/Ферганский; Andijan/Андижан/Анжиан/Андижанский"),
    country("TJ", "the Republic of Tajikistan/Tajikistan/Tajik",
            "Таджикистан/Республики Таджикистан/таджикистанск/РТ",
            "Тажикстан/Тажикстан Республикасынын/Тажик", "TJS", "uzbek", 3,
            "Dushanbe/Душанбе/Душанбе/Душанбинский; Khujand/Худжанд/Кожент/Худжандский"),
    country("TR", "the Republic of Türkiye/Türkiye/Turkish", "Турция/Турецкой Республики/турецк/ТР",
            "Түркия/Түркия Республикасынын/Түрк", "TRY", "turkish", 8,
            "Ankara/Анкара/Анкара/Анкарский; Istanbul/Стамбул/Стамбул/Стамбульский; "
            "Izmir/Измир/Измир/Измирский;"
            "Konya/Конья/Конья/Конийский"),
    country("DE", "the Federal Republic of Germany/Germany/German",
            "Германия/Федеративной Республики Германия/германск/ФРГ",
            "Германия/Германия Федеративдик Республикасынын/Герман", "EUR", "german", 5,
            "Berlin/Берлин/Берлин/Берлинский; Munich/Мюнхен/Мюнхен/Мюнхенский; "
            "Dresden/Дрезден/Дрезден/Дрезденский;"
            "Potsdam/Потсдам/Потсдам/Потсдамский"),
    country("KR", "the Republic of Korea/Korea/Korean", "Корея/Республики Корея/корейск/Кореи",
            "Корея/Корея Республикасынын/Корей", "KRW", "korean", 5,
            "Seoul/Сеул/Сеул/Сеульский; Daejeon/Тэджон/Тэжон/Тэджонский; Busan/Пусан/Пусан/Пусанский"),
    country("JP", "Japan/Japan/Japanese", "Япония/Японии/японск/Японии", "Япония/Япониянын/Жапон", "JPY",
            "japanese", 4,
            "Tokyo/Токио/Токио/Токийский; Kyoto/Киото/Киото/Киотский; Tsukuba/Цукуба/Цукуба/Цукубский"),
    country("US", "the United States of America/the United States/American",
            "США/Соединённых Штатов Америки/американск/США", "АКШ/Америка Кошмо Штаттарынын/Америка", "USD",
            "english", 4,
            "Washington/Вашингтон/Вашингтон/Вашингтонский; Boston/Бостон/Бостон/Бостонский;"
            "Chicago/Чикаго/Чикаго/Чикагский", has_ministries=False),
    country("FR", "the French Republic/France/French", "Франция/Французской Республики/французск/ФР",
            "Франция/Франция Республикасынын/Француз", "EUR", "french", 3,
            "Paris/Париж/Париж/Парижский; Lyon/Лион/Лион/Лионский; Grenoble/Гренобль/Гренобль/Гренобльский"),
    country("IN", "the Republic of India/India/Indian", "Индия/Республики Индия/индийск/РИ",
            "Индия/Индия Республикасынын/Инди", "INR", "indian", 3,
            "New Delhi/Нью-Дели/Нью-Дели/Делийский; Bengaluru/Бангалор/Бангалор/Бангалорский;"
            "Hyderabad/Хайдарабад/Хайдарабад/Хайдарабадский"),
    country("BY", "the Republic of Belarus/Belarus/Belarusian", "Беларусь/Республики Беларусь/белорусск/РБ",
            "Беларусь/Беларусь Республикасынын/Беларус", "BYN", "russian", 2,
            "Minsk/Минск/Минск/Минский; Gomel/Гомель/Гомель/Гомельский"),
    country("IR", "the Islamic Republic of Iran/Iran/Iranian", "Иран/Исламской Республики Иран/иранск/ИРИ",
            "Иран/Иран Ислам Республикасынын/Иран", "IRR", "persian", 2,
            "Tehran/Тегеран/Тегеран/Тегеранский; Isfahan/Исфахан/Исфахан/Исфаханский"),
    country("PK", "the Islamic Republic of Pakistan/Pakistan/Pakistani",
            "Пакистан/Исламской Республики Пакистан/пакистанск/ИРП",
            "Пакистан/Пакистан Ислам Республикасынын/Пакистан",
            "PKR", "indian", 2, "Islamabad/Исламабад/Исламабад/Исламабадский; Lahore/Лахор/Лахор/Лахорский"),
    country("MN", "Mongolia/Mongolia/Mongolian", "Монголия/Монголии/монгольск/Монголии",
            "Монголия/Монголиянын/Монгол",
            "MNT", "mongolian", 2, "Ulaanbaatar/Улан-Батор/Улан-Батор/Улан-Баторский"),
    country("AZ", "the Republic of Azerbaijan/Azerbaijan/Azerbaijani",
            "Азербайджан/Азербайджанской Республики/азербайджанск/АР",
            "Азербайжан/Азербайжан Республикасынын/Азербайжан", "AZN", "turkish", 2,
            "Baku/Баку/Баку/Бакинский; Ganja/Гянджа/Гянжа/Гянджинский"),
    country("HU", "Hungary/Hungary/Hungarian", "Венгрия/Венгрии/венгерск/Венгрии",
            "Венгрия/Венгриянын/Венгер", "HUF",
            "german", 2, "Budapest/Будапешт/Будапешт/Будапештский; Debrecen/Дебрецен/Дебрецен/Дебреценский"),
    country("GB", "the United Kingdom/the United Kingdom/British",
            "Великобритания/Соединённого Королевства/британск/Великобритании",
            "Улуу Британия/Улуу Британиянын/Британ", "GBP", "english", 2,
            "London/Лондон/Лондон/Лондонский; Cambridge/Кембридж/Кембридж/Кембриджский;"
            "Edinburgh/Эдинбург/Эдинбург/Эдинбургский", has_ministries=False),
    country("IT", "the Italian Republic/Italy/Italian", "Италия/Итальянской Республики/итальянск/ИР",
            "Италия/Италия Республикасынын/Италия", "EUR", "french", 1,
            "Rome/Рим/Рим/Римский; Milan/Милан/Милан/Миланский"),
    country("PL", "the Republic of Poland/Poland/Polish", "Польша/Республики Польша/польск/РП",
            "Польша/Польша Республикасынын/Поляк", "PLN", "german", 1,
            "Warsaw/Варшава/Варшава/Варшавский; Krakow/Краков/Краков/Краковский"),
)  # fmt: skip
KG = COUNTRIES[0]
PARTNERS = COUNTRIES[1:]

# Academies not named "National Academy of Sciences of …": code -> (ky, ru, en), short (ky, ru, en).
ACADEMY_NAMES = {
    code: (names, short)
    for code, names, short in (
        ("KG", forms("Кыргыз Республикасынын Улуттук илимдер академиясы/"
                     "Национальная академия наук Кыргызской Республики/"
                     "National Academy of Sciences of the Kyrgyz Republic")[0], ("КР УИА", "НАН КР",
                     "NAS KR")),
        ("CN", ("Кытай илимдер академиясы", "Китайская академия наук", "Chinese Academy of Sciences"),
         ("КИА", "КАН", "CAS")),
        ("RU", ("Россия илимдер академиясы", "Российская академия наук", "Russian Academy of Sciences"),
         ("РИА", "РАН", "RAS")),
        ("KR", ("Корея илим жана технология академиясы", "Корейская академия науки и технологий",
                "Korean Academy of Science and Technology"), ("КИТА", "КАНТ", "KAST")),
        ("US", ("Америка илимдер жана инженерия академиясы", "Американская академия наук и инженерии",
                "American Academy of Sciences and Engineering"), ("АИИА", "ААНИ", "AASE")),
        ("GB", ("Британ илимдер академиясы", "Британская академия наук", "British Academy of Sciences"),
         ("БИА", "БАН", "BAS")),
    )
}  # fmt: skip

# (en, ru genitive, ky): "Institute of Physics" / "Институт физики" / "Физика институту".
INSTITUTE_FIELDS = forms(
    "Physics/физики/Физика; Chemistry and Chemical Technology/химии и химической технологии/Химия жана "
    "химиялык "
    "технология; Geology/геологии/Геология; Seismology/сейсмологии/Сейсмология; Biotechnology/биотехнологии/"
    "Биотехнология; Water Problems and Hydropower/водных проблем и гидроэнергетики/Суу көйгөйлөрү жана "
    "гидроэнергетика; Machine Science and Automation/машиноведения и автоматики/Машина таануу жана "
    "автоматика;"
    "History, Archaeology and Ethnology/истории, археологии и этнологии/Тарых, археология жана этнология;"
    "Mathematics/математики/Математика; Biology/биологии/Биология; Economics/экономики/Экономика;"
    "Philosophy and Law/философии и права/Философия жана укук; Mountain Physiology and Medicine/горной "
    "физиологии и медицины/Тоо физиологиясы жана медицина; Information Technologies/информационных "
    "технологий/"
    "Маалыматтык технологиялар"
)

# (key, en, ru, ky, key of the successor or "-"): a ministry with a successor was renamed.
MINISTRIES = forms(
    "education/Ministry of Education and Science/Министерство образования и науки/Билим берүү жана илим "
    "министрлиги/science; science/Ministry of Science, Higher Education and Innovation/Министерство науки, "
    "высшего образования и инноваций/Илим, жогорку билим берүү жана инновациялар министрлиги/-;"
    "agriculture/Ministry of Agriculture/Министерство сельского хозяйства/Айыл чарба министрлиги/water;"
    "water/Ministry of Water Resources, Agriculture and Processing Industry/Министерство водных ресурсов, "
    "сельского хозяйства и перерабатывающей промышленности/Суу ресурстары, айыл чарба жана кайра иштетүү "
    "өнөр "
    "жайы министрлиги/-; health/Ministry of Health/Министерство здравоохранения/Саламаттык сактоо "
    "министрлиги/-;"
    "digital/Ministry of Digital Development/Министерство цифрового развития/Санариптик өнүктүрүү "
    "министрлиги/-;"
    "energy/Ministry of Energy/Министерство энергетики/Энергетика министрлиги/-;"
    "ecology/Ministry of Natural Resources and Ecology/Министерство природных ресурсов и экологии/Жаратылыш "
    "ресурстары жана экология министрлиги/-; culture/Ministry of Culture/Министерство культуры/Маданият "
    "министрлиги/-"
)

# (en, ru after a masculine city adjective, ky): "Osh State University" / "Ошский государственный
# университет".
UNIVERSITY_KINDS = forms(
    "State University/государственный университет/мамлекеттик университети;"
    "Technical University/технический университет/техникалык университети;"
    "Agrarian University/аграрный университет/агрардык университети;"
    "Medical University/медицинский университет/медициналык университети;"
    "Pedagogical University/педагогический университет/педагогикалык университети"
)

# (en, ru, ky): "State Agency for Hydrometeorology" / "Государственное агентство по гидрометеорологии".
AGENCIES = forms(
    "Intellectual Property/по интеллектуальной собственности/Интеллектуалдык менчик боюнча;"
    "Hydrometeorology/по гидрометеорологии/Гидрометеорология боюнча;"
    "Geology and Mineral Resources/по геологии и минеральным ресурсам/Геология жана минералдык ресурстар "
    "боюнча;"
    "Environmental Protection/по охране окружающей среды/Айлана-чөйрөнү коргоо боюнча"
)

# (en, ru feminine adjective, ky): "Osh Energy Company" / "Ошская энергетическая компания".
COMPANY_SECTORS = forms(
    "Energy/энергетическая/энергетикалык; Mining/горнодобывающая/тоо-кен; Pharmaceutical/фармацевтическая/"
    "фармацевтикалык; Agricultural Technology/агротехнологическая/агротехнологиялык; Software/программная/"
    "программалык"
)

# (ky, ru, en, short ky, short ru, short en, country of the seat or "-")
INTERNATIONAL_BODIES = forms(
    "Тоо изилдөөлөрүнүн эл аралык борбору/Международный центр горных исследований/International Centre for "
    "Mountain Research/ТИЭБ/МЦГИ/ICMR/KG; Борбордук Азиянын суу ресурстарын изилдөө "
    "тармагы/Центральноазиатская "
    "сеть исследований водных ресурсов/Central Asian Water Research Network/БАСРИТ/ЦАСИВР/CAWRN/KZ;"
    "Евразиялык илимий фонд/Евразийский научный фонд/Eurasian Science Foundation/ЕИФ/ЕНФ/ESF/RU;"
    "Жибек жолу университеттеринин ассоциациясы/Ассоциация университетов Шёлкового пути/Silk Road "
    "Universities "
    "Association/ЖЖУА/АУШП/SRUA/CN; Сейсмологиялык маалыматтардын эл аралык борбору/Международный центр "
    "сейсмологических данных/International Seismological Data Centre/СМЭБ/МЦСД/ISDC/-"
)

# Positions by organisation kind, (en, ru, ky possessive): "Rector of OSU" / "Ректор ОГУ" / "ОМУ ректору".
POSITIONS = {
    "academy": forms("President/Президент/президенти; Vice-President/Вице-президент/вице-президенти;"
                     "Chief Scientific Secretary/Главный учёный секретарь/башкы илимий катчысы"),
    "university": forms("Rector/Ректор/ректору; Vice-Rector for Research/Проректор по научной работе/илимий "
                        "иштер боюнча проректору; Vice-Rector for International Relations/Проректор по "
                        "международным связям/эл аралык байланыштар боюнча проректору"),
    "ministry": forms("Minister/Министр/министри; Deputy Minister/Заместитель министра/министринин орун "
                      "басары;"
                      "State Secretary/Статс-секретарь/статс-катчысы"),
    "research_institute": forms("Director/Директор/директору; Deputy Director for Research/Заместитель "
                                "директора по научной работе/илимий иштер боюнча директорунун орун басары"),
    "agency": forms("Director/Директор/директору; Deputy Director/Заместитель директора/директорунун орун "
                    "басары"),
    "company": forms("Chief Executive Officer/Генеральный директор/башкы директору;"
                     "Technical Director/Технический директор/техникалык директору"),
    "international_body": forms("Executive Director/Исполнительный директор/аткаруучу директору;"
                                "Secretary-General/Генеральный секретарь/башкы катчысы"),
}  # fmt: skip
REPRESENTATIVE = ("ыйгарым укуктуу өкүлү", "Уполномоченный представитель", "Authorised representative")

# An organisation's kind in its description: (en, ru, ky).
KIND_LABELS = {
    kind: (en, ru, ky)
    for kind, en, ru, ky in forms(
        "academy/Academy of sciences/Академия наук/илимдер академиясы; university/University/Университет/"
        "университет; ministry/Ministry/Министерство/министрлик; research_institute/Research institute/"
        "Научно-исследовательский институт/илимий-изилдөө институту; agency/State agency/Государственное "
        "агентство/мамлекеттик агенттик; company/Company/Компания/компания; international_body/International "
        "organisation/Международная организация/эл аралык уюм"
    )
}

# (slug, en, ru nominative, ru genitive after "в области", ky)
TOPICS = forms(
    "green-technologies/green technologies/Зелёные технологии/зелёных технологий/жашыл технологиялар;"
    "smart-agriculture/smart agriculture/Умное сельское хозяйство/умного сельского хозяйства/акылдуу айыл "
    "чарба;"
    "biomedicine/biomedicine/Биомедицина/биомедицины/биомедицина;"
    "cultural-heritage/cultural heritage protection/Охрана культурного наследия/охраны культурного наследия/"
    "маданий мурасты коргоо; digitalisation/digitalisation/Цифровизация/цифровизации/санариптештирүү;"
    "energy/energy/Энергетика/энергетики/энергетика; ecology/ecology/Экология/экологии/экология;"
    "medicine/medicine/Медицина/медицины/медицина; veterinary-medicine/veterinary medicine/Ветеринария/"
    "ветеринарии/ветеринария; plant-protection/plant protection/Защита растений/защиты растений/өсүмдүктөрдү "
    "коргоо; seismology/seismology/Сейсмология/сейсмологии/сейсмология; water-resources/glaciology and water "
    "resources/Гляциология и водные ресурсы/гляциологии и водных ресурсов/гляциология жана суу ресурстары;"
    "geology-mining/geology and mining/Геология и горное дело/геологии и горного дела/геология жана тоо-кен "
    "иши;"
    "materials-science/physics and materials science/Физика и материаловедение/физики и "
    "материаловедения/физика "
    "жана материал таануу; artificial-intelligence/artificial intelligence/Искусственный интеллект/"
    "искусственного интеллекта/жасалма интеллект; higher-education/higher education/Высшее "
    "образование/высшего "
    "образования/жогорку билим берүү; climate-change/climate change/Изменение климата/изменения климата/"
    "климаттын өзгөрүшү; biodiversity/biodiversity/Биоразнообразие/биоразнообразия/биологиялык ар түрдүүлүк;"
    "archaeology/archaeology and history/Археология и история/археологии и истории/археология жана тарых;"
    "linguistics/languages and literature/Языкознание и литература/языкознания и литературы/тил жана адабият"
)

# What a memorandum is about: (en, ru prepositional after "о", ru nominative, ky)
SCOPES = forms(
    "joint research/совместных исследованиях/совместные исследования/биргелешкен изилдөөлөр;"
    "academic exchange/академическом обмене/академический обмен/академиялык алмашуу;"
    "training of young scientists/подготовке молодых учёных/подготовка молодых учёных/жаш окумуштууларды "
    "даярдоо;"
    "establishing a joint laboratory/создании совместной лаборатории/создание совместной "
    "лаборатории/биргелешкен "
    "лабораторияны түзүү; joint field expeditions/совместных полевых экспедициях/совместные полевые "
    "экспедиции/"
    "биргелешкен талаа экспедициялары; sharing research infrastructure/совместном использовании научной "
    "инфраструктуры/совместное использование научной инфраструктуры/илимий инфраструктураны биргелешип "
    "пайдалануу"
)

# (en, ru, ky with "{q}" for the target quantity, unit en, unit ru, unit ky, quantities separated by spaces)
COMMITMENTS = forms(
    "Train {q} young scientists/Подготовить {q} молодых учёных/{q} жаш окумуштууну даярдоо/young scientists/"
    "молодых учёных/жаш окумуштуу/5 10 12 15 20 25 30; Hold {q} joint scientific seminars/Провести {q} "
    "совместных научных семинаров/{q} биргелешкен илимий семинар өткөрүү/seminars/семинаров/семинар/5 6 8 10;"
    "Publish {q} joint articles in indexed journals/Опубликовать {q} совместных статей в индексируемых "
    "журналах/"
    "Индекстелген журналдарда {q} биргелешкен макала жарыялоо/articles/статей/макала/5 10 15 20 25 30 40 50;"
    "Organise {q} joint field expeditions/Организовать {q} совместных полевых экспедиций/{q} биргелешкен "
    "талаа "
    "экспедициясын уюштуруу/expeditions/экспедиций/экспедиция/5 6 7 8; Exchange {q} researchers a year/"
    "Ежегодно обмениваться {q} исследователями/Жыл сайын {q} изилдөөчү менен "
    "алмашуу/researchers/исследователей/"
    "изилдөөчү/5 10 15 20; Award {q} master's and PhD scholarships/Предоставить {q} стипендий для "
    "магистрантов и "
    "докторантов/Магистранттар жана докторанттар үчүн {q} стипендия берүү/scholarships/стипендий/стипендия/5 "
    "10 "
    "20 25 30 50; File {q} joint patent applications/Подать {q} совместных патентных заявок/{q} биргелешкен "
    "патенттик табыш берүү/patent applications/патентных заявок/патенттик табыш/5 6 8 10;"
    "Establish a joint laboratory/Создать совместную лабораторию/Биргелешкен лаборатория түзүү////;"
    "Prepare a joint five-year research programme/Подготовить совместную пятилетнюю программу исследований/"
    "Беш жылдык биргелешкен изилдөө программасын даярдоо////"
)

# (name en, ru, ky, unit en, ru, ky, qualifier, lowest, highest, concerns "organization" or "countries")
INDICATORS = forms(
    "Research staff/Научные сотрудники/Илимий "
    "кызматкерлер/scientists/учёных/окумуштуу/exact/40/3000/organization;"
    "Scientific discoveries/Научные открытия/Илимий "
    "ачылыштар/discoveries/открытий/ачылыш/exact/3/60/organization;"
    "Patents received/Полученные патенты/Алынган патенттер/patents/патентов/патент/exact/5/80/organization;"
    "Young scientists trained abroad/Молодые учёные, прошедшие стажировку за рубежом/Чет өлкөдө "
    "стажировкадан "
    "өткөн жаш окумуштуулар/young scientists/молодых учёных/жаш окумуштуу/more_than/10/500/organization;"
    "Students studying in the partner country/Студенты, обучающиеся в стране-партнёре/Өнөктөш өлкөдө окуган "
    "студенттер/students/студентов/студент/more_than/200/6000/countries;"
    "Joint publications/Совместные публикации/Биргелешкен "
    "басылмалар/publications/публикаций/басылма/about/20/"
    "800/countries; Joint laboratories operating/Действующие совместные лаборатории/Иштеп жаткан биргелешкен "
    "лабораториялар/laboratories/лабораторий/лаборатория/exact/1/30/countries"
)

# People's names by culture, (ky, ru, en). Surnames are masculine; cultures in FEMININE_SURNAMES
# add "а"/"a" for women. Where SURNAME_FIRST, the family name comes first.
NAMES = {
    "kyrgyz": (
        forms("Канатбек/Канатбек/Kanatbek; Өмүрбек/Омурбек/Omurbek; Алмазбек/Алмазбек/Almazbek; "
              "Нурлан/Нурлан/"
              "Nurlan; Бакыт/Бакыт/Bakyt; Үсөн/Усен/Usen; Жыргалбек/Жыргалбек/Zhyrgalbek; Төлөгөн/Тологон/"
              "Tologon; Мирлан/Мирлан/Mirlan; Эрлан/Эрлан/Erlan; Азамат/Азамат/Azamat; Темир/Темир/Temir;"
              "Чыңгыз/Чингиз/Chyngyz; Айбек/Айбек/Aibek; Сүйүнбек/Суюнбек/Suiunbek; Марат/Марат/Marat"),
        forms("Гүлнара/Гульнара/Gulnara; Айгүл/Айгуль/Aigul; Чолпон/Чолпон/Cholpon; Жылдыз/Жылдыз/Zhyldyz;"
              "Нургүл/Нургуль/Nurgul; Айжан/Айжан/Aizhan; Бермет/Бермет/Bermet; Динара/Динара/Dinara;"
              "Мээрим/Мээрим/Meerim; Кундуз/Кундуз/Kunduz; Асел/Асель/Asel; Гүлзат/Гульзат/Gulzat"),
        forms("Абдрахматов/Абдрахматов/Abdrakhmatov; Жээнбеков/Жээнбеков/Jeenbekov; Үсөнов/Усенов/Usenov;"
              "Токтогулов/Токтогулов/Toktogulov; Молдокматов/Молдокматов/Moldokmatov; "
              "Сыдыков/Сыдыков/Sydykov;"
              "Асанов/Асанов/Asanov; Бейшеналиев/Бейшеналиев/Beishenaliev; Касымов/Касымов/Kasymov;"
              "Өмүралиев/Омуралиев/Omuraliev; Жумабаев/Джумабаев/Dzhumabaev; Төрөбеков/Торобеков/Torobekov;"
              "Мамытов/Мамытов/Mamytov; Исаков/Исаков/Isakov; Чыңгышев/Чингишев/Chyngyshev;"
              "Акматалиев/Акматалиев/Akmataliev; Осмонов/Осмонов/Osmonov; Шаршеев/Шаршеев/Sharsheev"),
    ),
    "kazakh": (
        forms("Ерлан/Ерлан/Yerlan; Нурсултан/Нурсултан/Nursultan; Бауыржан/Бауыржан/Baurzhan; "
              "Асхат/Асхат/Askhat;"
              "Даурен/Даурен/Dauren; Серик/Серик/Serik"),
        forms("Айгерим/Айгерим/Aigerim; Салтанат/Салтанат/Saltanat; Гульмира/Гульмира/Gulmira; "
              "Жанар/Жанар/Zhanar"),
        forms("Нурпеисов/Нурпеисов/Nurpeisov; Жаксыбеков/Жаксыбеков/Zhaksybekov; "
              "Сулейменов/Сулейменов/Suleimenov;"
              "Абенов/Абенов/Abenov; Есенов/Есенов/Yessenov; Тулегенов/Тулегенов/Tulegenov"),
    ),
    "uzbek": (
        forms("Шухрат/Шухрат/Shukhrat; Бахтиёр/Бахтиёр/Bakhtiyor; Фаррух/Фаррух/Farrukh; "
              "Улугбек/Улугбек/Ulugbek;"
              "Рустам/Рустам/Rustam"),
        forms("Дилноза/Дилноза/Dilnoza; Нилуфар/Нилуфар/Nilufar; Гулноза/Гулноза/Gulnoza; "
              "Мадина/Мадина/Madina"),
        forms("Каримов/Каримов/Karimov; Юсупов/Юсупов/Yusupov; Рахимов/Рахимов/Rakhimov; Турсунов/Турсунов/"
              "Tursunov; Назаров/Назаров/Nazarov"),
    ),
    "russian": (
        forms("Иван/Иван/Ivan; Алексей/Алексей/Alexey; Сергей/Сергей/Sergey; Дмитрий/Дмитрий/Dmitry;"
              "Андрей/Андрей/Andrey; Михаил/Михаил/Mikhail"),
        forms("Елена/Елена/Elena; Ольга/Ольга/Olga; Наталья/Наталья/Natalya; Татьяна/Татьяна/Tatiana;"
              "Ирина/Ирина/Irina"),
        forms("Петров/Петров/Petrov; Смирнов/Смирнов/Smirnov; Кузнецов/Кузнецов/Kuznetsov; Соколов/Соколов/"
              "Sokolov; Морозов/Морозов/Morozov; Волков/Волков/Volkov; Лебедев/Лебедев/Lebedev"),
    ),
    "chinese": (
        forms("Вэй/Вэй/Wei; Цзюнь/Цзюнь/Jun; Мин/Мин/Ming; Хао/Хао/Hao; Цян/Цян/Qiang; Лэй/Лэй/Lei"),
        forms("Фан/Фан/Fang; Цзин/Цзин/Jing; Ли/Ли/Li; Янь/Янь/Yan; Хуэй/Хуэй/Hui"),
        forms("Ван/Ван/Wang; Ли/Ли/Li; Чжан/Чжан/Zhang; Лю/Лю/Liu; Чэнь/Чэнь/Chen; Ян/Ян/Yang; "
              "Чжао/Чжао/Zhao;"
              "Сюй/Сюй/Xu"),
    ),
    "turkish": (
        forms("Мехмет/Мехмет/Mehmet; Мустафа/Мустафа/Mustafa; Ахмет/Ахмет/Ahmet; Эмре/Эмре/Emre; "
              "Бурак/Бурак/Burak"),
        forms("Айше/Айше/Ayşe; Фатма/Фатма/Fatma; Элиф/Элиф/Elif; Зейнеп/Зейнеп/Zeynep"),
        forms("Йылмаз/Йылмаз/Yılmaz; Кая/Кая/Kaya; Демир/Демир/Demir; Челик/Челик/Çelik; Шахин/Шахин/Şahin;"
              "Озтюрк/Озтюрк/Öztürk"),
    ),
    "german": (
        forms("Томас/Томас/Thomas; Михаэль/Михаэль/Michael; Андреас/Андреас/Andreas; Штефан/Штефан/Stefan;"
              "Петер/Петер/Peter"),
        forms("Сабина/Сабина/Sabine; Андреа/Андреа/Andrea; Юлия/Юлия/Julia; Катарина/Катарина/Katharina"),
        forms("Мюллер/Мюллер/Müller; Шмидт/Шмидт/Schmidt; Шнайдер/Шнайдер/Schneider; Фишер/Фишер/Fischer;"
              "Вебер/Вебер/Weber; Вагнер/Вагнер/Wagner"),
    ),
    "french": (
        forms("Пьер/Пьер/Pierre; Жан/Жан/Jean; Люк/Люк/Luc; Марко/Марко/Marco; Франсуа/Франсуа/François"),
        forms("Мари/Мари/Marie; Софи/Софи/Sophie; Кьяра/Кьяра/Chiara; Изабель/Изабель/Isabelle"),
        forms("Дюбуа/Дюбуа/Dubois; Мартен/Мартен/Martin; Бернар/Бернар/Bernard; Росси/Росси/Rossi;"
              "Лефевр/Лефевр/Lefèvre; Моро/Моро/Moreau"),
    ),
    "english": (
        forms("Жон/Джон/John; Дэвид/Дэвид/David; Роберт/Роберт/Robert; Жеймс/Джеймс/James; "
              "Майкл/Майкл/Michael"),
        forms("Мэри/Мэри/Mary; Сара/Сара/Sarah; Эмили/Эмили/Emily; Жессика/Джессика/Jessica"),
        forms("Смит/Смит/Smith; Жонсон/Джонсон/Johnson; Браун/Браун/Brown; Уильямс/Уильямс/Williams;"
              "Миллер/Миллер/Miller; Тейлор/Тейлор/Taylor"),
    ),
    "korean": (
        forms("Мин Жун/Мин Джун/Min-jun; Жи Хун/Джи Хун/Ji-hoon; Сон Мин/Сон Мин/Seong-min; Хён У/Хён "
              "У/Hyun-woo"),
        forms("Сё Ён/Со Ён/Seo-yeon; Жи Ён/Джи Ён/Ji-yeon; Мин Жи/Мин Джи/Min-ji"),
        forms("Ким/Ким/Kim; Ли/Ли/Lee; Пак/Пак/Park; Чхве/Чхве/Choi; Чон/Чон/Jung"),
    ),
    "japanese": (
        forms("Хироси/Хироси/Hiroshi; Такеси/Такеси/Takeshi; Кэндзи/Кэндзи/Kenji; Юки/Юки/Yuki"),
        forms("Юко/Юко/Yuko; Акико/Акико/Akiko; Наоми/Наоми/Naomi"),
        forms("Танака/Танака/Tanaka; Сато/Сато/Sato; Судзуки/Судзуки/Suzuki; Ватанабэ/Ватанабэ/Watanabe; "
              "Ито/Ито/Ito"),
    ),
    "indian": (
        forms("Ражеш/Раджеш/Rajesh; Амит/Амит/Amit; Викрам/Викрам/Vikram; Имран/Имран/Imran"),
        forms("Прия/Прия/Priya; Анита/Анита/Anita; Аиша/Аиша/Ayesha"),
        forms("Кумар/Кумар/Kumar; Шарма/Шарма/Sharma; Патель/Патель/Patel; Хан/Хан/Khan; Редди/Редди/Reddy"),
    ),
    "persian": (
        forms("Али/Али/Ali; Реза/Реза/Reza; Хосейн/Хосейн/Hossein"),
        forms("Мариам/Мариам/Maryam; Захра/Захра/Zahra"),
        forms("Ахмади/Ахмади/Ahmadi; Хосейни/Хосейни/Hosseini; Мохаммади/Мохаммади/Mohammadi; "
              "Карими/Карими/Karimi"),
    ),
    "mongolian": (
        forms("Бат-Эрдэнэ/Бат-Эрдэнэ/Bat-Erdene; Ганбаатар/Ганбаатар/Ganbaatar; Тэмүүлэн/Тэмуулэн/Temuulen"),
        forms("Оюунчимэг/Оюунчимэг/Oyuunchimeg; Сарангэрэл/Сарангэрэл/Sarangerel"),
        forms("Батбаяр/Батбаяр/Batbayar; Цэрэндорж/Цэрэндорж/Tserendorj; Ганзориг/Ганзориг/Ganzorig"),
    ),
}  # fmt: skip
FEMININE_SURNAMES = {"kyrgyz", "kazakh", "uzbek", "russian"}
SURNAME_FIRST = {"chinese", "korean", "mongolian"}


def ordinal_en(number: int) -> str:
    if 10 <= number % 100 <= 20:
        return f"{number}th"
    return f"{number}{ {1: 'st', 2: 'nd', 3: 'rd'}.get(number % 10, 'th') }"
