"""The search page at /sok/ and the suggestions behind its autocomplete."""

from django.http import JsonResponse
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.views.decorators.http import require_GET

from home.associations import of_request
from home.content_cache import cached
from search import engine
from search.sources import get_sources


def render_results(request, query, type_key, raw_page):
    outcome = engine.run_search(query, type_key, raw_page, request)
    context = {
        "search": outcome,
        "suggested_queries": engine.suggested_queries() if not outcome.total else [],
    }
    return render_to_string("search/includes/results.html", context, request=request)


@require_GET
def search(request):
    query = engine.clean_query(request.GET.get("q", ""))
    _selected, type_key = engine.selected_sources(get_sources(of_request(request)), request.GET.get("typ") or None)
    raw_page = request.GET.get("sida")
    results = ""
    if query:
        # Kept per content version (and query, type, page): a publication anywhere, or a
        # change to the editor's picks, renders them anew. Every search is still counted.
        results = cached(
            "search-results",
            lambda: render_results(request, query, type_key, raw_page),
            query,
            type_key,
            raw_page,
            request.get_host(),
        )
        if raw_page in (None, "1") and not type_key:
            engine.log_query(query)
    return TemplateResponse(request, "search/search.html", {"query": query, "type": type_key, "results": results})


@require_GET
def suggestions(request):
    query = engine.clean_query(request.GET.get("q", ""))
    response = JsonResponse(
        {"query": query, "suggestions": engine.autocomplete(query, request) if len(query) >= 2 else []}
    )
    response["Cache-Control"] = "public, max-age=60"
    return response
