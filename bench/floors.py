"""The floor of each measured request: the same rows fetched by one hand-written SQL query that
builds the whole answer as JSON inside PostgreSQL (json_build_object / json_agg).

What no application can beat on this database: one round trip, no ORM, no templates, the answer
serialised by PostgreSQL. Every query reads what an anonymous visitor may see (public rows) and
names the columns the page, API answer or CSV file shows, in the Kyrgyz interface language with
the ky → ru → en fallback the portal uses.
"""

# The queries are built from this module's own constants; values travel as query parameters.
# ruff: noqa: S608


def fallback(alias: str, field: str) -> str:
    return (
        f"COALESCE(NULLIF({alias}.{field}_ky, ''), NULLIF({alias}.{field}_ru, ''), "
        f"NULLIF({alias}.{field}_en, ''), '')"
    )


# AgreementQuerySet.with_status(), in SQL.
STATUS = """CASE
    WHEN a.terminated_on <= CURRENT_DATE THEN 'terminated'
    WHEN a.signed_on IS NULL OR a.signed_on > CURRENT_DATE THEN 'draft'
    WHEN a.expires_on < CURRENT_DATE THEN 'expired'
    WHEN a.entry_into_force_on > CURRENT_DATE THEN 'signed'
    ELSE 'in_force' END"""

TITLE = fallback("a", "title")
PUBLIC = "a.visibility = 'public'"

LIST_PARTIES = f"""(SELECT json_agg(json_build_object(
        'id', o.id, 'name', {fallback("o", "name")}, 'country', o.country) ORDER BY p."order", p.id)
    FROM agreements_party p JOIN agreements_organization o ON o.id = p.organization_id
    WHERE p.agreement_id = a.id)"""

# --- The agreements list page: 25 rows with parties and status, and the count. -------------

LIST_PAGE = """
SELECT json_build_object(
    'count', (SELECT count(*) FROM agreements_agreement a WHERE {where}),
    'results', (
        SELECT coalesce(json_agg(json_build_object(
            'id', a.id, 'title', a.shown_title, 'kind', a.kind, 'signed_on', a.signed_on,
            'precision', a.signed_on_precision, 'visibility', a.visibility,
            'status', {status}, 'parties', {parties})), '[]')
        FROM (
            SELECT a.*, {title} AS shown_title
            FROM agreements_agreement a WHERE {where}
            ORDER BY {order} LIMIT 25 OFFSET {offset}
        ) a
    )
)::text
"""

DEFAULT_ORDER = "a.signed_on DESC NULLS LAST, a.id DESC"
TITLE_ORDER = f"{TITLE}, a.id"
COUNTRY_AND_YEAR = (
    PUBLIC + " AND a.signed_on BETWEEN make_date(%(year)s, 1, 1) AND make_date(%(year)s, 12, 31)"
    " AND EXISTS (SELECT 1 FROM agreements_party p JOIN agreements_organization o"
    " ON o.id = p.organization_id WHERE p.agreement_id = a.id AND o.country = %(country)s)"
)


def list_page(where: str = PUBLIC, order: str = DEFAULT_ORDER, offset: int = 0) -> str:
    return LIST_PAGE.format(
        where=where, order=order, offset=int(offset), title=TITLE, status=STATUS, parties=LIST_PARTIES
    )


# --- The agreement page ---------------------------------------------------------------------

