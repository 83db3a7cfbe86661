// A real OAuth 2.0 authorization server for Roomwarden's interop tests: oidc-provider (pinned in
// package-lock.json) on 127.0.0.1 at a random port, configured like a standards-following
// platform that a desktop app signs in to as a *public native client*:
//  - authorization code + PKCE S256 required (RFC 7636), loopback redirect on any port
//    (RFC 8252 §7.3), refresh tokens with rotation and reuse detection (RFC 6749 §6, RFC 9700),
//  - device authorization grant (RFC 8628), revocation (RFC 7009), introspection (RFC 7662);
//  - custom API scopes through a resource server (resourceIndicators), no OpenID scopes needed.
//
// Usage: node tests/interop/oauth-server.mjs
// Prints ONE JSON line on stdout ({issuer, port, client_id, device_client_id, ...}), then serves
// until stdin closes or SIGTERM/SIGINT arrives. Everything listens on and talks to 127.0.0.1 only.
//
// Test-only control endpoints on the same server (loopback, no credentials, never in a product):
//   POST /test/mode    JSON {deny, slowDownMs, deviceCodeTtl, advertisedExpiresIn,
//                            accessTokenTtl, reset}  -> the mode now in force
//   GET  /test/stats   counters: slow_down replies, token requests per grant type, errors
//   POST /test/device  JSON {user_code, deny} -> approves or aborts a device user code by
//                      walking the real /device pages (GET, then POST with xsrf + user_code)
// The approval "user" is a middleware on /interaction/:uid that signs in as `test-account` and
// grants every requested scope, or answers access_denied while mode.deny is set.
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { createServer } from 'node:http';

import Provider from 'oidc-provider';

const kHost = '127.0.0.1';
const kAccount = 'test-account';
const kResource = 'urn:roomwarden:interop-api';
// Scope names shaped like the platform's so the client's scope parser treats them as usual.
const kScopes = 'user:read:chat moderator:read:followers moderator:manage:banned_users';
const kNativeClient = 'roomwarden-interop-native';
const kDeviceClient = 'roomwarden-interop-device';
const kDeviceGrant = 'urn:ietf:params:oauth:grant-type:device_code';

const defaults = Object.freeze({
  deny: false,
  slowDownMs: 0, // >0: a device-code poll sooner than this after the previous one gets slow_down
  deviceCodeTtl: 600, // seconds (RFC 8628 §3.2 expires_in)
  advertisedExpiresIn: null, // when set, the device reply claims this expires_in instead
  accessTokenTtl: 3600,
});
let mode = { ...defaults };
let stats = freshStats();
const lastPoll = new Map(); // device_code -> ms of the previous poll (slow_down bookkeeping)

function freshStats() {
  return { slowDowns: 0, tokenRequests: {}, tokenErrors: {}, revocations: 0 };
}

function log(...args) {
  // stdout carries exactly one JSON line; everything else goes to stderr.
  process.stderr.write(`[oauth-server] ${args.join(' ')}\n`);
}

// oidc-provider prints notices through console.info/log: keep stdout for the one JSON line.
for (const level of ['log', 'info', 'warn', 'debug']) {
  console[level] = (...args) => log(...args);
}

async function readBody(req) {
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  return Buffer.concat(chunks).toString('utf8');
}

const httpServer = createServer();
await new Promise((resolve, reject) => {
  httpServer.once('error', reject);
  httpServer.listen(0, kHost, resolve);
});
const { port } = httpServer.address();
const issuer = `http://${kHost}:${port}`;

// A signing key made at start (nothing secret is checked in); RS256 is the clients' default.
const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const signingKey = { ...privateKey.export({ format: 'jwk' }), kid: 'interop', use: 'sig', alg: 'RS256' };

