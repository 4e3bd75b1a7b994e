-- Hyperion policy store: one call runs a batch of operations (reserve, settle, release, usage),
-- each atomic on its own (the script runs alone in Redis). Keys hang off the prefix ARGV[1]:
--   <p>:l:<LEVEL>:<id>    hash  m = minute, r = requests in m, t = tokens in m, c = in flight
--   <p>:b:<budget>:<per>  hash  s = settled spend, r = reserved, f = soft threshold fired (nano-USD)
--   <p>:r:<request id>    what a reservation holds (JSON), freed by settle, release or the sweep
--   <p>:leases            zset  request id -> deadline (ms); expired ones are freed by the sweep
--   <p>:d:<request id>    's' settled / 'x' released, for idempotence (kept a day)
-- ARGV[2] is a JSON array of operations; the answer is a JSON array of results, numbers as strings
-- (cjson prints doubles with 14 digits).
local P = ARGV[1]
local ops = cjson.decode(ARGV[2])
local DONE_TTL = 86400000

local function num(x)
  return tonumber(x) or 0
end

local function int(x)
  return string.format('%.0f', x)
end

local function free(id)
  local rk = P .. ':r:' .. id
  local raw = redis.call('GET', rk)
  if not raw then
    return
  end
  redis.call('DEL', rk)
  redis.call('ZREM', P .. ':leases', id)
  local lease = cjson.decode(raw)
  for _, lk in ipairs(lease.c) do
    local key = P .. ':l:' .. lk
    if redis.call('HINCRBY', key, 'c', -1) < 0 then
      redis.call('HSET', key, 'c', '0')
    end
  end
  return lease
end

local function unreserve(bk, w)
  local key = P .. ':b:' .. bk
  local r = num(redis.call('HGET', key, 'r')) - w
  if r < 0 then
    r = 0
  end
  redis.call('HSET', key, 'r', int(r))
end

local function freeAll(id)
  local lease = free(id)
  if lease then
    for _, bk in ipairs(lease.b) do
      unreserve(bk, lease.w)
    end
  end
end

local function sweep(now)
  local expired = redis.call('ZRANGEBYSCORE', P .. ':leases', '-inf', '(' .. int(now), 'LIMIT', 0, 20)
  for _, id in ipairs(expired) do
    freeAll(id)
    redis.call('SET', P .. ':d:' .. id, 'x', 'PX', DONE_TTL, 'NX')
  end
end

local function budgetState(bk)
  local key = P .. ':b:' .. bk
  local h = redis.call('HMGET', key, 's', 'r')
  return { key = key, s = num(h[1]), r = num(h[2]), new = not h[1] and not h[2] }
end

local function budgetList(states)
  local out = {}
  for i, st in ipairs(states) do
    out[i] = { int(st.s), int(st.r) }
  end
  return out
end

