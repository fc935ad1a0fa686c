/**
 * A local Systems Manager Run Command endpoint for tests: plain node:http on 127.0.0.1 speaking the
 * JSON 1.1 protocol @aws-sdk/client-ssm sends (X-Amz-Target: AmazonSSM.SendCommand,
 * AmazonSSM.GetCommandInvocation). It follows the AWS Systems Manager API Reference and "Understanding
 * command statuses": SendCommand answers a command in status `Pending`; GetCommandInvocation moves
 * an invocation `Pending` -> `InProgress` -> `Success` or `Failed` (one step per call), with the
 * standard output and error; a target that is not a running managed instance is
 * `InvalidInstanceId`; an unknown command/instance pair is `InvocationDoesNotExist`. Commands run
 * through `execute` (the EC2 fake's worker, which copies its attached volumes).
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RunCommandTarget {
  isRunning(instanceId: string): boolean;
  runScript(instanceId: string, commands: readonly string[]): { ok: boolean; stdout: string; stderr: string };
}

interface Invocation {
  commandId: string;
  instanceId: string;
  status: 'Pending' | 'InProgress' | 'Success' | 'Failed';
  commands: string[];
  stdout: string;
  stderr: string;
}

export interface FakeRunCommand {
  readonly endpoint: string;
  readonly targets: string[];
  readonly invocations: Invocation[];
  /** SendCommand answers InvalidInstanceId this many more times (an agent still registering). */
  notRegisteredFor: number;
  close(): Promise<void>;
}

export async function startFakeRunCommand(target: RunCommandTarget): Promise<FakeRunCommand> {
  const invocations: Invocation[] = [];
  const targets: string[] = [];
  let seq = 0;
  const fake: FakeRunCommand = {
    endpoint: '',
    targets,
    invocations,
    notRegisteredFor: 0,
    close: () => new Promise((r) => server.close(() => r())),
  };
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (d: Buffer) => (body += d.toString('utf8')));
    req.on('end', () => {
      const op = String(req.headers['x-amz-target']);
      targets.push(op);
      const reply = (status: number, json: unknown) => {
        res.writeHead(status, { 'content-type': 'application/x-amz-json-1.1' });
        res.end(JSON.stringify(json));
      };
      const input = JSON.parse(body || '{}') as Record<string, unknown>;
      if (op === 'AmazonSSM.SendCommand') {
        const ids = (input.InstanceIds as string[] | undefined) ?? [];
        if (input.DocumentName !== 'AWS-RunShellScript')
          return reply(400, {
            __type: 'InvalidDocument',
            message: `Document ${String(input.DocumentName)} is not modelled`,
          });
        if (fake.notRegisteredFor > 0 || ids.some((i) => !target.isRunning(i))) {
          if (fake.notRegisteredFor > 0) fake.notRegisteredFor--;
          return reply(400, {
            __type: 'InvalidInstanceId',
            message: 'Instances not in a valid state for account',
          });
        }
        const commandId = `cmd-${(++seq).toString(16).padStart(8, '0')}-0000-4000-8000-000000000000`;
        const commands = ((input.Parameters as Record<string, string[]>)?.commands ?? []).slice();
        for (const instanceId of ids)
          invocations.push({ commandId, instanceId, status: 'Pending', commands, stdout: '', stderr: '' });
        return reply(200, {
          Command: {
            CommandId: commandId,
            DocumentName: input.DocumentName,
            InstanceIds: ids,
            Status: 'Pending',
            TargetCount: ids.length,
          },
        });
      }
      if (op === 'AmazonSSM.GetCommandInvocation') {
        const inv = invocations.find(
          (i) => i.commandId === input.CommandId && i.instanceId === input.InstanceId,
        );
        if (!inv)
          return reply(400, { __type: 'InvocationDoesNotExist', message: 'Invocation does not exist' });
        if (inv.status === 'Pending') inv.status = 'InProgress';
        else if (inv.status === 'InProgress') {
          const r = target.runScript(inv.instanceId, inv.commands);
          inv.status = r.ok ? 'Success' : 'Failed';
          inv.stdout = r.stdout;
          inv.stderr = r.stderr;
        }
        return reply(200, {
          CommandId: inv.commandId,
          InstanceId: inv.instanceId,
          DocumentName: 'AWS-RunShellScript',
          Status: inv.status,
          StatusDetails: inv.status,
          ResponseCode: inv.status === 'Success' ? 0 : inv.status === 'Failed' ? 1 : -1,
          StandardOutputContent: inv.stdout.slice(0, 24000),
          StandardErrorContent: inv.stderr.slice(0, 8000),
        });
      }
      reply(400, { __type: 'InvalidAction', message: `${op} is not modelled` });
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  (fake as { endpoint: string }).endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return fake;
}
