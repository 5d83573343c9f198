package dev.colossus.engine.grammar;

import java.util.ArrayList;
import java.util.List;

/**
 * Where a match of a {@link Grammar} stands after some bytes: the set of parse stacks still alive (a pushdown
 * automaton run on all alternatives at once). Every stack has a terminal on top, or is empty (the grammar is
 * complete).
 * <p>Immutable and thread-safe; {@link #advance} returns a new state.
 */
public final class GrammarState {
    /** One level of a parse stack. */
    private record Frame(Node node, Frame next) {
    }

    /** The empty stack: the whole grammar has matched. */
    private static final Frame EMPTY = new Frame(null, null);

    private static final GrammarState DEAD = new GrammarState(List.of());

    /** The live stacks, without duplicates. */
    private final List<Frame> stacks;

    private GrammarState(List<Frame> stacks) {
        this.stacks = stacks;
    }

    static GrammarState start(Node root) {
        List<Frame> out = new ArrayList<>();
        expand(new Frame(root, EMPTY), out);
        return new GrammarState(out);
    }

    /** The state after byte {@code b} (0..255); {@link #dead()} when the grammar cannot accept it. */
    public GrammarState advance(int b) {
        if (stacks.size() == 1 && stacks.getFirst() != EMPTY) { // one parse, inside a terminal: the common case
            Frame f = stacks.getFirst();
            Terminal next = ((Terminal) f.node).next(b);
            if (next == null) return DEAD;
            if (next != Terminal.DONE && !next.canEnd()) return new GrammarState(List.of(new Frame(next, f.next)));
        }
        List<Frame> out = new ArrayList<>(Math.max(2, stacks.size()));
        for (Frame f : stacks) {
            if (f == EMPTY) continue;
            Terminal next = ((Terminal) f.node).next(b);
            if (next != null) expand(new Frame(next, f.next), out);
        }
        return out.isEmpty() ? DEAD : new GrammarState(out);
    }

    /** The state after all of {@code bytes}; {@link #dead()} as soon as one is refused. */
    public GrammarState advance(byte[] bytes) {
        GrammarState s = this;
        for (int i = 0; i < bytes.length && !s.dead(); i++) s = s.advance(bytes[i] & 0xff);
        return s;
    }

    /** No continuation can match: the bytes so far are not a prefix of anything the grammar accepts. */
    public boolean dead() {
        return stacks.isEmpty();
    }

    /** The bytes so far are a complete match (more may still follow). */
    public boolean accepting() {
        return stacks.contains(EMPTY);
    }

    /** The bytes so far are a complete match and nothing may follow. */
    public boolean complete() {
        return stacks.size() == 1 && stacks.getFirst() == EMPTY;
    }

    /**
     * This state with every repetition count above {@code horizon} lowered to it: it takes the same tokens of
     * fewer than {@code horizon} bytes (each repetition consumes at least one byte, so such a token cannot tell the
     * counts apart), and the states of a long array's items become equal, which lets their allowed tokens be
     * remembered once.
     */
    GrammarState capped(int horizon) {
        List<Frame> out = new ArrayList<>(stacks.size());
        for (Frame f : stacks) out.add(capped(f, horizon));
        return new GrammarState(out);
    }

    private static Frame capped(Frame f, int horizon) {
        if (f == EMPTY) return EMPTY;
        Frame next = capped(f.next, horizon);
        Node node = f.node;
        if (node instanceof Node.Repeat(Node item, int min, int max) && (min > horizon || max > horizon)) {
            node = new Node.Repeat(item, Math.min(min, horizon), max < 0 ? max : Math.min(max, horizon));
        }
        return node == f.node && next == f.next ? f : new Frame(node, next);
    }

    /** States with the same stacks accept the same continuations. */
    @Override
    public boolean equals(Object o) {
        return o instanceof GrammarState other && stacks.equals(other.stacks);
    }

    @Override
    public int hashCode() {
        return stacks.hashCode();
    }

    private static void expand(Frame f, List<Frame> out) {
        if (f == EMPTY) {
            if (!out.contains(EMPTY)) out.add(EMPTY);
            return;
        }
        switch (f.node) {
            case Terminal t -> {
                if (t != Terminal.DONE && !out.contains(f)) out.add(f);
                if (t.canEnd()) expand(f.next, out);
            }
            case Node.Seq s -> {
                Frame g = f.next;
                for (int i = s.items().size() - 1; i >= 0; i--) g = new Frame(s.items().get(i), g);
                expand(g, out);
            }
            case Node.Alt a -> {
                for (Node option : a.options()) expand(new Frame(option, f.next), out);
            }
            case Node.Repeat r -> {
                if (r.min() > 0) {
                    expand(new Frame(r.node(), new Frame(new Node.Repeat(r.node(), r.min() - 1,
                            r.max() < 0 ? -1 : r.max() - 1), f.next)), out);
                } else if (r.max() != 0) {
                    expand(f.next, out);
                    expand(new Frame(r.node(), new Frame(new Node.Repeat(r.node(), 0,
                            r.max() < 0 ? -1 : r.max() - 1), f.next)), out);
                } else {
                    expand(f.next, out);
                }
            }
            case Node.Ref ref -> expand(new Frame(ref.get(), f.next), out);
        }
    }
}
