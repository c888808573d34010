#!/bin/sh
# web: migrations, content sync, then the web processes (`assessment run`, judges elsewhere).  worker: Celery judge
# worker.  Anything else is run as given.
set -e
case "$1" in
  web)
    assessment db upgrade
    assessment sync "${ASSESSMENT_PROBLEMS:-/app/problems}"
    exec assessment run --host 0.0.0.0 --port 8000 --no-judge --no-sync \
      --processes "${WEB_PROCESSES:-2}" --threads "${WEB_THREADS:-8}"
    ;;
  worker)
    exec celery -A assessment.celery_worker worker --loglevel INFO \
      --concurrency "${ASSESSMENT_JUDGE_WORKERS:-2}" --hostname "judge@%h" --without-gossip --without-mingle
    ;;
  *)
    exec "$@"
    ;;
esac
