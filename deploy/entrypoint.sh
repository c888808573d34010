#!/bin/sh
# web: migrations, content sync, then gunicorn.  worker: Celery judge worker.  Anything else is run as given.
set -e
case "$1" in
  web)
    assessment db upgrade
    assessment sync "${ASSESSMENT_PROBLEMS:-/app/problems}"
    exec gunicorn -c python:assessment.gunicorn_conf --bind 0.0.0.0:8000 --workers "${WEB_PROCESSES:-2}" --threads "${WEB_THREADS:-8}" \
      --worker-class gthread --keep-alive "${WEB_KEEPALIVE:-75}" --reuse-port --access-logfile - --timeout 60 'assessment.wsgi:app'
    ;;
  worker)
    exec celery -A assessment.celery_worker worker --loglevel INFO \
      --concurrency "${ASSESSMENT_JUDGE_WORKERS:-2}" --hostname "judge@%h" --without-gossip --without-mingle
    ;;
  *)
    exec "$@"
    ;;
esac
