#!/bin/sh
# The image's entry point: tipline's command line (serve, migrate, keys, ...), on the JVM
# options of the image (JAVA_OPTS) and its trained AOT cache.
#
# tipline reads its keyset and passphrase from files itself (TIPLINE_OFFICE_KEYSET,
# TIPLINE_OFFICE_KEY_PASSPHRASE_FILE, TIPLINE_OFFICE_PUBLIC_KEYSET). The database passwords
# are settings, not files: for those, NAME_FILE names a file (a compose secret, a mounted
# Kubernetes Secret) whose content becomes NAME for tipline's process only, as the
# PostgreSQL image does with POSTGRES_PASSWORD_FILE. One trailing line break is dropped.
set -eu
for name in QUARKUS_DATASOURCE_PASSWORD QUARKUS_FLYWAY_PASSWORD; do
    eval "file=\${${name}_FILE:-}"
    if [ -n "$file" ]; then
        if [ ! -r "$file" ]; then
            echo "tipline: ${name}_FILE names $file, which cannot be read" >&2
            exit 2
        fi
        value="$(cat "$file")"
        export "$name=$value"
        unset "${name}_FILE"
    fi
done
# shellcheck disable=SC2086 # JAVA_OPTS holds several words on purpose
exec java -XX:AOTCache=/app/tipline.aot $JAVA_OPTS -jar /app/quarkus-run.jar "$@"
