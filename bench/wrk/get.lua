-- GET one path (wrk's URL), or rotate over the paths in PERF_PATHS (one a line).
dofile(os.getenv("PERF_LUA_DIR") .. "/report.lua")

local paths = {}
local next_path = 1

function init(args)
  local file = os.getenv("PERF_PATHS")
  if file then
    for line in io.lines(file) do
      table.insert(paths, line)
    end
  end
  next_path = math.random(1, math.max(#paths, 1))
end

function request()
  if #paths == 0 then
    return wrk.format("GET")
  end
  local path = paths[next_path]
  next_path = next_path % #paths + 1
  return wrk.format("GET", path)
end
