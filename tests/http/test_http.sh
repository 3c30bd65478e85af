#!/bin/sh
# test_http.sh BUILD_DIR SAMPLES_DIR - `amcread serve` over HTTP, with curl.
#
# Starts the service on a free port (--port 0) with a token file made here,
# then checks every answer of the contract (README, "HTTP"): 401 without or
# with a wrong token, 421 for a foreign Host, 413 above 20 MB (announced or
# chunked), 415 for what is not an image or PDF, 422 with the error JSON for a
# damaged file, 400 for a bad date, 404/405, health, a sample read (raw body
# and multipart) with its AMC number, ?date=, ?image=1; then the first-start
# token generation (mode 0600), the refusal of a token file others can read,
# that the log holds no personal value, and the clean stop on SIGTERM.
# Output: "ok N - ..." / "not ok N - ...", then "N passed, N failed".
set -u
BUILD=${1:?usage: test_http.sh BUILD_DIR SAMPLES_DIR}
SAMPLES=${2:?usage: test_http.sh BUILD_DIR SAMPLES_DIR}
BIN=$BUILD/amcread
for t in curl python3; do
    command -v $t >/dev/null 2>&1 || { echo "Bail out! $t is needed"; exit 1; }
done
T=$(mktemp -d "${TMPDIR:-/tmp}/amcread_http.XXXXXX") || exit 1
PID=
cleanup() {
    [ -n "$PID" ] && kill "$PID" 2>/dev/null && wait "$PID" 2>/dev/null
    rm -rf "$T"
}
trap cleanup EXIT
trap 'exit 1' INT TERM

N=0
PASS=0
FAIL=0
check() { # check DESCRIPTION CONDITION...
    d=$1
    shift
    N=$((N + 1))
    if "$@"; then
        PASS=$((PASS + 1))
        echo "ok $N - $d"
    else
        FAIL=$((FAIL + 1))
        echo "not ok $N - $d (status $CODE; body: $(head -c 300 "$T/body" 2>/dev/null))"
    fi
}
# json FILE EXPR: prints EXPR evaluated on the parsed JSON as d
json() { python3 -c "import json,sys; d=json.load(open(sys.argv[1])); print($2)" "$1" 2>/dev/null; }
is() { [ "$1" = "$2" ]; }

# start_server TOKEN_FILE LOG [OPTIONS]: sets PID and PORT
start_server() {
    tf=$1
    log=$2
    shift 2
    "$BIN" serve --port 0 --token-file "$tf" --jobs 2 "$@" 2>"$log" &
    PID=$!
    PORT=
    i=0
    while [ $i -lt 150 ]; do
        PORT=$(sed -n 's|.*listening on http://127.0.0.1:\([0-9]*\)/.*|\1|p' "$log")
        [ -n "$PORT" ] && return 0
        kill -0 "$PID" 2>/dev/null || return 1
        sleep 0.1
        i=$((i + 1))
    done
    return 1
}
stop_server() {
    kill -TERM "$PID"
    wait "$PID"
    STOP_RC=$?
    PID=
}

# req ARGS...: curl, status in CODE, body in $T/body
req() {
    CODE=$(curl -s -o "$T/body" -w '%{http_code}' "$@")
}

TOKEN=0123456789abcdef-http-test
printf '%s\n' "$TOKEN" >"$T/token"
chmod 600 "$T/token"
if ! start_server "$T/token" "$T/serve.log"; then
    echo "Bail out! amcread serve did not start:"
    cat "$T/serve.log"
    exit 1
fi
B=http://127.0.0.1:$PORT
AUTH="Authorization: Bearer $TOKEN"
EXPECTED=$(json "$SAMPLES/sample-000.expected.json" "d['amc']['number']")

