// Lints an unpacked package the way n8n's community-package scanner lints a published tarball:
// every .js file and package.json, community rules, no inline disables. Prints the errors as JSON.
// (ESM because the n8n ESLint plugin is ESM-only; the jest test runs this in a child process.)
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { ESLint } from 'eslint';
import { n8nCommunityNodesPlugin } from '@n8n/eslint-plugin-community-nodes';

const require = createRequire(import.meta.url);
const n8nNodesBase = require('eslint-plugin-n8n-nodes-base');
// The parser comes with the n8n CLI's own typescript-eslint, as in `n8n-node lint`.
const nodeCli = dirname(require.resolve('@n8n/node-cli/eslint'));
const typescriptEslint = dirname(require.resolve('typescript-eslint', { paths: [nodeCli] }));
const tsParser = require(
	require.resolve('@typescript-eslint/parser', { paths: [typescriptEslint] }),
);

const packageDir = process.argv[2];
const eslint = new ESLint({
	cwd: packageDir,
	allowInlineConfig: false,
	overrideConfigFile: true,
	overrideConfig: [
		n8nCommunityNodesPlugin.configs.recommended,
		{ rules: { 'no-console': 'error' } },
		{ plugins: { 'n8n-nodes-base': n8nNodesBase } },
		{ files: ['package.json'], rules: { ...n8nNodesBase.configs.community.rules } },
		{ files: ['**/*.json'], languageOptions: { parser: tsParser } },
	],
});
const results = await eslint.lintFiles(['**/*.js', 'package.json']);
const errors = results.flatMap((r) =>
	r.messages
		.filter((m) => m.severity === 2)
		.map((m) => `${r.filePath.slice(packageDir.length + 1)}:${m.line} ${m.ruleId} ${m.message}`),
);
console.log(JSON.stringify({ files: results.length, errors }));
