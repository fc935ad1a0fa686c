/**
 * A local RDS endpoint for tests: node:http on 127.0.0.1 speaking the Query protocol the real
 * SDK client uses (form-encoded `Action=...&Version=2014-10-31`, `<XxxResponse><XxxResult>` XML,
 * `<ErrorResponse>` errors). Snapshots become available after one describe; export tasks complete
 * after `exportPolls` describes, or fail with `failWith`.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

const NS = 'http://rds.amazonaws.com/doc/2014-10-31/';

export class FakeRds {
  readonly requests: { action: string; params: Record<string, string> }[] = [];
  readonly snapshots = new Map<string, { status: string; instance: string }>();
  readonly tasks = new Map<string, { status: string; polls: number; params: Record<string, string> }>();
  failWith?: string;
  private server?: Server;
  private port = 0;

  constructor(private readonly exportPolls = 2) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  count(action: string): number {
    return this.requests.filter((r) => r.action === action).length;
  }

  async start(): Promise<this> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
    return this;
  }

  async stop(): Promise<void> {
    if (this.server) await new Promise<void>((resolve) => this.server!.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const params = Object.fromEntries(new URLSearchParams(Buffer.concat(chunks).toString('utf8')));
    const action = params.Action ?? '';
    this.requests.push({ action, params });
    switch (action) {
      case 'CreateDBSnapshot': {
        const id = params.DBSnapshotIdentifier ?? '';
        if (this.snapshots.has(id))
          return this.error(
            res,
            'DBSnapshotAlreadyExists',
            `Cannot create the snapshot because a snapshot with the identifier ${id} already exists.`,
          );
        this.snapshots.set(id, { status: 'creating', instance: params.DBInstanceIdentifier ?? '' });
        return this.ok(
          res,
          action,
          `<DBSnapshot><DBSnapshotIdentifier>${id}</DBSnapshotIdentifier><Status>creating</Status></DBSnapshot>`,
        );
      }
      case 'DescribeDBSnapshots': {
        const id = params.DBSnapshotIdentifier ?? '';
        const snap = this.snapshots.get(id);
        if (!snap) return this.error(res, 'DBSnapshotNotFound', `DBSnapshot ${id} not found.`, 404);
        const status = snap.status;
        snap.status = 'available';
        return this.ok(
          res,
          action,
          `<DBSnapshots><DBSnapshot><DBSnapshotIdentifier>${id}</DBSnapshotIdentifier><Status>${status}</Status></DBSnapshot></DBSnapshots>`,
        );
      }
      case 'StartExportTask': {
        const id = params.ExportTaskIdentifier ?? '';
        if (this.tasks.has(id))
          return this.error(
            res,
            'ExportTaskAlreadyExists',
            `The export task with the ID ${id} already exists.`,
          );
        this.tasks.set(id, { status: 'STARTING', polls: 0, params });
        return this.ok(
          res,
          action,
          `<ExportTaskIdentifier>${id}</ExportTaskIdentifier><Status>STARTING</Status>`,
        );
      }
      case 'DescribeExportTasks': {
        const id = params.ExportTaskIdentifier ?? '';
        const task = this.tasks.get(id);
        if (!task) return this.ok(res, action, '<ExportTasks/>');
        task.polls++;
        if (this.failWith && task.polls >= 2) task.status = 'FAILED';
        else if (task.polls >= this.exportPolls) task.status = 'COMPLETE';
        else task.status = 'IN_PROGRESS';
        const cause = task.status === 'FAILED' ? `<FailureCause>${this.failWith}</FailureCause>` : '';
        const pct = Math.min(100, Math.round((task.polls / this.exportPolls) * 100));
        return this.ok(
          res,
          action,
          `<ExportTasks><ExportTask><ExportTaskIdentifier>${id}</ExportTaskIdentifier><Status>${task.status}</Status><PercentProgress>${pct}</PercentProgress>${cause}</ExportTask></ExportTasks>`,
        );
      }
      default:
        return this.error(res, 'InvalidAction', `Unknown action ${action}`);
    }
  }

  private ok(res: ServerResponse, action: string, inner: string): void {
    res.writeHead(200, { 'Content-Type': 'text/xml' });
    res.end(
      `<${action}Response xmlns="${NS}"><${action}Result>${inner}</${action}Result><ResponseMetadata><RequestId>r</RequestId></ResponseMetadata></${action}Response>`,
    );
  }

  private error(res: ServerResponse, code: string, message: string, status = 400): void {
    res.writeHead(status, { 'Content-Type': 'text/xml' });
    res.end(
      `<ErrorResponse xmlns="${NS}"><Error><Type>Sender</Type><Code>${code}</Code><Message>${message}</Message></Error><RequestId>r</RequestId></ErrorResponse>`,
    );
  }
}
