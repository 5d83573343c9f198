/**
 * SVG to PNG: {@link dev.colossus.studio.svg.SvgRenderer} renders a sanitised SVG with Batik;
 * {@link dev.colossus.studio.svg.SvgScene} is the loaded, sanitised drawing that the video renderer seeks and paints
 * frame by frame.
 */
package dev.colossus.studio.svg;
