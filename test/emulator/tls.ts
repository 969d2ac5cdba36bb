import { X509Certificate, createHash } from 'node:crypto';
import { isIP } from 'node:net';
import { generate } from 'selfsigned';

/** A throwaway certificate for the emulator's https listener (tests and the playground only). */
export interface EmulatorCertificate {
	readonly key: string;
	readonly cert: string;
	/**
	 * Base64 SHA-256 of the certificate's SubjectPublicKeyInfo: what Chromium's
	 * `--ignore-certificate-errors-spki-list` takes to trust exactly this certificate, nothing else.
	 */
	readonly spkiSha256: string;
}

/** A fresh self-signed P-256 certificate for `host` (an IP or a DNS name), valid for a day. */
export async function createCertificate(host: string): Promise<EmulatorCertificate> {
	const now = Date.now();
	const altName = isIP(host) ? { type: 7 as const, ip: host } : { type: 2 as const, value: host };
	const generated = await generate([{ name: 'commonName', value: host }], {
		keyType: 'ec',
		curve: 'P-256',
		algorithm: 'sha256',
		notBeforeDate: new Date(now - 60_000),
		notAfterDate: new Date(now + 24 * 3600_000),
		extensions: [
			{ name: 'basicConstraints', cA: false },
			{ name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
			{ name: 'extKeyUsage', serverAuth: true },
			{ name: 'subjectAltName', altNames: [altName] },
		],
	});
	const spki = new X509Certificate(generated.cert).publicKey.export({ type: 'spki', format: 'der' });
	return { key: generated.private, cert: generated.cert, spkiSha256: createHash('sha256').update(spki).digest('base64') };
}
