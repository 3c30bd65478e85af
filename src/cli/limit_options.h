/*
 * limit_options.h - the safety-limit options of the amcread program (--max-file-mb,
 * --max-mpx, ...), one table shared by the option parser, --help and the
 * error messages. Every command that reads documents accepts them.
 */
#ifndef AMC_CLI_LIMIT_OPTIONS_H
#define AMC_CLI_LIMIT_OPTIONS_H
#include "amcread.h"
#include <stddef.h>
#include <stdio.h>

/* If `arg` ("--max-mpx" or "--max-mpx=8") is a limit option, takes its value
 * (from `arg` or from *next, which is then consumed) into `ropts` and returns
 * 1; returns 0 if it is not a limit option; returns -1 with a message in msg
 * for a missing or bad value. */
int cli_limit_option(const char *arg, const char *next, int *consumed,
                     amc_reader_options *ropts, char *msg, size_t msglen);

/* Prints the "Limits" section of --help: option, default, meaning. */
void cli_limits_help(FILE *out);

/* The file-size limit in bytes for standard input (the library's default
 * unless --max-file-mb was given). */
size_t cli_limits_max_bytes(const amc_reader_options *ropts);

/* Rewrites, in place, the library's option names that an error message gives
 * in parentheses, "(max_pixels)", into this program's, "(--max-mpx)". */
void cli_limits_rename(char *msg, size_t msglen);
#endif
