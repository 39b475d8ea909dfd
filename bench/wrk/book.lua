-- POST /bookings of 1 seat, rotating the bearer tokens in PERF_TOKENS and the event ids in
-- PERF_EVENTS (one a line each): one id books one hot event, many spread the bookings.
dofile(os.getenv("PERF_LUA_DIR") .. "/report.lua")

local next_token, events

function init(args)
  next_token, events = tokens_and_events()
end

function request()
  local event = events[math.random(1, #events)]
  local headers = {
    ["Authorization"] = "Bearer " .. next_token(),
    ["Content-Type"] = "application/json",
  }
  local body = '{"event_id": "' .. event .. '", "quantity": 1}'
  return wrk.format("POST", "/bookings", headers, body)
end
