/**
 * Local endpoints for `estate preflight`: one plain node:http server per service on 127.0.0.1
 * (port 0), each speaking the wire protocol the real SDK client sends and answering with the
 * documented errors for what is absent:
 * - EC2 (Query, XML): DescribeImages (the `image-id` filter omits unknown ids), DescribeRegions
 *   (AllRegions, OptInStatus);
 * - SSM (JSON 1.1, X-Amz-Target AmazonSSM.*): GetParameter (ParameterNotFound), GetDocument
 *   (InvalidDocument);
 * - Service Quotas (JSON 1.1, ServiceQuotasV20190624.*): GetServiceQuota (NoSuchResourceException
 *   when no value is applied), GetAWSDefaultServiceQuota;
 * - GuardDuty (REST-JSON): GET /detector;
 * - Security Hub (REST-JSON): GET /accounts (InvalidAccessException, 401, when not subscribed);
 * - IAM (Query, XML, 2010-05-08): GetRole (NoSuchEntity, 404);
 * - MGN (REST-JSON): POST /DescribeReplicationConfigurationTemplates (UninitializedAccountException);
 * - Secrets Manager (JSON 1.1, X-Amz-Target secretsmanager.*): DescribeSecret by name
 *   (ResourceNotFoundException when absent; RotationEnabled, and KmsKeyId only for a customer key).
 * Every request is recorded, so tests can prove the preflight changed nothing.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeAccountState {
  account: string;
  images: Map<string, { state: string; ownerId: string }>;
  /** Region -> opt-in status (regions absent are unknown). */
  regions: Map<string, string>;
  /** SSM parameters, by region then name. */
  parameters: Map<string, Map<string, string>>;
  documents: Set<string>;
  /** Applied quota values by `<service>/<code>`; `defaults` answer GetAWSDefaultServiceQuota. */
  quotas: Map<string, number>;
  defaults: Map<string, number>;
  detectors: string[];
  securityHub: boolean;
  roles: Set<string>;
  mgnInitialised: boolean;
  /** Secrets by name: rotation on or off, and the key id or alias ARN (absent: aws/secretsmanager). */
  secrets: Map<string, { rotationEnabled: boolean; kmsKeyId?: string }>;
}

export interface FakeAccount {
  readonly state: FakeAccountState;
  /** AWS_ENDPOINT_URL_<SERVICE> variables pointing the SDK clients here. */
  readonly env: Record<string, string>;
  /** Every request: service and operation. */
  readonly requests: { service: string; op: string }[];
  close(): Promise<void>;
}

const READ_ONLY = /^(Describe|Get|List)/;

export function goodAccountState(account = '123456789012'): FakeAccountState {
  return {
    account,
    images: new Map(),
    regions: new Map([
      ['eu-west-2', 'opt-in-not-required'],
      ['us-east-1', 'opt-in-not-required'],
      ['eu-west-1', 'opt-in-not-required'],
    ]),
    parameters: new Map([
      ['eu-west-2', new Map([['/cdk-bootstrap/hnb659fds/version', '30']])],
      ['us-east-1', new Map([['/cdk-bootstrap/hnb659fds/version', '30']])],
    ]),
    documents: new Set(),
    quotas: new Map(),
    defaults: new Map([
      ['vpc/L-F678F1CE', 5],
      ['vpc/L-FE5A380F', 5],
      ['ec2/L-0263D0A3', 5],
      ['rds/L-272F1212', 100],
      ['ebs/L-309BACF6', 100000],
    ]),
    detectors: [],
    securityHub: false,
    roles: new Set(),
    mgnInitialised: true,
    secrets: new Map(),
  };
}

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

