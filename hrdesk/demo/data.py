"""Word lists of the demo office: Kyrgyz names, villages, positions, schools and courses.

These are data the demo shows as they are (real Kyrgyz and Russian words), not UI text.
"""

from __future__ import annotations

from dataclasses import dataclass

from hrdesk.domain.enums import (
    EducationField,
    EducationLevel,
    OfficeType,
    PositionCategory,
    PositionGroup,
    ServiceType,
)

# Male surnames; the female form adds "а" (Асанов -> Асанова, Жумабаев -> Жумабаева).
SURNAMES = (
    "Асанов",
    "Токтогулов",
    "Жумабаев",
    "Бекмуратов",
    "Исаков",
    "Мамытов",
    "Осмонов",
    "Садыков",
    "Абдыкадыров",
    "Алымкулов",
    "Бейшеналиев",
    "Жусупов",
    "Кадыров",
    "Мамбетов",
    "Молдокматов",
    "Ормонов",
    "Сатыбалдиев",
    "Токтосунов",
    "Турдубаев",
    "Үсөнов",
    "Шамшиев",
    "Эсенов",
    "Ыбраев",
    "Акматов",
    "Бакиров",
    "Дүйшөнбаев",
    "Жээнбеков",
    "Калыбеков",
    "Кубатов",
    "Муратбеков",
    "Нурбеков",
    "Өмүрбеков",
    "Сабыров",
    "Тилеков",
    "Чыңгызов",
    "Абдраимов",
    "Айтматов",
    "Бообеков",
    "Джумалиев",
    "Жолдошев",
    "Иманалиев",
    "Кененбаев",
    "Касымов",
    "Маматов",
    "Мырзабеков",
    "Насирдинов",
    "Орозбеков",
    "Райымбеков",
    "Сулайманов",
    "Темиров",
    "Тыналиев",
    "Уметалиев",
    "Шаршенов",
    "Эркинбеков",
    "Ысмаилов",
    "Байтиков",
    "Дооронбеков",
    "Карабаев",
    "Кулматов",
    "Токоев",
    "Бектуров",
    "Абакиров",
    "Жапаров",
)
# A minority writes the surname in the Kyrgyz way: father's name + уулу / кызы, no patronymic.
KYRGYZ_STYLE_SHARE = 0.05

FEMALE_NAMES = (
    "Айгүл",
    "Гүлнара",
    "Жылдыз",
    "Чолпон",
    "Бегимай",
    "Айжан",
    "Нуриза",
    "Динара",
    "Мээрим",
    "Асель",
    "Айпери",
    "Назгүл",
    "Бурул",
    "Гүлмира",
    "Айнура",
    "Элнура",
    "Салтанат",
    "Каныкей",
    "Венера",
    "Замира",
    "Чынара",
    "Бүбүсара",
    "Жаркын",
    "Айзада",
    "Нурзат",
    "Акмөөр",
    "Гүлзат",
    "Калима",
    "Төлгөнай",
    "Уулкан",
    "Чынаргүл",
    "Зуура",
    "Аида",
    "Жазгүл",
    "Максуда",
    "Эльвира",
)
MALE_NAMES = (
    "Нурлан",
    "Бакыт",
    "Азамат",
    "Эрлан",
    "Улан",
    "Бекзат",
    "Талант",
    "Айбек",
    "Эрмек",
    "Мирлан",
    "Кубанычбек",
    "Алмаз",
    "Данияр",
    "Жаныбек",
    "Темирлан",
    "Нурбек",
    "Марат",
    "Самат",
    "Чыңгыз",
    "Бактыбек",
    "Элдияр",
    "Максат",
    "Тилек",
    "Асылбек",
    "Урмат",
    "Руслан",
    "Канат",
    "Мелис",
    "Садыр",
    "Бакытбек",
    "Эмил",
    "Курманбек",
    "Адилет",
    "Нурсултан",
    "Жоомарт",
)
# Fathers' names that take Russian patronymic endings cleanly (Асан -> Асанович, Асановна).
FATHER_NAMES = (
    "Асан",
    "Токтогул",
    "Марат",
    "Бакыт",
    "Нурлан",
    "Султан",
    "Жусуп",
    "Осмон",
    "Садык",
    "Алым",
    "Мамыт",
    "Кадыр",
    "Турат",
    "Эрмек",
    "Талант",
    "Азамат",
    "Кубат",
    "Самат",
    "Жаныбек",
    "Бейшен",
    "Абдыкадыр",
    "Мукаш",
    "Сапар",
    "Орозбек",
    "Калыбек",
    "Темир",
    "Төлөн",
    "Качкын",
)

