/**
 * The package's own documentation, its README, which links on to Zoho's pages: the credential's and each node's docs
 * links point here. `npm run docs:links` rewrites the address from package.json's homepage (Releasing, step 0).
 */
export const DOCS_BASE = 'https://github.com/n8n-nodes-zoho-crm-mass-delete/n8n-nodes-zoho-crm-mass-delete';

/** A section of the README, by its heading's anchor. */
export const docsLink = (anchor: string) => `${DOCS_BASE}#${anchor}`;
