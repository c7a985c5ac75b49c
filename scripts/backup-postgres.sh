#!/usr/bin/env bash
# Backup of a PostgreSQL installation (one or many nodes): pg_dump of the database in the custom
# format (consistent while the nodes run) and a tar of the shared folder (vanthu.shared-dir: the
# keys, when they are files). Both go to one dated folder.
# usage: PGPASSWORD=... scripts/backup-postgres.sh <target folder> [db=vanthu] [host=localhost] [user=vanthu] [shared dir]
# Restore (docs/operations.md, "Backups"):
#   createdb -O vanthu vanthu_restored && pg_restore --no-owner -d vanthu_restored <folder>/vanthu.dump
#   tar -C <new shared dir> -xzf <folder>/shared.tar.gz
set -euo pipefail
TARGET=${1:?target folder}
DB=${2:-vanthu}
HOST=${3:-localhost}
USER_NAME=${4:-vanthu}
SHARED=${5:-${VANTHU_SHARED_DIR:-}}
DIR="$TARGET/vanthu-$(date -u +%Y%m%d-%H%M%S)"
mkdir -p "$DIR"
pg_dump -h "$HOST" -U "$USER_NAME" -Fc -f "$DIR/vanthu.dump" "$DB"
if [ -n "$SHARED" ]; then
  tar -C "$SHARED" -czf "$DIR/shared.tar.gz" .
fi
echo "$DIR"
