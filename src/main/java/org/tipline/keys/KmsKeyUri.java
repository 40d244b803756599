package org.tipline.keys;

import java.util.regex.Pattern;

/**
 * The URI of a key held in a KMS, in the form Tink's KMS integrations use:
 * {@code aws-kms://arn:aws:kms:<region>:<account>:key/<id>} or
 * {@code gcp-kms://projects/<p>/locations/<l>/keyRings/<r>/cryptoKeys/<k>}.
 *
 * <p>The URI names the key; it is not a secret and it grants nothing by itself (the KMS
 * decides who may use the key). It is stored in clear in the keyset file and printed in
 * messages, so it must be one line of printable ASCII of bounded length: an edited file
 * must not be able to put a line break into an operator's terminal or a log.
 *
 * @param value the URI, for example {@code aws-kms://arn:aws:kms:eu-west-1:111122223333:key/...}
 */
public record KmsKeyUri(String value) {

    /** Longer than any real ARN or Cloud KMS resource name. */
    public static final int MAX_LENGTH = 1_024;
    private static final Pattern SHAPE = Pattern.compile("[a-z][a-z0-9-]*://[\\x21-\\x7e]+");

    /** Throws {@link IllegalArgumentException} with a one-line reason (never echoing the value) when malformed. */
    public KmsKeyUri {
        if (value == null || value.length() > MAX_LENGTH || !SHAPE.matcher(value).matches()) {
            throw new IllegalArgumentException("a KMS key URI is one line of the form <scheme>://<key>, for example "
                    + "aws-kms://arn:aws:kms:<region>:<account>:key/<id> or "
                    + "gcp-kms://projects/<p>/locations/<l>/keyRings/<r>/cryptoKeys/<k>");
        }
    }

    /** The part before {@code ://}, for example {@code aws-kms}. */
    public String scheme() {
        return value.substring(0, value.indexOf("://"));
    }

    @Override
    public String toString() {
        return value;
    }
}
