import { toFieldErrors } from './validation-errors';

describe('toFieldErrors', () => {
  it('maps each field to its messages, nested and array fields dotted', () => {
    const errors = toFieldErrors([
      { property: 'to', constraints: { isE164: 'to must be E.164', isString: 'to must be a string' } },
      {
        property: 'file',
        children: [{ property: 'content_base64', constraints: { isBase64: 'content_base64 must be base64' } }],
      },
      {
        property: 'events',
        children: [{ property: '1', constraints: { isIn: 'events.1 is not an event type' } }],
      },
    ]);
    expect(errors).toEqual({
      to: ['to must be E.164', 'to must be a string'],
      'file.content_base64': ['content_base64 must be base64'],
      'events.1': ['events.1 is not an event type'],
    });
  });
});
