/**
 * Imported first by the CLI. V8 normally runs a regular expression in its bytecode interpreter until
 * it has been used a few times, then compiles it to machine code. The fact extractors run large
 * patterns over every cell, so a one-off `parse` spent about a third of its start-up interpreting
 * them; compiling them to machine code at once makes a cold `parse` of the seed about 200 ms faster
 * and changes no result.
 */
import { setFlagsFromString } from 'node:v8';

setFlagsFromString('--no-regexp-tier-up');
