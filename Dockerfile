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

COPY pyproject.toml README.md ./
COPY src ./src
COPY migrations ./migrations
COPY --from=web /web/dist ./web/dist
# Editable, so the CLI finds migrations/ next to src/.
RUN pip install -e . && useradd --create-home boxoffice
USER boxoffice

EXPOSE 8000
HEALTHCHECK --interval=10s --timeout=3s --retries=5 \
  CMD python -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/ready')"
# `exec`: the server replaces the shell as PID 1 and receives SIGTERM itself, so a stopping
# container drains its requests (dash would otherwise keep the shell as PID 1 and the server
# would be killed after the grace period). db upgrade is safe with several containers at once.
CMD ["sh", "-c", "boxoffice db upgrade && exec boxoffice serve --host 0.0.0.0 --port 8000 --workers \"${BOXOFFICE_WORKERS:-2}\""]
