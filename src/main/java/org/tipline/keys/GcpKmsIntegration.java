package org.tipline.keys;

import com.google.api.client.googleapis.json.GoogleJsonResponseException;
import com.google.crypto.tink.KmsClient;
import com.google.crypto.tink.integration.gcpkms.GcpKmsClient;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.Optional;

/**
 * Google Cloud KMS through Tink's {@code tink-gcpkms}, over Cloud KMS's JSON API.
 * Credentials come from Application Default Credentials ({@code GOOGLE_APPLICATION_CREDENTIALS},
 * gcloud's user credentials, or the workload identity of a GKE pod or Compute Engine VM), or
 * from a service-account JSON key file.
 */
final class GcpKmsIntegration implements KmsIntegration {

    @Override
    public String name() {
        return "Google Cloud KMS";
    }

    @Override
    public String uriPrefix() {
        return "gcp-kms://";
    }

    @Override
    public KmsClient client(KmsKeyUri key, Optional<Path> credentialsFile) throws GeneralSecurityException {
        GcpKmsClient client = new GcpKmsClient(key.value());
        return credentialsFile.isPresent()
                ? client.withCredentials(credentialsFile.get().toString())
                : client.withDefaultCredentials();
    }

    /** Cloud KMS answers a refusal with an HTTP status: 403 for no permission, 404 for no such key. */
    @Override
    public String failureName(Throwable innermost) {
        if (innermost instanceof GoogleJsonResponseException response) {
            return "HTTP " + response.getStatusCode();
        }
        return KmsIntegration.super.failureName(innermost);
    }
}
