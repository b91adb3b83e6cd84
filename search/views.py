"""The search page at /sok/ and the suggestions behind its autocomplete."""

from django.http import JsonResponse
from django.template.response import TemplateResponse
from django.views.decorators.http import require_GET

from search import engine


@require_GET
def search(request):
    query = engine.clean_query(request.GET.get("q", ""))
    outcome = engine.run_search(query, request.GET.get("typ") or None, request.GET.get("sida"), request)
    if query and request.GET.get("sida", "1") == "1" and not outcome.type:
        engine.log_query(query)
    return TemplateResponse(
        request,
        "search/search.html",
        {
            "search": outcome,
            "suggested_queries": engine.suggested_queries() if query and not outcome.total else [],
        },
    )


@require_GET
def suggestions(request):
    query = engine.clean_query(request.GET.get("q", ""))
    response = JsonResponse({"query": query, "suggestions": engine.autocomplete(query) if len(query) >= 2 else []})
    response["Cache-Control"] = "public, max-age=60"
    return response
