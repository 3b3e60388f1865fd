// The Redis store's atomic steps, one Lua script each: Redis runs a script without
// interleaving any other command, so a check and the write it decides are one step for every
// instance. Keys outside KEYS (the job hashes a listing reads) keep the store to one Redis
// (standalone, or a primary with replicas), not a cluster.

/** KEYS: job hash, owner index, token key (or ""). ARGV: ttl ms, createdAt, jobId, then field, value pairs. */
export const CREATE_JOB = `
redis.call('DEL', KEYS[1])
redis.call('HSET', KEYS[1], unpack(ARGV, 4))
redis.call('PEXPIRE', KEYS[1], ARGV[1])
redis.call('ZADD', KEYS[2], ARGV[2], ARGV[3])
if redis.call('PTTL', KEYS[2]) < tonumber(ARGV[1]) then redis.call('PEXPIRE', KEYS[2], ARGV[1]) end
if KEYS[3] ~= '' then redis.call('SET', KEYS[3], ARGV[3], 'PX', ARGV[1]) end
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

/**
 * KEYS: owner index. ARGV: limit, cursor score (or "+inf"), cursor job id (or ""), job key prefix.
 * Returns up to limit job hashes (as field, value lists), newest first; drops index entries of forgotten jobs.
 */
export const LIST_JOBS = `
local limit = tonumber(ARGV[1])
local out = {}
local offset = 0
while #out < limit do
  local batch = redis.call('ZRANGE', KEYS[1], ARGV[2], '-inf', 'BYSCORE', 'REV', 'LIMIT', offset, limit, 'WITHSCORES')
  if #batch == 0 then break end
  -- Entries dropped from the index shift the later ones back: the next batch starts that much sooner.
  local dropped = 0
  for i = 1, #batch, 2 do
    local member, score = batch[i], batch[i + 1]
    if ARGV[3] == '' or tonumber(score) < tonumber(ARGV[2]) or member < ARGV[3] then
      local job = redis.call('HGETALL', ARGV[4] .. member)
      if #job == 0 then
        redis.call('ZREM', KEYS[1], member)
        dropped = dropped + 1
      else
        table.insert(out, job)
      end
      if #out >= limit then break end
    end
  end
  offset = offset + limit - dropped
end
return out
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

/**
 * KEYS: the queue (members scored by due time). ARGV: now, lease ms, limit. Takes the due
 * members and moves each to now + lease, in one step.
 */
export const CLAIM_DUE = `
local due = redis.call('ZRANGE', KEYS[1], '-inf', ARGV[1], 'BYSCORE', 'LIMIT', 0, ARGV[3])
for i = 1, #due do redis.call('ZADD', KEYS[1], tonumber(ARGV[1]) + tonumber(ARGV[2]), due[i]) end
return due
`;
