import { ERROR_CATALOG, ERROR_CODES, errorDocsSlug, type ErrorCode } from '../error-catalog';
import { ACTION_ADVICE, CODE_DETAILS } from './error-docs-content';

const STYLE = 'body{font-family:system-ui,sans-serif;max-width:46rem;margin:2rem auto;padding:0 1rem;line-height:1.5}'
  + 'code{background:#f3f3f3;padding:0 .25rem}dt{font-weight:600}dd{margin:0 0 .75rem}';

export function renderErrorPage(code: ErrorCode): string {
  const entry = ERROR_CATALOG[code];
  const details = CODE_DETAILS[code];
  return layout(
    code,
    `<p><a href="/docs/errors">All errors</a></p>
<h1><code>${escapeHtml(code)}</code></h1>
<dl>
<dt>HTTP status</dt><dd>${entry.status}</dd>
<dt>Action</dt><dd><code>${escapeHtml(entry.action)}</code></dd>
<dt>Message</dt><dd>${escapeHtml(entry.message)}</dd>
${details ? `<dt>Details</dt><dd>${escapeHtml(details)}</dd>` : ''}
<dt>What to do</dt><dd>${escapeHtml(ACTION_ADVICE[entry.action])}</dd>
</dl>`,
  );
}

export function renderErrorIndex(): string {
  const rows = ERROR_CODES.map((code) => {
    const entry = ERROR_CATALOG[code];
    return `<tr><td><a href="/docs/errors/${errorDocsSlug(code)}"><code>${escapeHtml(code)}</code></a></td>`
      + `<td>${entry.status}</td><td><code>${escapeHtml(entry.action)}</code></td></tr>`;
  }).join('\n');
  return layout(
    'Errors',
    `<h1>mintfax API errors</h1>
<p>Every error response is <code>{ error, message, action, docs, request_id, context? }</code>.</p>
<table><thead><tr><th>code</th><th>HTTP</th><th>action</th></tr></thead>
<tbody>
${rows}
</tbody></table>`,
  );
}

function layout(title: string, body: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)} · mintfax errors</title>
<style>${STYLE}</style></head>
<body>
${body}
</body></html>
`;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
