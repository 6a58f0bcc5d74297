-- Requests the paths listed in a file, in turn. With "miss", every request also carries a query parameter no other
-- request has, so the output cache never answers and each response is rendered: the worst case. The parameter names
-- the run (its start, in seconds) as well as the thread and the request: with the counter alone, every run asked for
-- the addresses the runs before it had just stored, and "miss" runs after the first were partly answered by the cache.
--   wrk -s bench/wrk/paths.lua http://host:port -- PATHS_FILE hit|miss
local paths = {}
local mode = "hit"
local counter = 0
local thread_id = 0
local run = os.time()
local next_thread_id = 0

function setup(thread)
  next_thread_id = next_thread_id + 1
  thread:set("thread_id", next_thread_id)
end

function init(args)
  for line in io.lines(args[1]) do
    if #line > 0 then paths[#paths + 1] = line end
  end
  mode = args[2] or "hit"
end

function request()
  counter = counter + 1
  local path = paths[(counter % #paths) + 1]
  if mode == "miss" then
    local separator = string.find(path, "?", 1, true) and "&" or "?"
    path = path .. separator .. "r=" .. run .. "-" .. thread_id .. "-" .. counter
  end
  return wrk.format(nil, path)
end
