package org.tipline.crypto;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.hybrid.HybridConfig2026;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;

/** Reading and writing office keysets in Tink's JSON format. */
public final class KeysetFiles {

    private static final ObjectMapper JSON = new ObjectMapper();

    private KeysetFiles() {
    }

    /**
     * Reads a public keyset. A keyset holding any private key material is refused, so the
     * intake side can never be handed the office's private key by mistake.
     */
    public static KeysetHandle readPublic(Path file) throws KeyLoadingException {
        String json = read(file);
        try {
            return TinkJsonProtoKeysetFormat.parseKeysetWithoutSecret(json, HybridConfig2026.get());
        } catch (GeneralSecurityException | RuntimeException e) {
            if (holdsSecretMaterial(json)) {
                throw new KeyLoadingException("the office public keyset " + file
                        + " holds private key material; intake accepts only a public keyset "
                        + "(give intake the public half of the office keyset)");
            }
            throw new KeyLoadingException("the office public keyset " + file
                    + " is not a valid Tink JSON public keyset");
        }
    }

    /** Reads an unencrypted private keyset, such as the demo key pair. */
    public static KeysetHandle readPrivate(Path file) throws KeyLoadingException {
        try {
            return TinkJsonProtoKeysetFormat.parseKeyset(
                    read(file), HybridConfig2026.get(), InsecureSecretKeyAccess.get());
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new KeyLoadingException("the office private keyset " + file
                    + " is not a valid Tink JSON keyset");
        }
    }

    public static String publicJson(KeysetHandle handle) throws GeneralSecurityException {
        return TinkJsonProtoKeysetFormat.serializeKeysetWithoutSecret(handle, HybridConfig2026.get());
    }

    static void writePublic(KeysetHandle publicHandle, Path file) throws IOException, GeneralSecurityException {
        Files.writeString(file, publicJson(publicHandle), StandardCharsets.UTF_8);
    }

    /** Writes a private keyset readable by its owner only. */
    static void writePrivate(KeysetHandle privateHandle, Path file) throws IOException, GeneralSecurityException {
        String json = TinkJsonProtoKeysetFormat.serializeKeyset(
                privateHandle, HybridConfig2026.get(), InsecureSecretKeyAccess.get());
        Path temp = Files.createTempFile(file.getParent(), ".office-private", ".tmp",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(temp, json, StandardCharsets.UTF_8);
        Files.move(temp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    /** True when any key in the keyset is not a public key (Tink's keyMaterialType). */
    static boolean holdsSecretMaterial(String json) {
        try {
            JsonNode keys = JSON.readTree(json).path("key");
            for (JsonNode key : keys) {
                String type = key.path("keyData").path("keyMaterialType").asText("");
                if (!type.equals("ASYMMETRIC_PUBLIC") && !type.equals("REMOTE")) {
                    return true;
                }
            }
            return false;
        } catch (IOException e) {
            return false;
        }
    }

    private static String read(Path file) throws KeyLoadingException {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            throw new KeyLoadingException("the office keyset " + file + " cannot be read");
        }
    }
}
