/*
 * polyaudit completion bash: a bash completion script written from the
 * command table, so that it offers exactly the commands, options and
 * values the parser takes.
 */
#include <stdio.h>
#include <string.h>

#include "cmd.h"

static int	completion_bash(const struct cmd_args *);

static const struct cmd bash_entry = {
	.name = "bash",
	.report = CMD_NO_FORMAT,
	.help =
"Print a bash completion script for polyaudit; load it with\n"
"  source <(polyaudit completion bash)\n"
"or install it as /usr/share/bash-completion/completions/polyaudit.\n",
	.exec = completion_bash,
};

static const struct cmd *const completion_subs[] = { &bash_entry, NULL };

const struct cmd cmd_completion_entry = {
	.name = "completion",
	.subs = completion_subs,
};

/* The formats command c offers, as words. */
static void
format_words(const struct cmd *c)
{
	const char	*sep = "";
	size_t		 i;

	for (i = 0; i < FMT_COUNT; i++)
		if ((cmd_formats(c) & (1u << i)) && report_formats[i] != NULL) {
			printf("%s%s", sep, report_formats[i]->name);
			sep = " ";
		}
}

/* One "--a|--b) action ;;" arm for the options that take a value and
 * whose CMD_O_PATH flag is path; nothing if there are none. */
static void
value_arm(const struct cmd_opt *opts, int path, const char *action)
{
	const struct cmd_opt	*o;
	const char		*sep = "\t\t";

	for (o = opts; o->name != NULL; o++)
		if (o->arg != NULL && (o->flags & CMD_O_PATH) == path) {
			printf("%s--%s", sep, o->name);
			sep = "|";
		}
	if (*sep == '|')
		printf(") %s ;;\n", action);
}

/* The case arm of one command: its options, and how to complete values. */
static void
command(const char *path, const struct cmd *c)
{
	struct cmd_opts		 opts;
	const struct cmd_opt	*o;
	const char *const	*w;

	cmd_opts(c, &opts);
	printf("\t'%s')\n\t\topts='", path);
	for (o = opts.v; o->name != NULL; o++)
		printf("%s--%s", o == opts.v ? "" : " ", o->name);
	if (cmd_has_format(c))
		printf("%s--format", opts.v->name != NULL ? " " : "");
	printf("'\n\t\tcase $prev in\n");
	if (cmd_has_format(c)) {
		printf("\t\t--format) words='");
		format_words(c);
		printf("' ;;\n");
	}
	for (o = opts.v; o->name != NULL; o++) {
		if (o->words != NULL) {
			printf("\t\t--%s) words='", o->name);
			for (w = o->words; *w != NULL; w++)
				printf("%s%s", w == o->words ? "" : " ", *w);
			printf("' ;;\n");
		}
	}
	/* Files, then values nobody can guess: offer nothing for those. */
	value_arm(opts.v, CMD_O_PATH, "files=1");
	value_arm(opts.v, 0, "return");
	printf("\t\tesac ;;\n");
	cmd_opts_free(&opts);
}

/* The names of a command list, as one word list. */
static void
names(const struct cmd *const *list)
{
	for (; *list != NULL; list++)
		printf("%s%s", (*list)->name, list[1] != NULL ? " " : "");
}

static int
completion_bash(const struct cmd_args *a)
{
	const struct cmd *const	*c, *const *s;
	char			 path[128];

	(void)a;
	printf("# bash completion for %s; written by '%s completion bash'\n"
	    "_polyaudit()\n{\n"
	    "\tlocal cur=${COMP_WORDS[COMP_CWORD]} "
	    "prev=${COMP_WORDS[COMP_CWORD-1]}\n"
	    "\tlocal cmd=${COMP_WORDS[1]} opts= words= files=\n"
	    "\tCOMPREPLY=()\n"
	    "\tif [ \"$COMP_CWORD\" -eq 1 ]; then\n"
	    "\t\tCOMPREPLY=($(compgen -W '", cmd_progname, cmd_progname);
	names(cmd_table);
	printf(" --help --version' -- \"$cur\"))\n\t\treturn\n\tfi\n"
	    "\tcase $cmd in\n");
	for (c = cmd_table; *c != NULL; c++) {
		if ((*c)->subs == NULL)
			continue;
		printf("\t%s)\n\t\tif [ \"$COMP_CWORD\" -eq 2 ]; then\n"
		    "\t\t\tCOMPREPLY=($(compgen -W '", (*c)->name);
		names((*c)->subs);
		printf("' -- \"$cur\"))\n\t\t\treturn\n\t\tfi\n"
		    "\t\tcmd=\"$cmd ${COMP_WORDS[2]}\" ;;\n");
	}
	printf("\tesac\n\tcase $cmd in\n");
	for (c = cmd_table; *c != NULL; c++) {
		if ((*c)->subs == NULL) {
			command((*c)->name, *c);
			continue;
		}
		for (s = (*c)->subs; *s != NULL; s++) {
			snprintf(path, sizeof(path), "%s %s", (*c)->name,
			    (*s)->name);
			command(path, *s);
		}
	}
	printf("\t*) return ;;\n\tesac\n"
	    "\tif [ -n \"$words\" ]; then\n"
	    "\t\tCOMPREPLY=($(compgen -W \"$words\" -- \"$cur\"))\n"
	    "\telif [ -n \"$files\" ]; then\n"
	    "\t\tCOMPREPLY=($(compgen -f -- \"$cur\"))\n"
	    "\telse\n"
	    "\t\tCOMPREPLY=($(compgen -W \"$opts --help\" -- \"$cur\"))\n"
	    "\tfi\n}\n"
	    "complete -o filenames -F _polyaudit %s\n", cmd_progname);
	return EXIT_CLEAN;
}
