// Every page of the console. A page appears in the navigation only when the admin API lists its
// feature in GET /admin/api/features (the capability is deployed and the caller's role may read
// it); `feature: null` pages are always there. To add a page for a new admin API, see README.md.

export const PAGES = [
  { id: 'overview', title: 'Overview', feature: null, load: () => import('./pages/overview.js') },
  { id: 'orgs', title: 'Organisations', feature: 'orgs', load: () => import('./pages/orgs.js') },
  { id: 'teams', title: 'Teams', feature: 'teams', load: () => import('./pages/teams.js') },
  { id: 'users', title: 'Users', feature: 'users', load: () => import('./pages/users.js') },
  { id: 'keys', title: 'API keys', feature: 'keys', load: () => import('./pages/keys.js') },
  { id: 'budgets', title: 'Budgets', feature: 'budgets', load: () => import('./pages/budgets.js') },
  { id: 'catalog', title: 'Providers & models', feature: 'catalog', load: () => import('./pages/catalog.js') },
  { id: 'settings', title: 'Routing & cache', feature: 'settings', load: () => import('./pages/settings.js') },
  { id: 'endpoints', title: 'Dedicated endpoints', feature: 'endpoints', load: () => import('./pages/endpoints.js') },
  { id: 'mcp', title: 'MCP tools', feature: 'mcp', load: () => import('./pages/mcp.js') },
  { id: 'audit', title: 'Audit & requests', feature: 'audit', load: () => import('./pages/audit.js') },
];
