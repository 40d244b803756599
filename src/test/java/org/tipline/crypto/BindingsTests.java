package org.tipline.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The binding strings keep their domains apart, and keep their bytes. Every constant part is
 * found by reflection over {@link Bindings}, so a binding added there is checked without
 * being listed here; the exact values below are what tipline wrote before the strings moved
 * into one class, and what existing rows and keysets need to open.
 */
class BindingsTests {

    private static final UUID TIP = UUID.fromString("0b6f3c1e-5d2a-4e8f-9a41-7c3d2e1f0a9b");
    private static final UUID OTHER = UUID.fromString("5e1d7a2c-3b4f-4c6d-8e9a-0f1b2c3d4e5f");

    /** Each binding's constant part (the text before its first variable part), by field name. */
    private static Map<String, String> constantParts() throws IllegalAccessException {
        Map<String, String> parts = new LinkedHashMap<>();
        for (Field field : Bindings.class.getDeclaredFields()) {
            int modifiers = field.getModifiers();
            if (Modifier.isStatic(modifiers) && Modifier.isFinal(modifiers) && field.getType() == String.class) {
                field.setAccessible(true);
                parts.put(field.getName(), (String) field.get(null));
            }
        }
        return parts;
    }

    /** The public builders, each called with sample arguments. */
    private static Map<String, String> builtBindings() throws ReflectiveOperationException {
        Map<String, String> built = new LinkedHashMap<>();
        for (Method method : Bindings.class.getDeclaredMethods()) {
            if (!Modifier.isPublic(method.getModifiers()) || !Modifier.isStatic(method.getModifiers())) {
                continue;
            }
            assertThat(method.getReturnType()).as(method.getName()).isEqualTo(byte[].class);
            List<Object> arguments = new ArrayList<>();
            for (Class<?> type : method.getParameterTypes()) {
                arguments.add(type == UUID.class ? TIP : type == int.class ? 7 : type == long.class ? (Object) 7L : "sample");
            }
            byte[] bytes = (byte[]) method.invoke(null, arguments.toArray());
            built.put(method.getName(), new String(bytes, StandardCharsets.US_ASCII));
        }
        return built;
    }

    @Test
    void reflectionFindsTheBindingsOfToday() throws Exception {
        // At least these; one added later is found the same way and checked without a change here.
        assertThat(constantParts()).containsKeys("TIP", "NOTE", "TOTP_SECRET", "OFFICE_DIALOGUE_KEY",
                "TIPSTER_DIALOGUE_KEY", "SESSION_DIALOGUE_KEY", "MESSAGE", "REWARD", "PAYOUT_CODE",
                "FOLLOWUP_VERIFIER", "FOLLOWUP_WRAPPING_KEY", "FOLLOWUP_SESSION_KEY", "OFFICE_KEYSET_FORMAT");
        assertThat(builtBindings()).containsKeys("tip", "note", "totpSecret", "officeDialogueKey",
                "tipsterDialogueKey", "sessionDialogueKey", "message", "reward", "payoutCodePrefix", "sealedBinding");
    }

    @Test
    void noConstantPartIsAnotherOrAPrefixOfAnother() throws Exception {
        Map<String, String> parts = constantParts();
        assertThat(parts.values()).doesNotHaveDuplicates().allSatisfy(part -> assertThat(part).isNotEmpty());
        for (Map.Entry<String, String> a : parts.entrySet()) {
            for (Map.Entry<String, String> b : parts.entrySet()) {
                if (!a.getKey().equals(b.getKey())) {
                    assertThat(b.getValue())
                            .as("%s (\"%s\") must not start with %s (\"%s\")", b.getKey(), b.getValue(), a.getKey(),
                                    a.getValue())
                            .doesNotStartWith(a.getValue());
                }
            }
        }
    }

    /**
     * A builder whose text starts with no declared constant part would escape the prefix check;
     * so would two builders sharing one part, or a private part no builder uses.
     */
    @Test
    void everyBuilderStartsWithAConstantPartOfItsOwn() throws Exception {
        Map<String, String> parts = constantParts();
        List<String> used = new ArrayList<>();
        for (Map.Entry<String, String> binding : builtBindings().entrySet()) {
            List<String> starts = parts.values().stream().filter(binding.getValue()::startsWith).toList();
            assertThat(starts).as("the constant parts %s (\"%s\") starts with", binding.getKey(), binding.getValue())
                    .hasSize(1);
            used.add(starts.get(0));
        }
        assertThat(used).as("no two builders share a constant part").doesNotHaveDuplicates();
        for (Field field : Bindings.class.getDeclaredFields()) {
            if (parts.containsKey(field.getName()) && !used.contains(parts.get(field.getName()))) {
                assertThat(Modifier.isPublic(field.getModifiers()))
                        .as("%s is used by no builder, so it must be a public label used as it is", field.getName())
                        .isTrue();
            }
        }
    }

