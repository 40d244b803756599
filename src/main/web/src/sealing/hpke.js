// HPKE (RFC 9180, base mode) to the office key, in Tink's ciphertext format:
// 0x01 || key id (4 bytes, big-endian) || enc || ct. Same suites as Tink's office keys:
// X25519: DHKEM(X25519, HKDF-SHA256), HKDF-SHA256, AES-256-GCM;
// X-Wing: X-Wing (X25519 + ML-KEM-768), HKDF-SHA256, ChaCha20-Poly1305.

import { Aes256Gcm, CipherSuite, HkdfSha256 } from '@hpke/core';
import { DhkemX25519HkdfSha256 } from '@hpke/dhkem-x25519';
import { XWing } from '@hpke/hybridkem-x-wing';
import { Chacha20Poly1305 } from '@hpke/chacha20poly1305';
import { ascii, concat, uint32 } from './bytes.js';

const suites = new Map();

function suiteOf(kem) {
  if (!suites.has(kem)) {
    if (kem === 'x25519') {
      suites.set(kem, new CipherSuite({ kem: new DhkemX25519HkdfSha256(), kdf: new HkdfSha256(), aead: new Aes256Gcm() }));
    } else if (kem === 'xwing') {
      suites.set(kem, new CipherSuite({ kem: new XWing(), kdf: new HkdfSha256(), aead: new Chacha20Poly1305() }));
    } else {
      throw new Error('unknown KEM');
    }
  }
  return suites.get(kem);
}

/** Seals plaintext to the office key ({ keyId, kem, publicKey }) under the ASCII contextInfo. */
export async function sealToOffice(officeKey, plaintext, contextInfo) {
  const suite = suiteOf(officeKey.kem);
  const recipientPublicKey = await suite.kem.deserializePublicKey(officeKey.publicKey);
  const { ct, enc } = await suite.seal({ recipientPublicKey, info: ascii(contextInfo) }, plaintext);
  return concat(new Uint8Array([0x01]), uint32(officeKey.keyId), new Uint8Array(enc), new Uint8Array(ct));
}