AGREEMENT_PAGE = f"""
SELECT json_build_object(
    'id', a.id, 'title', {TITLE}, 'summary', {fallback("a", "summary")},
    'legal_basis', {fallback("a", "legal_basis")}, 'kind', a.kind,
    'reference_number', a.reference_number, 'signed_on', a.signed_on,
    'signed_on_precision', a.signed_on_precision, 'signed_place', {fallback("a", "signed_place")},
    'entry_into_force_on', a.entry_into_force_on, 'expires_on', a.expires_on,
    'terminated_on', a.terminated_on, 'status', {STATUS}, 'source_url', a.source_url,
    'parent', (SELECT json_build_object('id', pa.id, 'title', {fallback("pa", "title")})
               FROM agreements_agreement pa WHERE pa.id = a.parent_id AND pa.visibility = 'public'),
    'meeting', (SELECT json_build_object('id', m.id, 'number', m.number, 'held_on', m.held_on,
                                         'commission', {fallback("c", "name")})
                FROM agreements_meeting m JOIN agreements_commission c ON c.id = m.commission_id
                WHERE m.id = a.meeting_id),
    'parties', (SELECT json_agg(json_build_object(
                    'organization', o.id, 'name', {fallback("o", "name")}, 'country', o.country,
                    'role', p.role, 'name_as_signed', {fallback("p", "name_as_signed")},
                    'successor', {fallback("s", "name")}) ORDER BY p."order", p.id)
                FROM agreements_party p JOIN agreements_organization o ON o.id = p.organization_id
                LEFT JOIN agreements_organization s ON s.id = o.successor_id
                WHERE p.agreement_id = a.id),
    'signatories', (SELECT json_agg(json_build_object(
                    'person', pe.id, 'name', {fallback("pe", "full_name")},
                    'organization', {fallback("o", "name")}, 'position', {fallback("sg", "position")})
                    ORDER BY sg."order", sg.id)
                FROM agreements_signatory sg JOIN agreements_person pe ON pe.id = sg.person_id
                LEFT JOIN agreements_organization o ON o.id = sg.organization_id
                WHERE sg.agreement_id = a.id),
    'documents', (SELECT json_agg(json_build_object('id', d.id, 'kind', d.kind, 'title', d.title,
                                                    'language', d.language, 'size', d.size))
                  FROM agreements_document d WHERE d.agreement_id = a.id),
    'commitments', (SELECT json_agg(json_build_object(
                        'text', {fallback("cm", "text")}, 'status', cm.status, 'due_on', cm.due_on,
                        'responsible', {fallback("r", "name")}) ORDER BY cm."order", cm.id)
                    FROM agreements_commitment cm
                    LEFT JOIN agreements_organization r ON r.id = cm.responsible_id
                    WHERE cm.agreement_id = a.id),
    'topics', (SELECT json_agg({fallback("t", "name")} ORDER BY t.slug)
               FROM agreements_agreement_topics at JOIN agreements_topic t ON t.id = at.topic_id
               WHERE at.agreement_id = a.id),
    'children', (SELECT json_agg(json_build_object('id', ch.id, 'title', {fallback("ch", "title")},
                                                   'signed_on', ch.signed_on)
                                 ORDER BY ch.signed_on, ch.id)
                 FROM agreements_agreement ch WHERE ch.parent_id = a.id AND ch.visibility = 'public')
)::text
FROM agreements_agreement a WHERE a.id = %(id)s AND {PUBLIC}
"""

# --- The API: agreements with every field, parties, signatories and topics. ----------------


def _translated(alias: str, field: str) -> str:
    return (
        f"'{field}', {alias}.{field}, '{field}_ky', {alias}.{field}_ky, "
        f"'{field}_ru', {alias}.{field}_ru, '{field}_en', {alias}.{field}_en"
    )


API_BASE = "'http://127.0.0.1/api/v1/'"

