import { sandboxScenario, sandboxSubmission } from '@mintfax/faxes';
import { SANDBOX_SCENARIOS, type SandboxScenario } from './sandbox-scenarios';

/** What each scenario promises, in the simulator's terms (libs/faxes/src/sandbox.ts). */
const PROMISED: Record<SandboxScenario, (to: string) => boolean> = {
  delivered: (to) => sandboxScenario(to).outcome(1) === 'delivered',
  busy: (to) => sandboxScenario(to).outcome(1) === 'busy',
  'no-answer': (to) => sandboxScenario(to).outcome(1) === 'no_answer',
  transient: (to) => sandboxScenario(to).outcome(1) === 'transient' && sandboxScenario(to).outcome(2) === 'delivered',
  'line-quality': (to) => sandboxScenario(to).outcome(1) === 'line_quality',
  'insufficient-balance': (to) => sandboxSubmission(to, 1).reject === 'insufficient_balance',
  'three-pages': (to) => sandboxSubmission(to, 1).pages === 3 && sandboxScenario(to).outcome(1) === 'delivered',
  'invalid-number': (to) => sandboxScenario(to).outcome(1) === 'invalid_number',
};

describe('sandbox trigger scenarios', () => {
  it.each(Object.entries(SANDBOX_SCENARIOS))('%s sends to a number (%s) that plays it', (scenario, to) => {
    expect(PROMISED[scenario as SandboxScenario](to)).toBe(true);
  });
});
