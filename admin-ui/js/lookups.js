// Names for ids in tables and choices in forms: one page of up to 500 teams or users of an org,
// or nothing when the role may not list them (the id is shown instead).
import { get, query, enc } from './api.js';

export async function teamsOf(access, orgId) {
  if (!access.can('TEAM', 'read')) return [];
  try {
    return (await get('/admin/api/orgs/' + enc(orgId) + '/teams' + query({ limit: 500 }))).data;
  } catch (error) {
    return [];
  }
}

export async function usersOf(access, orgId) {
  if (!access.can('USER', 'read')) return [];
  try {
    return (await get('/admin/api/orgs/' + enc(orgId) + '/users' + query({ limit: 500 }))).data;
  } catch (error) {
    return [];
  }
}

export const byId = (rows) => new Map(rows.map((r) => [r.id, r]));
