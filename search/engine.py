"""Running a site search: cleaning the query, ranking across sources, excerpts with highlights."""

import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db.models import Case, CharField, Count, F, Q, When, Window
from django.db.models.functions import Cast
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import mark_safe
from wagtail.contrib.search_promotions.models import Query, QueryDailyHits, SearchPromotion
from wagtail.search.backends import get_search_backend
from wagtail.search.utils import normalise_query_string

from home.associations import of_request
from search import conf
from search.sources import get_sources, public_pages

EXCERPT_LENGTH = 240
WORD = re.compile(r"\w+")


def clean_query(raw):
    """Drop control and format characters, collapse whitespace, cap the length."""
    text = "".join(" " if unicodedata.category(char)[0] in "CZ" else char for char in raw or "")
    return " ".join(text.split())[: conf.get("SEARCH_MAX_QUERY_LENGTH")].strip()


def parse_page_number(raw, last_page):
    """A page number within 1..last_page; anything else falls back to the nearest valid page."""
    try:
        number = int(raw)
    except (TypeError, ValueError):
        return 1
    return min(max(number, 1), max(last_page, 1))


@dataclass
class Hit:
    object: Any
    source: Any
    score: float
    title: str = ""
    url: str | None = None
    date: Any = None
    excerpt: str = ""


@dataclass
class SearchOutcome:
    query: str
    type: str | None
    counts: list = field(default_factory=list)  # [(source, count)]
    total: int = 0
    hits: list = field(default_factory=list)
    page_number: int = 1
    last_page: int = 1
    promotions: list = field(default_factory=list)
    start_index: int = 1


def search_terms(query):
    """Only the words: quotes and operators mean nothing to our users and upset FTS parsers."""
    return " ".join(WORD.findall(query))


def selected_sources(sources, type_key):
    """The sources ``type_key`` selects (all of them for an empty or unknown key) and the key itself."""
    selected = [source for source in sources if source.key == type_key] or sources
    return selected, selected[0].key if len(selected) == 1 else None


class RankedEntries:
    """The index entries of every source's public objects that match the terms, best first, in one query.

    Each row carries the number of matches of every source (window counts over all matches),
    so a page of hits and the type filter's counts cost one query, however many there are.
    With a type selected, its entries come first and the rest only give the counts."""

    def __init__(self, entries, sources, selected):
        self.sources = sources
        self.content_types = {
            source.key: [
                content_type.pk for content_type in ContentType.objects.get_for_models(*source.indexed_models).values()
            ]
            for source in sources
        }
        self.source_of = {pk: source for source in sources for pk in self.content_types[source.key]}
        condition = Q()
        for source in sources:
            public_keys = source.get_queryset().values(key=Cast("pk", output_field=CharField(max_length=50)))
            condition |= Q(content_type_id__in=self.content_types[source.key], object_id__in=public_keys)
        counts = {
            f"count_{number}": Window(Count("pk", filter=Q(content_type_id__in=self.content_types[source.key])))
            for number, source in enumerate(sources)
        }
        order = ["-score", "-pk"]
        if len(selected) < len(sources):
            selected_types = [pk for source in selected for pk in self.content_types[source.key]]
            order.insert(0, Case(When(content_type_id__in=selected_types, then=0), default=1))
        self.queryset = (
            entries.filter(condition)
            .annotate(**counts)
            .order_by(*order)
            .values("content_type_id", "object_id", "text", "score", *counts)
        )

    def rows(self, start, stop):
        return list(self.queryset[start:stop])

    def counts(self, row):
        """{source key: number of matches}, from any row (all zero without one)."""
        return {source.key: row[f"count_{number}"] if row else 0 for number, source in enumerate(self.sources)}