API_AGREEMENT = f"""json_build_object(
    'id', a.id, 'url', {API_BASE} || 'agreements/' || a.id || '/', 'kind', a.kind,
    {_translated("a", "title")}, {_translated("a", "summary")}, {_translated("a", "legal_basis")},
    'reference_number', a.reference_number, 'signed_on', a.signed_on,
    'signed_on_precision', a.signed_on_precision, {_translated("a", "signed_place")},
    'entry_into_force_on', a.entry_into_force_on, 'expires_on', a.expires_on,
    'terminated_on', a.terminated_on, 'status', {STATUS},
    'parent', CASE WHEN pv.visible THEN a.parent_id END,
    'parent_url', CASE WHEN pv.visible THEN {API_BASE} || 'agreements/' || a.parent_id || '/' END,
    'meeting', a.meeting_id,
    'meeting_url', {API_BASE} || 'meetings/' || a.meeting_id || '/',
    'topics', coalesce((SELECT json_agg(at.topic_id ORDER BY t.slug) FROM agreements_agreement_topics at
                        JOIN agreements_topic t ON t.id = at.topic_id WHERE at.agreement_id = a.id), '[]'),
    'topics_urls', coalesce((SELECT json_agg({API_BASE} || 'topics/' || at.topic_id || '/' ORDER BY t.slug)
                             FROM agreements_agreement_topics at JOIN agreements_topic t ON t.id = at.topic_id
                             WHERE at.agreement_id = a.id), '[]'),
    'visibility', a.visibility, 'source_url', a.source_url,
    'parties', coalesce((SELECT json_agg(json_build_object(
                   'id', p.id, 'organization', p.organization_id,
                   'organization_url', {API_BASE} || 'organizations/' || p.organization_id || '/',
                   'role', p.role, {_translated("p", "name_as_signed")}, 'order', p."order")
                   ORDER BY p."order", p.id)
               FROM agreements_party p WHERE p.agreement_id = a.id), '[]'),
    'signatories', coalesce((SELECT json_agg(json_build_object(
                   'id', s.id, 'person', s.person_id,
                   'person_url', {API_BASE} || 'people/' || s.person_id || '/',
                   'organization', s.organization_id,
                   'organization_url', {API_BASE} || 'organizations/' || s.organization_id || '/',
                   {_translated("s", "position")}, 'order', s."order")
                   ORDER BY s."order", s.id)
               FROM agreements_signatory s WHERE s.agreement_id = a.id), '[]'),
    'created_at', a.created_at, 'updated_at', a.updated_at)"""

# Whether the parent is one the caller may see (agreements/api/views.py hide_links).
PARENT_VISIBLE = """LEFT JOIN LATERAL (
    SELECT EXISTS (SELECT 1 FROM agreements_agreement x WHERE x.id = a.parent_id AND x.visibility = 'public')
    AS visible) pv ON true"""

API_LIST = f"""
SELECT json_build_object(
    'count', (SELECT count(*) FROM agreements_agreement a WHERE {{where}}),
    'results', (
        SELECT coalesce(json_agg({API_AGREEMENT}), '[]')
        FROM (SELECT a.* FROM agreements_agreement a WHERE {{where}}
              ORDER BY {DEFAULT_ORDER} LIMIT %(limit)s OFFSET 0) a
        {PARENT_VISIBLE}
    )
)::text
"""

API_DETAIL = f"""
SELECT {API_AGREEMENT}::text
FROM agreements_agreement a {PARENT_VISIBLE}
WHERE a.id = %(id)s AND {PUBLIC}
"""


def api_list(where: str = PUBLIC) -> str:
    return API_LIST.format(where=where)


# --- The CSV export: the export's columns for every filtered row. --------------------------

EXPORT = f"""
SELECT json_agg(json_build_object(
    'id', a.id, 'title', {TITLE}, 'kind', a.kind, 'status', {STATUS},
    'signed_on', a.signed_on, 'signed_place', {fallback("a", "signed_place")},
    'entry_into_force_on', a.entry_into_force_on, 'expires_on', a.expires_on,
    'terminated_on', a.terminated_on, 'reference_number', a.reference_number,
    'parties', (SELECT string_agg({fallback("o", "name")}, '; ' ORDER BY p."order", p.id)
                FROM agreements_party p JOIN agreements_organization o ON o.id = p.organization_id
                WHERE p.agreement_id = a.id),
    'countries', (SELECT string_agg(DISTINCT o.country, '; ')
                  FROM agreements_party p JOIN agreements_organization o ON o.id = p.organization_id
                  WHERE p.agreement_id = a.id AND o.country <> ''),
    'topics', (SELECT string_agg({fallback("t", "name")}, '; ' ORDER BY t.slug)
               FROM agreements_agreement_topics at JOIN agreements_topic t ON t.id = at.topic_id
               WHERE at.agreement_id = a.id),
    'meeting', (SELECT {fallback("c", "name")} || ', ' || m.number
                FROM agreements_meeting m JOIN agreements_commission c ON c.id = m.commission_id
                WHERE m.id = a.meeting_id),
    'link', 'http://127.0.0.1/ky/agreements/' || a.id || '/'
) ORDER BY a.signed_on DESC NULLS LAST, a.id DESC)::text
FROM agreements_agreement a
WHERE {PUBLIC} AND a.signed_on >= %(signed_after)s
"""

