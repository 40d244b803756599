// The OAuth 2 / OpenID Connect routines the office console's provider sign-in uses
// (META-INF/resources/office/oidc.js), from oauth4webapi, built into office/vendor/oauth.js.
export {
  allowInsecureRequests,
  authorizationCodeGrantRequest,
  calculatePKCECodeChallenge,
  checkProtocol,
  discoveryRequest,
  generateRandomCodeVerifier,
  generateRandomNonce,
  generateRandomState,
  None,
  processAuthorizationCodeResponse,
  processDiscoveryResponse,
  processRefreshTokenResponse,
  refreshTokenGrantRequest,
  validateAuthResponse,
  AuthorizationResponseError,
  ResponseBodyError,
} from 'oauth4webapi';
