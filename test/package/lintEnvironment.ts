/* eslint-disable @n8n/community-nodes/no-restricted-globals -- runs in Node as a test or a tool, never inside n8n: these rules guard the shipped nodes */
/**
 * The environment for a linter run from a test: not jest's NODE_ENV=test, under which eslint-plugin-n8n-nodes-base
 * checks file names differently than n8n's CLI and scanner do.
 */
export function lintEnvironment(): NodeJS.ProcessEnv {
	return { ...process.env, NODE_ENV: 'production' };
}
