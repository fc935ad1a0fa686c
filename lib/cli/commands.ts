/** Every command the `estate` CLI knows, in help order. Each capability registers its own here. */
import type { Command } from './command';

export const COMMANDS: readonly Command[] = [];
