import { checkEnvironmentAccess, type EnvironmentScope } from './environment-access';

const caller: EnvironmentScope = { accountId: 'acct_1', environmentId: 'env_a', environmentType: 'sandbox' };
const messages = { missing: 'No fax fax_1.', elsewhere: 'Fax fax_1 belongs to another environment.' };

function refusal(row: EnvironmentScope | null): unknown {
  try {
    checkEnvironmentAccess(caller, row, messages);
  } catch (error) {
    return error;
  }
  throw new Error('expected a refusal');
}

describe('checkEnvironmentAccess', () => {
  it("returns a row of the caller's environment", () => {
    const row = { ...caller, id: 'fax_1' };
    expect(checkEnvironmentAccess(caller, row, messages)).toBe(row);
  });

  it('answers forbidden for another environment of the same account and type', () => {
    expect(refusal({ ...caller, environmentId: 'env_b' })).toMatchObject({ code: 'forbidden', status: 403, message: messages.elsewhere });
  });

  it.each([
    ['no row', null],
    ['a row across the sandbox/live wall', { ...caller, environmentId: 'env_live', environmentType: 'live' as const }],
    ['a row of another account', { ...caller, accountId: 'acct_2', environmentId: 'env_c' }],
  ])('answers not_found for %s', (_, row) => {
    expect(refusal(row)).toMatchObject({ code: 'not_found', status: 404, message: messages.missing });
  });
});
