/*
 * The build's bundle step. `n8n-node build` compiles with tsc, which leaves `require('oauth-1.0a')`
 * and `require('p-limit')` in dist. n8n's verification forbids runtime dependencies, so this step
 * inlines those libraries into exactly the built files that require them. Our own modules stay
 * separate files (so the node and the trigger share one concurrency registry in a process) and
 * n8n-workflow stays external (n8n provides it).
 */
const { task } = require('gulp');
const esbuild = require('esbuild');
const fs = require('node:fs');
const path = require('node:path');
const { builtinModules } = require('node:module');

const DIST = path.join(__dirname, 'dist');
const PROVIDED_BY_N8N = new Set(['n8n-workflow']);
const BUILTINS = new Set([...builtinModules, ...builtinModules.map((m) => `node:${m}`)]);

function builtFiles(dir) {
	return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
		const full = path.join(dir, entry.name);
		if (entry.isDirectory()) return builtFiles(full);
		return entry.name.endsWith('.js') ? [full] : [];
	});
}

function requiredModules(file) {
	const source = fs.readFileSync(file, 'utf8');
	return [...source.matchAll(/require\(["']([^"']+)["']\)/g)].map((m) => m[1]);
}

function isBundled(specifier) {
	return !specifier.startsWith('.') && !BUILTINS.has(specifier) && !PROVIDED_BY_N8N.has(specifier);
}

async function bundle() {
	if (!fs.existsSync(DIST)) throw new Error('dist/ is missing: run `n8n-node build` first.');
	const targets = builtFiles(DIST).filter((file) => requiredModules(file).some(isBundled));
	for (const file of targets) {
		await esbuild.build({
			entryPoints: [file],
			outfile: file,
			allowOverwrite: true,
			bundle: true,
			platform: 'node',
			format: 'cjs',
			target: 'node18',
			sourcemap: false,
			logLevel: 'warning',
			plugins: [
				{
					name: 'keep-own-and-provided-modules-external',
					setup(build) {
						build.onResolve({ filter: /.*/ }, (args) => {
							if (args.kind === 'entry-point') return undefined;
							const fromDist =
								args.importer.startsWith(DIST) && !args.importer.includes('node_modules');
							if (fromDist && !isBundled(args.path)) return { path: args.path, external: true };
							return undefined;
						});
					},
				},
			],
		});
		fs.rmSync(`${file}.map`, { force: true });
	}
	const leftovers = builtFiles(DIST).flatMap((file) =>
		requiredModules(file)
			.filter(isBundled)
			.map((m) => `${path.relative(__dirname, file)} requires ${m}`),
	);
	if (leftovers.length > 0) {
		throw new Error(`Unbundled runtime dependencies left in dist:\n${leftovers.join('\n')}`);
	}
	console.log(
		`bundled ${targets.length} file(s): ${targets.map((f) => path.relative(DIST, f)).join(', ')}`,
	);
}

task('bundle', bundle);
