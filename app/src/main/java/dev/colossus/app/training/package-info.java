/**
 * What {@code colossus train} wires from other modules into the trainer: the network's public posts as a text
 * source, chat conversations rendered with a model's chat template into masked token sequences, and the progress
 * display.
 */
package dev.colossus.app.training;
