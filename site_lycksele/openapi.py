"""/api/v2/openapi.json: an OpenAPI 3 description generated from the registered endpoints."""

from django.conf import settings
from django.http import JsonResponse
from django.views.decorators.http import require_GET

from site_lycksele.api import IMAGE_RENDITIONS, PagesEndpoint, api_router

ERROR = {"$ref": "#/components/schemas/Error"}
ITEM = {"$ref": "#/components/schemas/Item"}


def _parameter(name, description, schema=None):
    return {
        "name": name,
        "in": "query",
        "required": False,
        "description": description,
        "schema": schema or {"type": "string"},
    }


def _listing_parameters(endpoint):
    parameters = [
        _parameter(
            "limit",
            "Antal poster (högst WAGTAILAPI_LIMIT_MAX).",
            {"type": "integer", "minimum": 0, "maximum": settings.WAGTAILAPI_LIMIT_MAX},
        ),
        _parameter("offset", "Hoppa över så många poster.", {"type": "integer", "minimum": 0}),
        _parameter("fields", "Fält att ta med, t.ex. `title,lead` eller `*`; `-fält` tar bort ett fält."),
        _parameter("order", "Sortering på ett fält, `-fält` för fallande, eller `random`."),
        _parameter("search", "Fritextsökning (svenska, via sökmotorn)."),
        _parameter("search_operator", "Hur sökorden kombineras.", {"type": "string", "enum": ["and", "or"]}),
    ]
    if endpoint.filter_field("year"):
        parameters.append(
            _parameter(
                "year",
                f"Endast poster från året (fält `{endpoint.filter_field('year')}`).",
                {"type": "string", "pattern": "^[0-9]{4}$"},
            )
        )
    if endpoint.filter_field("tag"):
        parameters.append(
            _parameter(
                "tag", "Endast sidor med etiketten (kräver en sidtyp med etiketter, t.ex. `type=home.NewsPage`)."
            )
        )
    if issubclass(endpoint, PagesEndpoint):
        parameters += [
            _parameter("type", "Sidtyp, t.ex. `home.NewsPage`."),
            _parameter("child_of", "Endast barn till sidan med detta id (eller `root`)."),
            _parameter("descendant_of", "Endast sidor under sidan med detta id (eller `root`)."),
        ]
    return parameters


def _responses(ok_description, ok_schema, not_found=False):
    responses = {
        "200": {"description": ok_description, "content": {"application/json": {"schema": ok_schema}}},
        "400": {"description": "Felaktig parameter.", "content": {"application/json": {"schema": ERROR}}},
    }
    if not_found:
        responses["404"] = {
            "description": "Finns inte (eller är inte publik). Ett id som inte är ett heltal ger sajtens 404-sida.",
            "content": {"application/json": {"schema": ERROR}, "text/html": {"schema": {"type": "string"}}},
        }
    return responses


def build_document():
    paths = {}
    for name, endpoint in api_router._endpoints.items():
        listing = {
            "type": "object",
            "required": ["meta", "items"],
            "properties": {
                "meta": {
                    "type": "object",
                    "required": ["total_count"],
                    "properties": {"total_count": {"type": "integer", "minimum": 0}},
                },
                "items": {"type": "array", "items": ITEM},
            },
        }
        paths[f"/api/v2/{name}/"] = {
            "get": {
                "operationId": f"list_{name.replace('-', '_')}",
                "summary": f"Lista: {name}",
                "parameters": _listing_parameters(endpoint),
                "responses": _responses("En sida poster.", listing),
            }
        }
        paths[f"/api/v2/{name}/{{id}}/"] = {
            "get": {
                "operationId": f"detail_{name.replace('-', '_')}",
                "summary": f"En post: {name}",
                "parameters": [
                    {"name": "id", "in": "path", "required": True, "schema": {"type": "integer", "minimum": 1}},
                    _parameter("fields", "Fält att ta med eller ta bort."),
                ],
                "responses": _responses("Posten.", ITEM, not_found=True),
            }
        }
    rendition = {
        "type": "object",
        "properties": {
            "url": {"type": "string"},
            "full_url": {"type": "string"},
            "width": {"type": "integer"},
            "height": {"type": "integer"},
            "alt": {"type": "string"},
        },
    }
    return {
        "openapi": "3.0.3",
        "info": {
            "title": "Samordningsförbundet Lycksele – öppet API",
            "version": "2",
            "description": "Publikt, läsbart innehåll: sidor, bilder, dokument, pressmeddelanden och aktiviteter. "
            f"Bildstorlekar: {', '.join(f'{key} ({spec})' for key, spec in IMAGE_RENDITIONS.items())}.",
        },
        "servers": [{"url": settings.WAGTAILAPI_BASE_URL}],
        "paths": paths,
        "components": {
            "schemas": {
                "Error": {"type": "object", "required": ["message"], "properties": {"message": {"type": "string"}}},
                "Rendition": rendition,
                "Item": {
                    "type": "object",
                    "required": ["id", "meta"],
                    "properties": {
                        "id": {"type": "integer"},
                        "meta": {
                            "type": "object",
                            "properties": {"type": {"type": "string"}, "detail_url": {"type": "string"}},
                        },
                        "title": {"type": "string"},
                        "public_url": {
                            "type": "string",
                            "nullable": True,
                            "description": "Postens adress på webbplatsen (pressmeddelanden och aktiviteter); "
                            "null när sidan som visar den saknas.",
                        },
                    },
                    "additionalProperties": True,
                },
            }
        },
    }


@require_GET
def openapi_view(request):
    response = JsonResponse(build_document(), json_dumps_params={"ensure_ascii": False})
    response["Cache-Control"] = "public, max-age=300"
    return response
