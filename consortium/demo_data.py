"""The demo facts: what the two texts in `shared/seeds/` say, in Kyrgyz, Russian and English.

Only what the texts give is here (DESIGN.md section 9): no invented names, dates, numbers or
URLs; where a text is silent the field is left out and stays empty. `manage.py load_demo`
(consortium/management/commands/load_demo.py) writes these records idempotently.

Sources:
- NAS: the news of the National Academy of Sciences of the Kyrgyz Republic on its agreement with
  the Kyrgyz National University (20 July 2023), with the Academy's electronic reception and the
  figures shown on its website (128 scientists, 24 discoveries, 19 patents; no date given).
- 24KG: 24.kg, 21 July 2025, on the second meeting of the Kyrgyz-Chinese Commission on Scientific
  and Technical Cooperation in Cholpon-Ata, from the press service of the Ministry of Science,
  Higher Education and Innovation.

Decisions where the texts are vague:
- The 24.kg news of 21 July 2025 says the meeting "was held": the meeting and the two instruments
  signed there are dated July 2025 (1 July 2025, precision month).
- Titles of the Protocol, the Memorandum and the joint laboratories are descriptive: the text
  gives no official names.
- "Scientific laboratories in the fields of energy, agriculture, ecology and medicine are being
  opened and modernized" is kept as an infrastructure programme of the meeting, status open
  (under way), like the railway cooperation that "continues".
"""

import datetime
from decimal import Decimal


def T(ky: str, ru: str, en: str) -> dict[str, str]:
    """One text in the three languages of the portal."""
    return {"ky": ky, "ru": ru, "en": en}


JULY_2025 = datetime.date(2025, 7, 1)  # "was held" in the news of 21 July 2025: July 2025
NEWS_24KG_DATE = datetime.date(2025, 7, 21)

# --- Topics -----------------------------------------------------------------------------------

TOPICS = {
    "green-technologies": T("Жашыл технологиялар", "Зелёные технологии", "Green technologies"),
    "smart-agriculture": T("Акылдуу айыл чарбасы", "Умное сельское хозяйство", "Smart agriculture"),
    "biomedicine": T("Биомедицина", "Биомедицина", "Biomedicine"),
    "cultural-heritage-protection": T(
        "Маданий мурасты коргоо", "Охрана культурного наследия", "Cultural heritage protection"
    ),
    "digitalisation": T("Санариптештирүү", "Цифровизация", "Digitalisation"),
    "plant-protection": T("Өсүмдүктөрдү коргоо", "Защита растений", "Plant protection"),
    "clean-energy": T("Таза энергетика", "Чистая энергетика", "Clean energy"),
    "veterinary-medicine": T("Ветеринардык медицина", "Ветеринарная медицина", "Veterinary medicine"),
    "energy": T("Энергетика", "Энергетика", "Energy"),
    "agriculture": T("Айыл чарбасы", "Сельское хозяйство", "Agriculture"),
    "ecology": T("Экология", "Экология", "Ecology"),
    "medicine": T("Медицина", "Медицина", "Medicine"),
}

# --- Organisations, their contacts, people ------------------------------------------------------

ORGANIZATIONS = {
    "nas": {
        "name": T(
            "Кыргыз Республикасынын Улуттук илимдер академиясы",
            "Национальная академия наук Кыргызской Республики",
            "National Academy of Sciences of the Kyrgyz Republic",
        ),
        "kind": "academy",
        "country": "KG",
        # The address of its electronic reception is in Bishkek.
        "city": T("Бишкек", "Бишкек", "Bishkek"),
    },
    "knu": {
        "name": T(
            "Ж. Баласагын атындагы Кыргыз улуттук университети",
            "Кыргызский национальный университет имени Ж. Баласагына",
            "Kyrgyz National University named after J. Balasagyn",
        ),
        # The NAS text calls it "the KNU".
        "short_name": T("КУУ", "КНУ", "KNU"),
        "kind": "university",
        "country": "KG",
    },
    "ministry": {
        "name": T(
            "Кыргыз Республикасынын Илим, жогорку билим берүү жана инновациялар министрлиги",
            "Министерство науки, высшего образования и инноваций Кыргызской Республики",
            "Ministry of Science, Higher Education and Innovation of the Kyrgyz Republic",
        ),
        "kind": "ministry",
        "country": "KG",
    },
}

