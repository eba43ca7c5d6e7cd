"""What the home page shows, each piece one or two queries whatever the size of the data.

Every count starts from `visible_to(user)`, so an agreement the viewer may not see is neither
listed nor counted (DESIGN.md section 6): an anonymous visitor's charts hold public agreements
only, an editor's hold all of them.
"""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.db import connection
from django.db.models import Count, DateField, F, Func, Q, Value, Window
from django.db.models.functions import Coalesce, ExtractYear
from django.template.defaultfilters import floatformat
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django_countries import countries

from agreements.models import Agreement, Commission, Commitment, Meeting, Organization, Party, Topic
from consortium.models import Indicator, JointLab
from portal.charts import Chart, Row, draw_bars, draw_columns
from portal.translated import translated_column

NEWEST_AGREEMENTS = 5
EXPIRING_DAYS = 180
LISTED_ROWS = 10  # expiring agreements and overdue commitments shown before "and N more"
CHART_BARS = 10  # countries and fields drawn; the rest are summed as "other"
# Agreements between organisations of this country only count under it in "by partner country".
HOME_COUNTRY = getattr(settings, "PORTAL_HOME_COUNTRY", "KG")


@dataclass
class HeadlineFigure:
    indicator: Indicator
    number: SafeString  # the value, localised, in its own element so it can be set large


def headline_figures(user) -> list[HeadlineFigure]:
    indicators = Indicator.objects.visible_to(user).filter(is_headline=True).order_by("order", "id")
    return [
        HeadlineFigure(
            indicator=indicator,
            number=format_html(
                '<span class="headline-number">{}</span>', floatformat(indicator.value, "-2g")
            ),
        )
        for indicator in indicators
    ]


def newest_agreements(user):
    # Three queries: the agreements, their parties with organisations, their topics.
    return list(Agreement.objects.visible_to(user).for_list()[:NEWEST_AGREEMENTS])


def next_meeting(user, today=None):
    """The next commission meeting: one dated today or later, or one planned for a year.

    `upcoming()` lists the meetings planned for a year; one planned for a past year and never
    recorded as held is not "next", so it is left out. A planned year sorts as its last day.
    """
    today = today or timezone.localdate()
    planned_ids = Meeting.objects.upcoming().filter(planned_year__gte=today.year).values("pk")
    year_end = Func(F("planned_year"), Value(12), Value(31), function="make_date", output_field=DateField())
    return (
        Meeting.objects.visible_to(user)
        .filter(Q(held_on__gte=today) | Q(pk__in=planned_ids))
        .select_related("commission")
        .annotate(expected_on=Coalesce("held_on", year_end))
        .order_by("expected_on", "number")
        .first()
    )


def expiring_agreements(user, days=EXPIRING_DAYS):
    rows = list(
        Agreement.objects.visible_to(user)
        .expiring_within(days)
        .defer("search_vector")
        .annotate(total=Window(Count("pk")))
        .order_by("expires_on", "pk")[:LISTED_ROWS]
    )
    return rows, (rows[0].total if rows else 0)


def overdue_commitments(user):
    rows = list(
        Commitment.objects.visible_to(user)
        .overdue()
        .select_related("agreement", "responsible")
        .defer("agreement__search_vector", "responsible__search_vector")
        .annotate(total=Window(Count("pk")))
        .order_by("due_on", "pk")[:LISTED_ROWS]
    )
    return rows, (rows[0].total if rows else 0)


# --- Charts ---------------------------------------------------------------------------------


def agreements_per_year(user) -> Chart:
    counts = dict(
        Agreement.objects.visible_to(user)
        .filter(signed_on__isnull=False)
        .annotate(year=ExtractYear("signed_on"))
        .values_list("year")
        .annotate(n=Count("pk"))
        .order_by("year")
        .values_list("year", "n")
    )
    rows = []
    if counts:
        # Years without an agreement are drawn as zero, so the gaps show.
        rows = [Row(str(year), counts.get(year, 0)) for year in range(min(counts), max(counts) + 1)]
    chart = Chart(
        id="chart-years",
        title=_("Agreements signed per year"),
        rows=rows,
        label_heading=_("Year"),
        value_heading=_("Agreements"),
    )
    return draw_columns(chart)


def _top_with_other(rows: list[Row], limit: int = CHART_BARS) -> list[Row]:
    if len(rows) <= limit:
        return rows
    rest = sum(row.value for row in rows[limit - 1 :])
    return [*rows[: limit - 1], Row(_("other"), rest)]


