// The office's public key as GET /api/v1/office-key publishes it: a Tink public keyset in JSON,
// whose primary key new tips are sealed to. Each key's keyData.value is Tink's HpkePublicKey
// protobuf: field 2 the parameters (1 kem, 2 kdf, 3 aead), field 3 the raw public key.

import { fromBase64 } from './bytes.js';

const HPKE_PUBLIC_KEY = 'type.googleapis.com/google.crypto.tink.HpkePublicKey';
// Tink's enums (proto/hpke.proto): the two suites tipline's office keys use (docs/crypto.md, section 1).
const SUITES = {
  x25519: { kem: 1, kdf: 1, aead: 2, publicKeyBytes: 32, encBytes: 32 },
  xwing: { kem: 5, kdf: 1, aead: 3, publicKeyBytes: 1216, encBytes: 1120 },
};

/** { keyId, kem: 'x25519' | 'xwing', publicKey } of the primary key of the office-key answer. */
export function primaryOfficeKey(answer) {
  const keyset = answer.keyset ?? answer;
  const keyId = answer.primaryKeyId ?? keyset.primaryKeyId;
  const entry = (keyset.key ?? []).find((k) => k.keyId === keyId);
  if (!entry) throw new Error('the office keyset has no primary key');
  if (entry.status !== 'ENABLED' || entry.outputPrefixType !== 'TINK') throw new Error('the primary key is not usable');
  if (entry.keyData?.typeUrl !== HPKE_PUBLIC_KEY || entry.keyData.keyMaterialType !== 'ASYMMETRIC_PUBLIC') {
    throw new Error('the primary key is not an HPKE public key');
  }
  const fields = readMessage(fromBase64(entry.keyData.value));
  const params = readMessage(fields[2] ?? new Uint8Array());
  const publicKey = fields[3];
  for (const [kem, suite] of Object.entries(SUITES)) {
    if (params[1] === suite.kem && params[2] === suite.kdf && params[3] === suite.aead
        && publicKey?.length === suite.publicKeyBytes) {
      return { keyId: keyId >>> 0, kem, publicKey, encBytes: suite.encBytes };
    }
  }
  throw new Error('the primary key is of an HPKE suite tipline does not use');
}

/** A protobuf message's fields by number: varints as numbers, length-delimited as bytes. */
function readMessage(bytes) {
  const fields = {};
  let at = 0;
  const varint = () => {
    let value = 0;
    let shift = 0;
    for (;;) {
      if (at >= bytes.length || shift > 35) throw new Error('a broken key');
      const b = bytes[at++];
      value += (b & 0x7f) * 2 ** shift;
      if ((b & 0x80) === 0) return value;
      shift += 7;
    }
  };
  while (at < bytes.length) {
    const tag = varint();
    const field = Math.floor(tag / 8);
    const wire = tag % 8;
    if (wire === 0) {
      fields[field] = varint();
    } else if (wire === 2) {
      const length = varint();
      if (at + length > bytes.length) throw new Error('a broken key');
      fields[field] = bytes.slice(at, at + length);
      at += length;
    } else {
      throw new Error('a broken key');
    }
  }
  return fields;
}
