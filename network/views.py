"""Public pages of the network: signup, confirmation, unsubscribe and "manage my subscriptions".

Every page reached through a personal link reads a signed token; a tampered,
expired or used link changes nothing and explains itself in Swedish.
"""

import json

from django.core import signing
from django.http import HttpResponse, HttpResponseNotAllowed, QueryDict
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from network import conf, gdpr, signup
from network.forms import RELEASES_AND_NEWS, EraseForm, ManageForm, MediaSignupForm, SignupForm
from network.models import MailingList, Organisation, Subscriber
from network.ratelimit import allow, client_ip
from network.tokens import read_token

INVALID = "invalid"
EXPIRED = "expired"
USED = "used"

LINK_PROBLEMS = {
    INVALID: (
        400,
        _("Länken fungerar inte"),
        _("Länken är ofullständig eller har ändrats. Kopiera hela länken från e-postmeddelandet och försök igen."),
    ),
    EXPIRED: (
        410,
        _("Länken har gått ut"),
        _("Bekräftelselänken gäller i 48 timmar. Anmäl dig igen så skickar vi en ny länk."),
    ),
    USED: (
        410,
        _("Länken är redan använd"),
        _("Din anmälan är redan bekräftad. Du behöver inte göra något mer."),
    ),
}


def _private(response):
    """Personal pages are never cached, indexed or leaked through the Referer header."""
    response["Referrer-Policy"] = "no-referrer"
    response["X-Robots-Tag"] = "noindex"
    return response


def _subscriber(request, token, purpose, max_age=None):
    """The subscriber a token was made for, or (None, problem).

    A link works only on its association's own host: a subscriber of A is unknown on B's.
    """
    try:
        subscriber = read_token(token, purpose, max_age=max_age)
    except signing.SignatureExpired:
        return None, EXPIRED
    except (signing.BadSignature, Subscriber.DoesNotExist, ValueError, TypeError):
        return None, INVALID
    if subscriber is None or subscriber.association_id != request.association.pk:
        return None, INVALID
    return subscriber, None


def _link_problem(request, problem):
    status, title, message = LINK_PROBLEMS[problem]
    response = render(request, "network/link_problem.html", {"title": title, "message": message}, status=status)
    return _private(response)


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def signup_view(request):
    """Intresseanmälan. The response never tells whether the address was known before."""
    association = request.association
    initial = {"source": request.GET.get(signup.SOURCE_PARAMETER, "")}
    form = SignupForm(request.POST if request.method == "POST" else None, initial=initial, association=association)
    status = 200
    if request.method == "POST":
        limit = conf.get("NETWORK_SIGNUP_RATE_LIMIT")
        window = conf.get("NETWORK_SIGNUP_RATE_WINDOW")
        ip = client_ip(request)
        if not allow("signup", ip, limit, window):
            form = SignupForm(association=association)
            status = 429
        elif form.is_valid():
            if not form.is_bot:
                data = form.cleaned_data
                signup.register(
                    association=association,
                    email=data["email"],
                    name=data["name"],
                    organisation=data["organisation"],
                    lists=data["lists"],
                    consent_text=form.consent_text,
                    ip=ip,
                    source=data["source"] or signup.SIGNUP_SOURCE,
                )
            return redirect("network:signup_done")
    return render(request, "network/signup.html", {"form": form, "rate_limited": status == 429}, status=status)


def media_lists(choice, association):
    """``association``'s media list, and its news list for "releases and news"; (lists, held lists)."""
    slugs = [conf.get("NETWORK_MEDIA_LIST")]
    if choice == RELEASES_AND_NEWS:
        slugs.append(conf.get("NETWORK_NEWS_LIST"))
    lists = list(MailingList.objects.filter(association=association, slug__in=slugs))
    return lists, [mailing_list for mailing_list in lists if mailing_list.slug == conf.get("NETWORK_MEDIA_LIST")]


def media_signup_view(request, *, context, done_url):
    """A journalist applies to the media list (press room): double opt-in, then the coordinator accepts.

    ``context`` is the caller's page context (the press room); the response never tells whether the
    address was known before, and is never cached (it carries a CSRF token).
    """
    association = request.association
    form = MediaSignupForm(request.POST if request.method == "POST" else None, association=association)
    status = 200
    if request.method == "POST":
        ip = client_ip(request)
        if not allow("signup", ip, conf.get("NETWORK_SIGNUP_RATE_LIMIT"), conf.get("NETWORK_SIGNUP_RATE_WINDOW")):
            form = MediaSignupForm(association=association)
            status = 429
        elif form.is_valid():
            if not form.is_bot:
                data = form.cleaned_data
                lists, held = media_lists(data["choice"], association)
                signup.register(
                    association=association,
                    email=data["email"],
                    name=data["name"],
                    organisation=Organisation.MEDIA,
                    role=data["outlet"],
                    lists=lists,
                    held=held,
                    consent_text=form.consent_text,
                    ip=ip,
                    source="press",
                )
            return redirect(done_url)
    elif request.method not in ("GET", "HEAD"):
        return HttpResponseNotAllowed(["GET", "HEAD", "POST"])
    context = {**context, "form": form, "rate_limited": status == 429}
    response = render(request, "network/media_signup.html", context, status=status)
    add_never_cache_headers(response)
    return response