    @Test
    void theBindingsKeepTheirBytes() {
        assertThat(ascii(Bindings.tip(TIP, 1))).isEqualTo("tipline/tip/v1/0b6f3c1e-5d2a-4e8f-9a41-7c3d2e1f0a9b");
        assertThat(Bindings.tip(TIP, 1)).isEqualTo(HexFormat.of().parseHex("7469706c696e652f7469702f76312f3062366633"
                + "6331652d356432612d346538662d396134312d376333643265316630613962"));
        assertThat(ascii(Bindings.note(TIP, OTHER, 1))).isEqualTo(
                "tipline/note/v1/0b6f3c1e-5d2a-4e8f-9a41-7c3d2e1f0a9b/5e1d7a2c-3b4f-4c6d-8e9a-0f1b2c3d4e5f");
        assertThat(ascii(Bindings.totpSecret(OTHER))).isEqualTo("tipline/totp/v1/5e1d7a2c-3b4f-4c6d-8e9a-0f1b2c3d4e5f");
        assertThat(ascii(Bindings.officeDialogueKey(TIP)))
                .isEqualTo("tipline/dialogue-key/office/v1/0b6f3c1e-5d2a-4e8f-9a41-7c3d2e1f0a9b");
        assertThat(ascii(Bindings.tipsterDialogueKey(TIP, "TIP-ABCD-EFGH-JKLM-NPQR")))
                .isEqualTo("tipline/dialogue-key/tipster/v1/0b6f3c1e-5d2a-4e8f-9a41-7c3d2e1f0a9b/TIP-ABCD-EFGH-JKLM-NPQR");
        assertThat(ascii(Bindings.sessionDialogueKey(TIP)))
                .isEqualTo("tipline/dialogue-key/session/v1/0b6f3c1e-5d2a-4e8f-9a41-7c3d2e1f0a9b");
        assertThat(ascii(Bindings.message(TIP, 3, MessageSealing.OFFICE, 1)))
                .isEqualTo("tipline/message/v1/0b6f3c1e-5d2a-4e8f-9a41-7c3d2e1f0a9b/3/office");
        assertThat(ascii(Bindings.reward(TIP, 1))).isEqualTo("tipline/reward/v1/0b6f3c1e-5d2a-4e8f-9a41-7c3d2e1f0a9b");
        assertThat(ascii(Bindings.payoutCodePrefix(TIP)))
                .isEqualTo("tipline/payout-code/v1/0b6f3c1e-5d2a-4e8f-9a41-7c3d2e1f0a9b/");
        assertThat(Bindings.FOLLOWUP_VERIFIER).isEqualTo("tipline/followup/verifier/v1");
        assertThat(Bindings.FOLLOWUP_WRAPPING_KEY).isEqualTo("tipline/followup/wrapping-key/v1");
        assertThat(Bindings.FOLLOWUP_SESSION_KEY).isEqualTo("tipline/followup/session-key/v1");
        assertThat(Bindings.OFFICE_KEYSET_FORMAT).isEqualTo("tipline-office-keyset/1");
        assertThat(List.of(Bindings.TIP_FORMAT_VERSION, Bindings.NOTE_FORMAT_VERSION, Bindings.DIALOGUE_FORMAT_VERSION))
                .containsOnly(1);
    }

    @Test
    void theHashesAndKeysMadeWithThemKeepTheirBytes() {
        HexFormat hex = HexFormat.of();
        assertThat(hex.formatHex(RewardSealing.payoutCodeHash(TIP, "ABCD-EFGH-JKLM-NPQR")))
                .isEqualTo("699898f97f00ab49d03ea75ce59aa08b6633aadc7e304e6b4bf2d332baef1d62");
        byte[] inputKeyingMaterial = new byte[32];
        for (int i = 0; i < inputKeyingMaterial.length; i++) {
            inputKeyingMaterial[i] = (byte) i;
        }
        assertThat(hex.formatHex(DialogueKey.hkdf(inputKeyingMaterial, Bindings.FOLLOWUP_VERIFIER, 32)))
                .isEqualTo("d14116ac5a5f12b2f21f138e853e3f24b3f98be9734c91e05abcf1f4fc975c3a");
        assertThat(hex.formatHex(DialogueKey.hkdf(inputKeyingMaterial, Bindings.FOLLOWUP_WRAPPING_KEY, 32)))
                .isEqualTo("c1d9d9b47f9264a2693373cb4a4800fdfa5b411fa6e2c2a4551a5362a8b180c9");
        assertThat(hex.formatHex(DialogueKey.hkdf(inputKeyingMaterial, Bindings.FOLLOWUP_SESSION_KEY, 32)))
                .isEqualTo("9df51c618ed7087f67094f288c3b2b2e736d5990af2016fd51aa9c71772e14b9");
    }

    /** A binding string spelled anywhere else would escape the checks above. */
    @Test
    void noOtherMainClassSpellsABindingString() throws IOException {
        Path sources = Path.of("src/main/java");
        assertThat(sources).isDirectory();
        Path bindings = sources.resolve("org/tipline/crypto/Bindings.java");
        try (Stream<Path> files = Files.walk(sources)) {
            List<String> spelling = files.filter(file -> file.toString().endsWith(".java"))
                    .filter(file -> !file.equals(bindings))
                    .filter(file -> read(file).contains("\"tipline/"))
                    .map(Path::toString)
                    .toList();
            assertThat(spelling).isEmpty();
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String ascii(byte[] bytes) {
        return new String(bytes, StandardCharsets.US_ASCII);
    }
}
