# Regioatlas web and worker image (docker-compose.yml runs it as `web` and `worker`).

# The front end's libraries (Leaflet, Leaflet.VectorGrid) from package-lock.json, runtime only:
# collectstatic reads them from node_modules (STATICFILES_DIRS; docs/adr/0004).
FROM node:20-bookworm-slim AS frontend
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund

FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PIP_NO_CACHE_DIR=1

# GeoDjango needs GDAL, GEOS and PROJ at run time; psql is handy for `manage.py dbshell`.
RUN apt-get update \
    && apt-get install -y --no-install-recommends \
        gdal-bin libgdal32 libgeos-c1v5 libproj25 postgresql-client \
    && rm -rf /var/lib/apt/lists/*

WORKDIR /app
# Runtime dependencies only: no pytest, Playwright or schemathesis in the image.
COPY requirements/base.txt requirements/base.txt
RUN pip install -r requirements/base.txt

COPY . .
COPY --from=frontend /app/node_modules ./node_modules
RUN DJANGO_SETTINGS_MODULE=regioatlas.settings.local DJANGO_SECRET_KEY=collectstatic-only \
        python manage.py collectstatic --noinput -v 0 \
    && useradd --system --home-dir /app --shell /usr/sbin/nologin regioatlas \
    && mkdir -p /app/media /app/var \
    && chown -R regioatlas /app/media /app/var
USER regioatlas

EXPOSE 8000
CMD ["gunicorn", "regioatlas.wsgi:application", "--config", "gunicorn.conf.py"]
