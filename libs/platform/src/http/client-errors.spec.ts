import type { Socket } from 'node:net';
import pino from 'pino';
import { answerClientError, type ClientError } from './client-errors';

/** A socket that records what is written to it. */
function fakeSocket(inFlight?: { headersSent: boolean }) {
  const socket = { destroyed: false, writable: true, written: '', _httpMessage: inFlight };
  return Object.assign(socket, {
    write: (text: string) => void (socket.written += text),
    destroy: () => void (socket.destroyed = true),
  });
}

const answer = answerClientError('http://docs.test/docs', pino({ level: 'silent' }));
const refuse = (code: string, socket = fakeSocket()) => {
  answer(Object.assign(new Error('refused'), { code }) as ClientError, socket as unknown as Socket);
  return socket;
};

describe('answerClientError', () => {
  it('answers headers that did not arrive in time with the invalid_request envelope and closes', () => {
    const socket = refuse('ERR_HTTP_REQUEST_TIMEOUT');
    const [head = '', body = ''] = socket.written.split('\r\n\r\n');
    expect(head).toMatch(/^HTTP\/1\.1 400 Bad Request\r\n/);
    const requestId = /x-request-id: (req_\w+)/.exec(head)?.[1];
    expect(JSON.parse(body)).toMatchObject({ error: 'invalid_request', docs: 'http://docs.test/docs/errors/invalid-request', request_id: requestId });
    expect(Number(/content-length: (\d+)/.exec(head)?.[1])).toBe(Buffer.byteLength(body));
    expect(socket.destroyed).toBe(true);
  });

  it('writes nothing into a response already under way on the connection, and closes it', () => {
    const socket = refuse('HPE_INVALID_METHOD', fakeSocket({ headersSent: true }));
    expect(socket.written).toBe('');
    expect(socket.destroyed).toBe(true);
  });

  it('leaves a reset connection alone', () => {
    expect(refuse('ECONNRESET').written).toBe('');
  });
});
