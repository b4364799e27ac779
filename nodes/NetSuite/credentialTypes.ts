/** The names n8n knows this package's credential types by, for the nodes, the credentials and the transport. */
export const TBA_CREDENTIAL_TYPE = 'netSuiteTbaApi';
export const M2M_CREDENTIAL_TYPE = 'netSuiteOAuth2M2mApi';

/** The nodes' Authentication option → the credential type it uses. */
export const CREDENTIAL_TYPES = {
	tokenBased: TBA_CREDENTIAL_TYPE,
	oAuth2M2m: M2M_CREDENTIAL_TYPE,
} as const;
export type AuthenticationMethod = keyof typeof CREDENTIAL_TYPES;
