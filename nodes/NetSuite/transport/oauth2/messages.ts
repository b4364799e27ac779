/**
 * What NetSuite's OAuth 2.0 answers mean, in words a NetSuite administrator can act on. A leaf
 * module: the error shaping in `../errors.ts` and the credential both read it.
 */

/** NetSuite answers every one of these causes with the same `{"error":"invalid_grant"}`. */
export const M2M_INVALID_GRANT_MESSAGE =
	'NetSuite refused the OAuth 2.0 token request (invalid_grant). NetSuite gives this one answer for several causes; check them in order: ' +
	'1) the Certificate ID is not the one NetSuite shows for the uploaded certificate (Setup > Integration > OAuth 2.0 Client Credentials (M2M) Setup); ' +
	'2) the certificate has expired (certificates last at most 2 years) or was revoked (same page); ' +
	'3) the mapping of entity, role and application for this certificate is missing, or the entity or role is inactive or lacks the permissions (same page; after a sandbox refresh the mappings must be created again); ' +
	'4) a scope chosen in the credential (REST Web Services, RESTlets, SuiteAnalytics Connect) is not enabled on the integration, or the integration does not have the Client Credentials (Machine to Machine) grant enabled or is not the one the Client ID belongs to (Setup > Integration > Manage Integrations); ' +
	"5) the private key is not the one the uploaded certificate was made from, or this machine's clock is off by more than a few minutes.";

/** A bearer token NetSuite did not accept on an API call (401 after one renewal). */
export const M2M_AUTH_FAILED_MESSAGE =
	'NetSuite refused the OAuth 2.0 access token (401 Invalid login attempt), also after requesting a new one. Check that Scopes in the credential includes REST Web Services (and RESTlets for RESTlet calls) and that the integration allows them (Setup > Integration > Manage Integrations), and that the role mapped to this certificate (Setup > Integration > OAuth 2.0 Client Credentials (M2M) Setup) is active and has the REST Web Services permission.';

/** A token without the scope the endpoint needs (`WWW-Authenticate: … error="insufficient_scope"`). */
export const M2M_INSUFFICIENT_SCOPE_MESSAGE =
	'NetSuite refused the access token for this endpoint because its scope is missing: REST records and SuiteQL need "REST Web Services", RESTlets need "RESTlets". Add the scope in the credential (Scopes) and on the integration (Setup > Integration > Manage Integrations > Scope).';

/** 403 on the credential test: the token works but the mapped role cannot read metadata. */
export const M2M_FORBIDDEN_MESSAGE =
	'NetSuite accepted the access token but the mapped role lacks a permission: give the role REST Web Services (Setup > Users/Roles > Manage Roles > Permissions > Setup).';
