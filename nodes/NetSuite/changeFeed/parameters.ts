/** Parameters of the change feed, shared by Record > Get Changes and the NetSuite Trigger. */
import type { INodeProperties } from 'n8n-workflow';

import { ParameterError } from '../parameterError';
import type { ChangeMode } from '../sync/readChanges';
import { suiteQlSource, validateColumns } from '../sync/recordTypes';
import { isValidTimeZone, localToUtc } from '../sync/timeZone';

export const DEFAULT_TIME_ZONE = 'America/Los_Angeles';

/** Get Changes re-reads one minute by default: enough for a second save within the same second. */
export const DEFAULT_LOOKBACK_MINUTES = 1;

/** The feed's parameters; `lookbackMinutes` overrides the node's default lookback (the trigger uses a few minutes). */
export function changeFeedParameters(
	lookbackMinutes = DEFAULT_LOOKBACK_MINUTES,
): INodeProperties[] {
	return feedParameters.map((p) =>
		p.name === 'lookbackMinutes' ? { ...p, default: lookbackMinutes } : p,
	);
}

const feedParameters: INodeProperties[] = [
	{
		displayName: 'Output',
		name: 'mode',
		type: 'options',
		default: 'full',
		options: [
			{
				name: 'Full Records',
				value: 'full',
				description: 'GET each changed record (one call per record)',
			},
			{
				name: 'Columns',
				value: 'columns',
				description:
					'Only SuiteQL columns: ID, last modified and the columns you list (one call per 1,000 changes)',
			},
		],
	},
	{
		displayName: 'Columns',
		name: 'columns',
		type: 'string',
		default: '',
		placeholder: 'entityid, email, companyname',
		description: 'SuiteQL columns to return besides ID and last modified, comma-separated',
		displayOptions: { show: { mode: ['columns'] } },
	},
	{
		displayName: 'Max Records',
		name: 'maxRecords',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 1000,
		description: 'Changes delivered at most in one run; the rest follow from the cursor next time',
	},
	{
		displayName: 'Lookback (Minutes)',
		name: 'lookbackMinutes',
		type: 'number',
		typeOptions: { minValue: 0 },
		default: DEFAULT_LOOKBACK_MINUTES,
		description:
			'Re-read this far behind the cursor, for records NetSuite commits late with an earlier timestamp and for a second save within the same second. Size it above your longest-running NetSuite transaction or import.',
		hint: 'Cost: every record changed within this window is read again on each run (Full Records: one GET each) and, in Get Changes, delivered again marked reread: true. 0 re-reads nothing and can miss a second save in the same second.',
	},
	{
		displayName: 'Include Deletions',
		name: 'includeDeletions',
		type: 'boolean',
		default: false,
		description:
			"Whether to also emit deleted records (from SuiteQL's DeletedRecord table; the role needs the Deleted Records permission)",
	},
	{
		displayName: 'Account Time Zone',
		name: 'accountTimeZone',
		type: 'string',
		default: DEFAULT_TIME_ZONE,
		placeholder: 'America/Los_Angeles',
		description:
			'IANA time zone of the NetSuite user the token belongs to (Home > Set Preferences > Time Zone). SuiteQL shows times in it; it is how a daylight-saving fall-back is read safely.',
	},
];

/** Start Date, shown when `show` holds: the same reading for Get Changes and the trigger (parseStartDate). */
export function startDateParameter(show: Record<string, string[]>): INodeProperties {
	return {
		displayName: 'Start Date',
		name: 'startDate',
		type: 'dateTime',
		default: '',
		hint: "Read in the workflow's time zone (Workflow Settings > Timezone) unless the value carries an offset",
		displayOptions: { show },
	};
}

export interface FeedParameters {
	source: ReturnType<typeof suiteQlSource>;
	mode: ChangeMode;
	columns: string[];
	maxRecords: number;
	lookbackMs: number;
	includeDeletions: boolean;
	timeZone: string;
}

export function readFeedParameters(
	get: (name: string, fallback: unknown) => unknown,
): FeedParameters {
	const source = suiteQlSource(get('recordType', ''));
	const mode = get('mode', 'full') === 'columns' ? 'columns' : 'full';
	const timeZone = String(get('accountTimeZone', DEFAULT_TIME_ZONE)).trim() || DEFAULT_TIME_ZONE;
	if (!isValidTimeZone(timeZone)) {
		throw new ParameterError(
			'accountTimeZone',
			`"${timeZone.slice(0, 60)}" is not an IANA time zone. Use a name like America/Los_Angeles or Europe/London.`,
		);
	}
	const maxRecords = Number(get('maxRecords', 1000));
	return {
		source,
		mode,
		columns: mode === 'columns' ? validateColumns(get('columns', '')) : [],
		maxRecords: Number.isFinite(maxRecords) && maxRecords >= 1 ? Math.floor(maxRecords) : 1000,
		lookbackMs: Math.max(0, Number(get('lookbackMinutes', 0)) || 0) * 60_000,
		includeDeletions: get('includeDeletions', false) === true,
		timeZone,
	};
}

const OFFSET_SUFFIX = /(Z|[+-]\d{2}:?\d{2})$/i;
const LOCAL_DATE_TIME = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2})(?::(\d{2}))?(?:\.\d+)?)?$/;

/**
 * A Start Date as n8n gives it (no offset, e.g. 2026-11-01T08:00:00) is wall time in the workflow's
 * time zone, as the date picker shows it; a value with an offset or Z is taken as it says.
 */
export function parseStartDate(raw: unknown, workflowTimeZone: string): number {
	const text = String(raw ?? '').trim();
	if (OFFSET_SUFFIX.test(text)) return Date.parse(text);
	const m = LOCAL_DATE_TIME.exec(text);
	if (!m) return Number.NaN;
	const zone = isValidTimeZone(workflowTimeZone) ? workflowTimeZone : 'UTC';
	return localToUtc(`${m[1]} ${m[2] ?? '00:00'}:${m[3] ?? '00'}`, zone);
}
