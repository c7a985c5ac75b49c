#!/usr/bin/env bash
# The README's walk-through ("Taking a document through, with the REST API") as one script: a Giấy mời
# drafted, submitted, approved and signed, then its PDF, the register and the public list. Dates are
# computed (the meeting 10 days from today) and ids taken from the answers, so it runs on any day
# against a fresh or a used database. Needs curl and jq.
#   scripts/try-it.sh [base-url]        (default http://localhost:8080)
set -euo pipefail
BASE="${1:-http://localhost:8080}"
DAY="$(date -d '+10 days' +%Y-%m-%d)"
YEAR="$(date +%Y)"
json() { curl -sS --fail-with-body -H 'Content-Type: application/json' "$@"; }
# the open task of this kind for the document, from GET /api/tasks
task() { curl -sS --fail-with-body -u "$1:demo" "$BASE/api/tasks" \
           | jq -r --argjson doc "$2" --arg kind "$3" '.[] | select(.documentId == $doc and .kind == $kind) | .id' | head -n1; }

# 1. the drafter writes a Giấy mời (meeting times are ISO-8601 with offset) and submits it
ID="$(json -u chuyenvien:demo "$BASE/api/documents" -d '{
  "type": "GM", "title": "Hội nghị sơ kết công tác tuyên giáo 6 tháng",
  "body": "# 1. Nội dung\nĐánh giá kết quả 6 tháng đầu năm.\nTriển khai nhiệm vụ 6 tháng cuối năm.",
  "recipients": [{"name": "Ban Tuyên giáo", "email": "tuyengiao@example.vn"}],
  "signer": "bithu",
  "meeting": {"start": "'"$DAY"'T08:00:00+07:00", "end": "'"$DAY"'T11:00:00+07:00",
              "location": "Hội trường Đảng ủy Khối", "chair": "Đồng chí Bí thư"}}' | jq -r .id)"
echo "draft $ID, meeting on $DAY"
json -u chuyenvien:demo -X POST "$BASE/api/documents/$ID/submit" -d '{}' | jq -r '"submitted: " + .status'
# 2. the reviewer approves
REVIEW="$(task chanhvanphong "$ID" review)"
json -u chanhvanphong:demo "$BASE/api/tasks/$REVIEW/complete" -d '{"decision": "approve"}' | jq -r '"reviewed: " + .status'
# 3. the signer signs with the PIN of his key (demo signers: "demo"): ISSUED, with its number
SIGN="$(task bithu "$ID" sign)"
json -u bithu:demo "$BASE/api/tasks/$SIGN/complete" -d '{"decision": "sign", "pin": "demo"}' \
  | jq -r '"signed: " + .status + " " + (.number // "")'
# 4. the signed PDF, the register, the public list
curl -sS --fail-with-body -u vanthu:demo "$BASE/api/documents/$ID/pdf" -o "van-ban-$ID.pdf"
echo "PDF: van-ban-$ID.pdf ($(wc -c < "van-ban-$ID.pdf") bytes)"
curl -sS --fail-with-body -u vanthu:demo "$BASE/api/register?type=GM&year=$YEAR" | jq -r '.[-1] | "register: " + .number'
curl -sS --fail-with-body "$BASE/api/public/notices" | jq -r 'length | "public notices: \(.)"'
# 5. the caller's home page counts
curl -sS --fail-with-body -u bithu:demo "$BASE/api/me/summary" | jq -c .
