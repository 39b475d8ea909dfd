-- POST /events/{id}/save, rotating the bearer tokens in PERF_TOKENS and picking the event
-- ids in PERF_EVENTS (one a line each) at random: a write of its own short transaction.
dofile(os.getenv("PERF_LUA_DIR") .. "/report.lua")

local next_token, events

function init(args)
  next_token, events = tokens_and_events()
end

function request()
  local event = events[math.random(1, #events)]
  local headers = { ["Authorization"] = "Bearer " .. next_token() }
  return wrk.format("POST", "/events/" .. event .. "/save", headers)
end