CONTACT_POINTS = [
    {
        "organization": "nas",
        "label": T("Электрондук кабылдама", "Электронная приёмная", "Electronic reception"),
        "phone": "+996 (312) 39-23-66",
        # The page shows the label "E-Mail" but no address, so the e-mail stays empty.
        "address": T(
            "Бишкек ш., Чүй проспекти, 265а",
            "г. Бишкек, просп. Чуй 265а",
            "Bishkek, Chui Avenue 265a",
        ),
    },
]

PEOPLE = {
    # "K. E. Abdrakhmatov" in the English text; "Канатбек Абдрахматов" in the Kyrgyz one.
    "abdrakhmatov": T("Канатбек Абдрахматов", "Канатбек Абдрахматов", "Kanatbek Abdrakhmatov"),
    # Only the initials are given.
    "abdyrakhmanov": T("Т. А. Абдырахманов", "Т. А. Абдырахманов", "T. A. Abdyrakhmanov"),
    # Minister of Science of the Kyrgyz Republic (24.kg, 21 July 2025).
    "orozov": T("Бактияр Орозов", "Бактияр Орозов", "Baktiyar Orozov"),
}

# --- The Kyrgyz-Chinese commission and its meetings --------------------------------------------

COMMISSIONS = {
    "kg-cn": {
        "name": T(
            "Илимий-техникалык кызматташтык боюнча Кыргыз-Кытай комиссиясы",
            "Кыргызско-китайская комиссия по научно-техническому сотрудничеству",
            "Kyrgyz-Chinese Commission on Scientific and Technical Cooperation",
        ),
        "countries": ["KG", "CN"],
    },
}

MEETINGS = {
    "kg-cn-2": {
        "commission": "kg-cn",
        "number": 2,
        "held_on": JULY_2025,
        "held_on_precision": "month",
        "place": T("Чолпон-Ата", "Чолпон-Ата", "Cholpon-Ata"),
        "country": "KG",
        "summary": T(
            "Тараптар эки жылдык кызматташтыктын жыйынтыктарын чыгарышты; бул мезгилде биргелешкен "
            "лабораториялар, изилдөө долбоорлору, алмашуу программалары жана технологияларды "
            "трансферттөө аянтчалары ишке киргизилген. «Жашыл» технологияларды, акылдуу айыл "
            "чарбасын, биомедицинаны, маданий мурасты коргоону жана санариптештирүүнү өнүктүрүүгө "
            "өзгөчө көңүл бурулду. Протоколго жана Өз ара түшүнүшүү жөнүндө меморандумга кол "
            "коюлду. Кыргыз Республикасынын илим министри ШКУ өлкөлөрү үчүн технологияларды "
            "трансферттөө боюнча менеджерлерди даярдоо жөнүндө кытай демилгесине кызыкдар экенин "
            "билдирди.",
            "Стороны подвели итоги двух лет сотрудничества, за которые были запущены совместные "
            "лаборатории, исследовательские проекты, программы обмена и платформы трансфера "
            "технологий. Особое внимание уделено развитию «зелёных» технологий, умного сельского "
            "хозяйства, биомедицины, охраны культурного наследия и цифровизации. Подписаны "
            "Протокол и Меморандум о взаимопонимании. Министр науки Кыргызской Республики выразил "
            "заинтересованность в китайской инициативе по подготовке менеджеров по трансферу "
            "технологий для стран ШОС.",
            "The parties summed up the results of two years of cooperation, during which joint "
            "laboratories, research projects, exchange programmes and technology transfer "
            "platforms were launched. Particular attention was paid to the development of green "
            "technologies, smart agriculture, biomedicine, cultural heritage protection and "
            "digitalisation. A Protocol and a Memorandum of Understanding were signed. The "
            "Minister of Science of the Kyrgyz Republic expressed interest in the Chinese "
            "initiative to train technology transfer managers for the SCO countries.",
        ),
    },
    # "The third meeting of the Commission is scheduled for 2027 in China."
    "kg-cn-3": {
        "commission": "kg-cn",
        "number": 3,
        "planned_year": 2027,
        "country": "CN",
    },
}

# --- Agreements ---------------------------------------------------------------------------------

MEETING_FOCUS_TOPICS = [
    "green-technologies",
    "smart-agriculture",
    "biomedicine",
    "cultural-heritage-protection",
    "digitalisation",
]

