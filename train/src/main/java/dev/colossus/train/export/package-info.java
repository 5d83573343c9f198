/** GGUF export of trained models, loadable by this project's engine and by llama.cpp. */
package dev.colossus.train.export;
