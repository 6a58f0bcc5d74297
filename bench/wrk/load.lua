-- The load test's mix: every path of the listed files in turn, one request in MISS_EVERY with a unique query parameter
-- (so the output cache misses and the page is rendered from the database), counting server errors (5xx) across all
-- threads.
--   wrk -s bench/wrk/load.lua http://host:port -- PATHS_FILE [MISS_EVERY=10]
local threads = {}
local paths = {}
local miss_every = 10
local counter = 0
local run = os.time()   -- in the parameter too, so a second run within the cache's lifetime misses as the first did
server_errors = 0   -- global, so done() can read each thread's count with thread:get

function setup(thread)
  thread:set("thread_id", #threads + 1)
  table.insert(threads, thread)
end

function init(args)
  for line in io.lines(args[1]) do
    if #line > 0 then paths[#paths + 1] = line end
  end
  miss_every = tonumber(args[2] or "10")
end

function request()
  counter = counter + 1
  local path = paths[(counter % #paths) + 1]
  if counter % miss_every == 0 then
    local separator = string.find(path, "?", 1, true) and "&" or "?"
    path = path .. separator .. "r=" .. run .. "-" .. thread_id .. "-" .. counter
  end
  return wrk.format(nil, path)
end

function response(status, headers, body)
  if status >= 500 then server_errors = server_errors + 1 end
end

function done(summary, latency, requests)
  local errors = 0
  for _, thread in ipairs(threads) do errors = errors + thread:get("server_errors") end
  io.write(string.format("server_errors %d\n", errors))
end
