/** docs/api/sandbox.md "Magic numbers": the number that plays each scenario. */
export const SANDBOX_SCENARIOS = {
  delivered: '+15005550001',
  busy: '+15005550002',
  'no-answer': '+15005550003',
  transient: '+15005550004',
  'line-quality': '+15005550005',
  'insufficient-balance': '+15005550006',
  'three-pages': '+15005550007',
  'invalid-number': '+15005550008',
} as const;

export type SandboxScenario = keyof typeof SANDBOX_SCENARIOS;

/** A one-page letter PDF naming the scenario: the smallest document a fax can carry. */
export async function scenarioDocument(scenario: SandboxScenario): Promise<Uint8Array> {
  // Loaded here only: pdf-lib would add a tenth of a second to every other command's start.
  const { PDFDocument, StandardFonts } = await import('pdf-lib');
  const pdf = await PDFDocument.create();
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  pdf.addPage([612, 792]).drawText(`mintfax sandbox: ${scenario} (${SANDBOX_SCENARIOS[scenario]})`, { x: 72, y: 700, size: 16, font });
  return pdf.save();
}
