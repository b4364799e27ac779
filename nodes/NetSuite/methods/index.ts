/** The methods n8n calls to fill the parameters in, the same for both nodes. */
export * as listSearch from './listSearch';
