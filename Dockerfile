# Production image: gunicorn + whitenoise for web; the same image runs worker and beat.
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1
RUN apt-get update \
 && apt-get install -y --no-install-recommends libpango-1.0-0 libpangoft2-1.0-0 \
    libharfbuzz-subset0 fonts-dejavu-core fonts-liberation postgresql-client xmlsec1 \
 && rm -rf /var/lib/apt/lists/*

WORKDIR /app
COPY pyproject.toml constraints.txt ./
# Installing the project itself pulls in its pinned dependencies (no packages of its own).
RUN pip install -c constraints.txt .
COPY . .
RUN useradd --system --home /app remiss && mkdir -p /data/media && chown -R remiss /data /app
USER remiss
ENV REMISS_VAR_DIR=/data MEDIA_ROOT=/data/media
RUN DEBUG=1 python manage.py collectstatic --noinput -v0
EXPOSE 8000
CMD ["gunicorn", "remiss.wsgi:application", "--config", "python:remiss.gunicorn_conf", "--bind", "0.0.0.0:8000", "--workers", "3", "--access-logfile", "-"]
