package dev.colossus.app;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;

/**
 * The {@code colossus} launcher starts the JVM with its stderr going through a filter that drops the one line the JVM
 * prints while it boots with the Vector API ("WARNING: Using incubator modules: jdk.incubator.vector", which no JVM
 * option turns off), and keeps the real stderr open as another file descriptor, named by the system property
 * {@code colossus.stderr.fd}. Once Colossus runs, {@link #restore} points descriptor 2 back at it: from then on stderr
 * reaches the terminal directly, in order with stdout and seen as a terminal by whoever asks, and the filter ends.
 * Without the property (the JVM started some other way) nothing changes.
 */
final class LauncherStderr {

    static final String PROPERTY = "colossus.stderr.fd";

    private LauncherStderr() {
    }

    /** Makes descriptor 2 the launcher's kept stderr and closes the copy; on any failure stderr stays the filter. */
    static void restore() {
        String kept = System.getProperty(PROPERTY);
        if (kept == null) return;
        try {
            int fd = Integer.parseInt(kept);
            Linker linker = Linker.nativeLinker();
            FunctionDescriptor intOfInts = FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT);
            MethodHandle dup2 = linker.downcallHandle(linker.defaultLookup().find("dup2").orElseThrow(), intOfInts);
            MethodHandle close = linker.downcallHandle(linker.defaultLookup().find("close").orElseThrow(),
                    FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));
            System.err.flush();
            if ((int) dup2.invokeExact(fd, 2) == 2) {
                int ignored = (int) close.invokeExact(fd);
            }
        } catch (Throwable e) {
            // A bad descriptor number or no dup2: stderr keeps going through the launcher's filter, which passes
            // every line on; nothing is lost.
        }
    }
}
