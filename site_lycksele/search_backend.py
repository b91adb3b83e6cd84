"""Wagtail's database search backend, searching Swedish the same way on SQLite and PostgreSQL.

PostgreSQL's "swedish" text search configuration stems every word with the Snowball Swedish
stemmer and drops stop words; SQLite's FTS5 index only folds case and accents. Here the SQLite
index holds the same Snowball stems (``swedish_stems``, an SQL function that the index triggers
call: migration ``0001_swedish_stems_in_the_sqlite_search_index``), and a query is built alike
for both databases:

- only words count: quotes, ``*``, ``NEAR``, ``AND``, brackets, ``:`` and other query syntax of
  either database are never passed on (they were a server error on SQLite); stop words are
  dropped as PostgreSQL drops them, and at most ``MAX_QUERY_WORDS`` words are used;
- a word matches its own stem and the stems of its other forms: definite and indefinite
  singular (-en, -et, -et/-e, -an/-a), which also pairs a verb with its action noun (-a/-an). Snowball stems
  these apart ("projekt" to "projek" but "projektet" to "projektet", "konferens" to "konfer"
  but "konferensen" to "konferens", "ansöka" to "ansök" but "ansökan" to "ansökan"), so on
  both databases inflected words would otherwise miss the pages with their base forms.

Both backends also give ``ranked_entries``: the matching index entries of every model at once,
ranked as Wagtail ranks one model's, so the site search ranks and counts all its sources in one query.

On SQLite the FTS5 table no longer folds diacritics: å, ä and ö are letters of their own in
Swedish, and PostgreSQL's "swedish" configuration keeps them too.
"""

import re
import threading
import unicodedata
from functools import cache, lru_cache

import snowballstemmer
from django.contrib.postgres.search import SearchQuery as PostgresSearchQuery
from django.contrib.postgres.search import SearchRank
from django.db import connection
from django.db.backends.signals import connection_created
from django.db.models import F, FloatField, Func, OuterRef, Subquery, Value
from django.db.models.expressions import CombinedExpression
from wagtail.search.backends import database
from wagtail.search.backends.database.fallback import DatabaseSearchBackend
from wagtail.search.backends.database.postgres.postgres import PostgresSearchBackend, PostgresSearchQueryCompiler
from wagtail.search.backends.database.postgres.query import Lexeme as PostgresLexeme
from wagtail.search.backends.database.postgres.weights import get_sql_weights
from wagtail.search.models import IndexEntry
from wagtail.search.query import Phrase, PlainText

WORD = re.compile(r"\w+")
# Pairs of endings that turn one form of a word into another (either way): (definite, indefinite).
FORM_ENDINGS = (("en", ""), ("et", ""), ("et", "e"), ("an", "a"))
MIN_BASE = 3  # letters left before an ending, so short words keep their meaning
MAX_QUERY_WORDS = 32
# SQLite ranks with bm25() over the FTS5 columns (autocomplete, body, title): a word in the
# title counts this many times one in the body, as the title's boost does on PostgreSQL.
FTS_TABLE = "wagtailsearch_indexentry_fts"
TITLE_WEIGHT = 10.0
# PostgreSQL's tsearch_data/swedish.stop (the Snowball project's list).
STOP_WORDS = frozenset(
    """och det att i en jag hon som han på den med var sig för så till är men ett om hade de av icke
    mig du henne då sin nu har inte hans honom skulle hennes där min man ej vid kunde något från ut
    när efter upp vi dem vara vad över än dig kan sina här ha mot alla under någon eller allt mycket
    sedan ju denna själv detta åt utan varit hur ingen mitt ni bli blev oss din dessa några deras
    blir mina samma vilken er sådan vår blivit dess inom mellan sådant varför varje vilka ditt vem
    vilket sitta sådana vart dina vars vårt våra ert era vilkas""".split()
)
_stemmers = threading.local()  # a Snowball stemmer keeps state while it stems: one per thread


@lru_cache(maxsize=65536)
def stem(word):
    """The Snowball Swedish stem of one lower-case word, as PostgreSQL's "swedish" config stems it.

    snowballstemmer is pinned to the Snowball release PostgreSQL 15 ships (2.2; Snowball 3 also
    strips "-et" after some endings); tests/search/test_search_swedish.py compares the two."""
    if not hasattr(_stemmers, "swedish"):
        _stemmers.swedish = snowballstemmer.stemmer("swedish")
    return _stemmers.swedish.stemWord(word)


