package org.planesearch.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;

/**
 * The SHA-256 of a JSON document's canonical form, as {@link ModelFile} defines it: independent of
 * whitespace, key order, string escapes and of how doubles are printed (they enter by their IEEE
 * 754 bits). Stateless.
 */
final class Checksum {

    private Checksum() {
    }

    /**
     * The lower-case hex SHA-256 of the canonical form of {@code root}, leaving out its top-level
     * member {@code excluded} (the checksum itself). Not modified.
     */
    static String sha256(JsonNode root, String excluded) {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
        feed(digest, root, excluded);
        return HexFormat.of().formatHex(digest.digest());
    }

    private static void feed(MessageDigest d, JsonNode node, String excluded) {
        switch (node.getNodeType()) {
            case OBJECT -> {
                List<String> keys = new ArrayList<>();
                for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
                    String k = it.next();
                    if (!k.equals(excluded)) {
                        keys.add(k);
                    }
                }
                keys.sort(null);
                d.update((byte) 'o');
                putInt(d, keys.size());
                for (String k : keys) {
                    putString(d, k);
                    feed(d, node.get(k), null);
                }
            }
            case ARRAY -> {
                d.update((byte) 'a');
                putInt(d, node.size());
                for (JsonNode e : node) {
                    feed(d, e, null);
                }
            }
            case STRING -> putString(d, node.asText());
            case NUMBER -> {
                if (node.isIntegralNumber()) {
                    d.update((byte) 'i');
                    d.update(node.bigIntegerValue().toString().getBytes(StandardCharsets.US_ASCII));
                    d.update((byte) ';');
                } else {
                    d.update((byte) 'd');
                    long bits = Double.doubleToLongBits(node.doubleValue());
                    for (int s = 56; s >= 0; s -= 8) {
                        d.update((byte) (bits >>> s));
                    }
                }
            }
            case BOOLEAN -> d.update((byte) (node.booleanValue() ? 't' : 'f'));
            case NULL -> d.update((byte) 'n');
            default -> throw new IllegalArgumentException("not a JSON value: " + node.getNodeType());
        }
    }

    private static void putString(MessageDigest d, String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        d.update((byte) 's');
        putInt(d, b.length);
        d.update(b);
    }

    private static void putInt(MessageDigest d, int v) {
        d.update((byte) (v >>> 24));
        d.update((byte) (v >>> 16));
        d.update((byte) (v >>> 8));
        d.update((byte) v);
    }
}
