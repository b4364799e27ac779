/**
 * n8n's community-package scanner lints the published tarball (every .js file and package.json)
 * with the community rules and no inline disables. The bundled build must pass the same rules.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

import { packOnce } from './packedPackage';

test('the tarball passes the community-node rules the n8n scanner applies to published files', () => {
	const { unpacked } = packOnce();
	const output = execFileSync(process.execPath, [join(__dirname, 'scanTarball.mjs'), unpacked], {
		encoding: 'utf8',
	});
	const { files, errors } = JSON.parse(output.trim().split('\n').pop()!) as {
		files: number;
		errors: string[];
	};
	expect(files).toBeGreaterThan(10);
	expect(errors).toEqual([]);
}, 120_000);
