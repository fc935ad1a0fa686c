/** What a customer-managed KMS key protects. One key per purpose (and per classification). */
export const KEY_PURPOSES = ['ebs', 'rds', 'logs', 'backup', 'secrets', 'sns'] as const;

export type KeyPurpose = (typeof KEY_PURPOSES)[number];

/** The AWS service that uses a key of this purpose on the council's behalf (`kms:ViaService`). */
export const KEY_PURPOSE_SERVICE: Readonly<Record<KeyPurpose, string>> = {
  ebs: 'ec2',
  rds: 'rds',
  logs: 'logs',
  backup: 'backup',
  secrets: 'secretsmanager',
  sns: 'sns',
};