# --- Site search: the best ten of each big kind, with their counts. ------------------------


def search(variants: list[str]) -> str:
    """Agreements by full text; organisations and people by full text or trigram word similarity
    of their names, in every spelling the portal tries (portal/transliteration.py)."""
    query = " || ".join(
        f"websearch_to_tsquery('{config}', %(v{i})s)"
        for i in range(len(variants))
        for config in ("simple", "russian", "english")
    )

    def trigram(alias, fields):
        return " OR ".join(
            f"{alias}.{field}_{lang} %%> %(v{i})s"
            for i in range(len(variants))
            for field in fields
            for lang in ("ky", "ru", "en")
        )

    def similarity(alias, fields):
        return (
            "GREATEST("
            + ", ".join(
                f"word_similarity(%(v{i})s, {alias}.{field}_{lang})"
                for i in range(len(variants))
                for field in fields
                for lang in ("ky", "ru", "en")
            )
            + ")"
        )

    return f"""
WITH q AS (SELECT {query} AS q)
SELECT json_build_object(
  'agreements', (SELECT json_agg(r) FROM (
      SELECT a.id, {TITLE} AS title, ts_rank(a.search_vector, q.q) AS score, count(*) OVER () AS total
      FROM agreements_agreement a, q WHERE {PUBLIC} AND a.search_vector @@ q.q
      ORDER BY score DESC, a.id LIMIT 10) r),
  'organizations', (SELECT json_agg(r) FROM (
      SELECT o.id, {fallback("o", "name")} AS title,
             ts_rank(o.search_vector, q.q) + coalesce({similarity("o", ("name", "short_name"))}, 0) AS score,
             count(*) OVER () AS total
      FROM agreements_organization o, q
      WHERE o.search_vector @@ q.q OR {trigram("o", ("name", "short_name"))}
      ORDER BY score DESC, o.id LIMIT 10) r),
  'people', (SELECT json_agg(r) FROM (
      SELECT pe.id, {fallback("pe", "full_name")} AS title,
             ts_rank(pe.search_vector, q.q) + coalesce({similarity("pe", ("full_name",))}, 0) AS score,
             count(*) OVER () AS total
      FROM agreements_person pe, q
      WHERE pe.search_vector @@ q.q OR {trigram("pe", ("full_name",))}
      ORDER BY score DESC, pe.id LIMIT 10) r)
)::text
"""


def search_params(variants: list[str]) -> dict:
    return {f"v{i}": variant for i, variant in enumerate(variants)}


# --- The home page: the newest agreements, the figures and the charts' counts. -------------

HOME = f"""
SELECT json_build_object(
  'newest', (SELECT json_agg(json_build_object('id', a.id, 'title', a.shown_title, 'signed_on', a.signed_on,
                                               'status', {STATUS}, 'parties', {LIST_PARTIES}))
             FROM (SELECT a.*, {TITLE} AS shown_title FROM agreements_agreement a WHERE {PUBLIC}
                   ORDER BY {DEFAULT_ORDER} LIMIT 5) a),
  'headline', (SELECT json_agg(json_build_object('name', {fallback("i", "name")}, 'value', i.value)
                               ORDER BY i."order", i.id)
               FROM consortium_indicator i WHERE i.is_headline),
  'per_year', (SELECT json_object_agg(y, n) FROM (
                 SELECT extract(year FROM a.signed_on) AS y, count(*) AS n FROM agreements_agreement a
                 WHERE {PUBLIC} AND a.signed_on IS NOT NULL GROUP BY 1) years),
  'per_country', (SELECT json_object_agg(country, n) FROM (
                 SELECT o.country, count(DISTINCT p.agreement_id) AS n
                 FROM agreements_party p JOIN agreements_organization o ON o.id = p.organization_id
                 JOIN agreements_agreement a ON a.id = p.agreement_id
                 WHERE {PUBLIC} AND o.country <> '' GROUP BY 1) countries)
)::text
"""
