-- seed.lua: wrk script that fills tipline with a given number of tips, for
-- bench/review.sh (see bench/README.md).
--
-- It posts the same realistic tips as tips.lua (it loads tips.lua from its own
-- folder) and stops each wrk thread once the thread has had its share of 201
-- answers:
--   wrk -t THREADS -c CONNECTIONS -d MAX_SECONDS -s seed.lua URL -- TOTAL THREADS
-- Requests still in flight on a thread's other connections when it stops are
-- committed by tipline but not counted, so the table ends up at most about one
-- tip per connection above TOTAL. review.sh checks the real count in the table.

local here = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
dofile(here .. "tips.lua")

local tips_init = init
local tips_response = response

function init(args)
  tips_init(args)
  local total = tonumber(args[1]) or 0
  local threads = math.max(1, tonumber(args[2]) or 1)
  -- thread 1 takes the remainder; index is set per thread by tips.lua's setup()
  quota = math.floor(total / threads) + ((index == 1) and (total % threads) or 0)
end

function response(status, headers, body)
  tips_response(status, headers, body)
  if created >= quota then
    wrk.thread:stop()
  end
end
