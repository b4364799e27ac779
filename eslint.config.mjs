import { config } from '@n8n/node-cli/eslint';

/*
 * n8n's community-node config (cloud support on) for everything that ships: nodes/, credentials/,
 * package.json. The simulator, tests, benchmarks and build scripts never ship and may use Node
 * globals (process, timers, console), so the community and n8n-nodes-base rules are switched off
 * for them here rather than by inline disables. Because this file adds that one block, package.json
 * sets "n8n.strict": false (strict mode only checks that this file is the unmodified template).
 */
const shippedOnlyRules = Object.fromEntries(
	config
		.flatMap((entry) => Object.keys(entry.rules ?? {}))
		.filter(
			(rule) => rule.startsWith('@n8n/community-nodes/') || rule.startsWith('n8n-nodes-base/'),
		)
		.map((rule) => [rule, 'off']),
);

export default [
	...config,
	{
		// `{ links: _links, ...row }` drops a key on purpose.
		files: ['**/*.ts'],
		rules: {
			'@typescript-eslint/no-unused-vars': [
				'error',
				{ varsIgnorePattern: '^_', argsIgnorePattern: '^_', ignoreRestSiblings: true },
			],
		},
	},
	{
		files: ['test/**/*.ts', '*.js', '*.mjs'],
		// Tests read loosely typed JSON (webhook answers, database rows, alert payloads).
		rules: {
			...shippedOnlyRules,
			'no-console': 'off',
			'@typescript-eslint/no-explicit-any': 'off',
		},
	},
];