const provider = new Provider(issuer, {
  clients: [
    {
      client_id: kNativeClient,
      application_type: 'native',
      token_endpoint_auth_method: 'none',
      // RFC 8252 §7.3: any port on the loopback IP; oidc-provider rejects `localhost` here.
      redirect_uris: [`http://${kHost}/callback`],
      grant_types: ['authorization_code', 'refresh_token'],
      response_types: ['code'],
    },
    {
      client_id: kDeviceClient,
      application_type: 'native',
      token_endpoint_auth_method: 'none',
      redirect_uris: [],
      grant_types: [kDeviceGrant, 'refresh_token'],
      response_types: [],
    },
  ],
  jwks: { keys: [signingKey] },
  cookies: { keys: [randomBytes(32).toString('base64url')] },
  pkce: { required: () => true }, // and only S256 is accepted by this version
  features: {
    devInteractions: { enabled: false },
    deviceFlow: { enabled: true },
    revocation: { enabled: true },
    introspection: { enabled: true },
    resourceIndicators: {
      enabled: true,
      defaultResource: () => kResource,
      useGrantedResource: () => true,
      getResourceServerInfo: (ctx, indicator) => {
        if (indicator !== kResource) throw new Provider.errors.InvalidTarget();
        return { scope: kScopes, accessTokenFormat: 'opaque', accessTokenTTL: mode.accessTokenTtl };
      },
    },
  },
  issueRefreshToken: (ctx, client) => client.grantTypeAllowed('refresh_token'),
  rotateRefreshToken: true,
  ttl: {
    DeviceCode: () => mode.deviceCodeTtl,
    AccessToken: () => mode.accessTokenTtl,
    RefreshToken: () => 24 * 60 * 60,
    Grant: () => 24 * 60 * 60,
    Interaction: () => 10 * 60,
    Session: () => 24 * 60 * 60,
  },
  findAccount: (ctx, sub) => ({ accountId: sub, claims: () => ({ sub }) }),
  interactions: { url: (ctx, interaction) => `/interaction/${interaction.uid}` },
});

for (const event of ['authorization.error', 'resume.error', 'interaction.error', 'code_verification.error']) {
  provider.on(event, (ctx, err) => log(event, err?.error ?? '', err?.error_description ?? err?.message ?? ''));
}
provider.on('server_error', (ctx, err) => log('server_error', err?.stack ?? err));
provider.on('grant.error', (ctx, err) => {
  const name = err?.error ?? 'unknown';
  stats.tokenErrors[name] = (stats.tokenErrors[name] ?? 0) + 1;
});

// --- the non-interactive "user" ---------------------------------------------------------------
async function approveInteraction(ctx) {
  const details = await provider.interactionDetails(ctx.req, ctx.res);
  let result;
  if (mode.deny) {
    result = { error: 'access_denied', error_description: 'the test user declined' };
  } else if (details.prompt.name === 'login') {
    result = { login: { accountId: kAccount } };
  } else {
    const { params, session, prompt } = details;
    const grant = details.grantId
      ? await provider.Grant.find(details.grantId)
      : new provider.Grant({ accountId: session.accountId, clientId: params.client_id });
    const missing = prompt.details;
    if (missing.missingOIDCScope) grant.addOIDCScope(missing.missingOIDCScope.join(' '));
    if (missing.missingOIDCClaims) grant.addOIDCClaims(missing.missingOIDCClaims);
    for (const [indicator, scopes] of Object.entries(missing.missingResourceScopes ?? {})) {
      grant.addResourceScope(indicator, scopes.join(' '));
    }
    result = { consent: { grantId: await grant.save() } };
  }
  const returnTo = await provider.interactionResult(ctx.req, ctx.res, result, {
    mergeWithLastSubmission: true,
  });
  ctx.status = 303;
  ctx.redirect(returnTo);
}

// --- the device-code "user": walks the real verification pages over loopback --------------------
function cookieJar() {
  const jar = new Map();
  return {
    take(res) {
      for (const line of res.headers.getSetCookie()) {
        const [pair] = line.split(';');
        const eq = pair.indexOf('=');
        jar.set(pair.slice(0, eq).trim(), pair.slice(eq + 1).trim());
      }
    },
    header() {
      return [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
    },
  };
}

async function browse(jar, url, init = {}) {
  // Follows redirects by hand so cookies travel; every hop must stay on this server.
  let next = new URL(url, issuer);
  let options = init;
  for (let hop = 0; hop < 20; hop += 1) {
    if (next.origin !== issuer) throw new Error(`refusing to leave the loopback issuer: ${next.origin}`);
    const res = await fetch(next, {
      ...options,
      redirect: 'manual',
      headers: { ...(options.headers ?? {}), cookie: jar.header() },
    });
    jar.take(res);
    const location = res.headers.get('location');
    if (res.status >= 300 && res.status < 400 && location) {
      next = new URL(location, next);
      options = {};
      continue;
    }
    return { status: res.status, text: await res.text() };
  }
  throw new Error('too many redirects');
}

async function confirmDeviceCode(userCode, deny) {
  const jar = cookieJar();
  const page = await browse(jar, '/device');
  const xsrf = /name="xsrf" value="([^"]+)"/.exec(page.text)?.[1];
  if (!xsrf) throw new Error('no xsrf on the device page');
  const form = new URLSearchParams({ xsrf, user_code: userCode });
  if (deny) form.set('abort', 'yes');
  else form.set('confirm', 'yes');
  const done = await browse(jar, '/device', {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: form.toString(),
  });
  // The page text differs per outcome; the device code's own state is the reliable answer.
  const normalized = userCode.replace(/[^a-z0-9]/gi, '').toUpperCase();
  const code = await provider.DeviceCode.findByUserCode(normalized, { ignoreExpiration: true });
  const ok = deny ? code?.error === 'access_denied' : Boolean(code?.accountId && code?.grantId);
  return { status: done.status, ok };
}

