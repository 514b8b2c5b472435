/** The error envelope of the API, as a thrown value the page can show in words. */
export class ApiProblem extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly action: string | undefined,
    readonly requestId: string | undefined,
    readonly fieldErrors: Record<string, string[]>,
  ) {
    super(message);
  }
}

interface Envelope {
  error?: string;
  message?: string;
  action?: string;
  request_id?: string;
  context?: { errors?: Record<string, string[]> };
}

let csrfToken: string | undefined;
let onSignedOut: () => void = () => undefined;

/** Every change the page asks for carries the session's CSRF token. */
export function setCsrfToken(token: string | undefined): void {
  csrfToken = token;
}

/** Called when the API says the session is over, wherever that happens. */
export function whenSignedOut(listener: () => void): void {
  onSignedOut = listener;
}

export interface RequestOptions {
  json?: unknown;
  form?: FormData;
  headers?: Record<string, string>;
}

export async function api<T>(method: string, path: string, { json, form, headers = {} }: RequestOptions = {}): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      credentials: 'same-origin',
      headers: {
        accept: 'application/json',
        ...(json !== undefined && { 'content-type': 'application/json' }),
        ...(method !== 'GET' && csrfToken && { 'x-csrf-token': csrfToken }),
        ...headers,
      },
      body: form ?? (json === undefined ? undefined : JSON.stringify(json)),
    });
  } catch {
    throw new ApiProblem(0, 'network_error', 'The dashboard could not be reached.', 'check_connection', undefined, {});
  }
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  let body: unknown;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    body = undefined;
  }
  if (!response.ok) {
    const envelope = (body ?? {}) as Envelope;
    const problem = new ApiProblem(
      response.status,
      envelope.error ?? 'unexpected_response',
      envelope.message ?? `The dashboard answered ${response.status}.`,
      envelope.action,
      envelope.request_id ?? response.headers.get('x-request-id') ?? undefined,
      envelope.context?.errors ?? {},
    );
    if (problem.code === 'not_signed_in') onSignedOut();
    throw problem;
  }
  return body as T;
}
