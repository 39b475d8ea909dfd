-- Shared by every script: count answers by status in each thread, and print one line that
-- bench/perf.py reads: "PERF {json}" with throughput inputs, latency percentiles (us) and
-- the status counts. wrk calls setup() once per thread in the main state. The helpers below
-- it (seed_random, read_lines, in_turn, tokens_and_events) are for each script's init().
local threads = {}

function setup(thread)
  table.insert(threads, thread)
  thread:set("thread_number", #threads)
end

-- Each thread its own random sequence: seeded from the clock alone, threads started in the
-- same second would send the same requests in the same order.
function seed_random()
  math.randomseed(os.time() * 64 + (thread_number or 0))
end

-- The lines of the file that the environment variable `name` names.
function read_lines(name)
  local lines = {}
  for line in io.lines(os.getenv(name)) do
    table.insert(lines, line)
  end
  return lines
end

-- A function that gives `lines` one after the other, round and round, from a random one.
function in_turn(lines)
  local next_line = math.random(1, #lines)
  return function()
    local line = lines[next_line]
    next_line = next_line % #lines + 1
    return line
  end
end

-- For each thread of a script that writes as signed-in callers: a function that gives the
-- bearer tokens in PERF_TOKENS in turn, and the event ids in PERF_EVENTS.
function tokens_and_events()
  seed_random()
  return in_turn(read_lines("PERF_TOKENS")), read_lines("PERF_EVENTS")
end

statuses = {}

function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
end

function done(summary, latency, requests)
  local counts = {}
  for _, thread in ipairs(threads) do
    local seen = thread:get("statuses")
    for status, n in pairs(seen) do
      counts[status] = (counts[status] or 0) + n
    end
  end
  local parts = {}
  for status, n in pairs(counts) do
    table.insert(parts, string.format('"%d": %d', status, n))
  end
  local e = summary.errors
  io.write(string.format(
    'PERF {"requests": %d, "duration_us": %d, "p50": %d, "p95": %d, "p99": %d, ' ..
    '"max": %d, "socket_errors": %d, "statuses": {%s}}\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(95),
    latency:percentile(99), latency.max, e.connect + e.read + e.write + e.timeout,
    table.concat(parts, ", ")))
end
