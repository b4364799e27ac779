/**
 * /services/rest/record/v1/metadata-catalog and /services/rest/system/v1/governanceLimits.
 * The catalog lists every record type the simulator serves (custom records included); the
 * per-type document is a small JSON schema with NetSuite's `x-ns-filterable` marks.
 */
import { CONTENT_TYPE, json, type SimRequest, type SimResponse } from './http';
import type { FieldDef, RecordTypeDef } from './data/schema';
import type { Simulator } from './simulator';
import { recordType } from './records/handlers';

const catalogHref = (base: string, name?: string): string =>
	`${base}/services/rest/record/v1/metadata-catalog${name ? `/${name}` : ''}`;

export function metadataCatalog(sim: Simulator, req: SimRequest): SimResponse {
	const select = req.query.get('select');
	const wanted = select ? new Set(select.split(',').map((s) => s.trim().toLowerCase())) : undefined;
	const items = [...sim.store.types.values()]
		.filter((def) => !wanted || wanted.has(def.name.toLowerCase()))
		.map((def) => ({
			name: def.name,
			links: [
				{ rel: 'canonical', href: catalogHref(req.base, def.name), mediaType: 'application/json' },
				{
					rel: 'alternate',
					href: catalogHref(req.base, def.name),
					mediaType: 'application/swagger+json',
				},
				{
					rel: 'alternate',
					href: catalogHref(req.base, def.name),
					mediaType: 'application/schema+json',
				},
				{ rel: 'describes', href: `${req.base}/services/rest/record/v1/${def.name}` },
			],
		}));
	return json(
		200,
		{ items, links: [{ rel: 'self', href: catalogHref(req.base) }] },
		CONTENT_TYPE.collection,
	);
}

function schemaOf(field: FieldDef): Record<string, unknown> {
	const base: Record<string, unknown> = { title: field.rest, nullable: !field.required };
	switch (field.kind) {
		case 'integer':
			Object.assign(
				base,
				field.rest === 'id' ? { type: 'string' } : { type: 'integer', format: 'int64' },
			);
			break;
		case 'number':
			Object.assign(base, { type: 'number', format: 'double' });
			break;
		case 'boolean':
			Object.assign(base, { type: 'boolean' });
			break;
		case 'datetime':
			Object.assign(base, { type: 'string', format: 'date-time' });
			break;
		case 'date':
			Object.assign(base, { type: 'string', format: 'date' });
			break;
		case 'ref':
		case 'enum':
			Object.assign(base, {
				type: 'object',
				properties: { id: { type: 'string' }, refName: { type: 'string' } },
			});
			break;
		default:
			Object.assign(base, { type: 'string' });
	}
	if (field.readOnly) base.readOnly = true;
	if (field.filterable) base['x-ns-filterable'] = true;
	return base;
}

export function recordSchema(sim: Simulator, req: SimRequest, typeName: string): SimResponse {
	const def: RecordTypeDef = recordType(sim, typeName);
	const properties: Record<string, unknown> = {};
	for (const f of def.fields) properties[f.rest] = schemaOf(f);
	if (def.sublist) {
		properties[def.sublist.name] = {
			title: def.sublist.name,
			type: 'object',
			properties: {
				items: {
					type: 'array',
					items: {
						type: 'object',
						properties: Object.fromEntries(def.sublist.fields.map((f) => [f.rest, schemaOf(f)])),
					},
				},
			},
		};
	}
	return json(
		200,
		{
			type: 'object',
			title: def.label,
			properties,
			'x-ns-filterable': def.fields.filter((f) => f.filterable).map((f) => f.rest),
			links: [{ rel: 'self', href: catalogHref(req.base, def.name) }],
		},
		CONTENT_TYPE.schema,
	);
}

/** No integration has its own allocation here: everything shares the account limit. */
export function governanceLimits(sim: Simulator): SimResponse {
	return json(
		200,
		{
			accountConcurrencyLimit: sim.gov.limit,
			accountUnallocatedConcurrencyLimit: sim.gov.limit,
			integrationConcurrencyLimit: sim.gov.limit,
			integrationLimitType: 'accountLimit',
		},
		CONTENT_TYPE.singular,
	);
}
