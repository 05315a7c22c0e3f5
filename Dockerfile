# syntax=docker/dockerfile:1
# Qualibot image: multi-stage, slim, non-root. Configuration comes from the environment;
# the database is migrated at start-up (qualibot run applies pending migrations, one instance
# at a time on PostgreSQL). CI runs this file's install steps in a fresh virtual environment
# (.ci/check-image) and lints it with hadolint.

FROM python:3.11-slim AS build
WORKDIR /src
ENV PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1
COPY pyproject.toml README.md ./
COPY scripts/constraints.txt scripts/constraints.txt
COPY bot/ bot/
RUN python -m venv /opt/venv \
    && /opt/venv/bin/pip install -c scripts/constraints.txt .

FROM python:3.11-slim AS runtime
ENV PATH=/opt/venv/bin:$PATH \
    PYTHONUNBUFFERED=1 \
    PYTHONDONTWRITEBYTECODE=1 \
    KNOWLEDGE_DIR=/app/knowledge \
    QUALIBOT_MIGRATIONS_DIR=/app/migrations \
    DATABASE_URL=sqlite+aiosqlite:////data/qualibot.sqlite3 \
    WEBHOOK_PORT=8080 \
    HEALTH_PORT=8081 \
    MPLCONFIGDIR=/tmp/matplotlib \
    MALLOC_ARENA_MAX=2
RUN useradd --system --uid 10001 --no-create-home --home-dir /app \
        --shell /usr/sbin/nologin qualibot \
    && mkdir -p /data \
    && chown 10001 /data
WORKDIR /app
COPY --from=build /opt/venv /opt/venv
COPY knowledge/ knowledge/
COPY migrations/ migrations/
USER 10001
VOLUME ["/data"]
EXPOSE 8080 8081
STOPSIGNAL SIGTERM
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
    CMD ["python", "-c", "import os,urllib.request,sys; sys.exit(0 if urllib.request.urlopen('http://127.0.0.1:%s/health' % os.environ.get('HEALTH_PORT','8081'), timeout=4).status == 200 else 1)"]
ENTRYPOINT ["qualibot"]
CMD ["run", "--webhook"]
