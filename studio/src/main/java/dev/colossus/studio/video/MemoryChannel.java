package dev.colossus.studio.video;

import org.jcodec.common.io.SeekableByteChannel;

import java.nio.ByteBuffer;
import java.util.Arrays;

/** A growable in-memory file for JCodec's muxer, which seeks back to fill in sizes. Not thread-safe. */
final class MemoryChannel implements SeekableByteChannel {
    private byte[] bytes = new byte[1 << 16];
    private int size;
    private int position;

    @Override
    public int read(ByteBuffer dst) {
        if (position >= size) return -1;
        int n = Math.min(dst.remaining(), size - position);
        dst.put(bytes, position, n);
        position += n;
        return n;
    }

    @Override
    public int write(ByteBuffer src) {
        int n = src.remaining();
        int end = Math.addExact(position, n);
        if (end > bytes.length) bytes = Arrays.copyOf(bytes, Math.max(end, (int) Math.min(Integer.MAX_VALUE - 8, 2L * bytes.length)));
        src.get(bytes, position, n);
        position = end;
        size = Math.max(size, end);
        return n;
    }

    @Override
    public long position() {
        return position;
    }

    @Override
    public SeekableByteChannel setPosition(long newPosition) {
        position = Math.toIntExact(newPosition);
        return this;
    }

    @Override
    public long size() {
        return size;
    }

    @Override
    public SeekableByteChannel truncate(long newSize) {
        size = (int) Math.min(size, newSize);
        position = Math.min(position, size);
        return this;
    }

    @Override
    public boolean isOpen() {
        return true;
    }

    @Override
    public void close() {
    }

    /** What was written. */
    byte[] toByteArray() {
        return Arrays.copyOf(bytes, size);
    }
}