def swedish_stems(text):
    """``text`` with every word replaced by its stem: what the SQLite index holds for matching."""
    if text is None:
        return None
    return WORD.sub(lambda match: stem(match.group(0)), unicodedata.normalize("NFC", text).lower())


def query_words(text):
    """The words of a query that can match: lower case, no stop words, at most MAX_QUERY_WORDS."""
    words = WORD.findall(unicodedata.normalize("NFC", text or "").lower())
    return [word for word in words if word not in STOP_WORDS][:MAX_QUERY_WORDS]


def word_forms(word):
    """The forms of a query word to match: the word and its other forms (``FORM_ENDINGS``).

    SQLite matches their stems; PostgreSQL is given the forms and stems them itself (a stem
    stemmed again may lose more letters: "konfer" becomes "konf")."""
    forms = {word}
    for one, other in FORM_ENDINGS:
        for ending, replacement in ((one, other), (other, one)):
            if word.endswith(ending) and not (replacement and word.endswith(replacement)):
                if len(word) - len(ending) >= MIN_BASE:
                    forms.add(word[: len(word) - len(ending)] + replacement)
    return sorted(forms)


def has_words(query):
    if isinstance(query, (PlainText, Phrase)):
        return bool(query_words(query.query_string))
    return any(has_words(subquery) for subquery in getattr(query, "subqueries", [getattr(query, "subquery", None)]))


def register_sql_functions(sender=None, connection=None, **kwargs):
    """Give an SQLite connection the ``swedish_stems`` function its search index triggers call."""
    if connection.vendor == "sqlite":
        connection.connection.create_function("swedish_stems", 1, swedish_stems, deterministic=True)


def connect_signals():
    connection_created.connect(register_sql_functions, dispatch_uid="site_lycksele.search_sql_functions")


class WeightedBM25(Func):
    output_field = FloatField()

    def as_sql(self, compiler, connection):
        return f"bm25({FTS_TABLE}, 0, 1.0, {TITLE_WEIGHT})", []


class FTS5Query(Value):
    """A complete FTS5 query string, passed to ``MATCH`` as a parameter."""

    def as_sql(self, compiler, connection):
        return "%s", [self.value]


def fts5_query(query):
    """PlainText or Phrase as FTS5 syntax over the stemmed index; every term quoted."""
    words = query_words(query.query_string)
    if isinstance(query, Phrase):
        return '"' + " ".join(stem(word) for word in words) + '"'
    connector = " AND " if query.operator.lower() == "and" else " OR "
    return connector.join(
        "(" + " OR ".join(f'"{word_stem}"' for word_stem in sorted({stem(form) for form in word_forms(word)})) + ")"
        for word in words
    )


class EmptyQueryMixin:
    """A query without a word that can match finds nothing (as on PostgreSQL), instead of an error."""

    def search(self, config, start, stop, **kwargs):
        if not has_words(self.query):
            return self.queryset.none()
        return super().search(config, start, stop, **kwargs)


def postgres_tsquery(query, config, invert=False):
    """PlainText as a tsquery of every word's forms (``word_forms``), stemmed by ``config``."""
    # Inverted, "a or b" becomes "not a and not b" (and the reverse).
    any_of, all_of = ("__and__", "__or__") if invert else ("__or__", "__and__")
    join_words = all_of if query.operator.lower() == "and" else any_of
    clauses = []
    for word in query_words(query.query_string):
        lexemes = [PostgresLexeme(form, invert=invert) for form in word_forms(word)]
        clauses.append(_reduce(lexemes, any_of))
    return PostgresSearchQuery(_reduce(clauses, join_words), search_type="raw", config=config)


class PostgresSwedishQueryCompiler(EmptyQueryMixin, PostgresSearchQueryCompiler):
    def build_tsquery_content(self, query, config=None, invert=False):
        if not isinstance(query, PlainText):
            return super().build_tsquery_content(query, config=config, invert=invert)
        return postgres_tsquery(query, config, invert=invert)


def no_entries():
    """What ``ranked_entries`` finds for a query without a word that can match: nothing, and no query for it."""
    return IndexEntry.objects.annotate(score=Value(0.0), text=Value("")).none()


def _reduce(items, method):
    result = items[0]
    for item in items[1:]:
        result = getattr(result, method)(item)
    return result


