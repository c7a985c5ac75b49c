#!/usr/bin/env bash
# Crash test of distribution (issue 5): a Giấy mời to N recipients, the app killed with kill -9
# partway through the fan-out, restarted on the same data folder. Prints how long after the
# restart every recipient had an email, and how many got two.
# usage: scripts/crash-restart.sh [N=200]   (needs the jar: ./mvnw -q package -DskipTests)
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-200}
DATA=$(mktemp -d /tmp/vanthu-crash.XXXX)
SINK_LOG=$DATA/received.txt
SMTP_PORT=2525
APP_PORT=8089
JAR=$(ls target/vanthu-*.jar | grep -v original | head -1)
touch "$SINK_LOG"

python3 scripts/smtp-sink.py $SMTP_PORT "$SINK_LOG" 0.03 2>/dev/null &
SINK=$!
trap 'kill $SINK 2>/dev/null || true; kill -9 $APP 2>/dev/null || true' EXIT

start_app() {
  java -jar "$JAR" --server.port=$APP_PORT --vanthu.data-dir="$DATA" \
    --spring.mail.host=127.0.0.1 --spring.mail.port=$SMTP_PORT > "$DATA/app-$1.log" 2>&1 &
  APP=$!
  until curl -sf -o /dev/null -u vanthu:demo "localhost:$APP_PORT/api/tasks"; do sleep 0.5; done
}

start_app 1
recipients=$(python3 -c "import json; print(json.dumps([{'name': f'Người nhận {i}', 'email': f'r{i}@crash.example.vn'} for i in range($N)]))")
start=$(date -u -d '+10 days' +%Y-%m-%dT08:00:00+07:00); end=$(date -u -d '+10 days' +%Y-%m-%dT11:00:00+07:00)
id=$(curl -sf -u chuyenvien:demo -H 'Content-Type: application/json' "localhost:$APP_PORT/api/documents" -d "{
  \"type\":\"GM\",\"title\":\"Thử sập giữa chừng\",\"body\":\"Nội dung\",\"signer\":\"bithu\",\"recipients\":$recipients,
  \"meeting\":{\"start\":\"$start\",\"end\":\"$end\",\"location\":\"Hội trường\"}}" | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
curl -sf -u chuyenvien:demo -X POST "localhost:$APP_PORT/api/documents/$id/submit" > /dev/null
task() { curl -sf -u "$1" "localhost:$APP_PORT/api/tasks" | python3 -c "import json,sys; print([t['id'] for t in json.load(sys.stdin) if t['documentId']==$id][0])"; }
curl -sf -u chanhvanphong:demo -H 'Content-Type: application/json' "localhost:$APP_PORT/api/tasks/$(task chanhvanphong:demo)/complete" -d '{"decision":"approve"}' > /dev/null
curl -sf -u bithu:demo -H 'Content-Type: application/json' "localhost:$APP_PORT/api/tasks/$(task bithu:demo)/complete" -d '{"decision":"sign"}' > /dev/null

# wait for part of the fan-out, then kill the app without warning
until [ "$(wc -l < "$SINK_LOG")" -ge $((N / 4)) ]; do sleep 0.05; done
kill -9 $APP; wait $APP 2>/dev/null || true
before=$(sort -u "$SINK_LOG" | wc -l)
echo "killed with $before of $N recipients reached"

restart=$(date +%s.%N)
start_app 2
up=$(date +%s.%N)
until [ "$(sort -u "$SINK_LOG" | wc -l)" -ge "$N" ]; do
  sleep 0.2
  if (( $(echo "$(date +%s.%N) - $restart > 300" | bc) )); then echo "not all reached after 300 s"; break; fi
done
done_at=$(date +%s.%N)
sleep 3
total=$(wc -l < "$SINK_LOG"); distinct=$(sort -u "$SINK_LOG" | wc -l)
printf 'restart to ready: %.1f s; restart to all %d reached: %.1f s; emails %d, distinct %d, duplicates %d\n' \
  "$(echo "$up - $restart" | bc)" "$distinct" "$(echo "$done_at - $restart" | bc)" "$total" "$distinct" $((total - distinct))
