#!/usr/bin/env sh
# A random password for each Kafka principal of docker-compose.yml, into .env beside it (mode 600;
# docker compose reads it). Leaves an existing .env alone: delete it to draw new passwords (then
# recreate the kafka volume too: the SCRAM users are created once, by kafka-users).
set -eu
cd "$(dirname "$0")/.."
if [ -e .env ]; then
  echo ".env exists; keeping its passwords" >&2
  exit 0
fi
umask 077
for user in ADMIN SCENARIO_DRIVER RECORDER REPLAY CUSTODY_BOOKING FINGERPRINT_MATCH STATUS_CHECK REFERRAL_EXCHANGE; do
  printf 'NEXUS_%s_PASSWORD=%s\n' "$user" "$(python3 -c 'import secrets; print(secrets.token_urlsafe(24))')"
done > .env
echo "wrote .env (mode 600): a password per principal" >&2
