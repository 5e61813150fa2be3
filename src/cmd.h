/*
 * Subcommands.  Each lives in cmd_<name>.c, parses its own options and
 * returns the process exit status; only main.c calls exit().
 */
#ifndef CMD_H
#define CMD_H

#define EXIT_CLEAN	0	/* all match, nothing found */
#define EXIT_FINDINGS	1	/* drift or findings */
#define EXIT_TROUBLE	2	/* usage or runtime error */

int	cmd_dhcp(int, char **);
int	cmd_diff(int, char **);
int	cmd_audit(int, char **);
int	cmd_files(int, char **);
int	cmd_history(int, char **);
int	cmd_pin(int, char **);
int	cmd_scan(int, char **);
int	cmd_show(int, char **);

/* main.c */
extern const char *cmd_progname;
int	usage_error(const char *, ...)
	    __attribute__((format(printf, 1, 2)));

#endif