RUSSIAN_SHARE = 0.03
RUSSIAN_PEOPLE = {
    "female": (
        ("Иванова", "Петрова", "Ким", "Сергеева"),
        ("Ольга", "Наталья", "Елена", "Татьяна"),
        ("Петровна", "Ивановна", "Сергеевна", "Николаевна"),
    ),
    "male": (
        ("Иванов", "Петров", "Ким", "Сергеев"),
        ("Сергей", "Андрей", "Виктор", "Дмитрий"),
        ("Петрович", "Иванович", "Сергеевич", "Николаевич"),
    ),
}

# Villages for aiyl okmotu names: (ky, ru).
VILLAGES = (
    ("Ак-Жол", "Ак-Жол"),
    ("Кара-Суу", "Кара-Суу"),
    ("Кызыл-Туу", "Кызыл-Туу"),
    ("Жаңы-Жер", "Жаны-Жер"),
    ("Көк-Жар", "Кок-Жар"),
    ("Бостери", "Бостери"),
    ("Таш-Добо", "Таш-Добо"),
    ("Арал", "Арал"),
    ("Ак-Суу", "Ак-Суу"),
    ("Кең-Булуң", "Кен-Булун"),
    ("Эркин-Тоо", "Эркин-Тоо"),
    ("Сары-Булак", "Сары-Булак"),
    ("Чет-Нура", "Чет-Нура"),
    ("Ынтымак", "Ынтымак"),
    ("Байтик", "Байтик"),
    ("Күнтуу", "Кунтуу"),
    ("Тамчы", "Тамчы"),
    ("Орто-Сай", "Орто-Сай"),
    ("Көл-Тор", "Кол-Тор"),
    ("Жерге-Тал", "Джерге-Тал"),
)

UNITS = {
    OfficeType.AIYL_OKMOTU: (
        "Жетекчилик",
        "Финансы-экономика бөлүмү",
        "Жер жана муниципалдык менчик бөлүмү",
        "Социалдык бөлүм",
        "Жалпы бөлүм",
        "Кадр кызматы",
    ),
    OfficeType.DISTRICT_ADMINISTRATION: (
        "Жетекчилик",
        "Аппарат",
        "Экономика жана инвестициялар бөлүмү",
        "Каржы бөлүмү",
        "Социалдык өнүгүү бөлүмү",
        "Айыл чарба бөлүмү",
        "Юридикалык бөлүм",
        "Кадр кызматы",
        "Жалпы бөлүм",
    ),
}


@dataclass(frozen=True)
class Position:
    title: str
    service_type: ServiceType
    category: PositionCategory | None
    group: PositionGroup | None
    weight: int  # how common among the staff
    unit: int  # index in UNITS[office type]
    fields: tuple[EducationField, ...] = (EducationField.ECONOMICS,)


_ADMIN = PositionCategory.ADMINISTRATIVE
_POL = PositionCategory.POLITICAL
_E, _L, _A, _P = (
    EducationField.ECONOMICS,
    EducationField.LAW,
    EducationField.AGRICULTURE,
    EducationField.PEDAGOGY,
)

