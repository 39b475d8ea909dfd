-- GET one path (wrk's URL), or rotate over the paths in PERF_PATHS (one a line); with
-- PERF_TOKENS, each request signed in with the next of its bearer tokens (one a line).
dofile(os.getenv("PERF_LUA_DIR") .. "/report.lua")

local paths, tokens = {}, {}
local next_path, next_token = 1, 1

function init(args)
  local file = os.getenv("PERF_PATHS")
  if file then
    for line in io.lines(file) do
      table.insert(paths, line)
    end
  end
  local token_file = os.getenv("PERF_TOKENS")
  if token_file then
    for line in io.lines(token_file) do
      table.insert(tokens, line)
    end
  end
  seed_random()
  next_path = math.random(1, math.max(#paths, 1))
  next_token = math.random(1, math.max(#tokens, 1))
end

local function headers()
  if #tokens == 0 then
    return nil
  end
  local token = tokens[next_token]
  next_token = next_token % #tokens + 1
  return { ["Authorization"] = "Bearer " .. token }
end

function request()
  if #paths == 0 then
    return wrk.format("GET", nil, headers())
  end
  local path = paths[next_path]
  next_path = next_path % #paths + 1
  return wrk.format("GET", path, headers())
end
