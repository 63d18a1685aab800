#!/usr/bin/env bash
# Builds the provider JARs, fetches the stock Keycloak distribution from Maven Central, deploys the JARs,
# imports the demo realm and starts Keycloak on http://localhost:8080 (embedded dev-file database).
# Needs JDK 17 and Maven. Port: DEV_PORT=8081 ./dev.sh
set -euo pipefail
cd "$(dirname "$0")"
echo "[dev] Building the providers and preparing Keycloak (first run downloads ~170 MB from Maven Central)..."
mvn -B -q -DskipTests verify
version=$(sed -n "s:.*<keycloak.server.version>\(.*\)</keycloak.server.version>.*:\1:p" pom.xml)
echo "[dev] Starting Keycloak ${version} with the demo realm..."
exec java -Dkeycloak.server.version="${version}" -Ddev.port="${DEV_PORT:-8080}" \
  -cp "integration-tests/target/classes:$(cat integration-tests/target/dev-server.classpath)" \
  io.backoffice.keycloak.testing.DevServer "$(pwd)"
