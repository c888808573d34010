# PostgreSQL and Redis from Debian's packages, for machines without a registry (the compose file defaults to the
# official postgres and redis images; deploy/build-images.sh --offline points it at these instead).
ARG BASE_IMAGE=assessment-deploy-base:bookworm
FROM ${BASE_IMAGE}
COPY deploy/services-entrypoint.sh /usr/local/bin/services-entrypoint
ENTRYPOINT ["/usr/local/bin/services-entrypoint"]