DEEPEN_COOPERATION = T(
    "Илим, технологиялар жана инновациялар жаатындагы кызматташтыкты тереңдетүүгө багытталган.",
    "Направлен на углубление сотрудничества в области науки, технологий и инноваций.",
    "Designed to deepen cooperation in the field of science, technology and innovation.",
)

AGREEMENTS = {
    "nas-knu-2023": {
        "kind": "agreement",
        "title": T(
            "Кыргыз Республикасынын Улуттук илимдер академиясы менен Ж. Баласагын атындагы Кыргыз "
            "улуттук университетинин ортосундагы илимий кызматташтык жөнүндө келишим",
            "Соглашение о научном сотрудничестве между Национальной академией наук Кыргызской "
            "Республики и Кыргызским национальным университетом имени Ж. Баласагына",
            "Agreement on Scientific Cooperation between the National Academy of Sciences of the "
            "Kyrgyz Republic and the Kyrgyz National University named after J. Balasagyn",
        ),
        "summary": T(
            "Келишимдин предмети — ата мекендик илимдин өлкөнүн туруктуу социалдык-экономикалык "
            "өнүгүүсүнө кошкон салымын жогорулатуу максатында илимий-изилдөө, инновациялык жана "
            "билим берүү ишмердүүлүгүн интеграциялоо, илимий-педагогикалык кадрларды даярдоо "
            "боюнча күч-аракеттерди бириктирүү, ошондой эле эки тараптын кадрдык ресурстарын, "
            "материалдык-техникалык жана инфратүзүмдүк базасын биргелешип пайдалануу.",
            "Предметом Соглашения является интеграция научно-исследовательской, инновационной и "
            "образовательной деятельности в целях повышения вклада отечественной науки в "
            "устойчивое социально-экономическое развитие страны и объединение усилий по подготовке "
            "научно-педагогических кадров, а также совместное использование кадровых ресурсов, "
            "материально-технической и инфраструктурной базы обеих сторон.",
            "The subject of the Agreement is the integration of research, innovation and "
            "educational activities in order to increase the contribution of domestic science to "
            "the sustainable socio-economic development of the country, and the joining of efforts "
            "to train scientific and pedagogical personnel, as well as the joint use of the human "
            "resources and the material, technical and infrastructure bases of both parties.",
        ),
        "legal_basis": T(
            "Кыргыз Республикасынын Президентинин «Өлкөнүн туруктуу өнүгүүсүнө илимдин салымын "
            "жогорулатуу боюнча чаралар жөнүндө» Жарлыгы",
            "Указ Президента Кыргызской Республики «О мерах по повышению вклада науки в устойчивое "
            "развитие страны»",
            "Decree of the President of the Kyrgyz Republic \u201cOn Measures to Increase the "
            "Contribution of Science to the Sustainable Development of the Country\u201d",
        ),
        "signed_on": datetime.date(2023, 7, 20),
        "signed_on_precision": "day",
        "parties": ["nas", "knu"],
        "signatories": [
            {
                "person": "abdrakhmatov",
                "organization": "nas",
                "position": T(
                    "Кыргыз Республикасынын Улуттук илимдер академиясынын президенти",
                    "Президент Национальной академии наук Кыргызской Республики",
                    "President of the National Academy of Sciences of the Kyrgyz Republic",
                ),
            },
            {
                "person": "abdyrakhmanov",
                "organization": "knu",
                "position": T(
                    "Ж. Баласагын атындагы Кыргыз улуттук университетинин ректору",
                    "Ректор Кыргызского национального университета имени Ж. Баласагына",
                    "Rector of the Kyrgyz National University named after J. Balasagyn",
                ),
            },
        ],
        "commitments": [
            {
                "responsible": "nas",
                "text": T(
                    "Илимий-педагогикалык кадрларды даярдоодо жана алардын квалификациясын "
                    "жогорулатууда биргелешкен изилдөө долбоорлорун, семинарларды, "
                    "конференцияларды жана көргөзмөлөрдү уюштуруу аркылуу КУУга көмөк көрсөтүү.",
                    "Содействовать КНУ в подготовке научно-педагогических кадров и повышении их "
                    "квалификации путём организации совместных исследовательских проектов, "
                    "семинаров, конференций и выставок.",
                    "To assist KNU in training scientific and pedagogical personnel and improving "
                    "their qualifications through the organisation of joint research projects, "
                    "seminars, conferences and exhibitions.",
                ),
            },
            {
                "responsible": "nas",
                "text": T(
                    "Окуу процессин жана студенттердин тиешелүү өндүрүштүк практикасын уюштурууга "
                    "багыт алып, биргелешкен лабораторияларды жана кафедраларды, анын ичинде өз "
                    "базасында кафедралардын филиалдарын түзүүгө көмөктөшүү.",
                    "Содействовать формированию совместных лабораторий и кафедр, в том числе "
                    "филиалов кафедр на своей базе, с ориентацией на организацию учебного процесса "
                    "и сопутствующих производственных практик студентов.",
                    "To promote the formation of joint laboratories and departments, including "
                    "branches of departments on its own base, with a focus on organising the "
                    "educational process and related production practice for students.",
                ),
            },
            {
                "responsible": "knu",
                "text": T(
                    "PhD деңгээлиндеги жогорку квалификациялуу кадрларды даярдоо системасын өнүктүрүү.",
                    "Развивать систему подготовки высококвалифицированных кадров уровня PhD.",
                    "To develop a system for training highly qualified PhD-level personnel.",
                ),
            },
            {
                "responsible": "knu",
                "text": T(
                    "Улуттук илимдер академиясынын илимий-изилдөө мекемелериндеги жана "
                    "борборлорундагы биргелешкен кафедраларды жана алардын филиалдарын колдоо.",
                    "Поддерживать совместные кафедры и их филиалы в научно-исследовательских "
                    "учреждениях и центрах Национальной академии наук.",
                    "To support joint departments and their branches in the research institutions "
                    "and centres of the National Academy of Sciences.",
                ),
            },
            {
                "responsible": "knu",
                "text": T(
                    "Кафедралардын филиалдары үчүн арналган жайларды кайра жабдууда жана окуу "
                    "процессин уюштурууда Академияга көмөк көрсөтүү, бул үчүн өз адистерин тартуу.",
                    "Оказывать Академии содействие в переоснащении помещений, предназначенных для "
                    "филиалов кафедр, и в организации учебного процесса, привлекая для этого своих "
                    "специалистов.",
                    "To assist the Academy in re-equipping the premises intended for branches of the "
                    "departments and in organising the educational process, attracting its "
                    "specialists for this.",
                ),
            },
        ],
        # None of the portal's topics is named by this text.
        "topics": [],
    },
    "kg-cn-2-protocol": {
        "kind": "protocol",
        "title": T(
            "Илимий-техникалык кызматташтык боюнча Кыргыз-Кытай комиссиясынын экинчи отурумунда "
            "кол коюлган протокол",
            "Протокол, подписанный на втором заседании Кыргызско-китайской комиссии по "
            "научно-техническому сотрудничеству",
            "Protocol signed at the second meeting of the Kyrgyz-Chinese Commission on Scientific "
            "and Technical Cooperation",
        ),
        "summary": DEEPEN_COOPERATION,
        "signed_on": JULY_2025,
        "signed_on_precision": "month",
        "signed_place": T("Чолпон-Ата", "Чолпон-Ата", "Cholpon-Ata"),
        "meeting": "kg-cn-2",
        "parties": [],
        "signatories": [],
        "commitments": [],
        "topics": MEETING_FOCUS_TOPICS,
    },
    "kg-cn-2-memorandum": {
        "kind": "memorandum",
        "title": T(
            "Илимий-техникалык кызматташтык боюнча Кыргыз-Кытай комиссиясынын экинчи отурумунда "
            "кол коюлган Өз ара түшүнүшүү жөнүндө меморандум",
            "Меморандум о взаимопонимании, подписанный на втором заседании Кыргызско-китайской "
            "комиссии по научно-техническому сотрудничеству",
            "Memorandum of Understanding signed at the second meeting of the Kyrgyz-Chinese "
            "Commission on Scientific and Technical Cooperation",
        ),
        "summary": DEEPEN_COOPERATION,
        "signed_on": JULY_2025,
        "signed_on_precision": "month",
        "signed_place": T("Чолпон-Ата", "Чолпон-Ата", "Cholpon-Ata"),
        "meeting": "kg-cn-2",
        "parties": [],
        "signatories": [],
        "commitments": [],
        "topics": MEETING_FOCUS_TOPICS,
    },
}

