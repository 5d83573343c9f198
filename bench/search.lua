-- wrk script: GET /api/v2/search with a query drawn at random from queries.txt (one query a line).
local queries = {}

local function urlencode(s)
  return (s:gsub("[^%w%-_%.~]", function(c) return string.format("%%%02X", string.byte(c)) end))
end

function init(args)
  local file = args[1] or "bench/queries.txt"
  for line in io.lines(file) do
    if #line > 0 then queries[#queries + 1] = urlencode(line) end
  end
  math.randomseed(os.time() + math.floor(os.clock() * 1e6))
end

function request()
  local q = queries[math.random(#queries)]
  return wrk.format("GET", "/api/v2/search?type=statuses&limit=20&q=" .. q)
end
