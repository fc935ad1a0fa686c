/**
 * The expiry policy, against days passed in (never the clock): synth warns in the 30 days before
 * an entry's review date and fails after it unless a break-glass reason is given; the audit day
 * and the break-glass reason come from context values that bin/app.ts and the audit pass.
 */
import * as s3 from 'aws-cdk-lib/aws-s3';
import {
  breakGlassFromContext,
  todayFromContext,
  BREAK_GLASS_CONTEXT_KEY,
  TODAY_CONTEXT_KEY,
} from '../../lib/compliance';
import {
  applyRegister,
  daysUntil,
  parseRegister,
  RegisterError,
  reviewState,
  reviewWarnings,
} from '../../lib/compliance/register';
import { tinyApp, tinyStack } from './support/tiny-app';

process.env.CDK_VALIDATION = 'false';

const REGISTER = `estate: testshire
owner: ICT Security
suppressions:
  - rule: UKPublicSector-CustomerManagedKey
    scope: CmkBad/S3Managed
    reason: Access logs for this bucket are collected by the central CloudTrail data-event trail instead
    acceptedBy: Jane Smith, Head of ICT Security
    approverRole: IAO
    reviewBy: '2027-03-31'
`;
const register = parseRegister('compliance-register.yaml', REGISTER);
const day = (iso: string) => new Date(`${iso}T12:00:00Z`);

function appWithBadBucket(context: Record<string, unknown> = {}) {
  const app = tinyApp(context);
  new s3.Bucket(tinyStack(app, 'CmkBad'), 'S3Managed', { encryption: s3.BucketEncryption.S3_MANAGED });
  return app;
}

test.each([
  ['2027-02-28', 'current', 31],
  ['2027-03-01', 'due', 30],
  ['2027-03-31', 'due', 0],
  ['2027-04-01', 'expired', -1],
  ['2031-06-01', 'expired', -1523],
])('on %s an entry reviewed by 2027-03-31 is %s (%i days)', (today, state, days) => {
  expect(reviewState('2027-03-31', day(today))).toBe(state);
  expect(daysUntil('2027-03-31', day(today))).toBe(days);
});

test('synth warns from 30 days before the review date, naming file, line and who must review', () => {
  expect(reviewWarnings(register, day('2027-02-28'))).toEqual([]);
  expect(reviewWarnings(register, day('2027-03-20'))).toEqual([
    'compliance-register.yaml:4:5 suppression of UKPublicSector-CustomerManagedKey on "CmkBad/S3Managed" is due for review by 2027-03-31 (11 days); Jane Smith, Head of ICT Security must review it',
  ]);
});

test('after the review date synth fails; with a break-glass reason the entry still applies', () => {
  expect(() => applyRegister(appWithBadBucket(), register, day('2027-04-01'))).toThrow(RegisterError);
  const applied = applyRegister(appWithBadBucket(), register, day('2027-04-01'), {
    breakGlass: 'Restoring service after an incident; register review booked for Monday',
  });
  expect(applied.map((a) => a.constructPaths)).toEqual([['CmkBad/S3Managed']]);
});

test('the day comes from context estate:today when given, else from the clock passed in', () => {
  const clock = () => day('2030-01-01');
  expect(todayFromContext(appWithBadBucket({ [TODAY_CONTEXT_KEY]: '2026-11-30' }), clock).toISOString()).toBe(
    '2026-11-30T00:00:00.000Z',
  );
  expect(todayFromContext(appWithBadBucket(), clock)).toEqual(day('2030-01-01'));
  expect(() => todayFromContext(appWithBadBucket({ [TODAY_CONTEXT_KEY]: '30/11/2026' }), clock)).toThrow(
    /estate:today: must be a date written YYYY-MM-DD \(received "30\/11\/2026"\)/,
  );
});

test('a break-glass value must say why', () => {
  expect(breakGlassFromContext(appWithBadBucket())).toBeUndefined();
  expect(
    breakGlassFromContext(
      appWithBadBucket({ [BREAK_GLASS_CONTEXT_KEY]: 'Restoring service after an incident on 3 March' }),
    ),
  ).toBe('Restoring service after an incident on 3 March');
  expect(() => breakGlassFromContext(appWithBadBucket({ [BREAK_GLASS_CONTEXT_KEY]: 'urgent' }))).toThrow(
    RegisterError,
  );
});