# Each visible agreement's countries: its parties' countries or, where no party has one, the
# countries of the commission whose meeting produced it (a protocol of the Kyrgyz-Chinese
# commission is a Kyrgyz-Chinese instrument even before its parties are entered). An agreement
# counts under each foreign country it has; one with only the home country counts under it.
# One query; `countries` of a commission is django-countries' comma-separated list.
PARTNER_COUNTRIES_SQL = """
WITH visible AS ({visible}),
party_country AS (
    SELECT DISTINCT p.agreement_id, o.country
    FROM {party} p JOIN {organization} o ON o.id = p.organization_id
    WHERE p.agreement_id IN (SELECT * FROM visible) AND o.country <> ''
),
commission_country AS (
    SELECT DISTINCT a.id AS agreement_id, unnest(string_to_array(c.countries, ',')) AS country
    FROM {agreement} a
    JOIN {meeting} m ON m.id = a.meeting_id
    JOIN {commission} c ON c.id = m.commission_id
    WHERE a.id IN (SELECT * FROM visible)
      AND NOT EXISTS (SELECT 1 FROM party_country pc WHERE pc.agreement_id = a.id)
),
agreement_country AS (
    SELECT agreement_id, country FROM party_country
    UNION
    SELECT agreement_id, country FROM commission_country WHERE country <> ''
),
has_foreign AS (
    SELECT DISTINCT agreement_id FROM agreement_country WHERE country <> %s
)
SELECT country, count(DISTINCT agreement_id)
FROM agreement_country
WHERE country <> %s OR agreement_id NOT IN (SELECT agreement_id FROM has_foreign)
GROUP BY country
"""


def partner_country_counts(user) -> dict[str, int]:
    visible_sql, visible_params = (
        Agreement.objects.visible_to(user).order_by().values("pk").query.sql_with_params()
    )
    sql = PARTNER_COUNTRIES_SQL.format(
        visible=visible_sql,
        party=Party._meta.db_table,
        organization=Organization._meta.db_table,
        agreement=Agreement._meta.db_table,
        meeting=Meeting._meta.db_table,
        commission=Commission._meta.db_table,
    )
    with connection.cursor() as cursor:
        # Only table names from the models and the ORM's own SQL are formatted in; values are
        # parameters.
        cursor.execute(sql, [*visible_params, HOME_COUNTRY, HOME_COUNTRY])
        return dict(cursor.fetchall())


def agreements_by_partner_country(user) -> Chart:
    rows = sorted(
        (Row(str(countries.name(code)) or code, n) for code, n in partner_country_counts(user).items()),
        key=lambda row: (-row.value, row.label),
    )
    chart = Chart(
        id="chart-countries",
        title=_("Agreements by partner country"),
        rows=_top_with_other(rows),
        label_heading=_("Country"),
        value_heading=_("Agreements"),
        note=_(
            "An agreement counts once under each partner's country; one between organisations of "
            "%(country)s only counts under %(country)s. Where no party is recorded, the countries "
            "of the commission that produced it count."
        )
        % {"country": countries.name(HOME_COUNTRY)},
    )
    return draw_bars(chart)


def labs_by_field(user) -> Chart:
    """Joint laboratories per topic; a lab with no topic counts under the field it states."""
    labs = JointLab.objects.visible_to(user)
    by_topic = (
        Topic.objects.filter(labs__in=labs)
        .annotate(label=translated_column("name"), n=Count("labs", distinct=True))
        .values_list("label", "n")
    )
    by_field = (
        labs.filter(topics__isnull=True)
        .annotate(label=translated_column("field"))
        .values("label")
        .annotate(n=Count("pk"))
        .order_by()
        .values_list("label", "n")
    )
    counts: dict[str, int] = {}
    for label, n in [*by_topic, *by_field]:
        label = label or _("field not stated")
        counts[label] = counts.get(label, 0) + n
    rows = sorted((Row(label, n) for label, n in counts.items()), key=lambda row: (-row.value, row.label))
    chart = Chart(
        id="chart-labs",
        title=_("Joint laboratories by field"),
        rows=_top_with_other(rows),
        label_heading=_("Field"),
        value_heading=_("Laboratories"),
        note=_("A laboratory working in several fields counts under each."),
    )
    return draw_bars(chart)


def dashboard(user, today: datetime.date | None = None) -> dict:
    expiring, expiring_total = expiring_agreements(user)
    overdue, overdue_total = overdue_commitments(user)
    return {
        "figures": headline_figures(user),
        "newest": newest_agreements(user),
        "next_meeting": next_meeting(user, today),
        "expiring": expiring,
        "expiring_total": expiring_total,
        "expiring_days": EXPIRING_DAYS,
        "overdue": overdue,
        "overdue_total": overdue_total,
        "charts": [agreements_per_year(user), agreements_by_partner_country(user), labs_by_field(user)],
    }
