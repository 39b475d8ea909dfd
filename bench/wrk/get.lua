-- GET one path (wrk's URL), or rotate over the paths in PERF_PATHS (one a line); with
-- PERF_TOKENS, each request signed in with the next of its bearer tokens (one a line).
dofile(os.getenv("PERF_LUA_DIR") .. "/report.lua")

local next_path, next_token

function init(args)
  seed_random()
  if os.getenv("PERF_PATHS") then
    next_path = in_turn(read_lines("PERF_PATHS"))
  end
  if os.getenv("PERF_TOKENS") then
    next_token = in_turn(read_lines("PERF_TOKENS"))
  end
end

function request()
  local headers = nil
  if next_token then
    headers = { ["Authorization"] = "Bearer " .. next_token() }
  end
  return wrk.format("GET", next_path and next_path(), headers)
end
