# The edge cache between nginx (TLS) and gunicorn: docs/operations.md "Edge cache".
#
# It stores only what the site marks shareable: a 200 whose Cache-Control has s-maxage and
# neither private nor no-store, that sets no cookie (site_lycksele.edge). A request with a
# session or messages cookie, an Authorization header, a method other than GET/HEAD, or for
# /admin/ always goes to the site. Publishing purges (PURGE <path>: every query variant of the
# path on that host), a deploy bans everything (BAN with X-Ban-Scope: all), a menu or settings
# change bans the host (BAN). Only the web processes may purge: nginx refuses those methods
# and sets X-Forwarded-For, which a purge must not carry. Tests: tests/edge/.
vcl 4.1;

include "backend.vcl";

acl purgers {
    "127.0.0.1";
    "::1";
    "10.0.0.0"/8;
    "172.16.0.0"/12;
    "192.168.0.0"/16;
}

sub vcl_recv {
    # One id per request, in the site's log lines and on the response, hit or miss: the one nginx
    # gave it if sane (as the site keeps it, site_lycksele.observability), else Varnish's own.
    if (req.http.X-Request-ID !~ "^[A-Za-z0-9_.:@-]{1,128}$") {
        set req.http.X-Request-ID = req.xid;
    }
    if (req.method == "PURGE" || req.method == "BAN") {
        # Varnish appends the client to X-Forwarded-For: a comma means a proxy (nginx) forwarded it.
        if (client.ip !~ purgers || req.http.X-Forwarded-For ~ ",") {
            return (synth(405, "Not allowed"));
        }
        if (req.method == "BAN" && req.http.X-Ban-Scope == "all") {
            ban("obj.status != 0");
        } elsif (req.method == "BAN") {
            ban("obj.http.x-edge-host == " + req.http.host);
        } else {
            ban("obj.http.x-edge-host == " + req.http.host + " && obj.http.x-edge-url ~ ^"
                + regsuball(regsub(req.url, "\?.*$", ""), "([.+*?()\[\]{}|^$\\])", "\\\1") + "(\?|$)");
        }
        return (synth(200, "Purged"));
    }
    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }
    if (req.url ~ "^/admin/" || req.http.Authorization) {
        return (pass);
    }
    if (req.http.Cookie ~ "(^|;\s*)(sessionid|messages)=") {
        return (pass);
    }
    # Shareable responses do not depend on cookies (a form's CSRF cookie comes with its page,
    # which is never stored), and the hash stays one per address.
    unset req.http.Cookie;
    return (hash);
}

sub vcl_backend_response {
    # For the bans, which the ban lurker tests against stored objects (not requests).
    set beresp.http.x-edge-url = bereq.url;
    set beresp.http.x-edge-host = bereq.http.host;
    # The request id belongs to the request that filled the cache, the page cache's state to the
    # site: a stored copy carries neither (vcl_deliver gives each response its request's id).
    unset beresp.http.X-Request-ID;
    unset beresp.http.X-Page-Cache;
    if (beresp.status != 200 || beresp.http.Set-Cookie
        || beresp.http.Cache-Control !~ "s-maxage" || beresp.http.Cache-Control ~ "(private|no-store|no-cache)") {
        # Not stored: remember for a short while to go straight to the site (hit-for-miss).
        set beresp.uncacheable = true;
        set beresp.ttl = 30s;
        return (deliver);
    }
    # Served for a short while past its TTL while a fresh copy is fetched, never past a purge.
    set beresp.grace = 30s;
    return (deliver);
}

sub vcl_deliver {
    unset resp.http.x-edge-url;
    unset resp.http.x-edge-host;
    unset resp.http.Via;
    set resp.http.X-Request-ID = req.http.X-Request-ID;
    if (obj.hits > 0) {
        set resp.http.X-Edge-Cache = "hit";
    } else {
        set resp.http.X-Edge-Cache = "miss";
    }
}
