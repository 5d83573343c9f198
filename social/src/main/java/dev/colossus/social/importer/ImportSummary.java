package dev.colossus.social.importer;

import java.util.List;

/**
 * What a {@link JsonlPostReader} read so far.
 *
 * @param lines      lines read, blank ones included
 * @param accepted   valid records returned
 * @param rejected   lines rejected
 * @param rejections the first rejections (at most {@link JsonlPostReader.Options#keptRejections()}), in line order
 */
public record ImportSummary(long lines, long accepted, long rejected, List<Rejection> rejections) {

    public ImportSummary {
        rejections = List.copyOf(rejections);
    }
}
