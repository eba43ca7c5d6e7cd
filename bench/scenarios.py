"""What is measured: each request of issue 6 with its floor query, its parameters read from the
generated data (so the same command works for any N)."""

from dataclasses import dataclass, field
from urllib.parse import urlencode

import psycopg

from bench import floors
from portal.transliteration import spellings

COUNTRY, YEAR = "CN", 2015
NAME_SEARCH_FALLBACK = "Асанова"
# A Russian word form that is not the form in the titles ("Соглашение ..."): the russian
# configuration's stemmer must bring both to one lexeme.
WORD_FORM = "соглашения"
EXPORT_ROWS = 10_000
BIG_EXPORT_ROWS = 50_000
SAMPLE_IDS = 40


@dataclass
class Scenario:
    key: str
    label: str
    paths: list[str]
    floor_sql: str
    floor_params: list[dict] = field(default_factory=lambda: [{}])
    per_client: int = 5
    rounds: int = 3
    kind: str = "page"  # page, api or export: which targets apply
    note: str = ""


@dataclass
class Parameters:
    ids: list[int]
    person_name: str
    export_after: str
    export_rows: int
    big_export_after: str
    big_export_rows: int


def read_parameters(url: str) -> Parameters:
    with psycopg.connect(url) as conn:
        ids = [
            row[0]
            for row in conn.execute(
                "SELECT id FROM agreements_agreement WHERE visibility = 'public'"
                " ORDER BY md5(id::text) LIMIT %s",
                [SAMPLE_IDS],
            )
        ]
        row = conn.execute(
            "SELECT pe.full_name_ru FROM agreements_person pe WHERE pe.full_name_ru <> '' AND EXISTS ("
            " SELECT 1 FROM agreements_signatory s JOIN agreements_agreement a ON a.id = s.agreement_id"
            " WHERE s.person_id = pe.id AND a.visibility = 'public') ORDER BY pe.id LIMIT 1"
        ).fetchone()
        person_name = row[0] if row else NAME_SEARCH_FALLBACK

        def cutoff(rows):
            # The signing date from which on about `rows` public agreements were signed.
            found = conn.execute(
                "SELECT signed_on FROM agreements_agreement WHERE visibility = 'public'"
                " AND signed_on IS NOT NULL ORDER BY signed_on DESC OFFSET %s LIMIT 1",
                [rows - 1],
            ).fetchone()
            after = (
                found[0]
                if found
                else conn.execute(
                    "SELECT coalesce(min(signed_on), CURRENT_DATE) FROM agreements_agreement"
                ).fetchone()[0]
            )
            count = conn.execute(
                "SELECT count(*) FROM agreements_agreement WHERE visibility = 'public' AND signed_on >= %s",
                [after],
            ).fetchone()[0]
            return after.isoformat(), count

        export_after, export_rows = cutoff(EXPORT_ROWS)
        big_after, big_rows = cutoff(BIG_EXPORT_ROWS)
    return Parameters(ids, person_name, export_after, export_rows, big_after, big_rows)


def export_path(signed_after: str) -> str:
    return "/ky/agreements/?" + urlencode({"signed_after": signed_after, "export": "csv"})


def build(params: Parameters, clients: int) -> list[Scenario]:
    by_id = [{"id": pk} for pk in params.ids]
    country_year = {"country": COUNTRY, "year": YEAR}
    name_variants = spellings(params.person_name)
    word_variants = spellings(WORD_FORM)
    return [
        Scenario("home", "home page", ["/ky/"], floors.HOME),
        Scenario("list", "agreements list", ["/ky/agreements/"], floors.list_page()),
        Scenario(
            "list_filtered",
            f"agreements list, country {COUNTRY} and year {YEAR}",
            [f"/ky/agreements/?country={COUNTRY}&year={YEAR}"],
            floors.list_page(floors.COUNTRY_AND_YEAR),
            [country_year],
        ),
        Scenario(
            "list_title",
            "agreements list sorted by title",
            ["/ky/agreements/?ordering=title"],
            floors.list_page(order=floors.TITLE_ORDER),
        ),
        Scenario(
            "list_page_200",
            "agreements list, page 200",
            ["/ky/agreements/?page=200"],
            floors.list_page(offset=199 * 25),
        ),
        Scenario(
            "agreement",
            "agreement page",
            [f"/ky/agreements/{pk}/" for pk in params.ids],
            floors.AGREEMENT_PAGE,
            by_id,
        ),
        Scenario(
            "search_name",
            f"search for a name ({params.person_name})",
            ["/ky/search/?" + urlencode({"q": params.person_name})],
            floors.search(name_variants),
            [floors.search_params(name_variants)],
        ),
        Scenario(
            "search_word",
            f"search for a Russian word form ({WORD_FORM})",
            ["/ky/search/?" + urlencode({"q": WORD_FORM})],
            floors.search(word_variants),
            [floors.search_params(word_variants)],
        ),
        Scenario(
            "api_list",
            "API agreements list, limit 50",
            ["/api/v1/agreements/?limit=50"],
            floors.api_list(),
            [{"limit": 50}],
            kind="api",
        ),
        Scenario(
            "api_list_filtered",
            f"API agreements list, country {COUNTRY} and year {YEAR}, limit 50",
            [f"/api/v1/agreements/?limit=50&country={COUNTRY}&year={YEAR}"],
            floors.api_list(floors.COUNTRY_AND_YEAR),
            [{"limit": 50, **country_year}],
            kind="api",
        ),
        Scenario(
            "api_detail",
            "API agreement detail",
            [f"/api/v1/agreements/{pk}/" for pk in params.ids],
            floors.API_DETAIL,
            by_id,
            kind="api",
        ),
        Scenario(
            "export",
            f"CSV export of {params.export_rows:,} rows",
            [export_path(params.export_after)],
            floors.EXPORT,
            [{"signed_after": params.export_after}],
            per_client=1,
            rounds=2,
            kind="export",
        ),
    ]
