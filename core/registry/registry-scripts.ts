/**
 * Lua scripts that keep the registry's references whole: a record is created only under a parent
 * that exists, and deleted only when nothing hangs off it. Each runs atomically in Redis, so a
 * building cannot be added to a site while the site is being deleted.
 */

/**
 * Creates a record under its parent, unique by id (and by KEYS[6], the QR code, when given).
 * KEYS: record, index, parent record, parent's child set, change channel[, unique key].
 * ARGV: id, JSON, '1' when the parent must exist.
 */
export const CREATE_RECORD = `
if redis.call('EXISTS', KEYS[1]) == 1 then return 'exists' end
if ARGV[3] == '1' and redis.call('EXISTS', KEYS[3]) == 0 then return 'no_parent' end
if KEYS[6] and not redis.call('SET', KEYS[6], ARGV[1], 'NX') then return 'taken' end
redis.call('SET', KEYS[1], ARGV[2])
redis.call('SADD', KEYS[2], ARGV[1])
redis.call('SADD', KEYS[4], ARGV[1])
redis.call('PUBLISH', KEYS[5], ARGV[1])
return 'created'`

/**
 * Deletes a record unless a dependent is in the way; returns {'deleted'}, {'not_found'} or
 * {'in_use', 'i:id', ...} naming each dependent (i: its position in KEYS after the first four).
 * KEYS: record, index, parent's child set, change channel, n dependents (sets, or strings holding
 * an id), then keys to delete with the record. ARGV: id, n, then 'set' or 'string' per dependent.
 */
export const DELETE_RECORD = `
if redis.call('EXISTS', KEYS[1]) == 0 then return {'not_found'} end
local n = tonumber(ARGV[2])
local blocked = {'in_use'}
for i = 1, n do
  if ARGV[2 + i] == 'set' then
    for _, member in ipairs(redis.call('SMEMBERS', KEYS[4 + i])) do table.insert(blocked, i .. ':' .. member) end
  else
    local value = redis.call('GET', KEYS[4 + i])
    if value then table.insert(blocked, i .. ':' .. value) end
  end
end
if #blocked > 1 then return blocked end
redis.call('DEL', KEYS[1])
redis.call('SREM', KEYS[2], ARGV[1])
redis.call('SREM', KEYS[3], ARGV[1])
for i = 5 + n, #KEYS do redis.call('DEL', KEYS[i]) end
redis.call('PUBLISH', KEYS[4], ARGV[1])
return {'deleted'}`

/**
 * Writes an equipment record keeping its QR code, or giving it the candidate code when it has none
 * (printed stickers stay valid when the fleet is registered again). Returns 'ok' or 'taken'.
 * KEYS: record, index, building's child set, change channel, candidate code's key.
 * ARGV: id, JSON without qrCode, candidate code.
 */
export const PUT_EQUIPMENT = `
local code = nil
local old = redis.call('GET', KEYS[1])
if old then
  local kept = cjson.decode(old).qrCode
  if type(kept) == 'string' then code = kept end
end
if not code then
  if not redis.call('SET', KEYS[5], ARGV[1], 'NX') then return 'taken' end
  code = ARGV[3]
end
local equipment = cjson.decode(ARGV[2])
equipment.qrCode = code
redis.call('SET', KEYS[1], cjson.encode(equipment))
redis.call('SADD', KEYS[2], ARGV[1])
redis.call('SADD', KEYS[3], ARGV[1])
redis.call('PUBLISH', KEYS[4], ARGV[1])
return 'ok'`

/**
 * Gives equipment a new QR code and retires the old one. Returns 'ok', 'not_found' or 'taken'.
 * KEYS: record, new code's key, change channel. ARGV: id, new code, prefix of code keys.
 */
export const ROTATE_QR_CODE = `
local raw = redis.call('GET', KEYS[1])
if not raw then return 'not_found' end
if not redis.call('SET', KEYS[2], ARGV[1], 'NX') then return 'taken' end
local equipment = cjson.decode(raw)
if type(equipment.qrCode) == 'string' then redis.call('DEL', ARGV[3] .. equipment.qrCode) end
equipment.qrCode = ARGV[2]
redis.call('SET', KEYS[1], cjson.encode(equipment))
redis.call('PUBLISH', KEYS[3], ARGV[1])
return 'ok'`

/** Replaces a record that exists. KEYS: record, change channel. ARGV: id, JSON. Returns 'ok' or 'not_found'. */
export const REPLACE_RECORD = `
if redis.call('EXISTS', KEYS[1]) == 0 then return 'not_found' end
redis.call('SET', KEYS[1], ARGV[2])
redis.call('PUBLISH', KEYS[2], ARGV[1])
return 'ok'`
