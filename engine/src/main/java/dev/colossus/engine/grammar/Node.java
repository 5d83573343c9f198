package dev.colossus.engine.grammar;

import java.util.List;
import java.util.function.Supplier;

/** A grammar rule over bytes. Composite rules are expanded on a parse stack; terminals consume bytes. */
sealed interface Node permits Node.Seq, Node.Alt, Node.Repeat, Node.Ref, Terminal {

    /** The items, one after another (empty: matches nothing, consumes nothing). */
    record Seq(List<Node> items) implements Node {
    }

    /** Any one of the options. */
    record Alt(List<Node> options) implements Node {
    }

    /** {@code node} between {@code min} and {@code max} times ({@code max} -1: unbounded); node never matches empty. */
    record Repeat(Node node, int min, int max) implements Node {
    }

    /** A rule resolved on first use, so rules can refer to themselves ($ref, nested JSON values). */
    final class Ref implements Node {
        private final Supplier<Node> resolver;
        private Node resolved;

        Ref(Supplier<Node> resolver) {
            this.resolver = resolver;
        }

        synchronized Node get() {
            if (resolved == null) resolved = resolver.get();
            return resolved;
        }
    }
}
