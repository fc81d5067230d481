/** The default bound on one input (a file, standard input, a policy set): 64 MiB. */
export const DEFAULT_MAX_INPUT_BYTES = 64 * 1024 * 1024;