req "$B/v1/health"
check "health without token: 401" is "$CODE" 401
check "401 body is the error JSON" is "$(json "$T/body" "d['error']['code']")" token
req -H "Authorization: Bearer wrong-token-0123456789" "$B/v1/health"
check "health with a wrong token: 401" is "$CODE" 401
req -H "Authorization: Basic $TOKEN" "$B/v1/health"
check "token in another scheme than Bearer: 401" is "$CODE" 401
req -H "$AUTH" "$B/v1/health"
check "health with the token: 200" is "$CODE" 200
check "health says ok and the schema" is "$(json "$T/body" "d['status']+' '+d['schema']")" "ok amcread/1"
req -H "$AUTH" -H "Host: evil.example" "$B/v1/health"
check "foreign Host: 421" is "$CODE" 421
req -H "$AUTH" -H "Host: 127.0.0.1.evil.example:$PORT" "$B/v1/health"
check "Host with 127.0.0.1 as a prefix: 421" is "$CODE" 421
req -H "$AUTH" -H "Host: localhost:$PORT" "$B/v1/health"
check "Host localhost:PORT: 200" is "$CODE" 200
req -H "Host: evil.example" "$B/"
check "foreign Host on the page too: 421" is "$CODE" 421
req -X POST -H "$AUTH" "$B/v1/health"
check "POST /v1/health: 405" is "$CODE" 405
req -H "$AUTH" "$B/v1/read"
check "GET /v1/read: 405" is "$CODE" 405
req -H "$AUTH" "$B/v1/nothing"
check "unknown endpoint: 404" is "$CODE" 404
req -H "$AUTH" -X POST -H "Content-Type: image/png" --data-binary @"$SAMPLES/sample-000.png" "$B/v1/nothing"
check "unknown endpoint with a body: 404" is "$CODE" 404
req "$B/nothing"
check "unknown page: 404" is "$CODE" 404

# size limit: announced (Content-Length), and streamed (chunked)
head -c 21000000 /dev/zero >"$T/big"
req -H "$AUTH" -H "Content-Type: application/octet-stream" --data-binary @"$T/big" "$B/v1/read"
check "body over 20 MB (Content-Length): 413" is "$CODE" 413
req -H "$AUTH" -H "Content-Type: application/octet-stream" -H "Transfer-Encoding: chunked" \
    --data-binary @"$T/big" "$B/v1/read"
check "body over 20 MB (chunked): 413" is "$CODE" 413
req -H "$AUTH" -F "file=@$T/big" "$B/v1/read"
check "multipart file over 20 MB: 413" is "$CODE" 413
req -X POST -H "Content-Type: image/png" --data-binary @"$T/big" "$B/v1/read"
check "no token and a big body: 401 first" is "$CODE" 401

# media
req -H "$AUTH" -H "Content-Type: text/plain" --data-binary "hello" "$B/v1/read"
check "Content-Type text/plain: 415" is "$CODE" 415
req -H "$AUTH" --data-binary @"$SAMPLES/sample-000.png" "$B/v1/read"
check "curl's default form type (x-www-form-urlencoded): 415" is "$CODE" 415
printf 'not a scan at all' >"$T/junk.png"
req -H "$AUTH" -H "Content-Type: image/png" --data-binary @"$T/junk.png" "$B/v1/read"
check "an image type but not an image: 415" is "$CODE" 415
req -H "$AUTH" -F "file=@$T/junk.png" "$B/v1/read"
check "multipart with a non-image: 415" is "$CODE" 415
req -H "$AUTH" -H "Content-Type: application/octet-stream" -X POST "$B/v1/read"
check "empty body: 400" is "$CODE" 400
req -H "$AUTH" -F "note=hello" "$B/v1/read"
check "multipart without a file: 400" is "$CODE" 400
head -c 4000 "$SAMPLES/sample-000.png" >"$T/trunc.png"
req -H "$AUTH" -H "Content-Type: image/png" --data-binary @"$T/trunc.png" "$B/v1/read"
check "truncated PNG: 422" is "$CODE" 422
check "422 body: error JSON with code format" is "$(json "$T/body" "d['schema']+' '+d['error']['code']+' '+str(d['error']['status'])")" "amcread/1 format 422"

# reading
req -H "$AUTH" -H "Content-Type: image/png" --data-binary @"$SAMPLES/sample-000.png" \
    "$B/v1/read?date=2024-06-01"
check "read sample-000 (raw body): 200" is "$CODE" 200
check "... the amcread/1 document with its AMC number" \
    is "$(json "$T/body" "d['schema']+' '+d['amc']['number']+' '+d['file']")" "amcread/1 $EXPECTED -"
check "... ?date=2024-06-01 is inside the validity" is "$(json "$T/body" "d['validity']['valid_on_date']")" True
check "... no image unless asked" is "$(json "$T/body" "'image' in d")" False
req -H "$AUTH" -H "Content-Type: image/png" --data-binary @"$SAMPLES/sample-000.png" \
    "$B/v1/read?date=2030-01-01"
check "?date=2030-01-01: expired" \
    is "$(json "$T/body" "str(d['validity']['valid_on_date'])+' '+str(any(w['code']=='expired' for w in d['warnings']))")" "False True"
