# The web UI, built once; only its static files reach the app image.
FROM node:24-slim AS web
WORKDIR /web
COPY web/package.json web/package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY web/ ./
RUN npm run build

FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1
WORKDIR /app

# A regular install: the package `boxoffice` (migrations included) goes into site-packages and
# the sources are removed again; only the built UI stays beside it.
COPY pyproject.toml README.md LICENSE ./
COPY src ./src
COPY migrations ./migrations
RUN pip install . && rm -rf src migrations build && useradd --create-home boxoffice
COPY --from=web /web/dist ./web/dist
ENV BOXOFFICE_WEB_DIR=/app/web/dist
USER boxoffice

EXPOSE 8000
HEALTHCHECK --interval=10s --timeout=3s --retries=5 \
  CMD python -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/ready')"
# `exec`: the server replaces the shell as PID 1 and receives SIGTERM itself, so a stopping
# container drains its requests (dash would otherwise keep the shell as PID 1 and the server
# would be killed after the grace period). db upgrade is safe with several containers at once.
CMD ["sh", "-c", "boxoffice db upgrade && exec boxoffice serve --host 0.0.0.0 --port 8000 --workers \"${BOXOFFICE_WORKERS:-2}\""]