def signup_done_view(request):
    return render(request, "network/signup_done.html")


@csrf_exempt
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def confirm_view(request, token):
    """GET shows a button (mail scanners follow links); POST confirms, once, within 48 hours."""
    subscriber, problem = _subscriber(request, token, "confirm", max_age=signup.CONFIRM_MAX_AGE.total_seconds())
    if problem is None and subscriber.is_confirmed:
        problem = USED
    if problem:
        return _link_problem(request, problem)
    if request.method == "POST":
        if not signup.confirm(subscriber):
            return _link_problem(request, USED)
        context = {
            "manage_url": signup.personal_url("network:manage", subscriber, "manage"),
            "awaiting": [s.mailing_list for s in subscriber.subscriptions.filter(awaiting_acceptance=True)],
        }
        return _private(render(request, "network/confirm_done.html", context))
    return _private(render(request, "network/confirm.html", {"subscriber": subscriber}))


def _one_click(request):
    """Whether a POST carries RFC 8058's ``List-Unsubscribe=One-Click`` (form-encoded, or as plain text as some
    mail clients send it)."""
    if request.content_type == "multipart/form-data":
        return request.POST.get("List-Unsubscribe") == "One-Click"
    return QueryDict(request.body).get("List-Unsubscribe") == "One-Click"


@csrf_exempt
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def unsubscribe_view(request, token):
    """RFC 8058 one-click: a POST with the body ``List-Unsubscribe=One-Click`` (no cookies, no CSRF token)
    unsubscribes; GET, or a POST without that body (a link scanner), only shows the page with the button."""
    subscriber, problem = _subscriber(request, token, "unsubscribe")
    if problem:
        return _link_problem(request, problem)
    if request.method == "POST" and _one_click(request):
        signup.unsubscribe_all(subscriber)
        context = {"manage_url": signup.personal_url("network:manage", subscriber, "manage")}
        return _private(render(request, "network/unsubscribe_done.html", context))
    active = subscriber.subscriptions.filter(unsubscribed_at__isnull=True).select_related("mailing_list")
    return _private(render(request, "network/unsubscribe.html", {"subscriber": subscriber, "subscriptions": active}))


def _manage_link_expired(request, token):
    """The link is genuine but old: a POST mails a fresh one to the address it was made for (and only there)."""
    subscriber, problem = _subscriber(request, token, "manage")
    if problem:
        return _link_problem(request, problem)
    sent = False
    if request.method == "POST" and request.POST.get("action") == "new_link":
        signup.send_manage_link(subscriber)
        sent = True
    context = {"sent": sent, "valid_days": int(conf.get("NETWORK_MANAGE_LINK_MAX_AGE") // 86400)}
    return _private(render(request, "network/manage_expired.html", context, status=410))


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def manage_view(request, token):
    """Change lists, download my data as JSON, or erase everything; an expired link offers a fresh one by email."""
    subscriber, problem = _subscriber(request, token, "manage", max_age=conf.get("NETWORK_MANAGE_LINK_MAX_AGE"))
    if problem == EXPIRED:
        return _manage_link_expired(request, token)
    if problem:
        return _link_problem(request, problem)
    queryset = signup.manageable_lists(subscriber).distinct()
    current = subscriber.subscriptions.filter(unsubscribed_at__isnull=True).values_list("mailing_list", flat=True)
    lists_form = ManageForm(queryset=queryset, initial={"lists": list(current)})
    erase_form = EraseForm()
    saved = False
    status = 200
    action = request.POST.get("action")
    if action == "lists":
        lists_form = ManageForm(request.POST, queryset=queryset)
        if lists_form.is_valid():
            signup.set_lists(subscriber, lists_form.cleaned_data["lists"])
            saved = True
        else:
            status = 400
    elif action == "export":
        response = HttpResponse(
            json.dumps(gdpr.export_data(subscriber), ensure_ascii=False, indent=2),
            content_type="application/json; charset=utf-8",
        )
        response["Content-Disposition"] = f'attachment; filename="mina-uppgifter-{timezone.localdate()}.json"'
        return _private(response)
    elif action == "erase":
        erase_form = EraseForm(request.POST)
        if erase_form.is_valid():
            gdpr.erase(subscriber)
            return _private(render(request, "network/erased.html"))
        status = 400
    context = {"subscriber": subscriber, "lists_form": lists_form, "erase_form": erase_form, "saved": saved}
    return _private(render(request, "network/manage.html", context, status=status))
