// The Redis store's per-user quotas as Lua scripts, one atomic step each (see scripts.ts):
// spend and upload windows (ids scored by time, their amounts in a hash beside them, the running
// total under "total"), and the places of open event streams (ids scored by expiry).

/**
 * KEYS: the user's reservations (ids scored by time), their amounts (id -> credits, and the
 * running total under "total"). ARGV: credits, limit, window ms, now, reservation id.
 * Returns { 1, used } when reserved, else { 0, used, wait ms or -1 }. Only reservations that
 * leave the window are read: the work does not grow with what a user spent.
 */
export const RESERVE_CREDITS = `
local credits, limit, window, now = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3]), tonumber(ARGV[4])
local cutoff = now - window
local gone = redis.call('ZRANGE', KEYS[1], '-inf', cutoff, 'BYSCORE')
if #gone > 0 then
  local amounts = redis.call('HMGET', KEYS[2], unpack(gone))
  local freed = 0
  for i = 1, #amounts do freed = freed + (tonumber(amounts[i]) or 0) end
  redis.call('HINCRBYFLOAT', KEYS[2], 'total', -freed)
  redis.call('HDEL', KEYS[2], unpack(gone))
  redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', cutoff)
end
local used = tonumber(redis.call('HGET', KEYS[2], 'total')) or 0
if used + credits <= limit then
  redis.call('ZADD', KEYS[1], now, ARGV[5])
  redis.call('HSET', KEYS[2], ARGV[5], ARGV[1])
  redis.call('HINCRBYFLOAT', KEYS[2], 'total', ARGV[1])
  -- PEXPIRE takes whole ms only; a window may be a fraction (an hour / 7).
  redis.call('PEXPIRE', KEYS[1], math.ceil(window))
  redis.call('PEXPIRE', KEYS[2], math.ceil(window))
  return { 1, tostring(used) }
end
if credits > limit then return { 0, tostring(used), -1 } end
-- Refused: how long until enough of the oldest reservations leave the window.
local freed, offset = 0, 0
while true do
  local batch = redis.call('ZRANGE', KEYS[1], 0 + offset, 99 + offset, 'WITHSCORES')
  if #batch == 0 then return { 0, tostring(used), -1 } end
  for i = 1, #batch, 2 do
    freed = freed + (tonumber(redis.call('HGET', KEYS[2], batch[i])) or 0)
    if used - freed + credits <= limit then return { 0, tostring(used), math.max(0, tonumber(batch[i + 1]) + window - now) } end
  end
  offset = offset + 100
end
`;

/** KEYS: the user's reservations and amounts. ARGV: reservation id, credits (0 gives it back). */
export const SETTLE_CREDITS = `
local old = tonumber(redis.call('HGET', KEYS[2], ARGV[1]))
if not old then return 0 end
-- Below 0 counts as 0 (as in the memory store): a settlement never frees more than was reserved.
local credits = math.max(0, tonumber(ARGV[2]) or 0)
redis.call('HINCRBYFLOAT', KEYS[2], 'total', credits - old)
if credits > 0 then
  redis.call('HSET', KEYS[2], ARGV[1], ARGV[2])
else
  redis.call('HDEL', KEYS[2], ARGV[1])
  redis.call('ZREM', KEYS[1], ARGV[1])
end
return 1
`;

/**
 * KEYS: the user's uploads (ids scored by time), their sizes (id -> bytes, and "total").
 * ARGV: bytes, count limit, bytes limit, window ms, now, reservation id.
 * Returns { 1, count, used } when reserved, else { 0, count, used, wait ms or -1 }: the wait
 * until enough of the oldest uploads leave the window for both the count and the bytes.
 */
