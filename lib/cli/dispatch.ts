/** The command dispatcher of the `estate` CLI: finds the command for the argument words and runs it. */
import { parseArgs } from 'node:util';
import { isUserError } from '../shared/user-error';
import { EXIT, type CliIo, type Command } from './command';

const PROGRAM = 'estate';

function commandList(commands: readonly Command[]): string {
  const width = Math.max(...commands.map((c) => c.path.join(' ').length));
  return commands.map((c) => `  ${c.path.join(' ').padEnd(width)}  ${c.summary}`).join('\n');
}

function topHelp(commands: readonly Command[]): string {
  return [
    `Usage: npm run ${PROGRAM} -- <command> [options]`,
    '',
    'Plan, cost and exit tooling for the council estate migration.',
    '',
    'Commands:',
    commandList(commands),
    '',
    `Run "npm run ${PROGRAM} -- <command> --help" for a command's options.`,
    '',
  ].join('\n');
}

function isHelpFlag(arg: string): boolean {
  return arg === '--help' || arg === '-h' || arg === 'help';
}

/** `estate migrate --help`: the commands under a group word (or words), each with its summary. */
function groupHelp(words: readonly string[], group: readonly Command[]): string {
  const name = words.join(' ');
  return [
    `Usage: npm run ${PROGRAM} -- ${name} <command> [options]`,
    '',
    `Commands under "${name}":`,
    commandList(group),
    '',
    `Run "npm run ${PROGRAM} -- ${name} <command> --help" for a command's options.`,
    '',
  ].join('\n');
}

function findCommand(
  commands: readonly Command[],
  argv: readonly string[],
): { command?: Command; rest: string[] } {
  let best: Command | undefined;
  for (const c of commands) {
    if (c.path.every((word, i) => argv[i] === word) && (!best || c.path.length > best.path.length)) best = c;
  }
  return { command: best, rest: best ? argv.slice(best.path.length) : [...argv] };
}

/**
 * Runs `argv` against the given commands (help, unknown-command and argument errors included);
 * returns the exit code. `runCli` (./main) runs it with every command; a job step runs it with the
 * one command it needs, so the step need not import the command list (which lists the job).
 */
export async function runCommands(
  argv: readonly string[],
  io: CliIo,
  commands: readonly Command[],
): Promise<number> {
  if (argv.length === 0 || argv[0] === '--help' || argv[0] === '-h' || argv[0] === 'help') {
    io.stdout(topHelp(commands));
    return argv.length === 0 ? EXIT.badInput : EXIT.ok;
  }
  const { command, rest } = findCommand(commands, argv);
  if (!command && argv.some(isHelpFlag)) {
    const words = argv.slice(0, argv.findIndex(isHelpFlag));
    const group = commands.filter((c) => words.every((word, i) => c.path[i] === word));
    if (words.length > 0 && group.length > 0) {
      io.stdout(groupHelp(words, group));
      return EXIT.ok;
    }
  }
  if (!command) {
    const group = commands.filter((c) => c.path[0] === argv[0]);
    if (group.length > 0) {
      io.stderr(`Unknown command "${argv.join(' ')}". Commands under "${argv[0]}":\n${commandList(group)}\n`);
    } else {
      io.stderr(`Unknown command "${argv[0]}".\n\n${topHelp(commands)}`);
    }
    return EXIT.badInput;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.stdout(`${command.usage.trimEnd()}\n`);
    return EXIT.ok;
  }
  let parsed;
  try {
    parsed = parseArgs({ args: rest, options: command.options, allowPositionals: true, strict: true });
  } catch (e) {
    io.stderr(`${(e as Error).message}\n\n${command.usage.trimEnd()}\n`);
    return EXIT.badInput;
  }
  try {
    return await command.run(parsed, io);
  } catch (e) {
    if (!isUserError(e)) throw e;
    io.stderr(`${e.message}\n${e.hint ? `What to do: ${e.hint}\n` : ''}`);
    return e.exitCode;
  }
}
