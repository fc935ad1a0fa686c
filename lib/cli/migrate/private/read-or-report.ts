import type { MgnClient } from '@aws-sdk/client-mgn';
import type { CliIo } from '../../command';
import { readMgnSnapshot } from '../../../migration/mgn/read-snapshot';
import type { MgnSnapshot } from '../../../migration/mgn/snapshot';

/** Reads MGN, or prints one line saying why it could not (credentials, endpoint, permissions). */
export async function readMgnSnapshotOrReport(
  client: MgnClient,
  hostnames: readonly string[],
  io: CliIo,
): Promise<MgnSnapshot | undefined> {
  try {
    return await readMgnSnapshot(client, hostnames);
  } catch (e) {
    if (e instanceof Error && e.name === 'UninitializedAccountException') {
      io.stderr(
        'AWS MGN is not initialised in this account (UninitializedAccountException): run npm run estate -- migrate init\n',
      );
      return undefined;
    }
    const what = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
    io.stderr(`Could not read AWS MGN (${what}). Check credentials, region and --endpoint.\n`);
    return undefined;
  }
}
