// The Redis store's atomic steps, one Lua script each: Redis runs a script without
// interleaving any other command, so a check and the write it decides are one step for every
// instance. Every script touches only its KEYS, and those share one hash tag (keys.ts): one slot,
// so each runs whole on one node of a cluster too.

/** KEYS: job hash. ARGV: ttl ms, then field, value pairs. Writes the record whole. */
export const CREATE_RECORD = `
redis.call('DEL', KEYS[1])
redis.call('HSET', KEYS[1], unpack(ARGV, 2))
redis.call('PEXPIRE', KEYS[1], ARGV[1])
return 1
`;

/** KEYS: owner index. ARGV: ttl ms, createdAt, jobId. The index lives as long as its newest job. */
export const INDEX_JOB = `
redis.call('ZADD', KEYS[1], ARGV[2], ARGV[3])
if redis.call('PTTL', KEYS[1]) < tonumber(ARGV[1]) then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
return 1
`;

/**
 * KEYS: job hash. ARGV: status, output JSON or "", error or "", then the terminal statuses.
 * Returns nil for an unknown job, else { changed (0/1), field, value, … }.
 */
export const UPDATE_JOB = `
if redis.call('EXISTS', KEYS[1]) == 0 then return nil end
local old = redis.call('HMGET', KEYS[1], 'status', 'output', 'error')
local function ended(status)
  status = string.lower(status or '')
  for i = 4, #ARGV do if ARGV[i] == status then return true end end
  return false
end
local changed = 0
if (old[1] ~= ARGV[1] or (old[2] or '') ~= ARGV[2] or (old[3] or '') ~= ARGV[3]) and not (ended(old[1]) and not ended(ARGV[1])) then
  redis.call('HSET', KEYS[1], 'status', ARGV[1], 'output', ARGV[2], 'error', ARGV[3])
  redis.call('HINCRBY', KEYS[1], 'version', 1)
  changed = 1
end
local reply = redis.call('HGETALL', KEYS[1])
table.insert(reply, 1, changed)
return reply
`;

/** KEYS: lease. ARGV: holder, ttl ms. 1 when the holder has it now. */
export const ACQUIRE_LEASE = `
local holder = redis.call('GET', KEYS[1])
if not holder then redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2]) return 1 end
if holder == ARGV[1] then redis.call('PEXPIRE', KEYS[1], ARGV[2]) return 1 end
return 0
`;

/** KEYS: lease. ARGV: holder. */
export const RELEASE_LEASE = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
`;
