-- wrk script for bench/gateways/run.py: POSTs one JSON body and checks every response.
-- usage: wrk ... -s check.lua URL -- BODY_FILE [EXPECTED_FILE]
-- A response counts as wrong when its status is not 200 or (with EXPECTED_FILE) its body is not
-- exactly those bytes. done() prints one line "WRK_RESULT {json}" with latencies in microseconds.
local function slurp(path)
  local file = assert(io.open(path, "rb"))
  local content = file:read("*a")
  file:close()
  return content
end

local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/json"
  wrk.body = slurp(args[1])
  expected = args[2] and slurp(args[2]) or nil
  wrong_status = 0
  wrong_body = 0
end

function response(status, headers, body)
  if status ~= 200 then
    wrong_status = wrong_status + 1
  elseif expected ~= nil and body ~= expected then
    wrong_body = wrong_body + 1
  end
end

function done(summary, latency, requests)
  local bad_status, bad_body = 0, 0
  for _, thread in ipairs(threads) do
    bad_status = bad_status + thread:get("wrong_status")
    bad_body = bad_body + thread:get("wrong_body")
  end
  local errors = summary.errors
  io.write(string.format(
    'WRK_RESULT {"requests": %d, "duration_us": %d, "p50_us": %d, "p95_us": %d, "p99_us": %d, ' ..
    '"wrong_status": %d, "wrong_body": %d, "socket_errors": %d}\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(95),
    latency:percentile(99), bad_status, bad_body,
    errors.connect + errors.read + errors.write + errors.timeout))
end
