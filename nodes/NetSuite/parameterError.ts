/**
 * A parameter or credential field whose value cannot work, with the field's name so the message can
 * point at it. Thrown where there is no node to attach an n8n error to (the account, the sync code);
 * whoever catches it knows whether it was a node parameter or a credential field and says so.
 */
export class ParameterError extends Error {
	constructor(
		readonly field: string,
		message: string,
	) {
		super(message);
		this.name = 'ParameterError';
	}
}
