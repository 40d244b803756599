// Sign-in at the office's identity provider (docs/console.md, "Signing in through the identity
// provider"): the OpenID Connect authorization code flow with PKCE, state and nonce, as a public
// client, through oauth4webapi (vendor/oauth.js, built from src/main/web). Offered only when
// GET /api/v1/review/session/options names a provider.
//
// What is kept where: the PKCE verifier, the state and the nonce sit in sessionStorage only
// across the redirect to the provider and back, and are removed the moment this module loads
// again, before anything else runs; the code and state are removed from the address at the same
// moment. The access token is handed to console.js, which keeps it in memory like a password
// session's; the refresh token, if the provider gives one, stays in this module's memory, and is
// used a minute before the access token expires. Nothing of it is ever written anywhere.

import * as oauth from './vendor/oauth.js';

const OPTIONS = '/api/v1/review/session/options';
const PENDING = 'tipline.office.provider';
const REFRESH_MARGIN_MS = 60_000;
const CALLBACK = ['code', 'state', 'iss', 'error', 'error_description', 'error_uri', 'session_state'];

let settings = null; // {issuer, clientId, scope, name}
let server = null; // the provider's metadata, from its discovery document
let hooks = null; // from console.js: {t, enter(token), token(token), ended(), refused(text)}
let refreshToken = null;
let timer = null;
let generation = 0; // bumped by forget(): a refresh that answers after a sign-out is dropped

// A return from the provider: take what the redirect left, and clear it from storage and the
// address at once (the language the sign-in started in goes back into the address).
let returning = (() => {
  let stored = null;
  try {
    stored = sessionStorage.getItem(PENDING);
    sessionStorage.removeItem(PENDING);
  } catch (e) {
    stored = null;
  }
  const here = new URL(window.location.href);
  if (!CALLBACK.some((name) => here.searchParams.has(name))) {
    return null;
  }
  let pending = null;
  try {
    pending = JSON.parse(stored);
  } catch (e) {
    pending = null;
  }
  const clean = new URL(here.href);
  CALLBACK.forEach((name) => clean.searchParams.delete(name));
  if (pending && typeof pending.lang === 'string' && !clean.searchParams.has('lang')) {
    clean.searchParams.set('lang', pending.lang);
  }
  window.history.replaceState(null, '', clean.pathname + clean.search);
  return { callback: here, pending };
})();

function redirectUri() {
  return new URL('/office/', window.location.origin).href;
}

function client() {
  return { client_id: settings.clientId };
}

/** Plain http is allowed only where tipline allowed it: an issuer on the loopback address. */
function requestOptions() {
  return new URL(settings.issuer).protocol === 'http:' ? { [oauth.allowInsecureRequests]: true } : {};
}

async function discover() {
  if (!server) {
    const issuer = new URL(settings.issuer);
    const response = await oauth.discoveryRequest(issuer, { algorithm: 'oidc', ...requestOptions() });
    server = await oauth.processDiscoveryResponse(issuer, response);
  }
  return server;
}

async function readOptions() {
  const response = await fetch(OPTIONS, { cache: 'no-store', credentials: 'omit', redirect: 'error' });
  if (!response.ok) {
    return null;
  }
  const options = await response.json();
  return options && options.provider ? options.provider : null;
}

/** Reads what the office offers, shows the button if a provider is set up, and finishes a return from it. */
export async function start(given) {
  hooks = given;
  try {
    settings = await readOptions();
  } catch (e) {
    settings = null;
  }
  if (settings) {
    document.getElementById('provider-name').textContent = settings.name;
    document.getElementById('provider').hidden = false;
    document.getElementById('provider-signin').addEventListener('click', () => {
      begin().catch(() => hooks.refused(hooks.t('providerFailed')));
    });
  }
  if (returning) {
    const { callback, pending } = returning;
    returning = null;
    if (!settings || !pending) {
      hooks.refused(hooks.t('providerFailed'));
      return;
    }
    await finish(callback, pending).catch(() => {
      forget();
      hooks.refused(hooks.t('providerFailed'));
    });
  }
}

/** Off to the provider, with a fresh PKCE verifier, state and nonce kept for the way back. */
async function begin() {
  const as = await discover();
  const endpoint = new URL(as.authorization_endpoint);
  oauth.checkProtocol(endpoint, !requestOptions()[oauth.allowInsecureRequests]);
  const verifier = oauth.generateRandomCodeVerifier();
  const state = oauth.generateRandomState();
  const nonce = oauth.generateRandomNonce();
  const lang = document.documentElement.lang;
  endpoint.searchParams.set('client_id', settings.clientId);
  endpoint.searchParams.set('redirect_uri', redirectUri());
  endpoint.searchParams.set('response_type', 'code');
  endpoint.searchParams.set('scope', settings.scope);
  endpoint.searchParams.set('code_challenge', await oauth.calculatePKCECodeChallenge(verifier));
  endpoint.searchParams.set('code_challenge_method', 'S256');
  endpoint.searchParams.set('state', state);
  endpoint.searchParams.set('nonce', nonce);
  endpoint.searchParams.set('ui_locales', lang);
  sessionStorage.setItem(PENDING, JSON.stringify({ verifier, state, nonce, lang }));
  window.location.assign(endpoint.href);
}

/** Back from the provider: the state checked, the code exchanged with the verifier, the nonce checked. */
async function finish(callback, pending) {
  const as = await discover();
  let params;
  try {
    params = oauth.validateAuthResponse(as, client(), callback, pending.state);
  } catch (error) {
    const code = error instanceof oauth.AuthorizationResponseError && /^[\x21-\x7e]{1,64}$/.test(error.error)
      ? error.error : '?';
    hooks.refused(hooks.t('providerRefused', { error: code }));
    return;
  }
  const response = await oauth.authorizationCodeGrantRequest(as, client(), oauth.None(), params, redirectUri(),
    pending.verifier, requestOptions());
  const result = await oauth.processAuthorizationCodeResponse(as, client(), response,
    { expectedNonce: pending.nonce, requireIdToken: true });
  forget();
  const mine = generation;
  refreshToken = result.refresh_token ?? null;
  if (await hooks.enter(result.access_token) && mine === generation) {
    schedule(result.expires_in);
  } else if (mine === generation) {
    forget();
  }
}

/** A minute before the access token expires, a new one with the refresh token; without one, the end at expiry. */
function schedule(expiresIn) {
  clearTimeout(timer);
  timer = null;
  if (typeof expiresIn !== 'number') {
    return; // no expiry given: the API's 401 will end the session
  }
  const wait = refreshToken ? expiresIn * 1000 - REFRESH_MARGIN_MS : expiresIn * 1000;
  timer = setTimeout(refresh, Math.max(5_000, wait));
}

async function refresh() {
  timer = null;
  const mine = generation;
  if (!refreshToken) {
    hooks.ended();
    return;
  }
  try {
    const as = await discover();
    const response = await oauth.refreshTokenGrantRequest(as, client(), oauth.None(), refreshToken, requestOptions());
    const result = await oauth.processRefreshTokenResponse(as, client(), response);
    if (mine !== generation) {
      return;
    }
    refreshToken = result.refresh_token ?? refreshToken;
    hooks.token(result.access_token);
    schedule(result.expires_in);
  } catch (e) {
    if (mine === generation) {
      hooks.ended();
    }
  }
}

/** Forgets the refresh token and stops refreshing (console.js forgets the access token). */
export function forget() {
  generation += 1;
  clearTimeout(timer);
  timer = null;
  refreshToken = null;
}
