"""Drives a running `cognito-device-mock serve` endpoint with boto3, as an unmodified Python client would.

Usage: python3 boto3_client.py '<config JSON>'

config: {"endpoint", "region", "poolId", "username", "accessToken", "keys": [remembered device keys, >= 3]}

Runs a fixed sequence of calls and prints one JSON document: for each step either {"ok": <result>} or
{"error": {...}} with botocore's view of the error (ClientError response['Error'], HTTP status, headers).
Dates are printed as ISO 8601 in UTC, as boto3 parsed them. The test (test/cli.test.ts) asserts on it.
"""

import json
import sys
from datetime import timezone

import boto3
import botocore
from botocore.config import Config
from botocore.exceptions import ClientError, ParamValidationError

MISSING_KEY = "us-east-1_00000000-0000-4000-8000-000000000000"


def plain(value):
    """boto3's answer as JSON-safe data: datetimes in UTC ISO form, ResponseMetadata dropped."""
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items() if k != "ResponseMetadata"}
    if isinstance(value, list):
        return [plain(v) for v in value]
    if hasattr(value, "astimezone"):
        return value.astimezone(timezone.utc).isoformat()
    return value


def main():
    config = json.loads(sys.argv[1])
    client = boto3.client(
        "cognito-idp",
        endpoint_url=config["endpoint"],
        region_name=config["region"],
        # Admin calls are SigV4-signed; any key passes unless the server runs with --strict-credentials.
        aws_access_key_id="AKIDEXAMPLE",
        aws_secret_access_key="wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
        config=Config(retries={"max_attempts": 1}, connect_timeout=5, read_timeout=10),
    )
    token = config["accessToken"]
    pool, user = config["poolId"], config["username"]
    k1, k2, k3 = config["keys"][:3]
    out = {"versions": {"boto3": boto3.__version__, "botocore": botocore.__version__, "python": sys.version.split()[0]}}

    def step(name, call):
        try:
            response = call()
            meta = response.get("ResponseMetadata", {})
            out[name] = {
                "ok": plain(response),
                "status": meta.get("HTTPStatusCode"),
                "headers": meta.get("HTTPHeaders", {}),
            }
        except ClientError as error:
            meta = error.response.get("ResponseMetadata", {})
            out[name] = {
                "error": {
                    "class": type(error).__name__,
                    "code": error.response["Error"]["Code"],
                    "message": error.response["Error"]["Message"],
                    "status": meta.get("HTTPStatusCode"),
                    "requestId": meta.get("RequestId"),
                    "errorTypeHeader": meta.get("HTTPHeaders", {}).get("x-amzn-errortype"),
                    "str": str(error),
                }
            }
        except ParamValidationError as error:
            out[name] = {"paramValidation": str(error)}

    def pages(call, limit):
        """Follows PaginationToken to the end: [{keys, token?}] per page."""
        result, kwargs = [], {"Limit": limit}
        for _ in range(100):
            response = call(**kwargs)
            page = {"keys": [d["DeviceKey"] for d in response["Devices"]]}
            if "PaginationToken" in response:
                page["token"] = response["PaginationToken"]
            result.append(page)
            if "PaginationToken" not in response:
                break
            kwargs = {"Limit": limit, "PaginationToken": response["PaginationToken"]}
        return {"pages": result}

    step("list", lambda: client.list_devices(AccessToken=token))
    step("pages", lambda: pages(lambda **kw: client.list_devices(AccessToken=token, **kw), 2))
    step("adminPages", lambda: pages(lambda **kw: client.admin_list_devices(UserPoolId=pool, Username=user, **kw), 3))
    step("get", lambda: client.get_device(AccessToken=token, DeviceKey=k1))
    step("adminGet", lambda: client.admin_get_device(UserPoolId=pool, Username=user, DeviceKey=k1))
    step("getMissing", lambda: client.get_device(AccessToken=token, DeviceKey=MISSING_KEY))
    step("limit61", lambda: client.list_devices(AccessToken=token, Limit=61))
    step("limitMinus1", lambda: client.list_devices(AccessToken=token, Limit=-1))
    step("badToken", lambda: client.list_devices(AccessToken="not.a.token"))
    step("badPaginationToken", lambda: client.list_devices(AccessToken=token, PaginationToken="garbage"))
    step("unknownPool", lambda: client.admin_list_devices(UserPoolId="us-east-1_NoSuchPool", Username=user))

    # Remembered status: a user no longer sees a not-remembered device; an admin still does.
    step("updateNotRemembered", lambda: client.update_device_status(AccessToken=token, DeviceKey=k1, DeviceRememberedStatus="not_remembered"))
    step("getAfterUpdate", lambda: client.get_device(AccessToken=token, DeviceKey=k1))
    step("adminGetAfterUpdate", lambda: client.admin_get_device(UserPoolId=pool, Username=user, DeviceKey=k1))
    step("adminUpdateRemembered", lambda: client.admin_update_device_status(UserPoolId=pool, Username=user, DeviceKey=k1, DeviceRememberedStatus="remembered"))
    step("getAfterAdminUpdate", lambda: client.get_device(AccessToken=token, DeviceKey=k1))

    # Forgetting deletes: empty body, then `Device does not exist.` for everyone.
    step("forget", lambda: client.forget_device(AccessToken=token, DeviceKey=k2))
    step("getAfterForget", lambda: client.get_device(AccessToken=token, DeviceKey=k2))
    step("adminForget", lambda: client.admin_forget_device(UserPoolId=pool, Username=user, DeviceKey=k3))
    step("adminGetAfterAdminForget", lambda: client.admin_get_device(UserPoolId=pool, Username=user, DeviceKey=k3))
    step("listAfter", lambda: client.list_devices(AccessToken=token))

    print(json.dumps(out))


if __name__ == "__main__":
    main()
