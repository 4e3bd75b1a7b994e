// Form fields and table cells shared by the tenancy pages: allow-lists and limits.
import { h, fmt, splitList, optionalNumber } from './ui.js';

export function allowListFields(current = {}) {
  return [
    { name: 'allowedModels', label: 'Allowed models', value: (current.allowedModels || []).join(', '), hint: 'Comma-separated model ids or aliases. Empty: no restriction at this level.' },
    { name: 'allowedProviders', label: 'Allowed providers', value: (current.allowedProviders || []).join(', '), hint: 'Comma-separated provider names. Empty: no restriction at this level.' },
  ];
}

export function allowListsFrom(values) {
  return { allowedModels: splitList(values.allowedModels), allowedProviders: splitList(values.allowedProviders) };
}

export function limitFields(limits = {}) {
  const l = limits || {};
  return {
    group: 'Limits (empty: none at this level)',
    fields: [
      { name: 'requestsPerMinute', label: 'Requests per minute', type: 'number', min: 1, value: l.requestsPerMinute ?? '', errorFor: ['limits.requestsPerMinute'] },
      { name: 'tokensPerMinute', label: 'Tokens per minute', type: 'number', min: 1, value: l.tokensPerMinute ?? '', errorFor: ['limits.tokensPerMinute'] },
      { name: 'maxConcurrentRequests', label: 'Concurrent requests', type: 'number', min: 1, value: l.maxConcurrentRequests ?? '', errorFor: ['limits.maxConcurrentRequests'] },
      { name: 'budgetRef', label: 'Budget reference', value: l.budgetRef ?? '', errorFor: ['limits.budgetRef'] },
    ],
  };
}

export function limitsFrom(values) {
  return {
    requestsPerMinute: optionalNumber(values.requestsPerMinute),
    tokensPerMinute: optionalNumber(values.tokensPerMinute),
    maxConcurrentRequests: optionalNumber(values.maxConcurrentRequests),
    budgetRef: values.budgetRef ? values.budgetRef : null,
  };
}

export function limitsCell(limits) {
  const l = limits || {};
  const parts = [];
  if (l.requestsPerMinute) parts.push(fmt.number(l.requestsPerMinute) + ' req/min');
  if (l.tokensPerMinute) parts.push(fmt.number(l.tokensPerMinute) + ' tok/min');
  if (l.maxConcurrentRequests) parts.push(fmt.number(l.maxConcurrentRequests) + ' concurrent');
  if (l.budgetRef) parts.push('budget ' + l.budgetRef);
  return parts.length ? parts.join(' · ') : h('span', { class: 'badge neutral' }, 'none');
}
