#!/usr/bin/env bash
# Build the platform image (web + judge workers) and, with --offline, PostgreSQL/Redis images from Debian's
# packages, for machines that reach no container registry. Usage: deploy/build-images.sh [--offline]
# (APP_IMAGE and SERVICES_IMAGE name the images; bench/scaled.py builds its own names this way)
set -euo pipefail
cd "$(dirname "$0")/.."
offline=0
[ "${1:-}" = "--offline" ] && offline=1
APP_IMAGE=${APP_IMAGE:-assessment-app:latest}
SERVICES_IMAGE=${SERVICES_IMAGE:-assessment-services:bookworm}
DEPLOY_BASE=assessment-deploy-base:bookworm

base_arg=()
if [ "$offline" = 1 ]; then
  if ! docker image inspect "$DEPLOY_BASE" >/dev/null 2>&1; then
    mirror=$(awk '/^URIs:/ {print $2; exit}' /etc/apt/sources.list.d/debian.sources 2>/dev/null || true)
    mirror=${mirror:-http://deb.debian.org/debian}
    rootfs=$(mktemp -d /var/tmp/assessment-deploy-rootfs.XXXXXX)
    trap 'rm -rf "$rootfs"' EXIT
    echo "debootstrap bookworm from $mirror"
    debootstrap --variant=minbase --include=python3,python3-venv,ca-certificates,postgresql,redis-server \
      bookworm "$rootfs" "$mirror" >/dev/null
    rm -rf "$rootfs"/var/cache/apt/archives/*.deb "$rootfs"/var/lib/apt/lists/* "$rootfs"/usr/share/doc "$rootfs"/usr/share/man
    tar -C "$rootfs" -c . | docker import -c 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin LANG=C.UTF-8' - "$DEPLOY_BASE"
  fi
  base_arg=(--build-arg "BASE_IMAGE=$DEPLOY_BASE")
fi

context=$(mktemp -d /var/tmp/assessment-deploy-context.XXXXXX)
trap 'rm -rf "$context" ${rootfs:-}' EXIT
mkdir -p "$context/wheels" "$context/deploy"
# The platform's own wheel (built from this checkout, without output left by earlier builds) and every dependency's.
rm -rf build ./*.egg-info
# async-timeout: redis needs it on Debian's Python 3.11.2 (the host may run a newer 3.11)
python3 -m pip wheel -q --disable-pip-version-check --wheel-dir "$context/wheels" '.[scale]' 'async-timeout>=4.0.3'
cp -r problems "$context/"
find "$context" -name __pycache__ -prune -exec rm -rf {} +
cp deploy/entrypoint.sh deploy/services-entrypoint.sh "$context/deploy/"
docker build -q -f deploy/Dockerfile "${base_arg[@]}" -t "$APP_IMAGE" "$context"
if [ "$offline" = 1 ]; then
  docker build -q -f deploy/services.Dockerfile --build-arg "BASE_IMAGE=$DEPLOY_BASE" -t "$SERVICES_IMAGE" "$context"
  echo "offline: set POSTGRES_IMAGE=$SERVICES_IMAGE REDIS_IMAGE=$SERVICES_IMAGE for docker compose"
fi
echo "built $APP_IMAGE"
