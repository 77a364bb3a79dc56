-- wrk script for scripts/bench.sh: every request is a successful sign-in of
-- the demo physician zhangwei (successful sign-ins are not throttled; failed
-- ones would be, and would measure the throttle instead of argon2).
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"system":"physician","username":"zhangwei","password":"Demo#2026pass"}'
