package org.tipline.tipster.proof;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * A solved challenge as ALTCHA's widget sends it: base64 of this JSON. Fields the widget adds
 * (such as {@code took}) are ignored.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record ProofPayload(String algorithm, String challenge, Long number, String salt, String signature) {
}