# --- The National Academic Consortium ----------------------------------------------------------

CONSORTIA = {
    "nac": {
        "name": T(
            "Улуттук академиялык консорциум",
            "Национальный академический консорциум",
            "National Academic Consortium",
        ),
        "founding_agreement": "nas-knu-2023",
        "description": T(
            "Консорциумду түзүү 2023-жылдын 20-июлундагы Илимий кызматташтык жөнүндө келишимде "
            "каралган. Консорциум тараптардын күч-аракеттерин түздөн-түз координациялайт; ал "
            "фундаменталдык изилдөөлөр боюнча тажрыйба менен системалуу деңгээлде ыкчам "
            "алмашууга, фундаменталдык илимдин жана инновациялардын актуалдуу маселелерин чечүүдө "
            "окумуштуулардын жана адистердин күч-аракеттерин бириктирүүгө, илимий изилдөөлөр "
            "чөйрөсүндө мамлекет ичиндеги жана мамлекеттер аралык кызматташтыкты кеңири "
            "өнүктүрүүгө мүмкүндүк берет.",
            "Создание консорциума предусмотрено Соглашением о научном сотрудничестве от 20 июля "
            "2023 года. Консорциум непосредственно координирует усилия сторон; он позволит "
            "оперативно обмениваться опытом фундаментальных исследований на системном уровне, "
            "объединять усилия учёных и специалистов в решении актуальных проблем фундаментальной "
            "науки и инноваций, широко развивать внутригосударственное и межгосударственное "
            "сотрудничество в области научных исследований.",
            "The Agreement on Scientific Cooperation of 20 July 2023 provides for its creation. "
            "The consortium directly coordinates the efforts of the parties; it will allow them to "
            "promptly exchange experience in fundamental research at the system level, to combine "
            "the efforts of scientists and specialists in solving urgent problems of fundamental "
            "science and innovation, and to broadly develop intrastate and interstate cooperation "
            "in scientific research.",
        ),
        "founders": ["nas", "knu"],
        "workstreams": [
            {
                "title": T(
                    "Илимий-изилдөө ишмердүүлүгү",
                    "Научно-исследовательская деятельность",
                    "Research activities",
                ),
                "goal": T(
                    "Илимий-изилдөө ишмердүүлүгүн жандандыруу.",
                    "Активизация научно-исследовательской деятельности.",
                    "To intensify research activities.",
                ),
            },
            {
                "title": T(
                    "Артыкчылыктуу илимий-техникалык багыттар боюнча биргелешкен программалар",
                    "Совместные программы по приоритетным научно-техническим направлениям",
                    "Joint programmes in priority scientific and technical areas",
                ),
                "goal": T(
                    "Артыкчылыктуу илимий-техникалык багыттар боюнча биргелешкен программаларды "
                    "жана аларды ишке ашыруу механизмдерин иштеп чыгууну жандандыруу.",
                    "Активизация разработки совместных программ по приоритетным научно-техническим "
                    "направлениям и механизмов их реализации.",
                    "To intensify the development of joint programmes in priority scientific and "
                    "technical areas and of mechanisms for their implementation.",
                ),
            },
            {
                "title": T(
                    "Жаңы технологиялар, инновациялык процесстер жана илимий кадрларды даярдоо",
                    "Новые технологии, инновационные процессы и подготовка научных кадров",
                    "New technologies, innovative processes and training of scientific personnel",
                ),
                "goal": T(
                    "Жаңы технологиялар, инновациялык процесстер жана илимий кадрларды даярдоо "
                    "чөйрөсүн биргелешип өнүктүрүү.",
                    "Совместное развитие сферы новых технологий, инновационных процессов и "
                    "подготовки научных кадров.",
                    "Joint development of the sphere of new technologies, innovative processes and "
                    "training of scientific personnel.",
                ),
            },
            {
                "title": T(
                    "Тажрыйба жана жетишкендиктер менен алмашуу",
                    "Обмен опытом и достижениями",
                    "Exchange of experience and achievements",
                ),
                "goal": T(
                    "Тажрыйба жана жетишкендиктер менен алмашууну оптималдаштыруу.",
                    "Оптимизация обмена опытом и достижениями.",
                    "To optimise the exchange of experience and achievements.",
                ),
            },
        ],
    },
}

