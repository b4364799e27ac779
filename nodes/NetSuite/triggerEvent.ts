import type { INodeProperties } from 'n8n-workflow';

/** n8n's node panel lists a trigger's events from the parameter named "Trigger On", by each option's action. */
export const eventParameter: INodeProperties = {
	displayName: 'Trigger On',
	name: 'event',
	type: 'options',
	noDataExpression: true,
	default: 'recordChanged',
	options: [
		{
			name: 'Record Created, Updated or Deleted',
			value: 'recordChanged',
			action: 'On record created, updated or deleted',
			description:
				'Polls for records modified since the last poll (and deleted ones, with Include Deletions)',
		},
	],
};
