"""Site search across every kind of record (DESIGN.md section 5), grouped by kind and ranked.

Each kind is one query, whatever the number of rows: it matches, ranks, highlights and counts
in SQL and returns the best few rows.

- Full text per language: the `russian`, `english` and `simple` (Kyrgyz has no stemmer)
  configurations of `portal.core.filters.full_text_query`, so "соглашения" finds "Соглашение".
  Agreements, organisations, people, meetings, joint labs and programmes match their generated,
  indexed `search_vector`; commissions, indicators and topics (a few dozen rows each) build
  the same kind of vector in the query.
- Names by trigram word similarity over the three language columns, with the query also
  spelled in the other script (`portal.transliteration`), so "Абдрахматов", "Abdrakhmatov"
  and "Abdrakhmatow" find the same person.
- Only rows the viewer may see: every kind starts from its `visible_to(user)`.
- Highlighting: PostgreSQL's ts_headline marks the matched words with two control characters
  that cannot come from the text (they are removed from it first); the text is then
  HTML-escaped and only those marks become <mark>. Where only a trigram matched (a typo),
  the closest words are marked the same way.
"""

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.postgres.search import (
    SearchHeadline,
    SearchRank,
    TrigramWordSimilarity,
)
from django.db.models import Count, F, FloatField, Func, Q, TextField, Value, Window
from django.db.models.functions import Coalesce, Concat, Greatest
from django.shortcuts import render
from django.urls import NoReverseMatch, reverse
from django.utils.html import escape
from django.utils.http import urlencode
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from agreements.models import (
    Agreement,
    Commission,
    Meeting,
    Organization,
    Person,
    Topic,
    language_search_vector,
)
from consortium.models import Indicator, JointLab, Programme
from portal.core.filters import MAX_QUERY_LENGTH, full_text_query, has_search_vector
from portal.translated import translated_column
from portal.transliteration import spellings

RESULTS_PER_KIND = 10
LANGUAGES = settings.MODELTRANSLATION_LANGUAGES
# ts_headline parses the shown text with the configuration of the language it is shown in.
HEADLINE_CONFIG = {"ky": "simple", "ru": "russian", "en": "english"}
MARK_START, MARK_STOP = "\x02", "\x03"
# Below this a word is not marked as the near match of a query word.
TRIGRAM_MARK_THRESHOLD = 0.45


@dataclass(frozen=True)
class Kind:
    """One kind of record that the search covers, and how it is matched and shown."""

    key: str
    label: str
    queryset: Callable  # user -> the rows this viewer may see, with what the result line shows
    title: Callable  # () -> SQL expression of the title in the active language
    names: tuple[str, ...]  # translated fields matched by trigram similarity
    text: tuple[str, ...] = ()  # translated fields of the vector built in the query, where the
    # model keeps no generated `search_vector` of its own
    snippet: str | None = None  # translated field shown, highlighted, under the title
    list_route: str | None = None  # the list page, which takes the same `q`
    extra_fields: tuple[str, ...] = field(default=())  # plain columns of the vector, e.g. numbers


def _topic_url(topic):
    return reverse("agreements:agreement_list") + "?" + urlencode({"topic": topic.slug})


def _meeting_title():
    return Concat(
        translated_column("name", prefix="commission__"),
        Value(" — "),
        translated_column("place"),
        output_field=TextField(),
    )


