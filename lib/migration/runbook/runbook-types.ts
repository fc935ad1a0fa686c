/** The content of a wave's runbook: sections of steps, and the items the wave moves. */
import type { PlanWave } from '../../plan/plan';

export interface RunbookSection {
  readonly title: string;
  /** Steps in order; commands are shown verbatim. */
  readonly steps: readonly RunbookStep[];
}

export interface RunbookStep {
  readonly text: string;
  readonly command?: string;
  /** `if-needed`: only when something went wrong (a failed test, a rollback). @default - always */
  readonly when?: 'if-needed';
}

export interface RunbookItem {
  readonly kind: 'server' | 'database';
  readonly id: string;
  readonly name: string;
  readonly application: string;
  readonly route: string;
  readonly how: string;
}

export interface WaveRunbook {
  readonly estate: string;
  readonly wave: PlanWave;
  readonly items: readonly RunbookItem[];
  readonly sections: readonly RunbookSection[];
}
