"""Plays Tencent Cloud SMS (API 3.0 SendSms) for the API tests, checking each
request's TC3-HMAC-SHA256 signature the way Tencent Cloud's "Signature v3"
documentation describes it, written here independently of the server's Rust
code (Python's hashlib and hmac).

Usage: tencent_sms.py SECRET_ID SECRET_KEY. Prints "PORT <n>", then one JSON
line per request: {"ok": bool, "action", "headers", "body"}. Answers like the
API: a SendStatusSet with Code "Ok", or Response.Error with
AuthFailure.SignatureFailure / AuthFailure.SecretIdNotFound.
"""

import datetime
import hashlib
import hmac
import json
import sys
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

SECRET_ID, SECRET_KEY = sys.argv[1], sys.argv[2]


def sign(key, msg):
    return hmac.new(key, msg.encode("utf-8"), hashlib.sha256).digest()


def expected_authorization(headers, payload):
    timestamp = int(headers["X-TC-Timestamp"])
    date = datetime.datetime.fromtimestamp(timestamp, datetime.timezone.utc).strftime("%Y-%m-%d")
    service = "sms"
    canonical_headers = "content-type:%s\nhost:%s\n" % (headers["Content-Type"], headers["Host"])
    signed_headers = "content-type;host"
    canonical_request = "POST\n/\n\n%s\n%s\n%s" % (
        canonical_headers,
        signed_headers,
        hashlib.sha256(payload).hexdigest(),
    )
    scope = "%s/%s/tc3_request" % (date, service)
    string_to_sign = "TC3-HMAC-SHA256\n%d\n%s\n%s" % (
        timestamp,
        scope,
        hashlib.sha256(canonical_request.encode("utf-8")).hexdigest(),
    )
    secret_date = sign(("TC3" + SECRET_KEY).encode("utf-8"), date)
    secret_service = sign(secret_date, service)
    secret_signing = sign(secret_service, "tc3_request")
    signature = hmac.new(secret_signing, string_to_sign.encode("utf-8"), hashlib.sha256).hexdigest()
    return "TC3-HMAC-SHA256 Credential=%s/%s, SignedHeaders=%s, Signature=%s" % (
        SECRET_ID,
        scope,
        signed_headers,
        signature,
    )


class Handler(BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def do_POST(self):
        payload = self.rfile.read(int(self.headers.get("Content-Length", "0")))
        request_id = str(uuid.uuid4())
        try:
            given = self.headers.get("Authorization", "")
            ok = hmac.compare_digest(given, expected_authorization(self.headers, payload))
            if not given.startswith("TC3-HMAC-SHA256 Credential=%s/" % SECRET_ID):
                error = ("AuthFailure.SecretIdNotFound", "The SecretId is not found.")
            elif not ok:
                error = ("AuthFailure.SignatureFailure", "The provided credentials could not be validated.")
            else:
                error = None
        except Exception as e:  # a missing header
            ok, error = False, ("AuthFailure.SignatureFailure", "bad request: %r" % e)
        body = json.loads(payload or b"{}")
        print(
            json.dumps(
                {
                    "ok": ok,
                    "action": self.headers.get("X-TC-Action"),
                    "version": self.headers.get("X-TC-Version"),
                    "headers": {k: v for k, v in self.headers.items()},
                    "body": body,
                },
                ensure_ascii=False,
            ),
            flush=True,
        )
        if error:
            answer = {"Response": {"Error": {"Code": error[0], "Message": error[1]}, "RequestId": request_id}}
        else:
            answer = {
                "Response": {
                    "SendStatusSet": [
                        {
                            "SerialNo": uuid.uuid4().hex,
                            "PhoneNumber": number,
                            "Fee": 1,
                            "SessionContext": body.get("SessionContext", ""),
                            "Code": "Ok",
                            "Message": "send success",
                            "IsoCode": "CN",
                        }
                        for number in body.get("PhoneNumberSet", [])
                    ],
                    "RequestId": request_id,
                }
            }
        data = json.dumps(answer).encode("utf-8")
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)


def main():
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    print("PORT %d" % server.server_address[1], flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
