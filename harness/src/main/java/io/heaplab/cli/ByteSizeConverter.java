package io.heaplab.cli;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses a byte size: a number of bytes with an optional binary unit, {@code k}/{@code KiB} = 2<sup>10</sup>,
 * {@code m}/{@code MiB} = 2<sup>20</sup>, {@code g}/{@code GiB} = 2<sup>30</sup> (case-insensitive; {@code KB},
 * {@code MB}, {@code GB} mean the same binary units), e.g. {@code 268435456}, {@code 256m}, {@code 1GiB}.
 */
public final class ByteSizeConverter implements ITypeConverter<Long> {

    private static final Pattern SIZE = Pattern.compile("([0-9]+)\\s*([kmg]?)(i?b)?");

    /**
     * {@return the size in bytes}
     *
     * @param text the size as typed
     * @throws TypeConversionException if it is not a positive size, or overflows a {@code long}
     */
    @Override
    public Long convert(String text) {
        Matcher m = SIZE.matcher(text.strip().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new TypeConversionException("'" + text + "' is not a byte size (expected e.g. 268435456, 256m, 1g)");
        }
        int shift = switch (m.group(2)) {
            case "k" -> 10;
            case "m" -> 20;
            case "g" -> 30;
            default -> 0;
        };
        long value;
        try {
            value = Long.parseLong(m.group(1));
        } catch (NumberFormatException e) {
            throw new TypeConversionException("'" + text + "' is too large");
        }
        if (value <= 0 || Long.numberOfLeadingZeros(value) <= shift) {
            throw new TypeConversionException("'" + text + "' must be positive and below 8 EiB");
        }
        return value << shift;
    }
}
