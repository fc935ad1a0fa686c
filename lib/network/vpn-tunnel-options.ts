/**
 * Site-to-site VPN tunnel crypto, as data: IKEv2 only, AES-256 (GCM first), SHA-2 integrity, and
 * elliptic-curve Diffie-Hellman groups 19-21 for both phases (NCSC's IPsec guidance: the
 * "PSN/PRIME"-style profile). AWS's defaults also offer IKEv1, AES-128, SHA-1 and DH group 2, which
 * a council firewall could negotiate down to; listing only these makes it impossible.
 */
import type * as ec2 from 'aws-cdk-lib/aws-ec2';

export const VPN_IKE_VERSIONS = ['ikev2'] as const;
export const VPN_ENCRYPTION_ALGORITHMS = ['AES256-GCM-16', 'AES256'] as const;
export const VPN_INTEGRITY_ALGORITHMS = ['SHA2-256', 'SHA2-384', 'SHA2-512'] as const;
export const VPN_DH_GROUPS = [19, 20, 21] as const;

/** Tunnel options for one tunnel, logging tunnel activity to `logGroupArn`. */
export function vpnTunnelOptions(
  logGroupArn: string,
): ec2.CfnVPNConnection.VpnTunnelOptionsSpecificationProperty {
  const values = <T>(list: readonly T[]) => list.map((value) => ({ value }));
  return {
    ikeVersions: values(VPN_IKE_VERSIONS),
    phase1EncryptionAlgorithms: values(VPN_ENCRYPTION_ALGORITHMS),
    phase2EncryptionAlgorithms: values(VPN_ENCRYPTION_ALGORITHMS),
    phase1IntegrityAlgorithms: values(VPN_INTEGRITY_ALGORITHMS),
    phase2IntegrityAlgorithms: values(VPN_INTEGRITY_ALGORITHMS),
    phase1DhGroupNumbers: values(VPN_DH_GROUPS),
    phase2DhGroupNumbers: values(VPN_DH_GROUPS),
    logOptions: {
      cloudwatchLogOptions: { logEnabled: true, logGroupArn, logOutputFormat: 'json' },
    },
  };
}