def run_search(query, type_key=None, raw_page=None, request=None):
    """Search every source, or only ``type_key``; return one page of ranked hits and per-type counts."""
    association = of_request(request)
    sources = get_sources(association)
    selected, type_key = selected_sources(sources, type_key)
    outcome = SearchOutcome(query=query, type=type_key)
    terms = search_terms(query)
    if not query:
        return outcome
    if not terms:
        outcome.counts = [(source, 0) for source in sources]
        return outcome

    per_page = conf.get("SEARCH_RESULTS_PER_PAGE")
    requested = parse_page_number(raw_page, conf.get("SEARCH_MAX_PAGES"))
    ranked = RankedEntries(get_search_backend().ranked_entries(terms), sources, selected)
    rows = ranked.rows((requested - 1) * per_page, requested * per_page)
    if not rows and requested > 1:
        rows = ranked.rows(0, 1)  # past the last page: only the counts, to find it
    counts = ranked.counts(rows[0] if rows else None)
    outcome.counts = [(source, counts[source.key]) for source in sources]
    outcome.total = sum(counts[source.key] for source in selected)
    available = min(outcome.total, per_page * conf.get("SEARCH_MAX_PAGES"))
    outcome.last_page = max(1, -(-available // per_page))
    outcome.page_number = min(requested, outcome.last_page)
    start = (outcome.page_number - 1) * per_page
    outcome.start_index = start + 1
    if outcome.page_number != requested:
        rows = ranked.rows(start, start + per_page)

    rows = [row for row in rows if ranked.source_of[row["content_type_id"]] in selected]
    outcome.hits = hits_of(rows, ranked.source_of, query, request)
    if outcome.page_number == 1:
        outcome.promotions = promotions_for(query, association)
    return outcome


def hits_of(rows, source_of, query, request):
    """The hits of ranked rows: their objects (a query per model), title, URL, date and an excerpt with highlights."""
    models = [source_of[row["content_type_id"]].model for row in rows]
    keys = [model._meta.pk.to_python(row["object_id"]) for model, row in zip(models, rows, strict=True)]
    wanted = {}
    for model, key in zip(models, keys, strict=True):
        wanted.setdefault(model, []).append(key)
    found = {model: model._default_manager.in_bulk(model_keys) for model, model_keys in wanted.items()}
    hits = []
    for model, key, row in zip(models, keys, rows, strict=True):
        obj = found[model].get(key)
        if obj is None:  # deleted since the search
            continue
        hit = Hit(obj, source_of[row["content_type_id"]], row["score"])
        describe_link(hit, request)
        if hit.source.kind == "page":
            hit.date = obj.last_published_at or obj.first_published_at
        elif hit.source.kind == "document":
            hit.date = obj.created_at
        else:
            dates = (getattr(obj, name, None) for name in ("date", "start_date", "first_published_at"))
            hit.date = next((date for date in dates if date), None)
        text = row["text"] or getattr(obj, "search_description", "") or ""
        hit.excerpt = highlight(excerpt(text, query), query)
        hits.append(hit)
    return hits


def describe_link(hit, request=None):
    obj = hit.object
    hit.title = getattr(obj, "title", None) or str(obj)
    if hit.source.kind == "page":
        hit.url = obj.get_url(request)
    elif hit.source.kind == "document":
        hit.url = obj.url
    elif hasattr(obj, "get_url"):
        hit.url = obj.get_url(request)
    elif hasattr(obj, "get_absolute_url"):
        hit.url = obj.get_absolute_url()


def _stems(query):
    """Word prefixes to highlight: Swedish endings (-en, -et, -erna, ...) vary, the stem does not."""
    return sorted({word[: max(4, len(word) - 3)] for word in WORD.findall(query.lower())}, key=len, reverse=True)


def excerpt(text, query):
    """About EXCERPT_LENGTH characters of ``text`` around the first matching word."""
    text = " ".join(text.split())
    lowered = text.lower()
    positions = [pos for pos in (lowered.find(stem) for stem in _stems(query)) if pos >= 0]
    start = max(0, min(positions) - EXCERPT_LENGTH // 3) if positions else 0
    if start:
        start = text.find(" ", start) + 1 or start
    snippet = text[start : start + EXCERPT_LENGTH]
    prefix = "… " if start else ""
    suffix = " …" if start + EXCERPT_LENGTH < len(text) else ""
    return prefix + snippet + suffix


def highlight(text, query):
    """Escape ``text`` as HTML, then wrap words starting with a query stem in <mark>."""
    escaped = escape(text)
    stems = [re.escape(stem) for stem in _stems(query)]
    if not stems:
        return mark_safe(escaped)  # noqa: S308 - escaped above
    pattern = re.compile(r"\b(?:" + "|".join(stems) + r")\w*", re.IGNORECASE)
    return mark_safe(pattern.sub(lambda match: f"<mark>{match.group(0)}</mark>", escaped))  # noqa: S308


def promotions_for(query, association):
    """The editor's picks for this query whose page (if any) is live, public and in ``association``'s tree."""
    promotions = list(
        SearchPromotion.objects.filter(query__query_string=normalise_query_string(query))
        .select_related("page")
        .order_by("sort_order")
    )
    page_ids = {promotion.page_id for promotion in promotions if promotion.page_id}
    if page_ids:  # view restrictions are read only when a pick points at a page
        page_ids = set(public_pages(association).filter(pk__in=page_ids).values_list("pk", flat=True))
    return [promotion for promotion in promotions if not promotion.page_id or promotion.page_id in page_ids]


def log_query(query):
    """Count the query for the popular-searches report; who searched is not stored.

    One UPDATE when the query was already searched today; Wagtail's ``add_hit`` otherwise."""
    today = QueryDailyHits.objects.filter(query__query_string=normalise_query_string(query), date=timezone.now().date())
    if not today.update(hits=F("hits") + 1):
        Query.get(query).add_hit()


def autocomplete(query, request, limit=8):
    """Title suggestions across the sources of ``request``'s association, for the search box."""
    suggestions = []
    terms = search_terms(query)
    for source in get_sources(of_request(request)) if terms else []:
        if len(suggestions) >= limit:
            break
        try:
            public = source.get_queryset()
            if source.kind == "page":  # Wagtail's search reads the filters; the restrictions' path exclusions go by id
                public = source.model.objects.filter(pk__in=public.values("pk"))
            results = get_search_backend().autocomplete(terms, public)[: limit - len(suggestions)]
            results = list(results)
        except (ValueError, LookupError):
            continue
        hits = [Hit(obj, source, 0.0) for obj in results]
        for hit in hits:
            describe_link(hit, request)
        suggestions.extend({"title": hit.title, "url": hit.url, "type": str(source.label)} for hit in hits)
    return suggestions


def suggested_queries(limit=5):
    """Searches the coordinator has curated (those with editor's picks), most searched first."""
    return list(Query.objects.filter(editors_picks__isnull=False).distinct().order_by("query_string")[:limit])
