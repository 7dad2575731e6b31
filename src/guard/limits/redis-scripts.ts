/**
 * window-math.ts in Lua, run atomically inside Redis so every gateway replica sees one count. The clock is Redis's
 * own (`TIME`) so replicas with skewed clocks still agree; tests may pass the time instead (ARGV[4]).
 *
 * Both scripts take KEYS[1] and ARGV = cost, limit, windowMs, now ('' = Redis time), force ('1' = charge), and return
 * { allowed (1|0), remaining, ceil(resetMs), ceil(retryAfterMs) or -1 when the cost can never fit }. Keys expire
 * (PX / PEXPIRE) when they hold no information any more, so Redis memory stays bounded too.
 */

const PRELUDE = `
if redis.replicate_commands then pcall(redis.replicate_commands) end
local cost = tonumber(ARGV[1])
local limit = tonumber(ARGV[2])
local window = tonumber(ARGV[3])
local now = tonumber(ARGV[4])
if not now then
  local t = redis.call('TIME')
  now = tonumber(t[1]) * 1000 + tonumber(t[2]) / 1000
end
local force = ARGV[5] == '1'
local eps = 1e-6
`;

export const ROLLING_SCRIPT = `${PRELUDE}
local interval = window / limit
local tat = tonumber(redis.call('GET', KEYS[1])) or 0
local base = math.max(tat, now)
local nxt = base + cost * interval
if nxt < now then nxt = now end
local allowed = nxt - now <= window + eps
local function remaining(debt) return math.max(0, math.floor((window - debt) / interval + eps)) end
if allowed or force then
  local ttl = math.ceil(nxt - now)
  if ttl > 0 then
    redis.call('SET', KEYS[1], string.format('%.17g', nxt), 'PX', ttl)
  else
    redis.call('DEL', KEYS[1])
  end
  local retry = 0
  if not allowed then retry = math.ceil(nxt - window - now) end
  return { allowed and 1 or 0, remaining(nxt - now), ttl, retry }
end
local retry = -1
if cost <= limit then retry = math.ceil(nxt - window - now) end
return { 0, remaining(base - now), math.ceil(base - now), retry }
`;

export const FIXED_SCRIPT = `${PRELUDE}
local id = math.floor(now / window)
local stored = redis.call('HMGET', KEYS[1], 'w', 'u')
local current = 0
if tonumber(stored[1]) == id then current = tonumber(stored[2]) or 0 end
local untilEnd = math.ceil((id + 1) * window - now)
local nxt = math.max(0, current + cost)
local allowed = nxt <= limit + eps
if allowed or force then
  redis.call('HSET', KEYS[1], 'w', string.format('%d', id), 'u', string.format('%.17g', nxt))
  redis.call('PEXPIRE', KEYS[1], math.max(1, untilEnd))
  local retry = 0
  if not allowed then retry = untilEnd end
  return { allowed and 1 or 0, math.max(0, math.floor(limit - nxt)), untilEnd, retry }
end
local retry = -1
if cost <= limit then retry = untilEnd end
return { 0, math.max(0, math.floor(limit - current)), untilEnd, retry }
`;