# The first position of each list is the head: exactly one per office.
POSITIONS = {
    OfficeType.AIYL_OKMOTU: (
        Position(
            "Айыл өкмөтүнүн башчысы",
            ServiceType.MUNICIPAL,
            _POL,
            None,
            0,
            0,
            (EducationField.PUBLIC_ADMINISTRATION, _E),
        ),
        Position(
            "Айыл өкмөтү башчысынын орун басары",
            ServiceType.MUNICIPAL,
            _ADMIN,
            PositionGroup.MAIN,
            2,
            0,
            (_E, EducationField.PUBLIC_ADMINISTRATION),
        ),
        Position(
            "Жооптуу катчы", ServiceType.MUNICIPAL, _ADMIN, PositionGroup.MAIN, 2, 4, (_L, _P)
        ),
        Position(
            "Башкы адис", ServiceType.MUNICIPAL, _ADMIN, PositionGroup.SENIOR, 10, 1, (_E, _L)
        ),
        Position(
            "Жетектөөчү адис",
            ServiceType.MUNICIPAL,
            _ADMIN,
            PositionGroup.SENIOR,
            10,
            3,
            (_P, _E, EducationField.HISTORY),
        ),
        Position(
            "Адис",
            ServiceType.MUNICIPAL,
            _ADMIN,
            PositionGroup.JUNIOR,
            14,
            4,
            (_E, _P, EducationField.PHILOLOGY),
        ),
        Position("Финансист", ServiceType.MUNICIPAL, _ADMIN, PositionGroup.SENIOR, 4, 1, (_E,)),
        Position(
            "Башкы бухгалтер", ServiceType.MUNICIPAL, _ADMIN, PositionGroup.SENIOR, 3, 1, (_E,)
        ),
        Position(
            "Жер адиси",
            ServiceType.MUNICIPAL,
            _ADMIN,
            PositionGroup.JUNIOR,
            5,
            2,
            (_A, EducationField.ENGINEERING),
        ),
        Position(
            "Социалдык кызматкер",
            ServiceType.MUNICIPAL,
            _ADMIN,
            PositionGroup.JUNIOR,
            5,
            3,
            (_P, EducationField.MEDICINE),
        ),
        Position("Кадр адиси", ServiceType.MUNICIPAL, _ADMIN, PositionGroup.JUNIOR, 2, 5, (_L, _P)),
        Position("Салык агенти", ServiceType.MUNICIPAL, _ADMIN, PositionGroup.JUNIOR, 3, 1, (_E,)),
        Position("Айдоочу", ServiceType.SUPPORT, None, None, 3, 4, (EducationField.ENGINEERING,)),
        Position(
            "Техникалык кызматкер", ServiceType.SUPPORT, None, None, 3, 4, (EducationField.OTHER,)
        ),
    ),
    OfficeType.DISTRICT_ADMINISTRATION: (
        Position(
            "Райондук мамлекеттик администрациянын башчысы – аким",
            ServiceType.POLITICAL,
            _POL,
            None,
            0,
            0,
            (EducationField.PUBLIC_ADMINISTRATION, _E),
        ),
        Position(
            "Акимдин орун басары",
            ServiceType.POLITICAL,
            _POL,
            None,
            1,
            0,
            (EducationField.PUBLIC_ADMINISTRATION, _E, _A),
        ),
        Position(
            "Аппарат жетекчиси",
            ServiceType.STATE_CIVIL,
            _ADMIN,
            PositionGroup.HIGHEST,
            1,
            1,
            (_L, EducationField.PUBLIC_ADMINISTRATION),
        ),
        Position(
            "Бөлүм башчысы", ServiceType.STATE_CIVIL, _ADMIN, PositionGroup.MAIN, 5, 2, (_E, _L, _A)
        ),
        Position(
            "Бөлүм башчысынын орун басары",
            ServiceType.STATE_CIVIL,
            _ADMIN,
            PositionGroup.MAIN,
            3,
            3,
            (_E, _P),
        ),
        Position(
            "Башкы адис", ServiceType.STATE_CIVIL, _ADMIN, PositionGroup.SENIOR, 14, 2, (_E, _L, _A)
        ),
        Position(
            "Жетектөөчү адис",
            ServiceType.STATE_CIVIL,
            _ADMIN,
            PositionGroup.SENIOR,
            12,
            4,
            (_P, _E, EducationField.HISTORY),
        ),
        Position(
            "Адис",
            ServiceType.STATE_CIVIL,
            _ADMIN,
            PositionGroup.JUNIOR,
            12,
            8,
            (_E, _P, EducationField.PHILOLOGY),
        ),
        Position("Юрист", ServiceType.STATE_CIVIL, _ADMIN, PositionGroup.SENIOR, 3, 6, (_L,)),
        Position(
            "Башкы бухгалтер", ServiceType.STATE_CIVIL, _ADMIN, PositionGroup.SENIOR, 2, 3, (_E,)
        ),
        Position(
            "Айыл чарба адиси", ServiceType.STATE_CIVIL, _ADMIN, PositionGroup.JUNIOR, 4, 5, (_A,)
        ),
        Position(
            "Кадр адиси", ServiceType.STATE_CIVIL, _ADMIN, PositionGroup.SENIOR, 2, 7, (_L, _P)
        ),
        Position("Айдоочу", ServiceType.SUPPORT, None, None, 3, 8, (EducationField.ENGINEERING,)),
        Position(
            "Техникалык кызматкер", ServiceType.SUPPORT, None, None, 3, 8, (EducationField.OTHER,)
        ),
        Position("Кароолчу", ServiceType.SUPPORT, None, None, 2, 8, (EducationField.OTHER,)),
    ),
}

HEAD_POSITION = {t: positions[0].title for t, positions in POSITIONS.items()}
# The same in Russian, for the plan printed in Russian (GLOSSARY.md).
HEAD_POSITION_RU = {
    OfficeType.AIYL_OKMOTU: "Глава айыл окмоту",
    OfficeType.DISTRICT_ADMINISTRATION: "Глава районной государственной администрации – аким",
}