class PostgresSwedishSearchBackend(PostgresSearchBackend):
    query_compiler_class = PostgresSwedishQueryCompiler

    def ranked_entries(self, query_string):
        """The index entries with every word of ``query_string``, annotated with the ``score`` (higher first)
        that Wagtail's search of one model ranks by (title and body, the title weighed by its norm)
        and the plain ``text`` of their body."""
        query = PlainText(query_string, operator="and")
        if not has_words(query):
            return no_entries()
        tsquery = postgres_tsquery(query, self.config)
        weights = get_sql_weights()
        return (
            IndexEntry.objects.alias(vector=CombinedExpression(F("title"), "||", F("body")))
            .filter(vector=tsquery)
            .annotate(
                score=SearchRank(F("title"), tsquery, weights=weights) * F("title_norm")
                + SearchRank(F("body"), tsquery, weights=weights),
                text=F("body_text"),
            )
        )


@cache
def sqlite_backend_class():
    """The SQLite backend, defined only where Wagtail's can be imported (SQLite with FTS5)."""
    # Imported here: Wagtail's SQLite backend fails to import where SQLite lacks FTS5.
    from wagtail.search.backends.database.sqlite.query import MatchExpression, SearchQueryExpression
    from wagtail.search.backends.database.sqlite.sqlite import (
        SQLiteAutocompleteQueryCompiler,
        SQLiteSearchBackend,
        SQLiteSearchQueryCompiler,
    )
    from wagtail.search.models import SQLiteFTSIndexEntry

    class SQLiteSwedishQueryCompiler(EmptyQueryMixin, SQLiteSearchQueryCompiler):
        def _build_rank_expression(self, vectors, config):
            # Wagtail's rank adds bm25() of the whole row twice, so a word in the title weighs
            # no more than one in the body; lower is better.
            return WeightedBM25()

        def build_search_query_content(self, query, config=None):
            if isinstance(query, (PlainText, Phrase)):
                return SearchQueryExpression(FTS5Query(fts5_query(query)))
            return super().build_search_query_content(query, config=config)

    class SQLiteWordsAutocompleteCompiler(SQLiteAutocompleteQueryCompiler):
        """Autocompletion over the unstemmed titles, from the query's words only (stop words too)."""

        def build_search_query_content(self, query, config=None):
            if isinstance(query, PlainText):
                words = WORD.findall(query.query_string.lower())[:MAX_QUERY_WORDS]
                terms = [f'"{word}"' for word in words[:-1]] + [f'"{words[-1]}"*']
                return SearchQueryExpression(FTS5Query(" AND ".join(terms)))
            return super().build_search_query_content(query, config=config)

        def search(self, config, start, stop, **kwargs):
            if isinstance(self.query, PlainText) and not WORD.search(self.query.query_string):
                return self.queryset.none()
            return super().search(config, start, stop, **kwargs)

    class SQLiteSwedishSearchBackend(SQLiteSearchBackend):
        query_compiler_class = SQLiteSwedishQueryCompiler
        autocomplete_query_compiler_class = SQLiteWordsAutocompleteCompiler

        def ranked_entries(self, query_string):
            """The index entries with every word of ``query_string``, annotated with the ``score``
            (higher first: the weighted bm25 the compiler above ranks one model by, negated) and
            the plain ``text`` of their body."""
            query = PlainText(query_string, operator="and")
            if not has_words(query):
                return no_entries()
            match = MatchExpression(["title", "body"], SearchQueryExpression(FTS5Query(fts5_query(query))))
            matches = SQLiteFTSIndexEntry.objects.filter(match)
            # bm25() only works in a query of the FTS5 table: one per entry, as Wagtail's ranking does.
            score = matches.filter(index_entry=OuterRef("pk")).annotate(score=-WeightedBM25()).values("score")[:1]
            return IndexEntry.objects.filter(pk__in=matches.values("index_entry")).annotate(
                score=Subquery(score, output_field=FloatField()), text=F("body")
            )

    return SQLiteSwedishSearchBackend


def SearchBackend(params):  # noqa: N802 - the name Wagtail looks for in a backend module
    """Wagtail's choice of database backend, with the Swedish query (and, on SQLite, index) above."""
    if connection.vendor == "postgresql":
        return PostgresSwedishSearchBackend(params)
    backend = database.SearchBackend(params)
    if connection.vendor == "sqlite" and not isinstance(backend, DatabaseSearchBackend):
        return sqlite_backend_class()(params)
    return backend