async function body(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** Values of a Query list parameter: `Name.1`, `Name.2`, ... */
function queryList(params: URLSearchParams, prefix: string): string[] {
  const out: string[] = [];
  for (let i = 1; params.has(`${prefix}.${i}`); i++) out.push(params.get(`${prefix}.${i}`)!);
  return out;
}

function json(
  res: ServerResponse,
  status: number,
  payload: unknown,
  type = 'application/x-amz-json-1.1',
  errorType?: string,
) {
  res.writeHead(status, { 'content-type': type, ...(errorType ? { 'x-amzn-errortype': errorType } : {}) });
  res.end(JSON.stringify(payload));
}

function xml(res: ServerResponse, status: number, text: string) {
  res.writeHead(status, { 'content-type': 'text/xml' });
  res.end(`<?xml version="1.0" encoding="UTF-8"?>\n${text}`);
}

type Handler = (req: IncomingMessage, text: string, res: ServerResponse, log: (op: string) => void) => void;

export async function startFakeAccount(state: FakeAccountState): Promise<FakeAccount> {
  const requests: { service: string; op: string }[] = [];
  const ec2NS = 'http://ec2.amazonaws.com/doc/2016-11-15/';
  const iamNS = 'https://iam.amazonaws.com/doc/2010-05-08/';

  const ec2: Handler = (_req, text, res, log) => {
    const p = new URLSearchParams(text);
    const op = p.get('Action') ?? '';
    log(op);
    if (op === 'DescribeImages') {
      // Filter.N.Name=image-id with Filter.N.Value.M: unknown ids are simply not returned.
      let ids: string[] = [];
      for (let i = 1; p.has(`Filter.${i}.Name`); i++)
        if (p.get(`Filter.${i}.Name`) === 'image-id') ids = queryList(p, `Filter.${i}.Value`);
      const items = ids
        .filter((id) => state.images.has(id))
        .map((id) => {
          const img = state.images.get(id)!;
          return `<item><imageId>${id}</imageId><imageState>${img.state}</imageState><imageOwnerId>${img.ownerId}</imageOwnerId></item>`;
        });
      return xml(
        res,
        200,
        `<DescribeImagesResponse xmlns="${ec2NS}"><requestId>r-1</requestId><imagesSet>${items.join('')}</imagesSet></DescribeImagesResponse>`,
      );
    }
    if (op === 'DescribeRegions') {
      const names = queryList(p, 'RegionName');
      const items = names
        .filter((n) => state.regions.has(n))
        .map(
          (n) =>
            `<item><regionName>${n}</regionName><regionEndpoint>ec2.${n}.amazonaws.com</regionEndpoint><optInStatus>${state.regions.get(n)}</optInStatus></item>`,
        );
      return xml(
        res,
        200,
        `<DescribeRegionsResponse xmlns="${ec2NS}"><requestId>r-2</requestId><regionInfo>${items.join('')}</regionInfo></DescribeRegionsResponse>`,
      );
    }
    xml(
      res,
      400,
      `<Response><Errors><Error><Code>InvalidAction</Code><Message>${esc(op)} is not modelled</Message></Error></Errors><RequestID>r-3</RequestID></Response>`,
    );
  };

  const ssm: Handler = (req, text, res, log) => {
    const target = String(req.headers['x-amz-target']).replace('AmazonSSM.', '');
    log(target);
    const input = JSON.parse(text || '{}') as { Name?: string };
    // The region is in the SigV4 credential scope: .../<date>/<region>/ssm/aws4_request.
    const region = /Credential=[^/]+\/\d+\/([^/]+)\//.exec(String(req.headers.authorization))?.[1] ?? '';
    if (target === 'GetParameter') {
      const value = state.parameters.get(region)?.get(input.Name ?? '');
      return value === undefined
        ? json(res, 400, { __type: 'ParameterNotFound', message: '' })
        : json(res, 200, { Parameter: { Name: input.Name, Value: value, Type: 'String', Version: 1 } });
    }
    if (target === 'GetDocument') {
      return state.documents.has(input.Name ?? '')
        ? json(res, 200, { Name: input.Name, DocumentType: 'Session', Status: 'Active', Content: '{}' })
        : json(res, 400, {
            __type: 'InvalidDocument',
            message: `Document with name ${input.Name} does not exist.`,
          });
    }
    json(res, 400, { __type: 'InvalidAction', message: `${target} is not modelled` });
  };

  const quotas: Handler = (req, text, res, log) => {
    const target = String(req.headers['x-amz-target']).replace('ServiceQuotasV20190624.', '');
    log(target);
    const input = JSON.parse(text || '{}') as { ServiceCode: string; QuotaCode: string };
    const key = `${input.ServiceCode}/${input.QuotaCode}`;
    const value =
      target === 'GetServiceQuota'
        ? state.quotas.get(key)
        : target === 'GetAWSDefaultServiceQuota'
          ? state.defaults.get(key)
          : undefined;
    if (value === undefined)
      return json(res, 400, {
        __type: 'NoSuchResourceException',
        Message: `The request failed because the specified quota ${input.QuotaCode} does not exist.`,
      });
    json(res, 200, {
      Quota: {
        ServiceCode: input.ServiceCode,
        QuotaCode: input.QuotaCode,
        Value: value,
        Adjustable: true,
        GlobalQuota: false,
      },
    });
  };

  const guardDuty: Handler = (req, _text, res, log) => {
    log(
      req.method === 'GET' && (req.url ?? '').startsWith('/detector')
        ? 'ListDetectors'
        : `${req.method} ${req.url}`,
    );
    if (req.method === 'GET' && (req.url ?? '').startsWith('/detector'))
      return json(res, 200, { detectorIds: state.detectors }, 'application/json');
    json(res, 404, { message: 'not modelled' }, 'application/json', 'BadRequestException');
  };

  const securityHub: Handler = (req, _text, res, log) => {
    const isHub = req.method === 'GET' && (req.url ?? '').startsWith('/accounts');
    log(isHub ? 'DescribeHub' : `${req.method} ${req.url}`);
    if (!isHub)
      return json(res, 404, { Message: 'not modelled' }, 'application/json', 'InvalidInputException');
    if (!state.securityHub)
      return json(
        res,
        401,
        {
          Code: 'InvalidAccessException',
          Message: `Account ${state.account} is not subscribed to AWS Security Hub`,
        },
        'application/json',
        'InvalidAccessException',
      );
    json(
      res,
      200,
      {
        HubArn: `arn:aws:securityhub:eu-west-2:${state.account}:hub/default`,
        SubscribedAt: '2026-01-01T00:00:00.000Z',
        AutoEnableControls: true,
      },
      'application/json',
    );
  };

  const iam: Handler = (_req, text, res, log) => {
    const p = new URLSearchParams(text);
    const op = p.get('Action') ?? '';
    log(op);
    if (op !== 'GetRole')
      return xml(
        res,
        400,
        `<ErrorResponse xmlns="${iamNS}"><Error><Type>Sender</Type><Code>InvalidAction</Code><Message>${esc(op)}</Message></Error><RequestId>r</RequestId></ErrorResponse>`,
      );
    const name = p.get('RoleName') ?? '';
    if (!state.roles.has(name))
      return xml(
        res,
        404,
        `<ErrorResponse xmlns="${iamNS}"><Error><Type>Sender</Type><Code>NoSuchEntity</Code><Message>The role with name ${esc(name)} cannot be found.</Message></Error><RequestId>r</RequestId></ErrorResponse>`,
      );
    xml(
      res,
      200,
      `<GetRoleResponse xmlns="${iamNS}"><GetRoleResult><Role><Path>/</Path><RoleName>${esc(name)}</RoleName><RoleId>AROAEXAMPLE${name.length}</RoleId><Arn>arn:aws:iam::${state.account}:role/${esc(name)}</Arn><CreateDate>2026-01-01T00:00:00Z</CreateDate></Role></GetRoleResult><ResponseMetadata><RequestId>r</RequestId></ResponseMetadata></GetRoleResponse>`,
    );
  };

  const mgn: Handler = (req, _text, res, log) => {
    const op = (req.url ?? '').replace(/^\//, '').split('?')[0]!;
    log(op);
    if (op !== 'DescribeReplicationConfigurationTemplates')
      return json(
        res,
        404,
        { message: `unknown operation ${op}` },
        'application/json',
        'UnknownOperationException',
      );
    if (!state.mgnInitialised)
      return json(
        res,
        400,
        { message: 'Account not initialized', code: 'UninitializedAccountException' },
        'application/json',
        'UninitializedAccountException',
      );
    json(res, 200, { items: [] }, 'application/json');
  };

  const secretsManager: Handler = (req, text, res, log) => {
    const target = String(req.headers['x-amz-target']).replace('secretsmanager.', '');
    log(target);
    if (target !== 'DescribeSecret')
      return json(res, 400, { __type: 'InvalidRequestException', Message: `${target} is not modelled` });
    const input = JSON.parse(text || '{}') as { SecretId?: string };
    const secret = state.secrets.get(input.SecretId ?? '');
    if (!secret)
      return json(res, 400, {
        __type: 'ResourceNotFoundException',
        Message: "Secrets Manager can't find the specified secret.",
      });
    json(res, 200, {
      ARN: `arn:aws:secretsmanager:eu-west-2:${state.account}:secret:${input.SecretId}-AbCdEf`,
      Name: input.SecretId,
      RotationEnabled: secret.rotationEnabled,
      ...(secret.kmsKeyId ? { KmsKeyId: secret.kmsKeyId } : {}),
    });
  };

  const services: Record<string, Handler> = {
    EC2: ec2,
    SSM: ssm,
    SERVICE_QUOTAS: quotas,
    GUARDDUTY: guardDuty,
    SECURITYHUB: securityHub,
    IAM: iam,
    MGN: mgn,
    SECRETS_MANAGER: secretsManager,
  };
  const servers = await Promise.all(
    Object.entries(services).map(async ([service, handler]) => {
      const server = createServer((req, res) => {
        body(req)
          .then((text) => handler(req, text, res, (op) => requests.push({ service, op })))
          .catch((e: Error) => json(res, 500, { message: e.message }));
      });
      await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
      return { service, server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
    }),
  );
  return {
    state,
    env: Object.fromEntries(servers.map((s) => [`AWS_ENDPOINT_URL_${s.service}`, s.url])),
    requests,
    close: async () => {
      await Promise.all(servers.map((s) => new Promise<void>((r) => s.server.close(() => r()))));
    },
  };
}

/** True when every recorded request was a read (Describe*, Get*, List*). */
export function onlyReads(requests: readonly { op: string }[]): boolean {
  return requests.every((r) => READ_ONLY.test(r.op));
}
