/*
 * serve.h - `amcread serve`, the local HTTP service (serve.c).
 */
#ifndef AMC_SERVE_H
#define AMC_SERVE_H

/* Runs `amcread serve` with the arguments after "serve". Returns the exit
 * code: 0 after a clean stop (SIGINT/SIGTERM), 2 usage error, 5 when the
 * service cannot start (port taken, token file, patterns, OCR model). */
int cmd_serve(int argc, char **argv);

#endif
