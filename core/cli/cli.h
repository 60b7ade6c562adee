/* cli.h -- the subcommands of the `whamm` tool. */
#ifndef WHAMM_CLI_H
#define WHAMM_CLI_H

int cmd_roundtrip(int argc, char **argv);
int cmd_check(int argc, char **argv);
int cmd_info(int argc, char **argv);

#endif
