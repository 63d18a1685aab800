package io.backoffice.keycloak.it;

import java.util.Collection;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Finds PINs in text (logs, events, tokens, database dumps). Only PINs of 6 or more digits are looked for:
 * shorter ones match unrelated numbers (years, ports, UUID segments) too often to prove anything. A PIN
 * counts only as a whole token, not inside a longer run of digits, letters or a UUID.
 */
public final class PinLeaks {

    public static final int MIN_DIGITS = 6;

    private final Pattern pattern;
    private final int count;

    public PinLeaks(Collection<String> pins) {
        List<String> checked = pins.stream().filter(p -> p.length() >= MIN_DIGITS).distinct().toList();
        this.count = checked.size();
        this.pattern = checked.isEmpty() ? null
                : Pattern.compile("(?<![0-9A-Za-z-])(" + String.join("|", checked) + ")(?![0-9A-Za-z-])");
    }

    public int count() {
        return count;
    }

    /** The PINs found in the text; empty when none leaked. */
    public TreeSet<String> in(String text) {
        TreeSet<String> found = new TreeSet<>();
        if (pattern == null || text == null) {
            return found;
        }
        Matcher m = pattern.matcher(text);
        while (m.find()) {
            found.add(m.group(1));
        }
        return found;
    }

    public static String describe(TreeSet<String> found) {
        return found.stream().map(p -> p.substring(0, 2) + "…").collect(Collectors.joining(", "));
    }
}
