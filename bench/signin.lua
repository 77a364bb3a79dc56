-- wrk script for scripts/bench.sh: every request is a successful sign-in,
-- of the demo practitioners in turn (successful sign-ins are not throttled;
-- failed ones would be, and would measure the throttle instead of argon2).
-- Several accounts, because every attempt is counted before its password is
-- checked: more than five sign-ins of one username in flight at once are
-- refused (auth/throttle.rs), whatever their password.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"

local accounts = {
  { "physician", "zhangwei" }, { "physician", "wangfang" }, { "physician", "liqiang" },
  { "physician", "chenjie" }, { "physician", "xuming" }, { "nurse", "lina" },
  { "nurse", "liuyang" }, { "nurse", "zhouting" },
}
local next_one = 0

request = function()
  next_one = next_one % #accounts + 1
  local system, username = accounts[next_one][1], accounts[next_one][2]
  return wrk.format(nil, nil, nil,
    string.format('{"system":"%s","username":"%s","password":"Demo#2026pass"}', system, username))
end