local function reserve(op)
  local lv = {}
  for i, l in ipairs(op.lv) do
    local key = P .. ':l:' .. l.k
    local h = redis.call('HMGET', key, 'm', 'r', 't', 'c')
    local st = { key = key, r = 0, t = 0, c = num(h[4]), roll = true }
    if h[1] and num(h[1]) == op.min then
      st.r = num(h[2])
      st.t = num(h[3])
      st.roll = false
    end
    lv[i] = st
  end
  local bd = {}
  for i, b in ipairs(op.bd) do
    bd[i] = budgetState(b.k)
  end
  local function budgetBreach(c)
    for i, b in ipairs(op.bd) do
      if b.hard == 1 and bd[i].s + bd[i].r + c.c > b.amt then
        return { 'BUDGET', int(i - 1), int(b.amt), int(bd[i].s + bd[i].r) }
      end
    end
    return nil
  end
  local function levelBreach(c)
    for i, l in ipairs(op.lv) do
      local st = lv[i]
      if l.rpm >= 0 and st.r + 1 > l.rpm then
        return { 'REQUESTS', int(i - 1), int(l.rpm), int(st.r) }
      end
      if l.tpm >= 0 and st.t + c.t > l.tpm then
        return { 'TOKENS', int(i - 1), int(l.tpm), int(st.t) }
      end
      if l.cc >= 0 and st.c + 1 > l.cc then
        return { 'CONCURRENCY', int(i - 1), int(l.cc), int(st.c) }
      end
    end
    return nil
  end
  local fits = {}
  for ci, c in ipairs(op.cd) do
    fits[ci] = budgetBreach(c) == nil
  end
  local function levelList()
    local out = {}
    for i, st in ipairs(lv) do
      out[i] = { int(st.r), int(st.t), int(st.c) }
    end
    return out
  end
  for ci, c in ipairs(op.cd) do
    if fits[ci] and levelBreach(c) == nil then
      local conc = {}
      for i, l in ipairs(op.lv) do
        local st = lv[i]
        st.r = st.r + 1
        st.t = st.t + c.t
        redis.call('HSET', st.key, 'm', int(op.min), 'r', int(st.r), 't', int(st.t))
        if l.cc >= 0 then
          st.c = st.c + 1
          redis.call('HINCRBY', st.key, 'c', 1)
          table.insert(conc, l.k)
        end
        if st.roll then
          redis.call('PEXPIRE', st.key, DONE_TTL)
        end
      end
      local held = {}
      for i, b in ipairs(op.bd) do
        bd[i].r = bd[i].r + c.c
        redis.call('HSET', bd[i].key, 'r', int(bd[i].r))
        if b.ttl > 0 and bd[i].new then
          redis.call('EXPIRE', bd[i].key, b.ttl)
        end
        table.insert(held, b.k)
      end
      if #conc > 0 or #held > 0 then
        local lease = cjson.encode({ c = conc, b = held, w = c.c })
        redis.call('SET', P .. ':r:' .. op.id, lease, 'PX', int(op.dl - op.now + DONE_TTL))
        redis.call('ZADD', P .. ':leases', int(op.dl), op.id)
      end
      return { ok = 1, i = int(ci - 1), lv = levelList(), fit = fits, bd = budgetList(bd) }
    end
  end
  local breach = levelBreach(op.cd[1]) or budgetBreach(op.cd[1])
  return { ok = 0, br = breach, lv = levelList(), fit = fits }
end

local function settle(op)
  local dk = P .. ':d:' .. op.id
  local mark = redis.call('GET', dk)
  if mark == 's' then
    local bd = {}
    for i, b in ipairs(op.bd) do
      bd[i] = budgetState(b.k)
    end
    return { dup = 1, x = {}, bd = budgetList(bd) }
  end
  local lease = nil
  if not mark then
    lease = free(op.id)
  end
  for _, lk in ipairs(op.lv) do
    local key = P .. ':l:' .. lk
    local h = redis.call('HMGET', key, 'm', 't')
    if h[1] and num(h[1]) == op.min then
      local t = num(h[2]) + op.at - op.rt
      if t < 0 then
        t = 0
      end
      redis.call('HSET', key, 't', int(t))
    end
  end
  local crossed = {}
  local bd = {}
  for i, b in ipairs(op.bd) do
    local st = budgetState(b.k)
    if lease then
      st.r = st.r - lease.w
      if st.r < 0 then
        st.r = 0
      end
    end
    st.s = st.s + op.cost
    redis.call('HSET', st.key, 's', int(st.s), 'r', int(st.r))
    if b.ttl > 0 and st.new then
      redis.call('EXPIRE', st.key, b.ttl)
    end
    if b.thr >= 0 and st.s >= b.thr and redis.call('HSETNX', st.key, 'f', '1') == 1 then
      table.insert(crossed, int(i - 1))
    end
    bd[i] = st
  end
  redis.call('SET', dk, 's', 'PX', DONE_TTL)
  return { dup = 0, x = crossed, bd = budgetList(bd) }
end

local function release(op)
  local dk = P .. ':d:' .. op.id
  if redis.call('EXISTS', dk) == 1 then
    return { ok = 0 }
  end
  freeAll(op.id)
  redis.call('SET', dk, 'x', 'PX', DONE_TTL)
  return { ok = 1 }
end

-- One sweep per call, at the latest time any operation of the batch reports.
local latest = 0
for _, op in ipairs(ops) do
  if op.now and op.now > latest then
    latest = op.now
  end
end
if latest > 0 then
  sweep(latest)
end

local results = {}
for i, op in ipairs(ops) do
  if op.op == 'reserve' then
    results[i] = reserve(op)
  elseif op.op == 'settle' then
    results[i] = settle(op)
  elseif op.op == 'release' then
    results[i] = release(op)
  elseif op.op == 'usage' then
    local st = budgetState(op.k)
    results[i] = { s = int(st.s), r = int(st.r) }
  else
    results[i] = { err = 'unknown operation' }
  end
end
return cjson.encode(results)
