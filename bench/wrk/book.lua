-- POST /bookings of 1 seat, rotating the bearer tokens in PERF_TOKENS and the event ids in
-- PERF_EVENTS (one a line each): one id books one hot event, many spread the bookings.
dofile(os.getenv("PERF_LUA_DIR") .. "/report.lua")

local tokens, events = {}, {}
local next_token = 1

local function read_lines(name)
  local lines = {}
  for line in io.lines(os.getenv(name)) do
    table.insert(lines, line)
  end
  return lines
end

function init(args)
  tokens = read_lines("PERF_TOKENS")
  events = read_lines("PERF_EVENTS")
  seed_random()
  next_token = math.random(1, #tokens)
end

function request()
  local token = tokens[next_token]
  next_token = next_token % #tokens + 1
  local event = events[math.random(1, #events)]
  local headers = {
    ["Authorization"] = "Bearer " .. token,
    ["Content-Type"] = "application/json",
  }
  local body = '{"event_id": "' .. event .. '", "quantity": 1}'
  return wrk.format("POST", "/bookings", headers, body)
end
