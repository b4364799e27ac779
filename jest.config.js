/** @type {import('jest').Config} */
module.exports = {
	testEnvironment: 'node',
	roots: ['<rootDir>/test'],
	testMatch: ['**/*.test.ts'],
	// e2e and bench run real n8n instances and long loads; they have their own commands. The promtool
	// checks need Debian's prometheus package: `npm run test:monitoring` runs them.
	testPathIgnorePatterns: [
		'/node_modules/',
		'<rootDir>/test/e2e/',
		'<rootDir>/test/bench/',
		...(process.env.WITH_PROMTOOL ? [] : ['<rootDir>/test/monitoring/promtool/']),
	],
	transform: {
		'^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.test.json' }],
	},
	testTimeout: 60000,
};