# --- Joint laboratories ----------------------------------------------------------------------

# "Kyrgyz-Chinese laboratories specializing in plant protection, cultural heritage protection,
# clean energy and veterinary medicine are successfully operating." No hosts are named.
JOINT_LABS = [
    {
        "name": T(
            "Өсүмдүктөрдү коргоо боюнча кыргыз-кытай лабораториясы",
            "Кыргызско-китайская лаборатория по защите растений",
            "Kyrgyz-Chinese Laboratory for Plant Protection",
        ),
        "field": TOPICS["plant-protection"],
        "topics": ["plant-protection"],
    },
    {
        "name": T(
            "Маданий мурасты коргоо боюнча кыргыз-кытай лабораториясы",
            "Кыргызско-китайская лаборатория по охране культурного наследия",
            "Kyrgyz-Chinese Laboratory for Cultural Heritage Protection",
        ),
        "field": TOPICS["cultural-heritage-protection"],
        "topics": ["cultural-heritage-protection"],
    },
    {
        "name": T(
            "Таза энергетика боюнча кыргыз-кытай лабораториясы",
            "Кыргызско-китайская лаборатория чистой энергетики",
            "Kyrgyz-Chinese Laboratory for Clean Energy",
        ),
        "field": TOPICS["clean-energy"],
        "topics": ["clean-energy"],
    },
    {
        "name": T(
            "Ветеринардык медицина боюнча кыргыз-кытай лабораториясы",
            "Кыргызско-китайская лаборатория ветеринарной медицины",
            "Kyrgyz-Chinese Laboratory for Veterinary Medicine",
        ),
        "field": TOPICS["veterinary-medicine"],
        "topics": ["veterinary-medicine"],
    },
]
JOINT_LAB_DEFAULTS = {
    "status": "operating",
    "countries": ["KG", "CN"],
    "meeting": "kg-cn-2",
}