KINDS = (
    Kind(
        key="agreements",
        label=_("Agreements"),
        queryset=lambda user: Agreement.objects.visible_to(user).with_status(),
        title=lambda: translated_column("title"),
        # Titles by full text only, as the agreements list's `q`: a trigram test on titles
        # cannot use its index for a common word and was checked row by row (10 s and more
        # for "соглашения" at 100,000 agreements, bench/README.md).
        names=(),
        snippet="summary",
        list_route="agreements:agreement_list",
    ),
    Kind(
        key="organizations",
        label=_("Organisations"),
        queryset=lambda user: Organization.objects.visible_to(user),
        title=lambda: translated_column("name"),
        names=("name", "short_name"),
        snippet="description",
        list_route="agreements:organization_list",
    ),
    Kind(
        key="people",
        label=_("People"),
        queryset=lambda user: Person.objects.visible_to(user),
        title=lambda: translated_column("full_name"),
        names=("full_name",),
        list_route="agreements:person_list",
    ),
    Kind(
        key="commissions",
        label=_("Commissions"),
        queryset=lambda user: Commission.objects.visible_to(user),
        title=lambda: translated_column("name"),
        names=("name",),
        text=("name", "description"),
        snippet="description",
        list_route="agreements:commission_list",
    ),
    Kind(
        key="meetings",
        label=_("Meetings"),
        queryset=lambda user: Meeting.objects.visible_to(user).select_related("commission"),
        title=_meeting_title,
        names=("place",),
        snippet="summary",
        list_route="agreements:meeting_list",
    ),
    Kind(
        key="labs",
        label=_("Joint laboratories"),
        queryset=lambda user: JointLab.objects.visible_to(user),
        title=lambda: translated_column("name"),
        names=("name", "field"),
        snippet="description",
        list_route="consortium:lab_list",
    ),
    Kind(
        key="programmes",
        label=_("Programmes"),
        queryset=lambda user: Programme.objects.visible_to(user),
        title=lambda: translated_column("title"),
        names=("title",),
        snippet="description",
        list_route="consortium:programme_list",
    ),
    Kind(
        key="indicators",
        label=_("Indicators"),
        queryset=lambda user: Indicator.objects.visible_to(user),
        title=lambda: translated_column("name"),
        names=("name",),
        text=("name", "unit", "source_note"),
        snippet="source_note",
        list_route="consortium:indicator_list",
    ),
    Kind(
        key="topics",
        label=_("Topics"),
        queryset=lambda user: Topic.objects.all(),
        title=lambda: translated_column("name"),
        names=("name",),
        text=("name",),
    ),
)


def clean_query(raw: str) -> tuple[str, bool]:
    """The query as searched: control characters (NUL among them) dropped, spaces collapsed,
    cut to MAX_QUERY_LENGTH. Also says whether it was cut."""
    text = "".join(char for char in raw if char.isspace() or not unicodedata.category(char).startswith("C"))
    text = " ".join(text.split())
    if len(text) > MAX_QUERY_LENGTH:
        return text[:MAX_QUERY_LENGTH].rstrip(), True
    return text, False


def _without_marks(expression):
    # The marks must come only from ts_headline, so they are taken out of the text first.
    return Func(
        expression, Value(MARK_START + MARK_STOP), Value(""), function="translate", output_field=TextField()
    )


@dataclass
class Result:
    obj: object
    title: SafeString
    snippet: SafeString
    url: str | None
    score: float


@dataclass
class Group:
    kind: Kind
    results: list[Result]
    total: int
    list_url: str | None

    @property
    def best_score(self):
        return max(result.score for result in self.results)


