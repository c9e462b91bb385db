package io.mountsim.scenarios.trace;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits the argument text strace prints for a call into top-level arguments, keeping
 * quoted strings (with their escapes and a trailing {@code ...} when strace cut them
 * short) and nested {@code {}}, {@code []}, {@code ()} groups intact.
 */
final class StraceArgs {
    private StraceArgs() {
    }

    static List<String> split(String args) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        int depth = 0;
        boolean inString = false;
        for (int i = 0; i < args.length(); i++) {
            char c = args.charAt(i);
            if (inString) {
                cur.append(c);
                if (c == '\\' && i + 1 < args.length()) {
                    cur.append(args.charAt(++i));
                } else if (c == '"') {
                    inString = false;
                }
                continue;
            }
            switch (c) {
                case '"' -> {
                    inString = true;
                    cur.append(c);
                }
                case '{', '[', '(' -> {
                    depth++;
                    cur.append(c);
                }
                case '}', ']', ')' -> {
                    depth = Math.max(0, depth - 1);
                    cur.append(c);
                }
                case ',' -> {
                    if (depth == 0) {
                        out.add(cur.toString().trim());
                        cur.setLength(0);
                    } else {
                        cur.append(c);
                    }
                }
                default -> cur.append(c);
            }
        }
        if (!cur.toString().isBlank() || !out.isEmpty()) {
            out.add(cur.toString().trim());
        }
        return out;
    }

    /** A quoted argument's content and whether strace truncated it ({@code "abc"...}). */
    record QuotedString(String content, boolean truncated) {
    }

    /** The content of a quoted argument, or null when the argument is not a string. */
    static QuotedString quoted(String arg) {
        String a = arg.trim();
        boolean truncated = a.endsWith("\"...");
        if (truncated) {
            a = a.substring(0, a.length() - 3);
        }
        if (a.length() < 2 || a.charAt(0) != '"' || a.charAt(a.length() - 1) != '"') {
            return null;
        }
        return new QuotedString(a.substring(1, a.length() - 1), truncated);
    }
}
