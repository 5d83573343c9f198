package dev.colossus.studio.bench;

import dev.colossus.studio.Size;
import dev.colossus.studio.SourceException;
import dev.colossus.studio.svg.SvgRenderer;
import dev.colossus.studio.video.ProgressListener;
import dev.colossus.studio.video.VideoFormat;
import dev.colossus.studio.video.VideoRenderer;
import dev.colossus.studio.video.VideoSpec;

import java.lang.management.ManagementFactory;
import java.util.Arrays;

/**
 * Studio speed on typical sources: a 512x512 illustration (gradients, paths, text) to PNG, warm, in milliseconds
 * (median of {@value #IMAGE_RUNS}, after {@value #WARM_UP} to warm up); and a 5 s animated scene at 854x480, 24 fps, to MP4 and to GIF, in seconds (best
 * of {@value #VIDEO_RUNS} after one warm-up clip). CPU time (the process's, all threads) is printed too: on a busy
 * machine it shows the work done when the wall clock does not.
 */
public final class StudioBenchmark {
    static final int WARM_UP = 200;
    static final int IMAGE_RUNS = 50;
    static final int VIDEO_RUNS = 3;

    /** A poster-like picture such as a model writes: background gradient, shapes, a path, a title. */
    static final String PICTURE = """
            <svg xmlns="http://www.w3.org/2000/svg" width="512" height="512" viewBox="0 0 512 512">
              <defs>
                <linearGradient id="sky" x1="0" y1="0" x2="0" y2="1">
                  <stop offset="0" stop-color="#1e3c72"/><stop offset="1" stop-color="#f7b267"/>
                </linearGradient>
                <radialGradient id="sun"><stop offset="0" stop-color="#fff6a0"/><stop offset="1" stop-color="#ff9f1c"/></radialGradient>
              </defs>
              <rect width="512" height="512" fill="url(#sky)"/>
              <circle cx="380" cy="150" r="70" fill="url(#sun)"/>
              <path d="M0 400 L90 300 L170 380 L260 260 L360 390 L430 330 L512 400 L512 512 L0 512 Z" fill="#2d3047"/>
              <path d="M0 450 Q128 400 256 450 T512 450 L512 512 L0 512 Z" fill="#1b998b" opacity="0.8"/>
              <g fill="#ffffff" opacity="0.7">
                <ellipse cx="100" cy="110" rx="50" ry="16"/><ellipse cx="140" cy="100" rx="40" ry="18"/>
                <ellipse cx="260" cy="70" rx="45" ry="12"/>
              </g>
              <g stroke="#2d3047" stroke-width="3" fill="none">
                <path d="M60 200 q10 -10 20 0 q10 -10 20 0"/><path d="M130 230 q8 -8 16 0 q8 -8 16 0"/>
              </g>
              <text x="256" y="490" font-family="sans-serif" font-size="36" text-anchor="middle" fill="#fff">Mountain dawn</text>
            </svg>
            """;

    /** A title card: a moving sun, a rotating wheel, a fading title, a colour-changing sky. */
    static final String CLIP = """
            <svg xmlns="http://www.w3.org/2000/svg" width="854" height="480" viewBox="0 0 854 480">
              <defs>
                <linearGradient id="sky" x1="0" y1="0" x2="0" y2="1">
                  <stop offset="0" stop-color="#1e3c72"><animate attributeName="stop-color" values="#1e3c72;#5fa8d3;#1e3c72" dur="5s"/></stop>
                  <stop offset="1" stop-color="#f7b267"/>
                </linearGradient>
              </defs>
              <rect width="854" height="480" fill="url(#sky)"/>
              <circle cx="100" cy="120" r="50" fill="#ffd166">
                <animateMotion path="M0,0 C200,-60 500,-60 650,40" dur="5s" fill="freeze"/>
              </circle>
              <path d="M0 380 L140 260 L260 350 L400 220 L560 360 L700 290 L854 380 L854 480 L0 480 Z" fill="#2d3047"/>
              <g transform="translate(427 400)">
                <g><animateTransform attributeName="transform" type="rotate" from="0" to="360" dur="2s" repeatCount="indefinite"/>
                  <circle r="40" fill="none" stroke="#ef476f" stroke-width="8"/>
                  <path d="M-40 0 H40 M0 -40 V40" stroke="#ef476f" stroke-width="6"/>
                </g>
              </g>
              <text x="427" y="80" font-family="sans-serif" font-size="48" text-anchor="middle" fill="#ffffff" opacity="0">
                Good morning<animate attributeName="opacity" from="0" to="1" begin="0.5s" dur="1.5s" fill="freeze"/>
              </text>
              <rect x="0" y="470" width="0" height="10" fill="#06d6a0"><animate attributeName="width" from="0" to="854" dur="5s" fill="freeze"/></rect>
            </svg>
            """;

    private StudioBenchmark() {
    }

    /** CPU time of the whole process (all threads), which other work on a shared machine does not inflate. */
    static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    public static void main(String[] args) throws SourceException {
        System.out.printf("cores %d, %s%n", Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.version"));
        for (int i = 0; i < WARM_UP; i++) SvgRenderer.toPng(PICTURE, null);
        double[] ms = new double[IMAGE_RUNS];
        int bytes = 0;
        long cpuStart = processCpuNanos();
        for (int i = 0; i < IMAGE_RUNS; i++) {
            long start = System.nanoTime();
            bytes = SvgRenderer.toPng(PICTURE, null).length;
            ms[i] = (System.nanoTime() - start) / 1e6;
        }
        double cpuMs = (processCpuNanos() - cpuStart) / 1e6;
        Arrays.sort(ms);
        System.out.printf("image 512x512 to PNG: median %.1f ms, p90 %.1f ms, %.1f CPU ms (%d bytes)%n",
                ms[IMAGE_RUNS / 2], ms[IMAGE_RUNS * 9 / 10], cpuMs / IMAGE_RUNS, bytes);
        for (VideoFormat format : VideoFormat.values()) {
            VideoSpec spec = new VideoSpec(5, 24, new Size(854, 480), format);
            VideoRenderer.render(CLIP, new VideoSpec(1, 24, spec.size(), format), ProgressListener.NONE);
            double best = Double.MAX_VALUE;
            double cpu = 0;
            for (int i = 0; i < VIDEO_RUNS; i++) {
                long start = System.nanoTime();
                long cpuBefore = processCpuNanos();
                bytes = VideoRenderer.render(CLIP, spec, ProgressListener.NONE).length;
                best = Math.min(best, (System.nanoTime() - start) / 1e9);
                cpu += (processCpuNanos() - cpuBefore) / 1e9 / VIDEO_RUNS;
            }
            System.out.printf("video 5 s 854x480 24 fps to %s: %.2f s, %.0f frames/s, %.1f CPU s (%d bytes)%n", format,
                    best, spec.frames() / best, cpu, bytes);
        }
    }
}
