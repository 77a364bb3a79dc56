"""Schemathesis hooks of scripts/schemathesis.sh: the session cookies.

The script signs in once before the run (a practitioner and an institution
admin) and passes the two session tokens in PORTAL_PRACTITIONER_SESSION and
PORTAL_ADMIN_SESSION. Signing in again during the run would meet the sign-in
throttle (per client IP), which the fuzzed sign-in requests trip on purpose,
so the tokens are fixed for the whole run.

- practitioner operations (`/api/v1/me*`, `/api/v1/applications*`,
  `/api/v1/license`) carry the practitioner's cookie;
- institution operations (`/api/v1/institution/*` but the sign-in/out) carry
  the admin's cookie;
- public operations carry none, so `DELETE .../session` signs nobody out.
"""

import os

import schemathesis

COOKIE = "portal_session"


class _FixedSession:
    env = ""

    def get(self, case, context):
        return os.environ[self.env]

    def set(self, case, data, context):
        case.cookies = dict(case.cookies or {})
        case.cookies[COOKIE] = data


@schemathesis.auth(refresh_interval=None).apply_to(
    path_regex=r"^/api/v1/(me(/.*)?|applications(/.*)?|license)$"
)
class PractitionerSession(_FixedSession):
    env = "PORTAL_PRACTITIONER_SESSION"


@schemathesis.auth(refresh_interval=None).apply_to(
    path_regex=r"^/api/v1/institution/(?!session$).+"
)
class AdminSession(_FixedSession):
    env = "PORTAL_ADMIN_SESSION"
