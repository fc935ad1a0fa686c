/**
 * The local EC2 endpoint the staging tests rely on answers as the Amazon EC2 API Reference
 * documents: resources move through their states one step per Describe call, and calls made in
 * the wrong state get the documented error codes (through the real SDK client).
 */
import {
  AttachVolumeCommand,
  CreateSnapshotCommand,
  CreateVolumeCommand,
  DeleteVolumeCommand,
  DescribeSnapshotsCommand,
  DescribeVolumesCommand,
  EC2Client,
} from '@aws-sdk/client-ec2';
import { FakeEc2Staging } from '../support/fake-ec2-staging';

const credentials = {
  accessKeyId: 'AKIDEXAMPLE',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
};
let fake: FakeEc2Staging;
let ec2: EC2Client;
beforeEach(async () => {
  fake = await new FakeEc2Staging().start();
  ec2 = new EC2Client({ region: 'eu-west-2', endpoint: fake.url, credentials, maxAttempts: 1 });
});
afterEach(() => fake.stop());

const code = (p: Promise<unknown>) =>
  p.then(
    () => 'no error',
    (e: { name?: string }) => e.name,
  );

test('volume creating -> available; attach before available is IncorrectState; delete while in use is VolumeInUse', async () => {
  const server = fake.addServer('s-01', { volumes: [{ device: '/dev/xvda', sizeGiB: 8, encrypted: true }] });
  const vol = (await ec2.send(new CreateVolumeCommand({ Size: 8, AvailabilityZone: 'eu-west-2a' })))
    .VolumeId!;
  expect(
    await code(ec2.send(new AttachVolumeCommand({ VolumeId: vol, InstanceId: server, Device: '/dev/sdf' }))),
  ).toBe('IncorrectState');
  const states = async () => (await ec2.send(new DescribeVolumesCommand({ VolumeIds: [vol] }))).Volumes![0]!;
  expect((await states()).State).toBe('available');
  await ec2.send(new AttachVolumeCommand({ VolumeId: vol, InstanceId: server, Device: '/dev/sdf' }));
  const attached = await states();
  expect([attached.State, attached.Attachments![0]!.State]).toEqual(['in-use', 'attached']);
  expect(await code(ec2.send(new DeleteVolumeCommand({ VolumeId: vol })))).toBe('VolumeInUse');
  expect(await code(ec2.send(new DescribeVolumesCommand({ VolumeIds: ['vol-0000000000000dead'] })))).toBe(
    'InvalidVolume.NotFound',
  );
});

test('snapshot pending -> completed; a volume from a pending snapshot is IncorrectState; from an encrypted one it is encrypted', async () => {
  fake.addServer('s-01', { volumes: [{ device: '/dev/xvda', sizeGiB: 8, encrypted: true }] });
  const source = [...fake.volumes.values()][0]!.id;
  const snap = (await ec2.send(new CreateSnapshotCommand({ VolumeId: source }))).SnapshotId!;
  expect(
    await code(ec2.send(new CreateVolumeCommand({ SnapshotId: snap, AvailabilityZone: 'eu-west-2a' }))),
  ).toBe('IncorrectState');
  expect(fake.snapshots.get(snap)!.state).toBe('pending');
  // DescribeSnapshots moves it on.
  expect((await ec2.send(new DescribeSnapshotsCommand({ SnapshotIds: [snap] }))).Snapshots![0]!.State).toBe(
    'completed',
  );
  const copy = await ec2.send(
    new CreateVolumeCommand({ SnapshotId: snap, AvailabilityZone: 'eu-west-2a', Encrypted: false }),
  );
  expect(copy.Encrypted).toBe(true);
});
