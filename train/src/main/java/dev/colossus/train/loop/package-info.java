/**
 * The training loop ({@link dev.colossus.train.loop.Trainer}): data-parallel steps over a communicator's ranks,
 * validation, checkpoints, and the loss curve ({@link dev.colossus.train.loop.LossCurve}).
 */
package dev.colossus.train.loop;
