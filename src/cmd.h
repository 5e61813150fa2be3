/*
 * Commands, in the manner of tmux's cmd_entry: each cmd_<name>.c ends
 * with one struct cmd that names the command, its options, the formats it
 * offers and the function that runs it.  cli.c parses every command's
 * arguments from that table, prints --help and usage errors from it, and
 * completion (cmd_completion.c) is generated from it; the exec function
 * starts with its arguments checked and returns the exit status.  Only
 * main.c calls exit().
 *
 * To add a command: one cmd_<name>.c with its struct cmd, one line in
 * cmd_table[] (cmd.c), a SYNOPSIS entry and a paragraph in the man page.
 */
#ifndef CMD_H
#define CMD_H

#include <stddef.h>

#include "report.h"

#define EXIT_CLEAN	0	/* all match, nothing found */
#define EXIT_FINDINGS	1	/* drift or findings */
#define EXIT_TROUBLE	2	/* usage or runtime error */

#define CMD_NO_FORMAT	(-1)	/* struct cmd's report: text only */

/*
 * A command's options are one string, written as its usage shows them:
 *
 *	--share DIR|URL		required
 *	[--model M]		optional; [--param NAME]... may repeat
 *	[--quiet]		a flag
 *	(--a X | --b Y)		one of these is required
 *	[--a X | --b]		at most one of these
 *
 * A value in capitals is a placeholder: N<=MAX is a number from 1 to MAX
 * (usage shows N), and one naming a FILE, DIR or DB is a file name for
 * completion.  A value in lower case lists the only words taken:
 * [--check pin], [--scheme https|http].  --format is not written: it
 * comes from the report.  Shared parts are macros in cli.h.
 */
#define CMD_O_REQUIRED	0x01	/* must be given (or one of its group) */
#define CMD_O_MULTI	0x02	/* may repeat; every value is kept */
#define CMD_O_PATH	0x04	/* the value names a file: completed so */

/* One option as cmd_opts() reads it from the string. */
struct cmd_opt {
	const char		*name;		/* without "--" */
	const char		*arg;		/* value in usage, NULL: a flag */
	int			 flags;		/* CMD_O_* */
	long			 max;		/* a number from 1 to max, or 0 */
	const char *const	*words;		/* the only values, or NULL */
	int			 group;		/* options sharing a nonzero
						   group exclude each other */
};

/* A command's options; cmd_opts_free() frees what cmd_opts() filled. */
struct cmd_opts {
	struct cmd_opt	 *v;		/* ends with a NULL name */
	char		 *buf;		/* the strings v points into */
	const char	**words;	/* the word lists v points to */
};

struct cmd_args;

struct cmd {
	const char		*name;
	const char		*options;	/* as above, or NULL */
	int			 report;	/* enum report_kind it prints:
						   --format offers its formats */
	const char		*args;		/* operands in usage, or NULL */
	int			 minargs;	/* operands, at least */
	int			 maxargs;	/* at most; -1: no limit */
	const char		*help;		/* --help text after the usage */
	int			(*exec)(const struct cmd_args *);
	const struct cmd *const	*subs;		/* sub-commands, NULL-ended */
};

/* cmd.c */
extern const struct cmd *const cmd_table[];

extern const struct cmd cmd_audit_entry;
extern const struct cmd cmd_completion_entry;
extern const struct cmd cmd_dhcp_entry;
extern const struct cmd cmd_diff_entry;
extern const struct cmd cmd_files_entry;
extern const struct cmd cmd_history_entry;
extern const struct cmd cmd_logs_entry;
extern const struct cmd cmd_pin_entry;
extern const struct cmd cmd_scan_entry;
extern const struct cmd cmd_show_entry;

/*
 * cli.c: the parsed arguments of one command, valid until it returns.
 * The strings are borrowed from argv.
 */
const char		 *args_get(const struct cmd_args *, const char *);
int			  args_has(const struct cmd_args *, const char *);
long			  args_num(const struct cmd_args *, const char *,
			      long);
const char *const	 *args_values(const struct cmd_args *, const char *,
			      size_t *);
const char *const	 *args_operands(const struct cmd_args *, size_t *);
enum format		  args_format(const struct cmd_args *);
const char		 *args_command(const struct cmd_args *);

void			  cmd_opts(const struct cmd *, struct cmd_opts *);
void			  cmd_opts_free(struct cmd_opts *);
unsigned		  cmd_formats(const struct cmd *);
int			  cmd_has_format(const struct cmd *);

int	cli_main(int, char **);
extern const char *cmd_progname;
int	usage_error(const char *, ...)
	    __attribute__((format(printf, 1, 2)));
int	cli_error(const char *, ...)
	    __attribute__((format(printf, 1, 2)));

#endif
