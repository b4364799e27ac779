/**
 * NetSuite's answers as documented (../shared/reference/netsuite-api.md), written once for the
 * tests that expect or replay them. The simulator builds its own (test/simulator/errors.ts):
 * facts.test.ts compares the two, so the simulator is never checked against itself.
 */

/** HTTP 429 when the account's concurrency limit is reached (REST web services and SuiteQL). */
export const CONCURRENCY_LIMIT_BODY = {
	type: 'https://www.w3.org/Protocols/rfc2616/rfc2616-sec10.html',
	title: 'Bad Request',
	status: 429,
	'o:errorCode': 'USER_ERROR',
	'o:errorDetails': [
		{
			detail: 'Concurrent request limit exceeded. Request blocked.',
			'o:errorCode': 'CONCURRENCY_LIMIT_EXCEEDED',
		},
	],
};
