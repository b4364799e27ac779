// The e2e n8n machinery in one import: install a real n8n (cached), run throwaway instances of it
// with a packed community package, and drive them (CLI, webhooks, public API).

export { cacheRoot, CACHE_NAMESPACE } from './cache';
export { ensureNode, ensureNodeRuntime, NODE_VERSIONS } from './nodeRuntime';
export type { NodeMajor, NodeRuntime } from './nodeRuntime';
export { ensureN8n, N8N_LINES } from './install';
export type { N8nInstall, N8nLine, N8nLineSpec } from './install';
export { startN8n, TEST_ENCRYPTION_KEY } from './instance';
export type { CliResult, N8nInstance, StartN8nOptions, StartOptions } from './instance';
export { installCommunityPackage } from './communityPackage';
export type { InstalledPackage } from './communityPackage';
export { listExecutions } from './executions';
export type { ExecutionData, ExecutionStatus, ExecutionSummary } from './executions';
export { activeWorkflowIds, waitUntilLive, workflowLiveState } from './activation';
export type { LiveState } from './activation';
export { createApiKey, N8nHttpError, ownerSession, sessionHeaders, TEST_OWNER } from './restApi';
export type { OwnerCredentials, OwnerSession } from './restApi';
export { freePort, freePorts } from './ports';
export { InstallStepError } from './steps';
