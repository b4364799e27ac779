// The credential classes spell their type names out (n8n's lint reads them only as literals); the
// nodes and the transport use credentialTypes.ts. They must be the same names.
import { NetSuiteM2mOAuth2Api } from '../../credentials/NetSuiteM2mOAuth2Api.credentials';
import { NetSuiteTbaApi } from '../../credentials/NetSuiteTbaApi.credentials';
import {
	CREDENTIAL_TYPES,
	M2M_CREDENTIAL_TYPE,
	TBA_CREDENTIAL_TYPE,
} from '../../nodes/NetSuite/credentialTypes';

test('credential classes carry the names the nodes ask for', () => {
	expect(new NetSuiteTbaApi().name).toBe(TBA_CREDENTIAL_TYPE);
	expect(new NetSuiteM2mOAuth2Api().name).toBe(M2M_CREDENTIAL_TYPE);
	expect(Object.values(CREDENTIAL_TYPES).sort()).toEqual(
		[M2M_CREDENTIAL_TYPE, TBA_CREDENTIAL_TYPE].sort(),
	);
});
