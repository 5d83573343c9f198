/**
 * Training data: documents from text sources ({@link dev.colossus.train.data.TextSource}), tokenized into one
 * stream ({@link dev.colossus.train.data.TokenData}), split into training and validation parts, and cut into
 * windows whose choice depends only on the seed, the step and the batch position
 * ({@link dev.colossus.train.data.WindowSampler}), so that a resumed run reads exactly what an uninterrupted one does.
 */
package dev.colossus.train.data;
