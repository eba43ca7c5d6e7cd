"""Date and number formats where Django's own do not write the language as it is written
(settings.FORMAT_MODULE_PATH; Django's module for the language fills in the rest).

Kyrgyz writes a full date as "2025-жылдын 21-июлу": the year in the genitive, then the day with
the month in its possessive form, all lower case. Django's Kyrgyz catalogue gives every month
form as the capitalised nominative ("21 Июль 2025 ж."), so the portal's catalogue gives the
month names again: the plain name (`F`, "июль") and the form after a day (`E`, "июлу"; in
Russian the genitive, "июля"). They are listed here, with Django's own message contexts, so
that makemessages keeps them in locale/ky and locale/ru, whose translations take precedence
over Django's.
"""

from django.utils.translation import gettext_lazy, pgettext_lazy

MONTH_NAMES = (
    gettext_lazy("January"),
    gettext_lazy("February"),
    gettext_lazy("March"),
    gettext_lazy("April"),
    gettext_lazy("May"),
    gettext_lazy("June"),
    gettext_lazy("July"),
    gettext_lazy("August"),
    gettext_lazy("September"),
    gettext_lazy("October"),
    gettext_lazy("November"),
    gettext_lazy("December"),
)

MONTH_NAMES_AFTER_A_DAY = (
    pgettext_lazy("alt. month", "January"),
    pgettext_lazy("alt. month", "February"),
    pgettext_lazy("alt. month", "March"),
    pgettext_lazy("alt. month", "April"),
    pgettext_lazy("alt. month", "May"),
    pgettext_lazy("alt. month", "June"),
    pgettext_lazy("alt. month", "July"),
    pgettext_lazy("alt. month", "August"),
    pgettext_lazy("alt. month", "September"),
    pgettext_lazy("alt. month", "October"),
    pgettext_lazy("alt. month", "November"),
    pgettext_lazy("alt. month", "December"),
)