def search_kind(kind: Kind, user, text: str, limit: int = RESULTS_PER_KIND) -> Group | None:
    """One query: the best `limit` rows of this kind for `text`, with the total count."""
    variants = spellings(text)
    query = None
    for variant in variants:
        part = full_text_query(variant)
        query = part if query is None else query | part

    queryset = kind.queryset(user)
    if has_search_vector(queryset.model):
        # Matched in SQL, never read into Python.
        queryset = queryset.defer("search_vector")
        document = F("search_vector")
    else:
        # The same vector the models with a stored one keep (agreements.models), built here.
        queryset = queryset.annotate(search_document=language_search_vector(*kind.text))
        document = F("search_document")

    name_columns = [f"{name}_{language}" for name in kind.names for language in LANGUAGES]
    matches = Q(**{document.name: query})
    for variant in variants:
        for column in name_columns:
            matches |= Q(**{f"{column}__trigram_word_similar": variant})
    similarities = [TrigramWordSimilarity(v, column) for v in variants for column in name_columns]
    similarity = Value(0.0, output_field=FloatField())
    if similarities:
        similarity = Coalesce(
            Greatest(*similarities) if len(similarities) > 1 else similarities[0],
            Value(0.0),
            output_field=FloatField(),
        )

    config = HEADLINE_CONFIG.get(get_language(), "simple")
    annotations = {
        "search_score": SearchRank(document, query) + similarity,
        "search_total": Window(Count("pk")),
        "search_title": SearchHeadline(
            _without_marks(kind.title()),
            query,
            config=config,
            start_sel=MARK_START,
            stop_sel=MARK_STOP,
            highlight_all=True,
        ),
    }
    if kind.snippet:
        annotations["search_snippet"] = SearchHeadline(
            _without_marks(translated_column(kind.snippet)),
            query,
            config=config,
            start_sel=MARK_START,
            stop_sel=MARK_STOP,
            max_words=30,
            min_words=12,
            max_fragments=2,
            fragment_delimiter=" … ",
        )
    rows = list(queryset.filter(matches).annotate(**annotations).order_by("-search_score", "pk")[:limit])
    if not rows:
        return None

    words = _words(" ".join(variants))
    results = [
        Result(
            obj=row,
            title=highlight(row.search_title, words),
            snippet=highlight(getattr(row, "search_snippet", "") or "", ()),
            url=_url_for(kind, row),
            score=row.search_score,
        )
        for row in rows
    ]
    return Group(kind=kind, results=results, total=rows[0].search_total, list_url=_list_url(kind, text))


def _url_for(kind, obj):
    try:
        return _topic_url(obj) if kind.key == "topics" else obj.get_absolute_url()
    except NoReverseMatch:  # a kind whose pages are not wired up shows its results unlinked
        return None


def _list_url(kind, text):
    if not kind.list_route:
        return None
    try:
        return reverse(kind.list_route) + "?" + urlencode({"q": text})
    except NoReverseMatch:
        return None


# --- Highlighting ---------------------------------------------------------------------------

WORD_RE = re.compile(r"\w+")


def _words(text: str) -> list[str]:
    return [word.lower() for word in WORD_RE.findall(text) if len(word) > 1]


def trigrams(word: str) -> set[str]:
    """pg_trgm's trigrams of one word: lower-cased, two spaces before and one after."""
    padded = f"  {word.lower()} "
    return {padded[i : i + 3] for i in range(len(padded) - 2)}


def similarity(a: str, b: str) -> float:
    ta, tb = trigrams(a), trigrams(b)
    return len(ta & tb) / len(ta | tb) if ta and tb else 0.0


def _mark_near_words(text: str, words) -> str:
    def mark(match):
        word = match.group(0)
        if any(similarity(word, query_word) >= TRIGRAM_MARK_THRESHOLD for query_word in words):
            return f"{MARK_START}{word}{MARK_STOP}"
        return word

    return WORD_RE.sub(mark, text)


def highlight(text: str, words) -> SafeString:
    """Escape `text` for HTML; only the marks set by ts_headline (or, where it marked nothing,
    the words closest to the query) become <mark> elements."""
    if MARK_START not in text and words:
        text = _mark_near_words(text, words)
    escaped = str(escape(text)).replace(MARK_START, "<mark>").replace(MARK_STOP, "</mark>")
    return mark_safe(escaped)  # noqa: S308 (escaped above; only our own <mark> tags are added)


# --- The page -------------------------------------------------------------------------------


def search(request):
    raw = request.GET.get("q", "")
    text, truncated = clean_query(raw)
    groups = []
    if text:
        for kind in KINDS:
            group = search_kind(kind, request.user, text)
            if group:
                groups.append(group)
        # The kind with the best match comes first; within a kind, the best match first.
        groups.sort(key=lambda group: group.best_score, reverse=True)
    context = {
        "query": text,
        "truncated": truncated,
        "max_length": MAX_QUERY_LENGTH,
        "groups": groups,
        "total": sum(group.total for group in groups),
        "kinds": KINDS,
        "nav_section": "search",
        "breadcrumbs": [{"label": _("Search"), "url": None}],
    }
    return render(request, "search.html", context)
