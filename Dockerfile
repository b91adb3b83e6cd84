# Production image: gunicorn serving site_lycksele.wsgi, static files by whitenoise.
# The same image runs the Celery worker and beat (see docker-compose.yml).
# Bookworm: its postgresql-client (15) matches compose's postgres:15 for backup_site/restore_site.
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    DJANGO_SETTINGS_MODULE=site_lycksele.settings.production \
    VAR_DIR=/app/var \
    MEDIA_ROOT=/app/var/media \
    STATIC_ROOT=/app/static \
    PORT=8000 \
    WEB_CONCURRENCY=3

# WeasyPrint (the printed material's PDFs, home.printed) needs Pango, HarfBuzz's subsetter and a font.
RUN apt-get update \
    && apt-get install -y --no-install-recommends postgresql-client \
        libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core \
    && rm -rf /var/lib/apt/lists/*
RUN useradd --system --create-home --uid 1000 --user-group lycksele
WORKDIR /app

# Every dependency pinned with its hashes (requirements.lock, `make lock`).
COPY requirements.lock .
RUN pip install --require-hashes -r requirements.lock

COPY --chown=lycksele:lycksele . .

# collectstatic needs settings but no secrets or services: a throwaway key will do.
RUN SECRET_KEY=collectstatic-only-not-a-secret ALLOWED_HOSTS=localhost \
    python manage.py collectstatic --noinput \
    && mkdir -p /app/var/media \
    && chown -R lycksele:lycksele /app/var /app/static

USER lycksele
EXPOSE 8000
VOLUME ["/app/var"]

# The probe asks for the public host (SITE_URL's), which ALLOWED_HOSTS must name anyway: a bare
# 127.0.0.1 would get 400 from Django's host check.
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
    CMD python -c "import os, sys, urllib.parse, urllib.request as r; r.urlopen(r.Request(sys.argv[1], headers={'Host': urllib.parse.urlsplit(os.environ['SITE_URL']).netloc}), timeout=4)" "http://127.0.0.1:${PORT}/healthz/live"

CMD ["sh", "-c", "python manage.py migrate --noinput && python manage.py init_site && exec gunicorn site_lycksele.wsgi --bind 0.0.0.0:${PORT} --workers ${WEB_CONCURRENCY} --access-logfile - --forwarded-allow-ips '*'"]
