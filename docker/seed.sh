#!/bin/sh
# One-shot seeding of the Docker demo, run by the `seed` service once Keycloak is healthy:
# points the demo realm's mail at Mailpit, then imports the demo organization's owner and
# administrators (docker/demo-backoffice.json) through the product's realm import (R-DATA-3).
# Both steps set values, so running it again changes nothing.
set -eu
KC=http://keycloak:8080
TOKEN=$(curl -fsS -d grant_type=password -d client_id=admin-cli -d username=admin -d password=admin \
  "$KC/realms/master/protocol/openid-connect/token" | sed -E 's/.*"access_token":"([^"]+)".*/\1/')
curl -fsS -X PUT -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
  -d '{"smtpServer":{"host":"mailpit","port":"1025","from":"noreply@demo-rec.example","fromDisplayName":"Demo Rec"}}' \
  "$KC/admin/realms/demo"
curl -fsS -X POST -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
  --data-binary @/seed/demo-backoffice.json "$KC/admin/realms/demo/backoffice/import"
echo
echo "Demo seeded: http://localhost:8080/admin (admin / admin), mail at http://localhost:8025"
