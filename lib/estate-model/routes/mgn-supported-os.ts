/**
 * Which source operating systems AWS Application Migration Service (MGN) replicates, after the
 * "Supported operating systems" page of the MGN user guide. Conservative: the oldest releases the
 * guide lists only with the legacy agent or special steps (Windows Server 2003, RHEL/CentOS 5,
 * SUSE 11, Ubuntu 12.04) count as unsupported here, so the plan moves them another way.
 * Review this table against the guide before each wave: it is data, not a promise.
 *
 * Source to check it against: https://docs.aws.amazon.com/mgn/latest/ug/Supported-Operating-Systems.html
 * (linked as "supported operating systems" from the MGN installation requirements,
 * https://docs.aws.amazon.com/mgn/latest/ug/installation-requirements.html). NOT YET VERIFIED: on
 * 2026-11-30 the documentation search available to this project held the installation
 * requirements page but no copy of the supported-OS page itself, so the versions below are still
 * the conservative reading described above.
 */
import type { Os } from '../../plan/schema';

export interface MgnOsSupport {
  readonly supported: boolean;
  /** Why not, when not supported. */
  readonly why: string;
  /** What is supported, for the message. */
  readonly allowed: string;
}

/** Windows Server versions MGN replicates (product year, with R2 where it exists). */
const WINDOWS_SERVER = ['2008', '2008 R2', '2012', '2012 R2', '2016', '2019', '2022', '2025'];

/** Linux distributions (lower-case names and aliases) and the oldest supported major version. */
const LINUX: readonly { readonly names: readonly string[]; readonly label: string; readonly min: number }[] =
  [
    { names: ['rhel', 'red hat enterprise linux', 'red hat'], label: 'RHEL 6+', min: 6 },
    { names: ['centos'], label: 'CentOS 6+', min: 6 },
    { names: ['oracle linux'], label: 'Oracle Linux 6+', min: 6 },
    { names: ['rocky linux', 'rocky'], label: 'Rocky Linux 8+', min: 8 },
    { names: ['almalinux', 'alma linux'], label: 'AlmaLinux 8+', min: 8 },
    { names: ['suse', 'sles', 'suse linux enterprise server'], label: 'SUSE 12+', min: 12 },
    { names: ['debian'], label: 'Debian 9+', min: 9 },
    { names: ['ubuntu'], label: 'Ubuntu 14.04+', min: 14 },
    { names: ['amazon linux'], label: 'Amazon Linux 2+', min: 2 },
  ];

const LINUX_ALLOWED = LINUX.map((d) => d.label).join(', ');
const WINDOWS_ALLOWED = `Windows Server ${WINDOWS_SERVER.join(', ')}`;

function normalise(text: string): string {
  return text.trim().toLowerCase().replace(/\s+/g, ' ');
}

export function mgnSupportsOs(os: Readonly<Os>): MgnOsSupport {
  const name = normalise(os.name);
  const version = normalise(os.version).toUpperCase();
  if (os.family === 'windows') {
    if (name !== 'windows server') {
      return {
        supported: false,
        why: `"${os.name}" is not a Windows Server release`,
        allowed: WINDOWS_ALLOWED,
      };
    }
    const ok = WINDOWS_SERVER.includes(version);
    return {
      supported: ok,
      why: ok ? '' : `Windows Server ${os.version} is not in MGN's supported list`,
      allowed: WINDOWS_ALLOWED,
    };
  }
  const distro = LINUX.find((d) => d.names.includes(name));
  if (!distro) {
    return { supported: false, why: `"${os.name}" is not a distribution MGN lists`, allowed: LINUX_ALLOWED };
  }
  const major = Number.parseInt(version, 10);
  const ok = Number.isFinite(major) && major >= distro.min;
  return {
    supported: ok,
    why: ok ? '' : `${os.name} ${os.version} is older than ${distro.label}`,
    allowed: LINUX_ALLOWED,
  };
}