# Institutions by field of study (short names as offices write them).
INSTITUTIONS = {
    EducationField.ECONOMICS: ("КУУ", "КЭУ", "ОшМУ", "ЖАМУ", "КТУ «Манас»"),
    EducationField.LAW: ("КУУ", "КМЮА", "ОшМУ", "ЖАМУ"),
    EducationField.PEDAGOGY: ("КМУ (И. Арабаев ат.)", "ОшМУ", "ЖАМУ", "НарМУ", "ЫМУ", "ТалМУ"),
    EducationField.AGRICULTURE: ("КУАУ", "ОшМУ", "ЖАМУ", "НарМУ"),
    EducationField.ENGINEERING: ("КМТУ", "КМКТАУ", "ОшТУ", "Ош политехникалык колледжи"),
    EducationField.PHILOLOGY: ("КУУ", "КМУ (И. Арабаев ат.)", "ОшМУ", "БатМУ"),
    EducationField.HISTORY: ("КУУ", "ОшМУ", "ЫМУ", "ТалМУ"),
    EducationField.MEDICINE: ("КММА", "ОшМУ", "Медициналык колледж"),
    EducationField.PUBLIC_ADMINISTRATION: ("КРПМБА", "КУУ", "ОшМУ", "ЖАМУ"),
    EducationField.NATURAL_SCIENCES: ("КУУ", "ОшМУ", "ЫМУ"),
    EducationField.OTHER: ("Кесиптик лицей", "Колледж"),
}

SPECIALITIES = {
    EducationField.ECONOMICS: ("Экономика", "Финансы жана кредит", "Бухгалтердик эсеп жана аудит"),
    EducationField.LAW: ("Юриспруденция",),
    EducationField.PEDAGOGY: (
        "Кыргыз тили жана адабияты",
        "Математика мугалими",
        "Башталгыч билим берүү",
    ),
    EducationField.AGRICULTURE: ("Агрономия", "Зоотехния", "Жер түзүү"),
    EducationField.ENGINEERING: ("Курулуш", "Автомобиль транспорту", "Электр энергетикасы"),
    EducationField.PHILOLOGY: ("Орус тили жана адабияты", "Англис тили", "Филология"),
    EducationField.HISTORY: ("Тарых",),
    EducationField.MEDICINE: ("Мейкер иши", "Дарылоо иши"),
    EducationField.PUBLIC_ADMINISTRATION: ("Мамлекеттик жана муниципалдык башкаруу",),
    EducationField.NATURAL_SCIENCES: ("Биология", "Химия", "География"),
    EducationField.OTHER: ("Айдоочу", "Тигүүчү", "Ашпозчу"),
}

# Highest level reached and how often, for staff with vocational or higher education.
EDUCATION_LEVELS = (
    (EducationLevel.SPECIALIST, 40),
    (EducationLevel.BACHELOR, 25),
    (EducationLevel.MASTER, 15),
    (EducationLevel.SECONDARY_VOCATIONAL, 15),
    (EducationLevel.CANDIDATE, 2),
)

LEFT_REASONS = (
    "Өз каалоосу боюнча",
    "Пенсияга чыгуу",
    "Башка ишке которулуу",
    "Эмгек келишиминин мөөнөтү бүттү",
)

# Used when resources/catalogue/default.json is missing: (code, title_ky, hours, provider).
FALLBACK_COURSES = (
    ("DEMO-01", "Мамлекеттик жана муниципалдык кызмат жөнүндө мыйзамдарды колдонуу", 36, "КРПМБА"),
    ("DEMO-02", "Жергиликтүү бюджетти пландоо жана аткаруу", 72, "КРПМБА"),
    ("DEMO-03", "Санариптик көндүмдөр жана электрондук башкаруу", 24, "Тюнлюк"),
    (
        "DEMO-04",
        "Мамлекеттик тилде иш кагаздарын жүргүзүү",
        36,
        "Мамлекеттик тил боюнча улуттук комиссия",
    ),
    ("DEMO-05", "Этика жана коррупцияга каршы аракеттенүү", 18, "КРПМБА"),
    ("DEMO-06", "Жарандарды тейлөө жана калк менен иштөө", 24, "ЖӨАБ Союзу"),
    ("DEMO-07", "Жер жана муниципалдык менчикти башкаруу", 36, "КУАУ"),
    ("DEMO-08", "Долбоорлорду башкаруу", 36, "КУУ"),
    ("DEMO-09", "Гендер жана инклюзия", 18, "БУУӨП"),
    ("DEMO-10", "Мониторинг жана баалоо", 24, "КРПМБА"),
)
DEFAULT_PROVIDERS = ("КРПМБА", "КУУ", "ОшМУ", "ЖӨАБ Союзу", "Тюнлюк")