req -H "$AUTH" -H "Content-Type: image/png" --data-binary @"$SAMPLES/sample-000.png" \
    "$B/v1/read?date=2024-02-30"
check "?date=2024-02-30 (not a date): 400" is "$CODE" 400
req -H "$AUTH" -F "file=@$SAMPLES/sample-000.png" "$B/v1/read?image=1&date=2024-06-01"
check "read sample-000 (multipart, image=1): 200" is "$CODE" 200
check "... file is the form's file name" is "$(json "$T/body" "d['file']+' '+d['amc']['number']")" "sample-000.png $EXPECTED"
check "... image is a PNG with the page size" is "$(json "$T/body" \
    "__import__('base64').b64decode(d['image']['base64'])[:4]==b'\x89PNG' and d['image']['width']>1000 and d['image']['page']==1")" True
req -H "$AUTH" -F "file=@$SAMPLES/sample-001.pdf" "$B/v1/read"
check "read a PDF sample (multipart): 200 with its AMC number" is "$CODE/$(json "$T/body" "d['amc']['number']")" \
    "200/$(json "$SAMPLES/sample-001.expected.json" "d['amc']['number']")"

# 4 reads at once: all answered, by the worker pool
PIDS=
for i in 1 2 3 4; do
    curl -s -o "$T/par$i" -w '%{http_code}' -H "$AUTH" -H "Content-Type: image/png" \
        --data-binary @"$SAMPLES/sample-000.png" "$B/v1/read" >"$T/par$i.code" &
    PIDS="$PIDS $!"
done
for p in $PIDS; do wait "$p"; done   # not a bare wait: the server is a child too
ok=0
for i in 1 2 3 4; do
    [ "$(cat "$T/par$i.code")" = 200 ] && [ "$(json "$T/par$i" "d['amc']['number']")" = "$EXPECTED" ] && ok=$((ok + 1))
done
check "4 concurrent reads: all 200 with the AMC number" is "$ok" 4

# the page
req -D "$T/headers" "$B/"
check "GET /: 200, the reception page, without token" is "$CODE" 200
check "... with a Content-Security-Policy" grep -qi '^content-security-policy:' "$T/headers"
check "... and no external resource" sh -c "! grep -Eqi '(src|href)=\"(https?:)?//' '$T/body'"
req "$B/app.js"
check "GET /app.js: 200" is "$CODE" 200

stop_server
check "SIGTERM: clean stop, exit 0" is "$STOP_RC" 0
check "log: one line per request, stop message" grep -q "stopped after" "$T/serve.log"
check "log holds no AMC number, file name nor token" \
    sh -c "! grep -Eq '$EXPECTED|sample-0|$TOKEN' '$T/serve.log'"

# first start: the token is made, saved with mode 0600 and printed
mkdir "$T/home"
if start_server "$T/home/cfg/amcread/token" "$T/first.log" --quiet; then
    made=$(head -n 1 "$T/home/cfg/amcread/token")
    check "first start: token file made with mode 0600" is "$(stat -c %a "$T/home/cfg/amcread/token")" 600
    check "first start: 64 hex digits, printed on stderr" sh -c \
        "echo '$made' | grep -Eq '^[0-9a-f]{64}\$' && grep -q '$made' '$T/first.log'"
    CODE=$(curl -s -o "$T/body" -w '%{http_code}' -H "Authorization: Bearer $made" "http://127.0.0.1:$PORT/v1/health")
    check "first start: the new token is accepted" is "$CODE" 200
    stop_server
    check "--quiet: no request line in the log" sh -c "! grep -q 'GET /v1/health' '$T/first.log'"
else
    check "first start: the service starts" false
fi
TOKEN2=$(cat "$T/home/cfg/amcread/token" 2>/dev/null)
start_server "$T/home/cfg/amcread/token" "$T/second.log" --quiet
check "second start: the same token is read, none printed" sh -c "! grep -q '$TOKEN2' '$T/second.log'"
[ -n "$PID" ] && stop_server
chmod 644 "$T/home/cfg/amcread/token"
"$BIN" serve --port 0 --token-file "$T/home/cfg/amcread/token" 2>"$T/loose.log"
CODE=$?
check "token file readable by others: refused, exit 5" is "$CODE" 5
"$BIN" serve --port 0 --jobs 0 2>/dev/null
CODE=$?
check "--jobs 0: usage error, exit 2" is "$CODE" 2

echo "$PASS passed, $FAIL failed"
[ "$FAIL" -eq 0 ]
