-- wrk script: timeline pages that no cache holds, each older than a max_id drawn at random over the last 30 days
-- (post ids are milliseconds << 16, so this covers a network made by `bench --make-posts` and imported today).
--   wrk -t2 -c16 -d30s --latency -s bench/timeline-pages.lua http://localhost:18080 -- PATH [TOKEN]
-- PATH e.g. "/api/v1/timelines/public?limit=20", "/api/v1/timelines/tag/books?limit=20" or, with an access token,
-- "/api/v1/timelines/home?limit=20".
local path, token
local now = os.time() * 1000 * 65536
local lo, hi = now - 30 * 86400 * 1000 * 65536, now

function init(args)
  path = args[1] or "/api/v1/timelines/public?limit=20"
  token = args[2]
  math.randomseed(os.time() + math.floor(os.clock() * 1e6))
end

function request()
  local headers = {}
  if token then headers["Authorization"] = "Bearer " .. token end
  return wrk.format("GET", path .. "&max_id=" .. string.format("%.0f", lo + math.random() * (hi - lo)), headers)
end
