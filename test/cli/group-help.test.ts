/** `estate <group> --help` prints the group's commands (issue 17: `estate migrate --help` exited 2). */
import { COMMANDS, runCli } from '../../lib/cli';
import { captureIo } from './capture-io';

const GROUPS = [...new Set(COMMANDS.map((c) => c.path[0] ?? ''))];

describe('group help', () => {
  test.each(GROUPS)('estate %s --help exits 0 and lists every command under it', async (group) => {
    const io = captureIo();
    expect(await runCli([group, '--help'], io)).toBe(0);
    expect(io.out()).toContain(`Usage: npm run estate -- ${group} <command> [options]`);
    for (const c of COMMANDS.filter((x) => x.path[0] === group)) expect(io.out()).toContain(c.path.join(' '));
    expect(io.err()).toBe('');
  });

  test('-h works as --help for a group', async () => {
    const io = captureIo();
    expect(await runCli(['migrate', '-h'], io)).toBe(0);
    expect(io.out()).toContain('migrate status');
  });

  test.each(COMMANDS.map((c) => [c.path.join(' ')]))(
    'estate %s --help exits 0 with its usage',
    async (path) => {
      const io = captureIo();
      expect(await runCli([...path.split(' '), '--help'], io)).toBe(0);
      expect(io.out()).toMatch(/Usage|usage/);
    },
  );

  test('an unknown word under a group is still exit 2', async () => {
    const io = captureIo();
    expect(await runCli(['migrate', 'fly'], io)).toBe(2);
    expect(io.err()).toContain('Unknown command "migrate fly"');
  });

  test('help for an unknown group is still exit 2', async () => {
    const io = captureIo();
    expect(await runCli(['nothing', '--help'], io)).toBe(2);
  });
});
