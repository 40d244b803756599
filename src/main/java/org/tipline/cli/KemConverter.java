package org.tipline.cli;

import org.tipline.crypto.OfficeKem;
import org.tipline.keys.KemNames;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** {@code --kem x25519|xwing}. */
final class KemConverter implements ITypeConverter<OfficeKem> {

    @Override
    public OfficeKem convert(String value) {
        try {
            return KemNames.parse(value);
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException("expected x25519 or xwing");
        }
    }
}
