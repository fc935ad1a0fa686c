/**
 * Jest setup (jest.config.js `setupFiles`): every synth in the suite uses aws-cdk-lib's template
 * validation through CachedTemplateValidation (lib/app/estate-synth-validation.ts), with results
 * kept by template hash in .cache/template-validation/ (the cache `npx cdk synth` uses). A
 * template another test file (or an earlier run) validated costs a file read instead of setting
 * up the validator's engine; a template none has seen is validated on one engine per jest worker
 * process, shared by its test files (test/support/shared-validation-thread.ts), instead of one
 * set up by each test file (seconds each). The answers are the same:
 * test/app/template-validation-cache.test.ts proves the assembly is byte-identical with and
 * without the cache. Tests that set CDK_VALIDATION=false still skip validation altogether.
 */
import { CloudFormationValidatePlugin } from 'aws-cdk-lib';
import { CachedTemplateValidation } from '../../lib/app/estate-synth-validation';
import { controlTowerFileCache } from '../../bin/private/control-tower-check';
import {
  TEMPLATE_VALIDATION_CACHE_DIR,
  templateValidationVersions,
} from '../../bin/private/template-validation-check';
import { sharedThreadRunner } from './shared-validation-thread';

let shared: CloudFormationValidatePlugin | undefined;
// aws-cdk-lib adds `_singletonInstance()` to an app that registers no validator of its own.
(
  CloudFormationValidatePlugin as unknown as { _singletonInstance: () => CloudFormationValidatePlugin }
)._singletonInstance = () =>
  (shared ??= new CachedTemplateValidation({
    cache: controlTowerFileCache(TEMPLATE_VALIDATION_CACHE_DIR),
    runner: sharedThreadRunner,
    versions: templateValidationVersions(),
  }));