# --- Programmes agreed at the second meeting -------------------------------------------------

PROGRAMMES = [
    {
        "kind": "internship",
        "title": T(
            "Жаш окумуштуулардын Кытайдагы академиялык стажировкалары",
            "Академические стажировки молодых учёных в Китае",
            "Academic internships for young scientists in China",
        ),
        "places": 10,
        "period_note": T("кийинки эки жылдын ичинде", "в ближайшие два года", "over the next two years"),
        "status": "planned",
        "description": T(
            "Кийинки эки жылдын ичинде он жаш кыргызстандык окумуштуу Кытайда академиялык "
            "стажировкадан өтөт.",
            "Десять молодых кыргызстанских учёных пройдут академические стажировки в Китае в "
            "ближайшие два года.",
            "Ten young Kyrgyz scientists will undergo academic internships in China over the next two years.",
        ),
    },
    {
        "kind": "exchange",
        "title": T(
            "Кыргызстан менен Кытайдын өнөктөш институттарынын ортосундагы алмашуу программасы",
            "Программа обмена между институтами-партнёрами Кыргызстана и Китая",
            "Exchange programme between partner institutes of Kyrgyzstan and China",
        ),
        "status": "planned",
        "description": T(
            "Эки өлкөнүн өнөктөш институттарынын ортосунда алмашуу программасы түзүлөт.",
            "Между институтами-партнёрами двух стран будет создана программа обмена.",
            "An exchange programme will be created between partner institutes of the two countries.",
        ),
    },
    {
        "kind": "research_competition",
        "title": T(
            "Биргелешкен илимий-изилдөө жана тажрыйбалык-конструктордук долбоорлордун биринчи конкурсу",
            "Первый конкурс совместных проектов НИОКР",
            "First competition for joint R&D projects",
        ),
        "funding_cap": Decimal("1500000"),
        "currency": "CNY",
        "status": "open",
        "description": T(
            "Биргелешкен илимий-изилдөө жана тажрыйбалык-конструктордук долбоорлордун биринчи "
            "конкурсу башталууда: ар бир долбоорго 1,5 миллион юанга чейин каржылоо каралган.",
            "Объявляется первый конкурс совместных проектов НИОКР с финансированием до 1,5 млн "
            "юаней на каждый проект.",
            "The first competition for joint R&D projects is being launched, with funding of up to "
            "1.5 million yuan for each project.",
        ),
    },
    {
        "kind": "infrastructure",
        "title": T(
            "Илимий лабораторияларды ачуу жана модернизациялоо",
            "Открытие и модернизация научных лабораторий",
            "Opening and modernisation of scientific laboratories",
        ),
        "status": "open",
        "description": T(
            "Энергетика, айыл чарбасы, экология жана медицина тармактарында илимий лабораториялар "
            "ачылып, модернизацияланууда.",
            "Открываются и модернизируются научные лаборатории в области энергетики, сельского "
            "хозяйства, экологии и медицины.",
            "Scientific laboratories in the fields of energy, agriculture, ecology and medicine are "
            "being opened and modernised.",
        ),
    },
    {
        "kind": "infrastructure",
        "title": T(
            "«Кыргызстан — Кытай — Өзбекстан» темир жолунун курулушу алкагындагы "
            "илимий-техникалык кызматташтык",
            "Научно-техническое сотрудничество в рамках строительства железной дороги "
            "«Кыргызстан — Китай — Узбекистан»",
            "Scientific and technical cooperation in the construction of the "
            "Kyrgyzstan\u2013China\u2013Uzbekistan railway",
        ),
        "status": "open",
        "description": T(
            "«Кыргызстан — Кытай — Өзбекстан» темир жолун куруунун алкагында илимий-техникалык "
            "кызматташтык уланууда.",
            "Продолжается научно-техническое сотрудничество в рамках строительства железной "
            "дороги «Кыргызстан — Китай — Узбекистан».",
            "Scientific and technical cooperation continues within the framework of the "
            "construction of the Kyrgyzstan\u2013China\u2013Uzbekistan railway.",
        ),
    },
]
PROGRAMME_DEFAULTS = {"meeting": "kg-cn-2", "countries": ["KG", "CN"]}

