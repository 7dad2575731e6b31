/**
 * Re-signs Bedrock requests with the gateway's own AWS identity. The client signed its request for the gateway's
 * host, which Bedrock would reject, and the gateway does not check that signature (put it behind your network
 * controls): it signs afresh for the Bedrock endpoint with SigV4, credentials from the AWS SDK's default chain
 * (environment, shared config/SSO, container or instance role), cached and refreshed by the provider.
 */
import { Sha256 } from '@aws-crypto/sha256-js';
import { defaultProvider } from '@aws-sdk/credential-provider-node';
import { SignatureV4 } from '@smithy/signature-v4';

export interface AwsCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
  expiration?: Date;
}

export type CredentialSource = AwsCredentials | (() => Promise<AwsCredentials>);

export interface BedrockSigner {
  /** Headers to send: the given ones plus `host`, `x-amz-date`, `authorization` (and the session token). */
  sign(request: {
    url: URL;
    method: string;
    headers: Record<string, string>;
    body: Buffer;
  }): Promise<Record<string, string>>;
}

export function createBedrockSigner(options: { region: string; credentials?: CredentialSource }): BedrockSigner {
  const signer = new SignatureV4({
    service: 'bedrock',
    region: options.region,
    credentials: options.credentials ?? defaultProvider(),
    sha256: Sha256,
  });
  return {
    async sign({ url, method, headers, body }) {
      const signed = await signer.sign({
        method,
        protocol: url.protocol,
        hostname: url.hostname,
        port: url.port ? Number(url.port) : undefined,
        path: url.pathname,
        query: {},
        headers: { ...headers, host: url.host },
        body,
      });
      return signed.headers as Record<string, string>;
    },
  };
}

/** The Bedrock Runtime endpoint of a region. */
export function bedrockEndpointFor(region: string): string {
  return `https://bedrock-runtime.${region}.amazonaws.com`;
}
