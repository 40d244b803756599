-- tips.lua: wrk script for the tipline intake benchmark (see bench/README.md).
--
-- Every request is POST /api/v1/tips with a realistic tip:
--   * description of 300 to 2,000 characters, made of plain sentences;
--   * all seven categories, some tips with a location, an occurredAt
--     (date, date-time or date-time with offset), a language and a few
--     questionnaire answers in "details".
-- Each wrk thread builds a pool of POOL_SIZE distinct bodies in init() and
-- cycles through them, so generating text costs wrk almost nothing while the
-- run is measured.
--
-- Optional environment variables (bench/proofs.sh and bench/sealed.sh set them):
--   TIPLINE_CHANNEL_KEY  sent as X-Tipline-Channel-Key on every request;
--   TIPLINE_PROOFS       a file of X-Tipline-Proof values, one a line (tipline solve-challenge
--                        --count N): thread k of n (TIPLINE_WRK_THREADS, wrk's -t) sends lines
--                        k, k + n, k + 2n, ... once each; a thread out of lines sends a GET that
--                        counts as an error ("exhausted"), so that no value is sent twice.
--   TIPLINE_BODIES       a file of request bodies, one a line (such as sealed envelopes), sent
--                        instead of the generated tips, each once, split between the threads
--                        like the proofs, to TIPLINE_PATH (default /api/v1/tips).
--
-- Any answer other than 201 counts as an error. done() prints one line that
-- bench/intake.sh reads:
--   BENCH_RESULT requests=N created=N non201=N socket_errors=N duration_us=N p50_us=N p99_us=N exhausted=N
-- followed by up to 5 "BENCH_STATUS code=count" lines for non-201 answers.

local POOL_SIZE = 256

local categories = { "drugs", "violence", "theft", "fraud", "wanted-person", "missing-person", "other" }
local languages = { "en", "en", "en", "en", "es", "fr", "pt-BR", "en-US" }

local subjects = {
  "A man in a grey hoodie", "Two teenagers", "The woman who lives in flat 4B", "A delivery driver",
  "Someone in a dark blue sedan", "My neighbour", "A group of about five people", "The owner of the corner shop",
  "A tall man with a beard", "An older woman with a red umbrella", "A person I only know as Mike",
  "The new tenant upstairs", "A white van with no plates", "Several people from the car wash",
}
local verbs = {
  "was seen handing small packages to", "keeps arguing loudly with", "tried to sell a phone to",
  "was following", "drove off quickly after talking to", "has been collecting cash from",
  "was shouting threats at", "took a bicycle that belongs to", "showed a knife to",
  "asked for bank details from", "meets every evening with", "was carrying boxes for",
}
local objects = {
  "people waiting at the bus stop", "customers outside the pharmacy", "a man on a motorbike",
  "kids from the school nearby", "an elderly neighbour", "the security guard", "someone in a parked car",
  "the staff of the night shop", "a woman with a pushchair", "visitors to the park",
}
local times = {
  "around nine in the evening", "late at night, after midnight", "early on Sunday morning",
  "most weekdays around lunchtime", "last Friday", "several times this month", "two days ago",
  "every evening this week", "just before the shops closed", "on the night of the storm",
}
local places = {
  "behind the supermarket on Elm Street", "near the entrance of the metro station",
  "in the car park of the sports centre", "at the corner of 5th and Main", "outside the laundrette",
  "in the stairwell of building C", "next to the old railway bridge", "along the canal path",
  "in front of the primary school", "at the petrol station on the ring road",
}
local extras = {
  "I am not sure of the exact date, but it has happened more than once.",
  "Other people in the street have noticed it too.",
  "I did not want to call the police directly because I am afraid of being recognised.",
  "The car had a dent on the rear door and a sticker on the back window.",
  "They usually leave in different directions after a few minutes.",
  "I could hear them talking about money and a meeting next week.",
  "It has been going on since at least the beginning of the year.",
  "I think there are cameras on the building opposite that could have recorded it.",
  "The person seemed nervous and kept looking around.",
  "A friend told me the same thing happened at her workplace.",
}
local locations = {
  "Elm Street, behind the supermarket", "5th and Main", "Riverside estate, building C",
  "Central station, north entrance", "Park Lane car park", "Canal path near the lock",
  "Ring road petrol station", "Market square",
}
local questions = {
  { "vehicle", { "dark blue sedan", "white van", "motorbike", "no vehicle", "grey hatchback" } },
  { "peopleCount", { "1", "2", "3", "about 5", "more than 10" } },
  { "weapon", { "none seen", "knife", "unsure", "bat" } },
  { "ongoing", { "yes", "no", "unsure" } },
  { "howKnown", { "saw it myself", "a neighbour told me", "heard it", "online" } },
}

local function pick(list)
  return list[math.random(#list)]
end

local function json_string(s)
  s = s:gsub('[%c"\\]', function(c)
    if c == '"' then return '\\"' end
    if c == "\\" then return "\\\\" end
    if c == "\n" then return "\\n" end
    return string.format("\\u%04x", c:byte())
  end)
  return '"' .. s .. '"'
end

-- A description of target characters (300..2000), ending on a whole sentence.
local function description()
  local target = math.random(300, 2000)
  local parts, length = {}, 0
  while true do
    local sentence
    if math.random() < 0.3 then
      sentence = pick(extras)
    else
      sentence = string.format("%s %s %s %s %s.", pick(subjects), pick(verbs), pick(objects), pick(places), pick(times))
    end
    local add = #sentence + (length > 0 and 1 or 0)
    if length + add > target then
      if length >= 300 then break end
      sentence = sentence:sub(1, target - length - (length > 0 and 1 or 0))
      add = #sentence + (length > 0 and 1 or 0)
    end
    parts[#parts + 1] = sentence
    length = length + add
    if length >= target then break end
  end
  return table.concat(parts, " ")
end

local function occurred_at()
  local r = math.random()
  local day = string.format("2026-%02d-%02d", math.random(1, 11), math.random(1, 28))
  if r < 0.25 then return nil end
  if r < 0.5 then return day end
  if r < 0.85 then return string.format("%sT%02d:%02d", day, math.random(0, 23), math.random(0, 59)) end
  return string.format("%sT%02d:%02d:00-05:00", day, math.random(0, 23), math.random(0, 59))
end

local function tip_body()
  local fields = {}
  fields[#fields + 1] = '"category":' .. json_string(pick(categories))
  fields[#fields + 1] = '"description":' .. json_string(description())
  if math.random() < 0.7 then fields[#fields + 1] = '"location":' .. json_string(pick(locations)) end
  local when = occurred_at()
  if when then fields[#fields + 1] = '"occurredAt":' .. json_string(when) end
  if math.random() < 0.8 then fields[#fields + 1] = '"language":' .. json_string(pick(languages)) end
  if math.random() < 0.6 then
    local answers = {}
    for _, q in ipairs(questions) do
      if math.random() < 0.5 then answers[#answers + 1] = json_string(q[1]) .. ":" .. json_string(pick(q[2])) end
    end
    if #answers > 0 then fields[#fields + 1] = '"details":{' .. table.concat(answers, ",") .. "}" end
  end
  return "{" .. table.concat(fields, ",") .. "}"
end

-- ---------------------------------------------------------------------------
-- wrk hooks
-- ---------------------------------------------------------------------------

local threads = {}

function setup(thread)
  thread:set("index", #threads + 1)
  threads[#threads + 1] = thread
end

-- This thread's lines of a file, lines k, k + n, k + 2n, ... for thread k of n, as a source
-- that take() hands out once each.
function own_lines(file)
  local stride = tonumber(os.getenv("TIPLINE_WRK_THREADS") or "")
  assert(stride and stride >= 1, "TIPLINE_PROOFS and TIPLINE_BODIES need TIPLINE_WRK_THREADS, wrk's thread count")
  local lines, line_number = {}, 0
  for line in io.lines(file) do
    if (line_number % stride) + 1 == index and line ~= "" then lines[#lines + 1] = line end
    line_number = line_number + 1
  end
  return { lines = lines, taken = 0 }
end

-- The next line of a source, or nil when all were taken (counted as "exhausted"; the request
-- then goes to EXHAUSTED, which wrk counts as an error, so that tipline never sees a line twice).
function take(source)
  source.taken = source.taken + 1
  local line = source.lines[source.taken]
  if line == nil then exhausted = exhausted + 1 end
  return line
end
EXHAUSTED = "/api/v1/bench-lines-exhausted"

function init(args)
  math.randomseed(os.time() * 1000 + index * 7919)
  headers = { ["Content-Type"] = "application/json", ["Accept"] = "application/json" }
  local channel_key = os.getenv("TIPLINE_CHANNEL_KEY")
  if channel_key and channel_key ~= "" then headers["X-Tipline-Channel-Key"] = channel_key end
  bodies_pool = {}
  requests_pool = {}
  for i = 1, POOL_SIZE do
    bodies_pool[i] = tip_body()
    requests_pool[i] = wrk.format("POST", "/api/v1/tips", headers, bodies_pool[i])
  end
  path = os.getenv("TIPLINE_PATH") or "/api/v1/tips"
  local bodies_file = os.getenv("TIPLINE_BODIES")
  fixed_bodies = (bodies_file and bodies_file ~= "") and own_lines(bodies_file) or nil
  local proofs_file = os.getenv("TIPLINE_PROOFS")
  proofs = (proofs_file and proofs_file ~= "") and own_lines(proofs_file) or nil
  exhausted = 0
  next_request = 0
  non201 = 0
  created = 0
  statuses = {}
end

function request()
  next_request = next_request % POOL_SIZE + 1
  if fixed_bodies ~= nil then
    local body = take(fixed_bodies)
    if body == nil then return wrk.format("GET", EXHAUSTED) end
    return wrk.format("POST", path, headers, body)
  end
  if proofs == nil then return requests_pool[next_request] end
  local proof = take(proofs)
  if proof == nil then return wrk.format("GET", EXHAUSTED) end
  headers["X-Tipline-Proof"] = proof
  return wrk.format("POST", "/api/v1/tips", headers, bodies_pool[next_request])
end

function response(status, headers, body)
  if status == 201 then
    created = created + 1
  else
    non201 = non201 + 1
    local key = tostring(status)
    statuses[key] = (statuses[key] or 0) + 1
  end
end

function done(summary, latency, requests)
  local created_total, non201_total, exhausted_total = 0, 0, 0
  local by_status = {}
  for _, t in ipairs(threads) do
    created_total = created_total + (t:get("created") or 0)
    non201_total = non201_total + (t:get("non201") or 0)
    exhausted_total = exhausted_total + (t:get("exhausted") or 0)
    local s = t:get("statuses")
    if s then
      for code, n in pairs(s) do by_status[code] = (by_status[code] or 0) + n end
    end
  end
  local e = summary.errors
  local socket_errors = e.connect + e.read + e.write + e.timeout
  io.write(string.format(
    "BENCH_RESULT requests=%d created=%d non201=%d socket_errors=%d duration_us=%d p50_us=%d p99_us=%d exhausted=%d\n",
    summary.requests, created_total, non201_total, socket_errors, summary.duration,
    latency:percentile(50), latency:percentile(99), exhausted_total))
  local shown = 0
  for code, n in pairs(by_status) do
    if shown < 5 then io.write(string.format("BENCH_STATUS %s=%d\n", code, n)) end
    shown = shown + 1
  end
end