export const RESERVE_UPLOAD = `
local bytes, maxCount, maxBytes, window, now = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3]), tonumber(ARGV[4]), tonumber(ARGV[5])
local cutoff = now - window
local gone = redis.call('ZRANGE', KEYS[1], '-inf', cutoff, 'BYSCORE')
if #gone > 0 then
  local sizes = redis.call('HMGET', KEYS[2], unpack(gone))
  local freed = 0
  for i = 1, #sizes do freed = freed + (tonumber(sizes[i]) or 0) end
  redis.call('HINCRBY', KEYS[2], 'total', -freed)
  redis.call('HDEL', KEYS[2], unpack(gone))
  redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', cutoff)
end
local count = redis.call('ZCARD', KEYS[1])
local used = tonumber(redis.call('HGET', KEYS[2], 'total')) or 0
local function fits(files, total) return files + 1 <= maxCount and total + bytes <= maxBytes end
if fits(count, used) then
  redis.call('ZADD', KEYS[1], now, ARGV[6])
  redis.call('HSET', KEYS[2], ARGV[6], ARGV[1])
  redis.call('HINCRBY', KEYS[2], 'total', ARGV[1])
  redis.call('PEXPIRE', KEYS[1], math.ceil(window))
  redis.call('PEXPIRE', KEYS[2], math.ceil(window))
  return { 1, count, tostring(used) }
end
if bytes > maxBytes or maxCount < 1 then return { 0, count, tostring(used), -1 } end
local freedFiles, freedBytes, offset = 0, 0, 0
while true do
  local batch = redis.call('ZRANGE', KEYS[1], 0 + offset, 99 + offset, 'WITHSCORES')
  if #batch == 0 then return { 0, count, tostring(used), -1 } end
  for i = 1, #batch, 2 do
    freedFiles = freedFiles + 1
    freedBytes = freedBytes + (tonumber(redis.call('HGET', KEYS[2], batch[i])) or 0)
    if fits(count - freedFiles, used - freedBytes) then return { 0, count, tostring(used), math.max(0, tonumber(batch[i + 1]) + window - now) } end
  end
  offset = offset + 100
end
`;

/** KEYS: the user's uploads and their sizes. ARGV: reservation id. */
export const RELEASE_UPLOAD = `
local old = tonumber(redis.call('HGET', KEYS[2], ARGV[1]))
if not old then return 0 end
redis.call('HINCRBY', KEYS[2], 'total', -old)
redis.call('HDEL', KEYS[2], ARGV[1])
redis.call('ZREM', KEYS[1], ARGV[1])
return 1
`;

/**
 * KEYS: the user's stream places (ids scored by expiry). ARGV: stream id, limit, ttl ms, now.
 * Drops the expired places, then keeps the stream's own (still live) or takes one if fewer
 * than limit are left. 1 when the stream holds a place.
 */
export const ACQUIRE_STREAM_SLOT = `
local limit, ttl, now = tonumber(ARGV[2]), tonumber(ARGV[3]), tonumber(ARGV[4])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
if not redis.call('ZSCORE', KEYS[1], ARGV[1]) and redis.call('ZCARD', KEYS[1]) >= limit then return 0 end
redis.call('ZADD', KEYS[1], now + ttl, ARGV[1])
-- The key outlives its longest place (Redis's clock), so a user who leaves leaves nothing.
if redis.call('PTTL', KEYS[1]) < ttl then redis.call('PEXPIRE', KEYS[1], math.ceil(ttl)) end
return 1
`;

/**
 * KEYS: the budget's requests (ids scored by time), its hold (until when every caller waits).
 * ARGV: requests, window ms, now, request id. Returns -1 when a request was taken, else the ms
 * until one frees up (the hold's end, or the oldest request that must leave the window).
 */
export const TAKE_BUDGET = `
local requests, window, now = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3])
local hold = tonumber(redis.call('GET', KEYS[2]) or '0') or 0
if hold > now then return math.ceil(hold - now) end
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
local count = redis.call('ZCARD', KEYS[1])
if count < requests then
  redis.call('ZADD', KEYS[1], now, ARGV[4])
  redis.call('PEXPIRE', KEYS[1], math.ceil(window))
  return -1
end
local oldest = redis.call('ZRANGE', KEYS[1], count - requests, count - requests, 'WITHSCORES')
return math.max(1, math.ceil(tonumber(oldest[2]) + window - now))
`;

/** KEYS: the budget's hold. ARGV: until, now. A later hold replaces an earlier one, never the reverse. */
export const HOLD_BUDGET = `
local untilMs, now = tonumber(ARGV[1]), tonumber(ARGV[2])
if untilMs <= now or (tonumber(redis.call('GET', KEYS[1]) or '0') or 0) >= untilMs then return 0 end
redis.call('SET', KEYS[1], ARGV[1], 'PX', math.ceil(untilMs - now))
return 1
`;
