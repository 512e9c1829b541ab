/*
 * The help of `cognito-device-mock serve`, apart from the command line's reading (src/cli.ts): the flags, what
 * the server prints, and examples. Tests check that every flag the CLI reads is named here.
 */
import { DEFAULT_LOCAL_HOST, DEFAULT_LOCAL_PORT } from './local-endpoint.ts'

/**
 * The text of `serve --help`, for the command `name`.
 *
 * @example
 * process.stdout.write(serveUsage('cognito-device-mock'))
 */
export function serveUsage(NAME: string): string {
  return `Usage: ${NAME} serve [options]

Serves the Cognito user-pools device API (all nine device operations) on a local HTTP endpoint, from a
seeded, stateful mock. Prints the endpoint, the seeded pools, users, fresh access tokens and device keys,
then each SMS or email code (MFA) as it is sent, one line each:
  ✉ SMS to +15555550123 for ada (us-east-1_AbC123xYz): 123456
It prints each user's password and each app client's id (and secret), for the sign-in operations too:
InitiateAuth (USER_PASSWORD_AUTH, USER_SRP_AUTH, REFRESH_TOKEN_AUTH), RespondToAuthChallenge, then
ConfirmDevice, UpdateDeviceStatus and the other device calls with the AccessToken it returns. A client with
a secret needs SECRET_HASH = Base64(HMAC-SHA256(secret, username + client id)).
Control API (for tests in any language): /_cognito-device-mock/requests, /scenario, /reset, /clock, /outbox.
Its tokens and signing keys are for tests, not secrets: anyone with the package and the seed can sign
tokens it accepts (README, "Tokens are not secrets").

Options:
  --port N                      port to listen on (default ${DEFAULT_LOCAL_PORT}; 0 = any free port)
  --host H                      interface to listen on (default ${DEFAULT_LOCAL_HOST})
  --seed S                      seed of the world and of every generated value (default 1); a whole
                                number is used as a number, anything else as a string
  --region R                    region of the seeded pools (default us-east-1)
  --now ISO                     the reference date (default 2026-01-15T09:30:00.000Z)
  --clock logical|wall          logical (default): deterministic time; wall: real time
  --world FILE                  the seeded world from a JSON file: its shape, or the pools, users and
                                devices themselves, partly described (createCognitoMock's world option,
                                without factories), e.g. {"pools": [{"name": "Acme", "users":
                                [{"username": "ada", "password": "Secret-123!"}, 4]}]}
  --pools N                     how many user pools to seed (default 1); their device remembering
                                cycles user-opt-in, always, off. Overrides the file's "pools" count;
                                refused if the file lists its pools
  --users N                     users of each pool whose "users" the file does not give (default 5);
                                overrides the file's "usersPerPool"
  --devices N|MIN-MAX           generated devices of each user the file does not give devices to (default
                                0-8), e.g. 2 or 0-20; overrides the file's "devicesPerUser"
  --faker-locale CODE           the locale the seeded world speaks, one of faker's: de, en_GB, fr, ja,
                                pt_BR, … (default: the mock's own light word lists)
  --allow-host NAME             also answer requests whose Host is NAME (repeatable; ".example.test" =
                                it and every name under it, "*" = any). Only localhost, *.localhost and
                                this server's own addresses pass by default; any other Host gets a 403,
                                so that a web page cannot reach the server by DNS rebinding
  --allow-origin ORIGIN         also let pages of ORIGIN (https://app.example.test:8443) call the server
                                from a browser (repeatable; "*" = any page). By default only pages of
                                http(s)://localhost, *.localhost, 127.0.0.1 and [::1], any port: a
                                request from another page gets a 403, so a site you visit cannot drive it
  --strict-credentials AKID:SECRET
                                verify SigV4 signatures of admin calls against these credentials
                                (repeatable); without it any well-formed signature passes. Either
                                way a signature must cover X-Amz-Target, be scoped to the pool's
                                region and be dated within 15 minutes of now, as AWS requires
  --scenario NAME|JSON          a scenario active from the start and after each reset: preset names
                                separated by commas (slow-network,flaky), or JSON (a scenario, a rule
                                or a list of rules), as the browser's ?cognito-scenario= takes
  --state FILE                  keep the state (devices, tokens, revocations, sign-ins) in FILE: restored
                                at start, saved atomically after changes and on exit. A missing FILE
                                is made (its directory must exist); one that is not a state file, or
                                was saved with another --seed, is refused and left untouched
  --json                        print the startup summary as one JSON document on one line (each
                                user's ID and refresh tokens too, beside the access token), and
                                each code sent as a JSON line {"outbox": {…, "code": "123456"}}
  -h, --help                    print this help
  --version                     print the version

Examples:
  ${NAME} serve --port 4566 --seed 42
  ${NAME} serve --pools 2 --users 50 --devices 0-8
  ${NAME} serve --world world.json --faker-locale de
  ${NAME} serve --host 0.0.0.0 --allow-host cognito --allow-origin https://app.example.test
  ${NAME} serve --scenario throttled
  ${NAME} serve --state .cognito/state.json
  aws cognito-idp initiate-auth --endpoint-url http://127.0.0.1:4566 --region us-east-1 --auth-flow USER_PASSWORD_AUTH --client-id "$CLIENT_ID" --auth-parameters USERNAME="$USERNAME",PASSWORD="$PASSWORD"
  aws cognito-idp list-devices --endpoint-url http://127.0.0.1:4566 --region us-east-1 --access-token "$TOKEN"
`
}