# --- Indicators --------------------------------------------------------------------------------

NAS_WEBSITE_NOTE = T(
    "Кыргыз Республикасынын Улуттук илимдер академиясынын сайтында көрсөтүлгөн сандар; күнү "
    "көрсөтүлгөн эмес.",
    "Цифры, приведённые на сайте Национальной академии наук Кыргызской Республики; дата не указана.",
    "Figures shown on the website of the National Academy of Sciences of the Kyrgyz Republic; "
    "no date is given.",
)
MINISTER_NOTE = T(
    "Кыргыз Республикасынын илим министри Бактияр Орозов; Илим, жогорку билим берүү жана "
    "инновациялар министрлигинин басма сөз кызматынын маалыматы (24.kg маалымат агенттиги, "
    "2025-жылдын 21-июлу).",
    "Министр науки Кыргызской Республики Бактияр Орозов; по сообщению пресс-службы Министерства "
    "науки, высшего образования и инноваций (ИА 24.kg, 21 июля 2025 года).",
    "Minister of Science of the Kyrgyz Republic Baktiyar Orozov, as reported by the press service "
    "of the Ministry of Science, Higher Education and Innovation (24.kg news agency, 21 July 2025).",
)

INDICATORS = [
    {
        "name": T("Окумуштуулар", "Учёные", "Scientists"),
        "value": Decimal("128"),
        "qualifier": "exact",
        "organization": "nas",
        "source_note": NAS_WEBSITE_NOTE,
        "is_headline": True,
        "order": 1,
    },
    {
        "name": T("Ачылыштар", "Открытия", "Discoveries"),
        "value": Decimal("24"),
        "qualifier": "exact",
        "organization": "nas",
        "source_note": NAS_WEBSITE_NOTE,
        "is_headline": True,
        "order": 2,
    },
    {
        "name": T("Патенттер", "Патенты", "Patents"),
        "value": Decimal("19"),
        "qualifier": "exact",
        "organization": "nas",
        "source_note": NAS_WEBSITE_NOTE,
        "is_headline": True,
        "order": 3,
    },
    {
        "name": T(
            "Кытайдын университеттеринде окуган кыргызстандык студенттер",
            "Студенты из Кыргызстана, обучающиеся в университетах Китая",
            "Kyrgyz students studying at universities in China",
        ),
        "value": Decimal("4200"),
        "qualifier": "more_than",
        "as_of": NEWS_24KG_DATE,
        "countries": ["KG", "CN"],
        "source_note": MINISTER_NOTE,
        "is_headline": True,
        "order": 4,
    },
    {
        "name": T(
            "Кыргызстандын университеттеринде окуган Кытайдын жарандары",
            "Граждане Китая, обучающиеся в университетах Кыргызстана",
            "Chinese citizens studying at Kyrgyz universities",
        ),
        "value": Decimal("450"),
        "qualifier": "about",
        "as_of": NEWS_24KG_DATE,
        "countries": ["KG", "CN"],
        "source_note": MINISTER_NOTE,
        "is_headline": True,
        "order": 5,
    },
]
