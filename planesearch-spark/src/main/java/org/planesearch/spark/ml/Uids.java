package org.planesearch.spark.ml;

import org.apache.spark.ml.util.Identifiable;

/**
 * The uid of a Java Params class. Spark's shared Params (featuresCol, labelCol, …) are created by
 * the Scala superclass's constructor and read the owner's uid then, before a Java constructor can
 * assign a field; so a constructor with a given uid stashes it here first (in its this(…)
 * argument) and {@link #take} hands it over on the first call of {@code uid()}.
 */
final class Uids {

    private static final ThreadLocal<String> PENDING = new ThreadLocal<>();

    private Uids() {
    }

    /** Stashes uid for the constructor about to run on this thread; returns it. */
    static String stash(String uid) {
        if (uid == null || uid.isEmpty()) {
            throw new IllegalArgumentException("uid must not be empty");
        }
        PENDING.set(uid);
        return uid;
    }

    /** The stashed uid (cleared), or a new random one with the given prefix. */
    static String take(String prefix) {
        String uid = PENDING.get();
        PENDING.remove();
        return uid != null ? uid : Identifiable.randomUID(prefix);
    }
}