// --- test middleware (runs before oidc-provider's own routes) -----------------------------------
provider.use(async (ctx, next) => {
  if (process.env.OAS_DEBUG) log('REQ', ctx.method, ctx.path, ctx.get('cookie').replace(/=[^;]*/g, ''));
  if (ctx.path.startsWith('/test/')) {
    ctx.set('cache-control', 'no-store');
    if (ctx.method === 'POST' && ctx.path === '/test/mode') {
      const body = JSON.parse((await readBody(ctx.req)) || '{}');
      if (body.reset) {
        mode = { ...defaults };
        stats = freshStats();
        lastPoll.clear();
      }
      for (const key of Object.keys(defaults)) {
        if (key in body) mode[key] = body[key];
      }
      ctx.body = mode;
      return;
    }
    if (ctx.method === 'GET' && ctx.path === '/test/stats') {
      ctx.body = stats;
      return;
    }
    if (ctx.method === 'POST' && ctx.path === '/test/device') {
      const body = JSON.parse((await readBody(ctx.req)) || '{}');
      ctx.body = await confirmDeviceCode(String(body.user_code ?? ''), Boolean(body.deny));
      return;
    }
    ctx.status = 404;
    return;
  }

  if (ctx.method === 'GET' && /^\/interaction\/[^/]+$/.test(ctx.path)) {
    await approveInteraction(ctx);
    return;
  }

  if (ctx.method === 'POST' && ctx.path === '/token') {
    // Read the form here to count grant types and to answer slow_down, which oidc-provider
    // does not do by itself (RFC 8628 §3.5 makes it the server's choice). oidc-provider then
    // reads the already-parsed body from req.body (its documented fallback).
    const raw = await readBody(ctx.req);
    ctx.req.body = raw;
    const form = new URLSearchParams(raw);
    const grantType = form.get('grant_type') ?? '';
    stats.tokenRequests[grantType] = (stats.tokenRequests[grantType] ?? 0) + 1;
    if (grantType === kDeviceGrant && mode.slowDownMs > 0) {
      const code = form.get('device_code') ?? '';
      const now = Date.now();
      const previous = lastPoll.get(code);
      lastPoll.set(code, now);
      if (previous !== undefined && now - previous < mode.slowDownMs) {
        stats.slowDowns += 1;
        ctx.status = 400;
        ctx.set('cache-control', 'no-store');
        ctx.body = { error: 'slow_down', error_description: 'polling faster than allowed' };
        return;
      }
    }
    await next();
    return;
  }

  await next();

  if (ctx.method === 'POST' && ctx.path === '/token/revocation' && ctx.status === 200) {
    stats.revocations += 1; // oidc-provider emits no success event for revocation
  }
  if (ctx.method === 'POST' && ctx.path === '/device/auth' && ctx.status === 200 && ctx.body) {
    if (mode.advertisedExpiresIn !== null) ctx.body.expires_in = mode.advertisedExpiresIn;
  }
});

httpServer.on('request', provider.callback());

process.stdout.write(`${JSON.stringify({
  issuer,
  port,
  client_id: kNativeClient,
  device_client_id: kDeviceClient,
  scopes: kScopes,
  resource: kResource,
  authorization_endpoint: `${issuer}/auth`,
  token_endpoint: `${issuer}/token`,
  device_authorization_endpoint: `${issuer}/device/auth`,
  revocation_endpoint: `${issuer}/token/revocation`,
  introspection_endpoint: `${issuer}/token/introspection`,
  control: `${issuer}/test`,
})}\n`);

let stopping = false;
function stop(why) {
  if (stopping) return;
  stopping = true;
  log('stopping:', why);
  httpServer.close(() => process.exit(0));
  httpServer.closeAllConnections();
  setTimeout(() => process.exit(0), 2000).unref();
}
process.stdin.on('end', () => stop('stdin closed'));
process.stdin.on('close', () => stop('stdin closed'));
process.stdin.resume();
process.on('SIGTERM', () => stop('SIGTERM'));
process.on('SIGINT', () => stop('SIGINT'));
