#!/usr/bin/env bash
# Online backup of the embedded default (H2) while the app runs: asks the app for one
# (POST /api/admin/backup: H2's BACKUP TO plus the shared keys folder, one zip under
# vanthu.backup-dir) and prints where it is. For cron, e.g. nightly at 02:00:
#   0 2 * * *  VANTHU_ADMIN_PASSWORD=... /opt/vanthu/scripts/backup-h2.sh >> /var/log/vanthu-backup.log 2>&1
# Then copy the zip off the machine. Restore: docs/operations.md, "Backups".
# usage: VANTHU_ADMIN_PASSWORD=... scripts/backup-h2.sh [url=http://localhost:8080] [admin user=admin]
set -euo pipefail
URL=${1:-${VANTHU_URL:-http://localhost:8080}}
ADMIN=${2:-${VANTHU_ADMIN_USER:-admin}}
: "${VANTHU_ADMIN_PASSWORD:?set VANTHU_ADMIN_PASSWORD (password of the administrator)}"
# the password goes through a config on stdin, never on the command line (ps would show it)
printf 'user = "%s:%s"\n' "$ADMIN" "$VANTHU_ADMIN_PASSWORD" \
  | curl -sS --fail-with-body -K - -X POST -H 'Accept: application/json' "$URL/api/admin/backup"
echo
