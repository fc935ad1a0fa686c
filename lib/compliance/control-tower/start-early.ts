import type {
  IPolicyValidationContext,
  IPolicyValidationPlugin,
  PolicyValidationPluginReport,
} from 'aws-cdk-lib';
import type { CachedControlTowerValidator } from './cached-control-tower';

/**
 * The plugins to register, the first of them starting the Control Tower check before it runs.
 * aws-cdk-lib calls the plugins one after another once every template is written; the cdk-nag
 * packs that come first run on one core, so a check started then (in worker threads) uses the
 * cores they leave idle, and the Control Tower plugin, later, only waits for what is left. The
 * first plugin is wrapped, not changed: its name, version, rule ids and report are its own.
 */
export function startingControlTowerEarly(
  plugins: readonly IPolicyValidationPlugin[],
  controlTower: CachedControlTowerValidator,
): IPolicyValidationPlugin[] {
  const [first, ...rest] = plugins;
  if (!first || first === controlTower) return [...plugins];
  return [new StartsControlTower(first, controlTower), ...rest];
}

class StartsControlTower implements IPolicyValidationPlugin {
  constructor(
    private readonly inner: IPolicyValidationPlugin,
    private readonly controlTower: CachedControlTowerValidator,
  ) {}

  get name(): string {
    return this.inner.name;
  }

  get version(): string | undefined {
    return this.inner.version;
  }

  get ruleIds(): string[] | undefined {
    return this.inner.ruleIds;
  }

  validate(context: IPolicyValidationContext): PolicyValidationPluginReport {
    this.controlTower.start(context.templatePaths);
    return this.inner.validate(context);
  }
}
