// What the metrics workflow (workflows/8-prometheus-metrics.json) exposes, read from the workflow file
// itself, and the metric names a PromQL expression refers to: so the dashboard and the alert rules
// are checked against the endpoint, not against a second list kept by hand.

import { readFileSync } from 'node:fs';
import * as path from 'node:path';

export const MONITORING_DIR = path.resolve(__dirname, '../../workflows/monitoring');
export const METRICS_WORKFLOW = path.resolve(
	__dirname,
	'../../workflows/8-prometheus-metrics.json',
);

interface WorkflowFile {
	nodes: Array<{ name: string; parameters: Record<string, unknown> }>;
}

/** The formatter's jsCode (the node that writes the exposition text). */
export function formatterCode(): string {
	const workflow = JSON.parse(readFileSync(METRICS_WORKFLOW, 'utf8')) as WorkflowFile;
	const node = workflow.nodes.find((n) => n.name === 'Prometheus text');
	if (!node) throw new Error(`${METRICS_WORKFLOW}: no "Prometheus text" node`);
	return node.parameters.jsCode as string;
}

/** Metric families the endpoint always describes (HELP/TYPE), name → type. */
export function exposedFamilies(): Map<string, string> {
	const families = new Map<string, string>();
	for (const m of formatterCode().matchAll(
		/^\s+(netsuite_sync_\w+): \['(counter|gauge|summary|histogram)'/gm,
	))
		families.set(m[1], m[2]);
	if (families.size === 0)
		throw new Error('no metric families found in the formatter node (FAMILIES)');
	return families;
}

/** Sample names a family produces (a summary adds _sum and _count). */
export function exposedSampleNames(): Set<string> {
	const names = new Set<string>();
	for (const [name, type] of exposedFamilies()) {
		if (type === 'summary') names.add(`${name}_sum`).add(`${name}_count`);
		else names.add(name);
	}
	return names;
}

const KEYWORDS = new Set([
	'by',
	'without',
	'on',
	'ignoring',
	'group_left',
	'group_right',
	'and',
	'or',
	'unless',
	'bool',
	'offset',
]);

/** Metric names in a PromQL expression (not functions, keywords, label names, strings or durations). */
export function metricNames(expr: string): string[] {
	const stripped = expr
		.replace(/"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'/g, '""') // string literals
		.replace(/\{[^}]*\}/g, ' ') // label matchers
		.replace(/\[[^\]]*\]/g, ' ') // range selectors, $__rate_interval
		.replace(/\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/g, ' '); // label lists
	const names: string[] = [];
	for (const m of stripped.matchAll(/([A-Za-z_:][A-Za-z0-9_:]*)\s*(\()?/g)) {
		if (m[2] || KEYWORDS.has(m[1])) continue; // a function call or a keyword
		names.push(m[1]);
	}
	return names;
}
